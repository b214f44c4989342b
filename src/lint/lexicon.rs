//! Word knowledge shared by the spelling rules: the vendored Hunspell en_US dictionary
//! (assets/dict, SCOWL-based) checked with spellbook, the shipped medical lexicon, the
//! British and Canadian spellings (SCOWL) for guides in those locales, the project
//! vocabulary, and the typos-dict list of known misspellings. Each distinct word is looked
//! up once per run and locale.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock, RwLock};

const AFF: &str = include_str!("../../assets/dict/en_US.aff");
const DIC: &str = include_str!("../../assets/dict/en_US.dic");
/// Patient-facing medical words (MIT, written for guidepress).
const MEDICAL: &str = include_str!("../../assets/dict/medical.txt");
/// Words SCOWL's larger American lists add to en_US (generate-vocabulary.py).
static EN_US_EXTRA: SortedWords = SortedWords(include_str!("../../assets/dict/en_US-extra.txt"));
/// Spellings a locale adds to the American lists (SCOWL, permissive licence).
static EN_GB: SortedWords = SortedWords(include_str!("../../assets/dict/en_GB-extra.txt"));
static EN_CA: SortedWords = SortedWords(include_str!("../../assets/dict/en_CA-extra.txt"));
/// British forms of the American and medical words by the regular correspondences
/// (assets/dict/british-spelling.tsv: -ise, -our, -re, -aemia, oedema, -ll- …).
static EN_GB_DERIVED: SortedWords =
    SortedWords(include_str!("../../assets/dict/en_GB-derived.txt"));
/// The lists each locale adds, in the order suggestions prefer them.
static GB_LISTS: [&SortedWords; 2] = [&EN_GB, &EN_GB_DERIVED];
static CA_LISTS: [&SortedWords; 1] = [&EN_CA];
/// Words of ICD-10-CM (CMS, public domain) and FDA substance and brand names (public domain).
static ICD10CM: SortedWords = SortedWords(include_str!("../../assets/dict/medical-icd10cm.txt"));
static DRUGS: SortedWords = SortedWords(include_str!("../../assets/dict/medical-drugs.txt"));
/// Words of the ICD-10-PCS index and ICD-9-CM procedure titles (CMS, public domain).
static PROCEDURES: SortedWords =
    SortedWords(include_str!("../../assets/dict/medical-procedures.txt"));
/// Words of the MeSH descriptor names (NLM Medical Subject Headings, public domain).
static MESH: SortedWords = SortedWords(include_str!("../../assets/dict/medical-mesh.txt"));
/// Words of the Human Disease Ontology's labels and synonyms (CC0 1.0).
static DOID: SortedWords = SortedWords(include_str!("../../assets/dict/medical-doid.txt"));
/// Words of the Mondo Disease Ontology's labels and synonyms and Orphanet's disease names (CC BY
/// 4.0): rare-disease names with their eponyms (`Koebner`, `Ogna`).
static MONDO: SortedWords = SortedWords(include_str!("../../assets/dict/medical-mondo.txt"));
/// SCOWL's common words (size 35): among equally close suggestions, these come first.
static COMMON: SortedWords = SortedWords(include_str!("../../assets/dict/common-words.txt"));
/// True when SCOWL counts the word (any case) among the common words (size 35).
pub(crate) fn common_word(word: &str) -> bool {
    COMMON.contains(&word.to_lowercase())
}

/// The generated medical lists, in the order suggestions prefer them.
static MEDICAL_SOURCES: [&SortedWords; 6] = [&ICD10CM, &PROCEDURES, &DRUGS, &MESH, &DOID, &MONDO];
/// The lists whose capitalised entries are names a typos-dict key may not "correct" when written
/// as listed (see [`medical_name`]): every medical list but the FDA one, whose brands (`Stik`,
/// `Rela`) are also slips of common words (*stick*, *real*).
static NAME_SOURCES: [&SortedWords; 5] = [&ICD10CM, &PROCEDURES, &MESH, &DOID, &MONDO];
/// The lists whose every word may be offered as a suggestion; Mondo offers only its lower-case
/// words (`anophthalmia`): its names (`Quie`, `Melki`, `Strom`, eponyms of rare syndromes)
/// crowded common words (`quik` → quick, quirk) out of the suggestions.
static OFFERED_SOURCES: [&SortedWords; 5] = [&ICD10CM, &PROCEDURES, &DRUGS, &MESH, &DOID];
/// Medical words the typos-dict list wrongly "corrects", with the reason each is a word.
const TYPO_ALLOW: &str = include_str!("../../assets/dict/misspelling-allow.tsv");
/// Words never offered as corrections in health content.
const DENY: &str = include_str!("../../assets/dict/suggest-deny.txt");

/// A generated word list (assets/dict/generate-vocabulary.py): `#` header lines, then one
/// word per line sorted by ASCII-lower-case bytes. Looked up by binary search over the
/// text itself, so a list costs nothing at start-up. A word listed with a capital is a name,
/// accepted as written or in capitals; a lower-case word is accepted in any case.
pub(crate) struct SortedWords(&'static str);

impl SortedWords {
    fn body(&self) -> &'static [u8] {
        let text = self.0.as_bytes();
        let mut at = 0;
        while text.get(at) == Some(&b'#') {
            at = text[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |p| at + p + 1);
        }
        &text[at..]
    }

    /// Every listed word, as listed.
    pub(crate) fn words(&self) -> impl Iterator<Item = &'static str> {
        std::str::from_utf8(self.body())
            .unwrap_or("")
            .lines()
            .filter(|l| !l.is_empty())
    }

    /// True when `word` is listed (see the type's case rule).
    pub(crate) fn contains(&self, word: &str) -> bool {
        // keys are compared ASCII-lower-cased: `ABBÉ` is looked up as `abbé` too
        self.lookup(word)
            || (!word.is_ascii() && {
                let lower = word.to_lowercase();
                lower != word && self.lookup(&lower)
            })
    }

    fn lookup(&self, word: &str) -> bool {
        let body = self.body();
        let key = word.as_bytes();
        let cmp = |line: &[u8]| {
            line.iter()
                .map(u8::to_ascii_lowercase)
                .cmp(key.iter().map(u8::to_ascii_lowercase))
        };
        let line_at = |start: usize| {
            let end = body[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(body.len(), |p| start + p);
            (start, end)
        };
        // lower bound: the first line not below the key
        let (mut lo, mut hi) = (0, body.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let start = body[..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let (s, e) = line_at(start);
            if cmp(&body[s..e]).is_lt() {
                lo = e + 1;
            } else {
                hi = s;
            }
        }
        let upper = !word.chars().any(char::is_lowercase);
        let mut at = lo;
        while at < body.len() {
            let (s, e) = line_at(at);
            let line = &body[s..e];
            if !cmp(line).is_eq() {
                break;
            }
            if !line.iter().any(u8::is_ascii_uppercase) || line == key || upper {
                return true;
            }
            at = e + 1;
        }
        false
    }
}

/// Which spelling a guide is checked with (from its `language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    EnUs,
    /// British spelling: en-GB, and en-AU, en-NZ, en-IE, which follow it.
    EnGb,
    EnCa,
}

impl Locale {
    /// The locale for a BCP 47 tag, and whether it is a fallback (no dictionary for the tag).
    pub fn for_language(tag: &str) -> (Locale, bool) {
        let lower = tag.to_ascii_lowercase();
        let mut parts = lower.split('-');
        if parts.next() != Some("en") {
            return (Locale::EnUs, true);
        }
        match parts.find(|p| p.len() == 2 || p.len() == 3) {
            None | Some("us") => (Locale::EnUs, false),
            Some("gb" | "uk" | "au" | "nz" | "ie") => (Locale::EnGb, false),
            Some("ca") => (Locale::EnCa, false),
            Some(_) => (Locale::EnUs, true),
        }
    }

    fn extra(self) -> &'static [&'static SortedWords] {
        match self {
            Locale::EnUs => &[],
            Locale::EnGb => &GB_LISTS,
            Locale::EnCa => &CA_LISTS,
        }
    }
}

/// What the lexicon knows about a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Known,
    /// A known misspelling (typos-dict) with its corrections.
    Typo(Vec<String>),
    Unknown,
}

fn word_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A list of words for lookups (lower-cased) and suggestions (as written).
#[derive(Default)]
struct WordSet {
    lower: HashSet<String>,
    list: Vec<String>,
}

impl WordSet {
    fn from<'a>(words: impl Iterator<Item = &'a str>) -> WordSet {
        let mut set = WordSet::default();
        for w in words {
            if set.lower.insert(w.to_lowercase()) {
                set.list.push(w.to_string());
            }
        }
        set
    }
    fn contains(&self, lower: &str) -> bool {
        self.lower.contains(lower)
    }
}

pub struct Lexicon {
    /// Dictionaries the project adds (`dictionaries` in the config).
    extra: Vec<Arc<spellbook::Dictionary>>,
    /// Project vocabulary + ignore list.
    vocabulary: WordSet,
    /// The shipped medical lexicon.
    medical: WordSet,
    /// Medical words the typos-dict list must not flag.
    typo_allow: HashSet<String>,
    deny: HashSet<String>,
    /// Word statuses already computed, one map per locale (looked up by `&str`: no key to
    /// allocate on a hit).
    cache: [RwLock<HashMap<String, Status>>; 3],
    suggestions: RwLock<HashMap<String, Vec<String>>>,
    /// word as written -> Snowball stem of its lower-case form (shared by all guides of a run)
    stems: RwLock<HashMap<String, Arc<str>>>,
}

/// The en_US dictionary's accepted spellings of letters and apostrophes, as compiled by
/// build.rs: every form its .dic and .aff generate, as written, Title-cased and in capitals,
/// kept when spellbook accepts it. Read in place (no parsing).
const EN_US_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en_US.fst"));

fn en_us_forms() -> &'static fst::Set<&'static [u8]> {
    static SET: OnceLock<fst::Set<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| fst::Set::new(EN_US_FST).expect("build.rs writes a valid FST"))
}

/// True when the compiled forms decide the word exactly as spellbook would: letters with
/// inner apostrophes, possibly joined by hyphens. Hunspell checks such a word as written,
/// Title-cased or lower-cased, then (the default `BREAK` patterns `^-`, `-$` and `-`, which
/// en_US.aff keeps) part by part; no number, trailing dot or compound rule applies. Other
/// words go to the parsed dictionary.
fn forms_decide(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && word
            .split('-')
            .all(|part| !part.starts_with('\'') && !part.ends_with('\''))
}

/// The en_US Hunspell check: the compiled forms when they decide, else the parsed dictionary.
fn en_us_check(word: &str) -> bool {
    if !forms_decide(word) {
        return en_us().check(word);
    }
    // spellbook's limit, checked before anything else
    word.len() <= spellbook::MAX_WORD_LEN && forms_break(word, 0)
}

/// spellbook's `do_spell_break` on the compiled forms: the whole word, else without a
/// leading or trailing hyphen, else split at its first hyphen with both parts known (nine
/// levels at most).
fn forms_break(word: &str, depth: usize) -> bool {
    if en_us_forms().contains(word) {
        return true;
    }
    if depth == 9 {
        return false;
    }
    if word
        .strip_prefix('-')
        .is_some_and(|rest| forms_break(rest, depth + 1))
        || word
            .strip_suffix('-')
            .is_some_and(|rest| forms_break(rest, depth + 1))
    {
        return true;
    }
    word.split_once('-').is_some_and(|(first, rest)| {
        !rest.is_empty() && forms_break(first, depth + 1) && forms_break(rest, depth + 1)
    })
}

/// The vendored en_US Hunspell dictionary, parsed on first need (suggestions, and words the
/// compiled forms do not decide) once per process and shared by the lexicons of every
/// configuration (parsing takes about 20 ms).
fn en_us() -> &'static EnUs {
    static DICT: std::sync::OnceLock<EnUs> = std::sync::OnceLock::new();
    DICT.get_or_init(parse_en_us)
}

/// The en_US dictionary with a fixed hasher: spellbook's default hasher is seeded at random
/// per process, and the order of its suggestions (equally good candidates, found by walking
/// its hash tables) followed the seed, so two runs on the same text could print different
/// suggestions.
type EnUs = spellbook::Dictionary<rustc_hash::FxBuildHasher>;

fn parse_en_us() -> EnUs {
    spellbook::Dictionary::new_with_hasher(AFF, DIC, rustc_hash::FxBuildHasher)
        .expect("vendored en_US dictionary parses (tested)")
}

/// The word and the singulars it may be a regular plural of, each as written and lower-cased:
/// -s (not after s: `epidermiss` is a typo), -es after a sibilant, -ies for -y.
fn plural_forms<'w>(word: &'w str, lower: &'w str) -> impl Iterator<Item = (String, String)> + 'w {
    let cut = |n: usize| {
        (
            word[..word.len() - n].to_string(),
            lower[..lower.len() - n].to_string(),
        )
    };
    let same_len = word.len() == lower.len();
    // not after a consonant and y either: `bodys`, `activitys` are typos of -ies
    let s = (same_len
        && lower.strip_suffix('s').is_some_and(|stem| {
            let consonant_y = stem.ends_with('y')
                && stem
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| !"aeiou".contains(c));
            !stem.ends_with('s') && !stem.is_empty() && !consonant_y
        }))
    .then(|| cut(1));
    let es = (same_len
        && lower.strip_suffix("es").is_some_and(|stem| {
            stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh")
        }))
    .then(|| cut(2));
    let ies = (same_len && lower.len() > 3 && lower.ends_with("ies")).then(|| {
        let (w, l) = cut(3);
        (format!("{w}y"), format!("{l}y"))
    });
    std::iter::once((word.to_string(), lower.to_string()))
        .chain(s)
        .chain(es)
        .chain(ies)
}

/// Prefixes that make new words from known ones in health writing (see `Lexicon::prefixed`).
/// The second line's each hide at most 0.016 % of the typos (`pro`: 3 of 18,981; `profilaggrin`
/// from *filaggrin*, `proinsulin`).
const PREFIXES: &[&str] = &[
    "non", "re", "pre", "post", "anti", "de", "sub", "multi", "semi", "hyper", "hypo", "chemo",
    "photo", "micro", "inter", "intra", "over", "under", "counter", "pseudo", "pro", "bio",
    "neuro", "immuno", "endo", "peri", "trans", "extra", "auto", "tele",
];

/// Regular suffix changes that make an adjective of a medical noun (noun ending, adjective
/// ending), the regular Greek and Latin word-formation of medical terms: -cyte /
/// -cytic, -osis / -otic, -asis / -atic, -ysis / -ytic, -esis / -etic, -itis / -itic, -oma /
/// -omatous, -emia / -emic (and -aemia / -aemic), -plasia / -plastic, -pathy / -pathic,
/// -trophy / -trophic, -ology / -ologic and -ological. Read by `Lexicon::derived`.
const DERIVATIONS: &[(&str, &str)] = &[
    ("cyte", "cytic"),
    ("osis", "otic"),
    ("asis", "atic"),
    ("ysis", "ytic"),
    ("esis", "etic"),
    ("itis", "itic"),
    ("oma", "omatous"),
    ("emia", "emic"),
    ("aemia", "aemic"),
    ("plasia", "plastic"),
    ("pathy", "pathic"),
    ("trophy", "trophic"),
    ("ology", "ologic"),
    ("ology", "ological"),
];

fn normalise(word: &str) -> String {
    word.replace('’', "'").replace('\u{AD}', "")
}

/// The largest edit distance at which a word is still offered as a correction: small
/// relative to the word (1 for short words, about a quarter of a long one).
fn max_distance(word: &str) -> usize {
    (word.chars().count() / 4).clamp(1, 3)
}

impl Lexicon {
    /// Build from project words (vocabulary files and ignore list).
    pub fn new(project_words: &[String]) -> Lexicon {
        Lexicon::with_dictionaries(project_words, Vec::new())
    }

    /// Like [`Lexicon::new`], with extra Hunspell dictionaries (checked after the others).
    pub(crate) fn with_dictionaries(
        project_words: &[String],
        extra: Vec<Arc<spellbook::Dictionary>>,
    ) -> Lexicon {
        Lexicon {
            extra,
            vocabulary: WordSet::from(project_words.iter().map(String::as_str)),
            medical: WordSet::from(word_lines(MEDICAL)),
            typo_allow: word_lines(TYPO_ALLOW)
                .filter_map(|l| l.split('\t').next())
                .map(str::to_lowercase)
                .collect(),
            deny: word_lines(DENY).map(str::to_lowercase).collect(),
            cache: Default::default(),
            suggestions: RwLock::new(HashMap::default()),
            stems: RwLock::new(HashMap::default()),
        }
    }

    /// Look a single word up in en-US (no hyphen splitting), cached.
    pub fn status(&self, word: &str) -> Status {
        self.status_in(word, Locale::EnUs)
    }

    /// Look a single word up in `locale`, cached.
    pub fn status_in(&self, word: &str, locale: Locale) -> Status {
        let cache = &self.cache[locale as usize];
        if let Some(s) = cache.read().expect("lexicon lock").get(word) {
            return s.clone();
        }
        let s = self.compute(word, locale);
        cache
            .write()
            .expect("lexicon lock")
            .insert(word.to_string(), s.clone());
        s
    }

    /// True when the word is a project, medical or locale word, or a regular plural of one.
    fn listed(&self, word: &str, locale: Locale) -> bool {
        let lower = word.to_lowercase();
        let one = |w: &str, lw: &str| {
            self.vocabulary.contains(lw)
                || self.medical.contains(lw)
                || locale.extra().iter().any(|l| l.contains(w))
        };
        plural_forms(word, &lower).any(|(w, lw)| one(&w, &lw))
    }

    /// True when a generated medical list (ICD-10-CM, FDA names) has the word or, for a
    /// regular plural, its singular.
    fn medical_source(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        // a name takes no plural (`Crohns` is Crohn's without its apostrophe): singulars are
        // looked up lower-case, which only a lower-case entry matches
        plural_forms(word, &lower).enumerate().any(|(i, (w, lw))| {
            let form = if i == 0 { w } else { lw };
            MEDICAL_SOURCES.iter().any(|l| l.contains(&form))
        })
    }

    /// True when the word is a medical word: in the written medical list or a generated one
    /// (ICD-10-CM, procedures, FDA names, MeSH), as written or as a regular plural.
    pub(crate) fn medical_word(&self, word: &str) -> bool {
        self.medical.contains(&word.to_lowercase()) || self.medical_source(word)
    }

    /// True when a medical word is the plural of `word` (`comedone` of `comedones`): a
    /// singular written for a listed plural.
    fn singular_of_listed(&self, lower: &str) -> bool {
        if lower.chars().count() < 5 || lower.ends_with('s') {
            return false;
        }
        let plural = format!("{lower}s");
        self.medical.contains(&plural) || MEDICAL_SOURCES.iter().any(|l| l.contains(&plural))
    }

    fn compute(&self, word: &str, locale: Locale) -> Status {
        let w = normalise(word);
        // the allow-list's words are reviewed words, each with its reason
        if self.listed(&w, locale) || self.typo_allow.contains(&w.to_lowercase()) {
            return Status::Known;
        }
        // a name a generated medical list writes with its capitals, written so (`Koebner`,
        // `Ogna`; not in lower case, not in capitals): typos-dict's keys are lower-case slips of
        // common words, which a name written as the sources write it is not
        if medical_name(&w) {
            return Status::Known;
        }
        // typos-dict lists words that are almost always typos even when a dictionary knows
        // them ("calender"); only the project, medical and locale lists (above) and the
        // allow-list of medical words it wrongly corrects override it
        if let Some(mut fixes) = super::misspellings::find(&w) {
            // closest first (`protectoin`: protection before protections), else as listed
            let lw = w.to_lowercase();
            let sound = skeleton(&lw);
            fixes.sort_by_key(|f| {
                let fl = f.to_lowercase();
                (
                    slip_distance(&lw, &fl),
                    skeleton(&fl) != sound,
                    !COMMON.contains(&fl),
                )
            });
            return Status::Typo(fixes.iter().map(|f| match_case(word, f)).collect());
        }
        if self.known(&w, locale) {
            return Status::Known;
        }
        // loanwords and eponyms: "café", "naïve", "Behçet's" are spelled without accents in
        // en_US and in the sources (`Behcet` in MeSH); a possessive on the folded form too
        let folded = fold_accents(&w);
        let forms: &[&str] = if folded != w { &[&w, &folded] } else { &[&w] };
        for (i, form) in forms.iter().enumerate() {
            if i > 0 && (self.known(form, locale) || self.listed(form, locale)) {
                return Status::Known;
            }
            for suffix in ["'s", "'"] {
                if let Some(stem) = form.strip_suffix(suffix)
                    && !stem.is_empty()
                    && (self.known(stem, locale) || self.listed(stem, locale))
                {
                    return Status::Known;
                }
            }
        }
        let lower = w.to_lowercase();
        if self.singular_of_listed(&lower)
            || self.prefixed(&lower, locale)
            || self.derived(&lower)
            || enzyme_notation(&w)
        {
            return Status::Known;
        }
        Status::Unknown
    }

    /// An adjective made by a regular medical suffix change from a noun a medical list has
    /// (`keratinocyte` → `keratinocytic`, `granuloma` → `granulomatous`, `fibrosis` →
    /// `fibrotic`; [`DERIVATIONS`]). Only from medical words of six letters or more, never
    /// from the general lists: measured on the 18,981 typos of assets/dict/PROVENANCE.md.
    fn derived(&self, lower: &str) -> bool {
        DERIVATIONS.iter().any(|(noun, adjective)| {
            lower.strip_suffix(adjective).is_some_and(|stem| {
                let base = format!("{stem}{noun}");
                stem.chars().count() >= 3
                    && base.chars().count() >= 6
                    && stem.chars().all(char::is_alphabetic)
                    && self.medical_word(&base)
            })
        })
    }

    /// A known word of four letters or more behind a productive prefix: `nonmelanoma`,
    /// `retreatment`, `reexposure`, `chemopreventive`. Each prefix was measured on 18,981
    /// single-edit typos of common words (assets/dict/PROVENANCE.md): together they accept
    /// about 0.3 % of them; `un` and `co` are left out (`untill`, `comode`).
    fn prefixed(&self, lower: &str, locale: Locale) -> bool {
        PREFIXES.iter().any(|p| {
            lower.strip_prefix(p).is_some_and(|rest| {
                rest.chars().count() >= 4
                    && rest.chars().all(char::is_alphabetic)
                    && super::misspellings::find(rest).is_none()
                    && (self.known(rest, locale)
                        || self.listed(rest, locale)
                        || self.singular_of_listed(rest)
                        || self.derived(rest))
            })
        })
    }

    /// The dictionaries proper: Hunspell en_US, SCOWL's larger lists, the generated medical
    /// lists and the project's extra Hunspell dictionaries.
    fn known(&self, w: &str, _locale: Locale) -> bool {
        let lower = w.to_lowercase();
        en_us_check(w)
            // SCOWL lists adjectives without the plural they take as nouns (thrombolytics)
            || plural_forms(w, &lower).skip(1).any(|(f, _)| {
                EN_US_EXTRA.contains(&f) || (f.chars().count() >= 6 && en_us_check(&f))
            })
            || EN_US_EXTRA.contains(w)
            || self.medical_source(w)
            || self.extra.iter().any(|d| d.check(w))
    }

    /// True when the en_US Hunspell dictionary alone accepts the word (the baseline the
    /// medical lexicon is measured against).
    pub fn dictionary_only(&self, word: &str) -> bool {
        en_us_check(&normalise(word))
    }

    /// The English (Snowball) stem of a word's lower-case form, cached for the whole run.
    pub(crate) fn stem(&self, word: &str) -> Arc<str> {
        if let Some(s) = self.stems.read().expect("lexicon lock").get(word) {
            return Arc::clone(s);
        }
        static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
        let stemmer = STEMMER
            .get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
        let lower = normalise(word).to_lowercase();
        let stem: Arc<str> = Arc::from(stemmer.stem(&lower).as_ref());
        self.stems
            .write()
            .expect("lexicon lock")
            .insert(word.to_string(), Arc::clone(&stem));
        stem
    }

    /// Suggestions a clinician would accept, closest first: every candidate is ranked by
    /// edit distance before anything else (`protectoin` → `protection`, then
    /// `protections`); at the same distance project vocabulary and medical words come first
    /// (by sound), then the dictionary's in Hunspell's order. Only words close to the one
    /// written, never a word from the deny-list; a possessive is corrected on its stem
    /// (`Chron's` → `Crohn's`).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        self.suggest_in(word, Locale::EnUs)
    }

    /// Like [`Lexicon::suggest`], with the locale's own spellings among the candidates
    /// (`diarhoea` → `diarrhoea` in en-GB).
    // Long because the ranking of candidates (edit distance, splits, common words, sound-alikes,
    // possessives and -ies plurals, then the filters on the ranked list) is one ordering whose
    // tie-breaks are explained where they apply, and reads best in one place.
    pub(crate) fn suggest_in(&self, word: &str, locale: Locale) -> Vec<String> {
        let key = format!("{}\u{1f}{word}", locale as usize);
        if let Some(s) = self.suggestions.read().expect("lexicon lock").get(&key) {
            return s.clone();
        }
        let norm = normalise(word);
        let (stem, tail) = match norm.strip_suffix("'s") {
            Some(stem) if stem.chars().count() > 1 => (stem.to_string(), "'s"),
            _ => (norm.clone(), ""),
        };
        let lower = stem.to_lowercase();
        let limit = max_distance(&lower);
        // (distance, split in two, not a common word, source): a split (`be fro` for
        // `befro`) counts one edit more and loses ties; at equal distance a common word
        // (`about` for `abot`) comes before a rare one (`bot`)
        // then same consonants (`diabetis`: diabetes before diabetics; `Nationl`: National
        // before Nation), then common words
        let sound = skeleton(&lower);
        let moved = sorted_letters(&lower);
        let rank = |d: usize, s: &str, source: usize| {
            let split = s.contains([' ', '-']);
            let common = s
                .split([' ', '-'])
                .all(|p| COMMON.contains(&p.to_lowercase()));
            // ... unless it only puts back a space between a word and a common one
            // (`weeksmay` → `weeks may` before `weekday`; `befro` → `before`, not `be fro`)
            let spaced = split
                && s.split_once([' ', '-']).is_some_and(|(a, b)| {
                    let common = |p: &str| COMMON.contains(&p.to_lowercase());
                    (a.len() >= 4 && common(b)) || (b.len() >= 4 && common(a))
                });
            let sl = s.to_lowercase();
            // (letters moved about sound alike too: `Chron`, `Crohn`)
            let heard = skeleton(&sl) == sound || sorted_letters(&sl) == moved;
            (
                d + usize::from(split && !spaced),
                split,
                !heard,
                !common,
                source,
            )
        };
        let mut ranked: Vec<(Rank, String)> = self
            .close(&lower, limit, locale)
            .into_iter()
            .map(|(d, v)| (rank(d, v, 0), name_case(&stem, v)))
            .collect();
        // `Crohns`: a possessive without its apostrophe
        if tail.is_empty()
            && let Some(base) = stem.strip_suffix('s')
            && base.chars().count() > 2
        {
            let possessive = format!("{base}'s");
            if self.status_in(&possessive, locale) == Status::Known
                && self.status_in(base, locale) == Status::Known
            {
                ranked.insert(0, (rank(1, &possessive, 0), possessive));
            }
        }
        // `bodys`, `activitys`: the -ies plural is one slip away
        if let Some(base) = lower.strip_suffix("ys")
            && base.chars().last().is_some_and(|c| !"aeiou".contains(c))
        {
            let plural = format!("{base}ies");
            if self.status_in(&plural, locale) == Status::Known {
                // first among equals: the slip is the likelier one
                ranked.insert(0, (rank(1, &plural, 0), match_case(&stem, &plural)));
            }
        }
        let mut dict_s = Vec::new();
        en_us().suggest(&stem, &mut dict_s);
        for s in dict_s {
            let d = strsim::damerau_levenshtein(&lower, &s.to_lowercase());
            if d <= limit.max(2) {
                ranked.push((rank(d, &s, 1), s));
            }
        }
        // stable: equal candidates keep their source's own order
        ranked.sort_by_key(|(key, _)| *key);
        // a split into words none of which is common (`Infranix` → `Infra nix`, `Infra-nix`)
        // is no help; a hyphenated word is a split when it is also offered with a space
        let splits: Vec<String> = ranked
            .iter()
            .filter(|(_, s)| s.contains(' '))
            .map(|(_, s)| s.replace(' ', "-"))
            .collect();
        let unhelpful = |s: &str| {
            (s.contains(' ') || splits.iter().any(|x| x == s))
                && !s
                    .split([' ', '-'])
                    .any(|p| COMMON.contains(&p.to_lowercase()))
        };
        let mut out: Vec<String> = Vec::new();
        for (_, s) in ranked {
            // the word itself, as written, is no correction
            if s != stem
                && !unhelpful(&s)
                && !self.deny.contains(&s.to_lowercase())
                && !out.iter().any(|o| o.eq_ignore_ascii_case(&s))
            {
                out.push(s);
            }
        }
        out.truncate(5);
        for s in &mut out {
            s.push_str(tail);
        }
        self.suggestions
            .write()
            .expect("lexicon lock")
            .insert(key, out.clone());
        out
    }

    /// Project and medical words within `limit` edits of `lower`, best first: by distance,
    /// then by sound (same consonant skeleton, then the closest respelling), then project
    /// words before the medical lexicon before the generated medical lists (ICD-10-CM, FDA
    /// names; only those sharing the word's first letter are compared).
    fn close(&self, lower: &str, limit: usize, locale: Locale) -> Vec<(usize, &str)> {
        let len = lower.chars().count();
        let sound = skeleton(lower);
        let spoken = respell(lower);
        let first = lower.chars().next();
        let letters = sorted_letters(lower);
        let generated = OFFERED_SOURCES
            .iter()
            .copied()
            .chain(locale.extra().iter().copied())
            // SCOWL's larger American list holds the variants British spelling uses
            // (`diarrhoea`); for en-US its rare words would only crowd out the right one
            .chain((locale != Locale::EnUs).then_some(&EN_US_EXTRA))
            .flat_map(|l| l.words())
            .chain(MONDO.words().filter(|v| !v.starts_with(char::is_uppercase)))
            .filter(|v| v.chars().next().map(|c| c.to_ascii_lowercase()) == first)
            .map(|v| (2, v));
        let mut scored: Vec<(usize, bool, usize, usize, &str)> = self
            .vocabulary
            .list
            .iter()
            .map(|v| (0, v.as_str()))
            .chain(self.medical.list.iter().map(|v| (1, v.as_str())))
            .chain(generated)
            .filter(|(_, v)| v.chars().count().abs_diff(len) <= limit)
            .filter_map(|(rank, v)| {
                let vl = v.to_lowercase();
                let d = strsim::damerau_levenshtein(lower, &vl);
                // letters moved about (`Chron` for Crohn) stay in reach at two edits
                // (one letter moved is one slip: ranked as one edit)
                let shuffled = d == 2 && letters == sorted_letters(&vl);
                let d = if shuffled { 1 } else { d };
                (d <= limit).then(|| {
                    let heard = strsim::damerau_levenshtein(&spoken, &respell(&vl));
                    (d, skeleton(&vl) != sound, heard, rank, v)
                })
            })
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.4.eq_ignore_ascii_case(b.4));
        scored.into_iter().map(|(d, _, _, _, v)| (d, v)).collect()
    }
}

/// True when a generated medical list has the word as a name exactly as written: an entry with
/// a capital (`Koebner`), matched with its case, the word not in capitals (an acronym) and not
/// listed in lower case, in one of [`NAME_SOURCES`] (a brand that is also a slip of a common
/// word would hide that slip at the start of every sentence).
fn medical_name(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && NAME_SOURCES
            .iter()
            .any(|l| l.contains(word) && !l.contains(&word.to_lowercase()))
}

/// The enzyme notation of biochemistry: the abbreviation of a substrate in capitals and `-ase`
/// (`ATPase`, `GTPase`, `RNase`, `DNase`, `NTPases`). Two to five capitals (an acronym the
/// spelling rule accepts on its own), then `ase` or `ases`; never when the word in lower case is
/// a dictionary word (`PHase`, `CHase`: a capital held too long on *phase*, *chase*).
fn enzyme_notation(word: &str) -> bool {
    let caps = word.chars().take_while(char::is_ascii_uppercase).count();
    let rest = &word[caps..];
    (2..=5).contains(&caps)
        && (rest == "ase" || rest == "ases")
        && !en_us_check(&word.to_lowercase())
}

/// Edit distance, counting `-ys` written for `-ies` (`bodys`, `activitys`) as one slip.
fn slip_distance(written: &str, candidate: &str) -> usize {
    if let Some(base) = written.strip_suffix("ys")
        && candidate.strip_suffix("ies") == Some(base)
    {
        return 1;
    }
    strsim::damerau_levenshtein(written, candidate)
}

/// How a suggestion ranks: distance, split in two, sounds different, not common, source.
type Rank = (usize, bool, bool, bool, usize);

fn sorted_letters(word: &str) -> Vec<char> {
    let mut l: Vec<char> = word.chars().collect();
    l.sort_unstable();
    l
}

/// A suggestion in the case of the word written, except that a name keeps its capitals
/// (`chrons` → `Crohn`).
fn name_case(written: &str, candidate: &str) -> String {
    if candidate.chars().any(char::is_uppercase) && !candidate.chars().all(char::is_uppercase) {
        if written.chars().count() > 1 && !written.chars().any(char::is_lowercase) {
            return candidate.to_uppercase();
        }
        return candidate.to_string();
    }
    match_case(written, candidate)
}

/// Letters that sound alike written alike (`y`→`i`, `ph`→`f`, `k`/`q`→`c`), to break ties
/// between equally distant candidates (`keratosys` → `keratosis`, not `keratoses`).
fn respell(word: &str) -> String {
    word.replace("ph", "f")
        .chars()
        .map(|c| match c {
            'y' => 'i',
            'k' | 'q' => 'c',
            'z' => 's',
            c => c,
        })
        .collect()
}

/// A rough sound key: the consonants, with doubled letters and vowels dropped
/// (`tretinion` and `tretinoin` share `trtn`).
fn skeleton(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        let c = match c {
            'k' | 'q' => 'c',
            'z' => 's',
            'y' => 'i',
            c => c,
        };
        if "aeiou".contains(c) || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

pub(crate) use crate::text::fold_accents;

/// Give `replacement` the capitalisation pattern of `original` (Title or UPPER).
pub(crate) fn match_case(original: &str, replacement: &str) -> String {
    let mut chars = original.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let all_upper = original
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && original.chars().count() > 1;
    if all_upper {
        replacement.to_uppercase()
    } else if first_upper {
        let mut c = replacement.chars();
        c.next().map_or(String::new(), |f| {
            f.to_uppercase().collect::<String>() + c.as_str()
        })
    } else {
        replacement.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_lists_are_sorted_and_every_word_is_found() {
        for (name, list) in [
            ("en_US-extra", &EN_US_EXTRA),
            ("en_GB-extra", &EN_GB),
            ("en_CA-extra", &EN_CA),
            ("en_GB-derived", &EN_GB_DERIVED),
            ("medical-icd10cm", &ICD10CM),
            ("medical-procedures", &PROCEDURES),
            ("medical-drugs", &DRUGS),
            ("medical-mesh", &MESH),
            ("medical-doid", &DOID),
            ("medical-mondo", &MONDO),
            ("common-words", &COMMON),
        ] {
            let words: Vec<&str> = list.words().collect();
            assert!(words.len() > 1000, "{name}: {}", words.len());
            let key = |w: &str| (w.to_ascii_lowercase(), w.to_string());
            for pair in words.windows(2) {
                assert!(key(pair[0]) < key(pair[1]), "{name} not sorted at {pair:?}");
            }
            for w in &words {
                assert!(list.contains(w), "{name}: {w} not found");
                // (a name with a non-ASCII capital, `ARDÈCHE`, is not found in capitals)
                assert!(
                    !w.is_ascii() || list.contains(&w.to_uppercase()),
                    "{name}: {w} in capitals"
                );
            }
        }
        // names keep their capital; lower-case words take any case
        assert!(ICD10CM.contains("Crohn") && !ICD10CM.contains("crohn"));
        // brand names of five letters or more are listed in lower case (written `inderal` in
        // running text too); a four-letter one stays a name
        assert!(
            DRUGS.contains("Zovirax") && DRUGS.contains("ZOVIRAX") && DRUGS.contains("zovirax")
        );
        assert!(DRUGS.contains("inderal") && DRUGS.contains("Inderal"));
        assert!(DRUGS.contains("Ivor") && !DRUGS.contains("ivor"));
        assert!(DRUGS.contains("imiquimod") && DRUGS.contains("Imiquimod"));
        assert!(!DRUGS.contains("imiquimo") && !DRUGS.contains("") && !DRUGS.contains("zzzzzz"));
        assert!(!EN_US_EXTRA.contains("aaaaaa") && !EN_US_EXTRA.contains("\u{10FFFF}"));
    }

    #[test]
    fn sources_prefixes_singulars_and_suggestion_order() {
        let lx = Lexicon::new(&[]);
        for w in [
            "imiquimod",
            "glimepiride",
            "angioedema",
            "Crohn's",
            "Raynaud’s",
            "nonmelanoma",
            "retreatment",
            "reexposure",
            "comedone",
            "blepharoplasty",
            "transferrin",
        ] {
            assert_eq!(lx.status(w), Status::Known, "{w}");
        }
        for w in [
            "lymphoedema",
            "necrotising",
            "diarrhoea",
            "grey",
            "travelling",
        ] {
            assert_eq!(lx.status_in(w, Locale::EnGb), Status::Known, "{w} in en-GB");
        }
        // a prefix does not make a typo a word
        assert_eq!(lx.status("nonmelanomma"), Status::Unknown);
        assert_eq!(lx.status("comedon"), Status::Unknown);
        assert_eq!(
            lx.suggest("protectoin").first().map(String::as_str),
            Some("protection")
        );
        assert_eq!(
            lx.suggest("Chron's").first().map(String::as_str),
            Some("Crohn's")
        );
    }

    #[test]
    fn eponyms_derivations_and_prefixes_generalise() {
        let lx = Lexicon::new(&[]);
        for w in [
            // an accent-folded eponym with its possessive (MeSH lists `Behcet`)
            "Behçet's",
            "Behcet's",
            // a prefix on the singular of a listed plural (MeSH `organoids`)
            "nonorganoid",
            // -cyte -> -cytic from a medical noun (`keratinocyte`)
            "keratinocytic",
            "nonkeratinocytic",
            // -oma -> -omatous, -osis -> -otic, -itis -> -itic from medical nouns
            "angiofibromatous",
            // tele- on a known word
            "telecare",
            "telemonitoring",
            // a word the sources write in lower case that SCOWL has only as a name
            "vera",
            // a MeSH word once capitalised only by its title-case heading
            "secretase",
            // the Human Disease Ontology (acne inversa)
            "inversa",
        ] {
            assert_eq!(lx.status(w), Status::Known, "{w}");
        }
        for w in [
            // a derivation needs a medical noun: `keratinocite` is no word, `anemic` no -cytic
            "keratinocitic",
            "hospitalcytic",
            "tablotic",
            // the adjective ending alone, or on a stem too short
            "cytic",
            "xcytic",
            // a typo of a derived word
            "keratinocytik",
            // an accent does not make a typo a word
            "Behçot's",
            "telecarre",
        ] {
            assert_eq!(lx.status(w), Status::Unknown, "{w}");
        }
    }

    /// Enzyme notation (an acronym and `-ase`) is a word; a capital held too long on a
    /// dictionary word, or lower-case letters before `ase`, are not.
    #[test]
    fn enzyme_notation_is_read_by_rule() {
        let lx = Lexicon::new(&[]);
        for w in [
            "RNase", "DNase", "ATPase", "GTPase", "NTPases", "RNAse", "ATPases",
        ] {
            assert_eq!(lx.status(w), Status::Known, "{w}");
        }
        for w in [
            // a dictionary word with two capitals (phase, chase, cease)
            "PHase",
            "CHase",
            "CEase",
            // one capital, or six
            "Rnase",
            "GTPPPPase",
            // something else after the capitals
            "RNasex",
            "RNsae",
            "RNxase",
        ] {
            assert_eq!(lx.status(w), Status::Unknown, "{w}");
        }
    }

    /// A name a medical list writes with its capitals is not "corrected" by the typos-dict list
    /// when written so; the same letters in lower case still are.
    #[test]
    fn medical_names_as_written_are_no_typos() {
        let lx = Lexicon::new(&[]);
        // an FDA brand of four letters, listed capitalised, that typos-dict has as a slip of
        // *real*: a slip in either case (a brand is no name this rule vouches for)
        assert!(matches!(lx.status("Rela"), Status::Typo(f) if f == vec!["Real"]));
        assert!(matches!(lx.status("rela"), Status::Typo(f) if f == vec!["real"]));
        assert!(medical_name("Koebner") && medical_name("Ogna") && medical_name("Rapp"));
        assert!(!medical_name("koebner") && !medical_name("OGNA") && !medical_name("rapp"));
        // a lower-case entry is no name: `anophthalmia` (Mondo) in any case is just known
        assert!(!medical_name("Anophthalmia"));
        // a brand that is a typos-dict slip stays a slip at a sentence's start
        assert!(!medical_name("Stik") && !medical_name("Rela"));
        assert_eq!(lx.status("Anophthalmia"), Status::Known);
        assert_eq!(lx.status("anophthalmia"), Status::Known);
        // a gene family symbol as MeSH writes it (`Wnt Proteins`); in lower case a slip of *want*
        assert_eq!(lx.status("Wnt"), Status::Known);
        assert!(matches!(lx.status("wnt"), Status::Typo(f) if f == vec!["want"]));
        // a typos-dict key whose lower-case form no list has stays a typo in every case
        assert!(matches!(lx.status("Recieve"), Status::Typo(_)));
    }

    /// Suggestions do not depend on the hash seed: two parses (each seeded afresh by a
    /// randomly seeded hasher) suggest the same words in the same order.
    #[test]
    fn suggestions_are_the_same_from_every_parse() {
        let (a, b) = (parse_en_us(), parse_en_us());
        for word in [
            "heellp",
            "treeted",
            "secretase",
            "radiologista",
            "youve",
            "Secretase",
        ] {
            let (mut sa, mut sb) = (Vec::new(), Vec::new());
            a.suggest(word, &mut sa);
            b.suggest(word, &mut sb);
            assert_eq!(sa, sb, "{word}");
        }
    }

    /// The compiled forms answer exactly as the parsed dictionary on every word they decide:
    /// each stem, the word lists and the typos-dict keys, as written, lower-cased,
    /// Title-cased, in capitals and with a possessive.
    #[test]
    fn compiled_forms_answer_as_the_parsed_dictionary() {
        let stems = DIC
            .lines()
            .skip(1)
            .map(|l| l.split('/').next().unwrap_or(""));
        let lists = [
            &EN_US_EXTRA,
            &EN_GB,
            &EN_CA,
            &EN_GB_DERIVED,
            &ICD10CM,
            &DRUGS,
            &PROCEDURES,
            &COMMON,
        ]
        .into_iter()
        .flat_map(|l| l.words());
        let typos = (0..super::super::misspellings::len())
            .map(super::super::misspellings::key)
            .flat_map(|(k, fixes)| std::iter::once(k).chain(fixes));
        let mut decided = 0;
        for word in stems.chain(lists).chain(word_lines(MEDICAL)).chain(typos) {
            let title = match_case("Ab", word);
            for w in [
                word.to_string(),
                word.to_lowercase(),
                word.to_uppercase(),
                title.clone(),
                format!("{word}'s"),
                format!("{}'S", word.to_uppercase()),
                format!("{title}s"),
            ] {
                if forms_decide(&w) {
                    decided += 1;
                    assert_eq!(en_us_check(&w), en_us().check(&w), "{w:?}");
                }
            }
        }
        assert!(decided > 1_000_000, "{decided}");
        // hyphenated: every break pattern, known and unknown parts, nested
        let parts = [
            "skin",
            "Skin",
            "SKIN",
            "care",
            "qzx",
            "don't",
            "",
            "well",
            "Tretinoin",
        ];
        for a in parts {
            for b in parts {
                for w in [
                    format!("{a}-{b}"),
                    format!("-{a}-{b}"),
                    format!("{a}-{b}-"),
                    format!("{a}--{b}"),
                    format!("{a}-{b}-{a}"),
                    format!("{a}-{b}-{a}-{b}-{a}-{b}-{a}-{b}-{a}-{b}-{a}"),
                ] {
                    if forms_decide(&w) {
                        assert_eq!(en_us_check(&w), en_us().check(&w), "{w:?}");
                    }
                }
            }
        }
        let long = "skin-".repeat(80) + "care";
        assert_eq!(en_us_check(&long), en_us().check(&long));
        // and every compiled form is a word spellbook accepts
        let mut stream = en_us_forms().stream();
        use fst::Streamer;
        let mut n = 0;
        while let Some(w) = stream.next() {
            let w = std::str::from_utf8(w).expect("UTF-8 forms");
            assert!(en_us().check(w), "{w}");
            n += 1;
        }
        assert!(n > 100_000, "{n}");
    }

    #[test]
    fn dictionary_vocabulary_and_typos() {
        let lx = Lexicon::new(&["microneedling".to_string()]);
        assert_eq!(lx.status("skin"), Status::Known);
        assert_eq!(lx.status("Microneedling"), Status::Known);
        assert_eq!(lx.status("skin’s"), Status::Known);
        assert_eq!(lx.status("naïve"), Status::Known);
        assert_eq!(lx.status("Café"), Status::Known);
        assert_eq!(lx.status("microneapedling"), Status::Unknown);
        assert_eq!(lx.status("Microneedlings"), Status::Known);
        assert_eq!(lx.suggest("microneapedling")[0], "microneedling");
        assert!(matches!(lx.status("recieve"), Status::Typo(f) if f == vec!["receive"]));
        assert_eq!(match_case("Teh", "the"), "The");
    }

    #[test]
    fn rare_disease_names_are_accepted_but_not_offered() {
        // Mondo's eponyms are words as written, but never crowd common words out of the
        // suggestions of an ordinary slip (`quik` offered `Quie` second, `milke` `Melki`)
        let lx = Lexicon::new(&[]);
        assert_eq!(lx.status("Koebner"), Status::Known);
        for (slip, name) in [("quik", "Quie"), ("milke", "Melki"), ("strog", "Strom")] {
            let offered = lx.suggest(slip);
            assert!(!offered.iter().any(|s| s == name), "{slip}: {offered:?}");
        }
        assert_eq!(lx.suggest("quik")[0], "quick");
    }
}

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
/// Spellings a locale adds to en_US (SCOWL, permissive licence).
const EN_GB: &str = include_str!("../../assets/dict/en_GB-extra.txt");
const EN_CA: &str = include_str!("../../assets/dict/en_CA-extra.txt");
/// Words never offered as corrections in health content.
const DENY: &str = include_str!("../../assets/dict/suggest-deny.txt");

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

    fn extra(self) -> &'static str {
        match self {
            Locale::EnUs => "",
            Locale::EnGb => EN_GB,
            Locale::EnCa => EN_CA,
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
    /// The vendored en_US dictionary, shared by every lexicon of the process.
    dict: &'static spellbook::Dictionary,
    /// Dictionaries the project adds (`dictionaries` in the config).
    extra: Vec<Arc<spellbook::Dictionary>>,
    /// Project vocabulary + ignore list.
    vocabulary: WordSet,
    /// The shipped medical lexicon.
    medical: WordSet,
    /// Spellings per locale (beyond en_US), built when a guide first needs them.
    locales: RwLock<HashMap<Locale, Arc<HashSet<String>>>>,
    deny: HashSet<String>,
    /// Word statuses already computed, one map per locale (looked up by `&str`: no key to
    /// allocate on a hit).
    cache: [RwLock<HashMap<String, Status>>; 3],
    suggestions: RwLock<HashMap<String, Vec<String>>>,
    /// word as written -> Snowball stem of its lower-case form (shared by all guides of a run)
    stems: RwLock<HashMap<String, Arc<str>>>,
}

/// The vendored en_US Hunspell dictionary, parsed once per process and shared by the
/// lexicons of every configuration (parsing takes about 20 ms; the language server and runs
/// with nested configurations build several lexicons). Parsing it on a second thread while
/// the guides are validated was measured and gained nothing on two cores.
fn en_us() -> &'static spellbook::Dictionary {
    static DICT: std::sync::OnceLock<spellbook::Dictionary> = std::sync::OnceLock::new();
    DICT.get_or_init(|| {
        spellbook::Dictionary::new(AFF, DIC).expect("vendored en_US dictionary parses (tested)")
    })
}

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
    pub fn with_dictionaries(
        project_words: &[String],
        extra: Vec<Arc<spellbook::Dictionary>>,
    ) -> Lexicon {
        let dict = en_us();
        Lexicon {
            dict,
            extra,
            vocabulary: WordSet::from(project_words.iter().map(String::as_str)),
            medical: WordSet::from(word_lines(MEDICAL)),
            locales: RwLock::new(HashMap::default()),
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

    fn locale_words(&self, locale: Locale) -> Option<Arc<HashSet<String>>> {
        if locale == Locale::EnUs {
            return None;
        }
        if let Some(set) = self.locales.read().expect("lexicon lock").get(&locale) {
            return Some(Arc::clone(set));
        }
        let set: Arc<HashSet<String>> =
            Arc::new(word_lines(locale.extra()).map(str::to_lowercase).collect());
        self.locales
            .write()
            .expect("lexicon lock")
            .insert(locale, Arc::clone(&set));
        Some(set)
    }

    /// True when the lower-cased word is a project, medical or locale word, or a regular
    /// plural of one.
    fn listed(&self, lower: &str, locale: &Option<Arc<HashSet<String>>>) -> bool {
        let one = |w: &str| {
            self.vocabulary.contains(w)
                || self.medical.contains(w)
                || locale.as_ref().is_some_and(|l| l.contains(w))
        };
        // regular plurals: -s (not after s: `epidermiss` is a typo), -es after a sibilant
        one(lower)
            || lower
                .strip_suffix('s')
                .is_some_and(|stem| !stem.ends_with('s') && one(stem))
            || lower.strip_suffix("es").is_some_and(|stem| {
                stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh")
            } && one(stem))
            || lower
                .strip_suffix("ies")
                .is_some_and(|stem| one(&format!("{stem}y")))
    }

    fn compute(&self, word: &str, locale: Locale) -> Status {
        let w = normalise(word);
        let lower = w.to_lowercase();
        let extra = self.locale_words(locale);
        if self.listed(&lower, &extra) {
            return Status::Known;
        }
        // typos-dict lists words that are almost always typos even when a dictionary knows
        // them ("calender"); only the project, medical and locale lists (above) override it
        if let Some(fixes) = super::misspellings::find(&w) {
            return Status::Typo(fixes.iter().map(|f| match_case(word, f)).collect());
        }
        if self.dict.check(&w) || self.extra.iter().any(|d| d.check(&w)) {
            return Status::Known;
        }
        // loanwords: "café", "naïve" are spelled without accents in en_US
        if !w.is_ascii() {
            let folded = fold_accents(&w);
            if folded != w
                && (self.dict.check(&folded) || self.listed(&folded.to_lowercase(), &extra))
            {
                return Status::Known;
            }
        }
        for suffix in ["'s", "'"] {
            if let Some(stem) = w.strip_suffix(suffix)
                && !stem.is_empty()
                && (self.dict.check(stem) || self.listed(&stem.to_lowercase(), &extra))
            {
                return Status::Known;
            }
        }
        Status::Unknown
    }

    /// True when the en_US Hunspell dictionary alone accepts the word (the baseline the
    /// medical lexicon is measured against).
    pub fn dictionary_only(&self, word: &str) -> bool {
        self.dict.check(&normalise(word))
    }

    /// The English (Snowball) stem of a word's lower-case form, cached for the whole run.
    pub fn stem(&self, word: &str) -> Arc<str> {
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

    /// Suggestions a clinician would accept: project vocabulary and medical words first
    /// (closest edit distance, then those that sound alike), then the dictionary's — and
    /// only words close to the one written, never a word from the deny-list.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Some(s) = self.suggestions.read().expect("lexicon lock").get(word) {
            return s.clone();
        }
        let lower = normalise(word).to_lowercase();
        let limit = max_distance(&lower);
        let mut out: Vec<String> = self
            .close(&lower, limit)
            .into_iter()
            .map(|v| match_case(word, v))
            .collect();
        let mut dict_s = Vec::new();
        self.dict.suggest(&normalise(word), &mut dict_s);
        for s in dict_s {
            let sl = s.to_lowercase();
            if strsim::damerau_levenshtein(&lower, &sl) <= limit.max(2)
                && !self.deny.contains(&sl)
                && !out.iter().any(|o| o.eq_ignore_ascii_case(&s))
            {
                out.push(s);
            }
        }
        out.retain(|s| !self.deny.contains(&s.to_lowercase()));
        out.truncate(5);
        self.suggestions
            .write()
            .expect("lexicon lock")
            .insert(word.to_string(), out.clone());
        out
    }

    /// Project and medical words within `limit` edits of `lower`, best first: by distance,
    /// then by sound (same consonant skeleton, then the closest respelling), then project
    /// words before medical ones.
    fn close(&self, lower: &str, limit: usize) -> Vec<&String> {
        let len = lower.chars().count();
        let sound = skeleton(lower);
        let spoken = respell(lower);
        let mut scored: Vec<(usize, bool, usize, usize, &String)> = self
            .vocabulary
            .list
            .iter()
            .map(|v| (0, v))
            .chain(self.medical.list.iter().map(|v| (1, v)))
            .filter(|(_, v)| v.chars().count().abs_diff(len) <= limit)
            .filter_map(|(rank, v)| {
                let vl = v.to_lowercase();
                let d = strsim::damerau_levenshtein(lower, &vl);
                (d <= limit).then(|| {
                    let heard = strsim::damerau_levenshtein(&spoken, &respell(&vl));
                    (d, skeleton(&vl) != sound, heard, rank, v)
                })
            })
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.4.eq_ignore_ascii_case(b.4));
        scored.into_iter().map(|(_, _, _, _, v)| v).collect()
    }
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

/// Strip diacritics from Latin letters (é -> e, Å -> A); other characters are kept.
pub fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
            'ç' => 'c',
            'Ç' => 'C',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            c => c,
        })
        .collect()
}

/// Give `replacement` the capitalisation pattern of `original` (Title or UPPER).
pub fn match_case(original: &str, replacement: &str) -> String {
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
}

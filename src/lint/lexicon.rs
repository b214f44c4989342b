//! Word knowledge shared by the spelling rules: the vendored Hunspell en_US dictionary
//! (assets/dict, SCOWL-based) checked with spellbook, the project vocabulary, and the
//! typos-dict list of known misspellings. Each distinct word is looked up once per run.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, OnceLock, RwLock};

const AFF: &str = include_str!("../../assets/dict/en_US.aff");
const DIC: &str = include_str!("../../assets/dict/en_US.dic");

/// What the lexicon knows about a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Known,
    /// A known misspelling (typos-dict) with its corrections.
    Typo(Vec<String>),
    Unknown,
}

pub struct Lexicon {
    dict: spellbook::Dictionary,
    /// Project vocabulary + ignore list, lower-cased.
    vocabulary: HashSet<String>,
    /// Project vocabulary as written (for suggestions).
    vocabulary_list: Vec<String>,
    cache: RwLock<HashMap<String, Status>>,
    suggestions: RwLock<HashMap<String, Vec<String>>>,
    /// word as written -> Snowball stem of its lower-case form (shared by all guides of a run)
    stems: RwLock<HashMap<String, Arc<str>>>,
}

fn normalise(word: &str) -> String {
    word.replace('’', "'").replace('\u{AD}', "")
}

impl Lexicon {
    /// Build from project words (vocabulary files and ignore list).
    pub fn new(project_words: &[String]) -> Lexicon {
        let mut dict = spellbook::Dictionary::new(AFF, DIC)
            .expect("vendored en_US dictionary parses (tested)");
        for w in project_words {
            let _ = dict.add(w);
        }
        Lexicon {
            dict,
            vocabulary: project_words.iter().map(|w| w.to_lowercase()).collect(),
            vocabulary_list: project_words.to_vec(),
            cache: RwLock::new(HashMap::default()),
            suggestions: RwLock::new(HashMap::default()),
            stems: RwLock::new(HashMap::default()),
        }
    }

    /// Look a single word up (no hyphen splitting), cached.
    pub fn status(&self, word: &str) -> Status {
        if let Some(s) = self.cache.read().expect("lexicon lock").get(word) {
            return s.clone();
        }
        let s = self.compute(word);
        self.cache
            .write()
            .expect("lexicon lock")
            .insert(word.to_string(), s.clone());
        s
    }

    fn compute(&self, word: &str) -> Status {
        let w = normalise(word);
        if self.vocabulary.contains(&w.to_lowercase()) {
            return Status::Known;
        }
        // typos-dict lists words that are almost always typos even when a dictionary knows
        // them ("calender"); only the project vocabulary (checked above) overrides it
        if let Some(fixes) = typos_dict::WORD.find(&unicase::UniCase::new(w.as_str())) {
            return Status::Typo(fixes.iter().map(|f| match_case(word, f)).collect());
        }
        if self.dict.check(&w) {
            return Status::Known;
        }
        // plurals of vocabulary words: retinoids, dermarollers
        let lower = w.to_lowercase();
        for suffix in ["s", "es"] {
            if lower
                .strip_suffix(suffix)
                .is_some_and(|stem| self.vocabulary.contains(stem))
            {
                return Status::Known;
            }
        }
        // loanwords: "café", "naïve" are spelled without accents in en_US
        if !w.is_ascii() {
            let folded = fold_accents(&w);
            if folded != w
                && (self.dict.check(&folded) || self.vocabulary.contains(&folded.to_lowercase()))
            {
                return Status::Known;
            }
        }
        for suffix in ["'s", "'"] {
            if let Some(stem) = w.strip_suffix(suffix)
                && !stem.is_empty()
                && (self.dict.check(stem) || self.vocabulary.contains(&stem.to_lowercase()))
            {
                return Status::Known;
            }
        }
        Status::Unknown
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

    /// Suggestions, project vocabulary first (close by edit distance), then the dictionary's.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Some(s) = self.suggestions.read().expect("lexicon lock").get(word) {
            return s.clone();
        }
        let mut out: Vec<String> = self
            .close_vocabulary(word)
            .into_iter()
            .map(|v| match_case(word, v))
            .collect();
        let mut dict_s = Vec::new();
        self.dict.suggest(&normalise(word), &mut dict_s);
        for s in dict_s {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
                out.push(s);
            }
        }
        out.truncate(5);
        self.suggestions
            .write()
            .expect("lexicon lock")
            .insert(word.to_string(), out.clone());
        out
    }

    /// Vocabulary words within edit distance max(2, len/5) of `word`, closest first.
    fn close_vocabulary(&self, word: &str) -> Vec<&String> {
        let lower = word.to_lowercase();
        let mut scored: Vec<(usize, &String)> = self
            .vocabulary_list
            .iter()
            .map(|v| (strsim::damerau_levenshtein(&lower, &v.to_lowercase()), v))
            .filter(|(d, v)| *d <= 2.max(v.chars().count() / 5))
            .collect();
        scored.sort();
        scored.into_iter().map(|(_, v)| v).collect()
    }
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

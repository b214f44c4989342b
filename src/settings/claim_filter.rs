//! The any-claim filter: which claims' whole-word regexes match somewhere in a text. For the
//! shipped claims alone (no `health.claims` in the config) it is a dense DFA that build.rs
//! determinised and serialised (`$OUT_DIR/claims.dfa`), read in place: no compiling at run
//! time (the same filter as a `RegexSet` cost about 1.5 ms of every export). With project
//! claims it is a `RegexSet` compiled at load.

use regex::RegexSet;
use regex_automata::dfa::{Automaton, dense};
use regex_automata::{Input, PatternSet};
use std::sync::OnceLock;

/// The serialised DFA, aligned for reading in place (`dense::DFA::from_bytes` needs 4-byte
/// alignment; `include_bytes!` alone gives 1).
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

static SHIPPED_DFA: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/claims.dfa")),
};

/// The whole-word patterns the DFA was built from, in order, each followed by a NUL.
const SHIPPED_PATTERNS: &str = include_str!(concat!(env!("OUT_DIR"), "/claims.patterns"));

/// The shipped claims' whole-word patterns, in order: those the build-time DFA was built from.
pub(crate) fn shipped_patterns() -> impl Iterator<Item = &'static str> {
    SHIPPED_PATTERNS.split_terminator('\0')
}

/// Every claim's whole-word regex, `(?i)(?-u:\b)(?:pattern)(?-u:\b)` (ASCII word boundaries
/// keep the fast engines on non-ASCII text).
pub(crate) fn whole_word_pattern(pattern: &str) -> String {
    format!(r"(?i)(?-u:\b)(?:{pattern})(?-u:\b)")
}

/// The filter: pattern `i` is claim `i`.
pub(crate) enum AnyClaim {
    /// The shipped claims' build-time DFA; the same patterns as a `RegexSet`, compiled only
    /// if the DFA ever refuses a search (it is built without quit bytes, so it does not).
    Dfa(Box<dense::DFA<&'static [u32]>>, OnceLock<RegexSet>),
    Set(RegexSet),
}

/// The claims that match a text, by index.
pub(crate) enum Matches {
    Dfa(PatternSet),
    Set(regex::SetMatches),
}

impl Matches {
    pub(crate) fn matched_any(&self) -> bool {
        match self {
            Matches::Dfa(s) => !s.is_empty(),
            Matches::Set(s) => s.matched_any(),
        }
    }

    pub(crate) fn matched(&self, i: usize) -> bool {
        match self {
            Matches::Dfa(s) => regex_automata::PatternID::new(i).is_ok_and(|p| s.contains(p)),
            Matches::Set(s) => s.matched(i),
        }
    }
}

impl AnyClaim {
    /// The filter over `patterns` (whole-word, as [`whole_word_pattern`] makes them): the
    /// build-time DFA when they are the shipped claims' (and it reads), else a `RegexSet`.
    pub(crate) fn new(patterns: &[String]) -> Result<AnyClaim, regex::Error> {
        if let Some(dfa) = shipped_dfa(patterns) {
            return Ok(AnyClaim::Dfa(Box::new(dfa), OnceLock::new()));
        }
        RegexSet::new(patterns).map(AnyClaim::Set)
    }

    /// Which claims match somewhere in `text` (as `RegexSet::matches`).
    pub(crate) fn matches(&self, text: &str) -> Matches {
        match self {
            AnyClaim::Dfa(dfa, fallback) => {
                let mut set = PatternSet::new(dfa.pattern_len());
                match dfa.try_which_overlapping_matches(&Input::new(text), &mut set) {
                    Ok(()) => Matches::Dfa(set),
                    Err(_) => Matches::Set(
                        fallback
                            .get_or_init(|| {
                                RegexSet::new(SHIPPED_PATTERNS.split_terminator('\0'))
                                    .expect("the shipped claims compile together (tested)")
                            })
                            .matches(text),
                    ),
                }
            }
            AnyClaim::Set(set) => Matches::Set(set.matches(text)),
        }
    }
}

/// The build-time DFA, when `patterns` are exactly those it was built from and it reads.
fn shipped_dfa(patterns: &[String]) -> Option<dense::DFA<&'static [u32]>> {
    if !patterns
        .iter()
        .map(String::as_str)
        .eq(SHIPPED_PATTERNS.split_terminator('\0'))
    {
        return None;
    }
    // SAFETY: the bytes are claims.dfa as build.rs wrote it with `to_bytes_*_endian` of this
    // same regex-automata (the header, endianness and format version are still checked
    // here; only the transition table is not re-validated, which would read all 1.7 MB at
    // every start). A test reads the same bytes with the checked `from_bytes`.
    let (dfa, _) = unsafe { dense::DFA::from_bytes_unchecked(&SHIPPED_DFA.bytes) }.ok()?;
    (dfa.pattern_len() == patterns.len()).then_some(dfa)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<String> {
        crate::settings::shipped_claims()
            .expect("claims.yaml parses")
            .iter()
            .map(|c| whole_word_pattern(&c.pattern))
            .collect()
    }

    #[test]
    fn the_build_time_dfa_is_of_the_shipped_claims_and_reads() {
        let patterns = shipped();
        let built: Vec<&str> = SHIPPED_PATTERNS.split_terminator('\0').collect();
        assert_eq!(
            built,
            patterns.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(matches!(AnyClaim::new(&patterns), Ok(AnyClaim::Dfa(..))));
        // the bytes read unchecked at run time pass the full validation
        let (dfa, _) = dense::DFA::from_bytes(&SHIPPED_DFA.bytes).expect("claims.dfa is valid");
        assert_eq!(dfa.pattern_len(), patterns.len());
        // any other list is compiled
        let mut more = patterns.clone();
        more.push(whole_word_pattern("miracle cure"));
        assert!(matches!(AnyClaim::new(&more), Ok(AnyClaim::Set(_))));
        assert!(matches!(
            AnyClaim::new(&patterns[1..]),
            Ok(AnyClaim::Set(_))
        ));
    }

    /// Every text unit of every guide under content/ and tests/ (and a few written for
    /// the edges: case folding outside ASCII, word boundaries next to non-ASCII letters):
    /// the DFA says exactly the claims the `RegexSet` of the same patterns says.
    #[test]
    fn the_dfa_matches_what_the_regex_set_matches() {
        let patterns = shipped();
        let dfa = AnyClaim::new(&patterns).unwrap();
        assert!(matches!(dfa, AnyClaim::Dfa(..)));
        let set = RegexSet::new(&patterns).unwrap();
        let mut texts: Vec<String> = [
            "It is completely safe and painless, with no side effects.",
            "COMPLETELY SAFE",
            "completely ſafe and quite painleſs",
            "100% safe",
            "100 % safe",
            "éno side effects",
            "no side effectsé",
            "no side\u{a0}effects",
            "no\u{2003}risk",
            "risk-free",
            "",
            "nothing to see",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut files = Vec::new();
        for root in ["content", "tests"] {
            let mut stack = vec![std::path::PathBuf::from(root)];
            while let Some(dir) = stack.pop() {
                for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "yaml" || x == "md") {
                        files.push(p);
                    }
                }
            }
        }
        assert!(files.len() > 20, "{files:?}");
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                texts.extend(text.lines().map(str::to_string));
                texts.push(text);
            }
        }
        let mut matched = 0;
        for t in &texts {
            let want: Vec<usize> = set.matches(t).into_iter().collect();
            let m = dfa.matches(t);
            let got: Vec<usize> = (0..patterns.len()).filter(|&i| m.matched(i)).collect();
            assert_eq!(got, want, "{t:?}");
            assert_eq!(m.matched_any(), !want.is_empty());
            matched += usize::from(!want.is_empty());
        }
        assert!(matched > 50, "texts with claims: {matched}");
    }
}

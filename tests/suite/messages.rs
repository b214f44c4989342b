//! Plural and grammar in every message: counts go through the one helper
//! (`guidepress::util::plural`), which is right for 0, 1 and 2 of every noun the messages
//! use, and no format string prints a count before a hard-coded plural ("1 warnings").

use crate::common::root;
use guidepress::util::plural;

/// Every Rust source file under src/.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), &mut out);
    out
}

/// The plural each noun the messages count must take (checked by hand; a new noun fails
/// this test until its plural is added here).
const PLURALS: &[(&str, &str)] = &[
    ("byte", "bytes"),
    ("callout", "callouts"),
    ("character", "characters"),
    ("error", "errors"),
    ("file", "files"),
    ("finding", "findings"),
    ("fix", "fixes"),
    ("guide", "guides"),
    (
        "invisible control character",
        "invisible control characters",
    ),
    ("lint error", "lint errors"),
    ("list", "lists"),
    ("month", "months"),
    ("right-to-left character", "right-to-left characters"),
    ("font", "fonts"),
    ("font family", "font families"),
    ("section", "sections"),
    ("sentence", "sentences"),
    ("space", "spaces"),
    ("validation error", "validation errors"),
    ("warning", "warnings"),
    ("word", "words"),
    ("minute", "minutes"),
    ("other place", "other places"),
    ("text placeholder", "text placeholders"),
    ("`# TODO` comment", "`# TODO` comments"),
    // regular forms the helper must also get right
    ("entry", "entries"),
    ("day", "days"),
    ("match", "matches"),
    ("class", "classes"),
];

#[test]
fn every_counted_noun_is_singular_for_one_and_plural_otherwise() {
    let call = regex::Regex::new(r#"plural\(\s*[^;]*?,\s*"([^"]+)"\s*\)"#).unwrap();
    let mut nouns = std::collections::BTreeSet::new();
    for (file, text) in sources() {
        for c in call.captures_iter(&text) {
            nouns.insert((c[1].to_string(), file.clone()));
        }
    }
    assert!(nouns.len() >= 10, "the scan finds the messages: {nouns:?}");
    for (noun, file) in &nouns {
        let Some((_, many)) = PLURALS.iter().find(|(one, _)| one == noun) else {
            panic!("{file}: add the plural of `{noun}` to PLURALS (and check it)");
        };
        assert_eq!(plural(0, noun), format!("0 {many}"));
        assert_eq!(plural(1, noun), format!("1 {noun}"));
        assert_eq!(plural(2, noun), format!("2 {many}"));
    }
    for (one, many) in PLURALS {
        assert_eq!(plural(2, one), format!("2 {many}"));
    }
}

/// A format string that prints a count straight before a plural noun is wrong for 1.
/// Verbs after a value (`{} is`), units (`ms`), floats (`{:.1} words`) and constants
/// (`{MAX_DEPTH} levels`) are not counts of one.
#[test]
fn no_message_prints_a_count_before_a_fixed_plural() {
    let count = regex::Regex::new(r"\{([a-z_.0-9]*)(:[^}.]*)?\}\)? ([a-z-]+s)\b").unwrap();
    let not_nouns = [
        "is", "has", "starts", "lists", "mentions", "crosses", "takes", "shows", "ms", "vs",
    ];
    let mut bad = Vec::new();
    for (file, text) in sources() {
        for (i, line) in text.lines().enumerate() {
            for c in count.captures_iter(line) {
                if !not_nouns.contains(&&c[3]) {
                    bad.push(format!("{file}:{}: `{}`", i + 1, &c[0]));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "counts before a fixed plural (use guidepress::util::plural): {bad:#?}"
    );
}

/// The summary line every report ends with, for 0, 1 and 2 of each count.
#[test]
fn summary_lines_agree_with_their_counts() {
    use guidepress::diag::Summary;
    for (n, want) in [
        (0, "0 errors, 0 warnings in 0 guides"),
        (1, "1 error, 1 warning in 1 guide"),
        (2, "2 errors, 2 warnings in 2 guides"),
    ] {
        let s = Summary {
            files: n,
            errors: n,
            warnings: n,
            ..Summary::default()
        };
        assert_eq!(s.to_string(), want);
    }
}

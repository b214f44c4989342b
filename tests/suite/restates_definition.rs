//! `restates-definition` measured on hand-labelled guides
//! (tests/fixtures/restatement/definitions.tsv: the seed, its edited edition and the 71 real
//! articles of tests/corpus, split tune/held-out as the corpus is). Every labelled guide is
//! checked by the real binary; a finding on a sentence labelled 1 is a hit, any other finding
//! a false alarm. The rule was tuned on `tune` only; the goals are asserted on `heldout`.
//! Also: the seed's findings from this rule and `near-duplicate` together (at most 10, each a
//! sentence labelled as a restatement).

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;

struct Labels {
    /// path → split
    guides: BTreeMap<String, String>,
    /// (label, path, sentence start)
    sentences: Vec<(bool, String, String)>,
}

fn labels() -> Labels {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/restatement/definitions.tsv")).unwrap();
    let mut l = Labels {
        guides: BTreeMap::new(),
        sentences: Vec::new(),
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 4, "{line}");
        match f[0] {
            "guide" => {
                assert!(matches!(f[2], "tune" | "heldout"), "{line}");
                l.guides.insert(f[1].to_string(), f[2].to_string());
            }
            "0" | "1" => {
                assert!(l.guides.contains_key(f[1]), "unlisted guide: {line}");
                assert!(f[2].len() >= 20, "too short to match: {line}");
                l.sentences
                    .push((f[0] == "1", f[1].to_string(), norm(f[2])));
            }
            _ => panic!("bad row: {line}"),
        }
    }
    l
}

/// Whitespace collapsed, YAML escapes and quotes dropped, apostrophes straightened.
fn norm(s: &str) -> String {
    s.replace(['\\', '"'], "")
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the model is not.
const NO_MODEL: &str = "target/no-such-model";

/// The installed sentence model (GUIDEPRESS_TEST_MODEL_DIR, as .ci/run sets it), or None;
/// under CI=true a missing model fails the test (only a build with the `semantic` feature has
/// the model's code: .ci/run runs these tests with it).
#[cfg(feature = "semantic")]
pub fn model_dir() -> Option<String> {
    let dir = std::env::var("GUIDEPRESS_TEST_MODEL_DIR")
        .ok()
        .filter(|d| std::path::Path::new(d).join("model.safetensors").is_file());
    if dir.is_none() {
        skipped(
            "the sentence model",
            "set GUIDEPRESS_TEST_MODEL_DIR to a folder `guidepress model install` filled; .ci/run does",
        );
    }
    dir
}

/// The flagged source text of each finding of `code` in a guide, with the model in `model`
/// (or none).
fn flagged_with(path: &str, code: &str, model: &str) -> Vec<String> {
    let o = run_env(
        &["lint", "--format", "json", path],
        &[("GUIDEPRESS_MODEL_DIR", model)],
    );
    let out: Value = serde_json::from_slice(&o.stdout).unwrap();
    let src = std::fs::read(root().join(path)).unwrap();
    out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            let l = &d["location"];
            let (s, e) = (
                l["start"].as_u64().unwrap() as usize,
                l["end"].as_u64().unwrap() as usize,
            );
            norm(&String::from_utf8_lossy(&src[s..e]))
        })
        .collect()
}

#[derive(Default)]
struct Score {
    hits: usize,
    false_alarms: Vec<String>,
    positives: usize,
    missed: Vec<String>,
}

/// Hits, false alarms and misses per split.
fn measure(model: &str) -> BTreeMap<String, Score> {
    let l = labels();
    let mut score: BTreeMap<String, Score> = BTreeMap::new();
    for (path, split) in &l.guides {
        let found = flagged_with(path, "restates-definition", model);
        let s = score.entry(split.clone()).or_default();
        let mine: Vec<&(bool, String, String)> =
            l.sentences.iter().filter(|x| &x.1 == path).collect();
        for f in &found {
            match mine.iter().find(|x| f.starts_with(&x.2)) {
                Some(x) if x.0 => s.hits += 1,
                _ => s.false_alarms.push(format!("{path}: {f}")),
            }
        }
        for x in mine.iter().filter(|x| x.0) {
            s.positives += 1;
            if !found.iter().any(|f| f.starts_with(&x.2)) {
                s.missed.push(format!("{path}: {}", x.2));
            }
        }
    }
    for (split, s) in &score {
        let recall = s.hits as f64 / s.positives.max(1) as f64;
        let flagged = s.hits + s.false_alarms.len();
        let precision = if flagged == 0 {
            1.0
        } else {
            s.hits as f64 / flagged as f64
        };
        eprintln!(
            "restates-definition ({}), {split}: {} of {} restatements found, {} false alarms; recall {recall:.2}, precision {precision:.2}\n  missed: {:?}\n  false alarms: {:?}",
            if model == NO_MODEL {
                "words"
            } else {
                "sentence model"
            },
            s.hits,
            s.positives,
            s.false_alarms.len(),
            s.missed,
            s.false_alarms
        );
    }
    score
}

fn assert_goals(score: &BTreeMap<String, Score>) {
    let h = &score["heldout"];
    assert!(h.positives >= 5, "too few held-out restatements to say");
    let recall = h.hits as f64 / h.positives as f64;
    let precision = h.hits as f64 / (h.hits + h.false_alarms.len()).max(1) as f64;
    assert!(recall >= 0.8, "held-out recall {recall:.2}: {:?}", h.missed);
    assert!(
        precision >= 0.8,
        "held-out precision {precision:.2}: {:?}",
        h.false_alarms
    );
}

#[test]
fn recall_and_precision_on_held_out_guides() {
    assert_goals(&measure(NO_MODEL));
}

#[cfg(feature = "semantic")]
#[test]
fn recall_and_precision_on_held_out_guides_with_the_sentence_model() {
    let Some(model) = model_dir() else { return };
    let score = measure(&model);
    assert_goals(&score);
    // the model's own work is visible in the findings
    let seed = "tests/fixtures/microneedling-101.original.yaml";
    let o = run_env(
        &["lint", "--format", "json", seed],
        &[("GUIDEPRESS_MODEL_DIR", model.as_str())],
    );
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("not installed"),
        "the model was not used"
    );
}

fn seed_findings(model: &str) {
    let l = labels();
    let seed = "tests/fixtures/microneedling-101.original.yaml";
    let mut all: Vec<String> = flagged_with(seed, "restates-definition", model);
    let definition = all.len();
    for f in flagged_with(seed, "near-duplicate", model) {
        assert!(!all.contains(&f), "reported by both rules: {f}");
        all.push(f);
    }
    eprintln!(
        "seed ({}): {} sentences flagged ({definition} restates-definition, {} near-duplicate)",
        if model == NO_MODEL {
            "words"
        } else {
            "sentence model"
        },
        all.len(),
        all.len() - definition
    );
    assert!(all.len() <= 10, "{all:#?}");
    // restatements the definition labels do not cover (near-duplicate's), judged by hand
    let other_restatements = [
        norm(
            "Microneedling is not only effective but also minimally invasive, making it an appealing option",
        ),
        // the subheading under "Various Types of Microneedling Treatments"
        norm("Types of Microneedling Treatments"),
    ];
    for f in &all {
        let labelled = l
            .sentences
            .iter()
            .any(|x| x.0 && x.1 == seed && f.starts_with(&x.2));
        assert!(
            labelled || other_restatements.iter().any(|o| f.starts_with(o)),
            "not a restatement: {f}"
        );
    }
    // and the definition's restatements are found
    assert!(definition >= 7, "{all:#?}");
}

#[test]
fn the_seed_has_a_handful_of_findings_each_a_real_restatement() {
    seed_findings(NO_MODEL);
}

#[cfg(feature = "semantic")]
#[test]
fn the_seed_has_a_handful_of_findings_with_the_sentence_model() {
    let Some(model) = model_dir() else { return };
    seed_findings(&model);
}

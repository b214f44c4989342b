//! The restatement detector (`near-duplicate`) measured on a labelled set of sentence pairs
//! (tests/fixtures/restatement/pairs.tsv: paraphrases a reviewer would cut, and hard
//! negatives on the same topic that share words but say something else). Each pair becomes
//! a guide with the two sentences in two sections, checked by the real binary with the
//! default configuration. The numbers are the README's; this test keeps them true.

use crate::common::*;
use serde_json::Value;

fn pairs() -> Vec<(bool, String, String)> {
    std::fs::read_to_string(root().join("tests/fixtures/restatement/pairs.tsv"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('0') || l.starts_with('1'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            (f[0] == "1", f[1].to_string(), f[2].to_string())
        })
        .collect()
}

fn guide(a: &str, b: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    format!(
        "id: pair\ntitle: Pair\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: T}}]\nsections:\n  - id: one\n    title: One\n    blocks:\n      - paragraph: {}\n  - id: two\n    title: Two\n    blocks:\n      - paragraph: {}\n",
        q(a),
        q(b)
    )
}

#[test]
fn precision_and_recall_on_the_labelled_set() {
    let pairs = pairs();
    let positives = pairs.iter().filter(|p| p.0).count();
    assert!(
        positives >= 40 && pairs.len() - positives >= 40,
        "set too small"
    );
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = pairs
        .iter()
        .enumerate()
        .map(|(i, (_, a, b))| {
            let sub = dir.path().join(format!("p{i:03}"));
            std::fs::create_dir(&sub).unwrap();
            let f = sub.join("pair.yaml");
            std::fs::write(&f, guide(a, b)).unwrap();
            f.display().to_string()
        })
        .collect();
    // one run per pair (guides with the same id cannot share a run)
    let (mut tp, mut fp) = (0, 0);
    for ((label, _, _), f) in pairs.iter().zip(&files) {
        let o = run(&["lint", "--format", "json", f]);
        let out: Value = serde_json::from_slice(&o.stdout).unwrap();
        let flagged = out["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "near-duplicate");
        match (flagged, label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            _ => {}
        }
    }
    let recall = tp as f64 / positives as f64;
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    eprintln!(
        "near-duplicate on {} pairs: {tp} of {positives} paraphrases found, {fp} false alarms; precision {precision:.2}, recall {recall:.2}",
        pairs.len()
    );
    // the README's numbers (see "Restatement detection")
    assert_eq!((tp, fp), (8, 0), "update the README when this changes");
}

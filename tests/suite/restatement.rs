//! The restatement detector (`near-duplicate`) measured on a labelled set of sentence pairs
//! (tests/fixtures/restatement/pairs.tsv: paraphrases a reviewer would cut, and hard
//! negatives on the same topic that share words but say something else). Each pair becomes
//! a guide with the two sentences in two sections, checked by the real binary with the
//! default configuration. The numbers are the README's; this test keeps them true.
//!
//! Since near-duplicate reports only repeated passages (three or more sentences of one
//! paragraph restating one earlier paragraph, measured on real articles), a single restated
//! sentence is not reported: this set now measures that no lone pair is flagged, and the
//! sentence models evaluated on it (assets/embeddings/evaluate_models.py).

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
    assert_eq!((tp, fp), (0, 0), "update the README when this changes");
}

/// Rows of a label file keyed as benches/precision.py keys a finding (guide, rule, flagged
/// text, context, n) -> label.
fn label_rows(path: &str) -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let mut rows = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    let header: Vec<&str> = rows.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (id, code, flagged, context, n, label) = (
        col("id"),
        col("code"),
        col("flagged"),
        col("context"),
        col("n"),
        col("label"),
    );
    rows.map(|l| {
        let f: Vec<&str> = l.split('\t').collect();
        let get = |i: usize| f.get(i).copied().unwrap_or("");
        (
            [get(id), get(code), get(flagged), get(context), get(n)].join("\u{1f}"),
            get(label).to_string(),
        )
    })
    .collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `near-duplicate` on the real-text corpus, labelled by the corpus's independent labeller
/// (tests/corpus/labels/rules.tsv) and, where that has no label, by the tuner
/// (tests/fixtures/rules-precision/near-duplicate-labels.tsv, tune split only): at least 90 %
/// of the tune findings are useful and every one is labelled; the README's numbers.
#[test]
fn repeated_passages_on_real_articles_are_useful() {
    let o = run(&["check", "--format", "json", "tests/corpus/guides"]);
    let out: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut labels = label_rows("tests/corpus/labels/rules.tsv");
    for (k, v) in label_rows("tests/fixtures/rules-precision/near-duplicate-labels.tsv") {
        labels.entry(k).or_insert(v);
    }
    let split: std::collections::HashMap<String, String> =
        std::fs::read_to_string(root().join("tests/corpus/MANIFEST.tsv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f[0].to_string(), f[1].to_string())
            })
            .collect();
    // (guide, line, flagged, context) of every finding, in the bench's order
    let mut found: Vec<(String, u64, String, String)> = Vec::new();
    for d in out["diagnostics"].as_array().unwrap() {
        if d["code"] != "near-duplicate" {
            continue;
        }
        let file = d["file"].as_str().unwrap();
        let src = std::fs::read(root().join(file)).unwrap();
        let loc = &d["location"];
        let (s, e) = (
            loc["start"].as_u64().unwrap() as usize,
            loc["end"].as_u64().unwrap() as usize,
        );
        let flagged = norm(&String::from_utf8_lossy(&src[s..e]));
        let ls = src[..s]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let le = src[s..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(src.len(), |i| s + i);
        let context = if flagged.chars().count() < 40 {
            norm(&String::from_utf8_lossy(&src[ls..le]))
                .chars()
                .take(160)
                .collect()
        } else {
            String::new()
        };
        let id = std::path::Path::new(file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let flagged: String = flagged.chars().take(200).collect();
        found.push((id, loc["line"].as_u64().unwrap(), flagged, context));
    }
    found.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut score: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for (id, _, flagged, context) in &found {
        let key = [id.as_str(), "near-duplicate", flagged, context].join("\u{1f}");
        let n = seen.entry(key.clone()).or_default();
        *n += 1;
        let label = labels
            .get(&format!("{key}\u{1f}{n}"))
            .map_or("unlabelled", String::as_str);
        *score
            .entry((split[id].clone(), label.to_string()))
            .or_default() += 1;
    }
    eprintln!("near-duplicate on tests/corpus/guides: {score:?}");
    let get = |s: &str, l: &str| score.get(&(s.into(), l.into())).copied().unwrap_or(0);
    let (useful, noise) = (get("tune", "useful"), get("tune", "noise"));
    assert_eq!(get("tune", "unlabelled"), 0, "label new tune findings");
    assert!(useful >= 10, "too few tune findings to say: {score:?}");
    assert!(
        useful as f64 / (useful + noise) as f64 >= 0.9,
        "tune precision: {score:?}"
    );
    // the README's numbers
    assert_eq!(
        (
            useful,
            noise,
            get("heldout", "useful"),
            get("heldout", "noise")
        ),
        (11, 0, 0, 3),
        "update the README when this changes"
    );
}

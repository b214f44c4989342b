//! `guidepress import`: real articles in, valid guides out, every word kept in order, never
//! overwriting, clear errors for files that are not text.

use crate::common::*;
use std::path::{Path, PathBuf};

fn import(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn only_guide(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// Every word of `source` appears in the guide (title, then body), in order.
fn assert_words_survive(source: &str, guide: &Path) {
    let outcome = guidepress::validate::validate_path(guide);
    let g = &outcome
        .document
        .expect("the imported guide validates")
        .guide;
    let mut out = words(&g.title);
    out.extend(guide_words(guide));
    assert_subsequence(&words(source), &out, "imported guide");
}

#[test]
fn the_seed_article_imports_keeps_every_word_and_lint_finds_its_defects() {
    let dir = tempfile::tempdir().unwrap();
    let o = import(
        dir.path(),
        &[
            &fixture("microneedling-101.txt"),
            "--out",
            "content",
            "--id",
            "seed",
        ],
    );
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("(7 sections, 1 list, 0 callouts"),
        "{}",
        stdout(&o)
    );
    let guide = dir.path().join("content/seed.yaml");
    // list numbers ("1.") are markers, not words
    let source = std::fs::read_to_string(fixture("microneedling-101.txt")).unwrap();
    let marker = regex::Regex::new(r"(?m)^\d+\. ").unwrap();
    assert_words_survive(&marker.replace_all(&source, ""), &guide);
    // lint it with the project's vocabulary and config, as a writer would
    let o = run(&[
        "lint",
        "--format",
        "json",
        "--config",
        ".guidepress.yaml",
        guide.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let has = |code: &str, text: &str| {
        diags
            .iter()
            .any(|d| d["code"] == code && d["message"].as_str().unwrap().contains(text))
    };
    assert!(has("spelling", "microneapedling"), "the misspelling");
    assert!(
        has("duplicate-heading", "repeats the guide title"),
        "the repeated title"
    );
    let restated = diags
        .iter()
        .filter(|d| d["code"] == "near-duplicate" || d["code"] == "restates-definition")
        .count();
    assert!(restated >= 4, "the restated definition: {restated}");
}

#[test]
fn markdown_keeps_structure_markup_and_words() {
    let dir = tempfile::tempdir().unwrap();
    let o = import(dir.path(), &[&fixture("chemical-peels.md"), "--out", "out"]);
    assert_code(&o, 0);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 32: image dropped"), "{err}");
    assert!(err.contains("line 41: HTML dropped"), "{err}");
    let guide = only_guide(&dir.path().join("out"));
    assert_eq!(
        guide.file_name().unwrap(),
        "chemical-peels.yaml",
        "id from the front-matter title"
    );
    let g = guidepress::validate::validate_path(&guide)
        .document
        .unwrap()
        .guide;
    assert_eq!(g.title, "Chemical Peels");
    assert!(g.summary.is_some());
    let titles: Vec<(usize, String)> = g
        .walk_sections()
        .iter()
        .map(|r| (r.depth, r.section.title.clone()))
        .collect();
    assert_eq!(
        titles,
        [
            (1, "Chemical Peels: A Patient Guide".to_string()),
            (1, "How Peels Work".to_string()),
            (2, "Before the Peel".to_string()),
            (3, "On the Day".to_string()),
            (1, "Aftercare".to_string()),
        ]
    );
    let yaml = std::fs::read_to_string(&guide).unwrap();
    for expected in [
        "\"**Superficial**: glycolic or lactic acid, little downtime\"",
        "\"takes about a week to heal\"",
        "kind: note",
        "kind: warning",
        "kind: tip",
        "patient leaflet (https://example.org/peels)",
        "Use 2 \\\\* 3 drops",
        "*clean* and ***moisturised***",
        "- ordered:",
    ] {
        assert!(yaml.contains(expected), "missing {expected}:\n{yaml}");
    }
    // every word of the article's text survives, in order (image and HTML aside)
    let source = std::fs::read_to_string(fixture("chemical-peels.md")).unwrap();
    let body: String = source
        .lines()
        .skip(4) // front matter
        .filter(|l| !l.starts_with("![") && !l.starts_with("<p>") && !l.starts_with("> [!"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = words(&g.title);
    out.extend(guide_words(&guide));
    let marker = regex::Regex::new(r"(?m)^\d+\. ").unwrap();
    // the URL moves behind its link text; "Note:"/"Warning:" become the callout kind
    let body = marker
        .replace_all(&body, "")
        .replace("https://example.org/peels", "")
        .replace("**Note:**", "")
        .replace("Warning:", "");
    assert_subsequence(&words(&body), &out, "markdown");
}

#[test]
fn never_overwrites_and_refuses_binary_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/seed.yaml"), "mine").unwrap();
    let o = import(
        dir.path(),
        &[&fixture("microneedling-101.txt"), "--id", "seed"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("content/seed.yaml already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/seed.yaml")).unwrap(),
        "mine"
    );
    for (name, bytes) in [
        ("binary.txt", vec![0u8, 159, 146, 150, 0, 1, 2]),
        ("latin1.txt", b"caf\xe9 au lait\n".to_vec()),
        (
            "utf16.md",
            "# Title\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect(),
        ),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let o = import(dir.path(), &[name, "--out", "new"]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(name) && err.contains("cannot import"), "{err}");
        assert!(
            !dir.path().join("new").exists(),
            "nothing written for {name}"
        );
    }
}

#[test]
fn any_text_imports_to_a_valid_guide() {
    // the fuzz corpus (hostile YAML-ish inputs) and some awkward articles, read both ways
    let mut inputs: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/fuzz"))
        .unwrap()
        .filter_map(|e| String::from_utf8(std::fs::read(e.unwrap().path()).ok()?).ok())
        .collect();
    inputs.extend(
        [
            "",
            "#",
            "# \n\n##",
            "> ",
            "- \n- ",
            "***",
            "[x](",
            "<!-- -->",
            "\u{feff}Title\n\nText.",
            "1. a\n\n* b\n\n# T\n\n####### seven",
            "---\ntitle: [1, 2]\n---\n",
        ]
        .map(str::to_string),
    );
    for text in &inputs {
        for kind in [
            guidepress::import::Kind::Markdown,
            guidepress::import::Kind::Text,
        ] {
            let i = guidepress::import::import(text, kind, "in", None);
            let o = guidepress::validate::validate_source(guidepress::load::SourceFile::new(
                "t.yaml",
                i.yaml.clone(),
                false,
            ));
            assert!(
                o.document.is_some(),
                "{kind:?} {text:?} -> {:?}\n{}",
                o.diagnostics,
                i.yaml
            );
        }
    }
}

//! Writes that must not lose or replace a user's bytes (hostile test run 3, items 2, 4, 9,
//! 11, 12): concurrent `vocab add` keeps every word, `vocab add` keeps a BOM, CRLF and the
//! leading comments, `build`/`export --out` never replace a file guidepress did not write,
//! a symlinked folder leading out of the project is not searched, and a run whose guides
//! are all ignored writes nothing.

use crate::common::*;
use std::path::Path;
use std::process::{Command, Output};

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_guidepress"));
    c.current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("GUIDEPRESS_MODEL_DIR", root().join("target/no-such-model"));
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn concurrent_vocab_adds_keep_every_word() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let n = 24;
    let children: Vec<_> = (0..n)
        .map(|i| {
            bin(dir.path())
                .args(["vocab", "add", &format!("Word{i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().unwrap();
        assert_code(&o, 0);
    }
    let text = std::fs::read_to_string(dir.path().join("content/vocabulary.txt")).unwrap();
    let words: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    for i in 0..n {
        assert!(
            words.contains(&format!("Word{i}").as_str()),
            "Word{i} lost:\n{text}"
        );
    }
    assert_eq!(words.len(), n, "{text}");
    // nothing else is left in the folder (no lock file, no temporary file)
    assert_eq!(
        std::fs::read_dir(dir.path().join("content"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn vocab_add_keeps_a_bom_crlf_and_the_leading_comments() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let file = dir.path().join("content/vocabulary.txt");
    std::fs::write(
        &file,
        "\u{feff}# header\r\n# one per line\r\nzeta\r\nalpha\r\n",
    )
    .unwrap();
    let o = bin(dir.path())
        .args(["vocab", "add", "Dermapen"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "\u{feff}# header\r\n# one per line\r\nalpha\r\nDermapen\r\nzeta\r\n"
    );
    // LF files stay LF, without a BOM
    std::fs::write(&file, "# header\nzeta\n").unwrap();
    let o = bin(dir.path())
        .args(["vocab", "add", "alpha"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# header\nalpha\nzeta\n"
    );
    let _ = stderr(&o);
}

/// A project made by `init` with one guide from `new` (valid: it builds).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert_code(
        &bin(dir.path()).args(["init", "-q", "."]).output().unwrap(),
        0,
    );
    assert_code(
        &bin(dir.path())
            .args(["new", "tiny", "-q"])
            .output()
            .unwrap(),
        0,
    );
    dir
}

#[test]
fn build_and_export_never_replace_a_file_guidepress_did_not_write() {
    let dir = project();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.html"), "<h1>Clinic</h1>\n").unwrap();
    std::fs::write(site.join("tiny.txt"), "notes\n").unwrap();
    let before = listing(&site);
    let o = bin(dir.path())
        .args(["build", "--out", "site"])
        .output()
        .unwrap();
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains("was not written by guidepress")
            && stderr(&o).contains("move or delete the file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(listing(&site), before, "nothing is written");
    let o = bin(dir.path())
        .args([
            "export",
            "--format",
            "txt",
            "--out",
            "site",
            "content/tiny.yaml",
        ])
        .output()
        .unwrap();
    assert_code(&o, 2);
    assert!(stderr(&o).contains("tiny.txt"), "{}", stderr(&o));
    assert_eq!(listing(&site), before, "nothing is written");

    // a folder guidepress wrote: its own files are replaced, run after run
    let o = bin(dir.path())
        .args(["build", "--out", "out"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    let manifest = std::fs::read_to_string(dir.path().join("out/.guidepress-manifest")).unwrap();
    for name in [
        "index.html",
        "tiny.epub",
        "tiny.html",
        "tiny.pdf",
        "tiny.txt",
    ] {
        assert!(manifest.lines().any(|l| l == name), "{name}: {manifest}");
    }
    let o = bin(dir.path())
        .args([
            "export",
            "--format",
            "txt",
            "--out",
            "out",
            "content/tiny.yaml",
        ])
        .output()
        .unwrap();
    assert_code(&o, 0);
    // the manifest is not reported as an export
    assert!(!String::from_utf8_lossy(&o.stdout).contains("manifest"));
    let o = bin(dir.path())
        .args(["build", "--out", "out"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    // a file of the user's that appears there later is still refused
    std::fs::remove_file(dir.path().join("out/tiny.txt")).unwrap();
    std::fs::write(dir.path().join("out/tiny.txt"), "mine\n").unwrap();
    let manifest = dir.path().join("out/.guidepress-manifest");
    let m = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("tiny.txt\n", "");
    std::fs::write(&manifest, m).unwrap();
    let o = bin(dir.path())
        .args(["build", "--out", "out"])
        .output()
        .unwrap();
    assert_code(&o, 2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/tiny.txt")).unwrap(),
        "mine\n"
    );
}

#[test]
fn the_default_exports_folder_of_an_earlier_version_is_taken_over() {
    let dir = project();
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    // written by a version without a manifest
    std::fs::write(exports.join("tiny.html"), "old export\n").unwrap();
    std::fs::write(exports.join("index.html"), "old index\n").unwrap();
    let o = bin(dir.path()).args(["build"]).output().unwrap();
    assert_code(&o, 0);
    assert_ne!(
        std::fs::read_to_string(exports.join("tiny.html")).unwrap(),
        "old export\n"
    );
    assert!(exports.join(".guidepress-manifest").is_file());
}

#[test]
fn a_run_whose_guides_are_all_ignored_fails_and_writes_nothing() {
    let dir = project();
    let config = dir.path().join(".guidepress.yaml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("ignore: []", "ignore: [\"*.yaml\"]");
    std::fs::write(&config, text).unwrap();
    let o = bin(dir.path()).args(["check", "content"]).output().unwrap();
    assert_code(&o, 2);
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(all.contains("every guide is ignored"), "{all}");
    // a file named on its own is skipped silently: the pre-commit hook passes every changed
    // YAML file, ignored ones included
    let o = bin(dir.path())
        .args(["check", "content/tiny.yaml"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    let o = bin(dir.path()).args(["build"]).output().unwrap();
    assert_code(&o, 2);
    assert!(!dir.path().join("exports").exists());
}

#[test]
fn discovery_does_not_follow_a_symlinked_folder_out_of_the_project() {
    let dir = project();
    let outside = tempfile::tempdir().unwrap();
    let guide = std::fs::read_to_string(dir.path().join("content/tiny.yaml"))
        .unwrap()
        .replace("id: tiny", "id: elsewhere");
    std::fs::write(outside.path().join("elsewhere.yaml"), guide).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("content/shared")).unwrap();
    // a symlinked folder inside the project is still searched
    std::fs::create_dir(dir.path().join("more")).unwrap();
    let guide = std::fs::read_to_string(dir.path().join("content/tiny.yaml"))
        .unwrap()
        .replace("id: tiny", "id: inside");
    std::fs::write(dir.path().join("more/inside.yaml"), guide).unwrap();
    std::os::unix::fs::symlink("../more", dir.path().join("content/alias")).unwrap();
    let o = bin(dir.path())
        .args(["validate", "content"])
        .output()
        .unwrap();
    assert_code(&o, 0);
    let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(all.contains("in 2 guides"), "{all}");
    assert!(all.contains("not searching content/shared"), "{all}");
    assert!(!all.contains("elsewhere"), "{all}");
}

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
        std::fs::read_dir(dir.path().join("content")).unwrap().count(),
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

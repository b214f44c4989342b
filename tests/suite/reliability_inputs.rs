//! Reliability of what guidepress reads and where its report goes (hostile run 3): the
//! `--sarif-file` target, input size caps and non-regular input files.

use crate::common::*;
use std::path::Path;
use std::process::Output;

const VALID: &str = "tests/fixtures/edge/valid.yaml";

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn valid(id: &str) -> String {
    std::fs::read_to_string(root().join(VALID))
        .unwrap()
        .replace("id: sample-guide", &format!("id: {id}"))
}

/// A project folder with two guides, `content/first.yaml` and `content/second.yaml`.
fn two_guides(d: &Path) {
    std::fs::create_dir(d.join("content")).unwrap();
    std::fs::write(d.join("content/first.yaml"), valid("first")).unwrap();
    std::fs::write(d.join("content/second.yaml"), valid("second")).unwrap();
}

// 3. the --sarif-file target

/// `--sarif-file` replaced any existing file that was not an input of the run: another guide
/// of the project, the user's notes. Now an existing file is replaced only when it is a SARIF
/// report, a guide-named path (`.yaml`/`.yml`) is refused, `-` is a usage error (it wrote a
/// file named `-`), and a new report is created.
#[test]
fn a_sarif_report_replaces_only_an_earlier_sarif_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    two_guides(d);
    std::fs::write(d.join("notes.txt"), "my notes\n").unwrap();
    std::fs::write(d.join("other.json"), "{\"a\": 1}\n").unwrap();
    std::fs::create_dir(d.join("folder")).unwrap();
    let second = std::fs::read(d.join("content/second.yaml")).unwrap();
    for (target, why) in [
        ("content/second.yaml", "guide"),
        ("content/third.yaml", "guide"),
        ("notes.txt", "not a SARIF report"),
        ("other.json", "not a SARIF report"),
        ("folder", "not a regular file"),
    ] {
        let o = run_in(d, &["check", "content/first.yaml", "--sarif-file", target]);
        assert_code(&o, 2);
        let err = stderr(&o);
        assert!(err.contains(target) && err.contains(why), "{target}: {err}");
    }
    assert_eq!(
        std::fs::read(d.join("content/second.yaml")).unwrap(),
        second
    );
    assert!(!d.join("content/third.yaml").exists());
    assert_eq!(std::fs::read(d.join("notes.txt")).unwrap(), b"my notes\n");
    assert_eq!(
        std::fs::read(d.join("other.json")).unwrap(),
        b"{\"a\": 1}\n"
    );
    // `-` is not a file name: a usage error, and no file named `-`
    let o = run_in(d, &["check", "content/first.yaml", "--sarif-file", "-"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("--format sarif"), "{}", stderr(&o));
    assert!(!d.join("-").exists());
    // a new report is created, and a later run replaces its own report
    let o = run_in(
        d,
        &["check", "content/first.yaml", "--sarif-file", "out.sarif"],
    );
    assert_code(&o, 0);
    let first: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(first["version"], "2.1.0");
    let o = run_in(d, &["check", "content", "--sarif-file", "out.sarif"]);
    assert_code(&o, 0);
    let again: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out.sarif")).unwrap()).unwrap();
    assert_eq!(again["version"], "2.1.0");
}

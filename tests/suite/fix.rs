//! `lint --fix` never damages a guide: every test runs the real binary on a guide in a
//! temporary folder, then re-parses the result (serde_yaml, independent of our loader) and
//! checks that the value changed exactly where intended.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

const CONFIG: &str = "rules:\n  near-duplicate: off\nterminology:\n  - pattern: crohns disease\n    replacement: Crohn's disease\n  - pattern: elastomer\n    replacement: '*elastin*'\n  - pattern: creme 1\n    replacement: 'cream #1'\n";

fn guide(paragraphs: &[&str]) -> String {
    let mut s = String::from(
        "id: fix-test\ntitle: Fix Test\nlanguage: en-US\nversion: 1.0.0\nauthors:\n  - name: Test Author\nsections:\n  - id: first\n    title: First Section\n    blocks:\n",
    );
    for p in paragraphs {
        s.push_str(&format!("      - paragraph: {p}\n"));
    }
    s
}

/// A project folder with the config above and one guide.
fn project(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".guidepress.yaml"), CONFIG).unwrap();
    let path = dir.path().join("guide.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn fix(dir: &Path, extra: &[&str]) -> Output {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"));
    c.args(["lint", "--fix"])
        .args(extra)
        .arg("guide.yaml")
        .current_dir(dir);
    c.output().unwrap()
}

fn paragraphs(text: &str) -> Vec<String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).expect("still valid YAML");
    v["sections"][0]["blocks"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|b| b["paragraph"].as_str().unwrap().to_string())
        .collect()
}

/// Fix `yaml_paragraphs`, expect the parsed paragraphs to become `expected`, and every other
/// part of the guide to stay the same.
fn assert_fixes_to(yaml_paragraphs: &[&str], expected: &[&str]) {
    let before = guide(yaml_paragraphs);
    let (dir, path) = project(&before);
    let o = fix(dir.path(), &[]);
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(paragraphs(&after), expected, "{}\n{after}", stdout(&o));
    let mut a: serde_yaml::Value = serde_yaml::from_str(&before).unwrap();
    let mut b: serde_yaml::Value = serde_yaml::from_str(&after).unwrap();
    a["sections"][0]["blocks"] = serde_yaml::Value::Null;
    b["sections"][0]["blocks"] = serde_yaml::Value::Null;
    assert_eq!(a, b, "nothing else changed");
}

#[test]
fn an_apostrophe_inside_a_single_quoted_scalar_is_requoted() {
    assert_fixes_to(
        &["'Ask about crohns disease before treatment.'"],
        &["Ask about Crohn's disease before treatment."],
    );
}

#[test]
fn a_star_at_the_start_of_a_plain_scalar_does_not_become_an_alias() {
    assert_fixes_to(
        &["elastomer keeps skin firm."],
        &["*elastin* keeps skin firm."],
    );
}

#[test]
fn a_hash_in_a_plain_scalar_does_not_start_a_comment() {
    assert_fixes_to(
        &["Use creme 1 twice a day, then rinse with water."],
        &["Use cream #1 twice a day, then rinse with water."],
    );
}

#[test]
fn fixes_reach_a_fixpoint_and_the_exit_code_reflects_what_remains() {
    let (dir, path) = project(&guide(&["Apply the teh serum at night."]));
    let o = fix(dir.path(), &[]);
    assert_eq!(
        paragraphs(&std::fs::read_to_string(&path).unwrap()),
        ["Apply the serum at night."]
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("fixed 2 findings"), "{}", stdout(&o));
}

#[test]
fn near_vocabulary_words_and_capitalised_names_are_not_auto_fixed() {
    let text = guide(&[
        "Microchannel healing takes days.",
        "Transformatively, the skin renews.",
        "Ask Teh Wei Ling at the clinic.",
    ])
    .replace(
        "sections:",
        "vocabulary: [Microchannels, Transformative]\nsections:",
    );
    let (dir, path) = project(&text);
    let o = fix(dir.path(), &[]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("fixed 0 findings"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn fixes_write_through_symlinks_and_keep_the_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    for mode in [0o600, 0o640, 0o755] {
        let (dir, _) = project("");
        let real = dir.path().join("real.yaml");
        std::fs::write(&real, guide(&["Use teh serum at night."])).unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(mode)).unwrap();
        let link = dir.path().join("guide.yaml");
        std::fs::remove_file(&link).unwrap();
        symlink("real.yaml", &link).unwrap();
        let o = fix(dir.path(), &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            paragraphs(&std::fs::read_to_string(&real).unwrap()),
            ["Use the serum at night."]
        );
        let m = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(m, mode, "mode kept");
    }
}

#[cfg(unix)]
#[test]
fn read_only_files_are_refused_and_nothing_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let text = guide(&["Use teh serum at night."]);
    let (dir, path) = project(&text);
    let other = dir.path().join("other.yaml");
    let other_text = text.replace("id: fix-test", "id: other");
    std::fs::write(&other, &other_text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(["lint", "--fix", "other.yaml", "guide.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("read-only"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        other_text,
        "all files or none"
    );
}

#[test]
fn json_fix_offsets_count_the_bom() {
    let text = guide(&["Use teh serum at night."]);
    let (dir, path) = project("");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(["lint", "--format", "json", "guide.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = &v["diagnostics"][0];
    let (s, e) = (
        d["fix"]["location"]["start"].as_u64().unwrap() as usize,
        d["fix"]["location"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[s..e], b"teh", "offsets into the file as stored");
    assert_eq!(d["location"]["start"].as_u64().unwrap() as usize, s);
}

#[test]
fn fix_with_a_machine_format_prints_that_format() {
    let (dir, _) = project(&guide(&["Use teh serum at night.", "Ask Teh Wei Ling."]));
    for format in ["json", "sarif"] {
        let o = fix(dir.path(), &["--dry-run", "--format", format]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        if format == "json" {
            let codes: Vec<&str> = v["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap())
                .collect();
            assert_eq!(codes, ["misspelling"], "what still needs a human");
        } else {
            assert_eq!(v["version"], "2.1.0");
        }
    }
}

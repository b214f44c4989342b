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

/// A project whose terminology replaces `elastomer` with `replacement` (a config may hold
/// any replacement; the fix must still write YAML every parser reads).
fn project_with_replacement(replacement: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let config = format!(
        "rules:\n  near-duplicate: off\nterminology:\n  - pattern: elastomer\n    replacement: {}\n",
        yaml_quoted(replacement)
    );
    std::fs::write(dir.path().join(".guidepress.yaml"), config).unwrap();
    let path = dir.path().join("guide.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `s` as a YAML double-quoted scalar with every character outside printable ASCII escaped
/// (a raw DEL or C1 character is not allowed in a YAML stream).
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{:04X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

fn bullets_guide(bullets: &str) -> String {
    format!(
        "id: fix-test\ntitle: Fix Test\nlanguage: en-US\nversion: 1.0.0\nauthors:\n  - name: Test Author\nsections:\n  - id: first\n    title: First Section\n    blocks:\n      - bullets: {bullets}\n"
    )
}

fn bullets_of(text: &str) -> Vec<String> {
    let v: serde_yaml::Value = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("serde_yaml rejects the fixed file: {e}\n{text}"));
    v["sections"][0]["blocks"][0]["bullets"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_indicator_at_the_start_of_a_flow_item_is_quoted() {
    // saphyr reads `[|elastin, other]` as a plain `|elastin`; libyaml (serde_yaml, PyYAML)
    // rejects it: the fix must quote
    for replacement in [
        "|elastin",
        ">elastin",
        "!elastin",
        "%elastin",
        "@elastin",
        "`elastin",
        "&elastin",
        "- elastin",
        "? elastin",
    ] {
        let (dir, path) =
            project_with_replacement(replacement, &bullets_guide("[elastomer, other]"));
        let o = fix(dir.path(), &[]);
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            bullets_of(&after),
            [replacement, "other"],
            "{replacement}: {}\n{after}",
            stdout(&o)
        );
    }
}

#[test]
fn a_replacement_with_control_characters_is_never_applied() {
    for replacement in [
        "elas\u{0}tin",
        "elas\u{1b}[31mtin",
        "elas\u{202e}tin",
        "elas\u{7f}tin",
    ] {
        let text = bullets_guide("[elastomer, other]");
        let (dir, path) = project_with_replacement(replacement, &text);
        let o = fix(dir.path(), &[]);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{replacement:?}: {}",
            stdout(&o)
        );
        assert!(stdout(&o).contains("fixed 0 findings"), "{}", stdout(&o));
    }
}

/// Every fixture guide, fixed with its own configuration, is still read by a second,
/// independent YAML parser (serde_yaml on libyaml; the guides are loaded with saphyr) as
/// the same value with only the fixed strings changed.
#[test]
fn every_fixed_fixture_round_trips_through_a_second_yaml_parser() {
    use guidepress::project::{Project, Stage};
    let mut files = Vec::new();
    let mut stack = vec![root().join("tests/fixtures")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml")
                && !p.file_name().unwrap().to_string_lossy().starts_with('.')
            {
                files.push(p);
            }
        }
    }
    files.sort();
    let (mut fixed_files, mut applied) = (0, 0);
    for file in &files {
        let Ok(project) = Project::open(std::slice::from_ref(file), None) else {
            continue;
        };
        let report = project.check(Stage::Lint);
        // what `lint --fix --dry-run` does: every guide with a fix, nothing written
        for f in project.fix(&report, false).unwrap().changed() {
            fixed_files += 1;
            applied += f.applied;
            let before = guidepress::fix::second_parse(&f.original.text);
            let after = guidepress::fix::second_parse(&f.fixed.text);
            if before.is_some() {
                assert!(
                    after.is_some(),
                    "{}: serde_yaml rejects the fixed text:\n{}",
                    file.display(),
                    f.fixed.text
                );
            }
            // and the guide loader reads it as a valid guide
            let again = guidepress::validate::validate_source(guidepress::load::SourceFile::new(
                "again.yaml",
                f.fixed.text.clone(),
                false,
            ));
            assert!(again.document.is_some(), "{}", file.display());
        }
    }
    assert!(
        fixed_files >= 3 && applied >= 3,
        "the fixtures exercise the fixer ({fixed_files} files, {applied} fixes)"
    );
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_refused_not_split() {
    let text = guide(&["Use teh serum at night."]);
    let (dir, path) = project(&text);
    let twin = dir.path().join("twin.yaml");
    std::fs::hard_link(&path, &twin).unwrap();
    let o = fix(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2 hard links") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        std::fs::metadata(&path).unwrap().ino(),
        std::fs::metadata(&twin).unwrap().ino(),
        "still one file"
    );
}

/// A file whose own permissions do not let this user write it is refused even though the
/// folder is writable (a rename would replace it). As root, another user's file is fixed
/// and keeps its owner and group; as that other user, root's 644 file is refused.
#[cfg(unix)]
#[test]
fn a_file_the_user_cannot_write_is_refused_and_owners_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let text = guide(&["Use teh serum at night."]);
    let euid = std::fs::metadata(tempfile::tempdir().unwrap().path())
        .unwrap()
        .uid();
    if euid != 0 {
        // group- and other-writable, but not by its owner (this user)
        let (dir, path) = project(&text);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o466)).unwrap();
        let o = fix(dir.path(), &[]);
        assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("cannot write"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        return;
    }
    // root fixing a user's file: the owner and group stay the user's
    let (dir, path) = project(&text);
    std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = fix(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let m = std::fs::metadata(&path).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (4242, 4343, 0o644));
    assert_eq!(
        paragraphs(&std::fs::read_to_string(&path).unwrap()),
        ["Use the serum at night."]
    );
    // another user fixing root's 644 file in a folder anyone may write
    let Some(setpriv) = tool("setpriv") else {
        return;
    };
    let (dir, path) = project(&text);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(
        dir.path().join(".guidepress.yaml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let o = std::process::Command::new(setpriv)
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_guidepress"))
        .args(["lint", "--fix", "guide.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}{}",
        stdout(&o),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot write"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let m = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (m.uid(), std::fs::read_to_string(&path).unwrap()),
        (0, text)
    );
}

/// `--fix --dry-run` prints a diff `git apply` takes: applied in a repository holding the
/// original, it gives exactly what `--fix` writes.
#[test]
fn the_dry_run_diff_applies_with_git() {
    let Some(git) = tool("git") else { return };
    let text = guide(&[
        "Use teh serum at night.",
        "Keep the skin clean.",
        "Rinse, then dry.",
        "Apply the the cream.",
    ]);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    for bytes in [
        text.as_bytes().to_vec(),
        text.replace('\n', "\r\n").into_bytes(),
        bom,
    ] {
        let (dir, path) = project("");
        std::fs::write(&path, &bytes).unwrap();
        let o = fix(dir.path(), &["--dry-run"]);
        let out = stdout(&o);
        let patch = &out[..out.find("\nwould fix").map_or(out.len(), |i| i + 1)];
        let patch: String = patch
            .split_inclusive('\n')
            .take_while(|l| !l.starts_with("error[") && !l.starts_with("warning["))
            .collect();
        assert!(
            patch.starts_with("--- a/guide.yaml\n+++ b/guide.yaml\n@@ -"),
            "{out}"
        );
        std::fs::write(dir.path().join("fix.patch"), &patch).unwrap();
        let git_run = |args: &[&str]| {
            let o = std::process::Command::new(&git)
                .args(args)
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "git {args:?}: {}\n{patch}",
                String::from_utf8_lossy(&o.stderr)
            );
        };
        git_run(&["init", "-q"]);
        git_run(&["apply", "--check", "fix.patch"]);
        git_run(&["apply", "fix.patch"]);
        let applied = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        fix(dir.path(), &[]);
        assert_eq!(
            applied,
            std::fs::read(&path).unwrap(),
            "the patch is the fix"
        );
        assert_ne!(applied, bytes);
    }
}

//! CLI conveniences: colour only when asked (or on a terminal without NO_COLOR), `new`
//! scaffolds a guide that passes `check`, completions and the man page render.

use crate::common::*;

#[test]
fn colour_follows_the_color_flag_and_no_color() {
    let file = "tests/fixtures/lint/warnings-only.yaml";
    let always = stdout(&run(&["check", "--color", "always", file]));
    assert!(
        always.contains("\u{1b}["),
        "ANSI colours with --color always"
    );
    let auto = stdout(&run(&["check", file]));
    assert!(!auto.contains('\u{1b}'), "not a terminal: no colours");
    let never = stdout(&run_env(
        &["check", "--color", "never", file],
        &[("NO_COLOR", "1")],
    ));
    assert!(!never.contains('\u{1b}'));
    let json = stdout(&run(&[
        "check", "--color", "always", "--format", "json", file,
    ]));
    assert!(
        !json.contains('\u{1b}'),
        "machine formats are never coloured"
    );
}

#[test]
fn new_writes_a_guide_that_passes_check_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("guides");
    let o = run(&[
        "new",
        "chemical-peels",
        "--dir",
        target.to_str().unwrap(),
        "--title",
        "Chemical Peels: \"A\" Guide",
    ]);
    assert_code(&o, 0);
    let file = target.join("chemical-peels.yaml");
    let check = run(&["check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let again = run(&["new", "chemical-peels", "--dir", target.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn completions_and_man_page_render() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("guidepress"));
    }
    let man = stdout(&run(&["man"]));
    assert!(man.contains(".TH guidepress 1") && man.contains("validate"));
    for section in [
        "FIXES",
        "OUTPUT FORMATS",
        "CONFIGURATION",
        "EXIT STATUS",
        "ENVIRONMENT",
    ] {
        assert!(
            man.contains(&format!(".SH \"{section}\"")) || man.contains(&format!(".SH {section}")),
            "main page lacks {section}"
        );
    }
}

#[test]
fn man_out_writes_a_page_for_every_subcommand_the_main_page_names() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["man", "--out", dir.path().to_str().unwrap()]);
    assert_code(&o, 0);
    let main = std::fs::read_to_string(dir.path().join("guidepress.1"))
        .unwrap()
        .replace("\\-", "-");
    // every page the main page refers to exists, and says how it ends
    let named: Vec<&str> = main
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(|w| w.strip_suffix("(1)"))
        .filter(|w| w.starts_with("guidepress-"))
        .collect();
    assert!(named.len() >= 12, "{named:?}");
    for page in named {
        let text = std::fs::read_to_string(dir.path().join(format!("{page}.1")))
            .unwrap_or_else(|e| panic!("{page}.1: {e}"));
        assert!(
            text.replace("\\-", "-").contains(&format!(".TH {page} 1")),
            "{page}"
        );
    }
    let lint = std::fs::read_to_string(dir.path().join("guidepress-lint.1")).unwrap();
    for needle in [
        "\\-\\-fix",
        "FIXES",
        "OUTPUT FORMATS",
        "sarif",
        "CONFIGURATION",
        "EXIT STATUS",
        "130",
    ] {
        assert!(lint.contains(needle), "lint page lacks {needle}");
    }
    let build = std::fs::read_to_string(dir.path().join("guidepress-build.1")).unwrap();
    assert!(build.contains("SOURCE_DATE_EPOCH") && build.contains("EXIT STATUS"));
}

#[test]
fn config_is_found_from_the_checked_path_when_the_current_directory_has_none() {
    let elsewhere = tempfile::tempdir().unwrap();
    let content = root().join("content");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(["check", content.to_str().unwrap()])
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "the repository's vocabulary applies: {}",
        stdout(&o)
    );
}

#[test]
fn a_closed_stdout_is_a_normal_end_not_a_panic() {
    for args in [
        &[
            "lint",
            "--format",
            "json",
            "tests/fixtures/microneedling-101.original.yaml",
        ][..],
        &["check", "tests/fixtures/microneedling-101.original.yaml"][..],
        &["schema"][..],
        &["man"][..],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"))
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // like `| head` that has read enough
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

/// The modeline of a guide, resolved from the guide's folder.
fn modeline_target(guide: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(guide).unwrap();
    let first = text.lines().next().unwrap();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("no modeline: {first}"));
    guide.parent().unwrap().join(rel)
}

#[test]
fn init_sets_up_a_repository_whose_new_guides_check_and_find_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    for f in [
        ".guidepress.yaml",
        "content/vocabulary.txt",
        "schema/guide.schema.json",
        ".pre-commit-config.yaml",
        ".gitignore",
        ".github/workflows/guides.yml",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} missing:\n{out}");
        assert!(
            out.contains(&format!("wrote ./{f}")),
            "{f} not reported:\n{out}"
        );
    }
    // guides at two depths: each modeline resolves to the schema init wrote
    for (id, folder) in [("first-guide", "content"), ("peels", "content/skin/peels")] {
        let o = run_in(dir.path(), &["new", id, "--dir", folder]);
        assert_code(&o, 0);
        assert!(!stdout(&o).contains("note: no schema"), "{}", stdout(&o));
        let guide = dir.path().join(folder).join(format!("{id}.yaml"));
        let schema = modeline_target(&guide);
        assert_eq!(
            std::fs::read_to_string(&schema).unwrap(),
            std::fs::read_to_string(dir.path().join("schema/guide.schema.json")).unwrap(),
            "{}",
            schema.display()
        );
    }
    // pre-commit installs guidepress itself: every hook pins the wheel of this very version
    // (`language: system` failed for newcomers with "Executable `guidepress` not found");
    // .ci/wheel.sh runs these hooks with real pre-commit from the built wheel
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(dir.path().join(".pre-commit-config.yaml")).unwrap(),
    )
    .unwrap();
    let hooks = hooks["repos"][0]["hooks"].as_sequence().unwrap();
    assert_eq!(hooks.len(), 2);
    for hook in hooks {
        assert_eq!(hook["language"].as_str(), Some("python"), "{hook:?}");
        let pinned = format!("guidepress=={}", env!("CARGO_PKG_VERSION"));
        assert_eq!(
            hook["additional_dependencies"]
                .as_sequence()
                .map(|d| d.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>()),
            Some(vec![pinned.as_str()]),
            "{hook:?}"
        );
        assert!(
            hook["entry"]
                .as_str()
                .unwrap()
                .starts_with("guidepress check")
        );
    }
    // the new project checks clean, with init's config in effect (pre-commit's files run too)
    let o = run_in(dir.path(), &["check", "content"]);
    assert_code(&o, 0);
    // a second init keeps every file as it is
    std::fs::write(dir.path().join(".guidepress.yaml"), "rules: {}\n").unwrap();
    let o = run_in(dir.path(), &["init"]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o).matches("(exists; not overwritten)").count(), 6);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".guidepress.yaml")).unwrap(),
        "rules: {}\n"
    );
}

#[test]
fn new_without_a_schema_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(dir.path(), &["new", "lonely", "--dir", "guides"]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("run `guidepress init`"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_to_stdout_gives_the_same_bytes_as_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["pdf", "epub", "txt"] {
        let env = [("SOURCE_DATE_EPOCH", "1700000000")];
        let piped = run_env(
            &["export", "--format", format, "--out", "-", "content"],
            &env,
        );
        assert_code(&piped, 0);
        let o = run_env(
            &[
                "export",
                "--format",
                format,
                "--out",
                dir.path().to_str().unwrap(),
                "content",
            ],
            &env,
        );
        assert_code(&o, 0);
        let file = std::fs::read(dir.path().join(format!("microneedling-101.{format}"))).unwrap();
        assert!(
            piped.stdout == file,
            "{format}: stdout differs from the file"
        );
    }
}

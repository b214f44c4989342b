//! The project root: every command finds the nearest `.guidepress.yaml` upward and puts its
//! default folders (content/, exports/, the vocabulary) under it, so it does the same from the
//! root, from content/ and from a sibling folder. Paths given on the command line stay
//! relative to the working folder; without any `.guidepress.yaml` above, defaults are
//! relative to the working folder as before.

use crate::common::{assert_code, run_in, stdout};
use std::path::{Path, PathBuf};

/// The folders a command is run from, relative to the project root, and the prefix the
/// default `content/` gets in messages from there.
const FROM: [(&str, &str); 3] = [("", ""), ("content", "../"), ("notes", "../")];

/// A fresh project: `init`, one guide from `new`, and a sibling folder `notes/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert_code(&run_in(dir.path(), &["init"]), 0);
    assert_code(&run_in(dir.path(), &["new", "sample"]), 0);
    // a warning (a repeated paragraph), so reports name the guide's path and build still runs
    let guide = dir.path().join("content/sample.yaml");
    let text = std::fs::read_to_string(&guide).unwrap();
    let p = "      - paragraph: Explain the treatment in plain words.\n";
    assert!(text.contains(p));
    std::fs::write(&guide, text.replace(p, &p.repeat(2))).unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    dir
}

fn cwd(root: &Path, from: &str) -> PathBuf {
    root.join(from)
}

/// Stdout of a report with the working folder's prefix removed from paths.
fn normalised(out: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        out.to_string()
    } else {
        out.replace(&format!("{prefix}content/"), "content/")
            .replace(&format!("{prefix}content"), "content")
    }
}

/// The same report, exit code and files from every folder of the project.
fn same_report_everywhere(args: &[&str]) {
    let dir = project();
    let mut first: Option<(Option<i32>, String)> = None;
    for (from, prefix) in FROM {
        let o = run_in(&cwd(dir.path(), from), args);
        let code = o.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{args:?} from `{from}`: {}{}",
            stdout(&o),
            String::from_utf8_lossy(&o.stderr)
        );
        // `validate` and `stats` report nothing here; `check` and `lint` name the guide
        if !prefix.is_empty() && matches!(args[0], "check" | "lint") {
            assert!(
                stdout(&o).contains(&format!("{prefix}content/sample.yaml")),
                "paths are shown from the working folder: {}",
                stdout(&o)
            );
        }
        let got = (code, normalised(&stdout(&o), prefix));
        match &first {
            None => first = Some(got),
            Some(f) => assert_eq!(f, &got, "{args:?} from `{from}`"),
        }
    }
}

#[test]
fn check_validate_and_lint_use_the_projects_content_from_any_folder() {
    same_report_everywhere(&["check"]);
    same_report_everywhere(&["validate"]);
    same_report_everywhere(&["lint"]);
}

#[test]
fn stats_uses_the_projects_content_from_any_folder() {
    same_report_everywhere(&["stats"]);
}

#[test]
fn build_writes_the_projects_exports_from_any_folder() {
    for (from, _) in FROM {
        let dir = project();
        let o = run_in(&cwd(dir.path(), from), &["build"]);
        assert_code(&o, 0);
        assert!(
            stdout(&o)
                .lines()
                .any(|l| l.starts_with("built 1 guide: 5 files, ") && l.contains("(0 errors, ")),
            "{}",
            stdout(&o)
        );
        for ext in ["pdf", "epub", "txt"] {
            assert!(
                dir.path()
                    .join("exports")
                    .join(format!("sample.{ext}"))
                    .is_file(),
                "build from `{from}`"
            );
        }
        for stray in ["content/exports", "notes/exports", "content/content"] {
            assert!(!dir.path().join(stray).exists(), "{stray} from `{from}`");
        }
    }
}

#[test]
fn export_writes_the_projects_exports_from_any_folder() {
    for (from, prefix) in FROM {
        let dir = project();
        let o = run_in(&cwd(dir.path(), from), &["export", "--format", "txt"]);
        assert_code(&o, 0);
        assert!(
            dir.path().join("exports/sample.txt").is_file(),
            "from `{from}`"
        );
        assert_eq!(
            stdout(&o).lines().next().unwrap_or(""),
            format!(
                "wrote {prefix}exports/sample.txt ({} bytes)",
                std::fs::metadata(dir.path().join("exports/sample.txt"))
                    .unwrap()
                    .len()
            )
        );
        assert!(!dir.path().join("content/exports").exists());
    }
}

#[test]
fn new_writes_into_the_projects_content_with_a_modeline_from_any_folder() {
    for (from, _) in FROM {
        let dir = project();
        let o = run_in(&cwd(dir.path(), from), &["new", "peels"]);
        assert_code(&o, 0);
        let text = std::fs::read_to_string(dir.path().join("content/peels.yaml")).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../schema/guide.schema.json\n"));
        assert!(
            !dir.path().join("content/content").exists(),
            "from `{from}`"
        );
        assert!(!dir.path().join("notes/content").exists(), "from `{from}`");
    }
}

#[test]
fn import_writes_into_the_projects_content_with_the_modeline_from_any_folder() {
    for (from, _) in FROM {
        let dir = project();
        let article = dir.path().join("notes/peels.md");
        std::fs::write(
            &article,
            "# Chemical Peels\n\nA peel removes the top layer of skin.\n\n## Risks\n\nRedness for a few days.\n",
        )
        .unwrap();
        // the article's path is given from the working folder, as users type it
        let given = match from {
            "" => "notes/peels.md",
            "content" => "../notes/peels.md",
            _ => "peels.md",
        };
        let o = run_in(&cwd(dir.path(), from), &["import", given]);
        assert_code(&o, 0);
        let text = std::fs::read_to_string(dir.path().join("content/chemical-peels.yaml"))
            .unwrap_or_else(|e| panic!("from `{from}`: {e}: {}", stdout(&o)));
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/guide.schema.json\n"),
            "{text}"
        );
        assert!(!dir.path().join("content/content").exists());
        assert!(!dir.path().join("notes/content").exists());
    }
}

#[test]
fn vocab_add_writes_the_projects_vocabulary_from_any_folder() {
    for (from, _) in FROM {
        let dir = project();
        let o = run_in(&cwd(dir.path(), from), &["vocab", "add", "Sunbloq"]);
        assert_code(&o, 0);
        let words = std::fs::read_to_string(dir.path().join("content/vocabulary.txt")).unwrap();
        assert!(words.lines().any(|l| l == "Sunbloq"), "from `{from}`");
        assert!(!dir.path().join("notes/vocabulary.txt").exists());
        assert!(!dir.path().join("content/content").exists());
    }
}

#[test]
fn explicit_paths_stay_relative_to_the_working_folder() {
    let dir = project();
    let o = run_in(&dir.path().join("content"), &["check", "sample.yaml"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stdout(&o));
    assert!(!stdout(&o).contains("../"), "{}", stdout(&o));
    let o = run_in(
        &dir.path().join("content"),
        &["export", "--format", "txt", "--out", "here", "sample.yaml"],
    );
    assert_code(&o, 0);
    assert!(dir.path().join("content/here/sample.txt").is_file());
}

#[test]
fn without_a_config_upward_defaults_are_the_working_folders() {
    let dir = tempfile::tempdir().unwrap();
    assert_code(&run_in(dir.path(), &["new", "sample"]), 0);
    assert!(dir.path().join("content/sample.yaml").is_file());
    let o = run_in(dir.path(), &["check"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stdout(&o));
    // from inside content/ there is no content/ below: as before, a clear I/O error
    let o = run_in(&dir.path().join("content"), &["check"]);
    assert_code(&o, 2);
    assert!(
        stdout(&o).contains("content: cannot open path"),
        "{}",
        stdout(&o)
    );
}

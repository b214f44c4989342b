//! File safety (issue 23): inputs are never outputs, files that must be new are created
//! with create-new semantics, one writer per output folder, writes confined to the project,
//! `vocab add` keeps comments and symlinks, a broken `.guidepress.yaml` is an error, file
//! names are escaped wherever printed, and `ulimit -f` is a clean I/O error.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const VALID: &str = "tests/fixtures/edge/valid.yaml";

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_guidepress"));
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn valid(id: &str) -> String {
    std::fs::read_to_string(root().join(VALID))
        .unwrap()
        .replace("id: sample-guide", &format!("id: {id}"))
}

/// [`listing`] with each PDF's trailer `/ID` blanked: the ID is not yet a function of the
/// content alone across parallel builds (issue 23, item 10, fixed apart); every other byte
/// still has to match.
fn exports(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let id = regex::bytes::Regex::new(r"/ID\s*\[[^\]]*\]").unwrap();
    listing(dir)
        .into_iter()
        .map(|(name, bytes)| {
            if name.ends_with(".pdf") {
                let blanked = id.replace_all(&bytes, &b"/ID[]"[..]).into_owned();
                (name, blanked)
            } else {
                (name, bytes)
            }
        })
        .collect()
}

fn no_temps(dir: &Path) {
    for (name, _) in listing(dir) {
        assert!(
            !(name.starts_with(".guidepress-") && name.ends_with(".tmp")),
            "temporary file left: {name}"
        );
    }
}

/// Run `n` copies of a command at once (each made by `make(i)`), all released together.
fn concurrently(n: usize, make: impl Fn(usize) -> Command) -> Vec<Output> {
    let children: Vec<_> = (0..n)
        .map(|i| {
            make(i)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

// 1. inputs are never outputs

#[test]
fn a_sarif_report_over_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("content")).unwrap();
    std::fs::write(d.join("content/g.yaml"), valid("g")).unwrap();
    std::fs::write(d.join("content/vocabulary.txt"), "microneedling\n").unwrap();
    std::fs::write(d.join(".guidepress.yaml"), "rules: {}\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("content/g.yaml", d.join("link.sarif")).unwrap();
        std::os::unix::fs::symlink("content", d.join("alias")).unwrap();
        std::fs::hard_link(d.join("content/g.yaml"), d.join("hard.sarif")).unwrap();
    }
    let before = (listing(d), listing(&d.join("content")));
    let mut reports = vec![
        "content/g.yaml",
        "./content/../content/g.yaml",
        ".guidepress.yaml",
        "content/vocabulary.txt",
    ];
    if cfg!(unix) {
        reports.extend(["link.sarif", "alias/g.yaml", "hard.sarif"]);
    }
    for report in reports {
        let o = run_in(d, &["check", "content", "--sarif-file", report]);
        assert_code(&o, 2);
        let err = stderr(&o);
        assert!(
            err.contains(report) && err.contains("an input of this run"),
            "{report}: {err}"
        );
    }
    assert_eq!((listing(d), listing(&d.join("content"))), before);
    // an ordinary report path still works
    let o = run_in(d, &["check", "content", "--sarif-file", "report.sarif"]);
    assert_code(&o, 0);
    assert!(d.join("report.sarif").is_file());
}

#[test]
fn an_export_over_a_vocabulary_or_a_config_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("content")).unwrap();
    // a guide whose text export is named like the vocabulary beside it
    std::fs::write(d.join("content/vocabulary.yaml"), valid("vocabulary")).unwrap();
    std::fs::write(d.join("content/vocabulary.txt"), "# words\nmicroneedling\n").unwrap();
    let before = listing(&d.join("content"));
    let o = run_in(
        d,
        &["export", "--format", "txt", "--out", "content", "content"],
    );
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains("content/vocabulary.txt"),
        "{}",
        stderr(&o)
    );
    let o = run_in(d, &["build", "content", "--out", "content"]);
    assert_code(&o, 2);
    assert_eq!(listing(&d.join("content")), before);
    // a configuration named like an export
    std::fs::remove_file(d.join("content/vocabulary.txt")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    std::fs::write(d.join("out/vocabulary.pdf"), "").unwrap();
    let o = run_in(
        d,
        &[
            "build",
            "content",
            "--out",
            "out",
            "--config",
            "out/vocabulary.pdf",
        ],
    );
    assert_code(&o, 2);
    assert!(stderr(&o).contains("out/vocabulary.pdf"), "{}", stderr(&o));
    assert_eq!(listing(&d.join("out")), [("vocabulary.pdf".into(), vec![])]);
}

// 2. create-new semantics

#[test]
fn concurrent_new_of_one_guide_makes_one_file_and_the_others_say_it_exists() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("content");
    let outs = concurrently(24, |_| {
        let mut c = bin();
        c.args(["new", "same-guide", "--dir"]).arg(&d);
        c
    });
    let won = outs.iter().filter(|o| o.status.success()).count();
    assert_eq!(won, 1, "{:?}", outs.iter().map(stderr).collect::<Vec<_>>());
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert_code(o, 2);
        assert!(stderr(o).contains("already exists"), "{}", stderr(o));
    }
    // the winner's bytes are whole: the same as a lone run writes
    let alone = dir.path().join("alone");
    assert_code(
        &bin()
            .args(["new", "same-guide", "--dir"])
            .arg(&alone)
            .output()
            .unwrap(),
        0,
    );
    assert_eq!(
        std::fs::read(d.join("same-guide.yaml")).unwrap(),
        std::fs::read(alone.join("same-guide.yaml")).unwrap()
    );
    assert_eq!(listing(&d).len(), 1);
}

#[test]
fn concurrent_imports_of_one_target_make_one_set_of_files_all_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, title) in [("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")] {
        std::fs::write(
            d.join(format!("{name}.md")),
            format!("# {title}\n\nSome text about {title}.\n\n## Risks\n\n- Redness.\n"),
        )
        .unwrap();
    }
    let out = d.join("out");
    // half import a and b, half b and c: every run needs b.yaml, so one wins, and the
    // folder holds exactly the winner's pair
    let outs = concurrently(24, |i| {
        let mut c = bin();
        c.current_dir(d).arg("import");
        if i % 2 == 0 {
            c.args(["a.md", "b.md"]);
        } else {
            c.args(["b.md", "c.md"]);
        }
        c.args(["--out", "out"]);
        c
    });
    let winners: Vec<&Output> = outs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(
        winners.len(),
        1,
        "{:?}",
        outs.iter().map(stderr).collect::<Vec<_>>()
    );
    for o in outs.iter().filter(|o| !o.status.success()) {
        assert_code(o, 2);
        assert!(stderr(o).contains("already exists"), "{}", stderr(o));
    }
    let names: Vec<String> = listing(&out).into_iter().map(|(n, _)| n).collect();
    let from_a = stdout(winners[0]).contains("a.md");
    if from_a {
        assert_eq!(names, ["alpha.yaml", "beta.yaml"]);
    } else {
        assert_eq!(names, ["beta.yaml", "gamma.yaml"]);
    }
    // each file whole: the same as a lone import writes
    let alone = d.join("alone");
    let first = if from_a { "a.md" } else { "c.md" };
    assert_code(
        &bin()
            .current_dir(d)
            .args(["import", first, "b.md", "--out", "alone"])
            .output()
            .unwrap(),
        0,
    );
    assert_eq!(listing(&out), listing(&alone));
}

// 3. one writer per output folder

/// A content folder per run: the same guide ids, each run's own text.
fn edition(dir: &Path, run: usize) -> PathBuf {
    let content = dir.join(format!("content-{run}"));
    std::fs::create_dir_all(&content).unwrap();
    for id in ["guide-a", "guide-b"] {
        std::fs::write(
            content.join(format!("{id}.yaml")),
            valid(id).replace("Sample Guide", &format!("Edition {run}")),
        )
        .unwrap();
    }
    content
}

#[test]
fn concurrent_builds_into_one_folder_leave_one_runs_complete_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let runs = 5;
    // what each run writes on its own
    let expected: Vec<Vec<(String, Vec<u8>)>> = (0..runs)
        .map(|r| {
            let content = edition(d, r);
            let alone = d.join(format!("alone-{r}"));
            let o = bin()
                .arg("build")
                .arg(&content)
                .arg("--out")
                .arg(&alone)
                .output()
                .unwrap();
            assert_code(&o, 0);
            exports(&alone)
        })
        .collect();
    let out = d.join("exports");
    for round in 0..3 {
        let outs = concurrently(runs, |r| {
            let mut c = bin();
            c.arg("build")
                .arg(d.join(format!("content-{r}")))
                .arg("--out")
                .arg(&out);
            c
        });
        // every run's message is true: each built and said so, none claimed nothing was
        // written (or failed)
        for o in &outs {
            assert_code(o, 0);
            assert!(
                stdout(o).starts_with("built 2 guides: 9 files"),
                "{}",
                stdout(o)
            );
            assert!(!stderr(o).contains("nothing was written"), "{}", stderr(o));
        }
        no_temps(&out);
        let now = exports(&out);
        let names: Vec<&String> = now.iter().map(|(n, _)| n).collect();
        // each file is one run's whole file, and all are the same run's
        let from: Vec<Vec<usize>> = now
            .iter()
            .map(|f| (0..runs).filter(|r| expected[*r].contains(f)).collect())
            .collect();
        assert!(
            expected.contains(&now),
            "round {round}: the folder mixes runs or holds a partial file: {names:?} from runs {from:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_build_removes_only_the_temporary_files_of_runs_that_are_gone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let content = edition(d, 0);
    let out = d.join("exports");
    std::fs::create_dir(&out).unwrap();
    let mut gone = Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let stale = format!(".guidepress-{dead}-AbCdEf.tmp");
    // pid 1 is always running: its files are in use
    let live = ".guidepress-1-AbCdEf.tmp";
    std::fs::write(out.join(&stale), "half").unwrap();
    std::fs::write(out.join(live), "in use").unwrap();
    let o = bin()
        .arg("build")
        .arg(&content)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_code(&o, 0);
    assert!(!out.join(&stale).exists());
    assert_eq!(std::fs::read(out.join(live)).unwrap(), b"in use");
}

// 4. writes confined to the project

#[test]
fn vocab_add_never_writes_outside_the_project_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let project = d.join("project");
    std::fs::create_dir_all(project.join("content")).unwrap();
    std::fs::create_dir_all(d.join("victim")).unwrap();
    std::fs::write(d.join("victim/file"), "precious\n").unwrap();
    std::fs::write(project.join("content/g.yaml"), valid("g")).unwrap();
    let mut configs = vec!["vocabulary: [../victim/file]\n"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../victim/file", project.join("words.txt")).unwrap();
        configs.push("vocabulary: [words.txt]\n");
    }
    for config in configs {
        std::fs::write(project.join(".guidepress.yaml"), config).unwrap();
        let o = run_in(&project, &["vocab", "add", "zinc"]);
        assert_code(&o, 2);
        assert!(
            stderr(&o).contains("outside the project folder"),
            "{}",
            stderr(&o)
        );
        assert_eq!(
            std::fs::read_to_string(d.join("victim/file")).unwrap(),
            "precious\n"
        );
    }
    // the same through the library call the language server's command uses
    std::fs::write(
        project.join(".guidepress.yaml"),
        "vocabulary: [../victim/file]\n",
    )
    .unwrap();
    let settings =
        guidepress::settings::Settings::load(Some(&project.join(".guidepress.yaml")), &[]).unwrap();
    assert!(settings.add_vocabulary(&["zinc".into()]).is_err());
    assert_eq!(
        std::fs::read_to_string(d.join("victim/file")).unwrap(),
        "precious\n"
    );
    // inside the project it works
    std::fs::write(
        project.join(".guidepress.yaml"),
        "vocabulary: [words/list.txt]\n",
    )
    .unwrap();
    std::fs::create_dir(project.join("words")).unwrap();
    std::fs::write(project.join("words/list.txt"), "acne\n").unwrap();
    let o = run_in(&project, &["vocab", "add", "zinc"]);
    assert_code(&o, 0);
    assert_eq!(
        std::fs::read_to_string(project.join("words/list.txt")).unwrap(),
        "acne\nzinc\n"
    );
}

// 5. vocab add keeps comments, symlinks and modes

#[test]
fn vocab_add_keeps_comment_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("content")).unwrap();
    let before =
        "# Project words\n\nzinc\n# brand names, checked with legal\nDermapen\n# trailing note\n";
    std::fs::write(d.join("content/vocabulary.txt"), before).unwrap();
    let o = run_in(d, &["vocab", "add", "acne"]);
    assert_code(&o, 0);
    let after = std::fs::read_to_string(d.join("content/vocabulary.txt")).unwrap();
    assert_eq!(
        after,
        "# Project words\n\nacne\n# brand names, checked with legal\nDermapen\nzinc\n# trailing note\n"
    );
}

#[cfg(unix)]
#[test]
fn vocab_add_writes_through_a_symlinked_vocabulary_keeping_link_and_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("content")).unwrap();
    std::fs::create_dir_all(d.join("shared")).unwrap();
    std::fs::write(d.join("shared/words.txt"), "zinc\n").unwrap();
    std::fs::set_permissions(
        d.join("shared/words.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink("../shared/words.txt", d.join("content/vocabulary.txt")).unwrap();
    std::fs::write(
        d.join(".guidepress.yaml"),
        "vocabulary: [content/vocabulary.txt]\n",
    )
    .unwrap();
    let o = run_in(d, &["vocab", "add", "acne"]);
    assert_code(&o, 0);
    let link = d.join("content/vocabulary.txt");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(d.join("shared/words.txt")).unwrap(),
        "acne\nzinc\n"
    );
    let mode = std::fs::metadata(d.join("shared/words.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

// 9. a broken .guidepress.yaml is an error

#[test]
fn a_config_that_is_a_folder_a_dangling_link_or_a_loop_is_an_error() {
    type Make = Box<dyn Fn(&Path)>;
    let mut cases: Vec<(&str, Make)> = vec![(
        "is a directory",
        Box::new(|p: &Path| std::fs::create_dir(p).unwrap()),
    )];
    #[cfg(unix)]
    {
        cases.push((
            "does not exist",
            Box::new(|p: &Path| std::os::unix::fs::symlink("missing.yaml", p).unwrap()),
        ));
        cases.push((
            "loops",
            Box::new(|p: &Path| std::os::unix::fs::symlink(".guidepress.yaml", p).unwrap()),
        ));
    }
    for (what, make) in cases {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("content/sub")).unwrap();
        std::fs::write(d.join("content/sub/g.yaml"), valid("g")).unwrap();
        // the project's config (found from the working directory)
        make(&d.join(".guidepress.yaml"));
        let o = run_in(d, &["check", "content"]);
        assert_code(&o, 2);
        let said = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            said.contains(".guidepress.yaml") && said.contains(what),
            "{what}: {said}"
        );
        // a guide's own config (found above the guide)
        std::fs::remove_dir(d.join(".guidepress.yaml"))
            .or_else(|_| std::fs::remove_file(d.join(".guidepress.yaml")))
            .unwrap();
        make(&d.join("content/sub/.guidepress.yaml"));
        let o = run_in(d, &["check", "content"]);
        assert_code(&o, 2);
        let said = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            said.contains("sub/.guidepress.yaml") && said.contains(what),
            "{what}: {said}"
        );
    }
}

// 11. file names are escaped wherever printed

#[cfg(unix)]
#[test]
fn file_names_with_terminal_escapes_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let evil = "evil\u{1b}[2J\u{1b}]0;owned\u{7}";
    std::fs::write(
        d.join(format!("{evil}.md")),
        "# Title\n\nSome text.\n\n## Risks\n\n- Redness.\n",
    )
    .unwrap();
    let o = run_in(
        d,
        &[
            "import",
            &format!("{evil}.md"),
            "--out",
            &format!("out{evil}"),
        ],
    );
    assert_code(&o, 0);
    let printed = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        !printed.contains('\u{1b}') && !printed.contains('\u{7}'),
        "{printed:?}"
    );
    assert!(printed.contains("evil\\u{1b}[2J"), "{printed}");
    // the --fix --dry-run diff header
    // a repeated word: a safe fix, so a diff is shown
    std::fs::write(
        d.join(format!("{evil}.yaml")),
        valid("g").replace("heals itself after", "heals itself itself after"),
    )
    .unwrap();
    let o = run_in(d, &["lint", "--fix", "--dry-run", &format!("{evil}.yaml")]);
    let printed = format!("{}{}", stdout(&o), stderr(&o));
    assert!(printed.contains("--- a/evil\\u{1b}"), "{printed}");
    assert!(
        !printed.contains('\u{1b}') && !printed.contains('\u{7}'),
        "{printed:?}"
    );
    // an I/O error naming the file
    let o = run_in(d, &["new", "g", "--dir", &format!("{evil}.md")]);
    assert_code(&o, 2);
    assert!(!stderr(&o).contains('\u{1b}'), "{:?}", stderr(&o));
}

// 13. the file size limit

#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_io_error_that_leaves_no_temporary_file() {
    let Some(bash) = tool("bash") else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let content = edition(d, 0);
    let out = d.join("exports");
    std::fs::create_dir(&out).unwrap();
    // 10 blocks of 1 KiB: each PDF (about 25 KB) is larger
    let o = Command::new(bash)
        .arg("-c")
        .arg("ulimit -f 10; exec \"$0\" build \"$1\" --out \"$2\"")
        .arg(env!("CARGO_BIN_EXE_guidepress"))
        .arg(&content)
        .arg(&out)
        .output()
        .unwrap();
    assert_code(&o, 2);
    assert!(stderr(&o).contains("file too large"), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert_eq!(listing(&out), []);
}

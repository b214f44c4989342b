//! Reliability of what guidepress reads and where its report goes (hostile run 3): the
//! `--sarif-file` target, input size caps and non-regular input files.

use crate::common::*;
use std::path::Path;
use std::process::Output;

const VALID: &str = "tests/fixtures/edge/valid.yaml";

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What a run printed: a guide that cannot be read is a finding (stdout), other refusals
/// are errors (stderr).
fn printed(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
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

// 6 + 7. input size caps and non-regular input files

/// The input size limit the README states (guides, configs, imported files, standard input).
const CAP: u64 = 64 << 20;

/// Run guidepress in `dir`, killed after 30 s: a run that blocks (a FIFO opened for reading
/// waits for a writer) fails the test instead of hanging it.
fn run_bounded(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(args)
        .current_dir(dir)
        .env("GUIDEPRESS_MODEL_DIR", root().join("target/no-such-model"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let feeder = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        // the run may stop reading at the cap: a broken pipe here is expected
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        })
    });
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(30) {
            child.kill().unwrap();
            let o = child.wait_with_output().unwrap();
            panic!(
                "guidepress {args:?} still running after 30 s (blocked?): {}",
                stderr(&o)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    if let Some(f) = feeder {
        let _ = f.join();
    }
    child.wait_with_output().unwrap()
}

/// A sparse file of `len` bytes (zeros): costs no disk.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let st = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(st.success(), "mkfifo {}", path.display());
}

/// A guide, a config or an imported file over the cap is refused (exit 2) naming the file and
/// the cap, before it is read whole (`validate /dev/zero` took 7.5 GB in 3 s); so is standard
/// input past the cap (`yes 'a: b' | guidepress validate -`). Just under the cap is read.
#[test]
fn inputs_over_the_size_limit_are_refused_naming_file_and_limit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    two_guides(d);
    sparse(&d.join("big.yaml"), CAP + 1);
    sparse(&d.join("big.md"), CAP + 1);
    sparse(&d.join("big-config.yaml"), CAP + 1);
    let limit = |o: &Output, file: &str| {
        assert_code(o, 2);
        let err = printed(o);
        assert!(
            err.contains(file) && err.contains("64 MiB limit"),
            "{file}: {err}"
        );
    };
    limit(&run_bounded(d, &["validate", "big.yaml"], None), "big.yaml");
    limit(
        &run_bounded(d, &["lint", "--fix", "big.yaml"], None),
        "big.yaml",
    );
    limit(
        &run_bounded(d, &["import", "big.md", "--out", "content"], None),
        "big.md",
    );
    limit(
        &run_bounded(
            d,
            &["check", "--config", "big-config.yaml", "content/first.yaml"],
            None,
        ),
        "big-config.yaml",
    );
    let mut lines = b"a: b\n".repeat((CAP / 5 + 1) as usize);
    lines.truncate(CAP as usize + 10);
    limit(&run_bounded(d, &["validate", "-"], Some(lines)), "<stdin>");
    // a guide read whole still works: the first guide through standard input
    let first = std::fs::read(d.join("content/first.yaml")).unwrap();
    let o = run_bounded(
        d,
        &["validate", "-", "--stdin-filename", "content/first.yaml"],
        Some(first),
    );
    assert_code(&o, 0);
}

/// A FIFO, a device or a folder given as a guide, a config, an imported file or a PDF font
/// is refused (exit 2) before it is opened: opening a FIFO blocked every one of these runs
/// for ever (`mkfifo p.yaml; guidepress validate p.yaml`).
#[cfg(unix)]
#[test]
fn non_regular_inputs_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    two_guides(d);
    for f in ["p.yaml", "a.md"] {
        mkfifo(&d.join(f));
    }
    let refused = |o: &Output, file: &str| {
        assert_code(o, 2);
        let err = printed(o);
        assert!(
            err.contains(file) && err.contains("not a regular file"),
            "{file}: {err}"
        );
    };
    refused(&run_bounded(d, &["validate", "p.yaml"], None), "p.yaml");
    refused(
        &run_bounded(d, &["lint", "--fix", "p.yaml"], None),
        "p.yaml",
    );
    refused(
        &run_bounded(d, &["validate", "/dev/zero"], None),
        "/dev/zero",
    );
    refused(
        &run_bounded(d, &["import", "a.md", "--out", "content"], None),
        "a.md",
    );
    refused(
        &run_bounded(
            d,
            &["check", "--config", "p.yaml", "content/first.yaml"],
            None,
        ),
        "p.yaml",
    );
    refused(
        &run_bounded(d, &["check", "--config", "/dev/zero", "content"], None),
        "/dev/zero",
    );
    // a PDF fallback font the config names (relative to the config)
    let fonts = d.join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::fs::write(fonts.join(".guidepress.yaml"), "pdf: {fonts: [f.ttf]}\n").unwrap();
    std::fs::write(fonts.join("g.yaml"), valid("g")).unwrap();
    mkfifo(&fonts.join("f.ttf"));
    let o = run_bounded(
        &fonts,
        &["export", "--format", "pdf", "--out", "out", "g.yaml"],
        None,
    );
    assert_code(&o, 2);
    let err = printed(&o);
    assert!(
        err.contains("f.ttf") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(!fonts.join("out/g.pdf").exists());
    // a FIFO named .guidepress.yaml, found by discovery
    mkfifo(&d.join(".guidepress.yaml"));
    refused(
        &run_bounded(d, &["check", "content"], None),
        ".guidepress.yaml",
    );
}

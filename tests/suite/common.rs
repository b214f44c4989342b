//! Helpers shared by the integration tests: run the real binary, find external tools,
//! and compare word sequences.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run guidepress from the repository root.
pub fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

pub fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_guidepress"));
    c.args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        // the same results whether or not this machine has the sentence model installed; the
        // tests of the model pass its folder (GUIDEPRESS_TEST_MODEL_DIR) themselves
        .env("GUIDEPRESS_MODEL_DIR", root().join("target/no-such-model"));
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run guidepress")
}

/// Assert an exit code, showing stdout and stderr when it differs.
pub fn assert_code(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(o),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Run guidepress in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(args)
        .current_dir(dir)
        .env("GUIDEPRESS_MODEL_DIR", root().join("target/no-such-model"))
        .output()
        .expect("run guidepress")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// An external tool, or None. Under CI=true a missing tool fails the test (see [`skipped`]).
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        skipped(&format!("`{name}`"), "not on PATH; .ci/run installs it");
    }
    found
}

/// The external checks skipped in this run, printed once when the test binary exits.
static SKIPPED: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Record that an external check (`what`: a tool, a word list) was skipped because it is
/// missing, and why. Under CI=true that fails the test: CI must run every check. Locally the
/// line is written past the test harness's output capture (a green run still shows it) and
/// the list of every skipped check is printed again when the tests end.
pub fn skipped(what: &str, why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is required under CI=true ({why})");
    }
    use std::io::Write;
    let line = format!("{what} ({why})");
    let mut set = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if set.is_empty() {
        // SAFETY: registers a plain `extern "C" fn` with no arguments, once.
        unsafe {
            libc::atexit(print_skipped);
        }
    }
    if set.insert(line.clone()) {
        // `std::io::stderr()` directly: `eprintln!` output of a passing test is swallowed
        let _ = writeln!(std::io::stderr(), "note: skipping checks that need {line}");
    }
}

/// The skipped checks, as a summary at the end of the run.
extern "C" fn print_skipped() {
    use std::io::Write;
    let set = SKIPPED.lock().unwrap_or_else(|e| e.into_inner());
    if set.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "\nnote: {} external check(s) skipped (they are required under CI=true):",
        set.len()
    );
    for s in set.iter() {
        let _ = writeln!(err, "  - {s}");
    }
}

/// Lower-cased words (letters and digits) of a text.
pub fn words(text: &str) -> Vec<String> {
    let re = regex::Regex::new(r"[\p{L}\p{N}]+").unwrap();
    re.find_iter(text)
        .map(|m| m.as_str().to_lowercase())
        .collect()
}

/// Assert that `expected` appears in `actual` in order (other words may come between).
pub fn assert_subsequence(expected: &[String], actual: &[String], what: &str) {
    let mut it = actual.iter();
    for (i, w) in expected.iter().enumerate() {
        if !it.any(|a| a == w) {
            let ctx: Vec<&String> = expected[i.saturating_sub(5)..(i + 5).min(expected.len())]
                .iter()
                .collect();
            panic!("{what}: word #{i} `{w}` missing or out of order (context {ctx:?})");
        }
    }
}

/// Assert that the output holds the guide's title, its disclaimer and its body (introduction
/// and sections), each in order. (Backends may put the disclaimer before or after the title.)
pub fn assert_guide_words(path: &Path, output: &str, what: &str) {
    let outcome = guidepress::validate::validate_path(path);
    let guide = &outcome.document.expect("fixture guide is valid").guide;
    let out = words(output);
    assert_subsequence(&words(&guide.title), &out, what);
    if let Some(d) = &guide.disclaimer {
        assert_subsequence(&words(&d.plain()), &out, what);
    }
    assert_subsequence(&guide_words(path), &out, what);
}

/// The words of a guide's body in reading order: introduction, then sections.
pub fn guide_words(path: &Path) -> Vec<String> {
    use guidepress::model::{Block, Section};
    let outcome = guidepress::validate::validate_path(path);
    let guide = &outcome.document.expect("fixture guide is valid").guide;
    let mut text = Vec::new();
    fn blocks(bs: &[Block], text: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Paragraph(t) => text.push(t.plain()),
                Block::Ordered(items) | Block::Bullets(items) => {
                    text.extend(items.iter().map(|i| i.plain()))
                }
                Block::Callout(c) => {
                    text.extend(c.title.clone());
                    text.push(c.text.plain());
                }
            }
        }
    }
    fn section(s: &Section, text: &mut Vec<String>) {
        text.push(s.title.clone());
        blocks(&s.blocks, text);
        for sub in &s.sections {
            section(sub, text);
        }
    }
    blocks(&guide.introduction, &mut text);
    for s in &guide.sections {
        section(s, &mut text);
    }
    words(&text.join(" "))
}

/// The PDF at `pdf` rewritten by `qpdf --qdf` (streams uncompressed, no object streams) into
/// `dir`, as text: what tests search for structure and marked content.
pub fn qdf_text(qpdf: &Path, pdf: &Path, dir: &Path) -> String {
    let qdf = dir.join("q.pdf");
    let o = std::process::Command::new(qpdf)
        .args(["--qdf", "--object-streams=disable"])
        .arg(pdf)
        .arg(&qdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "qpdf --qdf: {o:?}");
    String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned()
}

/// Every file of `dir` (not recursing) with its bytes, sorted by name.
pub fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).unwrap_or_else(|_| b"<dir>".to_vec());
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    v.sort();
    v
}

/// Every `.rs` file under `dir`, recursively, appended to `out`.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

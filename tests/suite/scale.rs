//! Scale: every input dimension measured at 1× and 8× in one test, asserting on the work
//! done — the CPU time the child process used (user + system, from `wait4`, so other tests
//! and machine load do not count) — not on wall time. Linear or n log n work grows about 8×
//! (≤ 10× allowed); a quadratic algorithm would grow 64×. The 1× size is doubled until its
//! run takes at least 50 ms, so start-up cost does not hide the growth. Peak memory comes
//! from the same `wait4` call.
#![cfg(unix)]

use crate::common::*;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const HEAD: &str = "language: en-US\nversion: 1.0.0\nauthors: [{name: T}]\n";

/// What one run cost.
#[derive(Debug, Clone, Copy)]
struct Work {
    cpu: Duration,
    /// Peak resident memory in bytes.
    peak: u64,
    code: Option<i32>,
}

/// Run guidepress in `dir` with stdout into `out` and measure it.
#[allow(clippy::zombie_processes)] // reaped by wait4, which also reports its usage
fn measure(dir: &Path, args: &[&str], out: &Path) -> Work {
    let child = Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("run guidepress");
    let mut status = 0;
    // SAFETY: `rusage` is plain data (all-zero is valid); wait4 reaps our own child, which
    // `child` is then never waited for again
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4 failed");
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Work {
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // kilobytes on Linux, bytes on macOS
        peak: usage.ru_maxrss as u64 * if cfg!(target_os = "macos") { 1 } else { 1024 },
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
    }
}

/// Measure `run` at n and 8n, doubling n from `start` until the 1× run takes 50 ms; the 1×
/// cost is the least of two runs. Returns (n, 1×, 8×).
fn at_1x_and_8x(
    what: &str,
    start: usize,
    run: impl Fn(usize, &Path) -> Work,
) -> (usize, Work, Work) {
    let dir = tempfile::tempdir().unwrap();
    let mut n = start;
    let small = loop {
        let a = run(n, dir.path());
        let b = run(n, dir.path());
        let w = if a.cpu <= b.cpu { a } else { b };
        if w.cpu >= Duration::from_millis(50) || n >= start * 64 {
            break w;
        }
        n *= 2;
    };
    let large = run(8 * n, dir.path());
    let ratio = large.cpu.as_secs_f64() / small.cpu.as_secs_f64().max(1e-3);
    eprintln!(
        "{what}: n = {n}: {:?} ({} MB); 8n: {:?} ({} MB); ratio {ratio:.1}",
        small.cpu,
        small.peak >> 20,
        large.cpu,
        large.peak >> 20
    );
    assert!(
        ratio <= 10.0,
        "{what}: 8× the input took {ratio:.1}× the work ({:?} at n = {n}, {:?} at 8n): not linear",
        small.cpu,
        large.cpu
    );
    (n, small, large)
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_string()
}

fn guide(title: &str, sections: &str) -> String {
    format!("id: scale\ntitle: \"{title}\"\n{HEAD}sections:\n{sections}")
}

/// Words for titles and paragraphs.
fn words(n_chars: usize) -> String {
    let vocab = ["skin", "heals", "after", "small", "injury", "collagen"];
    let mut s = String::new();
    let mut i = 0;
    while s.len() < n_chars {
        s.push_str(vocab[i % vocab.len()]);
        s.push(' ');
        i += 1;
    }
    s.truncate(n_chars);
    s.trim_end().to_string()
}

fn export_pdf(dir: &Path, file: &str) -> Work {
    let out = dir.join("out");
    let w = measure(
        dir,
        &["export", "--format", "pdf", file, "--out", "out"],
        &dir.join("stdout"),
    );
    assert_eq!(w.code, Some(0), "export of {file}");
    assert!(out.join("scale.pdf").is_file());
    w
}

#[test]
fn a_long_pdf_title_is_laid_out_in_linear_time() {
    // the running header was shortened one character at a time, re-measured whole on every
    // page: cubic (8,000 characters: 6 s; 16,000: 23 s; 50,000 did not finish)
    at_1x_and_8x("PDF title characters", 1_000, |n, dir| {
        let file = write(
            dir,
            "title.yaml",
            &guide(
                &words(n),
                "  - id: one\n    title: One\n    blocks:\n      - paragraph: Short text.\n",
            ),
        );
        export_pdf(dir, &file)
    });
}

#[test]
fn a_pdf_of_many_bullets_is_linear_in_time_and_memory() {
    let (n, small, large) = at_1x_and_8x("PDF bullets", 500, |n, dir| {
        let mut s = String::from("  - id: one\n    title: One\n    blocks:\n      - bullets:\n");
        for i in 0..n {
            let _ = writeln!(s, "          - Item {i} keeps the skin calm");
        }
        let file = write(dir, "bullets.yaml", &guide("Bullets", &s));
        export_pdf(dir, &file)
    });
    let growth = large.peak as f64 / small.peak as f64;
    assert!(
        growth <= 10.0,
        "peak memory grew {growth:.1}× for 8× the bullets ({n} → {})",
        8 * n
    );
}

#[test]
fn importing_a_long_markdown_table_is_linear() {
    // every event counted the newlines before it: quadratic (40,000 rows: over 100 s)
    at_1x_and_8x("Markdown table rows", 1_000, |n, dir| {
        let mut md = String::from("# Table\n\n## Rows\n\n| a | b |\n|---|---|\n");
        for i in 0..n {
            let _ = writeln!(md, "| r{i} | v{i} |");
        }
        let file = write(dir, "table.md", &md);
        let _ = std::fs::remove_file(dir.join("out/table.yaml"));
        let w = measure(
            dir,
            &["import", &file, "--out", "out", "--id", "table"],
            &dir.join("stdout"),
        );
        assert_eq!(w.code, Some(0));
        w
    });
}

#[test]
fn importing_many_headings_with_one_title_is_linear() {
    // each repeated title searched for a free id suffix from -2 again: quadratic (20,000
    // headings: 108 s)
    at_1x_and_8x("Markdown headings", 500, |n, dir| {
        let mut md = String::from("# Headings\n\n");
        for i in 0..n {
            let _ = write!(md, "## Aftercare\n\nText {i}.\n\n");
        }
        let file = write(dir, "heads.md", &md);
        let _ = std::fs::remove_file(dir.join("out/heads.yaml"));
        let w = measure(
            dir,
            &["import", &file, "--out", "out", "--id", "heads"],
            &dir.join("stdout"),
        );
        assert_eq!(w.code, Some(0));
        let yaml = std::fs::read_to_string(dir.join("out/heads.yaml")).unwrap();
        assert!(
            yaml.contains(&format!("\"aftercare-{n}\"")),
            "ids stay unique"
        );
        w
    });
}

#[test]
fn checking_many_sections_is_linear() {
    // near-duplicate headings filtered every earlier heading to find the last 256:
    // quadratic (100,000 sections: 24 s). The other rules are off so the heading rule's
    // share of the work is large enough to show (before: 14× for 2,000 → 16,000 sections)
    at_1x_and_8x("sections checked", 2_000, |n, dir| {
        let off: String = [
            "spelling",
            "misspelling",
            "terminology",
            "repeated-word",
            "duplicate-block",
            "near-duplicate",
            "claims",
            "contradiction",
            "readability",
            "required-content",
        ]
        .iter()
        .map(|r| format!("  {r}: off\n"))
        .collect();
        std::fs::write(dir.join(".guidepress.yaml"), format!("rules:\n{off}")).unwrap();
        let vocab = ["skin", "heals", "after", "small", "injury", "makes", "new"];
        let mut s = String::new();
        for i in 0..n {
            let _ = write!(
                s,
                "  - id: s{i}\n    title: Part {i}\n    blocks:\n      - paragraph: {} {} {}.\n",
                vocab[i % 7],
                vocab[(i / 7) % 7],
                vocab[(i / 49) % 7]
            );
        }
        let file = write(dir, "sections.yaml", &guide("Sections", &s));
        let w = measure(
            dir,
            &["check", "--format", "json", &file],
            &dir.join("stdout"),
        );
        assert!(matches!(w.code, Some(0 | 1)), "{:?}", w.code);
        w
    });
}

#[test]
fn the_human_report_of_a_long_line_is_bounded_per_finding() {
    // every finding printed its whole source line: a 1 MB paragraph with 50,000 repeated
    // words printed 2.85 GB
    let report_size = |dir: &Path| std::fs::metadata(dir.join("stdout")).unwrap().len();
    let (n, _, _) = at_1x_and_8x("findings on one line", 200, |n, dir| {
        let paragraph = vec!["the skin the the serum"; n].join(" ");
        let file = write(
            dir,
            "line.yaml",
            &guide(
                "Long Line",
                &format!(
                    "  - id: one\n    title: One\n    blocks:\n      - paragraph: {paragraph}\n"
                ),
            ),
        );
        let w = measure(
            dir,
            &["check", "--color", "never", &file],
            &dir.join("stdout"),
        );
        assert_eq!(w.code, Some(1));
        let per_finding = report_size(dir) / n as u64;
        assert!(
            per_finding < 2_000,
            "{per_finding} bytes of report per finding on a line of {} bytes",
            paragraph.len()
        );
        w
    });
    // the report windows the line around each finding, marking the cut with an ellipsis
    let dir = tempfile::tempdir().unwrap();
    let paragraph = vec!["the skin the the serum"; n].join(" ");
    let file = write(
        dir.path(),
        "line.yaml",
        &guide(
            "Long Line",
            &format!("  - id: one\n    title: One\n    blocks:\n      - paragraph: {paragraph}\n"),
        ),
    );
    let o = run_in(dir.path(), &["check", "--color", "never", &file]);
    let text = stdout(&o);
    assert!(text.contains('…'), "{}", &text[..text.len().min(2_000)]);
}

/// Run guidepress in `dir` with a 2 GB address-space cap and a 60 s deadline: a word list
/// read without bounds aborts the run instead of exhausting the machine, and a read that
/// blocks is killed instead of hanging the suite.
fn bounded_run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000 && exec {} \"$@\"",
            env!("CARGO_BIN_EXE_guidepress")
        ))
        .arg("guidepress")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("{args:?} did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code(), text)
}

fn small_guide(dir: &Path) {
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("content/g.yaml"),
        guide(
            "Word Lists",
            "  - id: one\n    title: One\n    blocks:\n      - paragraph: Dermapen heals skin.\n",
        ),
    )
    .unwrap();
}

#[test]
fn a_device_or_fifo_as_a_word_list_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    small_guide(dir.path());
    // /dev/zero never ends: it reached 14.9 GB before
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "vocabulary: [/dev/zero]\n",
    )
    .unwrap();
    let (code, text) = bounded_run(dir.path(), &["check", "content"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("/dev/zero") && text.contains("not a regular file"),
        "{text}"
    );
    // a FIFO would block the open until a writer came
    let fifo = dir.path().join("words.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        std::fs::write(
            dir.path().join(".guidepress.yaml"),
            "vocabulary: [words.fifo]\n",
        )
        .unwrap();
        let (code, text) = bounded_run(dir.path(), &["check", "content"]);
        assert_eq!(code, Some(2), "{text}");
        assert!(
            text.contains("words.fifo") && text.contains("not a regular file"),
            "{text}"
        );
        // the same for a default vocabulary.txt and an extra dictionary
        std::fs::remove_file(dir.path().join(".guidepress.yaml")).unwrap();
        std::fs::rename(&fifo, dir.path().join("content/vocabulary.txt")).unwrap();
        let (code, text) = bounded_run(dir.path(), &["check", "content"]);
        assert_eq!(code, Some(2), "{text}");
        assert!(text.contains("vocabulary.txt"), "{text}");
        std::fs::rename(dir.path().join("content/vocabulary.txt"), &fifo).unwrap();
        std::fs::write(dir.path().join("d.aff"), "SET UTF-8\n").unwrap();
        std::fs::rename(&fifo, dir.path().join("d.dic")).unwrap();
        std::fs::write(
            dir.path().join(".guidepress.yaml"),
            "dictionaries: [./d.dic]\n",
        )
        .unwrap();
        let (code, text) = bounded_run(dir.path(), &["check", "content"]);
        assert_eq!(code, Some(2), "{text}");
        assert!(
            text.contains("d.dic") && text.contains("not a regular file"),
            "{text}"
        );
    }
}

#[test]
fn a_word_list_over_the_cap_is_an_error_naming_the_file_and_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    small_guide(dir.path());
    let cap = guidepress::settings::MAX_WORD_LIST_BYTES as usize;
    let mut words = String::with_capacity(cap + 64);
    let mut i = 0;
    while words.len() <= cap {
        let _ = writeln!(words, "word{i}");
        i += 1;
    }
    std::fs::write(dir.path().join("big.txt"), &words).unwrap();
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "vocabulary: [big.txt]\n",
    )
    .unwrap();
    let (code, text) = bounded_run(dir.path(), &["check", "content"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("big.txt") && text.contains(&format!("{} MiB limit", cap >> 20)),
        "{text}"
    );
    // one byte under the cap is read
    words.truncate(cap - 100);
    let end = words.rfind('\n').unwrap() + 1;
    words.truncate(end);
    std::fs::write(dir.path().join("big.txt"), &words).unwrap();
    let (code, text) = bounded_run(dir.path(), &["check", "content"]);
    assert!(matches!(code, Some(0 | 1)), "{text}");
}

#[test]
#[allow(clippy::zombie_processes)] // reaped by wait4, which also reports its usage
fn sigterm_during_a_long_pdf_render_stops_it_promptly() {
    // the signal used to wait until rendering ended; the layout now checks for it
    let dir = tempfile::tempdir().unwrap();
    let mut s = String::from("  - id: one\n    title: One\n    blocks:\n      - bullets:\n");
    for i in 0..40_000 {
        let _ = writeln!(s, "          - Item {i} keeps the skin calm");
    }
    let file = write(dir.path(), "bullets.yaml", &guide("Bullets", &s));
    let full = measure(
        dir.path(),
        &["export", "--format", "pdf", &file, "--out", "full"],
        &dir.path().join("stdout"),
    );
    assert_eq!(full.code, Some(0));
    let child = Command::new(env!("CARGO_BIN_EXE_guidepress"))
        .args(["export", "--format", "pdf", &file, "--out", "out"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // signalled after a fifth of a full run's CPU time has passed (in wall time, which is
    // at least as long)
    std::thread::sleep(full.cpu / 5);
    // SAFETY: signalling our own child, which has not been reaped yet
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    let mut status = 0;
    // SAFETY: as in `measure`
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let cpu = Duration::from_secs(usage.ru_utime.tv_sec as u64)
        + Duration::from_micros(usage.ru_utime.tv_usec as u64)
        + Duration::from_secs(usage.ru_stime.tv_sec as u64)
        + Duration::from_micros(usage.ru_stime.tv_usec as u64);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    if code == Some(0) {
        eprintln!("skipping: the export finished before the signal arrived");
        return;
    }
    assert_eq!(code, Some(130), "interrupted: exit 130");
    assert!(
        cpu.as_secs_f64() < 0.6 * full.cpu.as_secs_f64(),
        "the interrupted run went on working: {cpu:?} of a full run's {:?}",
        full.cpu
    );
    let left: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".pdf") || n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "no export and no temporary file: {left:?}");
}

/// `n` keys `k0`..: one per line at `indent`, then `k0` again (a duplicate, still found).
fn keys(n: usize, indent: &str) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(s, "{indent}k{i}: {i}");
    }
    let _ = writeln!(s, "{indent}k0: again");
    s
}

/// `validate --format json` of `text`; the report must name the duplicate `k0` and `last`.
fn validate_keys(dir: &Path, text: &str, last: &str) -> Work {
    let file = write(dir, "keys.yaml", text);
    let out = dir.join("stdout");
    let w = measure(dir, &["validate", "--format", "json", &file], &out);
    assert_eq!(w.code, Some(1));
    let report = std::fs::read_to_string(&out).unwrap();
    assert!(report.contains("duplicate key `k0`"));
    assert!(report.contains(last), "{last}");
    w
}

/// The work of `run(8n)` over the least of two `run(n)`, asserted at most 16×: linear work
/// grows 8×, a quadratic scan 64×. Here the growth is above the usual 10× bound: the keys'
/// JSON object is ordered (n log n), every key is a heap allocation and the heap's page
/// faults grow with it (measured 9.6× to 12.2× after the fix; 66× and 118× before).
fn at_most_16x_for_8x_keys(what: &str, n: usize, run: impl Fn(usize) -> Duration) {
    let small = run(n).min(run(n));
    let large = run(8 * n);
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-3);
    eprintln!("{what}: n = {n}: {small:?}; 8n: {large:?}; ratio {ratio:.1}");
    assert!(
        ratio <= 16.0,
        "{what}: 8× the keys took {ratio:.1}× the work ({small:?} at n = {n}, {large:?} at 8n): quadratic"
    );
}

#[test]
fn validating_a_mapping_of_many_keys_is_linear() {
    // each key was compared with every earlier key of its mapping (the duplicate-key scan
    // while parsing): quadratic (hostile run 3: 20,000 keys 0.7 s, 80,000 12.9 s, 160,000
    // 68 s; 128,000 keys under one field 22 s). Under one unknown field: one schema error,
    // so the parse is what is measured
    let dir = tempfile::tempdir().unwrap();
    at_most_16x_for_8x_keys("keys of one mapping", 32_000, |n| {
        let text = format!("extra:\n{}", keys(n, "  "));
        validate_keys(dir.path(), &text, "unknown field `extra`").cpu
    });
}

#[test]
fn reporting_many_unknown_fields_is_not_quadratic() {
    // each unknown field's key was found by a scan of the mapping's keys: quadratic (8× the
    // keys took 66× the work)
    let dir = tempfile::tempdir().unwrap();
    at_most_16x_for_8x_keys("unknown fields", 16_000, |n| {
        let last = format!("unknown field `k{}`", n - 1);
        validate_keys(dir.path(), &keys(n, ""), &last).cpu
    });
}

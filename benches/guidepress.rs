//! `cargo bench`: wall-clock figures for the README and issue notes, each beside the tool a
//! user would otherwise run on the same input in the same run (machines are noisy; the
//! ratios matter more than the absolute times).
//!
//! - check: 1,000 generated seed-sized guides (~14 MB) vs `codespell` and `typos` on the
//!   same folder
//! - export: the seed guide to PDF, EPUB and text vs pandoc (`-t ms --pdf-engine=pdfroff`,
//!   `-t epub3`, `-t plain`, `-s --toc -t html5`) on the same guide as Markdown
//! - in-process: layout+render times per backend (median of 50)
//!
//! - spelling: time to the first answer of a fresh lexicon (the dictionary is compiled at
//!   build time; nothing is parsed)
//!
//! Missing external tools are reported and skipped (`apt-get install -y pandoc codespell groff`).
//! CPU-time ratios (whole processes, user + system) come from `benches/cpu-ratios.sh`.

use guidepress::export::{ExportFormat, Options};
use guidepress::model::{Block, Guide, Section};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SEED: &str = "content/microneedling-101.yaml";

fn best_of<F: FnMut() -> bool>(n: usize, mut f: F) -> Option<Duration> {
    let mut best = None;
    for _ in 0..n {
        let t = Instant::now();
        if !f() {
            return None;
        }
        let e = t.elapsed();
        best = Some(best.map_or(e, |b: Duration| b.min(e)));
    }
    best
}

fn median_of<F: FnMut()>(n: usize, mut f: F) -> Duration {
    let mut v: Vec<Duration> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[n / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> bool {
    cmd.output()
        .is_ok_and(|o| o.status.code().is_some_and(|c| c <= 1))
}

/// The guide as Markdown, for pandoc.
fn markdown(g: &Guide) -> String {
    let mut md = format!(
        "---\ntitle: \"{}\"\nlang: {}\n---\n\n",
        g.title.replace('"', "\\\""),
        g.language
    );
    fn blocks(bs: &[Block], md: &mut String) {
        for b in bs {
            match b {
                Block::Paragraph(t) => md.push_str(&format!("{}\n\n", t.source)),
                Block::Ordered(items) => {
                    for (i, it) in items.iter().enumerate() {
                        md.push_str(&format!("{}. {}\n", i + 1, it.source));
                    }
                    md.push('\n');
                }
                Block::Bullets(items) => {
                    for it in items {
                        md.push_str(&format!("- {}\n", it.source));
                    }
                    md.push('\n');
                }
                Block::Callout(c) => {
                    md.push_str(&format!("> **{}** {}\n\n", c.kind.label(), c.text.source))
                }
            }
        }
    }
    fn section(s: &Section, depth: usize, md: &mut String) {
        md.push_str(&format!("{} {}\n\n", "#".repeat(depth + 1), s.title));
        blocks(&s.blocks, md);
        for sub in &s.sections {
            section(sub, depth + 1, md);
        }
    }
    if let Some(d) = &g.disclaimer {
        md.push_str(&format!("> {}\n\n", d.source));
    }
    blocks(&g.introduction, &mut md);
    for s in &g.sections {
        section(s, 1, &mut md);
    }
    md
}

/// Install the reference tools when they are missing and we can (root with apt-get).
fn install_reference_tools() {
    if have("pandoc") && have("codespell") {
        return;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    if root && Command::new("apt-get").arg("--version").output().is_ok() {
        println!("installing pandoc, codespell and groff for the comparison ...");
        let _ = Command::new("apt-get").args(["update", "-qq"]).status();
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-qq", "pandoc", "codespell", "groff"])
            .status();
    }
}

fn main() {
    // first, while nothing is loaded yet: a fresh lexicon's first answers
    let t = Instant::now();
    let lexicon = guidepress::lint::Lexicon::new(&[]);
    let answers = [
        lexicon.status("skin"),
        lexicon.status("Healing"),
        lexicon.status("tretinoin"),
    ];
    let first = t.elapsed();
    assert!(
        answers
            .iter()
            .all(|a| *a == guidepress::lint::lexicon::Status::Known)
    );
    println!(
        "spelling   first three answers of a fresh lexicon: {}",
        ms(first)
    );
    install_reference_tools();
    let bin = env!("CARGO_BIN_EXE_guidepress");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let seed_text = std::fs::read_to_string(SEED).unwrap();
    let guide = guidepress::validate::validate_path(Path::new(SEED))
        .document
        .unwrap()
        .guide;

    // 1. check on 1,000 guides
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let mut bytes = 0;
    for i in 0..1000 {
        let text = seed_text.replacen(
            "id: microneedling-101",
            &format!("id: microneedling-101-{i:04}"),
            1,
        );
        bytes += text.len();
        std::fs::write(corpus.join(format!("guide-{i:04}.yaml")), text).unwrap();
    }
    println!("corpus: 1000 guides, {:.1} MB", bytes as f64 / 1e6);
    let ours = best_of(3, || {
        run(Command::new(bin)
            .args(["check", "--format", "json"])
            .arg(&corpus))
    })
    .unwrap();
    println!("check      guidepress: {}", ms(ours));
    if have("codespell") {
        let theirs = best_of(3, || run(Command::new("codespell").arg(&corpus))).unwrap();
        println!(
            "check      codespell:  {}   ratio codespell/guidepress = {:.1}x",
            ms(theirs),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    } else {
        println!("check      codespell:  not installed (apt-get install -y codespell)");
    }
    if have("typos") {
        // typos exits 2 when it finds typos: the time is what matters
        let theirs = best_of(3, || {
            Command::new("typos")
                .arg(&corpus)
                .stdout(std::process::Stdio::null())
                .status()
                .is_ok()
        })
        .unwrap();
        println!(
            "check      typos:      {}   ratio typos/guidepress = {:.1}x",
            ms(theirs),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    } else {
        println!("check      typos:      not installed (pip install typos)");
    }

    // 2. in-process render times
    let options = Options::default();
    for f in ExportFormat::all() {
        let ex = f.exporter();
        let d = median_of(50, || {
            ex.render(&guide, &options).unwrap();
        });
        println!(
            "render     {:<5} in-process median: {}",
            ex.extension(),
            ms(d)
        );
    }

    // 3. process vs process against pandoc
    let md = tmp.path().join("guide.md");
    std::fs::write(&md, markdown(&guide)).unwrap();
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let pandoc = have("pandoc");
    for (fmt, pandoc_args) in [
        (
            "pdf",
            vec!["-t", "ms", "--pdf-engine=pdfroff", "-o", "p.pdf"],
        ),
        ("epub", vec!["-t", "epub3", "-o", "p.epub"]),
        ("txt", vec!["-t", "plain", "-o", "p.txt"]),
        // a standalone page with a table of contents (`-s --toc`), like the HTML export
        ("html", vec!["-s", "--toc", "-t", "html5", "-o", "p.html"]),
    ] {
        let ours = best_of(5, || {
            run(Command::new(bin)
                .args(["export", "--format", fmt, SEED, "--out"])
                .arg(&out))
        })
        .unwrap();
        let line = format!("export     {fmt:<5} guidepress: {}", ms(ours));
        if pandoc {
            let theirs = best_of(5, || {
                run(Command::new("pandoc")
                    .arg(&md)
                    .args(&pandoc_args)
                    .current_dir(&out))
            });
            match theirs {
                Some(t) => println!(
                    "{line}   pandoc: {}   ratio pandoc/guidepress = {:.1}x",
                    ms(t),
                    t.as_secs_f64() / ours.as_secs_f64()
                ),
                None => println!(
                    "{line}   pandoc: failed (for PDF it needs groff: apt-get install -y groff)"
                ),
            }
        } else {
            println!("{line}   pandoc: not installed (apt-get install -y pandoc)");
        }
    }

    // 4. peak memory (GNU time's maximum resident set size)
    memory(bin, &seed_text, tmp.path());
}

/// Peak RSS in MB of one run of `bin` with `args`, by GNU time (`apt-get install -y time`).
fn peak_mb(bin: &str, args: &[&str], file: &Path) -> Option<f64> {
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(bin)
        .args(args)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&o.stderr);
    let kb: f64 = err.lines().last()?.trim().parse().ok()?;
    Some(kb / 1024.0)
}

/// The seed's front matter with a one-line introduction, up to `sections:` (the start of
/// every generated guide).
fn generated_head(seed_text: &str) -> String {
    let head = seed_text.split("introduction:").next().unwrap_or_default();
    format!("{head}introduction:\n  - paragraph: Intro text here.\nsections:\n")
}

/// A guide with the seed's front matter and `sections` sections of ten paragraphs, each
/// with two misspellings and a repeated word (about 40 findings per section).
fn findings_guide(seed_text: &str, sections: usize) -> String {
    let mut s = generated_head(seed_text);
    for i in 0..sections {
        s.push_str(&format!(
            "  - id: s{i}\n    title: Section number {i}\n    blocks:\n"
        ));
        for j in 0..10 {
            s.push_str(&format!(
                "      - paragraph: Teh skin heals the the wound {i} {j} and recieve care from a clinician today.\n"
            ));
        }
    }
    s
}

fn memory(bin: &str, seed_text: &str, tmp: &Path) {
    if peak_mb(bin, &["--version"], Path::new("")).is_none() {
        println!("memory     GNU time not installed (apt-get install -y time)");
        return;
    }
    let big = tmp.join("findings.yaml");
    let text = findings_guide(seed_text, 4900);
    std::fs::write(&big, &text).unwrap();
    let findings = Command::new(bin)
        .args(["check", "--format", "json"])
        .arg(&big)
        .output()
        .ok()
        .and_then(|o| serde_json::from_slice::<serde_json::Value>(&o.stdout).ok())
        .and_then(|v| v["diagnostics"].as_array().map(Vec::len))
        .unwrap_or(0);
    for format in ["human", "json", "sarif", "gitlab"] {
        if let Some(mb) = peak_mb(bin, &["check", "--format", format], &big) {
            println!(
                "memory     check --format {format:<6} {:.1} MB guide, {findings} findings: peak {mb:.0} MB (goal < 400)",
                text.len() as f64 / 1e6
            );
        }
    }
    let prose = tmp.join("prose.yaml");
    std::fs::write(&prose, prose_guide(seed_text, 2000)).unwrap();
    for (name, guide) in [("seed", Path::new(SEED)), ("2k sections", &prose)] {
        let input = std::fs::metadata(guide).map_or(0, |m| m.len()) as f64 / 1e6;
        for format in ["pdf", "epub", "txt"] {
            let out = tmp.join("mem-out");
            let args = ["export", "--quiet", "--format", format, "--out"];
            let mut all: Vec<&str> = args.to_vec();
            all.push(out.to_str().unwrap_or("."));
            if let Some(mb) = peak_mb(bin, &all, guide) {
                println!(
                    "memory     export {format:<5} {name} ({input:.2} MB): peak {mb:.0} MB ({:.0}x input)",
                    mb / input
                );
            }
        }
    }
}

/// A valid guide of `sections` sections of plain prose (three 40-word paragraphs each).
fn prose_guide(seed_text: &str, sections: usize) -> String {
    let words: Vec<&str> =
        "skin heals after each session and the clinician checks how the redness \
        fades over the next few days while you keep the area clean"
            .split_whitespace()
            .collect();
    let mut s = generated_head(seed_text);
    for i in 0..sections {
        s.push_str(&format!(
            "  - id: s{i}\n    title: Part {i} of the care plan\n    blocks:\n"
        ));
        for j in 0..3 {
            let text: Vec<&str> = (0..40)
                .map(|k| words[(i * 7 + j * 3 + k * 5) % words.len()])
                .collect();
            s.push_str(&format!(
                "      - paragraph: {} ({i}.{j}).\n",
                text.join(" ")
            ));
        }
    }
    s
}

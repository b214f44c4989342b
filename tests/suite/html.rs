//! HTML export tests: every valid fixture guide exported with the real binary, then checked
//! by independent tools in a real browser — axe-core (WCAG 2.2 AA) and a reflow check at 320
//! and 1280 CSS px in Debian's chromium (tests/html/check.mjs, puppeteer-core), and the W3C Nu
//! HTML checker (vnu-jar) — plus words in order, front matter, escaping, determinism and
//! all-or-nothing builds. The browser tools are skipped locally when missing and required
//! under CI=true (`npm install` in tests/html; see .ci/run).

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const SEED: &str = "content/microneedling-101.yaml";

/// Every valid guide of content/ and tests/fixtures/{edge,export,lint}/.
fn fixture_guides() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        "content",
        "tests/fixtures/edge",
        "tests/fixtures/export",
        "tests/fixtures/lint",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        for f in files {
            if guidepress::validate::validate_path(&f).document.is_some() {
                out.push(f);
            }
        }
    }
    assert!(out.len() >= 10, "{out:?}");
    out
}

/// Export one guide as HTML into `dir`; the written page.
fn export_html(guide: &Path, dir: &Path, env: &[(&str, &str)]) -> PathBuf {
    let o = run_env(
        &[
            "export",
            "--format",
            "html",
            "--out",
            dir.to_str().unwrap(),
            guide.to_str().unwrap(),
        ],
        env,
    );
    assert_code(&o, 0);
    let id = guidepress::validate::validate_path(guide)
        .document
        .unwrap()
        .guide
        .id;
    let page = dir.join(format!("{id}.html"));
    assert!(page.is_file(), "{}", page.display());
    page
}

/// The text a reader sees: tags, the style sheet and the JSON-LD removed, the five
/// character references the exporter writes decoded.
fn visible_text(html: &str) -> String {
    let strip = |s: &str, open: &str, close: &str| {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            let j = rest[i..].find(close).expect("closed") + i + close.len();
            rest = &rest[j..];
        }
        out.push_str(rest);
        out
    };
    let s = strip(html, "<style", "</style>");
    let s = strip(&s, "<script", "</script>");
    let s = strip(&s, "<", ">");
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// node, java and the npm packages of tests/html, or None (skipped locally, a failure under
/// CI=true).
fn browser_tools() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let node = tool("node");
    let java = tool("java");
    let chromium = tool("chromium");
    let dir = root().join("tests/html");
    let installed = dir.join("node_modules/axe-core").is_dir()
        && dir.join("node_modules/puppeteer-core").is_dir()
        && dir.join("node_modules/vnu-jar").is_dir();
    if !installed {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "tests/html/node_modules is required under CI=true (`npm install` in tests/html; see .ci/run)"
            );
        }
        eprintln!("skipping browser checks (run `npm install` in tests/html)");
    }
    let (node, java, _) = (node?, java?, chromium?);
    installed.then_some((node, java, dir))
}

/// axe-core (0 violations at WCAG 2.2 AA, light and dark), reflow at 320 and 1280 px, and
/// the Nu HTML checker (0 errors) on every page.
fn check_in_browser(pages: &[PathBuf]) {
    let Some((node, java, dir)) = browser_tools() else {
        return;
    };
    let o = Command::new(node)
        .arg(dir.join("check.mjs"))
        .args(pages)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "axe/reflow problems:\n{report}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        report.matches("\"checked\":true").count(),
        pages.len(),
        "{report}"
    );
    let o = Command::new(java)
        .arg("-jar")
        .arg(dir.join("node_modules/vnu-jar/build/dist/vnu.jar"))
        .arg("--errors-only")
        .args(pages)
        .output()
        .expect("run java");
    assert!(
        o.status.success() && o.stderr.is_empty() && o.stdout.is_empty(),
        "Nu HTML checker errors:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A guide whose every text field tries to break out of its element.
fn hostile_guide(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.yaml");
    std::fs::write(
        &path,
        "id: hostile\n\
         title: \"</script><script>window.pwned=1</script> \\\"><img src=x onerror=window.pwned=2>\"\n\
         subtitle: \"<!-- open comment\"\n\
         summary: \"</SCRIPT><script>window.pwned=3</script>\"\n\
         language: en-US\n\
         version: 1.0.0\n\
         authors: [{name: \"<b onclick=x>A</b>\"}]\n\
         reviewer: {name: \"Dr \\\" onmouseover=\\\"x\", credentials: \"</script>\", role: \"'r'\"}\n\
         last_reviewed: 2026-01-01\n\
         disclaimer: \"<iframe src=x></iframe>\"\n\
         sections:\n\
         \x20 - id: a\n\
         \x20   title: \"<h1>Fake</h1>\"\n\
         \x20   blocks:\n\
         \x20     - paragraph: \"**<script>window.pwned=4</script>** and *\\\"quoted\\\"* text.\"\n\
         \x20     - callout: {kind: warning, title: \"<b>Stop</b>\", text: \"<a href=x>click</a>\"}\n",
    )
    .unwrap();
    path
}

#[test]
fn every_fixture_page_and_the_index_pass_axe_the_nu_checker_and_reflow() {
    let dir = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for (i, guide) in fixture_guides().iter().enumerate() {
        let out = dir.path().join(format!("g{i}"));
        let page = export_html(guide, &out, &[]);
        let html = std::fs::read_to_string(&page).unwrap();
        assert_guide_words(guide, &visible_text(&html), &guide.display().to_string());
        pages.push(page);
    }
    let hostile = hostile_guide(dir.path());
    pages.push(export_html(&hostile, &dir.path().join("hostile"), &[]));
    let build = dir.path().join("build");
    let o = run(&["build", "content", "--out", build.to_str().unwrap()]);
    assert_code(&o, 0);
    pages.push(build.join("index.html"));
    check_in_browser(&pages);
}

#[test]
fn the_page_is_semantic_and_carries_the_front_matter_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let page = export_html(Path::new(SEED), dir.path(), &[]);
    let html = std::fs::read_to_string(page).unwrap();
    for part in [
        "<html lang=\"en-US\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<a class=\"skip-link\" href=\"#gp_main\">Skip to main content</a>",
        "<header>",
        "<nav class=\"toc\" aria-labelledby=\"gp_toc\">",
        "<main id=\"gp_main\">",
        "<aside class=\"disclaimer\" role=\"note\">",
        "<time datetime=\"2026-11-20\">2026-11-20</time>",
        "\"@type\":\"MedicalWebPage\"",
        "\"lastReviewed\":\"2026-11-20\"",
        "\"inLanguage\":\"en-US\"",
        // the bundled guide is a draft: the marking shows, and no reviewer is claimed
        "Draft \u{2014} not yet medically reviewed",
        "@media print",
        "prefers-color-scheme: dark",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    assert!(!html.contains("reviewedBy"), "a draft claims no reviewer");
    assert!(!html.contains("<script>") && !html.contains("<script src"));
    // nothing to fetch: no linked resources at all
    assert!(
        !html.contains(" src=") && !html.contains("<link"),
        "no fetches"
    );
    assert!(
        !html.contains("@import") && !html.contains("url("),
        "no fetches"
    );
    // the same front matter in the same order as the text handout (see export.rs)
    let text = visible_text(&html[html.find("<body>").unwrap()..]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut at = 0;
    for item in [
        "Microneedling 101",
        "Draft \u{2014} not yet medically reviewed",
        "By guidepress",
        "Last reviewed 2026-11-20",
        "Version 1.1.0",
        "Disclaimer",
    ] {
        let pos = text[at..]
            .find(item)
            .unwrap_or_else(|| panic!("`{item}` missing or out of order in {text:.900}"));
        at += pos + item.len();
    }
}

#[test]
fn hostile_titles_and_text_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_guide(dir.path());
    let page = export_html(&hostile, &dir.path().join("out"), &[]);
    let html = std::fs::read_to_string(page).unwrap();
    assert_eq!(html.matches("<script").count(), 1, "only the JSON-LD");
    assert_eq!(html.to_lowercase().matches("</script").count(), 1);
    for bad in ["<img", "<iframe", "<b ", "<a href=x", "<!--", "<h1>Fake"] {
        assert!(!html.contains(bad), "{bad} got through: {html}");
    }
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;window.pwned=1"));
    assert_guide_words(&hostile, &visible_text(&html), "hostile page");
}

#[test]
fn exports_are_byte_identical_and_build_commits_four_formats_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("SOURCE_DATE_EPOCH", "1767225600")];
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let o = run_env(&["build", "content", "--out", out.to_str().unwrap()], &env);
        assert_code(&o, 0);
        assert!(stdout(&o).contains("5 files"), "{}", stdout(&o));
    }
    let mut names: Vec<String> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            // the list of what guidepress wrote here (see crate::fs::manifest)
            ".guidepress-manifest",
            "index.html",
            "microneedling-101.epub",
            "microneedling-101.html",
            "microneedling-101.pdf",
            "microneedling-101.txt"
        ]
    );
    for n in &names {
        assert_eq!(
            std::fs::read(a.join(n)).unwrap(),
            std::fs::read(b.join(n)).unwrap(),
            "{n} differs between two builds"
        );
    }
    let index = std::fs::read_to_string(a.join("index.html")).unwrap();
    for link in [
        "href=\"microneedling-101.html\"",
        "href=\"microneedling-101.pdf\"",
        "href=\"microneedling-101.epub\"",
        "href=\"microneedling-101.txt\"",
    ] {
        assert!(index.contains(link), "{link}: {index}");
    }
    assert!(
        index.contains("as of <time datetime=\"2026-01-01\">"),
        "{index}"
    );
    assert!(index.contains("Reading grade"), "{index}");
    // only the formats built are linked
    let c = dir.path().join("c");
    let o = run(&[
        "build",
        "content",
        "--formats",
        "html,txt",
        "--out",
        c.to_str().unwrap(),
    ]);
    assert_code(&o, 0);
    let index = std::fs::read_to_string(c.join("index.html")).unwrap();
    assert!(index.contains("href=\"microneedling-101.txt\""));
    assert!(
        !index.contains(".pdf") && !index.contains(".epub"),
        "{index}"
    );
    // without html there is no index
    let d = dir.path().join("d");
    let o = run(&[
        "build",
        "content",
        "--formats",
        "txt",
        "--out",
        d.to_str().unwrap(),
    ]);
    assert_code(&o, 0);
    assert!(!d.join("index.html").exists());
}

#[test]
fn overdue_reviews_are_marked_in_words_on_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    let seed = std::fs::read_to_string(SEED).unwrap();
    std::fs::write(content.join("a.yaml"), &seed).unwrap();
    std::fs::copy("content/vocabulary.txt", content.join("vocabulary.txt")).unwrap();
    // the review policy lives in the config; the rule that would refuse the build is off
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "rules:\n  required-content: off\nhealth:\n  max_review_age_months: 3\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    // 2027-06-01: the seed's 2026-11-20 review is more than 3 months old
    let o = run_env(
        &[
            "build",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[("SOURCE_DATE_EPOCH", "1811808000")],
    );
    assert_code(&o, 0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index
            .contains("<strong class=\"overdue\">Review overdue</strong> (more than 3 months ago)"),
        "{index}"
    );
    let o = run_env(
        &[
            "build",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &[("SOURCE_DATE_EPOCH", "1767225600")],
    );
    assert_code(&o, 0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("overdue\">"), "{index}");
}

#[test]
fn a_guide_named_index_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    let guide = std::fs::read_to_string("tests/fixtures/edge/valid.yaml")
        .unwrap()
        .replace("id: sample-guide", "id: index");
    std::fs::write(content.join("index.yaml"), guide).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.html"), "previous index").unwrap();
    let o = run(&[
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_code(&o, 2);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("would overwrite the build's index.html"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert_eq!(files.len(), 1);
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "previous index"
    );
}

#[test]
fn the_page_on_standard_output_is_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = export_html(Path::new(SEED), dir.path(), &[]);
    let piped = run(&["export", "--format", "html", "--out", "-", SEED]);
    assert_code(&piped, 0);
    assert_eq!(piped.stdout, std::fs::read(page).unwrap());
}

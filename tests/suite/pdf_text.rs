//! The text a screen reader gets from the tagged PDF reads as written: poppler's
//! `pdfinfo -struct-text` (the text of each structure element, from the marked content the
//! element owns) is compared with the guide's own strings, element by element, for every
//! export fixture. A word glued to the next at a line end ("becomeone"), a space lost where
//! the style changes ("Disclaimer:This"), a hyphen read from a line break inside a word, a
//! lost or invented character: each makes an element's text differ from every string of the
//! guide.

use crate::common::*;
use guidepress::model::{Block, Guide};
use std::collections::BTreeSet;
use std::path::Path;

/// Every fixture the PDF backend is exercised with.
pub const FIXTURES: &[&str] = &[
    "content/microneedling-101.yaml",
    "tests/fixtures/export/escaping-pdf.yaml",
    "tests/fixtures/export/line-ends.yaml",
    "tests/fixtures/edge/valid.yaml",
    "tests/fixtures/microneedling-101.original.yaml",
    "tests/fixtures/export/languages.yaml",
];

/// As a reader compares text: composed (NFC), soft hyphens (invisible) dropped, runs of
/// spaces and line breaks one space, no space at either end. A no-break space is a space
/// (the exports add them between numbers and units: `500 mg`).
fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = s.nfc().filter(|c| *c != '\u{ad}').collect();
    s.split([' ', '\t', '\n', '\r', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each string a structure element of the guide's PDF may hold, as written in the guide,
/// in reading order.
fn expected(guide: &Guide) -> Vec<String> {
    let mut out = Vec::new();
    out.push(guide.title.clone());
    out.extend(guide.subtitle.clone());
    for (_, line) in guide.front_matter().lines() {
        out.push(line.to_string());
    }
    if let Some(d) = &guide.disclaimer {
        out.push(format!("Disclaimer: {}", d.plain()));
    }
    let blocks = |bs: &[Block], out: &mut Vec<String>| {
        for b in bs {
            match b {
                Block::Paragraph(t) => {
                    out.push(t.plain());
                }
                Block::Ordered(items) | Block::Bullets(items) => {
                    for (i, t) in items.iter().enumerate() {
                        out.push(match b {
                            Block::Ordered(_) => format!("{}.", i + 1),
                            _ => "•".to_string(),
                        });
                        out.push(t.plain());
                    }
                }
                Block::Callout(c) => {
                    out.push(match &c.title {
                        Some(t) => format!("{}: {t}", c.kind.label()),
                        None => c.kind.label().to_string(),
                    });
                    out.push(c.text.plain());
                }
            }
        }
    };
    blocks(&guide.introduction, &mut out);
    for s in guide.walk_sections() {
        out.push(s.section.title.clone());
        blocks(&s.section.blocks, &mut out);
    }
    out.into_iter().map(|s| norm(&s)).collect()
}

/// The text of each structure element that holds text, in reading order, as poppler reads
/// it (`"…"` lines of `pdfinfo -struct-text`).
fn struct_texts(pdfinfo: &Path, pdf: &Path) -> Vec<String> {
    let o = std::process::Command::new(pdfinfo)
        .arg("-struct-text")
        .arg(pdf)
        .output()
        .unwrap();
    assert!(o.status.success(), "pdfinfo -struct-text failed");
    // an element whose text is on two pages (two marked-content references) is printed as
    // consecutive quoted lines: joined as they are, with no space added; so is the text of
    // an inline Span (a part in another language) with the text of its paragraph
    let mut out: Vec<String> = Vec::new();
    let mut continues = false;
    for l in stdout(&o).lines() {
        let t = l.trim_start();
        if t == "Span (inline)" {
            continue;
        }
        match t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(text) if continues => out.last_mut().unwrap().push_str(text),
            Some(text) => out.push(text.to_string()),
            None => {}
        }
        continues = t.starts_with('"');
    }
    out.iter().map(|s| norm(s)).collect()
}

/// Export `guide` as PDF into `dir`: the file, and the characters the export warned it has
/// no glyph for (`… (U+1F600)` in the warning).
fn export_pdf(guide: &str, dir: &Path) -> (std::path::PathBuf, Vec<char>) {
    let o = run_env(
        &[
            "export",
            "--format",
            "pdf",
            "--out",
            dir.to_str().unwrap(),
            guide,
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_code(&o, 0);
    let stderr = String::from_utf8_lossy(&o.stderr);
    let missing = regex::Regex::new(r"\(U\+([0-9A-F]{4,6})\)")
        .unwrap()
        .captures_iter(&stderr)
        .filter_map(|c| char::from_u32(u32::from_str_radix(&c[1], 16).ok()?))
        .collect();
    let outcome = guidepress::validate::validate_path(Path::new(guide));
    let id = outcome.document.expect("fixture is valid").guide.id;
    (dir.join(format!("{id}.pdf")), missing)
}

#[test]
fn every_structure_element_reads_as_the_guide_is_written() {
    let Some(pdfinfo) = tool("pdfinfo") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for fixture in FIXTURES {
        let sub = tempfile::tempdir_in(dir.path()).unwrap();
        let (pdf, missing) = export_pdf(fixture, sub.path());
        let outcome = guidepress::validate::validate_path(Path::new(fixture));
        let guide = outcome.document.unwrap().guide;
        assert!(missing.is_empty(), "{fixture}: {missing:?}");
        let want: BTreeSet<String> = expected(&guide).iter().map(|s| norm(s)).collect();
        let got = struct_texts(&pdfinfo, &pdf);
        assert!(got.len() > 5, "{fixture}: {got:?}");
        let wrong: Vec<&String> = got.iter().filter(|t| !want.contains(*t)).collect();
        assert!(
            wrong.is_empty(),
            "{fixture}: {} structure element(s) do not read as written:\n{}",
            wrong.len(),
            wrong
                .iter()
                .map(|t| format!("  {t:?}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        // and every word is there, in order
        let all: Vec<String> = expected(&guide).iter().map(|s| norm(s)).collect();
        assert_subsequence(&words(&all.join(" ")), &words(&got.join(" ")), fixture);
    }
}

#[test]
fn hyphens_at_line_breaks_are_drawn_but_not_read() {
    let Some(qpdf) = tool("qpdf") else { return };
    let dir = tempfile::tempdir().unwrap();
    let (pdf, _) = export_pdf("tests/fixtures/export/line-ends.yaml", dir.path());
    let content = qdf_text(&qpdf, &pdf, dir.path());
    // the 540-character word breaks at least 4 times: each hyphen is an artifact of its own
    let hyphens = content.matches("/Artifact BMC\nBT\n").count();
    assert!(hyphens >= 4, "{hyphens} hyphens marked as not read");
    // and the text without the tags shows them (a sighted reader sees the break)
    if let Some(pdftotext) = tool("pdftotext") {
        let o = std::process::Command::new(pdftotext)
            .args(["-raw"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let lines = stdout(&o);
        let hyphenated = lines.lines().filter(|l| l.ends_with('-')).count();
        assert!(hyphenated >= 5, "{lines}");
    }
}

#[test]
fn a_character_no_font_has_is_an_error_naming_every_one_and_where() {
    // unassigned code points (U+E0080 ...): no font on any machine has glyphs for them (the
    // emoji this test used are drawn where an installed font has them, see scripts.rs)
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("holes.yaml");
    std::fs::write(
        &guide,
        "id: holes\ntitle: \"Hole \\U000E0080\"\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"x \u{E0080} y\"\n",
    )
    .unwrap();
    let out = dir.path().join("holes");
    let o = run(&[
        "export",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        guide.to_str().unwrap(),
    ]);
    assert!(!o.status.success(), "refused");
    let err = String::from_utf8_lossy(&o.stderr);
    // each place by file:line:col and JSON Pointer: the title's character is written as an
    // escape, so the place is its string (column 8, the quote)
    let at = format!("{}:2:8 (/title) (and 1 more place)", guide.display());
    for needle in [
        "no font has glyphs for",
        &format!("\u{E0080} (U+E0080) at {at}"),
        "Fonts tried: Liberation Serif",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    // nothing is written: no PDF that prints the guide with holes in it
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().count() == 0);
    // every missing character is named, not the first 20
    let many: String = ('\u{E0080}'..'\u{E009E}').collect();
    let file = dir.path().join("cjk.yaml");
    std::fs::write(
        &file,
        format!("id: cjk\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"{many}\"\n"),
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run(&[
        "export",
        "--format",
        "pdf",
        "--out",
        out.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("30 characters"), "{err}");
    // each character where it is written: line 10, its own column
    let col = "      - paragraph: \"".chars().count() + 1;
    for (k, c) in many.chars().enumerate() {
        assert!(
            err.contains(&format!(
                "{c} (U+{:04X}) at {}:10:{} (/sections/0/blocks/0/paragraph)",
                u32::from(c),
                file.display(),
                col + k
            )),
            "{c}: {err}"
        );
    }
}

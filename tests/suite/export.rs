//! Export tests: build the real outputs with the binary, then open them with independent
//! tools (zip + XML parser for EPUB, epubcheck, qpdf, poppler) instead of trusting our writer.

use crate::common::*;
use std::io::Read;
use std::path::Path;

const SEED: &str = "content/microneedling-101.yaml";

fn build_into(dir: &Path, guide: &str, env: &[(&str, &str)]) {
    let out = run_env(&["build", guide, "--out", dir.to_str().unwrap()], env);
    assert_eq!(
        out.status.code(),
        Some(0),
        "build failed: {}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn epub_entries(path: &Path) -> Vec<(String, Vec<u8>, zip::CompressionMethod)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data, f.compression())
        })
        .collect()
}

/// Text of XHTML documents in spine order, parsed with an XML parser (fails on bad XML).
fn epub_text(path: &Path) -> String {
    let entries = epub_entries(path);
    let get = |name: &str| {
        entries
            .iter()
            .find(|e| e.0 == name)
            .map(|e| String::from_utf8(e.1.clone()).unwrap())
    };
    let opf = get("OEBPS/content.opf").expect("content.opf");
    let doc = roxmltree::Document::parse(&opf).expect("content.opf is XML");
    let hrefs: std::collections::HashMap<&str, &str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| (n.attribute("id").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let mut text = String::new();
    for r in doc.descendants().filter(|n| n.has_tag_name("itemref")) {
        let href = hrefs[r.attribute("idref").unwrap()];
        let xhtml = get(&format!("OEBPS/{href}")).expect("spine item exists");
        let opts = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let x = roxmltree::Document::parse_with_options(&xhtml, opts)
            .unwrap_or_else(|e| panic!("{href} is not well-formed XML: {e}"));
        let body = x.descendants().find(|n| n.has_tag_name("body")).unwrap();
        for t in body.descendants().filter(|n| n.is_text()) {
            text.push_str(t.text().unwrap());
            text.push(' ');
        }
    }
    text
}

pub fn epubcheck(path: &Path) {
    let jar = Path::new("/usr/share/java/epubcheck.jar");
    if !jar.exists() {
        crate::common::skipped("epubcheck", "/usr/share/java/epubcheck.jar is missing");
        return;
    }
    let out = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg(path)
        .output()
        .expect("run java");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "epubcheck failed:\n{text}");
    assert!(
        text.contains("No errors or warnings detected"),
        "epubcheck reported problems:\n{text}"
    );
}

#[test]
fn epub_is_valid_complete_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), SEED, &[]);
    let epub = dir.path().join("microneedling-101.epub");
    let entries = epub_entries(&epub);
    assert_eq!(entries[0].0, "mimetype");
    assert_eq!(entries[0].1, b"application/epub+zip");
    assert_eq!(entries[0].2, zip::CompressionMethod::Stored);
    let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
    for expected in [
        "OEBPS/nav.xhtml",
        "OEBPS/toc.ncx",
        "OEBPS/title.xhtml",
        "OEBPS/s05-risks-and-side-effects.xhtml",
    ] {
        assert!(names.contains(&expected), "missing {expected} in {names:?}");
    }
    let opf = String::from_utf8(
        entries
            .iter()
            .find(|e| e.0 == "OEBPS/content.opf")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    // stable identifier: UUID v5 of the guide id
    let uuid = guidepress::export::epub::guide_uuid("microneedling-101");
    assert!(
        opf.contains(&format!("urn:uuid:{uuid}")),
        "identifier missing:\n{opf}"
    );
    assert!(
        opf.contains("dcterms:modified\">2026-11-20T00:00:00Z"),
        "modified date from last_reviewed"
    );
    let nav = String::from_utf8(
        entries
            .iter()
            .find(|e| e.0 == "OEBPS/nav.xhtml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        nav.contains("Types of Microneedling Treatments"),
        "nav lists subsections"
    );
    assert_guide_words(Path::new(SEED), &epub_text(&epub), "EPUB text");
    epubcheck(&epub);
}

#[test]
fn epub_escapes_markup_characters_and_emoji() {
    let dir = tempfile::tempdir().unwrap();
    let guide = "tests/fixtures/export/escaping.yaml";
    // (EPUB only: no font of the PDF has the emoji, so `build`, which makes the PDF too,
    // refuses this guide — see pdf_text::a_character_no_font_has_is_an_error)
    let o = run(&[
        "export",
        "--format",
        "epub",
        "--out",
        dir.path().to_str().unwrap(),
        guide,
    ]);
    assert_code(&o, 0);
    let epub = dir.path().join("escaping-test.epub");
    let text = epub_text(&epub);
    assert!(text.contains("Tags <b>, ampersands & \"quotes\""), "{text}");
    assert!(text.contains("]]>") && text.contains("<!-- comment -->") && text.contains('😀'));
    assert_guide_words(Path::new(guide), &text, "EPUB text");
    epubcheck(&epub);
}

#[test]
fn outputs_are_byte_identical_across_builds_and_honour_source_date_epoch() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    build_into(a.path(), SEED, &[]);
    build_into(b.path(), SEED, &[]);
    build_into(c.path(), SEED, &[("SOURCE_DATE_EPOCH", "1700000000")]);
    for ext in ["pdf", "epub", "txt"] {
        let name = format!("microneedling-101.{ext}");
        let (x, y) = (
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap(),
        );
        assert!(x == y, "{name} differs between two builds");
    }
    let opf_of = |d: &Path| {
        epub_entries(&d.join("microneedling-101.epub"))
            .into_iter()
            .find(|e| e.0 == "OEBPS/content.opf")
            .map(|e| String::from_utf8(e.1).unwrap())
            .unwrap()
    };
    assert!(
        opf_of(c.path()).contains("2023-11-14T22:13:20Z"),
        "SOURCE_DATE_EPOCH sets dcterms:modified"
    );
    assert!(
        opf_of(a.path()).contains("2026-11-20T00:00:00Z"),
        "last_reviewed is the default date"
    );
    if let Some(pdfinfo) = tool("pdfinfo") {
        let info = std::process::Command::new(pdfinfo)
            .arg(c.path().join("microneedling-101.pdf"))
            .output()
            .unwrap();
        assert!(
            stdout(&info).contains("2023"),
            "PDF dates follow SOURCE_DATE_EPOCH:\n{}",
            stdout(&info)
        );
    }
}

#[test]
fn pdf_passes_qpdf_embeds_fonts_and_holds_every_word_in_order() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), SEED, &[]);
    let pdf = dir.path().join("microneedling-101.pdf");
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(
        size < 250_000,
        "PDF is {size} bytes; fonts should be subset"
    );
    let cmd = |t: &Path, args: &[&str]| {
        let o = std::process::Command::new(t)
            .args(args)
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{} failed: {}",
            t.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        stdout(&o)
    };
    if let Some(qpdf) = tool("qpdf") {
        cmd(&qpdf, &["--check"]);
    }
    if let Some(pdffonts) = tool("pdffonts") {
        let fonts = cmd(&pdffonts, &[]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type... encoding emb sub uni
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "font not embedded+subset+unicode: {row}"
            );
        }
    }
    if let Some(pdfinfo) = tool("pdfinfo") {
        let info = cmd(&pdfinfo, &[]);
        assert!(
            info.contains("Title:           Microneedling 101: Everything You Need to Know"),
            "{info}"
        );
        assert!(info.contains("Pages:           5"), "{info}");
        assert!(
            info.contains("Page size:       595.276 x 841.89"),
            "A4 by default: {info}"
        );
    }
    if let Some(pdftotext) = tool("pdftotext") {
        let o = std::process::Command::new(pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = stdout(&o);
        assert_guide_words(Path::new(SEED), &text, "PDF text");
        assert!(text.contains("Page 1 of 5") && text.contains("Page 5 of 5"));
        assert!(
            text.contains("body’s natural"),
            "curly apostrophes survive extraction"
        );
    }
}

#[test]
fn letter_paper_is_an_option() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "export",
        "--format",
        "pdf",
        "--paper",
        "letter",
        SEED,
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    if let Some(pdfinfo) = tool("pdfinfo") {
        let o = std::process::Command::new(pdfinfo)
            .arg(dir.path().join("microneedling-101.pdf"))
            .output()
            .unwrap();
        assert!(stdout(&o).contains("612 x 792"), "{}", stdout(&o));
    }
}

#[test]
fn text_handout_wraps_by_display_width_and_keeps_every_word() {
    let dir = tempfile::tempdir().unwrap();
    for (width, ascii) in [(72usize, false), (40, true)] {
        let mut args = vec![
            "export",
            "--format",
            "txt",
            SEED,
            "--out",
            dir.path().to_str().unwrap(),
        ];
        let w = width.to_string();
        args.extend(["--width", &w]);
        if ascii {
            args.push("--ascii");
        }
        assert_eq!(run(&args).status.code(), Some(0));
        let text = std::fs::read_to_string(dir.path().join("microneedling-101.txt")).unwrap();
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "line wider than {width}: {line:?}"
            );
            assert_eq!(line, line.trim_end(), "trailing space: {line:?}");
        }
        assert!(
            !text.contains("\n\n\n"),
            "one blank line between paragraphs"
        );
        assert_guide_words(Path::new(SEED), &text, "text handout");
        assert!(
            text.contains("+---") && text.contains("| Disclaimer:"),
            "boxed disclaimer"
        );
        if ascii {
            assert!(
                !text.contains(['’', '“', '”', '—', '–']),
                "--ascii folds punctuation"
            );
        } else {
            assert!(text.contains("body’s"));
        }
    }
}

#[test]
fn failed_build_writes_nothing_and_keeps_previous_exports() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::copy("tests/fixtures/edge/valid.yaml", content.join("good.yaml")).unwrap();
    std::fs::copy(
        "tests/fixtures/invalid/missing-section-title.yaml",
        content.join("bad.yaml"),
    )
    .unwrap();
    let out = dir.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("sample-guide.txt"), "previous export").unwrap();
    let o = run(&[
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing was written"));
    let files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, vec![std::ffi::OsString::from("sample-guide.txt")]);
    assert_eq!(
        std::fs::read_to_string(out.join("sample-guide.txt")).unwrap(),
        "previous export"
    );
    let o = run(&[
        "export",
        "--format",
        "pdf",
        content.join("bad.yaml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "export refuses an invalid guide");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn output_folder_that_is_a_file_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let o = run(&["build", SEED, "--out", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a directory"));
}

#[test]
fn literal_stars_survive_and_triple_stars_are_bold_italic_in_every_backend() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("stars.yaml");
    let text = std::fs::read_to_string("tests/fixtures/edge/valid.yaml")
        .unwrap()
        .replace(
            "The skin heals itself after a controlled injury.",
            "'Use 2 * 3 drops * daily, then ***rinse well*** and wait.'",
        );
    std::fs::write(&guide, text).unwrap();
    let out = dir.path().join("out");
    build_into(&out, guide.to_str().unwrap(), &[]);
    // text: both literal stars kept; bold italic shown with both markers
    let txt = std::fs::read_to_string(out.join("sample-guide.txt")).unwrap();
    let flat = txt.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Use 2 * 3 drops * daily, then *_rinse well_* and wait."),
        "{flat}"
    );
    // EPUB: parsed XHTML holds the stars as text and the words inside <em><strong>
    let entries = epub_entries(&out.join("sample-guide.epub"));
    let xhtml = entries
        .iter()
        .map(|e| String::from_utf8_lossy(&e.1).into_owned())
        .find(|s| s.contains("drops"))
        .expect("the paragraph");
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&xhtml, opts).unwrap();
    let p = doc
        .descendants()
        .find(|n| n.has_tag_name("p") && n.text().is_some_and(|t| t.contains("drops")))
        .unwrap();
    let all: String = p
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    // (the number keeps its unit: a no-break space joins `3 drops`)
    assert_eq!(
        all,
        "Use 2 * 3\u{a0}drops * daily, then rinse well and wait."
    );
    let strong = p.descendants().find(|n| n.has_tag_name("strong")).unwrap();
    assert_eq!(strong.text(), Some("rinse well"));
    assert!(
        strong.ancestors().any(|a| a.has_tag_name("em")),
        "bold inside italic"
    );
    // PDF: the stars are in the extracted text and the bold italic face is used
    if let (Some(pdftotext), Some(pdffonts)) = (tool("pdftotext"), tool("pdffonts")) {
        let pdf = out.join("sample-guide.pdf");
        let o = std::process::Command::new(pdftotext)
            .args([pdf.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let t = String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(t.contains("Use 2 * 3 drops * daily"), "{t}");
        let f = std::process::Command::new(pdffonts)
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(stdout(&f).contains("BoldItalic"), "{}", stdout(&f));
    }
}

/// EPUB Accessibility 1.1: metadata in the package, a language on the package and on every
/// XHTML document (nav included), labelled navigation landmarks, an NCX with the real depth
/// and the book's title. Read from the real archive with an XML parser.
#[test]
fn epub_carries_accessibility_metadata_and_languages() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), SEED, &[]);
    let entries = epub_entries(&dir.path().join("microneedling-101.epub"));
    let text = |name: &str| {
        String::from_utf8(entries.iter().find(|e| e.0 == name).unwrap().1.clone()).unwrap()
    };
    let opf = text("OEBPS/content.opf");
    let doc = roxmltree::Document::parse(&opf).unwrap();
    let package = doc.root_element();
    assert_eq!(
        package.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en-US")
    );
    let metas: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("meta"))
        .filter_map(|n| Some((n.attribute("property")?.to_string(), n.text()?.to_string())))
        .collect();
    let has = |p: &str, v: &str| metas.iter().any(|(k, x)| k == p && x == v);
    assert!(has("schema:accessMode", "textual"), "{metas:?}");
    assert!(has("schema:accessModeSufficient", "textual"));
    for feature in ["structuralNavigation", "tableOfContents", "readingOrder"] {
        assert!(has("schema:accessibilityFeature", feature), "{feature}");
    }
    assert!(has("schema:accessibilityHazard", "none"));
    assert!(
        metas
            .iter()
            .any(|(k, v)| k == "schema:accessibilitySummary" && v.len() > 40)
    );
    assert!(has(
        "dcterms:conformsTo",
        "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
    ));
    assert!(
        doc.descendants().any(
            |n| n.has_tag_name("date") && n.text().is_some_and(|t| t.starts_with("2026-11-20"))
        ),
        "dc:date"
    );
    // every XHTML document, nav included, says its language both ways
    let xhtml: Vec<&(String, Vec<u8>, zip::CompressionMethod)> =
        entries.iter().filter(|e| e.0.ends_with(".xhtml")).collect();
    assert!(xhtml.len() >= 5);
    for (name, data, _) in xhtml {
        let s = String::from_utf8(data.clone()).unwrap();
        let d = roxmltree::Document::parse_with_options(
            &s,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap();
        let html = d.root_element();
        assert_eq!(html.attribute("lang"), Some("en-US"), "{name}");
        assert_eq!(
            html.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("en-US"),
            "{name}"
        );
    }
    let nav = text("OEBPS/nav.xhtml");
    assert!(nav.contains("role=\"doc-toc\"") && nav.contains("aria-label=\"Landmarks\""));
    let ncx = text("OEBPS/toc.ncx");
    assert!(
        ncx.contains("<meta name=\"dtb:depth\" content=\"2\" />"),
        "{ncx}"
    );
    assert!(ncx.contains("<text>Microneedling 101: Everything You Need to Know</text>"));
}

/// Title, subtitle, authors, reviewer with role, review date, version and disclaimer appear
/// in the same order in the text handout, the EPUB title page and the PDF's first page.
#[test]
fn front_matter_is_the_same_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path(), SEED, &[]);
    let txt = std::fs::read_to_string(dir.path().join("microneedling-101.txt")).unwrap();
    let entries = epub_entries(&dir.path().join("microneedling-101.epub"));
    let title_page = String::from_utf8(
        entries
            .iter()
            .find(|e| e.0 == "OEBPS/title.xhtml")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    let epub: String = roxmltree::Document::parse_with_options(
        &title_page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap()
    .descendants()
    .filter(|n| n.is_text())
    .filter_map(|n| n.text())
    .collect::<Vec<_>>()
    .join(" ");
    let mut formats = vec![("txt", txt.replace('\n', " ")), ("epub", epub)];
    if let Some(pdftotext) = tool("pdftotext") {
        let out = std::process::Command::new(pdftotext)
            .args(["-l", "1"])
            .arg(dir.path().join("microneedling-101.pdf"))
            .arg("-")
            .output()
            .unwrap();
        formats.push((
            "pdf",
            String::from_utf8_lossy(&out.stdout).replace('\n', " "),
        ));
    }
    let expected = [
        "Microneedling 101",
        "Draft \u{2014} not yet medically reviewed",
        "By guidepress",
        "Last reviewed 2026-11-20",
        "Version 1.1.0",
        "Disclaimer",
    ];
    for (name, text) in formats {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut at = 0;
        for item in expected {
            let pos = text[at..].find(item).unwrap_or_else(|| {
                panic!("{name}: `{item}` missing or out of order in {text:.900}")
            });
            at += pos + item.len();
        }
    }
}

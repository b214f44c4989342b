//! Language of parts (WCAG 3.1.2): a section, block or inline span (`[text]{lang=..}`)
//! that states its language is marked in every format that can say it — `lang`, `xml:lang` and `dir` in the EPUB's XHTML and the
//! HTML page, `/Lang` on the PDF's structure elements — and spelling does not check it
//! with the guide's dictionary (it says none is installed for that language).

use crate::common::*;
use std::path::Path;

const GUIDE: &str = "tests/fixtures/export/languages.yaml";

fn export(format: &str, dir: &Path) -> std::path::PathBuf {
    let o = run_env(
        &[
            "export",
            "--quiet",
            "--format",
            format,
            "--out",
            dir.to_str().unwrap(),
            GUIDE,
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_code(&o, 0);
    dir.join(format!("languages.{format}"))
}

/// (lang, xml:lang, dir) of the element whose own text starts with `text`, and of the
/// section with id `id`.
fn attrs(
    doc: &roxmltree::Document,
    pick: impl Fn(&roxmltree::Node) -> bool,
) -> (String, String, String) {
    let n = doc
        .descendants()
        .find(|n| n.is_element() && pick(n))
        .expect("the element is there");
    let get = |name: &str| n.attribute(name).unwrap_or("").to_string();
    let xml_lang = n
        .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        .unwrap_or("")
        .to_string();
    (get("lang"), xml_lang, get("dir"))
}

fn starts(n: &roxmltree::Node, text: &str) -> bool {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect::<String>()
        .trim_start()
        .starts_with(text)
}

#[test]
fn epub_marks_each_part_with_its_language_and_direction() {
    let dir = tempfile::tempdir().unwrap();
    let epub = export("epub", dir.path());
    let mut z = zip::ZipArchive::new(std::fs::File::open(&epub).unwrap()).unwrap();
    let mut xhtml = String::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.name().ends_with(".xhtml") {
            use std::io::Read;
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            xhtml.push_str(&s);
            xhtml.push('\u{0}');
        }
    }
    let docs: Vec<roxmltree::Document> = xhtml
        .split('\u{0}')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let opts = roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            };
            roxmltree::Document::parse_with_options(s, opts).unwrap()
        })
        .collect();
    let find = |tag: &str, text: &str| {
        docs.iter()
            .find_map(|d| {
                d.descendants()
                    .any(|n| n.has_tag_name(tag) && starts(&n, text))
                    .then(|| attrs(d, |n| n.has_tag_name(tag) && starts(n, text)))
            })
            .unwrap_or_else(|| panic!("<{tag}> {text}"))
    };
    let l = |a: &str, d: &str| (a.to_string(), a.to_string(), d.to_string());
    assert_eq!(find("p", "Mantenga"), l("es", "ltr"));
    assert_eq!(find("ul", "Halten"), l("de", "ltr"));
    assert_eq!(find("p", "שמרו"), l("he", "rtl"));
    assert_eq!(find("section", "Soins"), l("fr", "ltr"));
    assert_eq!(find("section", "Back in English"), l("en", "ltr"));
    // inline spans: a <span> with the three attributes, its emphasis kept inside
    assert_eq!(find("span", "gardez la peau"), l("fr-CA", "ltr"));
    assert_eq!(find("span", "tenete"), l("it", "ltr"));
    assert_eq!(find("span", "keep the colour"), l("en-GB", "ltr"));
    assert_eq!(find("span", "שמרו על העור ("), l("he", "rtl"));
    assert!(xhtml.contains("gardez la peau <em>propre</em></span>"));
    assert!(!xhtml.contains("{lang="), "the markup is not shown");
    // a part in the guide's language is not marked
    assert_eq!(
        find("p", "Keep the treated"),
        (String::new(), String::new(), String::new())
    );
    crate::export::epubcheck(&epub);
}

#[test]
fn html_marks_each_part_with_its_language_and_direction() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(export("html", dir.path())).unwrap();
    for needle in [
        "<p lang=\"es\" dir=\"ltr\">Mantenga",
        "<ul lang=\"de\" dir=\"ltr\">",
        "<p lang=\"he\" dir=\"rtl\">שמרו",
        "<section id=\"francais\" lang=\"fr\" dir=\"ltr\">",
        "<section id=\"english-again\" lang=\"en\" dir=\"ltr\">",
        "<p>Keep the treated",
        "says <span lang=\"fr-CA\" dir=\"ltr\">gardez la peau <em>propre</em></span>,",
        "<span lang=\"it\" dir=\"ltr\">tenete la pelle pulita</span>",
        "<span lang=\"he\" dir=\"rtl\">שמרו על העור (נקי)</span> before",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    // HTML has no xml:lang, and the span markup is never shown
    assert!(!html.contains("xml:lang") && !html.contains("{lang="));
}

#[test]
fn the_text_handout_keeps_every_character_of_a_span() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(export("txt", dir.path())).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "says gardez la peau _propre_, in Italy tenete la pelle pulita,",
        "in London keep the colour of the skin even and in Israel שמרו על העור (נקי) before",
    ] {
        assert!(flat.contains(needle), "{needle}\n{text}");
    }
    assert!(!text.contains("{lang=") && !text.contains('['), "{text}");
}

/// `pdfinfo -struct-text`: each Span element's text, in reading order.
#[test]
fn pdf_spans_are_span_elements_with_their_language() {
    let (Some(qpdf), Some(pdfinfo)) = (tool("qpdf"), tool("pdfinfo")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = export("pdf", dir.path());
    let o = std::process::Command::new(pdfinfo)
        .arg("-struct-text")
        .arg(&pdf)
        .output()
        .unwrap();
    let tree = stdout(&o);
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    let spans: Vec<String> = lines
        .windows(2)
        .filter(|w| w[0] == "Span (inline)")
        .map(|w| w[1].trim_matches('"').trim().to_string())
        .collect();
    assert_eq!(
        spans,
        [
            "gardez la peau propre",
            "tenete la pelle pulita",
            "keep the colour of the skin even",
            "שמרו על העור (נקי)"
        ],
        "{tree}"
    );
    // each Span states its language, inside the paragraph (a P)
    let text = qdf_text(&qpdf, &pdf, dir.path());
    let span_objs: Vec<&str> = text
        .split("endobj")
        .filter(|o| o.contains("/S /Span"))
        .collect();
    assert_eq!(span_objs.len(), 4, "{span_objs:?}");
    for (obj, lang) in span_objs.iter().zip(["fr-CA", "it", "en-GB", "he"]) {
        assert!(obj.contains(&format!("/Lang ({lang})")), "{obj}");
        assert!(obj.contains("/MCID"), "{obj}");
    }
}

#[test]
fn a_bad_span_language_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("bad.yaml");
    std::fs::write(
        &guide,
        "id: bad\ntitle: Bad Span\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"Say [bonjour]{lang=Français} twice.\"\n",
    )
    .unwrap();
    let o = run(&["check", guide.to_str().unwrap()]);
    assert_code(&o, 1);
    let all = stdout(&o) + &String::from_utf8_lossy(&o.stderr);
    assert!(
        all.contains("the language of the span `[bonjour]{lang=Français}` is `Français`"),
        "{all}"
    );
    assert!(all.contains("bad.yaml:10:40"), "{all}");
    // nothing is exported
    let out = dir.path().join("out");
    let o = run(&[
        "export",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
        guide.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(!out.join("bad.html").exists());
}

#[test]
fn pdf_structure_elements_carry_lang() {
    let Some(qpdf) = tool("qpdf") else { return };
    let dir = tempfile::tempdir().unwrap();
    let pdf = export("pdf", dir.path());
    let text = qdf_text(&qpdf, &pdf, dir.path());
    // each part's first element states its language; elements inside it inherit it
    let count = |lang: &str| text.matches(&format!("/Lang ({lang})")).count();
    assert_eq!(count("es"), 1, "the Spanish paragraph");
    assert_eq!(count("de"), 1, "the German list (its items inherit)");
    assert_eq!(count("he"), 2, "the Hebrew paragraph and the Hebrew span");
    // the French section: its heading, paragraph and callout (Note)
    assert_eq!(count("fr"), 3);
    // back in English inside the French section: heading and paragraph
    assert_eq!(count("en"), 2);
    // the document's own language is the catalog's
    assert!(text.contains("/Lang (en-US)"));
}

#[test]
fn spelling_says_which_languages_it_cannot_check() {
    let o = run(&["check", GUIDE]);
    assert_code(&o, 0);
    let all = stdout(&o) + &String::from_utf8_lossy(&o.stderr);
    for lang in ["es", "de", "he", "fr", "fr-CA", "it"] {
        assert!(
            all.contains(&format!(
                "no dictionary for language `{lang}`: parts in it are not spell-checked"
            )),
            "{all}"
        );
    }
    // no word of the foreign parts is reported as misspelled English
    assert!(
        !all.contains("unknown word") && !all.contains("misspelling of"),
        "{all}"
    );
}

/// Brackets in right-to-left text are drawn mirrored (`(` shows as `)`: UAX #9 L4) from a
/// second instance of the font whose ToUnicode reads them as written, so pdftotext reads the
/// Hebrew span's `(נקי)` in order with its brackets the right way round.
#[test]
fn brackets_in_right_to_left_text_read_as_written() {
    let (Some(pdftotext), Some(pdffonts)) = (tool("pdftotext"), tool("pdffonts")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pdf = export("pdf", dir.path());
    let o = std::process::Command::new(pdftotext)
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    // (poppler writes each right-to-left character with embedding marks and line breaks)
    let text: String = stdout(&o)
        .chars()
        .filter(|c| !c.is_whitespace() && !('\u{202a}'..='\u{202e}').contains(c))
        .collect();
    assert!(text.contains("שמרועלהעור(נקי)beforethenextvisit"), "{text}");
    let o = std::process::Command::new(pdffonts)
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("GPDFMA+LiberationSerif"),
        "the mirror instance is embedded: {}",
        stdout(&o)
    );
}

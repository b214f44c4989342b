//! EPUB 3 export with epub-builder: a title page, an introduction, one XHTML document per
//! top-level section (subsections as anchored headings in the nav and NCX), a small
//! e-ink-friendly stylesheet. Deterministic: UUID v5 from the guide id, dcterms:modified
//! from [`super::timestamp`], and the archive rewritten with fixed timestamps ([`normalise_zip`]).

use super::{ExportError, Exporter, Options, Rendered};
use crate::model::{Block, Guide, RichText, Section, Walk};
use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};
use std::io::{Cursor, Read, Write};

pub struct Epub;

const CSS: &str = "\
body { font-family: serif; line-height: 1.4; margin: 0 1em; }
h1, h2, h3, h4, h5, h6 { font-family: sans-serif; font-weight: bold; line-height: 1.2; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; margin: 1em 0 0.5em; }
h2 { font-size: 1.3em; margin: 1.2em 0 0.4em; }
h3 { font-size: 1.15em; margin: 1em 0 0.3em; }
h4 { font-size: 1.1em; margin: 1em 0 0.3em; }
h5 { font-size: 1.05em; font-style: italic; margin: 0.9em 0 0.25em; }
h6 { font-size: 1em; font-style: italic; font-weight: normal; margin: 0.9em 0 0.25em; }
p { margin: 0 0 0.8em; text-align: left; hyphens: manual; -epub-hyphens: manual; }
ol, ul { margin: 0 0 0.8em; padding-left: 1.6em; }
li { margin-bottom: 0.3em; }
aside.callout { border: 2px solid black; padding: 0.4em 0.8em; margin: 1em 0; page-break-inside: avoid; }
aside.callout-warning { border-width: 3px; }
p.callout-label { font-weight: bold; margin-bottom: 0.3em; }
.subtitle { font-size: 1.15em; font-style: italic; }
.meta { font-size: 0.9em; }
.disclaimer { border-top: 1px solid black; border-bottom: 1px solid black; padding: 0.5em 0; font-size: 0.9em; }
";

/// EPUB Accessibility 1.1 metadata (schema.org properties and the conformance claim). The
/// book is text only, so text is the one access mode and sufficient on its own; navigation
/// comes from the headings, the nav document and the NCX; the CSS uses relative sizes.
const ACCESSIBILITY: &[(&str, &str)] = &[
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
    (
        "schema:accessibilitySummary",
        "A text-only health guide: every section has a heading in the order of the guide, the table of contents lists every section and subsection, the reading order follows the text, and text size and colours follow the reading system's settings. There are no images, audio, video or flashing content.",
    ),
    (
        "dcterms:conformsTo",
        "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
    ),
];

/// Escape text for XHTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // characters XML 1.0 forbids are dropped
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn rich(t: &RichText) -> String {
    let mut s = String::new();
    super::inline_markup(&t.inlines, &mut s, &|t, out| out.push_str(&escape(t)), true);
    s
}

fn blocks_html(blocks: &[Block], out: &mut String) {
    for b in blocks {
        // a block in another language says so (WCAG 3.1.2 Language of Parts)
        let a = super::lang_attrs(b.lang(), true);
        match b {
            Block::Paragraph(t) => out.push_str(&format!("<p{a}>{}</p>\n", rich(t))),
            Block::Ordered(items) | Block::Bullets(items) => {
                let tag = if matches!(b, Block::Ordered(_)) {
                    "ol"
                } else {
                    "ul"
                };
                out.push_str(&format!("<{tag}{a}>\n"));
                for it in items {
                    out.push_str(&format!("<li>{}</li>\n", rich(it)));
                }
                out.push_str(&format!("</{tag}>\n"));
            }
            Block::Callout(c) => {
                // the label word is English (the interface's), whatever the block's language
                let kind = match b.lang() {
                    Some(l) if !crate::model::same_language(l, "en") => format!(
                        "<span{}>{}</span>",
                        super::lang_attrs(Some("en"), true),
                        c.kind.label()
                    ),
                    _ => c.kind.label().to_string(),
                };
                let label = match &c.title {
                    Some(t) => format!("{kind}: {}", escape(t)),
                    None => kind,
                };
                out.push_str(&format!(
                    "<aside class=\"callout callout-{}\" role=\"note\"{a}>\n<p class=\"callout-label\">{label}</p>\n<p>{}</p>\n</aside>\n",
                    c.kind.label().to_lowercase(),
                    rich(&c.text)
                ));
            }
        }
    }
}

fn section_html(top: &Section, out: &mut String) {
    for step in top.walk() {
        match step {
            Walk::Enter(r) => {
                // the section's file has the title page's h1 above it: sections start at h2
                let h = (r.depth + 1).min(6);
                out.push_str(&format!(
                    "<section id=\"{}\"{}>\n<h{h}>{}</h{h}>\n",
                    escape(&r.section.id),
                    super::lang_attrs(r.section.lang.as_deref(), true),
                    escape(&r.section.title)
                ));
                blocks_html(&r.section.blocks, out);
            }
            Walk::Leave(_) => out.push_str("</section>\n"),
        }
    }
}

fn page(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\"{d}>\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{t}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n<body>\n{body}</body>\n</html>\n",
        l = escape(lang),
        // a guide in a right-to-left language reads right to left
        d = if crate::model::is_rtl_language(lang) {
            " dir=\"rtl\""
        } else {
            ""
        },
        t = escape(title)
    )
}

fn toc_children(s: &Section, file: &str) -> Vec<TocElement> {
    s.sections
        .iter()
        .map(|sub| {
            let mut el = TocElement::new(format!("{file}#{}", sub.id), sub.title.clone());
            for c in toc_children(sub, file) {
                el = el.child(c);
            }
            el
        })
        .collect()
}

/// Stable identifier: UUID v5 of the guide id in the URL namespace.
pub fn guide_uuid(id: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("urn:guidepress:guide:{id}").as_bytes(),
    )
}

fn err(e: epub_builder::Error) -> ExportError {
    ExportError::Render(format!("EPUB: {e}"))
}

impl Exporter for Epub {
    fn extension(&self) -> &'static str {
        "epub"
    }
    fn render(&self, guide: &Guide, _options: &Options) -> Result<Rendered, ExportError> {
        let ts = super::timestamp(guide);
        let mut b = EpubBuilder::new(ZipLibrary::new().map_err(err)?).map_err(err)?;
        b.epub_version(EpubVersion::V30);
        b.set_title(guide.title.clone());
        for a in &guide.authors {
            b.add_author(a.display());
        }
        b.add_language(guide.language.clone());
        b.set_uuid(guide_uuid(&guide.id));
        b.set_generator("guidepress");
        let when = chrono::DateTime::from_timestamp(ts, 0).unwrap_or_default();
        b.set_modified_date(when);
        b.set_publication_date(when);
        for (property, value) in ACCESSIBILITY {
            b.add_metadata_opf(Box::new(MetadataOpfV3::new(
                property.to_string(),
                escape(value),
            )));
        }
        if let Some(s) = &guide.summary {
            b.add_description(s.plain());
        }
        for t in &guide.tags {
            b.add_subject(t.clone());
        }
        b.stylesheet(CSS.as_bytes()).map_err(err)?;
        let lang = guide.language.as_str();

        let title = title_page(guide);
        b.add_content(
            EpubContent::new("title.xhtml", page(lang, &guide.title, &title).as_bytes())
                .title("Title page")
                .reftype(ReferenceType::TitlePage),
        )
        .map_err(err)?;
        if !guide.introduction.is_empty() {
            let mut body = "<section id=\"introduction\">\n<h2>Introduction</h2>\n".to_string();
            blocks_html(&guide.introduction, &mut body);
            body.push_str("</section>\n");
            b.add_content(
                EpubContent::new(
                    "introduction.xhtml",
                    page(lang, "Introduction", &body).as_bytes(),
                )
                .title("Introduction")
                .reftype(ReferenceType::Text),
            )
            .map_err(err)?;
        }
        for (i, s) in guide.sections.iter().enumerate() {
            let file = format!("s{:02}-{}.xhtml", i + 1, s.id);
            let mut body = String::new();
            section_html(s, &mut body);
            let mut content = EpubContent::new(
                file.clone(),
                Cursor::new(page(lang, &s.title, &body).into_bytes()),
            )
            .title(s.title.clone());
            for c in toc_children(s, &file) {
                content = content.child(c);
            }
            b.add_content(content).map_err(err)?;
        }
        let mut out = Vec::new();
        b.generate(&mut out).map_err(err)?;
        let fixes = TemplateFixes {
            lang: guide.language.clone(),
            title: guide.title.clone(),
            depth: max_depth(&guide.sections).max(1),
        };
        normalise_zip(&out, ts, &fixes).map(Rendered::from)
    }
}

/// The title page's body: title, subtitle, the front matter's lines (the review date as a
/// `<time>`) and the disclaimer.
fn title_page(guide: &Guide) -> String {
    let mut title = format!("<header>\n<h1>{}</h1>\n", escape(&guide.title));
    if let Some(s) = &guide.subtitle {
        title.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escape(s)));
    }
    let fm = guide.front_matter();
    for (kind, line) in fm.lines() {
        match (kind, fm.reviewed_on) {
            (crate::model::MetaLine::LastReviewed, Some(d)) => title.push_str(&format!(
                "<p class=\"meta\">{} <time datetime=\"{d}\">{d}</time></p>\n",
                crate::model::LAST_REVIEWED
            )),
            _ => title.push_str(&format!("<p class=\"meta\">{}</p>\n", escape(line))),
        }
    }
    title.push_str("</header>\n");
    if let Some(d) = &guide.disclaimer {
        title.push_str(&format!("<aside class=\"disclaimer\" role=\"note\"><p><strong>Disclaimer:</strong> {}</p></aside>\n", rich(d)));
    }
    title
}

/// Depth of the section tree (1: top-level sections only; 0: none).
fn max_depth(sections: &[Section]) -> usize {
    sections
        .iter()
        .map(|s| 1 + max_depth(&s.sections))
        .max()
        .unwrap_or(0)
}

/// What epub-builder's templates leave out, added while the archive is rewritten.
pub(crate) struct TemplateFixes {
    /// The book's language, for `xml:lang` on the package and `lang` on the nav document.
    pub lang: String,
    /// The book's title, for the NCX `docTitle`.
    pub title: String,
    /// Depth of the table of contents, for the NCX `dtb:depth`.
    pub depth: usize,
}

impl TemplateFixes {
    /// True when [`TemplateFixes::apply`] may change the entry `name`.
    fn touches(&self, name: &str) -> bool {
        ["content.opf", "nav.xhtml", "toc.ncx"]
            .iter()
            .any(|end| name.ends_with(end))
    }

    fn apply(&self, name: &str, data: Vec<u8>) -> Vec<u8> {
        if !self.touches(name) {
            return data;
        }
        let text = || String::from_utf8_lossy(&data).into_owned();
        let lang = escape(&self.lang);
        if name.ends_with("content.opf") {
            // epub-builder 0.8.3 gives <dc:language> and the first <dc:creator> the same id
            // ("epub-creator-0"), which epubcheck rejects; rename the language ids
            return text()
                .replace(
                    "<dc:language id=\"epub-creator-",
                    "<dc:language id=\"epub-language-",
                )
                .replacen(
                    "<package version=\"3.0\"",
                    &format!("<package version=\"3.0\" xml:lang=\"{lang}\""),
                    1,
                )
                .into_bytes();
        }
        if name.ends_with("nav.xhtml") {
            // language, and labelled landmarks with their ARIA roles
            return text()
                .replacen(
                    "xmlns:epub=\"http://www.idpf.org/2007/ops\">",
                    &format!(
                        "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">"
                    ),
                    1,
                )
                .replacen(
                    "<nav epub:type = \"toc\" id=\"toc\">",
                    "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">",
                    1,
                )
                .replacen(
                    "<nav epub:type = \"landmarks\">",
                    "<nav epub:type=\"landmarks\" id=\"landmarks\" aria-label=\"Landmarks\" hidden=\"hidden\">",
                    1,
                )
                .into_bytes();
        }
        if name.ends_with("toc.ncx") {
            return text()
                .replacen(
                    "<meta name=\"dtb:depth\" content=\"1\" />",
                    &format!("<meta name=\"dtb:depth\" content=\"{}\" />", self.depth),
                    1,
                )
                .replacen(
                    "<docTitle>\n    <text>Table Of Contents</text>",
                    &format!("<docTitle>\n    <text>{}</text>", escape(&self.title)),
                    1,
                )
                .into_bytes();
        }
        data
    }
}

/// epub-builder's zip backend stamps entries with the current time, so the archive is
/// rewritten entry by entry (same order, same contents) with one fixed timestamp:
/// `mimetype` first and stored, everything else deflated.
/// It also completes epub-builder's templates ([`TemplateFixes`]). An entry the fixes leave
/// alone, already compressed the way it is written (epub-builder writes with the same zip
/// crate and default options), is copied compressed with the new timestamp and permissions
/// instead of inflated and deflated again (the reference outputs compare the bytes).
pub(crate) fn normalise_zip(
    bytes: &[u8],
    timestamp: i64,
    fixes: &TemplateFixes,
) -> Result<Vec<u8>, ExportError> {
    rewrite_zip(bytes, timestamp, fixes, true)
}

/// [`normalise_zip`]; `copy_compressed: false` inflates and deflates every entry (the test
/// that copying compressed entries changes no byte).
fn rewrite_zip(
    bytes: &[u8],
    timestamp: i64,
    fixes: &TemplateFixes,
    copy_compressed: bool,
) -> Result<Vec<u8>, ExportError> {
    let fail = |e: zip::result::ZipError| ExportError::Render(format!("EPUB zip: {e}"));
    let dt = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let when = zip::DateTime::from_date_and_time(
        dt.year().clamp(1980, 2107) as u16,
        dt.month() as u8,
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
    )
    .unwrap_or_default();
    let mut input = zip::ZipArchive::new(Cursor::new(bytes)).map_err(fail)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..input.len() {
        let raw = input.by_index_raw(i).map_err(fail)?;
        let method = if raw.name() == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        if copy_compressed && raw.compression() == method && !fixes.touches(raw.name()) {
            out.raw_copy_file_touch(raw, when, Some(0o644))
                .map_err(fail)?;
            continue;
        }
        drop(raw);
        let mut entry = input.by_index(i).map_err(fail)?;
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(when)
            .unix_permissions(0o644);
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|e| ExportError::Render(format!("EPUB zip: {e}")))?;
        let data = fixes.apply(&name, data);
        out.start_file(name, opts).map_err(fail)?;
        out.write_all(&data)
            .map_err(|e| ExportError::Render(format!("EPUB zip: {e}")))?;
    }
    Ok(out.finish().map_err(fail)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Copying the entries epub-builder already compressed gives the same bytes as inflating
    /// and deflating them again (it deflates with the same zip crate and options): a guide
    /// with sections, subsections and a nested table of contents.
    #[test]
    fn copying_compressed_entries_changes_no_byte() {
        let doc =
            crate::validate::validate_path(std::path::Path::new("content/microneedling-101.yaml"))
                .document
                .unwrap();
        let guide = &doc.guide;
        let mut b = EpubBuilder::new(ZipLibrary::new().unwrap()).unwrap();
        b.epub_version(EpubVersion::V30);
        b.set_title(guide.title.clone());
        b.stylesheet(CSS.as_bytes()).unwrap();
        for (i, s) in guide.sections.iter().enumerate() {
            let mut body = String::new();
            section_html(s, &mut body);
            b.add_content(EpubContent::new(
                format!("s{i:02}.xhtml"),
                Cursor::new(page("en", &s.title, &body).into_bytes()),
            ))
            .unwrap();
        }
        let mut out = Vec::new();
        b.generate(&mut out).unwrap();
        let fixes = TemplateFixes {
            lang: "en".into(),
            title: guide.title.clone(),
            depth: max_depth(&guide.sections),
        };
        let copied = rewrite_zip(&out, 86_400, &fixes, true).unwrap();
        let deflated = rewrite_zip(&out, 86_400, &fixes, false).unwrap();
        assert!(guide.sections.len() > 3);
        assert_eq!(copied, deflated);
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("<a & \"b\">\u{1}"), "&lt;a &amp; &quot;b&quot;&gt;");
        assert_eq!(guide_uuid("x"), guide_uuid("x"));
    }
}

//! HTML export: one self-contained, accessible web page per guide, and the `index.html` of a
//! build ([`render_index`]).
//!
//! The page is semantic HTML5: a skip link, a `header` with the title and the front matter in
//! the order every format uses (then the disclaimer, visible), a `nav` table of contents,
//! `main` with a `section` per section and headings by depth (`h2`..`h6`), callouts as
//! `aside role="note"` with their kind in words, and a `footer` repeating the review date.
//! The stylesheet (assets/html/page.css) is inlined: system fonts, no script, no network
//! fetch; it reflows to 320 CSS px, follows the reader's dark mode and text size, and prints
//! as a handout. Search engines get schema.org `MedicalWebPage` metadata as JSON-LD.
//!
//! Every text field goes through [`escape`] (or [`json_ld`] inside the script element), so a
//! guide cannot inject markup. The bytes depend only on the guide: no clock, no randomness.

use super::{ExportError, ExportFormat, Exporter, Options, Rendered};
use crate::model::{Block, FrontMatter, Guide, MetaLine, RichText, Walk};
use std::fmt::Write as _;

/// The stylesheet of every page (and the base of the index's).
pub(crate) const PAGE_CSS: &str = include_str!("../../assets/html/page.css");
/// What the index adds to [`PAGE_CSS`].
pub(crate) const INDEX_CSS: &str = include_str!("../../assets/html/index.css");

/// The file name of a build's index page.
pub(crate) const INDEX_FILE: &str = "index.html";

/// Ids of the page's own elements. Guide and section ids are lowercase kebab-case slugs
/// (schema-checked), so an underscore keeps these from ever colliding with them.
const ID_MAIN: &str = "gp_main";
const ID_TOC: &str = "gp_toc";
const ID_INTRO: &str = "gp_introduction";

pub struct Html;

impl Exporter for Html {
    fn extension(&self) -> &'static str {
        "html"
    }
    fn render(&self, guide: &Guide, _options: &Options) -> Result<Rendered, ExportError> {
        Ok(render(guide).into_bytes().into())
    }
}

/// True for a character HTML forbids in a document (a parse error the Nu checker reports):
/// C0 controls other than tab, line feed and carriage return (form feed too, for XML's
/// sake), DEL and the C1 controls, and the Unicode noncharacters. They are dropped.
fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7f..=0x9f).contains(&u)
        || (0xfdd0..=0xfdef).contains(&u)
        || (u & 0xfffe) == 0xfffe
}

/// Escape text for HTML element content and double-quoted attribute values: `& < > " '`
/// become character references and forbidden characters ([`forbidden`]) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(s, &mut out);
    out
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
}

/// A JSON value as the text of a `<script type="application/ld+json">` element: compact
/// JSON in which `<`, `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` (still the
/// same JSON strings), so no title can close the element (`</script>`) or open a comment
/// (`<!--`); U+2028/U+2029 are escaped too, and forbidden characters dropped.
pub(crate) fn json_ld(value: &serde_json::Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn rich(t: &RichText, out: &mut String) {
    super::inline_markup(&t.inlines, out, &escape_into, false);
}

/// ` lang="en"` when the page is in another language: the interface words (Contents,
/// Disclaimer, the front-matter labels) are English whatever the guide's language, and a
/// screen reader should pronounce them as English.
fn english_attr(page_lang: &str) -> &'static str {
    let primary = page_lang.split(['-', '_']).next().unwrap_or("");
    if primary.eq_ignore_ascii_case("en") {
        ""
    } else {
        " lang=\"en\""
    }
}

fn blocks_html(blocks: &[Block], ui: &str, out: &mut String) {
    for b in blocks {
        // a block in another language says so (WCAG 3.1.2 Language of Parts)
        let a = super::lang_attrs(b.lang(), false);
        match b {
            Block::Paragraph(t) => {
                let _ = write!(out, "<p{a}>");
                rich(t, out);
                out.push_str("</p>\n");
            }
            Block::Ordered(items) | Block::Bullets(items) => {
                let tag = if matches!(b, Block::Ordered(_)) {
                    "ol"
                } else {
                    "ul"
                };
                let _ = writeln!(out, "<{tag}{a}>");
                for it in items {
                    out.push_str("<li>");
                    rich(it, out);
                    out.push_str("</li>\n");
                }
                let _ = writeln!(out, "</{tag}>");
            }
            Block::Callout(c) => {
                let kind = c.kind.label();
                // the label word is English (the interface's) inside a block in another language
                let ui = match b.lang() {
                    Some(l) => english_attr(l),
                    None => ui,
                };
                let _ = write!(
                    out,
                    "<aside class=\"callout callout-{}\" role=\"note\"{a}>\n<p class=\"callout-label\"><span{ui}>{kind}</span>",
                    kind.to_lowercase()
                );
                if let Some(t) = &c.title {
                    out.push_str(": ");
                    escape_into(t, out);
                }
                out.push_str("</p>\n<p>");
                rich(&c.text, out);
                out.push_str("</p>\n</aside>\n");
            }
        }
    }
}

/// The table of contents: the introduction, then every section and subsection as nested
/// ordered lists of links.
fn toc_html(guide: &Guide, ui: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "<nav class=\"toc\" aria-labelledby=\"{ID_TOC}\">\n<h2 id=\"{ID_TOC}\"{ui}>Contents</h2>\n<ol>"
    );
    if !guide.introduction.is_empty() {
        let _ = writeln!(out, "<li><a href=\"#{ID_INTRO}\"{ui}>Introduction</a></li>");
    }
    for step in guide.walk() {
        match step {
            Walk::Enter(r) => {
                let _ = write!(out, "<li><a href=\"#{}\">", escape(&r.section.id));
                escape_into(&r.section.title, out);
                out.push_str("</a>");
                if r.section.sections.is_empty() {
                    out.push_str("</li>\n");
                } else {
                    out.push_str("\n<ol>\n");
                }
            }
            Walk::Leave(s) => {
                if !s.sections.is_empty() {
                    out.push_str("</ol>\n</li>\n");
                }
            }
        }
    }
    out.push_str("</ol>\n</nav>\n");
}

/// schema.org `MedicalWebPage`: name, description (the summary, else the subtitle),
/// language, review date and reviewer, authors and version.
fn metadata(guide: &Guide) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let person = |p: &crate::model::Person| {
        let mut m = Map::new();
        m.insert("@type".into(), json!("Person"));
        m.insert("name".into(), json!(p.name));
        if let Some(c) = &p.credentials {
            m.insert("honorificSuffix".into(), json!(c));
        }
        if let Some(r) = &p.role {
            m.insert("jobTitle".into(), json!(r));
        }
        Value::Object(m)
    };
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("MedicalWebPage"));
    m.insert("name".into(), json!(guide.title));
    if let Some(d) = description(guide) {
        m.insert("description".into(), json!(d));
    }
    m.insert("inLanguage".into(), json!(guide.language));
    if let Some(d) = guide.last_reviewed {
        m.insert("lastReviewed".into(), json!(d.to_string()));
    }
    if let Some(r) = &guide.reviewer {
        m.insert("reviewedBy".into(), person(r));
    }
    if !guide.authors.is_empty() {
        m.insert(
            "author".into(),
            Value::Array(guide.authors.iter().map(person).collect()),
        );
    }
    m.insert("version".into(), json!(guide.version));
    if !guide.tags.is_empty() {
        m.insert("keywords".into(), json!(guide.tags.join(", ")));
    }
    Value::Object(m)
}

/// The page description: the summary without markup, else the subtitle.
fn description(guide: &Guide) -> Option<String> {
    guide
        .summary
        .as_ref()
        .map(|s| s.plain())
        .or_else(|| guide.subtitle.clone())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
}

/// `<!DOCTYPE html>` up to and including `<body>`.
fn head(lang: &str, title: &str, description: Option<&str>, css: &[&str], out: &mut String) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"{}>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>",
        escape(lang),
        // a guide in a right-to-left language reads right to left
        if crate::model::is_rtl_language(lang) {
            " dir=\"rtl\""
        } else {
            ""
        }
    );
    escape_into(title, out);
    out.push_str("</title>\n");
    if let Some(d) = description {
        out.push_str("<meta name=\"description\" content=\"");
        escape_into(d, out);
        out.push_str("\">\n");
    }
    out.push_str("<meta name=\"generator\" content=\"guidepress\">\n<style>\n");
    for c in css {
        out.push_str(c);
    }
    out.push_str("</style>\n");
}

/// Render a guide as one HTML page.
pub fn render(guide: &Guide) -> String {
    let lang = guide.language.as_str();
    let ui = english_attr(lang);
    let mut out = String::with_capacity(16 * 1024);
    let desc = description(guide);
    head(lang, &guide.title, desc.as_deref(), &[PAGE_CSS], &mut out);
    out.push_str("<script type=\"application/ld+json\">");
    out.push_str(&json_ld(&metadata(guide)));
    out.push_str("</script>\n</head>\n<body>\n");
    let _ = writeln!(
        out,
        "<a class=\"skip-link\" href=\"#{ID_MAIN}\"{ui}>Skip to main content</a>"
    );

    let fm = guide.front_matter();
    header_html(guide, &fm, ui, &mut out);

    toc_html(guide, ui, &mut out);

    let _ = writeln!(out, "<main id=\"{ID_MAIN}\">");
    if !guide.introduction.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"{ID_INTRO}\">\n<h2{ui}>Introduction</h2>"
        );
        blocks_html(&guide.introduction, ui, &mut out);
        out.push_str("</section>\n");
    }
    for step in guide.walk() {
        match step {
            Walk::Enter(r) => {
                // the page's h1 is the title: sections start at h2; HTML has six levels
                let h = (r.depth + 1).min(6);
                let _ = write!(
                    out,
                    "<section id=\"{}\"{}>\n<h{h}>",
                    escape(&r.section.id),
                    super::lang_attrs(r.section.lang.as_deref(), false)
                );
                escape_into(&r.section.title, &mut out);
                let _ = writeln!(out, "</h{h}>");
                blocks_html(&r.section.blocks, ui, &mut out);
            }
            Walk::Leave(_) => out.push_str("</section>\n"),
        }
    }
    out.push_str("</main>\n<footer>\n<p>");
    escape_into(&guide.title, &mut out);
    let _ = write!(out, " · <span{ui}>");
    escape_into(&fm.version, &mut out);
    out.push_str("</span>");
    if let Some(d) = fm.reviewed_on {
        let _ = write!(
            out,
            " · <span{ui}>{}</span> <time datetime=\"{d}\">{d}</time>",
            crate::model::LAST_REVIEWED
        );
    }
    out.push_str("</p>\n</footer>\n</body>\n</html>\n");
    out
}

/// The page's header: the front matter in the order every format uses (see
/// `Guide::front_matter`), then the disclaimer.
fn header_html(guide: &Guide, fm: &FrontMatter, ui: &str, out: &mut String) {
    out.push_str("<header>\n<h1>");
    escape_into(&guide.title, out);
    out.push_str("</h1>\n");
    if let Some(s) = &guide.subtitle {
        out.push_str("<p class=\"subtitle\">");
        escape_into(s, out);
        out.push_str("</p>\n");
    }
    for (kind, line) in fm.lines() {
        match (kind, fm.reviewed_on) {
            (MetaLine::LastReviewed, Some(d)) => {
                let _ = writeln!(
                    out,
                    "<p class=\"meta\"><span{ui}>{}</span> <time datetime=\"{d}\">{d}</time></p>",
                    crate::model::LAST_REVIEWED
                );
            }
            _ => {
                let _ = write!(out, "<p class=\"meta\"{ui}>");
                escape_into(line, out);
                out.push_str("</p>\n");
            }
        }
    }
    if let Some(d) = &guide.disclaimer {
        let _ = write!(
            out,
            "<aside class=\"disclaimer\" role=\"note\">\n<p><strong{ui}>Disclaimer:</strong> "
        );
        rich(d, out);
        out.push_str("</p>\n</aside>\n");
    }
    out.push_str("</header>\n");
}

/// One guide on a build's index page.
pub(crate) struct IndexEntry<'a> {
    pub guide: &'a Guide,
    /// The review policy of the guide's configuration (`health.max_review_age_months`).
    pub max_review_age_months: u32,
    /// The files the build wrote for this guide: format and file name (beside index.html).
    pub files: Vec<(ExportFormat, String)>,
}

/// Whole months from `from` to `to` (the count the `required-content` rule uses).
fn months_between(from: time::Date, to: time::Date) -> i32 {
    (to.year() - from.year()) * 12 + (to.month() as i32 - from.month() as i32)
        - i32::from(to.day() < from.day())
}

/// The date a build's index measures review age against: the day of `SOURCE_DATE_EPOCH`
/// when it is set and valid (reproducible builds), else today (as `check` does).
pub(crate) fn index_date() -> time::Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map(|t| t.clamp(315_532_800, 253_402_300_799))
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .map_or_else(crate::validate::today, |t| t.date())
}

fn format_label(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Pdf => "PDF",
        ExportFormat::Epub => "EPUB",
        ExportFormat::Txt => "Plain text",
        ExportFormat::Html => "Web page",
    }
}

/// The index page of a build: every guide (in the order given) with its title linking to
/// its page, language, last review date (an overdue review of a health guide is said in
/// words), reading grade and time (the figures of `guidepress stats`), and links to every
/// file the build wrote for it. `as_of` is the day review ages are measured on.
pub(crate) fn render_index(entries: &[IndexEntry], as_of: time::Date) -> String {
    let mut out = String::with_capacity(4096 + entries.len() * 1024);
    head(
        "en",
        "Guides",
        Some("Every guide of this build with its review date, reading level and downloads."),
        &[PAGE_CSS, INDEX_CSS],
        &mut out,
    );
    let _ = write!(
        out,
        "</head>\n<body>\n<a class=\"skip-link\" href=\"#{ID_MAIN}\">Skip to main content</a>\n<header>\n<h1>Guides</h1>\n<p class=\"meta\">{} · review ages as of <time datetime=\"{as_of}\">{as_of}</time></p>\n</header>\n<main id=\"{ID_MAIN}\">\n",
        crate::util::plural(entries.len(), "guide")
    );
    if entries.is_empty() {
        out.push_str("<p>This build has no guides.</p>\n");
    } else {
        out.push_str("<ul class=\"guides\">\n");
    }
    for (n, e) in entries.iter().enumerate() {
        let g = e.guide;
        let glang = escape(&g.language);
        let heading = format!("gp_g{}", n + 1);
        let _ = write!(
            out,
            "<li>\n<article class=\"guide\" aria-labelledby=\"{heading}\">\n<h2 id=\"{heading}\" lang=\"{glang}\">"
        );
        let page = e.files.iter().find(|(f, _)| *f == ExportFormat::Html);
        match page {
            Some((_, file)) => {
                let _ = write!(out, "<a href=\"{}\" hreflang=\"{glang}\">", escape(file));
                escape_into(&g.title, &mut out);
                out.push_str("</a>");
            }
            None => escape_into(&g.title, &mut out),
        }
        out.push_str("</h2>\n<dl>\n");
        let _ = writeln!(out, "<dt>Language</dt><dd>{glang}</dd>");
        out.push_str("<dt>Last reviewed</dt><dd>");
        review_html(g, e.max_review_age_months, as_of, &mut out);
        out.push_str("</dd>\n");
        let stats = crate::stats::guide_stats(g);
        if let Some((_, _, total)) = stats.last() {
            let minutes = total.minutes().ceil().max(1.0) as usize;
            let _ = writeln!(
                out,
                "<dt>Reading grade</dt><dd>{:.1} (Flesch-Kincaid)</dd>\n<dt>Reading time</dt><dd>about {} ({})</dd>",
                total.grade(),
                crate::util::plural(minutes, "minute"),
                crate::util::plural(total.words, "word")
            );
        }
        out.push_str("</dl>\n");
        if !e.files.is_empty() {
            out.push_str("<div class=\"formats\"><span>Files: </span><ul>\n");
            for (f, file) in &e.files {
                let _ = write!(out, "<li><a href=\"{}\"", escape(file));
                if *f == ExportFormat::Html {
                    let _ = write!(out, " hreflang=\"{glang}\"");
                }
                let _ = write!(
                    out,
                    ">{}<span class=\"visually-hidden\">: ",
                    format_label(*f)
                );
                let _ = write!(out, "<span lang=\"{glang}\">");
                escape_into(&g.title, &mut out);
                out.push_str("</span></span></a></li>\n");
            }
            out.push_str("</ul></div>\n");
        }
        out.push_str("</article>\n</li>\n");
    }
    if !entries.is_empty() {
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The index's "Last reviewed" entry of a guide: its review date, and when a health guide's
/// review is more than `max` months before `as_of` (or missing), that in words.
fn review_html(g: &Guide, max: u32, as_of: time::Date, out: &mut String) {
    match g.last_reviewed {
        Some(d) => {
            let _ = write!(out, "<time datetime=\"{d}\">{d}</time>");
            if g.health && months_between(d, as_of) > max as i32 {
                let _ = write!(
                    out,
                    " <strong class=\"overdue\">Review overdue</strong> (more than {} ago)",
                    crate::util::plural(max as usize, "month")
                );
            }
        }
        None if g.health => {
            out.push_str("<strong class=\"overdue\">Never reviewed</strong> (no date)")
        }
        None => out.push_str("No review date"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(yaml: &str) -> Guide {
        let o = crate::validate::validate_source(crate::load::SourceFile::new(
            "t",
            yaml.to_string(),
            false,
        ));
        o.document.expect("valid").guide
    }

    const HOSTILE: &str = "id: t\ntitle: \"</script><script>alert(1)</script> \\\"><img src=x onerror=alert(2)>\"\nsubtitle: \"a\\u0001b\\u007f\\u0085c <!-- d\"\nsummary: \"</SCRIPT> & <!-- x\"\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: \"<b>A</b>\"}]\nreviewer: {name: \"Dr \\\" onmouseover=x\", credentials: \"</script>\", role: \"'r'\"}\nlast_reviewed: 2026-01-01\ndisclaimer: \"<iframe src=x>\"\nsections:\n  - id: a\n    title: \"<h1>x</h1>\"\n    blocks:\n      - paragraph: \"**<script>** *\\\"q\\\"* \\u2028 and \\uFDD0 end\"\n      - callout: {kind: warning, title: \"<b>t</b>\", text: \"x\"}\n";

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<a & \"b\" 'c'>\u{1}\u{7f}\u{85}\u{fdd0}\u{1fffe}\tok"),
            "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;\tok"
        );
        assert_eq!(
            json_ld(&serde_json::json!({"n": "</script><!-- & \u{2028}"})),
            "{\"n\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"}"
        );
    }

    #[test]
    fn hostile_text_cannot_inject_markup_or_script() {
        // straight from serde: validation would refuse the control characters, the page
        // must not depend on that
        let value: serde_json::Value = serde_yaml::from_str(HOSTILE).expect("YAML");
        let g: Guide = serde_json::from_value(value).expect("deserialises");
        let html = render(&g);
        // exactly the page's own elements: one script (JSON-LD), no img, no iframe
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert_eq!(html.to_lowercase().matches("</script").count(), 1, "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("<!--"), "{html}");
        // what is left of the attack is text: escaped quotes and brackets
        assert!(
            html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.chars().any(forbidden), "{html:?}");
        // the JSON-LD is still JSON and still says what the guide says
        let start = html.find("application/ld+json\">").unwrap() + 21;
        let end = html[start..].find("</script>").unwrap() + start;
        let v: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(
            v["name"],
            "</script><script>alert(1)</script> \"><img src=x onerror=alert(2)>"
        );
        assert_eq!(v["reviewedBy"]["honorificSuffix"], "</script>");
        assert_eq!(v["lastReviewed"], "2026-01-01");
        assert_eq!(v["@type"], "MedicalWebPage");
    }

    #[test]
    fn headings_follow_depth_and_the_toc_nests() {
        let g = guide(
            "id: t\ntitle: T\nlanguage: fr-FR\nversion: 1.0.0\nauthors: [{name: A}]\nintroduction: [{paragraph: Bonjour.}]\nsections:\n  - id: a\n    title: Un\n    sections:\n      - id: b\n        title: Deux\n        sections:\n          - id: c\n            title: Trois\n            blocks: [{callout: {kind: tip, text: Ceci.}}]\n  - id: d\n    title: Quatre\n    blocks: [{paragraph: Fin.}]\n",
        );
        let html = render(&g);
        assert!(html.contains("<html lang=\"fr-FR\">"), "{html}");
        assert!(html.contains("<section id=\"a\">\n<h2>Un</h2>"), "{html}");
        assert!(html.contains("<section id=\"b\">\n<h3>Deux</h3>"), "{html}");
        assert!(
            html.contains("<section id=\"c\">\n<h4>Trois</h4>"),
            "{html}"
        );
        assert!(
            html.contains("<h2 id=\"gp_toc\" lang=\"en\">Contents</h2>"),
            "{html}"
        );
        assert!(
            html.contains("<aside class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-label\"><span lang=\"en\">Tip</span></p>"),
            "{html}"
        );
        assert!(
            html.contains("<li><a href=\"#a\">Un</a>\n<ol>\n<li><a href=\"#b\">Deux</a>\n<ol>\n<li><a href=\"#c\">Trois</a></li>\n</ol>\n</li>\n</ol>\n</li>\n<li><a href=\"#d\">Quatre</a></li>\n</ol>"),
            "{html}"
        );
        assert_eq!(
            html.matches("<section").count(),
            html.matches("</section>").count()
        );
        assert_eq!(html.matches("<ol>").count(), html.matches("</ol>").count());
    }

    #[test]
    fn index_marks_overdue_reviews_in_words_and_links_built_files() {
        let yaml = |id: &str, date: &str| {
            format!(
                "id: {id}\ntitle: \"{id} <i>\"\nlanguage: en-GB\nversion: 1.0.0\nauthors: [{{name: A}}]\nhealth: true\nlast_reviewed: {date}\nsections:\n  - id: a\n    title: A\n    blocks: [{{paragraph: One two three four.}}]\n"
            )
        };
        let old = guide(&yaml("old", "2020-01-01"));
        let new = guide(&yaml("new", "2026-01-01"));
        let entries = [
            IndexEntry {
                guide: &old,
                max_review_age_months: 24,
                files: vec![
                    (ExportFormat::Pdf, "old.pdf".into()),
                    (ExportFormat::Html, "old.html".into()),
                ],
            },
            IndexEntry {
                guide: &new,
                max_review_age_months: 24,
                files: vec![(ExportFormat::Txt, "new.txt".into())],
            },
        ];
        let as_of = time::macros::date!(2026 - 06 - 01);
        let html = render_index(&entries, as_of);
        assert_eq!(html.matches("Review overdue").count(), 1, "{html}");
        let overdue = html.find("Review overdue").unwrap();
        assert!(html.find("old &lt;i&gt;").unwrap() < overdue);
        assert!(overdue < html.find("new &lt;i&gt;").unwrap());
        assert!(html.contains("<a href=\"old.html\" hreflang=\"en-GB\">old &lt;i&gt;</a>"));
        assert!(html.contains("<a href=\"old.pdf\">PDF"));
        assert!(html.contains("<a href=\"new.txt\">Plain text"));
        assert!(!html.contains("new.html") && !html.contains("new.pdf"));
        assert!(html.contains("about 1 minute (4 words)"), "{html}");
        assert_eq!(render_index(&entries, as_of), html, "deterministic");
    }
}

//! Plain-text handout: UTF-8, wrapped to a display width (default 72) with textwrap's
//! optimal-fit breaking, underlined headings, boxed disclaimer, hanging-indent lists.
//! Inline markup is shown as `*bold*` and `_italic_` (documented in README).

use super::{ExportError, Exporter, Options, Rendered};
use crate::model::{Block, Guide, RichText, Walk};
use unicode_width::UnicodeWidthStr;

use super::{SOFT_HYPHEN, is_no_break_space};

/// Where a word may break when it does not fit: after a soft hyphen, and after a hyphen
/// between letters (`skin-care`). Never inside numbers, so dates (`2026-11-20`) and versions
/// stay whole; no-break spaces are not break points at all (textwrap's Unicode line breaking).
fn split_points(word: &str) -> Vec<usize> {
    // textwrap asks for every word of every wrapped paragraph, and most have no hyphen of
    // either kind: no break point, and no allocation to find that out
    if !word.contains(['-', SOFT_HYPHEN]) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut out = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let after = at + c.len_utf8();
        let between_letters = i > 0
            && chars[i - 1].1.is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.1.is_alphabetic());
        if (c == SOFT_HYPHEN || (c == '-' && between_letters)) && after < word.len() {
            out.push(after);
        }
    }
    out
}

pub struct Txt;

impl Exporter for Txt {
    fn extension(&self) -> &'static str {
        "txt"
    }
    fn render(&self, guide: &Guide, options: &Options) -> Result<Rendered, ExportError> {
        Ok(render(guide, options.txt.width.max(20), options.txt.ascii)
            .into_bytes()
            .into())
    }
}

/// Fold typographic punctuation to ASCII.
pub(crate) fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '‘' | '’' | '‚' | '′' => out.push('\''),
            '“' | '”' | '„' | '″' => out.push('"'),
            '–' | '‒' | '−' => out.push('-'),
            '—' | '―' => out.push_str("--"),
            '…' => out.push_str("..."),
            '•' => out.push('-'),
            '\u{A0}' | '\u{2009}' | '\u{202F}' => out.push(' '),
            '\u{AD}' => {}
            _ => out.push(c),
        }
    }
    out
}

fn inline(t: &RichText) -> String {
    let mut s = String::new();
    for (text, bold, italic) in t.runs() {
        // numbers stay with their units (`500 mg`): no line ends between them
        let text = super::typography::bind_units(&text).into_owned();
        let (open, close) = match (bold, italic) {
            (true, true) => ("*_", "_*"),
            (true, false) => ("*", "*"),
            (false, true) => ("_", "_"),
            _ => ("", ""),
        };
        // keep markers hugging the words, whitespace outside
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let core = text.trim();
        if core.is_empty() {
            s.push_str(&text);
        } else {
            s.push_str(&format!("{lead}{open}{core}{close}{trail}"));
        }
    }
    // collapse breaking whitespace; no-break spaces are kept (`500 mg` stays together)
    s.split(|c: char| c.is_whitespace() && !is_no_break_space(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Writer {
    width: usize,
    ascii: bool,
    out: String,
}

impl Writer {
    fn fold(&self, s: &str) -> String {
        if self.ascii {
            fold_ascii(s)
        } else {
            s.to_string()
        }
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn line(&mut self, s: &str) {
        self.out.push_str(s.trim_end());
        self.out.push('\n');
    }

    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        let text = self.fold(text);
        let opts = textwrap::Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(rest)
            .word_splitter(textwrap::WordSplitter::Custom(split_points))
            .break_words(true);
        for l in textwrap::wrap(&text, opts) {
            self.line(&l.replace(SOFT_HYPHEN, ""));
        }
    }

    fn heading(&mut self, title: &str, underline: char) {
        self.blank();
        let title = self.fold(title);
        let lines: Vec<String> = textwrap::wrap(&title, self.width)
            .into_iter()
            .map(|c| c.into_owned())
            .collect();
        let w = lines.iter().map(|l| l.width()).max().unwrap_or(0);
        for l in &lines {
            self.line(l);
        }
        self.line(&underline.to_string().repeat(w));
        self.out.push('\n');
    }

    fn boxed(&mut self, label: &str, text: &str) {
        let inner = self.width.saturating_sub(4).max(10);
        let (h, v, c) = ('-', '|', '+');
        let border = format!("{c}{}{c}", h.to_string().repeat(inner + 2));
        self.blank();
        self.line(&border);
        let text = self.fold(&format!("{label}: {text}"));
        let opts = textwrap::Options::new(inner)
            .word_splitter(textwrap::WordSplitter::Custom(split_points))
            .break_words(true);
        for l in textwrap::wrap(&text, opts) {
            let l = l.replace(SOFT_HYPHEN, "");
            let pad = inner.saturating_sub(l.width());
            self.line(&format!("{v} {l}{} {v}", " ".repeat(pad)));
        }
        self.line(&border);
        self.out.push('\n');
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.blank();
            match b {
                Block::Paragraph(t) => self.wrapped(&inline(t), "", ""),
                Block::Ordered(items) => {
                    let digits = items.len().to_string().len();
                    for (i, it) in items.iter().enumerate() {
                        let first = format!("{:>digits$}. ", i + 1);
                        let rest = " ".repeat(first.len());
                        self.wrapped(&inline(it), &first, &rest);
                    }
                }
                Block::Bullets(items) => {
                    let bullet = if self.ascii { "- " } else { "• " };
                    for it in items {
                        self.wrapped(&inline(it), bullet, "  ");
                    }
                }
                Block::Callout(c) => {
                    let head = match &c.title {
                        Some(t) => format!("{}: {t}", c.kind.label().to_uppercase()),
                        None => c.kind.label().to_uppercase(),
                    };
                    self.wrapped(&head, "| ", "| ");
                    self.wrapped(&inline(&c.text), "| ", "| ");
                }
            }
        }
    }

    fn sections(&mut self, guide: &Guide) {
        for step in guide.walk() {
            if let Walk::Enter(r) = step {
                self.heading(&r.section.title, if r.depth == 1 { '-' } else { '~' });
                self.blocks(&r.section.blocks);
            }
        }
    }
}

/// Render a guide as plain text.
pub fn render(guide: &Guide, width: usize, ascii: bool) -> String {
    let mut w = Writer {
        width,
        ascii,
        out: String::new(),
    };
    // the front matter in the order every format uses (see `Guide::front_matter`)
    w.heading(&guide.title, '=');
    if let Some(s) = &guide.subtitle {
        w.wrapped(s, "", "");
        w.out.push('\n');
    }
    let fm = guide.front_matter();
    for (_, line) in fm.lines() {
        w.wrapped(line, "", "");
    }
    if let Some(d) = &guide.disclaimer {
        w.boxed("Disclaimer", &inline(d));
    }
    w.blocks(&guide.introduction);
    w.sections(guide);
    let mut out = w.out.trim_end().to_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_folding() {
        assert_eq!(
            inline(&RichText::parse("a **bold** and *it* b")),
            "a *bold* and _it_ b"
        );
        assert_eq!(fold_ascii("“It’s” — ok…"), "\"It's\" -- ok...");
    }

    #[test]
    fn long_callout_titles_wrap() {
        let yaml = format!(
            "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - callout: {{kind: warning, title: {}, text: Stop.}}\n",
            "word ".repeat(24).trim()
        );
        let o = crate::validate::validate_source(crate::load::SourceFile::new("t", yaml, false));
        let text = render(&o.document.expect("valid").guide, 72, false);
        let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= 72, "{widest}: {text}");
        assert!(text.contains("| WARNING: word"), "{text}");
    }

    fn paragraph_text(paragraph: &str, width: usize) -> String {
        let yaml = format!(
            "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"{paragraph}\"\n"
        );
        let o = crate::validate::validate_source(crate::load::SourceFile::new("t", yaml, false));
        render(&o.document.expect("valid").guide, width, false)
    }

    #[test]
    fn no_break_spaces_dates_and_versions_never_split() {
        // at every width the line could end inside `500 mg`, the date or the version
        for width in 20..60 {
            let text = paragraph_text(
                "Take 500\\u00a0mg of vitamin C daily from 2026-11-20 with version 1.10.3 of the kit and skin-care advice.",
                width,
            );
            assert!(text.contains("500\u{a0}mg"), "{width}: {text}");
            assert!(text.contains("2026-11-20"), "{width}: {text}");
            assert!(text.contains("1.10.3"), "{width}: {text}");
        }
    }

    #[test]
    fn soft_hyphens_are_invisible_unless_the_line_breaks_there() {
        let mut broke = false;
        for width in 20..40 {
            let text = paragraph_text(
                "Ask about micro\\u00adneedling and micro\\u00adneedling and micro\\u00adneedling today.",
                width,
            );
            assert!(!text.contains('\u{ad}'), "{width}: {text:?}");
            for line in text.lines() {
                if line.ends_with("micro") {
                    panic!("{width}: a break at a soft hyphen shows a hyphen: {text}");
                }
                broke |= line.ends_with("micro-");
            }
            assert_eq!(
                text.matches("microneedling").count() + text.matches("micro-\n").count(),
                3,
                "{width}: {text}"
            );
        }
        assert!(broke, "some width breaks at a soft hyphen");
    }
}

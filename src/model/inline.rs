//! Inline markup, parsed once into a typed tree that every backend shares.
//!
//! The subset (documented in README): `**bold**`, `*italic*`, nesting of the two,
//! and `\*` / `\\` escapes, with CommonMark's flanking rules for `*`. An unmatched or
//! space-surrounded `*` stays literal text. A span in another language is Pandoc's
//! bracketed span with one attribute, `[texte]{lang=fr}` (WCAG 3.1.2 Language of Parts);
//! brackets not followed by `{lang=...}` stay literal text.

use serde::{Deserialize, Deserializer};

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    /// `[text]{lang=fr}`: text in another language (BCP 47 tag as written).
    Span {
        lang: String,
        children: Vec<Inline>,
    },
}

/// A run of text with its style and the language span it is in (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyledRun {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// The innermost `[...]{lang=..}` span holding the run: its number in the text (0, 1,
    /// ... in reading order, so two spans in the same language stay apart) and language.
    pub span: Option<(usize, String)>,
}

/// A text field of the guide: its source string and its parsed inline tree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RichText {
    /// The string exactly as written in YAML (markup included).
    pub source: String,
    /// The parsed tree.
    pub inlines: Vec<Inline>,
    /// The language of the text when it differs from its surroundings (BCP 47), from the
    /// block's `lang:`; `None`: the section's or the guide's language.
    pub lang: Option<String>,
}

impl RichText {
    pub fn parse(source: &str) -> Self {
        RichText {
            source: source.to_string(),
            inlines: parse_inlines(source),
            lang: None,
        }
    }

    /// The text without markup.
    pub fn plain(&self) -> String {
        let mut out = String::with_capacity(self.source.len());
        fn go(items: &[Inline], out: &mut String) {
            for i in items {
                match i {
                    Inline::Text(t) => out.push_str(t),
                    Inline::Strong(c) | Inline::Emphasis(c) | Inline::Span { children: c, .. } => {
                        go(c, out)
                    }
                }
            }
        }
        go(&self.inlines, &mut out);
        out
    }

    /// Flatten into runs of (text, bold, italic), merging neighbours with the same style.
    pub fn runs(&self) -> Vec<(String, bool, bool)> {
        let mut out: Vec<(String, bool, bool)> = Vec::new();
        fn go(items: &[Inline], b: bool, i: bool, out: &mut Vec<(String, bool, bool)>) {
            for item in items {
                match item {
                    Inline::Text(t) => match out.last_mut() {
                        Some(last) if last.1 == b && last.2 == i => last.0.push_str(t),
                        _ => out.push((t.clone(), b, i)),
                    },
                    Inline::Strong(c) => go(c, true, i, out),
                    Inline::Emphasis(c) => go(c, b, true, out),
                    Inline::Span { children, .. } => go(children, b, i, out),
                }
            }
        }
        go(&self.inlines, false, false, &mut out);
        out
    }

    /// Flatten into runs of one style and one language span, merging neighbours that share
    /// both (the PDF's runs: a span becomes its own structure element).
    pub fn styled_runs(&self) -> Vec<StyledRun> {
        struct Walk {
            out: Vec<StyledRun>,
            spans: usize,
        }
        fn go(items: &[Inline], b: bool, i: bool, span: &Option<(usize, String)>, w: &mut Walk) {
            for item in items {
                match item {
                    Inline::Text(t) => match w.out.last_mut() {
                        Some(last) if last.bold == b && last.italic == i && &last.span == span => {
                            last.text.push_str(t)
                        }
                        _ => w.out.push(StyledRun {
                            text: t.clone(),
                            bold: b,
                            italic: i,
                            span: span.clone(),
                        }),
                    },
                    Inline::Strong(c) => go(c, true, i, span, w),
                    Inline::Emphasis(c) => go(c, b, true, span, w),
                    Inline::Span { lang, children } => {
                        let inner = Some((w.spans, lang.clone()));
                        w.spans += 1;
                        go(children, b, i, &inner, w);
                    }
                }
            }
        }
        let mut w = Walk {
            out: Vec::new(),
            spans: 0,
        };
        go(&self.inlines, false, false, &None, &mut w);
        w.out
    }
}

/// A `[text]{lang=tag}` span found in a source string, by byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LangSpan {
    /// The whole span, `[` to `}`.
    pub range: std::ops::Range<usize>,
    /// The text between the brackets.
    pub content: std::ops::Range<usize>,
    /// The tag as written (without quotes).
    pub tag: std::ops::Range<usize>,
    /// Nesting depth: 0 for a span not inside another.
    pub depth: usize,
}

impl LangSpan {
    pub(crate) fn lang<'s>(&self, source: &'s str) -> &'s str {
        &source[self.tag.clone()]
    }
}

/// The span starting with the `[` at byte `open` of `s`, if the brackets balance and the
/// closing `]` is followed by `{lang=TAG}` or `{lang="TAG"}` (TAG: no space, quote or brace).
fn span_at(s: &str, open: usize) -> Option<LangSpan> {
    let b = s.as_bytes();
    if b.get(open) != Some(&b'[') {
        return None;
    }
    let mut depth = 0usize;
    let mut k = open;
    let close = loop {
        match b.get(k)? {
            b'\\' => {
                k += 2;
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break k;
                }
            }
            _ => {}
        }
        k += 1;
    };
    let rest = s.get(close + 1..)?;
    let attr = rest.strip_prefix("{lang=")?;
    let quoted = attr.starts_with('"');
    let value = if quoted { &attr[1..] } else { attr };
    let len = value
        .find(|c: char| c == '}' || c == '"' || c.is_whitespace())
        .unwrap_or(value.len());
    let after = &value[len..];
    let tail = if quoted {
        after.strip_prefix("\"}")
    } else {
        after.strip_prefix('}')
    }?;
    let tag_start = close + 1 + "{lang=".len() + usize::from(quoted);
    let end = s.len() - tail.len();
    Some(LangSpan {
        range: open..end,
        content: open + 1..close,
        tag: tag_start..tag_start + len,
        depth: 0,
    })
}

/// Every `[text]{lang=tag}` span of a source string, outer before inner, in order.
pub(crate) fn lang_spans(s: &str) -> Vec<LangSpan> {
    fn scan(s: &str, from: usize, to: usize, depth: usize, out: &mut Vec<LangSpan>) {
        let mut k = from;
        while let Some(off) = s.get(k..to).and_then(|r| r.find('[')) {
            let open = k + off;
            // a `[` escaped by a backslash is not a span (as `\*` is not emphasis)
            let escaped = s[from..open]
                .bytes()
                .rev()
                .take_while(|&c| c == b'\\')
                .count()
                % 2
                == 1;
            match span_at(s, open).filter(|sp| !escaped && sp.range.end <= to) {
                Some(mut sp) => {
                    sp.depth = depth;
                    let (c, end) = (sp.content.clone(), sp.range.end);
                    out.push(sp);
                    scan(s, c.start, c.end, depth + 1, out);
                    k = end;
                }
                None => k = open + 1,
            }
        }
    }
    let mut out = Vec::new();
    if s.contains("]{lang=") {
        scan(s, 0, s.len(), 0, &mut out);
    }
    out
}

/// The language of the innermost span holding byte `at` of `s`, given its [`lang_spans`].
pub(crate) fn lang_at<'s>(s: &'s str, spans: &[LangSpan], at: usize) -> Option<&'s str> {
    spans
        .iter()
        .filter(|sp| sp.content.contains(&at))
        .max_by_key(|sp| sp.depth)
        .map(|sp| sp.lang(s))
}

/// True when byte `at` of `s` is inside the `]{lang=..}` markup of a span (not text).
pub(crate) fn in_span_markup(spans: &[LangSpan], at: usize) -> bool {
    spans
        .iter()
        .any(|sp| sp.range.contains(&at) && !sp.content.contains(&at))
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(RichText::parse(&s))
    }
}

/// A piece of a paragraph while emphasis is being matched.
enum Item {
    Text(String),
    /// A run of `*`: how many are left, and whether it may open / close (CommonMark's
    /// left- and right-flanking rules).
    Delim {
        n: usize,
        open: bool,
        close: bool,
        len: usize,
    },
    Node(Inline),
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Parse the markup subset with CommonMark's rules for `*`: a run next to whitespace on the
/// side it would open or close is literal (`2 * 3`), `***x***` is bold italic, runs are
/// matched with the "multiple of 3" rule. Never fails: anything unmatched is literal text.
// Long because it is CommonMark's scan in one loop: escapes, language spans and `*` runs are
// recognised at the same position, and the delimiter list it builds is processed below.
pub(crate) fn parse_inlines(s: &str) -> Vec<Inline> {
    let chars: Vec<char> = s.chars().collect();
    // top-level language spans, by byte offset of their `[`
    let spans: Vec<LangSpan> = lang_spans(s)
        .into_iter()
        .filter(|sp| sp.depth == 0)
        .collect();
    let mut next_span = spans.iter().peekable();
    // byte offset of each character (only needed when the text may hold a span)
    let may_span = s.contains("]{lang=");
    let offs: Vec<usize> = match may_span {
        true => s.char_indices().map(|(i, _)| i).collect(),
        false => Vec::new(),
    };
    let mut items: Vec<Item> = Vec::new();
    let mut text = String::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if may_span {
            // (a span whose `[` was taken by an escape is passed over)
            while next_span.next_if(|sp| sp.range.start < offs[k]).is_some() {}
        }
        if let Some(sp) = next_span.next_if(|sp| sp.range.start == offs[k]) {
            if !text.is_empty() {
                items.push(Item::Text(std::mem::take(&mut text)));
            }
            items.push(Item::Node(Inline::Span {
                lang: sp.lang(s).to_string(),
                children: parse_inlines(&s[sp.content.clone()]),
            }));
            while k < chars.len() && offs[k] < sp.range.end {
                k += 1;
            }
            continue;
        }
        // `\[text]{lang=fr}`: the brackets are literal text
        if may_span
            && c == '\\'
            && chars.get(k + 1) == Some(&'[')
            && span_at(s, offs[k + 1]).is_some()
        {
            text.push('[');
            k += 2;
            continue;
        }
        if c == '\\' && matches!(chars.get(k + 1), Some('*' | '\\')) {
            text.push(chars[k + 1]);
            k += 2;
            continue;
        }
        if c != '*' {
            text.push(c);
            k += 1;
            continue;
        }
        let start = k;
        while k < chars.len() && chars[k] == '*' {
            k += 1;
        }
        let before = if start == 0 {
            None
        } else {
            chars.get(start - 1).copied()
        };
        let after = chars.get(k).copied();
        let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let punct = |c: Option<char>| c.is_some_and(is_punct);
        let left = !ws(after) && (!punct(after) || ws(before) || punct(before));
        let right = !ws(before) && (!punct(before) || ws(after) || punct(after));
        if !text.is_empty() {
            items.push(Item::Text(std::mem::take(&mut text)));
        }
        items.push(Item::Delim {
            n: k - start,
            open: left,
            close: right,
            len: k - start,
        });
    }
    if !text.is_empty() {
        items.push(Item::Text(text));
    }
    process_emphasis(&mut items);
    let mut out: Vec<Inline> = Vec::new();
    for item in items {
        push(&mut out, item);
    }
    out
}

/// Append an item to a list of inlines, turning leftover delimiters into literal stars and
/// merging neighbouring text.
fn push(out: &mut Vec<Inline>, item: Item) {
    let t = match item {
        Item::Text(t) => t,
        Item::Delim { n, .. } => "*".repeat(n),
        Item::Node(node) => {
            out.push(node);
            return;
        }
    };
    if t.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text(prev)) => prev.push_str(&t),
        _ => out.push(Inline::Text(t)),
    }
}

/// CommonMark's "process emphasis" for one kind of delimiter (`*`).
// Long because it is CommonMark's "process emphasis" algorithm as the specification writes
// it (openers bottom, the multiple-of-3 rule, closing), kept in one piece to compare with it.
fn process_emphasis(items: &mut Vec<Item>) {
    // lowest index worth searching for an opener, per (closer can open, closer len % 3)
    let mut bottom = [[0usize; 3]; 2];
    let mut i = 0;
    while i < items.len() {
        let (n, open, close, len) = match items[i] {
            Item::Delim {
                n,
                open,
                close,
                len,
            } if close && n > 0 => (n, open, close, len),
            _ => {
                i += 1;
                continue;
            }
        };
        let _ = close;
        let floor = bottom[usize::from(open)][len % 3];
        let mut found = None;
        let mut j = i;
        while j > floor {
            j -= 1;
            if let Item::Delim {
                n: on,
                open: o_open,
                close: o_close,
                len: olen,
            } = items[j]
                && o_open
                && on > 0
            {
                let odd =
                    (open || o_close) && (olen + len) % 3 == 0 && !(olen % 3 == 0 && len % 3 == 0);
                if !odd {
                    found = Some((j, on));
                    break;
                }
            }
        }
        let Some((j, on)) = found else {
            bottom[usize::from(open)][len % 3] = i;
            i += 1;
            continue;
        };
        let used = if on >= 2 && n >= 2 { 2 } else { 1 };
        let inner: Vec<Item> = items.drain(j + 1..i).collect();
        let mut children = Vec::new();
        for item in inner {
            push(&mut children, item);
        }
        let node = if used == 2 {
            Inline::Strong(children)
        } else {
            Inline::Emphasis(children)
        };
        items.insert(j + 1, Item::Node(node));
        // the closer is now at j + 2
        let mut closer = j + 2;
        if let Item::Delim { n, .. } = &mut items[j] {
            *n -= used;
        }
        if let Item::Delim { n, .. } = &mut items[closer] {
            *n -= used;
        }
        if matches!(items[j], Item::Delim { n: 0, .. }) {
            items.remove(j);
            closer -= 1;
        }
        if matches!(items[closer], Item::Delim { n: 0, .. }) {
            items.remove(closer);
            i = closer;
        } else {
            i = closer;
        }
        for row in &mut bottom {
            for b in row.iter_mut() {
                *b = (*b).min(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn t(s: &str) -> Inline {
        Text(s.to_string())
    }

    #[test]
    fn bold_italic_and_nesting() {
        assert_eq!(
            parse_inlines("a **b *c* d** e"),
            vec![
                t("a "),
                Strong(vec![t("b "), Emphasis(vec![t("c")]), t(" d")]),
                t(" e")
            ]
        );
    }

    #[test]
    fn unmatched_and_escaped_stars_are_literal() {
        assert_eq!(parse_inlines("2 * 3 = 6"), vec![t("2 * 3 = 6")]);
        assert_eq!(parse_inlines(r"\*not\* bold"), vec![t("*not* bold")]);
        assert_eq!(parse_inlines("**open"), vec![t("**open")]);
    }

    #[test]
    fn commonmark_flanking_rules() {
        assert_eq!(
            parse_inlines("Use 2 * 3 drops * daily"),
            vec![t("Use 2 * 3 drops * daily")]
        );
        assert_eq!(
            parse_inlines("***x***"),
            vec![Emphasis(vec![Strong(vec![t("x")])])]
        );
        assert_eq!(parse_inlines("****"), vec![t("****")]);
        assert_eq!(
            parse_inlines("a *b* c"),
            vec![t("a "), Emphasis(vec![t("b")]), t(" c")]
        );
        assert_eq!(
            parse_inlines("**bold** and *it*."),
            vec![
                Strong(vec![t("bold")]),
                t(" and "),
                Emphasis(vec![t("it")]),
                t(".")
            ]
        );
        assert_eq!(parse_inlines("snake_*case *x"), vec![t("snake_*case *x")]);
    }

    #[test]
    fn every_character_survives() {
        for s in [
            "a ** b",
            "*a **b* c**",
            "***",
            "x*y*z",
            "** **",
            "*a**b*",
            "**a*",
        ] {
            let plain = RichText::parse(s).plain();
            assert_eq!(plain.replace('*', ""), s.replace('*', ""), "{s} -> {plain}");
        }
    }

    #[test]
    fn plain_and_runs() {
        let r = RichText::parse("**Standard**: text *it*");
        assert_eq!(r.plain(), "Standard: text it");
        assert_eq!(
            r.runs(),
            vec![
                ("Standard".into(), true, false),
                (": text ".into(), false, false),
                ("it".into(), false, true)
            ]
        );
    }

    fn span(lang: &str, children: Vec<Inline>) -> Inline {
        Span {
            lang: lang.to_string(),
            children,
        }
    }

    #[test]
    fn bracketed_spans_state_a_language() {
        assert_eq!(
            parse_inlines("Say [bonjour *à tous*]{lang=fr} now"),
            vec![
                t("Say "),
                span("fr", vec![t("bonjour "), Emphasis(vec![t("à tous")])]),
                t(" now")
            ]
        );
        // quoted tag, emphasis around a span, a nested span
        assert_eq!(
            parse_inlines(r#"*[שלום]{lang="he"}* and [a [b]{lang=de} c]{lang=fr}"#),
            vec![
                Emphasis(vec![span("he", vec![t("שלום")])]),
                t(" and "),
                span("fr", vec![t("a "), span("de", vec![t("b")]), t(" c")]),
            ]
        );
        // brackets without the attribute, or escaped, stay literal
        assert_eq!(
            parse_inlines("[see below] {lang=fr}"),
            vec![t("[see below] {lang=fr}")]
        );
        assert_eq!(parse_inlines("[x]{class=y}"), vec![t("[x]{class=y}")]);
        assert_eq!(parse_inlines(r"\[x]{lang=fr}"), vec![t("[x]{lang=fr}")]);
        assert_eq!(
            parse_inlines("[unclosed]{lang=fr"),
            vec![t("[unclosed]{lang=fr")]
        );
        let r = RichText::parse("A [b **c**]{lang=fr} d [e]{lang=fr}");
        assert_eq!(r.plain(), "A b c d e");
        let runs: Vec<(String, bool, Option<usize>)> = r
            .styled_runs()
            .into_iter()
            .map(|x| (x.text, x.bold, x.span.map(|s| s.0)))
            .collect();
        assert_eq!(
            runs,
            vec![
                ("A ".into(), false, None),
                ("b ".into(), false, Some(0)),
                ("c".into(), true, Some(0)),
                (" d ".into(), false, None),
                ("e".into(), false, Some(1)),
            ]
        );
    }

    #[test]
    fn span_offsets_for_the_linter() {
        let s = "Le [mot [Wort]{lang=de}]{lang=\"fr\"} x";
        let spans = lang_spans(s);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].lang(s), "fr");
        assert_eq!(&s[spans[0].content.clone()], "mot [Wort]{lang=de}");
        assert_eq!(spans[1].lang(s), "de");
        let at = |w: &str| s.find(w).unwrap();
        assert_eq!(lang_at(s, &spans, at("mot")), Some("fr"));
        assert_eq!(lang_at(s, &spans, at("Wort")), Some("de"));
        assert_eq!(lang_at(s, &spans, at("Le")), None);
        assert!(in_span_markup(&spans, at("lang=de")));
        assert!(!in_span_markup(&spans, at("Wort")));
    }
}

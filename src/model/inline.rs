//! Inline markup, parsed once into a typed tree that every backend shares.
//!
//! The subset (documented in README): `**bold**`, `*italic*`, nesting of the two,
//! and `\*` / `\\` escapes, with CommonMark's flanking rules for `*`. An unmatched or
//! space-surrounded `*` stays literal text.

use serde::{Deserialize, Deserializer};

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
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
                    Inline::Strong(c) | Inline::Emphasis(c) => go(c, out),
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
                }
            }
        }
        go(&self.inlines, false, false, &mut out);
        out
    }
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
pub(crate) fn parse_inlines(s: &str) -> Vec<Inline> {
    let chars: Vec<char> = s.chars().collect();
    let mut items: Vec<Item> = Vec::new();
    let mut text = String::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
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
}

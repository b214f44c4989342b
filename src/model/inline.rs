//! Inline markup, parsed once into a typed tree that every backend shares.
//!
//! The subset (documented in README): `**bold**`, `*italic*`, nesting of the two,
//! and `\*` / `\\` escapes. An unmatched `*` or `**` stays literal text.

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
}

impl RichText {
    pub fn parse(source: &str) -> Self {
        RichText {
            source: source.to_string(),
            inlines: parse_inlines(source),
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

#[derive(Clone, Copy, PartialEq)]
enum Tok {
    Star2,
    Star1,
}

/// Parse the markup subset. Never fails: anything unmatched is literal text.
pub fn parse_inlines(s: &str) -> Vec<Inline> {
    // Tokenise into text pieces and delimiter runs, then match delimiters with a stack.
    enum Piece {
        Text(String),
        Delim(Tok),
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('*' | '\\')) => {
                text.push(chars.next().unwrap_or('\\'))
            }
            '*' => {
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                if chars.peek() == Some(&'*') {
                    chars.next();
                    pieces.push(Piece::Delim(Tok::Star2));
                } else {
                    pieces.push(Piece::Delim(Tok::Star1));
                }
            }
            _ => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    // stack of (delimiter, children collected since it opened)
    let mut stack: Vec<(Option<Tok>, Vec<Inline>)> = vec![(None, Vec::new())];
    let push_text = |v: &mut Vec<Inline>, t: &str| match v.last_mut() {
        Some(Inline::Text(prev)) => prev.push_str(t),
        _ => v.push(Inline::Text(t.to_string())),
    };
    for piece in pieces {
        match piece {
            Piece::Text(t) => push_text(&mut stack.last_mut().expect("root").1, &t),
            Piece::Delim(tok) => {
                if let Some(pos) = stack.iter().rposition(|(d, _)| *d == Some(tok)) {
                    // close: unwind anything opened after it as literal text
                    while stack.len() > pos + 1 {
                        let (d, children) = stack.pop().expect("len checked");
                        let parent = &mut stack.last_mut().expect("root").1;
                        push_text(parent, delim_str(d));
                        for c in children {
                            match c {
                                Inline::Text(t) => push_text(parent, &t),
                                other => parent.push(other),
                            }
                        }
                    }
                    let (_, children) = stack.pop().expect("len checked");
                    let node = if tok == Tok::Star2 {
                        Inline::Strong(children)
                    } else {
                        Inline::Emphasis(children)
                    };
                    stack.last_mut().expect("root").1.push(node);
                } else {
                    stack.push((Some(tok), Vec::new()));
                }
            }
        }
    }
    while stack.len() > 1 {
        let (d, children) = stack.pop().expect("len checked");
        let parent = &mut stack.last_mut().expect("root").1;
        push_text(parent, delim_str(d));
        for c in children {
            match c {
                Inline::Text(t) => push_text(parent, &t),
                other => parent.push(other),
            }
        }
    }
    stack.pop().map(|(_, v)| v).unwrap_or_default()
}

fn delim_str(d: Option<Tok>) -> &'static str {
    match d {
        Some(Tok::Star2) => "**",
        Some(Tok::Star1) => "*",
        None => "",
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

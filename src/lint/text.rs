//! The prose of a guide as lint sees it: text units (headings, paragraphs, list items,
//! callouts) with their JSON Pointer and a mapping from value offsets to source bytes;
//! plus the word and sentence tokenisers every rule shares.

use crate::diag::Location;
use crate::load::{Node, NodeKind, ScalarStyle, SourceFile};
use crate::model::{Block, Guide, RichText};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    GuideTitle,
    /// A section or subsection title.
    Heading,
    /// The optional title of a callout (not part of the section outline).
    CalloutTitle,
    Paragraph,
    ListItem,
    Callout,
    Meta,
}

/// One piece of prose.
pub struct Unit<'a> {
    pub kind: UnitKind,
    /// JSON Pointer of the string.
    pub pointer: String,
    /// Pointer of the enclosing block (for suppression comments).
    pub block_pointer: String,
    /// The string exactly as in YAML (markup included).
    pub text: &'a str,
    /// Top-level section index; `None` for the introduction and guide metadata.
    pub section: Option<usize>,
    /// Nesting depth of a heading (1 = section); 0 otherwise.
    pub depth: usize,
    /// The guide's YAML tree; the unit's node is looked up only when a finding needs it.
    root: &'a Node,
    node: OnceLock<Option<&'a Node>>,
    offsets: OnceLock<Vec<usize>>,
    words: OnceLock<Vec<Word<'a>>>,
}

impl<'a> Unit<'a> {
    /// The YAML scalar node holding this text.
    pub fn node(&self) -> Option<&'a Node> {
        *self.node.get_or_init(|| {
            let (node, _, found) = self.root.walk_pointer(&self.pointer);
            found.then_some(node)
        })
    }

    /// The words of the text, tokenised once and shared by every rule.
    pub fn words(&self) -> &[Word<'a>] {
        self.words.get_or_init(|| words(self.text))
    }

    /// Source location of a byte range of `text`.
    pub fn locate(&self, src: &SourceFile, start: usize, end: usize) -> Location {
        let Some(node) = self.node() else {
            return src.location(0, 0);
        };
        let map = self
            .offsets
            .get_or_init(|| align(&src.text, node, self.text));
        let s = map.get(start).copied().unwrap_or(node.start);
        // end: just past the source bytes of the last character in the range
        let e = match self
            .text
            .get(start..end)
            .and_then(|r| r.chars().next_back())
        {
            Some(last) => {
                let last_start = end - last.len_utf8();
                map.get(last_start)
                    .map_or(node.start + 1, |&o| o + last.len_utf8())
            }
            None => s,
        };
        src.location(s, e.max(s))
    }

    /// True when `range` of the value maps to exactly the same bytes in the source,
    /// so an edit can be applied there safely.
    pub fn verbatim(&self, src: &SourceFile, start: usize, end: usize) -> bool {
        let loc = self.locate(src, start, end);
        src.text.get(loc.start..loc.end) == self.text.get(start..end)
    }
}

/// Map each byte offset of `value` to a byte offset in `src` by walking the scalar's
/// source text alongside it (folding and indentation are whitespace on both sides).
/// Offsets that cannot be aligned (escapes) map to the scalar's start.
fn align(src: &str, node: &Node, value: &str) -> Vec<usize> {
    let mut map = vec![node.start; value.len() + 1];
    let region = src.get(node.start..node.end.min(src.len())).unwrap_or("");
    let style = match &node.kind {
        NodeKind::Scalar { style, .. } => *style,
        _ => return map,
    };
    // saphyr's span of a block scalar starts at its content; of a quoted one, at the quote
    let mut j = match style {
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => 1,
        _ => 0,
    };
    let rb = region.as_bytes();
    for (i, c) in value.char_indices() {
        loop {
            let Some(sc) = region.get(j..).and_then(|r| r.chars().next()) else {
                return map;
            };
            if sc == c {
                for k in 0..c.len_utf8() {
                    map[i + k] = node.start + j + k;
                }
                j += sc.len_utf8();
                break;
            }
            if c.is_whitespace() && sc.is_whitespace() {
                map[i] = node.start + j;
                while j < rb.len() && (rb[j] as char).is_ascii_whitespace() {
                    j += 1;
                }
                break;
            }
            if sc.is_whitespace() || (style == ScalarStyle::SingleQuoted && sc == '\'') {
                j += sc.len_utf8();
                continue;
            }
            return map;
        }
    }
    map[value.len()] = node.start + j;
    map
}

/// Collect every text unit of a guide in reading order.
pub fn units<'a>(guide: &'a Guide, root: &'a Node) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    let mut push = |kind, pointer: String, block_pointer: String, text: &'a str, section, depth| {
        out.push(Unit {
            kind,
            root,
            node: OnceLock::new(),
            pointer,
            block_pointer,
            text,
            section,
            depth,
            offsets: OnceLock::new(),
            words: OnceLock::new(),
        });
    };
    push(
        UnitKind::GuideTitle,
        "/title".into(),
        "/title".into(),
        &guide.title,
        None,
        0,
    );
    if let Some(s) = &guide.subtitle {
        push(
            UnitKind::Meta,
            "/subtitle".into(),
            "/subtitle".into(),
            s,
            None,
            0,
        );
    }
    if let Some(s) = &guide.summary {
        push(
            UnitKind::Meta,
            "/summary".into(),
            "/summary".into(),
            &s.source,
            None,
            0,
        );
    }
    if let Some(s) = &guide.disclaimer {
        push(
            UnitKind::Meta,
            "/disclaimer".into(),
            "/disclaimer".into(),
            &s.source,
            None,
            0,
        );
    }
    let blocks =
        |blocks: &'a [Block],
         base: &str,
         section: Option<usize>,
         push: &mut dyn FnMut(UnitKind, String, String, &'a str, Option<usize>, usize)| {
            for (k, b) in blocks.iter().enumerate() {
                let bp = format!("{base}/{k}");
                match b {
                    Block::Paragraph(t) => push(
                        UnitKind::Paragraph,
                        format!("{bp}/paragraph"),
                        bp.clone(),
                        &t.source,
                        section,
                        0,
                    ),
                    Block::Ordered(items) | Block::Bullets(items) => {
                        let key = if matches!(b, Block::Ordered(_)) {
                            "ordered"
                        } else {
                            "bullets"
                        };
                        for (m, it) in items.iter().enumerate() {
                            push(
                                UnitKind::ListItem,
                                format!("{bp}/{key}/{m}"),
                                bp.clone(),
                                &it.source,
                                section,
                                0,
                            );
                        }
                    }
                    Block::Callout(c) => {
                        if let Some(t) = &c.title {
                            push(
                                UnitKind::CalloutTitle,
                                format!("{bp}/callout/title"),
                                bp.clone(),
                                t,
                                section,
                                0,
                            );
                        }
                        push(
                            UnitKind::Callout,
                            format!("{bp}/callout/text"),
                            bp.clone(),
                            &c.text.source,
                            section,
                            0,
                        );
                    }
                }
            }
        };
    blocks(&guide.introduction, "/introduction", None, &mut push);
    for s in guide.walk_sections() {
        push(
            UnitKind::Heading,
            format!("{}/title", s.pointer),
            format!("{}/title", s.pointer),
            &s.section.title,
            Some(s.top),
            s.depth,
        );
        blocks(
            &s.section.blocks,
            &format!("{}/blocks", s.pointer),
            Some(s.top),
            &mut push,
        );
    }
    out
}

/// A word of text and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\'' | '’' | '-' | '\u{AD}')
        || (c as u32 >= 0x300 && (c as u32) < 0x370)
}

/// Split text into words (letters, digits, inner apostrophes and hyphens), skipping URLs and e-mail addresses.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut skip_until = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if i < skip_until || !is_word_char(c) {
            continue;
        }
        // URL or e-mail: skip to the next whitespace
        let rest = &text[i..];
        let token_end = rest.find(char::is_whitespace).map_or(text.len(), |e| i + e);
        let token = &text[i..token_end];
        if token.starts_with("http://")
            || token.starts_with("https://")
            || token.starts_with("www.")
            || (token.contains('@') && token.contains('.'))
        {
            skip_until = token_end;
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // trim leading/trailing apostrophes and hyphens
        let raw = &text[i..end];
        let lead = raw.len() - raw.trim_start_matches(['\'', '’', '-']).len();
        let trimmed = raw.trim_matches(['\'', '’', '-']);
        if !trimmed.is_empty() {
            out.push(Word {
                text: trimmed,
                start: i + lead,
                end: i + lead + trimmed.len(),
            });
        }
    }
    out
}

/// Split text into sentences: byte ranges ending after `.`, `!` or `?` followed by
/// whitespace and an upper-case letter, a digit or a quote (or the end).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut m = k + 1;
        while m < chars.len() && matches!(chars[m].1, '"' | '”' | '’' | ')' | '*') {
            m += 1;
        }
        let end = chars.get(m).map_or(text.len(), |x| x.0);
        if m >= chars.len() {
            continue;
        }
        if !chars[m].1.is_whitespace() {
            continue;
        }
        let mut n = m;
        while n < chars.len() && chars[n].1.is_whitespace() {
            n += 1;
        }
        if n < chars.len()
            && (chars[n].1.is_uppercase()
                || chars[n].1.is_ascii_digit()
                || matches!(chars[n].1, '"' | '“' | '*'))
        {
            // not after common abbreviations
            let before = &text[start..i];
            let last = before
                .rsplit(|ch: char| ch.is_whitespace())
                .next()
                .unwrap_or("");
            if matches!(
                last,
                "e.g" | "i.e" | "Dr" | "Mr" | "Mrs" | "Ms" | "vs" | "etc" | "St"
            ) {
                continue;
            }
            out.push((start, end));
            start = chars[n].0;
        }
    }
    if text[start..].trim().is_empty() {
        return out;
    }
    out.push((start, text.trim_end().len().max(start)));
    out
}

/// Plain text of a markup string (for rules that do not need offsets).
pub fn plain(text: &str) -> String {
    RichText::parse(text).plain()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_and_hyphens_and_skip_urls() {
        let ws: Vec<&str> = words("The skin’s micro-channels, see https://x.org/a-b and 24 hours.")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            ws,
            vec![
                "The",
                "skin’s",
                "micro-channels",
                "see",
                "and",
                "24",
                "hours"
            ]
        );
    }

    #[test]
    fn sentences_split_on_terminal_punctuation() {
        let t = "One is here. Two, e.g. this one? Three.";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(s, vec!["One is here.", "Two, e.g. this one?", "Three."]);
    }
}

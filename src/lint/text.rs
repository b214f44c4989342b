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

/// Which part of a block a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Paragraph,
    Ordered(usize),
    Bullets(usize),
    CalloutTitle,
    CalloutText,
}

/// Where a unit lives in the guide, typed; a JSON Pointer is made from it only for output
/// and for finding its YAML node.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UnitId {
    Title,
    Subtitle,
    Summary,
    Disclaimer,
    /// A section's title, by its path of section indexes (`[2, 0]`: /sections/2/sections/0).
    Heading(Vec<usize>),
    /// Part of a block of the introduction (`section: None`) or of a section.
    Block {
        section: Option<Vec<usize>>,
        block: usize,
        part: Part,
    },
}

fn section_pointer(path: &[usize]) -> String {
    path.iter().map(|i| format!("/sections/{i}")).collect()
}

impl UnitId {
    /// The JSON Pointer of the enclosing block (suppression comments sit above it).
    pub fn block_pointer(&self) -> String {
        match self {
            UnitId::Block {
                section: None,
                block,
                ..
            } => format!("/introduction/{block}"),
            UnitId::Block {
                section: Some(path),
                block,
                ..
            } => format!("{}/blocks/{block}", section_pointer(path)),
            other => other.pointer(),
        }
    }

    /// The JSON Pointer of the string.
    pub fn pointer(&self) -> String {
        match self {
            UnitId::Title => "/title".into(),
            UnitId::Subtitle => "/subtitle".into(),
            UnitId::Summary => "/summary".into(),
            UnitId::Disclaimer => "/disclaimer".into(),
            UnitId::Heading(path) => format!("{}/title", section_pointer(path)),
            UnitId::Block { part, .. } => {
                let tail = match part {
                    Part::Paragraph => "/paragraph".to_string(),
                    Part::Ordered(m) => format!("/ordered/{m}"),
                    Part::Bullets(m) => format!("/bullets/{m}"),
                    Part::CalloutTitle => "/callout/title".to_string(),
                    Part::CalloutText => "/callout/text".to_string(),
                };
                self.block_pointer() + &tail
            }
        }
    }
}

/// One piece of prose.
pub struct Unit<'a> {
    pub kind: UnitKind,
    /// Where it is in the guide.
    pub id: UnitId,
    /// The string exactly as in YAML (markup included).
    pub text: &'a str,
    /// Top-level section index; `None` for the introduction and guide metadata.
    pub section: Option<usize>,
    /// Nesting depth of a heading (1 = section); 0 otherwise.
    pub depth: usize,
    /// The guide's YAML tree; the unit's node is looked up only when a finding needs it.
    root: &'a Node,
    node: OnceLock<Option<&'a Node>>,
    offsets: OnceLock<OffsetMap>,
    words: OnceLock<Vec<Word<'a>>>,
}

impl<'a> Unit<'a> {
    /// The YAML scalar node holding this text.
    pub fn node(&self) -> Option<&'a Node> {
        *self.node.get_or_init(|| {
            let (node, _, found) = self.root.walk_pointer(&self.id.pointer());
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
        let s = map.get(start).unwrap_or(node.start);
        // end: just past the source bytes of the last character in the range
        let e = match self
            .text
            .get(start..end)
            .and_then(|r| r.chars().next_back())
        {
            Some(last) => {
                let last_start = end - last.len_utf8();
                map.get(last_start)
                    .map_or(node.start + 1, |o| o + last.len_utf8())
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

/// Where each byte offset `0..=len` of a value is in the source, stored as runs of
/// consecutive offsets (a one-line scalar is one run, a folded one a run per line) instead
/// of one number per byte: a guide with 200k findings located in 50k paragraphs kept
/// ~30 MB of per-byte maps. Offsets no run covers map to `unaligned` (the scalar's start).
#[derive(Debug)]
struct OffsetMap {
    len: usize,
    unaligned: usize,
    /// (first value offset, its source offset, length), sorted, not overlapping.
    runs: Vec<(usize, usize, usize)>,
}

impl OffsetMap {
    fn new(len: usize, unaligned: usize) -> Self {
        OffsetMap {
            len,
            unaligned,
            runs: Vec::new(),
        }
    }

    /// Map value offset `i` to source offset `to` (offsets are set in increasing order).
    fn set(&mut self, i: usize, to: usize) {
        if let Some((v, s, n)) = self.runs.last_mut()
            && *v + *n == i
            && *s + *n == to
        {
            *n += 1;
            return;
        }
        self.runs.push((i, to, 1));
    }

    /// The source offset of value offset `i`; `None` past the end of the value.
    fn get(&self, i: usize) -> Option<usize> {
        if i >= self.len {
            return None;
        }
        let k = self.runs.partition_point(|&(v, _, _)| v <= i);
        Some(match k.checked_sub(1).map(|k| self.runs[k]) {
            Some((v, s, n)) if i < v + n => s + (i - v),
            _ => self.unaligned,
        })
    }
}

/// Map each byte offset of `value` to a byte offset in `src` by walking the scalar's
/// source text alongside it (folding and indentation are whitespace on both sides).
/// Offsets that cannot be aligned (escapes) map to the scalar's start.
fn align(src: &str, node: &Node, value: &str) -> OffsetMap {
    let mut map = OffsetMap::new(value.len() + 1, node.start);
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
                    map.set(i + k, node.start + j + k);
                }
                j += sc.len_utf8();
                break;
            }
            if c.is_whitespace() && sc.is_whitespace() {
                map.set(i, node.start + j);
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
    map.set(value.len(), node.start + j);
    map
}

/// Collect every text unit of a guide in reading order.
pub fn units<'a>(guide: &'a Guide, root: &'a Node) -> Vec<Unit<'a>> {
    let mut out = Vec::new();
    let mut push = |kind, id: UnitId, text: &'a str, section, depth| {
        out.push(Unit {
            kind,
            root,
            node: OnceLock::new(),
            id,
            text,
            section,
            depth,
            offsets: OnceLock::new(),
            words: OnceLock::new(),
        });
    };
    push(UnitKind::GuideTitle, UnitId::Title, &guide.title, None, 0);
    if let Some(s) = &guide.subtitle {
        push(UnitKind::Meta, UnitId::Subtitle, s, None, 0);
    }
    if let Some(s) = &guide.summary {
        push(UnitKind::Meta, UnitId::Summary, &s.source, None, 0);
    }
    if let Some(s) = &guide.disclaimer {
        push(UnitKind::Meta, UnitId::Disclaimer, &s.source, None, 0);
    }
    let blocks =
        |blocks: &'a [Block],
         path: Option<&[usize]>,
         section: Option<usize>,
         push: &mut dyn FnMut(UnitKind, UnitId, &'a str, Option<usize>, usize)| {
            for (k, b) in blocks.iter().enumerate() {
                let id = |part| UnitId::Block {
                    section: path.map(<[usize]>::to_vec),
                    block: k,
                    part,
                };
                match b {
                    Block::Paragraph(t) => push(
                        UnitKind::Paragraph,
                        id(Part::Paragraph),
                        &t.source,
                        section,
                        0,
                    ),
                    Block::Ordered(items) | Block::Bullets(items) => {
                        let ordered = matches!(b, Block::Ordered(_));
                        for (m, it) in items.iter().enumerate() {
                            let part = if ordered {
                                Part::Ordered(m)
                            } else {
                                Part::Bullets(m)
                            };
                            push(UnitKind::ListItem, id(part), &it.source, section, 0);
                        }
                    }
                    Block::Callout(c) => {
                        if let Some(t) = &c.title {
                            push(
                                UnitKind::CalloutTitle,
                                id(Part::CalloutTitle),
                                t,
                                section,
                                0,
                            );
                        }
                        push(
                            UnitKind::Callout,
                            id(Part::CalloutText),
                            &c.text.source,
                            section,
                            0,
                        );
                    }
                }
            }
        };
    blocks(&guide.introduction, None, None, &mut push);
    for s in guide.walk_sections() {
        push(
            UnitKind::Heading,
            UnitId::Heading(s.path.clone()),
            &s.section.title,
            Some(s.top),
            s.depth,
        );
        blocks(&s.section.blocks, Some(&s.path), Some(s.top), &mut push);
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

/// True when a token is a bare domain name or a path on one (`nhs.uk`, `nhs.uk/conditions`,
/// `medlineplus.gov`): labels of letters, digits and hyphens joined by dots, the last a
/// common top-level domain.
fn domain_name(token: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "gov", "edu", "int", "mil", "info", "io", "uk", "us", "ca", "au",
        "nz", "ie", "eu",
    ];
    // most tokens have no dot: no domain (checked before anything else, for speed)
    if !token.contains('.') {
        return false;
    }
    let host = token
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/')
        .split('/')
        .next()
        .unwrap_or("");
    let Some((_, tld)) = host.rsplit_once('.') else {
        return false;
    };
    host.split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
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
            || domain_name(token)
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
    fn bare_domain_names_are_not_words() {
        let ws: Vec<&str> =
            words("Visit nhs.uk/conditions or medlineplus.gov. See e.g. the U.S. page, end.")
                .iter()
                .map(|w| w.text)
                .collect();
        assert_eq!(
            ws,
            vec![
                "Visit", "or", "See", "e", "g", "the", "U", "S", "page", "end"
            ]
        );
    }

    /// The per-byte map `align` used to return (one number per value byte), kept here as
    /// the reference the run-length [`OffsetMap`] must agree with.
    fn align_per_byte(src: &str, node: &Node, value: &str) -> Vec<usize> {
        let mut map = vec![node.start; value.len() + 1];
        let region = src.get(node.start..node.end.min(src.len())).unwrap_or("");
        let style = match &node.kind {
            NodeKind::Scalar { style, .. } => *style,
            _ => return map,
        };
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

    /// Every offset of every unit (plain, folded, literal, quoted with escapes and doubled
    /// quotes, multi-byte letters and spaces) maps where the per-byte map put it.
    #[test]
    fn run_length_offsets_match_the_per_byte_map() {
        let yaml = crate::lint::testing::guide(
            "summary: >\n  Folded text\n  over   two lines, caf\u{e9}.\n",
            &crate::lint::testing::section(
                "a",
                "\"Quoted \\\"title\\\" with \\u00e9scape\"",
                concat!(
                    "      - paragraph: 'It''s a plain\n          continued line'\n",
                    "      - paragraph: |\n          Literal line one\n          line\u{a0}two \u{2014} end\n",
                    "      - bullets: [plain item, \"tab\\there\", 'x''y''z']\n",
                    "      - paragraph: Plain text with    spaces and \u{e9}\u{e8}, accented\n",
                ),
            ),
        );
        let o = crate::validate::validate_source(SourceFile::new("t.yaml", yaml, false));
        let doc = o.document.expect("the test guide validates");
        let mut checked = 0;
        for u in units(&doc.guide, &doc.root) {
            let Some(node) = u.node() else { continue };
            let runs = align(&doc.source.text, node, u.text);
            let bytes = align_per_byte(&doc.source.text, node, u.text);
            for i in 0..bytes.len() + 2 {
                assert_eq!(runs.get(i), bytes.get(i).copied(), "{:?} at {i}", u.text);
            }
            checked += 1;
        }
        assert!(checked >= 8, "units checked: {checked}");
    }

    #[test]
    fn sentences_split_on_terminal_punctuation() {
        let t = "One is here. Two, e.g. this one? Three.";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(s, vec!["One is here.", "Two, e.g. this one?", "Three."]);
    }
}

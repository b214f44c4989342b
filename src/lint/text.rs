//! The prose of a guide as lint sees it: text units (headings, paragraphs, list items,
//! callouts) with their JSON Pointer and a mapping from value offsets to source bytes.
//! The word and sentence tokenisers every rule shares live below lint, in `crate::text`.

use crate::diag::Location;
use crate::load::{Node, OffsetMap, SourceFile, align};
use crate::model::{Block, Guide};
use std::sync::OnceLock;

pub(crate) use crate::text::{Word, plain, sentences, words};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitKind {
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
pub(crate) enum UnitId {
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
    pub(crate) fn block_pointer(&self) -> String {
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
    pub(crate) fn pointer(&self) -> String {
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
pub(crate) struct Unit<'a> {
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
    sentences: OnceLock<Vec<(usize, usize)>>,
    /// Whether the text may hold a language span (`]{`): its sentences are tokenised alone.
    span_markup: OnceLock<bool>,
    /// Per word of `words`: whether it is notation (see [`Unit::word_notation`]).
    notation: OnceLock<Vec<OnceLock<bool>>>,
}

impl<'a> Unit<'a> {
    /// The YAML scalar node holding this text.
    pub(crate) fn node(&self) -> Option<&'a Node> {
        *self.node.get_or_init(|| {
            let (node, _, found) = self.root.walk_pointer(&self.id.pointer());
            found.then_some(node)
        })
    }

    /// The words of the text, tokenised once and shared by every rule.
    pub(crate) fn words(&self) -> &[Word<'a>] {
        self.words.get_or_init(|| words(self.text))
    }

    /// The sentences of the text (byte ranges), split once and shared by every rule.
    pub(crate) fn sentences(&self) -> &[(usize, usize)] {
        self.sentences.get_or_init(|| sentences(self.text))
    }

    /// The words of the byte range `start..end` of the text (a sentence), as
    /// `words(&text[start..end])` gives them with offsets into the whole text: the unit's own
    /// words inside the range, without tokenising again. A text with a language span
    /// (`[…]{lang=fr}`) is tokenised again: a span that crosses the range reads differently.
    pub(crate) fn words_in(&self, start: usize, end: usize) -> std::borrow::Cow<'_, [Word<'a>]> {
        if let Some(r) = self.word_range(start, end) {
            return std::borrow::Cow::Borrowed(&self.words()[r]);
        }
        let Some(part) = self.text.get(start..end) else {
            return std::borrow::Cow::Owned(Vec::new());
        };
        std::borrow::Cow::Owned(
            words(part)
                .into_iter()
                .map(|w| Word {
                    text: &self.text[start + w.start..start + w.end],
                    start: start + w.start,
                    end: start + w.end,
                })
                .collect(),
        )
    }

    /// The indexes in [`Unit::words`] of [`Unit::words_in`]`(start, end)`; `None` when the
    /// text may hold a language span (its sentences are tokenised alone).
    pub(crate) fn word_range(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        if *self.span_markup.get_or_init(|| self.text.contains("]{")) {
            return None;
        }
        let ws = self.words();
        // the words are in order and do not overlap: those inside the range are a run
        let from = ws.partition_point(|w| w.start < start);
        let to = from + ws[from..].partition_point(|w| w.end <= end);
        Some(from..to)
    }

    /// Whether word `i` of [`Unit::words`] is notation, as `is_notation(text, start, end)`
    /// says (spelling's test: unit symbols, element symbols, respellings, binomials): asked
    /// once per word and shared, as spelling and misspelling both ask it of the same words.
    pub(crate) fn word_notation(
        &self,
        i: usize,
        is_notation: impl FnOnce(&str, usize, usize) -> bool,
    ) -> bool {
        let words = self.words();
        let answers = self
            .notation
            .get_or_init(|| words.iter().map(|_| OnceLock::new()).collect());
        *answers[i].get_or_init(|| is_notation(self.text, words[i].start, words[i].end))
    }

    /// Source location of a byte range of `text`.
    pub(crate) fn locate(&self, src: &SourceFile, start: usize, end: usize) -> Location {
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
    pub(crate) fn verbatim(&self, src: &SourceFile, start: usize, end: usize) -> bool {
        let loc = self.locate(src, start, end);
        src.text.get(loc.start..loc.end) == self.text.get(start..end)
    }
}

/// Collect every text unit of a guide in reading order.
// Long because it follows the guide's reading order field by field (title, subtitle, summary,
// disclaimer, introduction, then each section's title and blocks), the order the units keep.
pub(crate) fn units<'a>(guide: &'a Guide, root: &'a Node) -> Vec<Unit<'a>> {
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
            sentences: OnceLock::new(),
            span_markup: OnceLock::new(),
            notation: OnceLock::new(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{NodeKind, ScalarStyle};

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

    /// A sentence's words from the unit's shared tokens are what tokenising the sentence
    /// alone gives, for every sentence of every guide under content/ and tests/ (and texts
    /// with language spans, URLs, quotes and apostrophes at sentence ends).
    #[test]
    fn words_in_a_sentence_are_the_sentence_tokenised_alone() {
        let mut texts: Vec<String> = vec![
            "He said ‘done.’ Then ’tis over. See https://x.org/a. B.".into(),
            "A [mot]{lang=fr} here. [Deux phrases. Ici]{lang=fr} end. x@y.org! Z".into(),
            "One.\u{a0}Two?  “Three” - four. 5 items. e.g. six".into(),
        ];
        let mut files = Vec::new();
        for dir in ["content", "tests"] {
            let mut stack = vec![std::path::PathBuf::from(dir)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "yaml") {
                        files.push(p);
                    }
                }
            }
        }
        for f in &files {
            let Ok(src) = std::fs::read_to_string(f) else {
                continue;
            };
            let o = crate::validate::validate_source(SourceFile::new("t.yaml", src, false));
            let Some(doc) = o.document else { continue };
            texts.extend(
                units(&doc.guide, &doc.root)
                    .iter()
                    .map(|u| u.text.to_string()),
            );
        }
        assert!(texts.len() > 1000, "texts: {}", texts.len());
        let root = Node {
            start: 0,
            end: 0,
            kind: NodeKind::Sequence(Vec::new()),
        };
        let mut sentences_checked = 0;
        for t in &texts {
            let u = Unit {
                kind: UnitKind::Paragraph,
                id: UnitId::Title,
                text: t,
                section: None,
                depth: 0,
                root: &root,
                node: OnceLock::new(),
                offsets: OnceLock::new(),
                words: OnceLock::new(),
                sentences: OnceLock::new(),
                span_markup: OnceLock::new(),
                notation: OnceLock::new(),
            };
            assert_eq!(u.sentences(), sentences(t).as_slice());
            for &(s, e) in u.sentences() {
                let alone: Vec<(usize, usize, &str)> = words(&t[s..e])
                    .iter()
                    .map(|w| (s + w.start, s + w.end, w.text))
                    .collect();
                let shared: Vec<(usize, usize, &str)> = u
                    .words_in(s, e)
                    .iter()
                    .map(|w| (w.start, w.end, w.text))
                    .collect();
                assert_eq!(shared, alone, "{t:?} at {s}..{e}");
                sentences_checked += 1;
            }
        }
        assert!(sentences_checked > 1000, "{sentences_checked}");
    }
}

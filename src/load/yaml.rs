//! YAML text -> [`Node`] tree with byte spans, built from `saphyr-parser` events.
//!
//! Policy (documented in README): one document per file; aliases (`*name`) are
//! rejected, which also stops "billion laughs" alias bombs before any expansion;
//! nesting deeper than [`MAX_DEPTH`] is rejected without recursion; duplicate
//! mapping keys are reported (the first value is kept).

use super::SourceFile;
use crate::diag::Code;
use crate::diag::Diagnostic;
use saphyr_parser::{Event, Parser, ScalarStyle as PStyle, Span};
use serde_json::{Map, Value};

/// Deepest nesting of mappings and sequences a guide may use.
pub(crate) const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar { value: String, style: ScalarStyle },
    Sequence(Vec<Node>),
    Mapping(Vec<(Node, Node)>),
}

/// One YAML node and the bytes it spans in the source.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub start: usize,
    pub end: usize,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Value of key `k` in a mapping.
    pub fn get(&self, k: &str) -> Option<&Node> {
        self.entry(k).map(|(_, v)| v)
    }

    /// (key node, value node) of key `k` in a mapping.
    pub fn entry(&self, k: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Mapping(entries) => entries
                .iter()
                .find(|(key, _)| key.as_str() == Some(k))
                .map(|(a, b)| (a, b)),
            _ => None,
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Sequence(items) => items,
            _ => &[],
        }
    }

    /// Follow a JSON Pointer. Returns the deepest node reached and whether it was reached fully.
    pub(crate) fn walk_pointer(&self, pointer: &str) -> (&Node, Option<&Node>, bool) {
        let mut node = self;
        let mut key_node = None;
        for raw in pointer.split('/').skip(1) {
            let seg = raw.replace("~1", "/").replace("~0", "~");
            let next = match &node.kind {
                NodeKind::Mapping(entries) => entries
                    .iter()
                    .find(|(k, _)| k.as_str() == Some(seg.as_str()))
                    .map(|(k, v)| (Some(k), v)),
                NodeKind::Sequence(items) => seg
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .map(|v| (None, v)),
                NodeKind::Scalar { .. } => None,
            };
            match next {
                Some((k, v)) => {
                    key_node = k;
                    node = v;
                }
                None => return (node, None, false),
            }
        }
        (node, key_node, true)
    }

    /// Convert to JSON with YAML 1.2 core-schema typing for plain scalars.
    /// Iterative, so deep trees cannot overflow the stack.
    pub(crate) fn to_json(&self) -> Value {
        enum Frame<'a> {
            Seq(std::slice::Iter<'a, Node>, Vec<Value>),
            Map(
                std::slice::Iter<'a, (Node, Node)>,
                Map<String, Value>,
                Option<String>,
            ),
        }
        fn open(n: &Node) -> Result<Value, Frame<'_>> {
            match &n.kind {
                NodeKind::Scalar { value, style } => Ok(scalar_to_json(value, *style)),
                NodeKind::Sequence(items) => {
                    Err(Frame::Seq(items.iter(), Vec::with_capacity(items.len())))
                }
                NodeKind::Mapping(entries) => Err(Frame::Map(entries.iter(), Map::new(), None)),
            }
        }
        let mut stack = match open(self) {
            Ok(v) => return v,
            Err(f) => vec![f],
        };
        let mut done: Option<Value> = None;
        loop {
            let top = stack.last_mut().expect("stack is never empty here");
            if let Some(v) = done.take() {
                match top {
                    Frame::Seq(_, out) => out.push(v),
                    Frame::Map(_, out, key) => {
                        if let Some(k) = key.take() {
                            out.entry(k).or_insert(v);
                        }
                    }
                }
            }
            let next = match top {
                Frame::Seq(it, _) => it.next(),
                Frame::Map(it, _, key) => it.next().map(|(k, v)| {
                    *key = Some(match &k.kind {
                        NodeKind::Scalar { value, .. } => value.clone(),
                        _ => "<complex key>".to_string(),
                    });
                    v
                }),
            };
            match next {
                Some(child) => match open(child) {
                    Ok(v) => done = Some(v),
                    Err(f) => stack.push(f),
                },
                None => {
                    let finished = match stack.pop().expect("non-empty") {
                        Frame::Seq(_, out) => Value::Array(out),
                        Frame::Map(_, out, _) => Value::Object(out),
                    };
                    if stack.is_empty() {
                        return finished;
                    }
                    done = Some(finished);
                }
            }
        }
    }
}

fn scalar_to_json(value: &str, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(value.to_string());
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let looks_numeric = value
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && value.bytes().any(|b| b.is_ascii_digit());
    if looks_numeric {
        if let Ok(i) = value.parse::<i64>() {
            return Value::from(i);
        }
        if let Ok(f) = value.parse::<f64>()
            && let Some(n) = serde_json::Number::from_f64(f)
        {
            return Value::Number(n);
        }
    }
    Value::String(value.to_string())
}

/// Result of parsing: the tree (if any) plus problems found on the way.
pub(crate) struct Parsed {
    pub root: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

enum Building {
    Seq(usize, Vec<Node>),
    /// A mapping: its start, its entries, the key waiting for its value, and its keys'
    /// index for the duplicate-key check (see [`KeyIndex`]).
    Map(usize, Vec<(Node, Node)>, Option<Node>, KeyIndex),
}

/// A mapping's keys by name (to where each starts), for the duplicate-key check: `None`
/// while the mapping is small (a scan of its few keys is cheaper), built once it has more
/// than [`SCAN_KEYS`], so a mapping of n keys costs O(n), not O(n²) (80,000 keys took 13 s).
type KeyIndex = Option<std::collections::HashMap<String, usize>>;

/// Up to this many keys a mapping's duplicate-key check scans them.
const SCAN_KEYS: usize = 16;

/// Where the key `k` first starts among `entries` (which hold no duplicates), if it is there.
fn first_key(entries: &[(Node, Node)], index: &KeyIndex, k: &str) -> Option<usize> {
    match index {
        Some(index) => index.get(k).copied(),
        None => entries
            .iter()
            .find(|(ek, _)| ek.as_str() == Some(k))
            .map(|(ek, _)| ek.start),
    }
}

/// Record the key just added as `entries`' last in `index`, building the index once the
/// mapping outgrows a scan.
fn index_last_key(entries: &[(Node, Node)], index: &mut KeyIndex) {
    match index {
        Some(index) => {
            if let Some((k, _)) = entries.last()
                && let Some(name) = k.as_str()
            {
                index.insert(name.to_string(), k.start);
            }
        }
        None if entries.len() > SCAN_KEYS => {
            *index = Some(
                entries
                    .iter()
                    .filter_map(|(k, _)| Some((k.as_str()?.to_string(), k.start)))
                    .collect(),
            );
        }
        None => {}
    }
}

/// Parse YAML into a span tree. Fatal problems (syntax, alias, depth) stop parsing
/// and leave `root` empty; duplicate keys are reported and parsing continues.
///
/// Long because it is one loop over the parser's event stream with one stack
/// of open collections; each event's arm is a few lines, and splitting them out would pass
/// the stack, the depth and the diagnostics to every helper.
pub(crate) fn parse(src: &SourceFile) -> Parsed {
    let mut diagnostics = Vec::new();
    let name = src.name.as_str();
    let mut stack: Vec<Building> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let fatal = |d: Diagnostic, mut diagnostics: Vec<Diagnostic>| {
        diagnostics.push(d);
        Parsed {
            root: None,
            diagnostics,
        }
    };
    let off = |m: &saphyr_parser::Marker| src.offset_of(m.line(), m.col());
    for item in Parser::new_from_str(&src.text) {
        let (event, span): (Event, Span) = match item {
            Ok(x) => x,
            Err(e) => {
                let start = off(e.marker());
                let msg = e.info().to_string();
                if msg.contains("recursion limit") {
                    let d = Diagnostic::error(
                        Code::YamlDepth,
                        name,
                        format!("nesting is too deep (the YAML parser stops at its recursion limit; guidepress allows {MAX_DEPTH} levels)"),
                    )
                    .at(Some(src.location(start, start)))
                    .label("too deep here");
                    return fatal(d, diagnostics);
                }
                let mut d = match super::hint::syntax(src, &msg, start) {
                    // a mistake prose makes: said in plain words, at its line, with the fix
                    Some(h) => {
                        let mut d = Diagnostic::error(
                            Code::YamlSyntax,
                            name,
                            format!("YAML syntax error: {}", h.message),
                        )
                        .at(Some(src.location(h.start, h.end)))
                        .label(h.label);
                        d.notes = h.notes;
                        d.note(format!("note: the YAML parser says: {msg}"))
                    }
                    None => Diagnostic::error(
                        Code::YamlSyntax,
                        name,
                        format!("YAML syntax error: {msg}"),
                    )
                    .at(Some(src.location(start, start)))
                    .label(msg.clone()),
                };
                if msg.contains("tab") {
                    d = d.note("help: YAML indentation must use spaces, not tabs");
                }
                return fatal(d, diagnostics);
            }
        };
        let (start, end) = (off(&span.start), off(&span.end));
        let finished: Option<Node> = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let d = Diagnostic::error(
                        Code::YamlSyntax,
                        name,
                        "a guide file must hold exactly one YAML document, found a second one",
                    )
                    .at(Some(src.location(start, end.max(start + 1))))
                    .label("second document starts here");
                    return fatal(d, diagnostics);
                }
                None
            }
            Event::Alias(_) => {
                let d = Diagnostic::error(
                    Code::YamlAlias,
                    name,
                    "YAML aliases (`*name`) are not allowed in guides: write the value out in full",
                )
                .at(Some(src.location(start, end.max(start + 1))))
                .label("alias used here")
                .note("note: rejecting aliases keeps loading fast and memory bounded (no alias bombs)");
                return fatal(d, diagnostics);
            }
            Event::Scalar(value, style, anchor, tag) => {
                // `&word` and `!word` at the start of a text are read as an anchor or a tag
                // and silently dropped from it: an error with the fix
                let marker = match &tag {
                    Some(t) if !t.is_yaml_core_schema() => {
                        Some(('!', format!("{}{}", t.handle, t.suffix)))
                    }
                    _ if anchor > 0 => Some(('&', String::new())),
                    _ => None,
                };
                if let Some((c, spelled)) = marker {
                    diagnostics.push(dropped_marker(src, start, c, &spelled));
                }
                let style = match style {
                    PStyle::Plain => ScalarStyle::Plain,
                    PStyle::SingleQuoted => ScalarStyle::SingleQuoted,
                    PStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
                    PStyle::Literal => ScalarStyle::Literal,
                    PStyle::Folded => ScalarStyle::Folded,
                };
                Some(Node {
                    kind: NodeKind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                    start,
                    end,
                })
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    let d = Diagnostic::error(
                        Code::YamlDepth,
                        name,
                        format!("nesting is deeper than {MAX_DEPTH} levels; a guide never needs that much"),
                    )
                    .at(Some(src.location(start, end.max(start + 1))))
                    .label(format!("level {} starts here", MAX_DEPTH + 1));
                    return fatal(d, diagnostics);
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Building::Seq(start, Vec::new())
                } else {
                    Building::Map(start, Vec::new(), None, None)
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Building::Seq(s, items)) => Some(Node {
                    kind: NodeKind::Sequence(items),
                    start: s,
                    end: end.max(s),
                }),
                Some(Building::Map(s, entries, _, _)) => Some(Node {
                    kind: NodeKind::Mapping(entries),
                    start: s,
                    end: end.max(s),
                }),
                None => None,
            },
        };
        if let Some(mut node) = finished {
            match stack.last_mut() {
                None => root = Some(node),
                Some(Building::Seq(_, items)) => items.push(node),
                Some(Building::Map(_, entries, pending, index)) => match pending.take() {
                    None => *pending = Some(node),
                    Some(key) if key.as_str().is_none() => diagnostics.push(
                        Diagnostic::error(
                            Code::YamlSyntax,
                            name,
                            "a mapping key must be a plain string, found a sequence or mapping used as a key",
                        )
                        .at(Some(src.location(key.start, key.end.max(key.start + 1))))
                        .label("complex key")
                        .note("help: guide fields are named with plain words, e.g. `title:`"),
                    ),
                    Some(key) => {
                        let dup = key.as_str().and_then(|k| first_key(entries, index, k));
                        if let Some(first) = dup {
                            let k = key.as_str().unwrap_or_default();
                            let first_loc = src.location(first, first + k.len());
                            diagnostics.push(
                                Diagnostic::error(Code::DuplicateKey, name, format!("duplicate key `{k}` in mapping"))
                                    .at(Some(src.location(key.start, key.end)))
                                    .label("this key was already used")
                                    .related(name, first_loc, "first used here")
                                    .note(format!(
                                        "note: the first `{k}` (line {}) is kept; remove or rename one of them",
                                        first_loc.line
                                    )),
                            );
                        } else {
                            // the mapping's end is where its last value ends
                            node.end = node.end.max(node.start);
                            entries.push((key, node));
                            index_last_key(entries, index);
                        }
                    }
                },
            }
        }
    }
    Parsed { root, diagnostics }
}

/// The error for an anchor (`&name`) or a non-core tag (`!name`) on a scalar: YAML drops
/// it from the text. `start` is the scalar's start; the marker is before it on its line.
fn dropped_marker(src: &SourceFile, start: usize, c: char, spelled: &str) -> Diagnostic {
    let text = src.text.as_str();
    let line_start = text[..start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let at = text[line_start..start.min(text.len())]
        .rfind(c)
        .map_or(start, |i| line_start + i);
    let word_end = text[at..]
        .find(|ch: char| ch.is_whitespace())
        .map_or(text.len(), |i| at + i);
    let word = if spelled.is_empty() {
        &text[at..word_end]
    } else {
        spelled
    };
    let what = if c == '&' { "an anchor" } else { "a tag" };
    let mut d = Diagnostic::error(
        Code::YamlSyntax,
        &src.name,
        format!("YAML syntax error: text that starts with `{c}` must be quoted: YAML reads `{word}` as {what} and drops it from the text"),
    )
    .at(Some(src.location(at, word_end.max(at + 1))))
    .label(format!("read as {what}, not as text"));
    let line_end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let col = at - line_start;
    d = d.note(format!(
        "help: put the text in quotes: {}",
        super::hint::code(&format!(
            "{}{}",
            line[..col].trim_start(),
            super::hint::quoted(&line[col..])
        ))
    ));
    d
}

/// Where each byte offset `0..=len` of a value is in the source, stored as runs of
/// consecutive offsets (a one-line scalar is one run, a folded one a run per line) instead
/// of one number per byte: a guide with 200k findings located in 50k paragraphs kept
/// ~30 MB of per-byte maps. Offsets no run covers map to `unaligned` (the scalar's start).
#[derive(Debug)]
pub(crate) struct OffsetMap {
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
    pub(crate) fn get(&self, i: usize) -> Option<usize> {
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
pub(crate) fn align(src: &str, node: &Node, value: &str) -> OffsetMap {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Parsed {
        parse(&SourceFile::new("t.yaml", s.to_string(), false))
    }

    #[test]
    fn spans_point_at_values() {
        let src = "a: 1\nb:\n  - x\n  - 'y'\n";
        let parsed = p(src);
        let root = parsed.root.unwrap();
        let b = root.get("b").unwrap();
        assert_eq!(&src[b.items()[1].start..b.items()[1].start + 3], "'y'");
        assert_eq!(root.to_json(), serde_json::json!({"a": 1, "b": ["x", "y"]}));
    }

    #[test]
    fn aliases_are_rejected() {
        let parsed = p("a: &x [1]\nb: *x\n");
        assert!(parsed.root.is_none());
        assert_eq!(parsed.diagnostics[0].code, "yaml-alias");
    }

    #[test]
    fn deep_nesting_is_rejected_without_overflow() {
        let s = "[".repeat(10_000) + &"]".repeat(10_000);
        let parsed = p(&s);
        assert_eq!(parsed.diagnostics[0].code, "yaml-depth");
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let parsed = p("a: 1\na: 2\n");
        assert_eq!(parsed.diagnostics[0].code, "duplicate-key");
        assert_eq!(parsed.root.unwrap().to_json(), serde_json::json!({"a": 1}));
    }
}

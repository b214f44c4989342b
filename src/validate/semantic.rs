//! Checks the schema cannot express: duplicate section ids, empty sections,
//! impossible or future review dates.

use super::schema::node_location;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::load::{Node, SourceFile};
use std::collections::HashMap;

/// True for a guide or section id: lowercase letters and digits in hyphen-separated parts,
/// at most 80 characters (the schema's pattern).
pub(crate) fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// True for names Windows reserves for devices (`con`, `nul`, `com1`, ...): an export
/// or EPUB file named after such an id cannot be created or opened there.
pub(crate) fn is_reserved(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id).to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

fn reserved(src: &SourceFile, node: &Node, id: &str, pointer: &str) -> Diagnostic {
    Diagnostic::error(
        Code::ReservedId,
        &src.name,
        format!("id `{id}` is a reserved file name on Windows"),
    )
    .at(Some(node_location(src, node)))
    .pointer(pointer)
    .label("files named after this id cannot be created on Windows")
    .note("help: choose another id, e.g. `{id}-guide`".replace("{id}", id))
}

/// Run every semantic check on the span tree (works even when the schema failed).
// Long because it runs the semantic checks in the order a guide is read (ids across the section
// tree, control characters in any text, dates), each a short pass over the same span tree.
pub fn check(src: &SourceFile, root: &Node, today: time::Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let name = src.name.as_str();
    // walk sections iteratively
    let mut seen: HashMap<String, &Node> = HashMap::new();
    let mut stack: Vec<(&Node, String)> = Vec::new();
    if let Some(secs) = root.get("sections") {
        for (i, s) in secs.items().iter().enumerate().rev() {
            stack.push((s, format!("/sections/{i}")));
        }
    }
    if let Some(id_node) = root.get("id")
        && let Some(id) = id_node.as_str()
        && is_reserved(id)
    {
        out.push(reserved(src, id_node, id, "/id"));
    }
    while let Some((sec, pointer)) = stack.pop() {
        if let Some(id_node) = sec.get("id")
            && let Some(id) = id_node.as_str()
        {
            if is_reserved(id) {
                out.push(reserved(src, id_node, id, &format!("{pointer}/id")));
            }
            if let Some(first) = seen.get(id) {
                out.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        name,
                        format!("section id `{id}` is used twice"),
                    )
                    .at(Some(node_location(src, id_node)))
                    .pointer(format!("{pointer}/id"))
                    .label("second use")
                    .related(name, node_location(src, first), "first used here")
                    .note("help: section ids name EPUB files and links; make each one unique"),
                );
            } else {
                seen.insert(id.to_string(), id_node);
            }
        }
        let blocks = sec.get("blocks").map_or(0, |b| b.items().len());
        let subs = sec.get("sections").map_or(0, |b| b.items().len());
        if blocks == 0 && subs == 0 && matches!(sec.kind, crate::load::NodeKind::Mapping(_)) {
            let title = sec
                .get("title")
                .and_then(Node::as_str)
                .unwrap_or("(untitled)");
            out.push(
                Diagnostic::error(
                    Code::EmptySection,
                    name,
                    format!("section `{title}` has no content"),
                )
                .at(Some(node_location(src, sec)))
                .pointer(pointer.clone())
                .label("no blocks and no subsections")
                .note("help: add at least one block, or remove the section"),
            );
        }
        if let Some(children) = sec.get("sections") {
            for (i, s) in children.items().iter().enumerate().rev() {
                stack.push((s, format!("{pointer}/sections/{i}")));
            }
        }
    }
    // control characters (other than tab and line breaks) in any text: invisible, and they
    // break XML (EPUB) and PDF text
    let mut todo = vec![root];
    while let Some(n) = todo.pop() {
        match &n.kind {
            crate::load::NodeKind::Scalar { value, .. } => {
                if !value.is_empty() && value.chars().all(crate::text::invisible) {
                    out.push(
                        Diagnostic::error(
                            Code::BlankText,
                            name,
                            "text is only whitespace or invisible characters: expected visible text",
                        )
                        .at(Some(node_location(src, n)))
                        .label("blank")
                        .note("help: write the text, or remove the field if it is optional"),
                    );
                }
                if let Some(c) = value.chars().find(|&c| bidi_override(c)) {
                    out.push(
                        Diagnostic::error(
                            Code::ControlCharacter,
                            name,
                            format!(
                                "text contains the bidirectional control U+{:04X}: it makes the text display in another order than it reads",
                                u32::from(c)
                            ),
                        )
                        .at(Some(node_location(src, n)))
                        .label("in this value")
                        .note("help: remove it; mark a part in another script with `[text]{lang=ar}`, which sets its direction"),
                    );
                }
                if let Some(c) = value
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                {
                    out.push(
                        Diagnostic::error(
                            Code::ControlCharacter,
                            name,
                            format!(
                                "text contains the control character U+{:04X}; remove it",
                                u32::from(c)
                            ),
                        )
                        .at(Some(node_location(src, n)))
                        .label("in this value"),
                    );
                }
            }
            crate::load::NodeKind::Sequence(items) => todo.extend(items.iter()),
            crate::load::NodeKind::Mapping(entries) => {
                todo.extend(entries.iter().flat_map(|(k, v)| [k, v]))
            }
        }
    }
    span_languages(src, root, "", false, &mut out);
    if let Some(d) = root.get("last_reviewed")
        && let Some(text) = d.as_str()
        && text.len() == 10
    {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        match time::Date::parse(text, &fmt) {
            Ok(date) if date > today => out.push(
                Diagnostic::error(
                    Code::FutureDate,
                    name,
                    format!("last_reviewed `{text}` is in the future"),
                )
                .at(Some(node_location(src, d)))
                .pointer("/last_reviewed")
                .label("a review date cannot be after today"),
            ),
            Ok(_) => {}
            Err(_) if text.as_bytes().iter().filter(|b| **b == b'-').count() == 2 => out.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    name,
                    format!("last_reviewed `{text}` is not a real calendar date"),
                )
                .at(Some(node_location(src, d)))
                .pointer("/last_reviewed")
                .label("no such day"),
            ),
            Err(_) => {}
        }
    }
    out
}

/// The language of every `[text]{lang=tag}` span in text with inline markup (summary,
/// disclaimer, paragraphs, list items, callout text) must be a language tag; the error
/// points at the tag inside the text.
fn span_languages(
    src: &SourceFile,
    n: &Node,
    pointer: &str,
    rich: bool,
    out: &mut Vec<Diagnostic>,
) {
    use crate::load::NodeKind;
    match &n.kind {
        NodeKind::Scalar { value, .. } if rich => {
            for sp in crate::model::inline::lang_spans(value) {
                let tag = sp.lang(value);
                if crate::model::is_language_tag(tag) {
                    continue;
                }
                let map = crate::load::align(&src.text, n, value);
                let start = map.get(sp.tag.start).unwrap_or(n.start);
                let end = map.get(sp.tag.end).unwrap_or(start).max(start + 1);
                out.push(
                    Diagnostic::error(
                        Code::Schema,
                        &src.name,
                        format!(
                            "the language of the span `{}` is `{tag}`, expected a BCP 47 language tag such as `fr` or `pt-BR`",
                            &value[sp.range.clone()]
                        ),
                    )
                    .at(Some(src.location(start, end)))
                    .pointer(pointer)
                    .label("not a language tag")
                    .note("help: write the span as `[text]{lang=TAG}` with a tag such as `es`, `ar` or `zh-Hant`"),
                );
            }
        }
        NodeKind::Scalar { .. } => {}
        NodeKind::Sequence(items) => {
            for (i, it) in items.iter().enumerate() {
                span_languages(src, it, &format!("{pointer}/{i}"), rich, out);
            }
        }
        NodeKind::Mapping(entries) => {
            let callout = pointer.ends_with("/callout");
            for (k, v) in entries {
                let Some(key) = k.as_str() else { continue };
                let rich = matches!(
                    key,
                    "summary" | "disclaimer" | "paragraph" | "ordered" | "bullets"
                ) || (callout && key == "text");
                let at = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                span_languages(src, v, &at, rich, out);
            }
        }
    }
}

/// Bidirectional embeddings and overrides (U+202A–U+202E): they reorder how a text is shown
/// ("Take \u{202E}01\u{202C} mg" displays as "10 mg"), the "Trojan Source" problem. Isolates
/// (U+2066–U+2069) and the direction marks only set direction and are left alone.
fn bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(yaml: &str) -> Vec<String> {
        let src = SourceFile::new("t.yaml", yaml.to_string(), false);
        let root = crate::load::yaml::parse(&src).root.unwrap();
        let today = time::macros::date!(2026 - 01 - 01);
        check(&src, &root, today)
            .into_iter()
            .map(|d| d.code.id().to_string())
            .collect()
    }

    #[test]
    fn a_span_language_must_be_a_language_tag_located_in_the_text() {
        let yaml = "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: Say [hi]{lang=fr} and [oui]{lang=French} now\n      - bullets: [\"x [y]{lang=\\\"pt_BR\\\"}\"]\n";
        let src = SourceFile::new("t.yaml", yaml.to_string(), false);
        let root = crate::load::yaml::parse(&src).root.unwrap();
        let today = time::macros::date!(2026 - 01 - 01);
        let d: Vec<Diagnostic> = check(&src, &root, today);
        let msgs: Vec<(String, usize, usize, Option<String>)> = d
            .iter()
            .map(|d| {
                let l = d.location.as_ref().unwrap();
                (d.message.clone(), l.line, l.column, d.pointer.clone())
            })
            .collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].0.contains("is `French`, expected a BCP 47"),
            "{msgs:?}"
        );
        // line 10, the column of `French` in the plain scalar
        let col = "      - paragraph: Say [hi]{lang=fr} and [oui]{lang=".len() + 1;
        assert_eq!((msgs[0].1, msgs[0].2), (10, col), "{msgs:?}");
        assert_eq!(msgs[0].3.as_deref(), Some("/sections/0/blocks/0/paragraph"));
        assert!(msgs[1].0.contains("is `pt_BR`"), "{msgs:?}");
        assert_eq!(msgs[1].3.as_deref(), Some("/sections/0/blocks/1/bullets/0"));
    }

    #[test]
    fn reserved_ids_are_errors() {
        assert!(
            is_reserved("con") && is_reserved("nul") && is_reserved("com1") && is_reserved("LPT9")
        );
        assert!(!is_reserved("console") && !is_reserved("com0") && !is_reserved("com10"));
        assert_eq!(
            codes("id: nul\nsections:\n  - {id: aux, blocks: [{paragraph: x}]}\n"),
            ["reserved-id", "reserved-id"]
        );
    }

    #[test]
    fn whitespace_only_text_is_an_error() {
        assert_eq!(codes("id: a\ntitle: '   '\n"), ["blank-text"]);
        assert!(codes("id: a\ntitle: 'x'\n").is_empty());
    }

    #[test]
    fn invisible_only_text_is_blank_and_overrides_are_errors() {
        // found by a hostile test run: these passed `check`, and the PDF drew empty headings
        for t in [
            "\\u200B",
            "\\u00AD",
            "\\u2800",
            "\\uFEFF",
            "\\u2060 \\u200D",
        ] {
            assert_eq!(
                codes(&format!("id: a\ntitle: \"{t}\"\n")),
                ["blank-text"],
                "{t}"
            );
        }
        // visible text with a soft hyphen or a joiner in it is fine
        assert!(codes("id: a\ntitle: \"micro\\u00ADneedling\"\n").is_empty());
        assert!(codes("id: a\ntitle: \"\\U0001F469\\u200D\\U0001F52C\"\n").is_empty());
        assert_eq!(
            codes("id: a\ntitle: \"Take \\u202E01\\u202C mg\"\n"),
            ["control-character"]
        );
        // isolates and marks set direction only
        assert!(codes("id: a\ntitle: \"x \\u2067abc\\u2069 \\u200F\"\n").is_empty());
    }
}

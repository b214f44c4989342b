//! Checks the schema cannot express: duplicate section ids, empty sections,
//! impossible or future review dates.

use super::schema::node_location;
use crate::diag::Diagnostic;
use crate::load::{Node, SourceFile};
use std::collections::HashMap;

/// Run every semantic check on the span tree (works even when the schema failed).
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
    while let Some((sec, pointer)) = stack.pop() {
        if let Some(id_node) = sec.get("id")
            && let Some(id) = id_node.as_str()
        {
            if let Some(first) = seen.get(id) {
                out.push(
                    Diagnostic::error(
                        "duplicate-id",
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
                    "empty-section",
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
                if let Some(c) = value
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                {
                    out.push(
                        Diagnostic::error(
                            "control-character",
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
    if let Some(d) = root.get("last_reviewed")
        && let Some(text) = d.as_str()
        && text.len() == 10
    {
        let fmt = time::macros::format_description!("[year]-[month]-[day]");
        match time::Date::parse(text, &fmt) {
            Ok(date) if date > today => out.push(
                Diagnostic::error(
                    "future-date",
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
                    "invalid-date",
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

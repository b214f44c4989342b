//! The starting guide `guidepress new` writes, as data (assets/templates/guide.yaml), and the
//! prose of it that the `unfinished` rule recognises when a guide still carries it.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The template with `{schema}`, `{id}` and `{title}` holes. It names no reviewer and no
/// review date: no command writes a review stamp the user did not give.
pub const GUIDE: &str = include_str!("../assets/templates/guide.yaml");

/// The template filled in. `title` is put inside a double-quoted YAML scalar, so `"` and `\`
/// are escaped here.
pub fn guide(id: &str, title: &str, schema: &str) -> String {
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    GUIDE
        .replace("{schema}", schema)
        .replace("{id}", id)
        .replace("{title}", &title)
}

/// Every piece of prose of the template's body (summary, introduction, blocks), trimmed and
/// with runs of whitespace collapsed: a guide still holding one of them is unfinished.
pub fn prose() -> &'static HashSet<String> {
    static PROSE: OnceLock<HashSet<String>> = OnceLock::new();
    PROSE.get_or_init(|| {
        let value: serde_yaml::Value =
            serde_yaml::from_str(&guide("x", "X", "s")).expect("the template is YAML (tested)");
        let mut out = HashSet::new();
        // the disclaimer is good wording to keep: of the metadata only the summary is template text
        if let Some(s) = value.get("summary").and_then(|v| v.as_str()) {
            out.insert(normalise(s));
        }
        collect(value.get("introduction"), &mut out);
        collect(value.get("sections"), &mut out);
        out
    })
}

fn collect(v: Option<&serde_yaml::Value>, out: &mut HashSet<String>) {
    match v {
        Some(serde_yaml::Value::String(s)) => {
            out.insert(normalise(s));
        }
        Some(serde_yaml::Value::Sequence(items)) => {
            for it in items {
                collect(Some(it), out);
            }
        }
        Some(serde_yaml::Value::Mapping(m)) => {
            for (k, v) in m {
                // ids, titles and callout kinds are not prose
                if matches!(k.as_str(), Some("id" | "title" | "kind")) {
                    continue;
                }
                collect(Some(v), out);
            }
        }
        _ => {}
    }
}

/// Trimmed, whitespace runs collapsed to one space.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_a_valid_draft_with_no_review_stamp() {
        let text = super::guide(
            "chemical-peels",
            "Chemical \"Peels\"",
            "../schema/guide.schema.json",
        );
        let o =
            crate::validate::validate_source(crate::load::SourceFile::new("t.yaml", text, false));
        assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
        let doc = o.document.expect("valid");
        assert_eq!(doc.guide.title, "Chemical \"Peels\"");
        assert_eq!(doc.guide.status, crate::model::Status::Draft);
        assert!(doc.guide.reviewer.is_none() && doc.guide.last_reviewed.is_none());
    }

    #[test]
    fn the_template_prose_is_known() {
        let p = super::prose();
        assert!(p.contains("Explain the treatment in plain words."));
        assert!(p.contains("Say when to stop and call a doctor."));
        assert!(!p.iter().any(|s| s == "What It Is" || s == "warning"));
    }
}

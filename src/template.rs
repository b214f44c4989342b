//! The starting guide `guidepress new` writes, as data (assets/templates/guide.yaml), and the
//! prose of it that the `unfinished` rule recognises when a guide still carries it; the front
//! matter `guidepress import` gives an article (assets/templates/imported.yaml).

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

/// The front matter of an imported guide with `{source}`, `{id}`, `{title}` and `{summary}`
/// holes: every field the article cannot give is a placeholder marked `TODO`, and no
/// reviewer or review date is invented.
pub(crate) const IMPORTED: &str = include_str!("../assets/templates/imported.yaml");

/// [`IMPORTED`] filled in: `id`, `title` and `summary` are YAML scalars as they are to be
/// written (`title` may carry a comment); without a summary its line is left out.
pub fn imported(source: &str, id: &str, title: &str, summary: Option<&str>) -> String {
    let template = match summary {
        Some(_) => std::borrow::Cow::Borrowed(IMPORTED),
        None => std::borrow::Cow::Owned(IMPORTED.replace("summary: {summary}\n", "")),
    };
    let holes = [
        ("{source}", source),
        ("{id}", id),
        ("{title}", title),
        ("{summary}", summary.unwrap_or_default()),
    ];
    fill(&template, &holes)
}

/// `template` with each of `holes` replaced, in one pass: text put into a hole is never
/// searched for holes itself (an article named `{id}.md` stays as it is).
fn fill(template: &str, holes: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some((at, hole, value)) = holes
        .iter()
        .filter_map(|(h, v)| rest.find(h).map(|at| (at, *h, *v)))
        .min_by_key(|(at, _, _)| *at)
    {
        out.push_str(&rest[..at]);
        out.push_str(value);
        rest = &rest[at + hole.len()..];
    }
    out.push_str(rest);
    out
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
pub(crate) fn normalise(s: &str) -> String {
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
    fn the_imported_front_matter_makes_a_valid_draft_with_no_review_stamp() {
        for summary in [None, Some("\"S: {id} {title}\"")] {
            let text = super::imported("a {id}.md", "\"x\"", "\"T {summary}\"", summary)
                + "sections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: P\n";
            assert!(!text.contains("{source}") && text.contains("Imported from a {id}.md"));
            let o = crate::validate::validate_source(crate::load::SourceFile::new(
                "t.yaml", text, false,
            ));
            assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
            let doc = o.document.expect("valid");
            assert_eq!(doc.guide.title, "T {summary}");
            assert_eq!(doc.guide.status, crate::model::Status::Draft);
            assert!(doc.guide.reviewer.is_none() && doc.guide.last_reviewed.is_none());
        }
    }

    #[test]
    fn the_template_prose_is_known() {
        let p = super::prose();
        assert!(p.contains("Explain the treatment in plain words."));
        assert!(p.contains("Say when to stop and call a doctor."));
        assert!(!p.iter().any(|s| s == "What It Is" || s == "warning"));
    }
}

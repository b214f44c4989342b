//! JSON Schema validation: the embedded schema, compiled once, and the mapping of
//! every violation to a plain-words, located [`Diagnostic`].

use super::describe::{describe, expected_type, schema_at, type_name};
use crate::diag::Code;
use crate::diag::{Diagnostic, Location};
use crate::load::{Node, SourceFile};
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use std::sync::OnceLock;

/// The schema file, embedded at build time (a test checks it equals schema/guide.schema.json).
pub const SCHEMA_TEXT: &str = include_str!("../../schema/guide.schema.json");

/// Where the embedded schema sits in the validator's registry (no network, no file).
const SCHEMA_URI: &str = "urn:guidepress:guide-schema";

fn schema() -> &'static (Value, jsonschema::Validator) {
    static S: OnceLock<(Value, jsonschema::Validator)> = OnceLock::new();
    S.get_or_init(|| {
        let v: Value =
            serde_json::from_str(SCHEMA_TEXT).expect("embedded schema is valid JSON (tested)");
        // The validator is built from a draft-04 root that only refers to the schema, held in
        // the registry as a resource of its own, validated by its own draft (2020-12, which it
        // declares): building validates the *root* against its meta-schema, and draft 4's
        // compiles in a fraction of the time of 2020-12's (eight documents, `$dynamicRef`),
        // which every process paid for to check a schema that is fixed at build time (a test
        // validates it against its 2020-12 meta-schema instead, and checks that this
        // validator gives the same errors as one built from the schema directly).
        let registry = jsonschema::Registry::new()
            .retrieve_known_draft_meta_schemas(false)
            .add(SCHEMA_URI, &v)
            .and_then(|b| b.prepare())
            .expect("the embedded schema is a valid registry resource (tested)");
        let root = serde_json::json!({
            "$schema": "http://json-schema.org/draft-04/schema#",
            "$ref": SCHEMA_URI,
        });
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .with_registry(&registry)
            .build(&root)
            .expect("embedded schema compiles (tested)");
        drop(registry);
        (v, validator)
    })
}

/// Validate `json` (built from `root`) and return every violation, located.
// Long because it is one match over the validator's error kinds, each arm the message, place
// and label of one kind; the list reads as the catalogue of schema messages.
pub fn check(src: &SourceFile, root: &Node, json: &Value) -> Vec<Diagnostic> {
    let (schema_json, validator) = schema();
    let mut out = Vec::new();
    for err in validator.iter_errors(json) {
        let pointer = err.instance_path().as_str().to_string();
        let (node, _, _) = root.walk_pointer(&pointer);
        let here = |n: &Node| Some(node_location(src, n));
        let desc = describe(json, &pointer);
        let instance = err.instance();
        let mut notes = Vec::new();
        let (message, location, label) = match err.kind() {
            ValidationErrorKind::Required { property } => {
                let p = property.as_str().unwrap_or("?");
                (
                    format!("{desc} is missing required field `{p}`"),
                    Some(src.location(node.start, node.start + 1)),
                    format!("add `{p}` to this mapping"),
                )
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                // the mapping's keys by name, looked up once each (a scan per unexpected
                // field was quadratic in a mapping of many unknown keys); the first of a
                // name, as a scan found
                let mut keys: std::collections::HashMap<&str, &Node> =
                    std::collections::HashMap::new();
                if let crate::load::NodeKind::Mapping(entries) = &node.kind {
                    for (k, _) in entries {
                        if let Some(name) = k.as_str() {
                            keys.entry(name).or_insert(k);
                        }
                    }
                }
                let allowed: Vec<String> = schema_at(schema_json, &pointer)
                    .and_then(|s| s.get("properties"))
                    .and_then(Value::as_object)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                for u in unexpected {
                    let key = keys.get(AsRef::<str>::as_ref(u)).copied();
                    let mut d = Diagnostic::error(
                        Code::Schema,
                        &src.name,
                        format!("unknown field `{u}` in {desc}"),
                    )
                    .at(key.map_or_else(|| here(node), here))
                    .pointer(format!("{pointer}/{u}"))
                    .label("not a field of this mapping");
                    if let Some(best) = crate::util::did_you_mean(u, &allowed) {
                        d = d.note(format!("help: did you mean `{best}`?"));
                    }
                    if !allowed.is_empty() {
                        d = d.note(format!("note: allowed fields here: {}", allowed.join(", ")));
                    }
                    out.push(d);
                }
                continue;
            }
            ValidationErrorKind::Type { .. } => {
                let want = expected_type(schema_at(schema_json, &pointer));
                // text lost to a `#` comment, or a `: ` that made a key
                let hint = if !want.contains("string") {
                    None
                } else if instance.is_null() {
                    crate::load::hint::comment_instead_of_text(src, node.start)
                } else if instance.is_object() {
                    crate::load::hint::colon_made_a_key(src, node.start).map(|n| vec![n])
                } else {
                    None
                };
                notes.extend(hint.into_iter().flatten());
                (
                    format!("{desc} must be {want}, found {}", type_name(instance)),
                    here(node),
                    format!("expected {want}"),
                )
            }
            ValidationErrorKind::Pattern { pattern } => {
                let shown = instance.as_str().unwrap_or_default();
                let what = match pointer.rsplit('/').next().unwrap_or("") {
                    "id" => {
                        "a lowercase kebab-case slug (letters a-z, digits, single hyphens, e.g. `pre-and-post-care`)"
                    }
                    "language" => "a BCP 47 language tag such as `en-US`",
                    "version" => "a version such as `1.0.0`",
                    "last_reviewed" => "a date written `YYYY-MM-DD`",
                    _ => "",
                };
                let expected = if what.is_empty() {
                    format!("text matching `{pattern}`")
                } else {
                    what.to_string()
                };
                (
                    format!("{desc} is `{shown}`, expected {expected}"),
                    here(node),
                    "does not match the expected format".to_string(),
                )
            }
            ValidationErrorKind::MinItems { .. } | ValidationErrorKind::MinLength { .. } => (
                format!("{desc} must not be empty"),
                here(node),
                "empty".to_string(),
            ),
            ValidationErrorKind::MinProperties { .. }
            | ValidationErrorKind::MaxProperties { .. } => {
                notes.push("help: write a block as one of `paragraph: ...`, `ordered: [...]`, `bullets: [...]` or `callout: {...}`".to_string());
                (
                    format!(
                        "{desc} must have exactly one of `paragraph`, `ordered`, `bullets` or `callout`"
                    ),
                    here(node),
                    "one kind of block per list entry".to_string(),
                )
            }
            ValidationErrorKind::Enum { options } => {
                let opts: Vec<String> = options
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|o| format!("`{}`", o.as_str().unwrap_or("?")))
                            .collect()
                    })
                    .unwrap_or_default();
                (
                    format!(
                        "{desc} is `{}`, expected one of {}",
                        instance.as_str().unwrap_or("?"),
                        opts.join(", ")
                    ),
                    here(node),
                    "not an allowed value".to_string(),
                )
            }
            ValidationErrorKind::UniqueItems => (
                format!("{desc} lists the same entry twice"),
                here(node),
                "entries must be unique".to_string(),
            ),
            _ => (format!("{desc}: {err}"), here(node), "here".to_string()),
        };
        let mut d = Diagnostic::error(Code::Schema, &src.name, message)
            .at(location)
            .pointer(pointer)
            .label(label);
        d.notes = notes;
        out.push(d);
    }
    out
}

/// Highlight at most the first line of a node.
fn first_line_end(src: &SourceFile, start: usize) -> usize {
    src.text[start.min(src.text.len())..]
        .find(['\n', '\r'])
        .map_or(src.text.len(), |i| start + i)
        .max(start + 1)
}

/// Location helper for callers that only have a node.
pub(crate) fn node_location(src: &SourceFile, n: &Node) -> Location {
    src.location(
        n.start,
        n.end.max(n.start + 1).min(first_line_end(src, n.start)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The validator is built for draft 2020-12 (pinned, see [`schema`]): the schema must say
    /// that is its draft, so pinning changes nothing.
    #[test]
    fn the_pinned_draft_is_the_one_the_schema_declares() {
        let v: Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
        assert_eq!(
            v["$schema"].as_str(),
            Some("https://json-schema.org/draft/2020-12/schema")
        );
        assert!(jsonschema::meta::is_valid(&v));
        // it still validates
        let (_, validator) = schema();
        assert!(!validator.is_valid(&serde_json::json!({"id": 1})));
    }

    /// The errors of the schema's own validator (built from the schema directly, the schema
    /// meta-validated at build): every guide under tests/ and content/, and hostile shapes.
    fn direct_errors(json: &Value) -> Vec<String> {
        static DIRECT: OnceLock<jsonschema::Validator> = OnceLock::new();
        let direct = DIRECT.get_or_init(|| {
            let v: Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&v)
                .unwrap()
        });
        errors_of(direct, json)
    }

    fn errors_of(validator: &jsonschema::Validator, json: &Value) -> Vec<String> {
        validator
            .iter_errors(json)
            .map(|e| {
                format!(
                    "{} {:?} {}",
                    e.instance_path().as_str(),
                    e.kind(),
                    e.instance()
                )
            })
            .collect()
    }

    /// [`schema`]'s validator (a draft-04 root referring to the schema in its registry, so
    /// that no 2020-12 meta-schema is compiled at run time) reports exactly the errors, in
    /// the same order, of a validator built from the schema itself.
    #[test]
    fn the_referring_validator_reports_what_the_schema_itself_does() {
        let (_, validator) = schema();
        let mut files = Vec::new();
        let mut dirs = vec![
            std::path::PathBuf::from("tests"),
            std::path::PathBuf::from("content"),
        ];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    files.push(p);
                }
            }
        }
        files.sort();
        let mut jsons: Vec<Value> = Vec::new();
        for f in &files {
            let Ok(bytes) = std::fs::read(f) else {
                continue;
            };
            let Ok(src) = crate::load::source_from_bytes(&f.display().to_string(), bytes) else {
                continue;
            };
            if let Some(root) = crate::load::yaml::parse(&src).root {
                jsons.push(root.to_json());
            }
        }
        // shapes no fixture has: wrong types everywhere, unknown fields, empty values
        jsons.push(serde_json::json!({"id": 1, "title": [], "extra": true}));
        jsons.push(
            serde_json::json!({"id": "Bad Id", "title": "", "language": "x",
            "version": "1", "authors": [{}], "sections": [{"title": 3, "blocks": [{"nope": 1}]}]}),
        );
        jsons.push(serde_json::json!([1, 2]));
        jsons.push(serde_json::json!("text"));
        assert!(jsons.len() > 100, "guides found: {}", jsons.len());
        let mut with_errors = 0;
        for json in &jsons {
            let want = direct_errors(json);
            with_errors += usize::from(!want.is_empty());
            assert_eq!(errors_of(validator, json), want, "for {json}");
        }
        assert!(with_errors > 20, "guides with schema errors: {with_errors}");
    }
}

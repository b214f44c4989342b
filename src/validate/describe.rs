//! Plain-words names for places in a guide ("section `risks`", "item 2 of ...")
//! and a resolver from a JSON Pointer to the schema that governs it.

use serde_json::Value;

/// Describe the node at `pointer` in words a content editor understands.
// Long because it is one match over the pointer's segments, one arm per kind of place in a
// guide; the arms share the description built so far and the node walked to.
pub fn describe(doc: &Value, pointer: &str) -> String {
    let segs: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut desc = "the guide".to_string();
    let mut node = doc;
    let mut i = 0;
    let mut section_depth = 0;
    while i < segs.len() {
        let seg = &segs[i];
        let next = segs.get(i + 1).and_then(|s| s.parse::<usize>().ok());
        let child = node.get(seg.as_str());
        match (seg.as_str(), next, child) {
            ("sections", Some(n), Some(arr)) => {
                section_depth += 1;
                let item = arr.get(n);
                let kind = if section_depth == 1 {
                    "section"
                } else {
                    "subsection"
                };
                desc = match item.and_then(|s| s.get("id")).and_then(Value::as_str) {
                    Some(id) => format!("{kind} `{id}`"),
                    None => format!("{kind} {} of {desc}", n + 1).replace(" of the guide", ""),
                };
                node = item.unwrap_or(&Value::Null);
                i += 2;
            }
            ("blocks" | "introduction", Some(n), Some(arr)) => {
                desc = if seg == "introduction" {
                    format!("introduction block {}", n + 1)
                } else {
                    format!("block {} of {desc}", n + 1)
                };
                node = arr.get(n).unwrap_or(&Value::Null);
                i += 2;
            }
            ("authors", Some(n), Some(arr)) => {
                desc = format!("author {}", n + 1);
                node = arr.get(n).unwrap_or(&Value::Null);
                i += 2;
            }
            ("ordered" | "bullets" | "tags" | "vocabulary", Some(n), Some(arr)) => {
                let what = match seg.as_str() {
                    "tags" => "tag",
                    "vocabulary" => "vocabulary word",
                    _ => "item",
                };
                desc = format!(
                    "{what} {} of {}",
                    n + 1,
                    if seg.starts_with('o') || seg.starts_with('b') {
                        format!("the list in {desc}")
                    } else {
                        desc.clone()
                    }
                );
                node = arr.get(n).unwrap_or(&Value::Null);
                i += 2;
            }
            ("reviewer", _, Some(c)) => {
                desc = "the reviewer".to_string();
                node = c;
                i += 1;
            }
            ("callout", _, Some(c)) => {
                desc = format!("the callout in {desc}");
                node = c;
                i += 1;
            }
            _ => {
                desc = format!("field `{seg}` of {desc}");
                node = child.unwrap_or(&Value::Null);
                i += 1;
            }
        }
    }
    desc
}

/// The sub-schema that governs `pointer` (follows `$ref`, `properties` and `items`).
pub(crate) fn schema_at<'a>(schema: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut s = resolve(schema, schema)?;
    for seg in pointer.split('/').skip(1) {
        let next = if seg.parse::<usize>().is_ok() && s.get("items").is_some() {
            s.get("items")
        } else {
            s.get("properties").and_then(|p| p.get(seg))
        }?;
        s = resolve(schema, next)?;
    }
    Some(s)
}

fn resolve<'a>(root: &'a Value, mut s: &'a Value) -> Option<&'a Value> {
    for _ in 0..16 {
        match s.get("$ref").and_then(Value::as_str) {
            Some(r) => s = root.pointer(r.strip_prefix('#')?)?,
            None => return Some(s),
        }
    }
    None
}

/// JSON type name of a value, in words.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Expected type from a schema `type` keyword, in words.
pub(crate) fn expected_type(schema: Option<&Value>) -> String {
    let word = |t: &str| match t {
        "string" => "a string",
        "array" => "a list",
        "object" => "a mapping",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "null" => "null",
        _ => "a value",
    };
    match schema.and_then(|s| s.get("type")) {
        Some(Value::String(t)) => word(t).to_string(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(word)
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "a different kind of value".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describes_sections_blocks_and_items() {
        let doc = json!({"sections": [{"id": "risks", "blocks": [{"bullets": ["a", "b"]}],
                          "sections": [{"title": "x"}]}]});
        assert_eq!(describe(&doc, ""), "the guide");
        assert_eq!(describe(&doc, "/sections/0"), "section `risks`");
        assert_eq!(
            describe(&doc, "/sections/0/sections/0"),
            "subsection 1 of section `risks`"
        );
        assert_eq!(
            describe(&doc, "/sections/0/blocks/0/bullets/1"),
            "item 2 of the list in block 1 of section `risks`"
        );
        assert_eq!(describe(&doc, "/id"), "field `id` of the guide");
    }
}

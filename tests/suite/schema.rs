//! The guide schema: the binary's embedded copy equals schema/guide.schema.json, the schema is
//! valid draft 2020-12, documents every property, and accepts the bundled content.

use crate::common::*;
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("schema/guide.schema.json")).unwrap())
        .unwrap()
}

#[test]
fn embedded_schema_equals_the_file() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(root().join("schema/guide.schema.json")).unwrap()
    );
}

#[test]
fn schema_is_valid_draft_2020_12() {
    let s = schema();
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::meta::validate(&s).expect("schema validates against its meta-schema");
}

#[test]
fn every_property_has_a_description() {
    fn walk(v: &Value, path: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                if p.get("description").is_none() {
                    missing.push(format!("{path}/properties/{k}"));
                }
            }
        }
        match v {
            Value::Object(m) => m
                .iter()
                .for_each(|(k, c)| walk(c, &format!("{path}/{k}"), missing)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, c)| walk(c, &format!("{path}/{i}"), missing)),
            _ => {}
        }
    }
    let mut missing = Vec::new();
    walk(&schema(), "", &mut missing);
    assert!(
        missing.is_empty(),
        "properties without description: {missing:?}"
    );
}

#[test]
fn guides_start_with_the_schema_modeline() {
    for f in [
        "content/microneedling-101.yaml",
        "tests/fixtures/microneedling-101.original.yaml",
    ] {
        let text = std::fs::read_to_string(root().join(f)).unwrap();
        let first = text.lines().next().unwrap();
        let rel = first
            .strip_prefix("# yaml-language-server: $schema=")
            .expect("modeline");
        let target = root().join(f).parent().unwrap().join(rel);
        assert!(
            target.exists(),
            "{f}: modeline points at {}",
            target.display()
        );
    }
}

//! The SARIF format: SARIF 2.1.0 for code scanning. URIs are relative to the repository
//! root the caller hands in (`%SRCROOT%`), rules link into the docs base it hands in.

use super::{View, json_to};
use crate::diag::{Code, Diagnostic, Findings, Location, Severity};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;

pub(super) fn sarif(w: &mut dyn Write, view: &View) -> std::io::Result<()> {
    json_to(
        w,
        &log(
            view.diagnostics,
            view.root.as_deref(),
            view.docs_base.as_deref(),
        ),
    )
}

/// A SARIF region (keys in alphabetical order, as serde_json's maps always wrote them).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

fn sarif_region(l: &Location) -> Region {
    Region {
        end_column: l.end_column,
        end_line: l.end_line,
        start_column: l.column,
        start_line: l.line,
    }
}

pub(super) fn sarif_uri(file: &str) -> String {
    file.strip_prefix("./").unwrap_or(file).replace('\\', "/")
}

/// Percent-encode a path for a URI (RFC 3986: unreserved characters and `/` stay).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A SARIF artifact location.
#[derive(serde::Serialize, Clone)]
struct Artifact {
    uri: String,
    #[serde(rename = "uriBaseId", skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// A SARIF artifact location: relative to the repository root with `uriBaseId`
/// `%SRCROOT%` (what code scanning resolves), else an absolute `file://` URI.
fn sarif_artifact(file: &str, root: Option<&std::path::Path>) -> Artifact {
    let path = std::path::Path::new(file);
    let absolute = std::path::absolute(path).ok();
    if let (Some(root), Some(abs)) = (root, absolute.as_deref())
        && let Ok(rel) = abs.strip_prefix(root)
    {
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        return Artifact {
            uri: percent_encode(&rel.join("/")),
            uri_base_id: Some("%SRCROOT%"),
        };
    }
    let uri = match absolute {
        Some(abs) => format!(
            "file://{}",
            percent_encode(&sarif_uri(&abs.display().to_string()))
        ),
        None => percent_encode(&sarif_uri(file)),
    };
    Artifact {
        uri,
        uri_base_id: None,
    }
}

#[derive(serde::Serialize)]
/// A SARIF message: `{"text": ...}`, borrowed or made for the occasion.
struct Text<S> {
    text: S,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    message: Text<&'a str>,
    physical_location: PhysicalLocation<'a>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<&'a str>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: &'a Artifact,
    replacements: [Replacement<'a>; 1],
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: [ArtifactChange<'a>; 1],
    description: Text<String>,
}

/// One SARIF result; fields in alphabetical order (the order the format has always had).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
    level: &'static str,
    locations: [ResultLocation<'a>; 1],
    message: Text<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    rule_id: Code,
    rule_index: usize,
}

/// The SARIF log: the rules and the run header are small values; the results are written
/// one at a time from the diagnostics ([`Seq`]). Each file's artifact location is worked out
/// once, not per finding.
fn log<'a>(
    diags: &'a Findings,
    root: Option<&std::path::Path>,
    docs_base: Option<&str>,
) -> impl serde::Serialize + 'a {
    let mut rules: BTreeMap<&str, Code> = BTreeMap::new();
    for i in 0..diags.len() {
        let code = diags.code(i);
        rules.insert(code.id(), code);
    }
    let rule_index: BTreeMap<&str, usize> =
        rules.keys().enumerate().map(|(i, id)| (*id, i)).collect();
    let rules_json: Vec<Value> = rules
        .iter()
        .map(|(id, code)| {
            let summary = code.info().summary;
            let (help, markdown) = (code.help_text(), code.help_markdown());
            let anchor = if code.rule().is_some() { "lint-rules" } else { "content-format" };
            let mut rule = json!({"id": id, "name": id, "shortDescription": {"text": summary}, "help": {"text": help, "markdown": markdown}});
            if let Some(base) = docs_base {
                rule["helpUri"] = Value::String(format!("{base}#{anchor}"));
            }
            rule
        })
        .collect();
    let mut artifacts: BTreeMap<&str, Artifact> = BTreeMap::new();
    for i in 0..diags.len() {
        for file in diags.files(i) {
            if !artifacts.contains_key(file) {
                artifacts.insert(file, sarif_artifact(file, root));
            }
        }
    }
    #[derive(serde::Serialize)]
    struct Driver {
        name: &'static str,
        rules: Vec<Value>,
        version: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Tool {
        driver: Driver,
    }
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Run<'a> {
        column_kind: &'static str,
        results: SarifResults<'a>,
        tool: Tool,
    }
    #[derive(serde::Serialize)]
    struct Log<'a> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        runs: [Run<'a>; 1],
        version: &'static str,
    }
    Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: SarifResults {
                diags,
                artifacts,
                rule_index,
            },
            tool: Tool {
                driver: Driver {
                    name: "guidepress",
                    rules: rules_json,
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    }
}

/// The results of a SARIF run, written one at a time while the log is serialised.
struct SarifResults<'a> {
    diags: &'a Findings,
    /// Each file's artifact location, worked out once.
    artifacts: BTreeMap<&'a str, Artifact>,
    rule_index: BTreeMap<&'a str, usize>,
}

impl SarifResults<'_> {
    fn result<'s>(&'s self, d: &'s Diagnostic) -> SarifResult<'s> {
        // every file was looked up when the artifacts were made
        let artifact = |file: &str| &self.artifacts[file];
        let rule_index = &self.rule_index;
        SarifResult {
            fixes: d.fix.as_ref().map(|fix| {
                [SarifFix {
                    artifact_changes: [ArtifactChange {
                        artifact_location: artifact(&d.file),
                        replacements: [Replacement {
                            deleted_region: sarif_region(&fix.location),
                            inserted_content: Text {
                                text: &fix.replacement,
                            },
                        }],
                    }],
                    description: Text {
                        text: format!("Replace with `{}`", fix.replacement),
                    },
                }]
            }),
            level: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            locations: [ResultLocation {
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&d.file),
                    region: d.location.as_ref().map(sarif_region),
                },
            }],
            message: Text { text: &d.message },
            related_locations: d
                .related
                .iter()
                .enumerate()
                .map(|(id, rel)| RelatedLocation {
                    id,
                    message: Text { text: &rel.message },
                    physical_location: PhysicalLocation {
                        artifact_location: artifact(&rel.file),
                        region: Some(sarif_region(&rel.location)),
                    },
                })
                .collect(),
            rule_id: d.code,
            rule_index: rule_index.get(d.code.id()).copied().unwrap_or(0),
        }
    }
}

impl serde::Serialize for SarifResults<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        // each finding unpacked, written and dropped before the next
        let mut seq = s.serialize_seq(Some(self.diags.len()))?;
        self.diags
            .each(|d| seq.serialize_element(&self.result(d)))?;
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sarif_uris_are_percent_encoded_and_relative_to_the_repository() {
        assert_eq!(
            percent_encode("my guides/50%é.yaml"),
            "my%20guides/50%25%C3%A9.yaml"
        );
        let root = std::env::current_dir().unwrap();
        let v = serde_json::to_value(sarif_artifact("content/a b.yaml", Some(&root))).unwrap();
        assert_eq!(v["uri"], "content/a%20b.yaml");
        assert_eq!(v["uriBaseId"], "%SRCROOT%");
        let outside =
            serde_json::to_value(sarif_artifact("/elsewhere/x.yaml", Some(&root))).unwrap();
        assert_eq!(outside["uri"], "file:///elsewhere/x.yaml");
        assert!(outside.get("uriBaseId").is_none());
    }
}

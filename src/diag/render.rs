//! Rendering diagnostics: `human` (rustc-style snippets via codespan-reporting),
//! `json` (versioned, documented in README), `github` (workflow commands) and
//! `sarif` (SARIF 2.1.0 for code scanning). One module serves every command.

use super::Code;
use super::{Diagnostic, Severity, Summary};
use crate::load::SourceFile;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style findings with the source line and a caret
    Human,
    /// One versioned JSON document (schema/diagnostics.schema.json)
    Json,
    /// GitHub Actions workflow commands: annotations on the changed lines
    Github,
    /// SARIF 2.1.0 for code scanning
    Sarif,
    /// GitLab Code Quality report (a JSON array of issues).
    Gitlab,
}

/// Version of the JSON output shape (bumped on incompatible change).
pub const JSON_VERSION: u32 = 1;

/// Render all diagnostics (already sorted) in one format. `sources` supplies snippets;
/// `color` adds ANSI colours to the human format (callers decide: terminal, --color, NO_COLOR).
pub fn render(
    format: Format,
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    summary: &Summary,
    color: bool,
) -> String {
    // byte offsets in machine formats count from the start of the file as stored
    let shifted;
    let diags =
        if matches!(format, Format::Json | Format::Sarif) && sources.values().any(|s| s.had_bom) {
            shifted = with_bom_offsets(diags, sources);
            &shifted[..]
        } else {
            diags
        };
    match format {
        Format::Human => human(diags, sources, summary, color),
        Format::Json => {
            // serialised straight from the diagnostics (no intermediate JSON tree)
            #[derive(serde::Serialize)]
            struct Tool {
                name: &'static str,
                version: &'static str,
            }
            #[derive(serde::Serialize)]
            struct Output<'a> {
                diagnostics: &'a [Diagnostic],
                summary: &'a Summary,
                tool: Tool,
                version: u32,
            }
            let out = Output {
                diagnostics: diags,
                summary,
                tool: Tool {
                    name: "guidepress",
                    version: env!("CARGO_PKG_VERSION"),
                },
                version: JSON_VERSION,
            };
            serde_json::to_string_pretty(&out).expect("diagnostics serialise") + "\n"
        }
        Format::Github => github(diags, summary),
        Format::Gitlab => {
            serde_json::to_string_pretty(&gitlab(diags)).expect("gitlab report serialises") + "\n"
        }
        Format::Sarif => {
            serde_json::to_string_pretty(&sarif(diags)).expect("sarif serialises") + "\n"
        }
    }
}

/// Diagnostics whose byte offsets count the 3-byte BOM of files that had one.
fn with_bom_offsets(
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
) -> Vec<Diagnostic> {
    let bom = |file: &str| sources.get(file).is_some_and(|s| s.had_bom);
    let shift = |l: &mut super::Location| {
        l.start += 3;
        l.end += 3;
    };
    diags
        .iter()
        .cloned()
        .map(|mut d| {
            if bom(&d.file) {
                if let Some(l) = &mut d.location {
                    shift(l);
                }
                if let Some(f) = &mut d.fix {
                    shift(&mut f.location);
                }
            }
            for r in &mut d.related {
                if bom(&r.file) {
                    shift(&mut r.location);
                }
            }
            d
        })
        .collect()
}

fn human(
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    summary: &Summary,
    color: bool,
) -> String {
    let mut out = human_diagnostics(diags, sources, color);
    out.push_str(&format!("{summary}\n"));
    out
}

/// Human rendering of the diagnostics alone (no summary line).
pub fn human_diagnostics(
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    color: bool,
) -> String {
    // only files that diagnostics point into, borrowed (no copies of clean guides); a text
    // with control characters is shown with them escaped, so a raw ESC in a guide cannot
    // drive the terminal
    let mut escaped: BTreeMap<&str, Escaped> = BTreeMap::new();
    for d in diags {
        for name in std::iter::once(&d.file).chain(d.related.iter().map(|r| &r.file)) {
            if let (false, Some(src)) = (escaped.contains_key(name.as_str()), sources.get(name)) {
                escaped.insert(name.as_str(), Escaped::new(&src.text));
            }
        }
    }
    let mut files = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    for d in diags {
        for name in std::iter::once(&d.file).chain(d.related.iter().map(|r| &r.file)) {
            if let (false, Some(src)) = (ids.contains_key(name.as_str()), sources.get(name)) {
                let text = match escaped.get(name.as_str()) {
                    Some(e) if e.text.is_some() => e.text.as_deref().unwrap_or_default(),
                    _ => src.text.as_str(),
                };
                ids.insert(
                    name.as_str(),
                    (files.add(esc(name), text), &escaped[name.as_str()]),
                );
            }
        }
    }
    let config = term::Config::default();
    let mut out = String::new();
    for d in diags {
        let id = ids.get(d.file.as_str()).copied();
        match (id, d.location) {
            (Some((id, map)), Some(loc)) => {
                let sev = match d.severity {
                    Severity::Error => CsDiagnostic::error(),
                    Severity::Warning => CsDiagnostic::warning(),
                    Severity::Note => CsDiagnostic::note(),
                };
                let mut labels = vec![
                    Label::primary(id, map.range(loc.start, loc.end))
                        .with_message(esc(d.label.as_deref().unwrap_or_default())),
                ];
                for r in &d.related {
                    if let Some(&(rid, rmap)) = ids.get(r.file.as_str()) {
                        labels.push(
                            Label::secondary(rid, rmap.range(r.location.start, r.location.end))
                                .with_message(esc(&r.message)),
                        );
                    }
                }
                let mut notes: Vec<String> = d.notes.iter().map(|n| esc(n)).collect();
                match d.pointer.as_deref() {
                    Some("") => notes.push("at: / (the guide itself)".to_string()),
                    Some(p) => notes.push(format!("at: {p}")),
                    None => {}
                }
                if !d.suggestions.is_empty() && d.fix.is_none() {
                    notes.push(esc(&format!("suggestions: {}", d.suggestions.join(", "))));
                }
                let cs = sev
                    .with_code(d.code.id())
                    .with_message(esc(&d.message))
                    .with_labels(labels)
                    .with_notes(notes);
                let rendered = if color {
                    let mut buf = termcolor::Buffer::ansi();
                    term::emit_to_write_style(&mut buf, &config, &files, &cs)
                        .map(|()| String::from_utf8_lossy(buf.as_slice()).into_owned())
                } else {
                    let mut s = String::new();
                    term::emit_to_string(&mut s, &config, &files, &cs).map(|()| s)
                };
                match rendered {
                    Ok(s) => out.push_str(&s),
                    Err(_) => out.push_str(&plain_line(d)),
                }
            }
            _ => out.push_str(&plain_line(d)),
        }
    }
    out
}

fn plain_line(d: &Diagnostic) -> String {
    let (file, message) = (esc(&d.file), esc(&d.message));
    let mut s = match d.location {
        Some(l) => format!(
            "{}[{}]: {file}:{}:{}: {message}\n",
            d.severity, d.code, l.line, l.column
        ),
        None => format!("{}[{}]: {file}: {message}\n", d.severity, d.code),
    };
    for n in &d.notes {
        s.push_str(&format!("  = {}\n", esc(n)));
    }
    s.push('\n');
    s
}

/// Escape for the message part of a GitHub workflow command.
pub fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape for a property value of a GitHub workflow command.
pub fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn github(diags: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = vec![format!("file={}", gh_escape_property(&esc(&d.file)))];
        if let Some(l) = d.location {
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
            props.push(format!("endLine={}", l.end_line));
            props.push(format!("endColumn={}", l.end_column));
        }
        props.push(format!(
            "title={}",
            gh_escape_property(&format!("guidepress {}", d.code))
        ));
        let mut msg = d.message.clone();
        if !d.suggestions.is_empty() {
            msg.push_str(&format!(" (suggestions: {})", d.suggestions.join(", ")));
        }
        out.push_str(&format!(
            "::{level} {}::{}\n",
            props.join(","),
            gh_escape_data(&esc(&msg))
        ));
    }
    out.push_str(&format!("{summary}\n"));
    out
}

/// GitLab Code Quality: one issue per diagnostic with a stable fingerprint.
fn gitlab(diags: &[Diagnostic]) -> Value {
    Value::Array(
        diags
            .iter()
            .map(|d| {
                let line = d.location.map_or(1, |l| l.line);
                let mut description = d.message.clone();
                if !d.suggestions.is_empty() {
                    description.push_str(&format!(" (suggestions: {})", d.suggestions.join(", ")));
                }
                // FNV-1a over what identifies the finding: stable across runs and machines
                let key = format!(
                    "{}\u{0}{}\u{0}{}\u{0}{}",
                    d.file,
                    d.code.id(),
                    d.message,
                    d.location.map_or(0, |l| l.start)
                );
                let fingerprint = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                });
                json!({
                    "description": description,
                    "check_name": d.code.id(),
                    "fingerprint": format!("{fingerprint:016x}"),
                    "severity": match d.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                        Severity::Note => "info",
                    },
                    "location": {"path": sarif_uri(&d.file), "lines": {"begin": line}},
                })
            })
            .collect(),
    )
}

fn sarif_region(l: &super::Location) -> Value {
    json!({
        "startLine": l.line, "startColumn": l.column,
        "endLine": l.end_line, "endColumn": l.end_column,
    })
}

fn sarif_uri(file: &str) -> String {
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

/// The source root URIs are relative to: the nearest folder upward from the current one
/// holding `.git`, else the current folder.
fn repo_root() -> Option<std::path::PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut dir = cwd.clone();
    loop {
        if dir.join(".git").exists() {
            return Some(dir);
        }
        if !dir.pop() {
            return Some(cwd);
        }
    }
}

/// A SARIF artifact location: relative to the repository root with `uriBaseId`
/// `%SRCROOT%` (what code scanning resolves), else an absolute `file://` URI.
fn sarif_artifact(file: &str, root: Option<&std::path::Path>) -> Value {
    let path = std::path::Path::new(file);
    let absolute = std::path::absolute(path).ok();
    if let (Some(root), Some(abs)) = (root, absolute.as_deref())
        && let Ok(rel) = abs.strip_prefix(root)
    {
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        return json!({"uri": percent_encode(&rel.join("/")), "uriBaseId": "%SRCROOT%"});
    }
    match absolute {
        Some(abs) => {
            json!({"uri": format!("file://{}", percent_encode(&sarif_uri(&abs.display().to_string())))})
        }
        None => json!({"uri": percent_encode(&sarif_uri(file))}),
    }
}

/// The README of the guidepress version that wrote a report, when the crate's `repository`
/// (Cargo.toml) is known: `{repository}/blob/{revision or tag}/README.md`.
fn docs_base() -> Option<String> {
    docs_base_of(env!("CARGO_PKG_REPOSITORY"), crate::scaffold::GIT_REV)
}

fn docs_base_of(repository: &str, rev: Option<&str>) -> Option<String> {
    let repo = repository.trim_end_matches('/');
    if repo.is_empty() {
        return None;
    }
    let rev = rev.map_or_else(|| format!("v{}", env!("CARGO_PKG_VERSION")), str::to_string);
    Some(format!("{repo}/blob/{rev}/README.md"))
}

fn sarif(diags: &[Diagnostic]) -> Value {
    let mut rules: BTreeMap<&str, Code> = BTreeMap::new();
    for d in diags {
        rules.insert(d.code.id(), d.code);
    }
    let rule_ids: Vec<&str> = rules.keys().copied().collect();
    let rules_json: Vec<Value> = rules
        .iter()
        .map(|(id, code)| {
            let summary = code.info().summary;
            let (help, markdown) = (code.help_text(), code.help_markdown());
            let anchor = if code.rule().is_some() { "lint-rules" } else { "content-format" };
            let mut rule = json!({"id": id, "name": id, "shortDescription": {"text": summary}, "help": {"text": help, "markdown": markdown}});
            if let Some(base) = docs_base() {
                rule["helpUri"] = Value::String(format!("{base}#{anchor}"));
            }
            rule
        })
        .collect();
    let root = repo_root();
    let root = root.as_deref();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut physical = json!({"artifactLocation": sarif_artifact(&d.file, root)});
            if let Some(l) = &d.location {
                physical["region"] = sarif_region(l);
            }
            let mut r = json!({
                "ruleId": d.code,
                "ruleIndex": rule_ids.iter().position(|x| *x == d.code.id()).unwrap_or(0),
                "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Note => "note" },
                "message": {"text": d.message},
                "locations": [{"physicalLocation": physical}],
            });
            if !d.related.is_empty() {
                r["relatedLocations"] = Value::Array(
                    d.related
                        .iter()
                        .enumerate()
                        .map(|(i, rel)| json!({
                            "id": i,
                            "physicalLocation": {"artifactLocation": sarif_artifact(&rel.file, root), "region": sarif_region(&rel.location)},
                            "message": {"text": rel.message},
                        }))
                        .collect(),
                );
            }
            if let Some(fix) = &d.fix {
                r["fixes"] = json!([{
                    "description": {"text": format!("Replace with `{}`", fix.replacement)},
                    "artifactChanges": [{
                        "artifactLocation": sarif_artifact(&d.file, root),
                        "replacements": [{"deletedRegion": sarif_region(&fix.location), "insertedContent": {"text": fix.replacement}}],
                    }],
                }]);
            }
            r
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "guidepress",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_uri_points_into_the_readme_of_the_revision() {
        assert_eq!(docs_base_of("", Some("abc")), None);
        assert_eq!(
            docs_base_of("https://git.example/org/guidepress/", Some("0123abc")).unwrap(),
            "https://git.example/org/guidepress/blob/0123abc/README.md"
        );
        assert!(
            docs_base_of("https://git.example/g", None)
                .unwrap()
                .ends_with(&format!("/blob/v{}/README.md", env!("CARGO_PKG_VERSION")))
        );
    }

    #[test]
    fn sarif_uris_are_percent_encoded_and_relative_to_the_repository() {
        assert_eq!(
            percent_encode("my guides/50%é.yaml"),
            "my%20guides/50%25%C3%A9.yaml"
        );
        let root = std::env::current_dir().unwrap();
        let v = sarif_artifact("content/a b.yaml", Some(&root));
        assert_eq!(v["uri"], "content/a%20b.yaml");
        assert_eq!(v["uriBaseId"], "%SRCROOT%");
        let outside = sarif_artifact("/elsewhere/x.yaml", Some(&root));
        assert_eq!(outside["uri"], "file:///elsewhere/x.yaml");
        assert!(outside.get("uriBaseId").is_none());
    }

    #[test]
    fn github_escapes_follow_workflow_command_rules() {
        assert_eq!(gh_escape_data("50%\r\nx:y,z"), "50%25%0D%0Ax:y,z");
        assert_eq!(gh_escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}

/// True for characters that must never reach a terminal raw (C0/C1 controls but tab and
/// line breaks).
fn is_hostile(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `s` with control characters shown as `\u{1b}`.
pub fn esc(s: &str) -> String {
    if !s.chars().any(is_hostile) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_hostile(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A source text with its control characters escaped, and the map from original byte
/// offsets to offsets in the escaped text (`text` is `None` when nothing needed escaping).
struct Escaped {
    text: Option<String>,
    /// (original offset of a control character, bytes added before and at it)
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    fn new(text: &str) -> Self {
        if !text.chars().any(is_hostile) {
            return Escaped {
                text: None,
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut shifts = Vec::new();
        let mut added = 0;
        for (i, c) in text.char_indices() {
            if is_hostile(c) {
                let e = c.escape_unicode().to_string();
                added += e.len() - c.len_utf8();
                shifts.push((i, added));
                out.push_str(&e);
            } else {
                out.push(c);
            }
        }
        Escaped {
            text: Some(out),
            shifts,
        }
    }

    /// Offset in the escaped text of original offset `o` (a control character at `o`
    /// starts its escape there).
    fn map(&self, o: usize) -> usize {
        let before = self.shifts.partition_point(|(p, _)| *p < o);
        o + before.checked_sub(1).map_or(0, |k| self.shifts[k].1)
    }

    fn range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.map(start)..self.map(end)
    }
}

#[cfg(test)]
mod escape_tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let text = "title: \"a\u{1b}[2Jb\u{7}\"\n";
        let src = Arc::new(SourceFile::new("t.yaml", text.to_string(), false));
        let d = Diagnostic::error(Code::ControlCharacter, "t.yaml", "bad \u{1b}]0;title\u{7}")
            .at(Some(src.location(7, text.len() - 1)))
            .label("here \u{1b}");
        let sources = BTreeMap::from([("t.yaml".to_string(), src)]);
        for color in [false, true] {
            let out = human_diagnostics(std::slice::from_ref(&d), &sources, color);
            assert!(!out.contains('\u{7}'), "{out}");
            // with colour, the only ESC bytes are the renderer's own SGR sequences
            assert!(out.contains("\\u{1b}[2J"), "{out}");
            assert!(
                !out.contains("\u{1b}[2J") && !out.contains("\u{1b}]0;"),
                "{out}"
            );
        }
    }

    #[test]
    fn offsets_map_past_escapes() {
        let e = Escaped::new("a\u{1b}b");
        assert_eq!(e.text.as_deref(), Some("a\\u{1b}b"));
        assert_eq!((e.map(0), e.map(1), e.map(2)), (0, 1, 7));
    }
}

//! Rendering diagnostics: `human` (rustc-style snippets via codespan-reporting),
//! `json` (versioned, documented in README), `github` (workflow commands) and
//! `sarif` (SARIF 2.1.0 for code scanning). One module serves every command.

use super::Code;
use super::{Diagnostic, Severity, Summary};
use crate::escape::{esc, is_hostile};
use crate::source::SourceFile;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

/// Output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Render all diagnostics (already sorted) in one format, into a string. See [`render_to`].
pub fn render(
    format: Format,
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    summary: &Summary,
    color: bool,
) -> String {
    let mut out = Vec::new();
    render_to(&mut out, format, diags, sources, summary, color)
        .expect("writing into memory cannot fail");
    String::from_utf8(out).expect("every renderer writes UTF-8")
}

/// Render all diagnostics (already sorted) in one format, streamed into `w` (pass a
/// buffered writer): the report is never held in memory as one string, so 200k findings
/// cost their own size, not twice that. `sources` supplies snippets; `color` adds ANSI
/// colours to the human format (callers decide: terminal, --color, NO_COLOR).
pub fn render_to(
    w: &mut dyn Write,
    format: Format,
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    summary: &Summary,
    color: bool,
) -> std::io::Result<()> {
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
        Format::Human => {
            human_diagnostics_to(w, diags, sources, color)?;
            writeln!(w, "{summary}")
        }
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
            json_to(w, &out)
        }
        Format::Github => github(w, diags, summary),
        Format::Gitlab => json_to(w, &gitlab(diags)),
        Format::Sarif => json_to(w, &sarif(diags)),
    }
}

/// Pretty JSON and a final newline, streamed.
fn json_to(w: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    // the From conversion hands back the writer's own error (a closed pipe stays BrokenPipe)
    serde_json::to_writer_pretty(&mut *w, value).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
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

/// Human rendering of the diagnostics alone (no summary line), into a string.
pub fn human_diagnostics(
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    color: bool,
) -> String {
    let mut out = Vec::new();
    human_diagnostics_to(&mut out, diags, sources, color).expect("writing into memory cannot fail");
    String::from_utf8(out).expect("codespan and our notes are UTF-8")
}

/// Human rendering of the diagnostics alone (no summary line), streamed into `w`.
pub fn human_diagnostics_to(
    w: &mut dyn Write,
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    color: bool,
) -> std::io::Result<()> {
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
    let mut one = String::new();
    for d in diags {
        let id = ids.get(d.file.as_str()).copied();
        match (id, d.location) {
            (Some((id, map)), Some(loc)) => {
                let sev = match d.severity {
                    Severity::Error => CsDiagnostic::error(),
                    Severity::Warning => CsDiagnostic::warning(),
                    Severity::Note => CsDiagnostic::note(),
                };
                let mut spans = vec![Span {
                    file: id,
                    range: map.range(loc.start, loc.end),
                    primary: true,
                    message: esc(d.label.as_deref().unwrap_or_default()),
                    at: loc,
                }];
                for r in &d.related {
                    if let Some(&(rid, rmap)) = ids.get(r.file.as_str()) {
                        spans.push(Span {
                            file: rid,
                            range: rmap.range(r.location.start, r.location.end),
                            primary: false,
                            message: esc(&r.message),
                            at: r.location,
                        });
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
                let cs = |labels: Vec<Label<usize>>| {
                    sev.with_code(d.code.id())
                        .with_message(esc(&d.message))
                        .with_labels(labels)
                        .with_notes(notes)
                };
                // each finding is rendered whole before it is written: a snippet that
                // cannot be rendered falls back to the plain line, never half of each. A
                // finding on a long line shows a window of the line around it, so the
                // output per finding is bounded whatever the length of the line.
                let rendered = match Excerpts::of(&files, &spans) {
                    None => {
                        let labels = spans.into_iter().map(Span::label).collect();
                        emit(w, color, &config, &files, &cs(labels), &mut one)
                    }
                    Some((excerpts, labels)) => {
                        emit(w, color, &config, &excerpts, &cs(labels), &mut one)
                    }
                };
                match rendered {
                    Ok(written) => written?,
                    Err(_) => w.write_all(plain_line(d).as_bytes())?,
                }
            }
            _ => w.write_all(plain_line(d).as_bytes())?,
        }
    }
    Ok(())
}

/// Render one finding into memory, then write it to `w` (the outer error: the snippet could
/// not be rendered; the inner one: the write failed).
fn emit<'f, F: codespan_reporting::files::Files<'f, FileId = usize> + ?Sized>(
    w: &mut dyn Write,
    color: bool,
    config: &term::Config,
    files: &'f F,
    cs: &CsDiagnostic<usize>,
    one: &mut String,
) -> Result<std::io::Result<()>, codespan_reporting::files::Error> {
    if color {
        let mut buf = termcolor::Buffer::ansi();
        term::emit_to_write_style(&mut buf, config, files, cs).map(|()| w.write_all(buf.as_slice()))
    } else {
        one.clear();
        term::emit_to_string(one, config, files, cs).map(|()| w.write_all(one.as_bytes()))
    }
}

/// Source lines longer than this many characters are shown as a window of this many
/// characters around the finding, with `…` where the line goes on.
const LONG_LINE: usize = 120;
/// How many characters of a windowed line are shown before the finding.
const BEFORE: usize = 40;
const ELLIPSIS: &str = "…";

/// The window shown of one line: bytes `a..b` of the file's shown text, copied into
/// excerpt `excerpt` at `at`; the line (with any trailing ellipsis) ends at `end`.
#[derive(Clone, Copy)]
struct Window {
    excerpt: usize,
    a: usize,
    b: usize,
    at: usize,
    end: usize,
}

/// One label of a finding: a range of the shown (escaped) text of file `file`.
struct Span {
    file: usize,
    range: std::ops::Range<usize>,
    primary: bool,
    message: String,
    /// Where it is in the original text (line and column as reported).
    at: super::Location,
}

impl Span {
    fn label(self) -> Label<usize> {
        let l = if self.primary {
            Label::primary(self.file, self.range)
        } else {
            Label::secondary(self.file, self.range)
        };
        l.with_message(self.message)
    }
}

/// The lines one finding shows, each cut to a window around the finding when it is long:
/// a small source per file that codespan renders with the true line numbers and columns.
struct Excerpts {
    files: Vec<Excerpt>,
}

struct Excerpt {
    /// The file id in the full [`SimpleFiles`].
    id: usize,
    name: String,
    text: String,
    /// Per shown line: where it starts in `text` and its line number in the file.
    lines: Vec<(usize, usize)>,
    /// Columns of label starts (byte in `text` -> column in the original line).
    columns: Vec<(usize, usize)>,
}

/// The content of line `index` of `file` (without its line break).
fn content(
    files: &SimpleFiles<String, &str>,
    file: usize,
    index: usize,
) -> Option<std::ops::Range<usize>> {
    use codespan_reporting::files::Files;
    let src = files.get(file).ok()?.source();
    let r = files.line_range(file, index).ok()?;
    let line = &src[r.clone()];
    let trimmed = line.trim_end_matches('\n').trim_end_matches('\r');
    Some(r.start..r.start + trimmed.len())
}

impl Excerpts {
    /// The excerpts of a finding whose labels touch a line longer than [`LONG_LINE`]
    /// characters, with its labels moved into them; `None` when every line is short (the
    /// finding is rendered from the whole file, as always).
    fn of(
        files: &SimpleFiles<String, &str>,
        spans: &[Span],
    ) -> Option<(Excerpts, Vec<Label<usize>>)> {
        use codespan_reporting::files::Files;
        let config = term::Config::default();
        let long = |file: usize, index: usize| {
            let (Some(r), Ok(f)) = (content(files, file, index), files.get(file)) else {
                return false;
            };
            f.source()[r].chars().nth(LONG_LINE).is_some()
        };
        // the lines codespan would show for each label: its first and last, and the
        // context it keeps of a label spanning several lines
        let mut shown: Vec<(usize, usize)> = Vec::new();
        for s in spans {
            let first = files.line_index(s.file, s.range.start).ok()?;
            let last = files.line_index(s.file, s.range.end).ok()?;
            let head = first..=last.min(first + config.start_context_lines);
            let tail = last.saturating_sub(config.end_context_lines).max(first)..=last;
            shown.extend(head.chain(tail).map(|i| (s.file, i)));
        }
        shown.sort_unstable();
        shown.dedup();
        if !shown.iter().any(|&(f, i)| long(f, i)) {
            return None;
        }
        let mut out = Excerpts { files: Vec::new() };
        // the window of each shown line, by (file, line index)
        let mut windows: BTreeMap<(usize, usize), Window> = BTreeMap::new();
        for &(file, index) in &shown {
            let src = files.get(file).ok()?.source();
            let r = content(files, file, index)?;
            // the window holds the first label on the line: the primary one's start if it
            // is there, else the first label start or end there, else the line's start
            let on_line = |b: usize| b >= r.start && b <= r.end;
            let anchor = spans
                .iter()
                .filter(|s| s.primary)
                .chain(spans.iter().filter(|s| !s.primary))
                .filter(|s| s.file == file)
                .find_map(|s| {
                    [s.range.start, s.range.end]
                        .into_iter()
                        .find(|b| on_line(*b))
                })
                .unwrap_or(r.start);
            let (a, b) = if long(file, index) {
                let a = src[r.start..anchor]
                    .char_indices()
                    .rev()
                    .take(BEFORE)
                    .last()
                    .map_or(anchor, |(i, _)| r.start + i);
                let b = src[a..r.end]
                    .char_indices()
                    .nth(LONG_LINE)
                    .map_or(r.end, |(i, _)| a + i);
                (a, b)
            } else {
                (r.start, r.end)
            };
            let e = match out.files.iter().position(|e| e.id == file) {
                Some(e) => e,
                None => {
                    out.files.push(Excerpt {
                        id: file,
                        name: files.get(file).ok()?.name().clone(),
                        text: String::new(),
                        lines: Vec::new(),
                        columns: Vec::new(),
                    });
                    out.files.len() - 1
                }
            };
            let ex = &mut out.files[e];
            let line_number = files.line_number(file, index).ok()?;
            ex.lines.push((ex.text.len(), line_number));
            if a > r.start {
                ex.text.push_str(ELLIPSIS);
            }
            let at = ex.text.len();
            ex.text.push_str(&src[a..b]);
            if b < r.end {
                ex.text.push_str(ELLIPSIS);
            }
            windows.insert(
                (file, index),
                Window {
                    excerpt: e,
                    a,
                    b,
                    at,
                    end: ex.text.len(),
                },
            );
            ex.text.push('\n');
        }
        let mut labels = Vec::new();
        for s in spans {
            let first = files.line_index(s.file, s.range.start).ok()?;
            let last = files.line_index(s.file, s.range.end).ok()?;
            let &Window {
                excerpt: e,
                a,
                b,
                at,
                ..
            } = windows.get(&(s.file, first))?;
            let &Window {
                a: a2,
                b: b2,
                at: at2,
                end: end2,
                ..
            } = windows.get(&(s.file, last))?;
            // a start left of the window is shown at the ellipsis; an end right of it
            // under the ellipsis after it
            let start = if s.range.start < a {
                at.saturating_sub(ELLIPSIS.len())
            } else {
                at + (s.range.start.min(b) - a)
            };
            let end = if s.range.end > b2 {
                end2
            } else {
                at2 + (s.range.end.max(a2) - a2)
            };
            let ex = &mut out.files[e];
            ex.columns.push((start, s.at.column));
            let mut message = s.message.clone();
            if s.range.end < a || s.range.start > b {
                // the label lies outside the window: say where
                if !message.is_empty() {
                    message.push(' ');
                }
                message.push_str(&format!("(line {}, column {})", s.at.line, s.at.column));
            }
            let label = if s.primary {
                Label::primary(e, start..end.max(start))
            } else {
                Label::secondary(e, start..end.max(start))
            };
            labels.push(label.with_message(message));
        }
        Some((out, labels))
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(
        &'a self,
        id: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let lines = &self.get(id)?.lines;
        Ok(lines
            .partition_point(|(start, _)| *start <= byte)
            .saturating_sub(1))
    }

    fn line_number(
        &'a self,
        id: usize,
        index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let lines = &self.get(id)?.lines;
        lines
            .get(index)
            .map(|(_, n)| *n)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: index,
                max: lines.len().saturating_sub(1),
            })
    }

    fn column_number(
        &'a self,
        id: usize,
        index: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let e = self.get(id)?;
        if let Some(&(_, column)) = e.columns.iter().find(|(b, _)| *b == byte) {
            return Ok(column);
        }
        let r = self.line_range(id, index)?;
        Ok(e.text[r.start..byte.clamp(r.start, r.end)].chars().count() + 1)
    }

    fn line_range(
        &'a self,
        id: usize,
        index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        let e = self.get(id)?;
        let start = e
            .lines
            .get(index)
            .ok_or(codespan_reporting::files::Error::LineTooLarge {
                given: index,
                max: e.lines.len().saturating_sub(1),
            })?
            .0;
        let end = e.lines.get(index + 1).map_or(e.text.len(), |(s, _)| *s);
        Ok(start..end)
    }
}

impl Excerpts {
    fn get(&self, id: usize) -> Result<&Excerpt, codespan_reporting::files::Error> {
        self.files
            .get(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }
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

fn github(w: &mut dyn Write, diags: &[Diagnostic], summary: &Summary) -> std::io::Result<()> {
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
        writeln!(
            w,
            "::{level} {}::{}",
            props.join(","),
            gh_escape_data(&esc(&msg))
        )?;
    }
    writeln!(w, "{summary}")
}

/// GitLab Code Quality: one issue per diagnostic with a stable fingerprint. Serialised
/// lazily, one issue at a time (keys in alphabetical order, as the format has always had).
fn gitlab(diags: &[Diagnostic]) -> impl serde::Serialize + '_ {
    #[derive(serde::Serialize)]
    struct Lines {
        begin: usize,
    }
    #[derive(serde::Serialize)]
    struct IssueLocation {
        lines: Lines,
        path: String,
    }
    #[derive(serde::Serialize)]
    struct Issue {
        check_name: &'static str,
        description: String,
        fingerprint: String,
        location: IssueLocation,
        severity: &'static str,
    }
    let issue = |d: &Diagnostic| {
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
        Issue {
            check_name: d.code.id(),
            description,
            fingerprint: format!("{fingerprint:016x}"),
            location: IssueLocation {
                lines: Lines { begin: line },
                path: sarif_uri(&d.file),
            },
            severity: match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Note => "info",
            },
        }
    };
    Seq { diags, item: issue }
}

/// A JSON array made one element at a time from the diagnostics while it is written (the
/// elements are never all in memory).
struct Seq<'a, T, F: Fn(&'a Diagnostic) -> T> {
    diags: &'a [Diagnostic],
    item: F,
}

impl<'a, T: serde::Serialize, F: Fn(&'a Diagnostic) -> T> serde::Serialize for Seq<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.diags.iter().map(&self.item))
    }
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

fn sarif_region(l: &super::Location) -> Region {
    Region {
        end_column: l.end_column,
        end_line: l.end_line,
        start_column: l.column,
        start_line: l.line,
    }
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

/// The README of the guidepress version that wrote a report, when the crate's `repository`
/// (Cargo.toml) is known: `{repository}/blob/{revision or tag}/README.md`.
fn docs_base() -> Option<String> {
    docs_base_of(env!("CARGO_PKG_REPOSITORY"), crate::GIT_REV)
}

fn docs_base_of(repository: &str, rev: Option<&str>) -> Option<String> {
    let repo = repository.trim_end_matches('/');
    if repo.is_empty() {
        return None;
    }
    let rev = rev.map_or_else(|| format!("v{}", env!("CARGO_PKG_VERSION")), str::to_string);
    Some(format!("{repo}/blob/{rev}/README.md"))
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
fn sarif(diags: &[Diagnostic]) -> impl serde::Serialize + '_ {
    let mut rules: BTreeMap<&str, Code> = BTreeMap::new();
    for d in diags {
        rules.insert(d.code.id(), d.code);
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
            if let Some(base) = docs_base() {
                rule["helpUri"] = Value::String(format!("{base}#{anchor}"));
            }
            rule
        })
        .collect();
    let root = repo_root();
    let mut artifacts: BTreeMap<&str, Artifact> = BTreeMap::new();
    for d in diags {
        for file in std::iter::once(&d.file).chain(d.related.iter().map(|r| &r.file)) {
            if !artifacts.contains_key(file.as_str()) {
                artifacts.insert(file, sarif_artifact(file, root.as_deref()));
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
    diags: &'a [Diagnostic],
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
        s.collect_seq(self.diags.iter().map(|d| self.result(d)))
    }
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
        let v = serde_json::to_value(sarif_artifact("content/a b.yaml", Some(&root))).unwrap();
        assert_eq!(v["uri"], "content/a%20b.yaml");
        assert_eq!(v["uriBaseId"], "%SRCROOT%");
        let outside =
            serde_json::to_value(sarif_artifact("/elsewhere/x.yaml", Some(&root))).unwrap();
        assert_eq!(outside["uri"], "file:///elsewhere/x.yaml");
        assert!(outside.get("uriBaseId").is_none());
    }

    #[test]
    fn github_escapes_follow_workflow_command_rules() {
        assert_eq!(gh_escape_data("50%\r\nx:y,z"), "50%25%0D%0Ax:y,z");
        assert_eq!(gh_escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
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
    fn a_finding_on_a_long_line_shows_a_window_of_it() {
        let line = format!(
            "paragraph: {}the the end{}",
            "a ".repeat(5_000),
            " b".repeat(5_000)
        );
        let text = format!("title: T\n{line}\nlast: x\n");
        let src = Arc::new(SourceFile::new("t.yaml", text.clone(), false));
        let at = text.find("the the").unwrap();
        let first = text.find("title").unwrap();
        let d = Diagnostic::new(
            Severity::Warning,
            Code::RepeatedWord,
            "t.yaml",
            "`the` is repeated",
        )
        .at(Some(src.location(at + 4, at + 7)))
        .label("repeated word")
        .related("t.yaml", src.location(first, first + 5), "see also")
        .related(
            "t.yaml",
            src.location(at + 8 + 100 * 2, at + 8 + 100 * 2 + 1),
            "far away",
        );
        let sources = BTreeMap::from([("t.yaml".to_string(), src.clone())]);
        let out = human_diagnostics(std::slice::from_ref(&d), &sources, false);
        assert!(out.len() < 1_500, "length {}: {out}", out.len());
        // the true line and column in the header, the finding under its caret
        let loc = src.location(at + 4, at + 7);
        assert!(out.contains(&format!("t.yaml:2:{}", loc.column)), "{out}");
        let shown = out.lines().find(|l| l.contains("the the")).unwrap();
        let carets = out.lines().find(|l| l.contains("^^^")).unwrap();
        assert_eq!(
            shown.chars().position(|c| c == 't').map(|p| p + 4),
            carets.chars().position(|c| c == '^'),
            "{out}"
        );
        assert!(shown.contains("…a a") && shown.ends_with('…'), "{shown}");
        // a short line is shown whole; a label outside the window says where it is
        assert!(out.contains("1 │ title: T"), "{out}");
        assert!(out.contains("far away (line 2, column"), "{out}");
        // short lines render exactly as before (no window)
        let short = Diagnostic::new(Severity::Warning, Code::RepeatedWord, "t.yaml", "x")
            .at(Some(src.location(first, first + 5)))
            .label("here");
        let out = human_diagnostics(std::slice::from_ref(&short), &sources, false);
        assert!(!out.contains('…'), "{out}");
    }

    #[test]
    fn offsets_map_past_escapes() {
        let e = Escaped::new("a\u{1b}b");
        assert_eq!(e.text.as_deref(), Some("a\\u{1b}b"));
        assert_eq!((e.map(0), e.map(1), e.map(2)), (0, 1, 7));
    }
}

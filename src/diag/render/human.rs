//! The human format: rustc-style findings with the source line and a caret
//! (codespan-reporting), a window of a long line around the finding, control characters
//! escaped; a finding whose snippet cannot be shown is one plain line.

use super::View;
use crate::diag::{Diagnostic, Findings, Severity};
use crate::escape::{esc, is_hostile};
use crate::source::SourceFile;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

/// The findings, then the summary line.
pub(super) fn human(w: &mut dyn Write, view: &View) -> std::io::Result<()> {
    human_findings_to(w, view.diagnostics, view.sources, view.color)?;
    writeln!(w, "{}", view.summary)
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
    human_findings_to(w, &Findings::from(diags.to_vec()), sources, color)
}

/// Human rendering of packed findings (no summary line), streamed into `w`: each finding
/// is unpacked when it is written.
pub(super) fn human_findings_to(
    w: &mut dyn Write,
    diags: &Findings,
    sources: &BTreeMap<String, Arc<SourceFile>>,
    color: bool,
) -> std::io::Result<()> {
    let escaped = escaped_sources(diags, sources);
    let mut files = SimpleFiles::new();
    let mut ids = BTreeMap::new();
    for i in 0..diags.len() {
        for name in diags.files(i) {
            if let (false, Some(src)) = (ids.contains_key(name), sources.get(name)) {
                let text = match escaped.get(name) {
                    Some(e) if e.text.is_some() => e.text.as_deref().unwrap_or_default(),
                    _ => src.text.as_str(),
                };
                ids.insert(name, (files.add(esc(name), text), &escaped[name]));
            }
        }
    }
    let config = term::Config::default();
    let mut one = String::new();
    diags.each(|d| {
        let id = ids.get(d.file.as_str()).copied();
        match (id, d.location) {
            (Some((id, map)), Some(loc)) => {
                let snippet = Snippet {
                    files: &files,
                    ids: &ids,
                    config: &config,
                    color,
                };
                snippet.write(w, d, id, map, loc, &mut one)
            }
            _ => w.write_all(plain_line(d).as_bytes()),
        }
    })
}

/// The texts of the files `diags` point into, borrowed (no copies of clean guides); a text
/// with control characters is shown with them escaped, so a raw ESC in a guide cannot drive
/// the terminal.
fn escaped_sources<'a>(
    diags: &'a Findings,
    sources: &'a BTreeMap<String, Arc<SourceFile>>,
) -> BTreeMap<&'a str, Escaped> {
    let mut escaped: BTreeMap<&str, Escaped> = BTreeMap::new();
    for i in 0..diags.len() {
        for name in diags.files(i) {
            if let (false, Some(src)) = (escaped.contains_key(name), sources.get(name)) {
                escaped.insert(name, Escaped::new(&src.text));
            }
        }
    }
    escaped
}

/// What rendering one finding as a snippet needs: the shown files, each file's id and
/// escape map by name, codespan's configuration, and whether to colour.
struct Snippet<'f> {
    files: &'f SimpleFiles<String, &'f str>,
    ids: &'f BTreeMap<&'f str, (usize, &'f Escaped)>,
    config: &'f term::Config,
    color: bool,
}

impl Snippet<'_> {
    /// Write finding `d` (at `loc` in file `id`, its text escaped as `map` says) as a
    /// snippet; one that cannot be rendered is written as the plain line.
    fn write(
        &self,
        w: &mut dyn Write,
        d: &Diagnostic,
        id: usize,
        map: &Escaped,
        loc: crate::diag::Location,
        one: &mut String,
    ) -> std::io::Result<()> {
        let (files, ids, config, color) = (self.files, self.ids, self.config, self.color);
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
        let rendered = match Excerpts::of(files, &spans) {
            None => {
                let labels = spans.into_iter().map(Span::label).collect();
                emit(w, color, config, files, &cs(labels), one)
            }
            Some((excerpts, labels)) => emit(w, color, config, &excerpts, &cs(labels), one),
        };
        match rendered {
            Ok(written) => written,
            Err(_) => w.write_all(plain_line(d).as_bytes()),
        }
    }
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
    at: crate::diag::Location,
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
        let long = |file: usize, index: usize| {
            let (Some(r), Ok(f)) = (content(files, file, index), files.get(file)) else {
                return false;
            };
            f.source()[r].chars().nth(LONG_LINE).is_some()
        };
        let shown = shown_lines(files, spans)?;
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
                window(src, r.clone(), anchor)
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
        let labels = out.labels(files, spans, &windows)?;
        Some((out, labels))
    }

    /// The labels of `spans` moved into the excerpts' `windows`: a start left of a window
    /// at its ellipsis, an end right of it under the ellipsis after it, and a label outside
    /// its window saying where it is.
    fn labels(
        &mut self,
        files: &SimpleFiles<String, &str>,
        spans: &[Span],
        windows: &BTreeMap<(usize, usize), Window>,
    ) -> Option<Vec<Label<usize>>> {
        use codespan_reporting::files::Files;
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
            let ex = &mut self.files[e];
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
        Some(labels)
    }
}

/// The bytes `a..b` of the long line `r` of `src` shown around `anchor`: [`BEFORE`]
/// characters before it, [`LONG_LINE`] characters in all.
fn window(src: &str, r: std::ops::Range<usize>, anchor: usize) -> (usize, usize) {
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
}

/// The lines codespan would show for each label, sorted, as (file, line index): its first
/// and last, and the context it keeps of a label spanning several lines.
fn shown_lines(files: &SimpleFiles<String, &str>, spans: &[Span]) -> Option<Vec<(usize, usize)>> {
    use codespan_reporting::files::Files;
    let config = term::Config::default();
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
    Some(shown)
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
mod tests {
    use super::*;
    use crate::diag::Code;

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

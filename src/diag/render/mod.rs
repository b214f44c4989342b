//! Rendering a report: one file per format (`human`: rustc-style snippets via
//! codespan-reporting; `json`: versioned, documented in README; `github`: workflow commands;
//! `sarif`: SARIF 2.1.0 for code scanning; `gitlab`: Code Quality), each reading the one
//! [`View`] of the report. Output is streamed; no format holds the report as one string.

mod github;
mod gitlab;
mod human;
mod json;
mod sarif;

pub use human::{human_diagnostics, human_diagnostics_to};

use super::{Diagnostic, Findings, Summary};
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
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
pub(crate) const JSON_VERSION: u32 = 1;

/// What every format renders: the findings (already sorted), the sources their snippets
/// come from, the counts, and what the caller knows of the world outside the report.
pub struct View<'a> {
    /// Packed; each renderer unpacks one finding at a time while it writes.
    pub diagnostics: &'a Findings,
    pub sources: &'a BTreeMap<String, Arc<SourceFile>>,
    pub summary: &'a Summary,
    /// ANSI colours in the human format (the caller decides: terminal, --color, NO_COLOR).
    pub color: bool,
    /// The folder SARIF URIs are relative to (`%SRCROOT%`, the repository root); without
    /// one, URIs are absolute `file://` URIs.
    pub root: Option<PathBuf>,
    /// The README the SARIF rules' help links point into (see [`crate::docs_base`]).
    pub docs_base: Option<String>,
}

impl<'a> View<'a> {
    /// A view with no colour, no repository root and no docs base.
    pub fn new(
        diagnostics: &'a Findings,
        sources: &'a BTreeMap<String, Arc<SourceFile>>,
        summary: &'a Summary,
    ) -> View<'a> {
        View {
            diagnostics,
            sources,
            summary,
            color: false,
            root: None,
            docs_base: None,
        }
    }
}

/// Render all diagnostics (already sorted) in one format, into a string, without a
/// repository root or docs base (see [`View::new`]). See [`render_to`].
pub fn render(
    format: Format,
    diags: &[Diagnostic],
    sources: &BTreeMap<String, Arc<SourceFile>>,
    summary: &Summary,
    color: bool,
) -> String {
    let mut out = Vec::new();
    let diags = Findings::from(diags.to_vec());
    let view = View {
        color,
        ..View::new(&diags, sources, summary)
    };
    render_to(&mut out, format, &view).expect("writing into memory cannot fail");
    String::from_utf8(out).expect("every renderer writes UTF-8")
}

/// Render the report in one format, streamed into `w` (pass a buffered writer): the report
/// is never held in memory as one string, so 200k findings cost their own size, not twice
/// that.
pub fn render_to(w: &mut dyn Write, format: Format, view: &View) -> std::io::Result<()> {
    // byte offsets in machine formats count from the start of the file as stored
    let shifted;
    let diags = if matches!(format, Format::Json | Format::Sarif)
        && view.sources.values().any(|s| s.had_bom)
    {
        shifted = with_bom_offsets(view.diagnostics, view.sources);
        &shifted
    } else {
        view.diagnostics
    };
    let view = &View {
        diagnostics: diags,
        root: view.root.clone(),
        docs_base: view.docs_base.clone(),
        ..*view
    };
    match format {
        Format::Human => human::human(w, view),
        Format::Json => json::json(w, view),
        Format::Github => github::github(w, view),
        Format::Gitlab => gitlab::gitlab(w, view),
        Format::Sarif => sarif::sarif(w, view),
    }
}

/// Pretty JSON and a final newline, streamed.
pub(super) fn json_to(w: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    // the From conversion hands back the writer's own error (a closed pipe stays BrokenPipe)
    serde_json::to_writer_pretty(&mut *w, value).map_err(std::io::Error::from)?;
    w.write_all(b"\n")
}

/// Diagnostics whose byte offsets count the 3-byte BOM of files that had one.
fn with_bom_offsets(diags: &Findings, sources: &BTreeMap<String, Arc<SourceFile>>) -> Findings {
    let bom = |file: &str| sources.get(file).is_some_and(|s| s.had_bom);
    let shift = |l: &mut crate::diag::Location| {
        l.start += 3;
        l.end += 3;
    };
    diags
        .iter()
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

/// A JSON array made one element at a time from the findings while it is written (each
/// finding is unpacked, turned into its element and written before the next).
pub(super) struct Seq<'a, T, F: Fn(&Diagnostic) -> T> {
    pub(super) diags: &'a Findings,
    pub(super) item: F,
}

impl<T: serde::Serialize, F: Fn(&Diagnostic) -> T> serde::Serialize for Seq<'_, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.diags.len()))?;
        self.diags
            .each(|d| seq.serialize_element(&(self.item)(d)))?;
        seq.end()
    }
}

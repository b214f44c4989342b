//! The one diagnostic type shared by every stage (load, validate, lint, export).
//!
//! A [`Diagnostic`] names a file and, where it can, a [`Location`] (byte range plus
//! 1-based line and column, counted in characters). Rendering lives in [`render`].

pub mod codes;
pub mod findings;
pub mod render;

pub use crate::source::Location;
pub use codes::Code;
pub use findings::Findings;

use serde::Serialize;
use std::fmt;

/// How serious a finding is. `Error` makes `validate`, `lint` and `check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational; never fails a run.
    Note,
    /// Worth fixing; fails a run only with `--error-on-warnings`.
    Warning,
    /// Must be fixed; exit code 1.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A second place that belongs to a finding ("first defined here").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    pub file: String,
    pub location: Location,
    pub message: String,
}

/// A machine-applicable edit: replace the bytes of `location` with `replacement`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fix {
    pub location: Location,
    pub replacement: String,
    /// What the edit means for the parsed guide (not serialised): `lint --fix` re-parses
    /// the result and proves that only this part of the value changed.
    #[serde(skip)]
    pub target: Option<FixTarget>,
}

/// The string a [`Fix`] edits: bytes `start..end` of the value at JSON Pointer `pointer`
/// become the replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixTarget {
    pub pointer: String,
    pub start: usize,
    pub end: usize,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Rule or check id: `yaml-syntax`, `schema`, `spelling`, ... (see [`codes`]).
    pub code: Code,
    pub message: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// JSON Pointer of the node inside the guide, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Short text shown under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Extra lines ("help: did you mean `title`?").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Suggested replacements, best first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Boxed: most findings have none, and a report may hold 200k findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Box<Fix>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: Code, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: file.to_string(),
            location: None,
            pointer: None,
            label: None,
            notes: Vec::new(),
            suggestions: Vec::new(),
            fix: None,
            related: Vec::new(),
        }
    }
    pub fn error(code: Code, file: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }
    pub(crate) fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    // the first note or related place gets room for one, not four (`Vec` starts at four): a
    // report may hold 200k findings with one each
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.reserve_exact(1);
        self.notes.push(note.into());
        self
    }
    pub fn related(mut self, file: &str, location: Location, message: impl Into<String>) -> Self {
        self.related.reserve_exact(1);
        self.related.push(Related {
            file: file.to_string(),
            location,
            message: message.into(),
        });
        self
    }

    /// The report order: file, position, code, message, then every other field, so that
    /// two findings compare equal only when they print the same. A total order lets callers
    /// sort in place (`sort_unstable_by`, no scratch copy of 200k findings) and still get
    /// one order whatever the threads did. Compares borrowed fields (a key function would
    /// clone strings per comparison).
    pub fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
        let span = |d: &Diagnostic| d.location.map_or((0, 0), |l| (l.start, l.end));
        (a.file.as_str(), span(a), a.code, a.message.as_str())
            .cmp(&(b.file.as_str(), span(b), b.code, b.message.as_str()))
            .then_with(|| Self::rest(a).cmp(&Self::rest(b)))
    }

    /// The fields [`Diagnostic::order`] compares after the main key.
    #[allow(clippy::type_complexity)]
    fn rest(
        d: &Diagnostic,
    ) -> (
        Severity,
        Option<&str>,
        Option<&str>,
        &[String],
        &[String],
        Option<(usize, usize, &str)>,
        Vec<(&str, usize, usize, &str)>,
    ) {
        (
            d.severity,
            d.pointer.as_deref(),
            d.label.as_deref(),
            &d.notes,
            &d.suggestions,
            d.fix
                .as_ref()
                .map(|f| (f.location.start, f.location.end, f.replacement.as_str())),
            d.related
                .iter()
                .map(|r| {
                    (
                        r.file.as_str(),
                        r.location.start,
                        r.location.end,
                        r.message.as_str(),
                    )
                })
                .collect(),
        )
    }
}

/// Counts of findings by severity, for summaries and exit codes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub files: usize,
}

impl Summary {
    pub fn of(diags: &[Diagnostic], files: usize) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        for d in diags {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }
}

impl Summary {
    /// The counts of a packed report ([`Findings`]).
    pub fn of_findings(findings: &Findings, files: usize) -> Self {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        for severity in findings.severities() {
            match severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Note => s.notes += 1,
            }
        }
        s
    }

    /// Whether these findings fail a run: any error, any warning with
    /// `error_on_warnings`, or more warnings than `max_warnings`.
    pub fn fails(&self, error_on_warnings: bool, max_warnings: Option<usize>) -> bool {
        self.errors > 0
            || (error_on_warnings && self.warnings > 0)
            || max_warnings.is_some_and(|m| self.warnings > m)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::util::plural;
        write!(
            f,
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "guide")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: usize) -> Location {
        Location {
            start,
            end: start + 3,
            line: 1,
            column: start + 1,
            end_line: 1,
            end_column: start + 4,
        }
    }

    /// Findings that tie on file, place, code and message still have one order (so an
    /// in-place unstable sort gives the same report from any starting order), and compare
    /// equal only when they print the same.
    #[test]
    fn the_report_order_is_total() {
        let base = Diagnostic::new(Severity::Error, Code::Spelling, "g.yaml", "unknown word")
            .at(Some(at(4)));
        let diags = vec![
            base.clone().note("b"),
            base.clone().note("a"),
            base.clone().label("x"),
            base.clone().pointer("/sections/0"),
            base.clone().related("g.yaml", at(1), "first here"),
            base.clone().related("g.yaml", at(0), "first here"),
            Diagnostic {
                severity: Severity::Warning,
                ..base.clone()
            },
            Diagnostic {
                suggestions: vec!["word".into()],
                ..base.clone()
            },
            base.clone(),
            Diagnostic::new(Severity::Error, Code::Spelling, "a.yaml", "z").at(Some(at(9))),
        ];
        let mut sorted = diags.clone();
        sorted.sort_by(Diagnostic::order);
        for i in 0..diags.len() {
            for j in 0..diags.len() {
                let same = Diagnostic::order(&diags[i], &diags[j]) == std::cmp::Ordering::Equal;
                assert_eq!(same, i == j, "{i} vs {j}");
            }
        }
        let mut rotated = diags.clone();
        for k in 0..diags.len() {
            rotated.rotate_left(k.min(1));
            let mut again = rotated.clone();
            again.sort_unstable_by(Diagnostic::order);
            assert_eq!(again, sorted);
        }
        assert_eq!(sorted[0].file, "a.yaml");
    }
}

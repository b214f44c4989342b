//! The GitLab format: a Code Quality report (a JSON array of issues with stable
//! fingerprints).

use super::{Seq, View, json_to};
use crate::diag::{Diagnostic, Findings, Severity};
use std::io::Write;

pub(super) fn gitlab(w: &mut dyn Write, view: &View) -> std::io::Result<()> {
    json_to(w, &issues(view.diagnostics))
}

/// GitLab Code Quality: one issue per diagnostic with a stable fingerprint. Serialised
/// lazily, one issue at a time (keys in alphabetical order, as the format has always had).
fn issues(diags: &Findings) -> impl serde::Serialize + '_ {
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
                path: super::sarif::sarif_uri(&d.file),
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

//! `validate`, `lint` and `check`: run the library check, print every finding in the
//! chosen format, turn the counts into an outcome.

use super::{CmdResult, Outcome};
use crate::cli::{Global, ReportArgs};
use guidepress::diag::render::{self, Format};
use guidepress::diag::{Diagnostic, Severity, Summary};
use guidepress::project::{Project, Report, Stage};
use std::io::Write;

/// The outcome for a set of findings under the report options.
pub fn outcome(summary: &Summary, io_error: bool, args: &ReportArgs) -> Outcome {
    if io_error {
        Outcome::Failed
    } else if summary.errors > 0
        || (args.error_on_warnings && summary.warnings > 0)
        || args.max_warnings.is_some_and(|m| summary.warnings > m)
    {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// The diagnostics `--quiet` leaves in the listing (the summary still counts everything).
pub fn shown(report: &Report, global: &Global) -> Vec<Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| !global.quiet || d.severity == Severity::Error)
        .cloned()
        .collect()
}

/// Print a report in `format` to stdout.
pub fn print(report: &Report, format: Format, global: &Global) -> std::io::Result<()> {
    let text = render::render(
        format,
        &shown(report, global),
        &report.sources,
        &report.summary(),
        global.use_color(),
    );
    std::io::stdout().lock().write_all(text.as_bytes())
}

pub fn run(args: &ReportArgs, stage: Stage, global: &Global) -> CmdResult {
    let project = Project::open(&args.paths, args.config.as_deref())?;
    let report = project.check(stage);
    let summary = report.summary();
    print(&report, args.format, global)?;
    if let Some(max) = args.max_warnings.filter(|m| summary.warnings > *m)
        && args.format == Format::Human
    {
        writeln!(
            std::io::stdout(),
            "too many warnings: {} (maximum {max})",
            summary.warnings
        )?;
    }
    Ok(outcome(&summary, report.io_error, args))
}

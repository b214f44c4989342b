//! `guidepress export --format pdf|epub|txt`: validate, then write one file per guide.
//! When any guide fails validation nothing is written (exit 1); the files are committed together.

use super::{CmdResult, Outcome};
use guidepress::diag::render::Format;
use guidepress::project::{Project, Stage};
use guidepress::settings::Settings;
use std::io::Write;

pub fn run(args: &crate::cli::ExportArgs, global: &crate::cli::Global) -> CmdResult {
    let project = Project::with_settings(&args.paths, Settings::default());
    let report = project.check(Stage::Validate);
    if let Some(outcome) = super::refusal(&report) {
        super::print(&report, Format::Human, global)?;
        eprintln!("nothing exported: fix the errors above first");
        return Ok(outcome);
    }
    if let Some(w) = guidepress::export::source_date_epoch_warning() {
        eprintln!("warning[export]: {w}");
    }
    let _guard = guidepress::project::Guard::new();
    let written = project.export(
        &report,
        &[args.format],
        &args.output.out,
        &args.output.options(),
        &|| {},
    )?;
    super::export_warnings(&written);
    let mut stdout = std::io::stdout().lock();
    for w in written {
        if !global.quiet {
            writeln!(stdout, "wrote {} ({} bytes)", w.path.display(), w.bytes)?;
        }
    }
    Ok(Outcome::Clean)
}

//! `guidepress export --format pdf|epub|txt|html`: validate, then write one file per guide
//! (`--out -`: one guide to standard output). The export policy is the library's
//! ([`Project::check_for_export`]): findings that refuse stop everything (nothing written);
//! other lint errors only warn that `check` would fail.

use super::{CmdResult, Outcome};
use guidepress::diag::render::Format;
use guidepress::project::Project;
use guidepress::util::plural;
use std::io::Write;

pub fn run(args: &crate::cli::ExportArgs, global: &crate::cli::Global) -> CmdResult {
    let project = Project::open(&args.paths, None)?;
    let check = project.check_for_export();
    let report = &check.report;
    if let Some(refusal) = report.refusal() {
        super::print(report, Format::Human, global)?;
        eprintln!("nothing exported: fix the errors above first");
        return Ok(super::refused(refusal));
    }
    if check.lint_errors > 0 {
        let paths: Vec<String> = args
            .paths
            .iter()
            .map(|p| guidepress::fs::shown(p))
            .collect();
        eprintln!(
            "warning[lint]: `guidepress check` would fail: {} in {} of {}; exporting anyway (run `guidepress check {}` to see them; `build` refuses)",
            plural(check.lint_errors, "lint error"),
            plural(check.lint_guides, "guide"),
            report.documents.len(),
            paths.join(" ")
        );
    }
    if let Some(w) = guidepress::export::source_date_epoch_warning() {
        eprintln!("warning[export]: {w}");
    }
    let options = args.output.options();
    if args.output.out.as_os_str() == "-" {
        let (doc, rendered) = project.render_one(report, args.format.into(), &options)?;
        for w in &rendered.warnings {
            eprintln!("warning[export]: {}: {w}", doc.source.name);
        }
        std::io::stdout().lock().write_all(&rendered.bytes)?;
        return Ok(Outcome::Clean);
    }
    let _guard = guidepress::project::Guard::new();
    let written = project.export(
        report,
        &[args.format.into()],
        &args.output.out,
        &options,
        &|| {},
    )?;
    super::export_warnings(&written);
    let mut stdout = std::io::stdout().lock();
    for w in written.iter().filter(|_| !global.quiet) {
        let path = guidepress::fs::shown(&w.path);
        writeln!(stdout, "wrote {path} ({})", plural(w.bytes, "byte"))?;
    }
    // the process ends when this returns: the configuration's tables and the checked guide
    // (plain memory, nothing to close) go back to the system whole instead of being freed
    // piece by piece (about 2 % of an export's instructions)
    std::mem::forget(check);
    std::mem::forget(project);
    Ok(Outcome::Clean)
}

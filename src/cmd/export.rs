//! `guidepress export --format pdf|epub|txt|html`: validate, then write one file per guide
//! (`--out -`: one guide to standard output). When any guide fails validation nothing is
//! written (exit 1); the files are committed together. Lint errors do not stop an export,
//! but a warning says that `check` would fail.

use super::{CmdResult, Outcome};
use guidepress::diag::render::Format;
use guidepress::diag::{Diagnostic, Severity};
use guidepress::project::{Error, Project, Report, Stage};
use std::io::Write;

pub fn run(args: &crate::cli::ExportArgs, global: &crate::cli::Global) -> CmdResult {
    let to_stdout = args.output.out.as_os_str() == "-";
    let project = Project::open(&args.paths, None)?;
    let mut report = project.check(Stage::CheckErrors);
    // lint findings are reported apart: they warn; validation errors and an unfinished
    // guide marked for publication refuse (see `Report::refuses_export`)
    let (validation, lint): (Vec<Diagnostic>, Vec<Diagnostic>) =
        std::mem::take(&mut report.diagnostics)
            .into_iter()
            .partition(|d| d.code.rule().is_none() || Report::refuses_export(d));
    report.diagnostics = validation;
    if let Some(outcome) = super::refusal(&report) {
        super::print(&report, Format::Human, global)?;
        eprintln!("nothing exported: fix the errors above first");
        return Ok(outcome);
    }
    lint_warning(&lint, &report, &args.paths);
    if let Some(w) = guidepress::export::source_date_epoch_warning() {
        eprintln!("warning[export]: {w}");
    }
    if to_stdout {
        return to_standard_output(&project, &report, args);
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
            writeln!(
                stdout,
                "wrote {} ({})",
                guidepress::fs::shown(&w.path),
                guidepress::util::plural(w.bytes, "byte")
            )?;
        }
    }
    Ok(Outcome::Clean)
}

/// "`check` would fail": the count of lint errors and the command that lists them.
fn lint_warning(lint: &[Diagnostic], report: &Report, paths: &[std::path::PathBuf]) {
    let errors: Vec<&Diagnostic> = lint
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return;
    }
    let guides: std::collections::BTreeSet<&str> = errors.iter().map(|d| d.file.as_str()).collect();
    let paths: Vec<String> = paths.iter().map(|p| guidepress::fs::shown(p)).collect();
    eprintln!(
        "warning[lint]: `guidepress check` would fail: {} in {} of {}; exporting anyway (run `guidepress check {}` to see them; `build` refuses)",
        guidepress::util::plural(errors.len(), "lint error"),
        guidepress::util::plural(guides.len(), "guide"),
        report.documents.len(),
        paths.join(" ")
    );
}

/// `--out -`: the one guide's export on standard output (warnings on stderr).
fn to_standard_output(
    project: &Project,
    report: &Report,
    args: &crate::cli::ExportArgs,
) -> CmdResult {
    let [doc] = &report.documents[..] else {
        return Err(Error::Usage(format!(
            "`--out -` writes one guide to standard output, but {} were found: name one guide file",
            report.documents.len()
        ))
        .into());
    };
    let options = project.options_for(doc, args.format, &args.output.options());
    let rendered = guidepress::project::render(doc, args.format, &options)?;
    for w in &rendered.warnings {
        eprintln!("warning[export]: {}: {w}", doc.source.name);
    }
    std::io::stdout().lock().write_all(&rendered.bytes)?;
    Ok(Outcome::Clean)
}

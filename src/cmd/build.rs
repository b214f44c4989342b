//! `guidepress build`: the main job. Check every guide (validate + lint); on any error,
//! report everything and write nothing (exit 1). Otherwise export every format of every
//! guide in parallel and commit all files together, with a progress bar on a terminal.

use super::{CmdResult, Outcome};
use guidepress::diag::render::Format;
use guidepress::project::{Error, Project, Stage};
use std::io::{IsTerminal, Write};
use std::time::Instant;

pub fn run(args: &crate::cli::BuildArgs, global: &crate::cli::Global) -> CmdResult {
    let started = Instant::now();
    if args.output.out.as_os_str() == "-" {
        return Err(guidepress::project::Error::Usage(
            "`build` writes every format of every guide to a folder; for one guide on standard output use `guidepress export --format FORMAT --out - GUIDE`".into(),
        )
        .into());
    }
    let project = Project::open(&args.paths, args.config.as_deref())?;
    let report = project.check(Stage::Check);
    let summary = report.summary();
    if !report.shown(global.quiet).is_empty() {
        super::print(&report, Format::Human, global)?;
    }
    if let Some(refusal) = report.refusal() {
        eprintln!("build failed: nothing was written; existing exports are unchanged");
        return Ok(super::refused(refusal));
    }
    if let Some(w) = guidepress::export::source_date_epoch_warning() {
        eprintln!("warning[export]: {w}");
    }
    let mut formats: Vec<guidepress::export::ExportFormat> =
        args.formats.iter().map(|f| (*f).into()).collect();
    formats.sort();
    formats.dedup();
    let bar = progress_bar(report.documents.len() * formats.len(), global);
    // from here to the summary, Ctrl-C stops at a safe point: before the commit nothing is
    // written, after it the summary is true
    let _guard = guidepress::project::Guard::new();
    let result = project.export_build(
        &report,
        &formats,
        &args.output.out,
        &args.output.options(),
        &|| bar.inc(1),
    );
    bar.finish_and_clear();
    let written = match result {
        Ok(w) => w,
        Err(e @ Error::Interrupted) => return Err(e.into()),
        Err(e) => {
            eprintln!("build failed: nothing was written; existing exports are unchanged");
            return Err(e.into());
        }
    };
    super::export_warnings(&written);
    let bytes: usize = written.iter().map(|w| w.bytes).sum();
    let guides = report.documents.len();
    writeln!(
        std::io::stdout(),
        "built {}: {}, {} in {} ms ({}, {})",
        guidepress::util::plural(guides, "guide"),
        guidepress::util::plural(written.len(), "file"),
        guidepress::util::plural(bytes, "byte"),
        started.elapsed().as_millis(),
        guidepress::util::plural(summary.errors, "error"),
        guidepress::util::plural(summary.warnings, "warning")
    )?;
    Ok(Outcome::Clean)
}

/// A progress bar of `files` steps on a terminal (hidden otherwise, and with `--quiet`).
fn progress_bar(files: usize, global: &crate::cli::Global) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || global.quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} exporting files [{bar:30}] {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

//! `lint --fix [--dry-run]`: the library fixes each file ([`Project::fix`]); this prints
//! what remains in the chosen format.

use super::{CmdResult, Outcome};
use crate::cli::{FormatArg, Global, ReportArgs};
use guidepress::diag::render;
use guidepress::diag::{Diagnostic, Severity};
use guidepress::project::{Error, Project, Stage};
use guidepress::util::plural;
use std::io::Write;

pub fn run(args: &ReportArgs, dry_run: bool, global: &Global) -> CmdResult {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(Error::Usage(
            "`--fix` edits files in place: it cannot read a guide from standard input".into(),
        )
        .into());
    }
    let project = Project::open(&args.paths, args.config.as_deref())?;
    let report = project.check(Stage::Lint);
    if report.io_error {
        super::print(&report, args.format.into(), global)?;
        return Ok(Outcome::Failed);
    }
    let fixed = project.fix(&report, !dry_run)?;
    let (left, files) = (fixed.remaining.len(), fixed.changed().count());
    let shown: Vec<Diagnostic> = (fixed.remaining.iter())
        .filter(|d| !global.quiet || d.severity == Severity::Error)
        .cloned()
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == FormatArg::Human {
        for f in fixed.changed().filter(|_| dry_run) {
            out.write_all(f.diff().as_bytes())?;
        }
        render::human_diagnostics_to(&mut out, &shown, &fixed.sources, global.use_color())?;
        let (verb, need) = (
            if dry_run { "would fix" } else { "fixed" },
            if left == 1 { "needs" } else { "need" },
        );
        let (applied, files, left) = (
            plural(fixed.applied(), "finding"),
            plural(files, "file"),
            plural(left, "finding"),
        );
        writeln!(out, "{verb} {applied} in {files}; {left} {need} a human")?;
    } else {
        let shown = guidepress::diag::Findings::from(shown);
        let view = super::view(&shown, &fixed.sources, &fixed.summary, false);
        render::render_to(&mut out, args.format.into(), &view)?;
    }
    out.flush()?;
    // with --dry-run nothing changed on disk, so every error is still there
    let left = if dry_run {
        report.summary()
    } else {
        fixed.summary
    };
    Ok(super::outcome(&left, false, args))
}

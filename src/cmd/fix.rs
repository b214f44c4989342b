//! `lint --fix [--dry-run]`: the library fixes each file in memory (proven by re-parsing,
//! to a fixpoint), then writes all changed files or none. Prints what remains in the
//! chosen format.

use super::{CmdResult, Outcome};
use crate::cli::{Global, ReportArgs};
use guidepress::diag::render::{self, Format};
use guidepress::diag::{Diagnostic, Severity, Summary};
use guidepress::fix::{FileFix, fix_source, write_all};
use guidepress::project::{Project, Stage};
use guidepress::util::plural;
use rayon::prelude::*;
use std::io::Write;

pub fn run(args: &ReportArgs, dry_run: bool, global: &Global) -> CmdResult {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(guidepress::project::Error::Usage(
            "`--fix` edits files in place: it cannot read a guide from standard input".into(),
        )
        .into());
    }
    let project = Project::open(&args.paths, args.config.as_deref())?;
    let report = project.check(Stage::Lint);
    if report.io_error {
        super::print(&report, args.format, global)?;
        return Ok(Outcome::Failed);
    }
    let with_fixes: std::collections::BTreeSet<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.file.as_str())
        .collect();
    let fixed: Vec<FileFix> = report
        .documents
        .par_iter()
        .filter(|d| with_fixes.contains(d.source.name.as_str()))
        .map(|d| {
            // the guide's own configuration (it resolved during the check)
            let scope = project
                .scopes
                .for_file(std::path::Path::new(&d.source.name))
                .unwrap_or_else(|_| project.scopes.primary().clone());
            fix_source(d.source.clone(), &scope.settings, &scope.lexicon())
        })
        .collect();
    if !dry_run {
        write_all(&fixed.iter().collect::<Vec<_>>())?;
    }
    // what is left: untouched files as reported, fixed files re-linted
    let mut remaining: Vec<Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| !with_fixes.contains(d.file.as_str()))
        .cloned()
        .collect();
    let mut sources = report.sources.clone();
    for f in &fixed {
        remaining.extend(f.remaining.iter().cloned());
        sources.insert(f.fixed.name.clone(), f.fixed.clone());
    }
    remaining.sort_unstable_by(Diagnostic::order);
    let summary = Summary::of(&remaining, report.files);
    let applied: usize = fixed.iter().map(|f| f.applied).sum();
    let files = fixed.iter().filter(|f| f.changed()).count();
    let shown: Vec<Diagnostic> = remaining
        .iter()
        .filter(|d| !global.quiet || d.severity == Severity::Error)
        .cloned()
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == Format::Human {
        if dry_run {
            for f in fixed.iter().filter(|f| f.changed()) {
                let d = f.diff();
                out.write_all(d.as_bytes())?;
            }
        }
        render::human_diagnostics_to(&mut out, &shown, &sources, global.use_color())?;
        writeln!(
            out,
            "{} {} in {}; {} {} a human",
            if dry_run { "would fix" } else { "fixed" },
            plural(applied, "finding"),
            plural(files, "file"),
            plural(remaining.len(), "finding"),
            if remaining.len() == 1 {
                "needs"
            } else {
                "need"
            }
        )?;
    } else {
        render::render_to(&mut out, args.format, &shown, &sources, &summary, false)?;
    }
    out.flush()?;
    // with --dry-run nothing changed on disk, so every error is still there
    let left = if dry_run { report.summary() } else { summary };
    Ok(super::outcome(&left, false, args))
}

//! `validate`, `lint` and `check`: find guides, validate them, lint the valid ones,
//! print every finding in the chosen format and turn the counts into an exit code.

use crate::cli::{Global, ReportArgs};
use crate::config::Config;
use crate::diag::render::{self, Format};
use crate::diag::{Diagnostic, Severity, Summary};
use crate::load::SourceFile;
use crate::validate::{self, Document};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Validate,
    Lint,
    Check,
}

/// The result of checking a set of paths.
pub struct Checked {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: BTreeMap<String, Arc<SourceFile>>,
    pub files: usize,
    pub io_error: bool,
}

/// Validate (and for `Lint`/`Check`, lint) every guide under `paths`.
pub fn collect(paths: &[PathBuf], stage: Stage, config: &Config) -> Checked {
    let (files, mut diagnostics) = crate::load::discover::discover(paths);
    let mut io_error = !diagnostics.is_empty();
    // the dictionary loads while the guides validate
    let (outcomes, lexicon): (Vec<validate::Outcome>, _) = rayon::join(
        || {
            files
                .par_iter()
                .map(|p| validate::validate_path(p))
                .collect()
        },
        || {
            (stage != Stage::Validate).then(|| {
                let mut words = config.vocabulary_words.clone();
                words.extend(config.ignore_words.iter().cloned());
                crate::lint::Lexicon::new(&words)
            })
        },
    );
    let mut sources = BTreeMap::new();
    let mut documents = Vec::new();
    type Linted = (Option<Arc<SourceFile>>, Option<Document>, Vec<Diagnostic>);
    let linted: Vec<Linted> = outcomes
        .into_par_iter()
        .map(|o| {
            let mut diags = Vec::new();
            let errors = o.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            match stage {
                Stage::Lint if errors > 0 => diags.push(
                    Diagnostic::error(
                        "invalid-guide",
                        &o.file,
                        format!(
                            "cannot lint: the guide has {errors} validation error{}; run `guidepress validate {}`",
                            if errors == 1 { "" } else { "s" },
                            o.file
                        ),
                    ),
                ),
                Stage::Lint => {}
                _ => diags.extend(o.diagnostics.iter().cloned()),
            }
            if let (Some(doc), Some(lx)) = (&o.document, &lexicon) {
                diags.extend(crate::lint::lint(doc, config, lx));
            }
            (o.source, o.document, diags)
        })
        .collect();
    // the loaded texts (shared, not copied) give the renderers their snippets
    for (source, doc, diags) in linted {
        diagnostics.extend(diags);
        if let Some(s) = source {
            sources.insert(s.name.clone(), s);
        }
        documents.extend(doc);
    }
    io_error |= diagnostics.iter().any(|d| d.code == "io");
    diagnostics.sort_by_key(Diagnostic::sort_key);
    Checked {
        documents,
        diagnostics,
        sources,
        files: files.len(),
        io_error,
    }
}

/// The exit code for a set of findings.
pub fn exit_code(summary: &Summary, io_error: bool, args: &ReportArgs) -> i32 {
    if io_error {
        crate::EXIT_USAGE
    } else if summary.errors > 0
        || (args.error_on_warnings && summary.warnings > 0)
        || args.max_warnings.is_some_and(|m| summary.warnings > m)
    {
        crate::EXIT_FINDINGS
    } else {
        crate::EXIT_OK
    }
}

/// Print a config error to stderr and return exit code 2.
pub fn config_error(d: Box<Diagnostic>) -> i32 {
    eprint!(
        "{}",
        render::human_diagnostics(&[*d], &BTreeMap::new(), false)
    );
    crate::EXIT_USAGE
}

pub fn run(args: &ReportArgs, stage: Stage, global: &Global) -> i32 {
    let config = match Config::load_for(args.config.as_deref(), &args.paths) {
        Ok(c) => c,
        Err(d) => return config_error(d),
    };
    let checked = collect(&args.paths, stage, &config);
    let summary = Summary::of(&checked.diagnostics, checked.files);
    // --quiet hides warnings and notes from the listing; the summary still counts them
    let shown: Vec<Diagnostic> = if global.quiet {
        checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect()
    } else {
        checked.diagnostics
    };
    let color = global.use_color();
    print!(
        "{}",
        render::render(args.format, &shown, &checked.sources, &summary, color)
    );
    if args.max_warnings.is_some_and(|m| summary.warnings > m) && args.format == Format::Human {
        println!(
            "too many warnings: {} (maximum {})",
            summary.warnings,
            args.max_warnings.unwrap_or(0)
        );
    }
    exit_code(&summary, checked.io_error, args)
}

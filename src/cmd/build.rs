//! `guidepress build`: the main job. Check every guide (validate + lint); on any error,
//! report everything and write nothing (exit 1). Otherwise export every format for every
//! guide in parallel, with a progress bar on an interactive stderr and a summary line.

use super::check::{Stage, collect, config_error};
use super::export::OutputArgs;
use crate::config::Config;
use crate::diag::Summary;
use crate::diag::render::{self, Format};
use crate::export::{self, ExportFormat};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Guide files or directories
    #[arg(default_value = "content")]
    pub paths: Vec<PathBuf>,
    /// Formats to export, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = ExportFormat::all())]
    pub formats: Vec<ExportFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Configuration file (default: .guidepress.yaml in the current directory or a parent)
    #[arg(long)]
    pub config: Option<PathBuf>,
}

pub fn run(args: &BuildArgs, global: &crate::cli::Global) -> i32 {
    let started = Instant::now();
    let config = match Config::load_for(args.config.as_deref(), &args.paths) {
        Ok(c) => c,
        Err(d) => return config_error(d),
    };
    let checked = collect(&args.paths, Stage::Check, &config);
    let summary = Summary::of(&checked.diagnostics, checked.files);
    let shown: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| !global.quiet || d.severity == crate::diag::Severity::Error)
        .cloned()
        .collect();
    if !shown.is_empty() {
        print!(
            "{}",
            render::render(
                Format::Human,
                &shown,
                &checked.sources,
                &summary,
                global.use_color()
            )
        );
    }
    if checked.io_error || summary.errors > 0 {
        eprintln!("build failed: nothing was written; existing exports are unchanged");
        return if checked.io_error {
            crate::EXIT_USAGE
        } else {
            crate::EXIT_FINDINGS
        };
    }
    if let Err(e) = export::prepare_out_dir(&args.output.out) {
        eprintln!("error[io]: {e}");
        return crate::EXIT_USAGE;
    }
    let mut formats = args.formats.clone();
    formats.sort();
    formats.dedup();
    let options = args.output.options();
    let bar = if std::io::stderr().is_terminal() && !global.quiet {
        let b = indicatif::ProgressBar::new(checked.documents.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} exporting [{bar:30}] {pos}/{len} guides",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let results: Vec<Result<Vec<export::Written>, String>> = checked
        .documents
        .par_iter()
        .map(|doc| {
            let r = export::write_exports(&doc.guide, &formats, &args.output.out, &options)
                .map_err(|e| format!("{}: {e}", doc.source.name));
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();
    let mut files = 0;
    let mut bytes = 0;
    let mut failed = false;
    for r in results {
        match r {
            Ok(w) => {
                files += w.len();
                bytes += w.iter().map(|x| x.bytes).sum::<usize>();
                for x in &w {
                    for warning in &x.warnings {
                        eprintln!("warning[export]: {}: {warning}", x.path.display());
                    }
                }
            }
            Err(e) => {
                eprintln!("error[export]: {e}");
                failed = true;
            }
        }
    }
    println!(
        "built {} guide{}: {files} files, {bytes} bytes in {} ms ({} errors, {} warnings)",
        checked.documents.len(),
        if checked.documents.len() == 1 {
            ""
        } else {
            "s"
        },
        started.elapsed().as_millis(),
        summary.errors,
        summary.warnings
    );
    if failed {
        crate::EXIT_USAGE
    } else {
        crate::EXIT_OK
    }
}

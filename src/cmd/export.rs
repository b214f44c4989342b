//! `guidepress export --format pdf|epub|txt`: validate, then write one file per guide.
//! A guide that fails validation is refused (exit 1) and nothing is written for it.

use super::check::{Stage, collect};
use crate::config::Config;
use crate::diag::Summary;
use crate::diag::render::{self, Format};
use crate::export::{self, ExportFormat, Options, Paper};
use std::path::PathBuf;

/// Options shared by `export` and `build`.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output folder (created if missing)
    #[arg(long, default_value = "exports")]
    pub out: PathBuf,
    /// Paper size of the PDF handout
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Text width in columns of the plain-text handout
    #[arg(long, default_value_t = 72, value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: u16,
    /// Fold curly quotes and dashes to ASCII in the plain-text handout
    #[arg(long)]
    pub ascii: bool,
}

impl OutputArgs {
    pub fn options(&self) -> Options {
        Options {
            paper: self.paper,
            width: usize::from(self.width),
            ascii: self.ascii,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Guide files or directories
    #[arg(default_value = "content")]
    pub paths: Vec<PathBuf>,
    /// Format to export
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &ExportArgs, global: &crate::cli::Global) -> i32 {
    let checked = collect(&args.paths, Stage::Validate, &Config::default());
    let summary = Summary::of(&checked.diagnostics, checked.files);
    if checked.io_error || summary.errors > 0 {
        print!(
            "{}",
            render::render(
                Format::Human,
                &checked.diagnostics,
                &checked.sources,
                &summary,
                global.use_color()
            )
        );
        eprintln!("nothing exported: fix the errors above first");
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
    let options = args.output.options();
    for doc in &checked.documents {
        match export::write_exports(&doc.guide, &[args.format], &args.output.out, &options) {
            Ok(written) => {
                for w in written {
                    for warning in &w.warnings {
                        eprintln!("warning[export]: {}: {warning}", w.path.display());
                    }
                    if !global.quiet {
                        println!("wrote {} ({} bytes)", w.path.display(), w.bytes);
                    }
                }
            }
            Err(e) => {
                eprintln!("error[export]: {}: {e}", doc.source.name);
                return crate::EXIT_USAGE;
            }
        }
    }
    crate::EXIT_OK
}

//! `guidepress export --format pdf|epub|txt`: validate, then write one file per guide.
//! When any guide fails validation nothing is written (exit 1); the files are committed together.

use super::{CmdResult, Outcome};
use guidepress::config::Config;
use guidepress::diag::render::Format;
use guidepress::export::{ExportFormat, Options, Paper};
use guidepress::project::{Project, Stage};
use std::io::Write;
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

pub fn run(args: &ExportArgs, global: &crate::cli::Global) -> CmdResult {
    let project = Project::with_config(&args.paths, Config::default());
    let report = project.check(Stage::Validate);
    if report.io_error || report.has_errors() {
        super::check::print(&report, Format::Human, global)?;
        eprintln!("nothing exported: fix the errors above first");
        return Ok(if report.io_error {
            Outcome::Failed
        } else {
            Outcome::Findings
        });
    }
    if let Some(w) = guidepress::export::source_date_epoch_warning() {
        eprintln!("warning[export]: {w}");
    }
    let written = project.export(
        &report,
        &[args.format],
        &args.output.out,
        &args.output.options(),
        &|| {},
    )?;
    let mut stdout = std::io::stdout().lock();
    for w in written {
        for warning in &w.warnings {
            eprintln!("warning[export]: {}: {warning}", w.path.display());
        }
        if !global.quiet {
            writeln!(stdout, "wrote {} ({} bytes)", w.path.display(), w.bytes)?;
        }
    }
    Ok(Outcome::Clean)
}

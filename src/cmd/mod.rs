//! One thin file per subcommand: parse-time options in, library call, rendering out.
//! Each returns an [`Outcome`] or a [`Failure`]; [`exit_code`] is the one policy that turns
//! them into the process exit code (0 clean, 1 findings, 2 usage or I/O, 130 interrupted).

pub mod build;
pub mod check;
pub mod completions;
pub mod export;
pub mod fix;
pub mod import;
pub mod init;
pub mod lsp;
pub mod man;
pub mod model;
pub mod new;
pub mod rules;
pub mod schema;
pub mod stats;
pub mod vocab;

use crate::cli::{Command, Global, ReportArgs};
use guidepress::diag::Summary;
use guidepress::diag::render::{self, Format};
use guidepress::project::{self, Project, Refusal, Report};
use std::io::Write;

/// What a command achieved (its findings are already printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at error severity.
    Clean,
    /// Findings at error severity (or over the warning budget).
    Findings,
    /// Reported, but some input could not be read or output written (exit 2).
    Failed,
}

/// Why a command stopped early.
#[derive(Debug)]
pub enum Failure {
    /// The library could not do the job (config, I/O, usage, interrupted).
    Run(project::Error),
    /// Writing to stdout failed (a closed pipe is a normal end).
    Stdout(std::io::Error),
}

impl From<project::Error> for Failure {
    fn from(e: project::Error) -> Self {
        Failure::Run(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Stdout(e)
    }
}

pub type CmdResult = Result<Outcome, Failure>;

pub fn run(command: Command, global: &Global) -> CmdResult {
    match command {
        Command::Validate(args) => check::run(&args, project::Stage::Validate, global),
        Command::Lint {
            report,
            fix,
            dry_run,
        } => {
            if fix {
                fix::run(&report, dry_run, global)
            } else {
                check::run(&report, project::Stage::Lint, global)
            }
        }
        Command::Check(args) => check::run(&args, project::Stage::Check, global),
        Command::Export(args) => export::run(&args, global),
        Command::Build(args) => build::run(&args, global),
        Command::Import(args) => import::run(&args, global),
        Command::Schema => schema::run(),
        Command::Vocab { command } => vocab::run(&command),
        Command::Stats(args) => stats::run(&args, global),
        Command::Init { dir } => init::run(&dir),
        Command::Lsp { debounce_ms } => lsp::run(debounce_ms),
        Command::New { id, dir, title } => new::run(&id, &dir, title.as_deref()),
        Command::Completions { shell } => completions::completions(shell),
        Command::Man { out } => man::run(out.as_deref()),
        Command::Rules { code } => rules::run(code.as_deref()),
        Command::Model { command } => model::run(&command),
    }
}

/// The outcome for a set of findings under the report options.
pub fn outcome(summary: &Summary, io_error: bool, args: &ReportArgs) -> Outcome {
    if io_error {
        Outcome::Failed
    } else if summary.fails(args.error_on_warnings, args.max_warnings) {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

pub use project::view;

/// Print a report in `format` to stdout, streamed through a buffer.
pub fn print(report: &Report, format: Format, global: &Global) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (shown, summary) = (report.shown(global.quiet), report.summary());
    let view = view(&shown, &report.sources, &summary, global.use_color());
    render::render_to(&mut out, format, &view)?;
    out.flush()
}

/// The outcome of an export or build the report refused (nothing was written).
pub fn refused(refusal: Refusal) -> Outcome {
    match refusal {
        Refusal::Io => Outcome::Failed,
        Refusal::Findings => Outcome::Findings,
    }
}

/// Warnings about exports on stderr: an unusable SOURCE_DATE_EPOCH before, each file's
/// own warnings (missing glyphs, right-to-left text) after.
pub fn export_warnings(written: &[guidepress::export::Written]) {
    for w in written {
        for warning in &w.warnings {
            eprintln!(
                "warning[export]: {}: {}",
                guidepress::fs::shown(&w.path),
                guidepress::escape::esc(warning)
            );
        }
    }
}

/// Open the project report options describe; `-` among the paths reads standard input.
pub fn open(args: &ReportArgs) -> Result<Project, project::Error> {
    Project::open_with_stdin(
        &args.paths,
        args.config.as_deref(),
        args.stdin_filename.as_deref(),
        &mut std::io::stdin().lock(),
    )
}

/// The one exit-code policy. Errors are printed here, once, on stderr.
pub fn exit_code(result: CmdResult) -> i32 {
    match result {
        Ok(Outcome::Clean) => guidepress::EXIT_OK,
        Ok(Outcome::Findings) => guidepress::EXIT_FINDINGS,
        Ok(Outcome::Failed) => guidepress::EXIT_USAGE,
        // `guidepress lint --format json | head`: the reader has what it wanted
        Err(Failure::Stdout(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            guidepress::EXIT_OK
        }
        Err(Failure::Stdout(e)) => {
            eprintln!(
                "error[io]: cannot write to standard output: {}",
                guidepress::util::io_reason(&e)
            );
            guidepress::EXIT_USAGE
        }
        Err(Failure::Run(e)) => {
            eprint!("{}", e.report());
            e.exit_code()
        }
    }
}

/// Ctrl-C / SIGTERM: while files are being staged or committed, the first asks the work to
/// stop at a safe point (staged exports are discarded, nothing is committed, exit 130) and a
/// second ends the process; at any other time (checking, linting) the process ends at once.
pub fn install_signal_handlers() {
    let _ = ctrlc::set_handler(|| {
        if !project::guarded() || project::cancelled() {
            std::process::exit(guidepress::EXIT_INTERRUPTED);
        }
        project::cancel();
    });
}

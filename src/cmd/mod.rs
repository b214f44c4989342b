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
use guidepress::diag::render::{self, Format};
use guidepress::diag::{Diagnostic, Severity, Summary};
use guidepress::project::{self, Report};
use std::collections::BTreeMap;
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
    } else if summary.errors > 0
        || (args.error_on_warnings && summary.warnings > 0)
        || args.max_warnings.is_some_and(|m| summary.warnings > m)
    {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// The diagnostics `--quiet` leaves in the listing (the summary still counts everything):
/// borrowed unless `--quiet` drops some.
pub fn shown<'r>(report: &'r Report, global: &Global) -> std::borrow::Cow<'r, [Diagnostic]> {
    if global.quiet {
        std::borrow::Cow::Owned(
            report
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(&report.diagnostics)
    }
}

/// Print a report in `format` to stdout, streamed through a buffer.
pub fn print(report: &Report, format: Format, global: &Global) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    render::render_to(
        &mut out,
        format,
        &shown(report, global),
        &report.sources,
        &report.summary(),
        global.use_color(),
    )?;
    out.flush()
}

/// The outcome when a report must stop an export (nothing is written): `Failed` for I/O
/// problems, `Findings` for errors; `None` when exporting may go on.
pub fn refusal(report: &Report) -> Option<Outcome> {
    if report.io_error {
        Some(Outcome::Failed)
    } else if report.has_errors() {
        Some(Outcome::Findings)
    } else {
        None
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
                render::esc(warning)
            );
        }
    }
}

/// Open the project report options describe; `-` among the paths reads standard input.
pub fn open(args: &ReportArgs) -> Result<guidepress::project::Project, guidepress::project::Error> {
    use std::io::Read;
    let mut search = args.paths.clone();
    if let Some(name) = &args.stdin_filename {
        search.insert(0, name.clone());
    }
    // the config is found from the name a guide on stdin will have, not from `-`
    let mut project = guidepress::project::Project::open(&search, args.config.as_deref())?;
    project.paths = args.paths.clone();
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            return Err(guidepress::project::Error::Usage(
                "`-` (standard input) can be given once".into(),
            ));
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| guidepress::project::Error::io(std::path::Path::new("<stdin>"), &e))?;
        let name = args
            .stdin_filename
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
        project.stdin = Some((name, bytes));
    }
    Ok(project)
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
        Err(Failure::Run(project::Error::Interrupted)) => {
            eprintln!("{}", project::Error::Interrupted);
            guidepress::EXIT_INTERRUPTED
        }
        Err(Failure::Run(project::Error::Config(d))) => {
            eprint!(
                "{}",
                render::human_diagnostics(&[*d], &BTreeMap::new(), false)
            );
            guidepress::EXIT_USAGE
        }
        // escaped once more here (idempotent): no message reaches the terminal raw
        Err(Failure::Run(project::Error::Io { path, reason })) => {
            eprintln!(
                "error[io]: {}: {}",
                render::esc(&path),
                render::esc(&reason)
            );
            guidepress::EXIT_USAGE
        }
        Err(Failure::Run(project::Error::Usage(msg))) => {
            eprintln!("error[usage]: {}", render::esc(&msg));
            guidepress::EXIT_USAGE
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

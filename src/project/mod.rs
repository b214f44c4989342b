//! The driver (cf. mdBook's `MDBook`): one entry point the CLI, the language server
//! ([`crate::lsp`]) and tests share. `Project::open(paths, config)` → [`Project::check`] → [`Report`] →
//! [`Project::export`] (all formats staged, then committed together).
//!
//! Data flow: discover files → `validate` (load YAML with spans, schema, semantic checks,
//! typed `Guide`) → `lint` (rule registry) → `export` (one backend per format).

use crate::diag::{Findings, Severity, Summary};
use crate::load::SourceFile;
use crate::settings::Settings;
use crate::validate::Document;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod check;
mod export;
mod fix;
mod import;
mod new;
pub mod root;
pub(crate) mod scope;
mod stats;
pub use crate::error::{ConfigError, Error};
pub use crate::interrupt::{Guard, cancel, cancelled, guarded};
pub use export::{ExportCheck, Refusal, render};
pub use fix::Fixed;
pub use import::ImportedFile;
pub use new::NewGuide;
pub(crate) use scope::{Scope, Scopes};

/// How far a check goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// YAML, schema and semantic checks.
    Validate,
    /// Prose rules on valid guides (an invalid guide gets one `invalid-guide` error).
    Lint,
    /// Validate, then lint.
    Check,
    /// Validate, then only the rules at error severity: whether `check` would fail (what
    /// `export` reports), without the cost of the other rules.
    CheckErrors,
}

/// Everything a check learned: the valid documents, every finding (sorted), the loaded
/// sources (for snippets) and whether some input could not be read at all.
pub struct Report {
    pub documents: Vec<Document>,
    /// Sorted, packed (see [`Findings`]).
    pub diagnostics: Findings,
    pub sources: BTreeMap<String, Arc<SourceFile>>,
    /// Number of guide files found.
    pub files: usize,
    /// True when a path or file could not be read (exit 2).
    pub io_error: bool,
    /// Every guide file this check found (ignored ones too) and the name of a guide read
    /// from standard input: no output of the run may overwrite one ([`Project::inputs`]).
    pub inputs: Vec<PathBuf>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary::of_findings(&self.diagnostics, self.files)
    }
    /// True when any finding is at error severity.
    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics.severities().any(|s| s == Severity::Error)
    }

    /// The findings a listing shows: every one, or with `quiet` only the errors (the
    /// summary still counts everything); borrowed unless `quiet` drops some.
    pub fn shown(&self, quiet: bool) -> std::borrow::Cow<'_, Findings> {
        if quiet {
            std::borrow::Cow::Owned(
                self.diagnostics
                    .filtered(|i| self.diagnostics.severity(i) == Severity::Error),
            )
        } else {
            std::borrow::Cow::Borrowed(&self.diagnostics)
        }
    }
}

/// The view of findings every report format renders, with what only a run knows: the
/// repository root SARIF's URIs are relative to ([`root::repository`]) and the README its
/// rules link into ([`crate::docs_base`]).
pub fn view<'a>(
    diagnostics: &'a Findings,
    sources: &'a BTreeMap<String, Arc<SourceFile>>,
    summary: &'a Summary,
    color: bool,
) -> crate::diag::render::View<'a> {
    crate::diag::render::View {
        color,
        root: root::repository(),
        docs_base: crate::docs_base(),
        ..crate::diag::render::View::new(diagnostics, sources, summary)
    }
}

/// A set of guide paths and the configurations that apply to them (see `scope`).
pub struct Project {
    paths: Vec<PathBuf>,
    /// The configuration of each guide: `--config`, else the nearest `.guidepress.yaml`.
    scopes: Scopes,
    /// A guide read from standard input (the path `-`): its name in diagnostics and bytes.
    stdin: Option<(String, Vec<u8>)>,
}

impl Project {
    /// Load the project's config (`--config`, else `.guidepress.yaml` found upward from the
    /// current directory, else from the first path) for `paths`. Without `--config`, each
    /// guide is then checked with the nearest `.guidepress.yaml` above it.
    pub fn open(paths: &[PathBuf], config: Option<&Path>) -> Result<Project, Error> {
        let settings = Settings::load(config, paths).map_err(Error::Config)?;
        Ok(Project {
            paths: paths.to_vec(),
            scopes: Scopes::new(Arc::new(settings), config.is_some()),
            stdin: None,
        })
    }

    /// [`Project::open`] for a command line whose `paths` may hold `-`: a guide read from
    /// `stdin` (once at most), named `stdin_name` in diagnostics. The configuration is found
    /// from the name the guide on standard input will have, not from `-`.
    pub fn open_with_stdin(
        paths: &[PathBuf],
        config: Option<&Path>,
        stdin_name: Option<&Path>,
        stdin: &mut dyn std::io::Read,
    ) -> Result<Project, Error> {
        let mut search = paths.to_vec();
        if let Some(name) = stdin_name {
            search.insert(0, name.to_path_buf());
        }
        let mut project = Project::open(&search, config)?;
        project.paths = paths.to_vec();
        let dashes = paths.iter().filter(|p| p.as_os_str() == "-").count();
        if dashes > 1 {
            return Err(Error::Usage(
                "`-` (standard input) can be given once".into(),
            ));
        }
        if dashes == 1 {
            let bytes = crate::util::read_stream_capped(stdin, crate::util::MAX_INPUT_BYTES)
                .map_err(|u| match u.source {
                    Some(e) => Error::io(Path::new("<stdin>"), e),
                    None => Error::Usage(format!("<stdin>: cannot read: {}", u.reason)),
                })?;
            let name =
                stdin_name.map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string());
            project.stdin = Some((name, bytes));
        }
        Ok(project)
    }

    /// A project with explicit settings for every guide (tests, defaults for `export`/`stats`).
    pub fn with_settings(paths: &[PathBuf], settings: Settings) -> Project {
        Project {
            paths: paths.to_vec(),
            scopes: Scopes::new(Arc::new(settings), true),
            stdin: None,
        }
    }

    /// No project config (it is missing or broken): defaults, but each guide still gets the
    /// nearest `.guidepress.yaml` above it.
    pub(crate) fn per_file_defaults() -> Project {
        Project {
            paths: Vec::new(),
            scopes: Scopes::new(Arc::new(Settings::default()), false),
            stdin: None,
        }
    }

    /// The configuration of each guide (see `Scopes::for_file`).
    pub(crate) fn scopes(&self) -> &Scopes {
        &self.scopes
    }

    /// The configuration of the guide `file`: its own when it resolves, else the project's.
    pub(crate) fn scope_of(&self, file: &str) -> Arc<Scope> {
        self.scopes
            .for_file(Path::new(file))
            .unwrap_or_else(|_| self.scopes.primary().clone())
    }

    /// The project's own settings (`--config`, the working directory's config or defaults);
    /// a guide may have its own, see `Scopes::for_file`.
    pub fn settings(&self) -> &Settings {
        &self.scopes.primary().settings
    }

    /// Validate (and for `Lint`/`Check`, lint) every guide under the project's paths.
    pub fn check(&self, stage: Stage) -> Report {
        self.check_with(stage, &self.paths, self.stdin.as_ref(), true)
    }

    /// [`Project::check`] for a report that is only printed: each guide's parsed document
    /// is dropped once it is linted (`documents` stays empty), so a check of many guides
    /// holds their texts and findings, not every YAML tree.
    pub fn check_findings(&self, stage: Stage) -> Report {
        self.check_with(stage, &self.paths, self.stdin.as_ref(), false)
    }

    /// Check one guide held in memory (an editor buffer): `name` is its path, used in
    /// diagnostics and to find its configuration; nothing is read from or written to disk
    /// but the configuration.
    pub(crate) fn check_text(&self, name: &str, text: &str, stage: Stage) -> Report {
        let stdin = (name.to_string(), text.as_bytes().to_vec());
        self.check_with(stage, &[], Some(&stdin), true)
    }

    /// Everything `report`'s check read: its guides, and every configuration and vocabulary
    /// file. Outputs are checked against these (`Project::check_outputs`).
    pub fn inputs(&self, report: &Report) -> Vec<PathBuf> {
        let mut inputs = report.inputs.clone();
        inputs.extend(self.scopes.inputs());
        inputs
    }

    /// Refuse (exit 2) when any of `outputs` resolves to an input of `report`'s check — a
    /// guide, a configuration or a vocabulary file (symlinks followed, a file that does not
    /// exist yet through its folder, hard links by identity). `what` names the output in
    /// the message ("the SARIF report"). The one check every writing command goes through.
    pub(crate) fn check_outputs<'a>(
        &self,
        report: &Report,
        what: &str,
        outputs: impl IntoIterator<Item = &'a Path>,
    ) -> Result<(), Error> {
        crate::fs::confine::refuse_inputs(what, outputs, &self.inputs(report)).map_err(Error::Usage)
    }

    /// Write a report file (`--sarif-file`) atomically, streamed by `fill`, after
    /// `Project::check_outputs` and [`report_target`]: a new file is created (never over
    /// one made meanwhile), an existing one replaced only when it is a SARIF report.
    pub fn write_report(
        &self,
        report: &Report,
        path: &Path,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        self.check_outputs(report, "the report file", [path])?;
        let replace = report_target(path)?;
        let tmp = crate::util::write_temp_beside_with(path, None, fill)
            .map_err(|e| Error::io(path, e))?;
        let persisted = if replace {
            tmp.persist(path)
        } else {
            tmp.persist_noclobber(path)
        };
        persisted.map_err(|e| Error::io(path, e.error))
    }
}

/// The most of an existing report file read to tell whether it is SARIF.
const REPORT_READ_CAP: u64 = 256 << 20;

/// Whether the report file `path` may be written, and whether that replaces a file (`true`:
/// an earlier SARIF report) or creates one (`false`: nothing is there). Refused (exit 2):
/// `-` (not a file name: `--format sarif` writes SARIF to standard output), a guide-named
/// path (`.yaml`/`.yml`: a guide of the project, or one the next check would take for a
/// guide), anything that is not a regular file (a folder, a FIFO, a device), and a file that
/// is not a SARIF 2.1.0 log (a JSON object with `"version": "2.1.0"` and a `runs` list).
fn report_target(path: &Path) -> Result<bool, Error> {
    let shown = crate::fs::shown(path);
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "the report file {shown} {why}; nothing was written (choose another path for --sarif-file)"
        )))
    };
    if path.as_os_str() == "-" {
        return Err(Error::Usage(
            "--sarif-file -: `-` is not a file name; to write SARIF to standard output use --format sarif".into(),
        ));
    }
    if path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
    {
        return refuse(
            "is named like a guide (.yaml/.yml); expected a report name such as report.sarif",
        );
    }
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        return refuse("exists and is not a regular file");
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| Error::io(path, e))?,
            REPORT_READ_CAP,
        ),
        &mut bytes,
    )
    .map_err(|e| Error::io(path, e))?;
    let sarif = serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|v| {
        v.get("version").and_then(|v| v.as_str()) == Some("2.1.0")
            && v.get("runs").is_some_and(|r| r.is_array())
    });
    if sarif {
        Ok(true)
    } else {
        refuse("exists and is not a SARIF report; only an earlier SARIF report is replaced")
    }
}

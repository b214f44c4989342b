//! The driver (cf. mdBook's `MDBook`): one entry point the CLI, the language server
//! ([`crate::lsp`]) and tests share. `Project::open(paths, config)` → [`Project::check`] → [`Report`] →
//! [`Project::export`] (all formats staged, then committed together).
//!
//! Data flow: discover files → `validate` (load YAML with spans, schema, semantic checks,
//! typed `Guide`) → `lint` (rule registry) → `export` (one backend per format).

use crate::diag::Code;
use crate::diag::{Diagnostic, Severity, Summary};
use crate::export::{self, ExportFormat, Options, Written};
use crate::load::SourceFile;
use crate::settings::Settings;
use crate::validate::{self, Document};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub mod root;
pub mod scope;
pub use scope::{Scope, Scopes};

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

/// Why a run could not do its job (as opposed to findings in the content).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file is missing, unreadable or invalid (exit 2).
    #[error("{}", .0.message)]
    Config(Box<Diagnostic>),
    /// A file or folder could not be read or written (exit 2).
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    /// The command line asks for something impossible (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The user pressed Ctrl-C or the process got SIGTERM (exit 130); nothing was committed.
    #[error("interrupted: nothing was written; existing exports are unchanged")]
    Interrupted,
}

impl Error {
    pub fn io(path: &Path, e: &std::io::Error) -> Self {
        Error::Io {
            path: crate::fs::shown(path),
            reason: crate::util::io_reason(e),
        }
    }
}

/// Everything a check learned: the valid documents, every finding (sorted), the loaded
/// sources (for snippets) and whether some input could not be read at all.
pub struct Report {
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
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
        Summary::of(&self.diagnostics, self.files)
    }
    /// The export policy: a finding refuses `export` (as every error refuses `build`) when
    /// it is a validation error or an unfinished part of a guide marked for publication;
    /// other lint errors only warn that `check` would fail.
    pub fn refuses_export(d: &Diagnostic) -> bool {
        d.severity == Severity::Error
            && (d.code.rule().is_none()
                || matches!(
                    d.code,
                    crate::diag::Code::Unfinished | crate::diag::Code::Placeholder
                ))
    }

    /// True when any finding is at error severity.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Set by the SIGINT/SIGTERM handler (see [`cancel`]); long operations poll it.
static CANCELLED: AtomicBool = AtomicBool::new(false);
/// How many operations are writing files that an immediate exit would leave half done.
static GUARDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// While a `Guard` lives, Ctrl-C asks for a clean stop ([`cancelled`]) instead of ending
/// the process at once.
pub struct Guard(());

impl Guard {
    pub fn new() -> Guard {
        GUARDED.fetch_add(1, Ordering::SeqCst);
        Guard(())
    }
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        GUARDED.fetch_sub(1, Ordering::SeqCst);
    }
}

/// True while some operation holds a [`Guard`].
pub fn guarded() -> bool {
    GUARDED.load(Ordering::SeqCst) > 0
}

/// Ask running operations to stop at their next safe point (nothing half-written is kept).
pub fn cancel() {
    CANCELLED.store(true, Ordering::SeqCst);
}

/// True after [`cancel`].
pub fn cancelled() -> bool {
    CANCELLED.load(Ordering::SeqCst)
}

/// A set of guide paths and the configurations that apply to them (see [`scope`]).
pub struct Project {
    pub paths: Vec<PathBuf>,
    /// The configuration of each guide: `--config`, else the nearest `.guidepress.yaml`.
    pub scopes: Scopes,
    /// A guide read from standard input (the path `-`): its name in diagnostics and bytes.
    pub stdin: Option<(String, Vec<u8>)>,
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
    pub fn per_file_defaults() -> Project {
        Project {
            paths: Vec::new(),
            scopes: Scopes::new(Arc::new(Settings::default()), false),
            stdin: None,
        }
    }

    /// The project's own settings (`--config`, the working directory's config or defaults);
    /// a guide may have its own, see [`Scopes::for_file`].
    pub fn settings(&self) -> &Settings {
        &self.scopes.primary().settings
    }

    /// Validate (and for `Lint`/`Check`, lint) every guide under the project's paths.
    pub fn check(&self, stage: Stage) -> Report {
        self.check_with(stage, &self.paths, self.stdin.as_ref())
    }

    /// Check one guide held in memory (an editor buffer): `name` is its path, used in
    /// diagnostics and to find its configuration; nothing is read from or written to disk
    /// but the configuration.
    pub fn check_text(&self, name: &str, text: &str, stage: Stage) -> Report {
        let stdin = (name.to_string(), text.as_bytes().to_vec());
        self.check_with(stage, &[], Some(&stdin))
    }

    fn check_with(
        &self,
        stage: Stage,
        paths: &[PathBuf],
        stdin: Option<&(String, Vec<u8>)>,
    ) -> Report {
        let on_disk: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let (mut files, mut diagnostics) = if on_disk.is_empty() && stdin.is_some() {
            (Vec::new(), Vec::new())
        } else {
            crate::load::discover::discover(&on_disk)
        };
        let mut io_error = !diagnostics.is_empty();
        let mut inputs: Vec<PathBuf> = files.clone();
        inputs.extend(stdin.map(|(name, _)| PathBuf::from(name)));
        // each guide's configuration; a broken nested config is reported once (exit 2) and
        // its guides skipped; `ignore` globs drop files
        let mut broken: BTreeMap<String, ()> = BTreeMap::new();
        let mut scoped: Vec<(PathBuf, Arc<Scope>)> = Vec::new();
        for file in files.drain(..) {
            match self.scopes.for_file(&file) {
                Ok(scope) if scope.settings.ignores(&file) => {}
                Ok(scope) => scoped.push((file, scope)),
                Err(d) => {
                    if broken.insert(d.file.clone(), ()).is_none() {
                        diagnostics.push(*d);
                    }
                    io_error = true;
                }
            }
        }
        let stdin_scope = match stdin {
            Some((name, _)) => match self.scopes.for_file(Path::new(name)) {
                Ok(scope) => Some(scope),
                Err(d) => {
                    diagnostics.push(*d);
                    io_error = true;
                    None
                }
            },
            None => None,
        };
        files = scoped.iter().map(|(f, _)| f.clone()).collect();
        // the dictionary loads while the guides validate
        let (mut outcomes, ()): (Vec<(validate::Outcome, Arc<Scope>)>, ()) = rayon::join(
            || {
                scoped
                    .par_iter()
                    .map(|(p, scope)| (validate::validate_path(p), scope.clone()))
                    .collect()
            },
            || {
                if stage != Stage::Validate {
                    self.scopes.primary().lexicon();
                }
            },
        );
        if let (Some((name, bytes)), Some(scope)) = (stdin, stdin_scope) {
            files.push(PathBuf::from(name));
            let outcome = match crate::load::source_from_bytes(name, bytes.clone()) {
                Ok(src) => validate::validate_source(src),
                Err(crate::load::ReadError::Io(d) | crate::load::ReadError::Content(d)) => {
                    validate::Outcome {
                        file: name.clone(),
                        source: None,
                        document: None,
                        diagnostics: vec![*d],
                        io_error: false,
                    }
                }
            };
            outcomes.push((outcome, scope));
        }
        io_error |= outcomes.iter().any(|(o, _)| o.io_error);
        type Linted = (Option<Arc<SourceFile>>, Option<Document>, Vec<Diagnostic>);
        let linted: Vec<Linted> = outcomes
            .into_par_iter()
            .map(|(o, scope)| {
                let mut diags = Vec::new();
                let errors = o
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                match stage {
                    Stage::Lint if errors > 0 => diags.push(Diagnostic::error(
                        Code::InvalidGuide,
                        &o.file,
                        format!(
                            "cannot lint: the guide has {}; run `guidepress validate {}`",
                            crate::util::plural(errors, "validation error"),
                            o.file
                        ),
                    )),
                    Stage::Lint => {}
                    _ => diags.extend(o.diagnostics.iter().cloned()),
                }
                if let (Some(doc), true) = (&o.document, stage != Stage::Validate) {
                    let at_least = if stage == Stage::CheckErrors {
                        Severity::Error
                    } else {
                        Severity::Note
                    };
                    let mut lints =
                        crate::lint::lint_at(doc, &scope.settings, &scope.lexicon(), at_least);
                    // moved, not copied: a guide with 200k findings holds them once
                    if diags.is_empty() {
                        diags = lints;
                    } else {
                        diags.append(&mut lints);
                    }
                }
                (o.source, o.document, diags)
            })
            .collect();
        let mut sources = BTreeMap::new();
        let mut documents = Vec::new();
        // the loaded texts (shared, not copied) give the renderers their snippets
        for (source, doc, mut diags) in linted {
            if diagnostics.is_empty() {
                diagnostics = diags;
            } else {
                diagnostics.append(&mut diags);
            }
            if let Some(s) = source {
                sources.insert(s.name.clone(), s);
            }
            documents.extend(doc);
        }
        diagnostics.extend(duplicate_guide_ids(&documents));
        diagnostics.sort_unstable_by(Diagnostic::order);
        Report {
            documents,
            diagnostics,
            sources,
            files: files.len(),
            io_error,
            inputs,
        }
    }

    /// Everything `report`'s check read: its guides, and every configuration and vocabulary
    /// file. Outputs are checked against these ([`Project::check_outputs`]).
    pub fn inputs(&self, report: &Report) -> Vec<PathBuf> {
        let mut inputs = report.inputs.clone();
        inputs.extend(self.scopes.inputs());
        inputs
    }

    /// Refuse (exit 2) when any of `outputs` resolves to an input of `report`'s check — a
    /// guide, a configuration or a vocabulary file (symlinks followed, a file that does not
    /// exist yet through its folder, hard links by identity). `what` names the output in
    /// the message ("the SARIF report"). The one check every writing command goes through.
    pub fn check_outputs<'a>(
        &self,
        report: &Report,
        what: &str,
        outputs: impl IntoIterator<Item = &'a Path>,
    ) -> Result<(), Error> {
        crate::fs::confine::refuse_inputs(what, outputs, &self.inputs(report)).map_err(Error::Usage)
    }

    /// Write a report file (`--sarif-file`) atomically, streamed by `fill`, after
    /// [`Project::check_outputs`].
    pub fn write_report(
        &self,
        report: &Report,
        path: &Path,
        fill: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        self.check_outputs(report, "the report file", [path])?;
        crate::util::write_atomic_with(path, None, fill).map_err(|e| Error::io(path, &e))
    }

    /// Render every format of every document of `report` in parallel, stage each into a
    /// temporary file beside its target, then commit them all together. On any failure or
    /// interruption nothing is replaced and no temporary file is left behind. The output
    /// folder is locked from before staging until after the commit (one writer per folder:
    /// another run waits, see [`crate::fs::lock`]); no export may be an input of the run.
    pub fn export(
        &self,
        report: &Report,
        formats: &[ExportFormat],
        out: &Path,
        options: &Options,
        progress: &(dyn Fn() + Sync),
    ) -> Result<Vec<Written>, Error> {
        self.export_files(report, formats, out, options, progress, false)
    }

    /// [`Project::export`] for `build`: when the formats include HTML, a build's
    /// `index.html` ([`export::html::render_index`]) is staged and committed with the guides'
    /// files (all or nothing). A guide with the id `index` would overwrite it: refused (exit 2)
    /// before anything is written.
    pub fn export_build(
        &self,
        report: &Report,
        formats: &[ExportFormat],
        out: &Path,
        options: &Options,
        progress: &(dyn Fn() + Sync),
    ) -> Result<Vec<Written>, Error> {
        let index = formats.contains(&ExportFormat::Html);
        self.export_files(report, formats, out, options, progress, index)
    }

    fn export_files(
        &self,
        report: &Report,
        formats: &[ExportFormat],
        out: &Path,
        options: &Options,
        progress: &(dyn Fn() + Sync),
        index: bool,
    ) -> Result<Vec<Written>, Error> {
        let _guard = Guard::new();
        let mut formats = formats.to_vec();
        formats.sort();
        formats.dedup();
        let index_path = out.join(export::html::INDEX_FILE);
        if index {
            for doc in &report.documents {
                let html = export::output_path(out, &doc.guide.id, "html");
                if html == index_path {
                    return Err(Error::Usage(format!(
                        "{}: a guide with the id `{}` would overwrite the build's {}; rename the guide's id",
                        doc.source.name,
                        doc.guide.id,
                        export::html::INDEX_FILE
                    )));
                }
            }
        }
        export::prepare_out_dir(out).map_err(|e| match e {
            export::ExportError::Write { path, reason } => Error::Io { path, reason },
            other => Error::Usage(other.to_string()),
        })?;
        let jobs: Vec<(&Document, ExportFormat)> = report
            .documents
            .iter()
            .flat_map(|d| formats.iter().map(move |f| (d, *f)))
            .collect();
        let targets: Vec<PathBuf> = jobs
            .iter()
            .map(|(doc, format)| {
                export::output_path(out, &doc.guide.id, format.exporter().extension())
            })
            .collect();
        self.check_outputs(report, "the export", targets.iter().map(PathBuf::as_path))?;
        let _lock = crate::fs::lock::lock_folder(
            out,
            &|| {
                eprintln!(
                    "note: another guidepress run is writing to {}; waiting for it to finish",
                    crate::fs::shown(out)
                )
            },
            &cancelled,
        )
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::Interrupted => Error::Interrupted,
            _ => Error::io(out, &e),
        })?;
        // under the lock: no other run is staging here, and a dead run's temps can go
        crate::fs::commit::remove_stale_temps(out);
        let staged: Vec<Result<crate::fs::commit::Staged, Error>> = jobs
            .par_iter()
            .map(|(doc, format)| {
                if cancelled() {
                    return Err(Error::Interrupted);
                }
                let path = export::output_path(out, &doc.guide.id, format.exporter().extension());
                let rendered = render(doc, *format, &self.options_for(doc, *format, options))?;
                let staged = crate::fs::commit::Staged::write(path, rendered)
                    .map_err(|(p, e)| Error::io(&p, &e))?;
                progress();
                Ok(staged)
            })
            .collect();
        // the first failure wins; dropping the staged files removes them
        let mut staged: Vec<crate::fs::commit::Staged> =
            staged.into_iter().collect::<Result<_, _>>()?;
        if index {
            let page = self.index_page(report, &formats, out);
            staged.push(
                crate::fs::commit::Staged::write(index_path, page.into_bytes().into())
                    .map_err(|(p, e)| Error::io(&p, &e))?,
            );
        }
        if cancelled() {
            return Err(Error::Interrupted);
        }
        crate::fs::commit::commit_all(staged).map_err(|(p, e)| Error::io(&p, &e))
    }
}

impl Project {
    /// `options` with what the guide's own configuration adds for `format` (the PDF's
    /// fonts).
    pub fn options_for(&self, doc: &Document, format: ExportFormat, options: &Options) -> Options {
        let mut options = options.clone();
        if format == ExportFormat::Pdf {
            let scope = self
                .scopes
                .for_file(Path::new(&doc.source.name))
                .unwrap_or_else(|_| self.scopes.primary().clone());
            options.pdf.fonts = scope.settings.pdf_fonts();
        }
        options
    }

    /// A build's index page: every guide of `report` in order, with the review policy of its
    /// own configuration and the files of `formats` written beside it in `out`.
    fn index_page(&self, report: &Report, formats: &[ExportFormat], out: &Path) -> String {
        let entries: Vec<export::html::IndexEntry> = report
            .documents
            .iter()
            .map(|doc| {
                let scope = self
                    .scopes
                    .for_file(Path::new(&doc.source.name))
                    .unwrap_or_else(|_| self.scopes.primary().clone());
                let files = formats
                    .iter()
                    .map(|f| {
                        let path =
                            export::output_path(out, &doc.guide.id, f.exporter().extension());
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        (*f, name)
                    })
                    .collect();
                export::html::IndexEntry {
                    guide: &doc.guide,
                    max_review_age_months: scope.settings.config.health.max_review_age_months,
                    files,
                }
            })
            .collect();
        export::html::render_index(&entries, export::html::index_date())
    }
}

/// Render one valid guide in one format (the bytes and the backend's warnings).
pub fn render(
    doc: &Document,
    format: ExportFormat,
    options: &Options,
) -> Result<export::Rendered, Error> {
    let ex = format.exporter();
    ex.render(&doc.guide, options).map_err(|e| {
        // a backend that stopped because the run was interrupted failed for that reason
        if cancelled() {
            return Error::Interrupted;
        }
        Error::Usage(format!(
            "{}: cannot export {}: {e}",
            doc.source.name,
            ex.extension()
        ))
    })
}

/// Two valid guides with the same `id` would write the same export files: an error that
/// names both files, reported before anything is written.
fn duplicate_guide_ids(documents: &[Document]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &Document> = BTreeMap::new();
    let mut out = Vec::new();
    for doc in documents {
        if let Some(prev) = first.get(doc.guide.id.as_str()) {
            let loc = |d: &Document| d.root.get("id").map(|n| d.source.location(n.start, n.end));
            let mut diag = Diagnostic::error(
                Code::DuplicateGuideId,
                &doc.source.name,
                format!(
                    "guide id `{}` is also used by {}: both would write the same export files",
                    doc.guide.id, prev.source.name
                ),
            )
            .at(loc(doc))
            .label("same id as another guide")
            .note("help: give each guide a unique `id`");
            if let Some(l) = loc(prev) {
                diag = diag.related(&prev.source.name, l, "first used here");
            }
            out.push(diag);
        } else {
            first.insert(&doc.guide.id, doc);
        }
    }
    out
}

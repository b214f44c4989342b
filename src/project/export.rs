//! Exports: every format of every valid guide rendered in parallel, staged beside its target
//! and committed together under the output folder's lock; a build's index page.

use super::{Error, Guard, Project, Report, Stage, cancelled};
use crate::diag::{Code, Severity};
use crate::export::{self, ExportFormat, Options, Rendered, Written};
use crate::validate::Document;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Why a report stops an export or a build: nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A path or file could not be read (exit 2).
    Io,
    /// Findings at error severity (exit 1).
    Findings,
}

impl Report {
    /// The export policy: a finding refuses `export` (as every error refuses `build`) when
    /// it is a validation error or an unfinished part of a guide marked for publication;
    /// other lint errors only warn that `check` would fail.
    pub(crate) fn refuses_export(severity: Severity, code: Code) -> bool {
        severity == Severity::Error
            && (code.rule().is_none() || matches!(code, Code::Unfinished | Code::Placeholder))
    }

    /// Whether this report stops an export or a build (I/O problems first, then errors);
    /// `None` when exporting may go on. For `export`, pass the report of
    /// [`Project::check_for_export`], which holds only the findings that decide.
    pub fn refusal(&self) -> Option<Refusal> {
        if self.io_error {
            Some(Refusal::Io)
        } else if self.has_errors() {
            Some(Refusal::Findings)
        } else {
            None
        }
    }
}

/// The check `export` runs, split by the export policy (`Report::refuses_export`).
pub struct ExportCheck {
    /// The findings that decide: validation findings and those that refuse an export.
    pub report: Report,
    /// Lint errors that do not refuse an export (but would fail `check`).
    pub lint_errors: usize,
    /// How many guides hold those lint errors.
    pub lint_guides: usize,
}

impl Project {
    /// Validate, then run only the rules at error severity ([`Stage::CheckErrors`]), and
    /// apply the export policy: lint findings that do not refuse leave the report and are
    /// only counted.
    pub fn check_for_export(&self) -> ExportCheck {
        let mut report = self.check(Stage::CheckErrors);
        let all = std::mem::take(&mut report.diagnostics);
        // read without unpacking every finding
        let decides = |i: usize| {
            all.code(i).rule().is_none() || Report::refuses_export(all.severity(i), all.code(i))
        };
        report.diagnostics = all.filtered(decides);
        let errors: Vec<usize> = (0..all.len())
            .filter(|&i| !decides(i) && all.severity(i) == Severity::Error)
            .collect();
        let guides: BTreeSet<&str> = errors.iter().map(|&i| all.file(i)).collect();
        ExportCheck {
            lint_errors: errors.len(),
            lint_guides: guides.len(),
            report,
        }
    }

    /// `--out -`: the one guide of `report` rendered in `format`; a usage error (exit 2)
    /// unless the report holds exactly one guide.
    pub fn render_one<'r>(
        &self,
        report: &'r Report,
        format: ExportFormat,
        options: &Options,
    ) -> Result<(&'r Document, Rendered), Error> {
        let [doc] = &report.documents[..] else {
            return Err(Error::Usage(format!(
                "`--out -` writes one guide to standard output, but {} were found: name one guide file",
                report.documents.len()
            )));
        };
        Ok((
            doc,
            render(doc, format, &self.options_for(doc, format, options))?,
        ))
    }

    /// `options` with what the guide's own configuration adds for `format` (the PDF's
    /// fonts).
    pub(crate) fn options_for(
        &self,
        doc: &Document,
        format: ExportFormat,
        options: &Options,
    ) -> Options {
        let mut options = options.clone();
        if format == ExportFormat::Pdf {
            let scope = self
                .scopes
                .for_file(Path::new(&doc.source.name))
                .unwrap_or_else(|_| self.scopes.primary().clone());
            options.pdf.fonts = pdf_fonts(&scope.settings);
        }
        options
    }
}

impl Project {
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
    /// `index.html` (`export::html::render_index`) is staged and committed with the guides'
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
            refuse_index_id(report, out)?;
        }
        export::prepare_out_dir(out).map_err(|e| match e {
            export::ExportError::Write {
                path,
                reason,
                source,
            } => Error::Io {
                path,
                reason,
                source,
            },
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
        let _lock = lock(out)?;
        // under the lock: no other run is staging here, and a dead run's temps can go
        crate::fs::commit::remove_stale_temps(out);
        // never replace a file guidepress did not write (see `crate::fs::manifest`)
        let mut ours = targets.clone();
        ours.extend(index.then(|| index_path.clone()));
        let manifest = self.manifest(out, &ours)?;
        let mut staged = stage(
            &jobs,
            out,
            &|doc, format| self.options_for(doc, format, options),
            progress,
        )?;
        if index {
            let page = self.index_page(report, &formats, out);
            staged.push(
                crate::fs::commit::Staged::write(index_path, page.into_bytes().into())
                    .map_err(|(p, e)| Error::io(&p, e))?,
            );
        }
        // the manifest last, in the same commit: all or nothing with the files it lists
        let manifest_path = out.join(crate::fs::manifest::FILE);
        staged.push(
            crate::fs::commit::Staged::write(manifest_path.clone(), manifest.into())
                .map_err(|(p, e)| Error::io(&p, e))?,
        );
        if cancelled() {
            return Err(Error::Interrupted);
        }
        let mut written =
            crate::fs::commit::commit_all(staged).map_err(|(p, e)| Error::io(&p, e))?;
        written.retain(|w| w.path != manifest_path);
        Ok(written)
    }

    /// The new manifest of `out` once `targets` are written there, or the refusal (exit 2)
    /// when one of them would replace a file guidepress did not write.
    fn manifest(&self, out: &Path, targets: &[PathBuf]) -> Result<Vec<u8>, Error> {
        crate::fs::manifest::check(out, targets, self.is_default_out(out)).map_err(|r| match r {
            crate::fs::manifest::Refused::NotOurs(p, why) => {
                Error::Usage(format!("{}: {why}", p.display()))
            }
            crate::fs::manifest::Refused::Io(p, e) => Error::io(&p, e),
        })
    }

    /// Whether `out` is the project's default output folder (`exports/` under the project
    /// root), which earlier versions wrote without a manifest (see `crate::fs::manifest`).
    fn is_default_out(&self, out: &Path) -> bool {
        let default = super::root::under(
            super::root::find(&self.paths).as_deref(),
            Path::new("exports"),
        );
        match (std::fs::canonicalize(out), std::fs::canonicalize(default)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }

    /// A build's index page: every guide of `report` in order, with the review policy of its
    /// own configuration and the files of `formats` written beside it in `out`.
    fn index_page(&self, report: &Report, formats: &[ExportFormat], out: &Path) -> String {
        let entries: Vec<export::html::IndexEntry> = report
            .documents
            .iter()
            .map(|doc| {
                let scope = self.scope_of(&doc.source.name);
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

/// The configuration's `pdf.fonts`: files (relative to the config file's folder) and
/// installed family names.
fn pdf_fonts(settings: &crate::settings::Settings) -> Vec<export::FontSpec> {
    settings
        .config
        .pdf
        .fonts
        .iter()
        .map(|f| {
            let lower = f.to_ascii_lowercase();
            let file = f.contains('/')
                || f.contains('\\')
                || [".ttf", ".otf", ".ttc", ".otc"]
                    .iter()
                    .any(|e| lower.ends_with(e));
            if file {
                export::FontSpec::Path(settings.root.join(f))
            } else {
                export::FontSpec::Family(f.clone())
            }
        })
        .collect()
}

/// A build's index page and a guide with the id `index` would be the same file: refused
/// (exit 2) before anything is written.
fn refuse_index_id(report: &Report, out: &Path) -> Result<(), Error> {
    let index_path = out.join(export::html::INDEX_FILE);
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
    Ok(())
}

/// Lock the output folder (one writer per folder), saying so while another run holds it;
/// Ctrl-C while waiting is an interruption.
fn lock(out: &Path) -> Result<crate::fs::lock::FolderLock, Error> {
    crate::fs::lock::lock_folder(
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
        _ => Error::io(out, e),
    })
}

/// Render and stage every (guide, format) job in parallel, each beside its target in
/// `out`. The first failure wins; dropping the staged files removes them.
fn stage(
    jobs: &[(&Document, ExportFormat)],
    out: &Path,
    options: &(dyn Fn(&Document, ExportFormat) -> Options + Sync),
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<crate::fs::commit::Staged>, Error> {
    let staged: Vec<Result<crate::fs::commit::Staged, Error>> = jobs
        .par_iter()
        .map(|(doc, format)| {
            if cancelled() {
                return Err(Error::Interrupted);
            }
            let path = export::output_path(out, &doc.guide.id, format.exporter().extension());
            let rendered = render(doc, *format, &options(doc, *format))?;
            let staged = crate::fs::commit::Staged::write(path, rendered)
                .map_err(|(p, e)| Error::io(&p, e))?;
            progress();
            Ok(staged)
        })
        .collect();
    staged.into_iter().collect()
}

/// Render one valid guide in one format (the bytes and the backend's warnings).
pub fn render(doc: &Document, format: ExportFormat, options: &Options) -> Result<Rendered, Error> {
    let ex = format.exporter();
    ex.render(&doc.guide, options).map_err(|e| {
        // a backend that stopped because the run was interrupted failed for that reason
        if cancelled() {
            return Error::Interrupted;
        }
        // each missing character at its file:line:col as well as its pointer
        let e = match e {
            export::ExportError::MissingGlyphs(m) => {
                export::ExportError::Render(m.describe(&|pointer, c| locate(doc, pointer, c)))
            }
            e => e,
        };
        Error::Export {
            file: doc.source.name.clone(),
            format: ex.extension(),
            source: Box::new(e),
        }
    })
}

/// `file:line:col` of the character `c` in the text at `pointer` (of the value when the
/// character cannot be found in its source, e.g. written as an escape).
fn locate(doc: &Document, pointer: &str, c: char) -> Option<String> {
    let (node, _, found) = doc.root.walk_pointer(pointer);
    if !found {
        return None;
    }
    let start = match &node.kind {
        crate::load::NodeKind::Scalar { value, .. } => {
            use unicode_normalization::UnicodeNormalization;
            // the character as written, or (composed when drawn) its first part
            let at = value
                .find(c)
                .or_else(|| c.to_string().nfd().next().and_then(|d| value.find(d)));
            match at {
                Some(i) => crate::load::align(&doc.source.text, node, value)
                    .get(i)
                    .unwrap_or(node.start),
                None => node.start,
            }
        }
        _ => node.start,
    };
    let loc = doc.source.location(start, start);
    Some(format!("{}:{}:{}", doc.source.name, loc.line, loc.column))
}

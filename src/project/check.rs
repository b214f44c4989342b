//! The check: discover the guides, give each its configuration, validate and lint them in
//! parallel, and gather one sorted [`Report`].

use super::{Project, Report, Scope, Stage};
use crate::diag::{Code, Diagnostic, Findings, Severity};
use crate::load::SourceFile;
use crate::validate::{self, Document};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The guides a check found, each with its configuration, before anything is validated.
struct Found {
    /// Guide files on disk that no `ignore` glob drops, with their configuration.
    scoped: Vec<(PathBuf, Arc<Scope>)>,
    /// The configuration of the guide on standard input, when there is one and it resolved.
    stdin_scope: Option<Arc<Scope>>,
    /// Paths that could not be read and configurations that are broken.
    diagnostics: Vec<Diagnostic>,
    io_error: bool,
    /// Every guide file found (ignored ones too) and the name of a guide on standard input.
    inputs: Vec<PathBuf>,
}

/// One checked guide: its text, the guide when valid and kept, what the duplicate-id check
/// needs of it when valid, and its findings (packed).
type Linted = (
    Option<Arc<SourceFile>>,
    Option<Document>,
    Option<IdSite>,
    Findings,
);

/// Where a valid guide declares its `id`: all the duplicate-id check needs of it, so a
/// report without documents can still make that check.
struct IdSite {
    id: String,
    file: String,
    location: Option<crate::diag::Location>,
}

impl IdSite {
    fn of(d: &Document) -> Self {
        IdSite {
            id: d.guide.id.clone(),
            file: d.source.name.clone(),
            location: d.root.get("id").map(|n| d.source.location(n.start, n.end)),
        }
    }
}

impl Project {
    /// The check behind [`Project::check`] and [`Project::check_text`]: find the guides
    /// under `paths` (and `stdin`, a guide held in memory), validate them in parallel while
    /// the dictionary loads, lint the valid ones (`stage`), and gather one sorted report.
    ///
    /// With `keep_documents` false, each guide's parsed document (its YAML tree and model) is
    /// dropped as soon as it is linted: the report's `documents` is then empty, and a check
    /// of many guides holds only their texts and findings.
    pub(super) fn check_with(
        &self,
        stage: Stage,
        paths: &[PathBuf],
        stdin: Option<&(String, Vec<u8>)>,
        keep_documents: bool,
    ) -> Report {
        let Found {
            scoped,
            stdin_scope,
            diagnostics,
            mut io_error,
            inputs,
        } = self.find(paths, stdin);
        let mut files: Vec<PathBuf> = scoped.iter().map(|(f, _)| f.clone()).collect();
        // the dictionary loads while the first guides validate; each guide is linted as
        // soon as it is valid, so (without `keep_documents`) its YAML tree is dropped before
        // the next guides are parsed, not held until every guide has been read
        let (mut linted, ()): (Vec<(bool, Linted)>, ()) = rayon::join(
            || {
                scoped
                    .par_iter()
                    .map(|(p, scope)| {
                        let o = validate::validate_path(p);
                        (o.io_error, lint_outcome(stage, o, scope, keep_documents))
                    })
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
            let o = validate_bytes(name, bytes);
            linted.push((o.io_error, lint_outcome(stage, o, &scope, keep_documents)));
        }
        io_error |= linted.iter().any(|(io, _)| *io);
        let mut sources = BTreeMap::new();
        let mut documents = Vec::new();
        let mut ids = Vec::new();
        let mut held = Findings::from(diagnostics);
        // the loaded texts (shared, not copied) give the renderers their snippets
        for (_, (source, doc, id, diags)) in linted {
            held.append(diags);
            if let Some(s) = source {
                sources.insert(s.name.clone(), s);
            }
            documents.extend(doc);
            ids.extend(id);
        }
        held.extend(duplicate_guide_ids(&ids));
        held.sort();
        let diagnostics = held;
        Report {
            documents,
            diagnostics,
            sources,
            files: files.len(),
            io_error,
            inputs,
        }
    }

    /// Discover the guide files under `paths` (`-` is the guide on standard input) and
    /// give each its configuration: a broken nested config is reported once (exit 2) and
    /// its guides skipped; `ignore` globs drop files.
    fn find(&self, paths: &[PathBuf], stdin: Option<&(String, Vec<u8>)>) -> Found {
        let on_disk: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let (files, mut diagnostics) = if on_disk.is_empty() && stdin.is_some() {
            (Vec::new(), Vec::new())
        } else {
            // symlinked folders are followed only inside the project root
            let root = super::root::find(paths)
                .map(|r| {
                    if r.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        r
                    }
                })
                .or_else(|| std::env::current_dir().ok());
            crate::load::discover::discover(&on_disk, root.as_deref())
        };
        let mut io_error = !diagnostics.is_empty();
        let mut inputs: Vec<PathBuf> = files.clone();
        inputs.extend(stdin.map(|(name, _)| PathBuf::from(name)));
        let mut broken: BTreeMap<String, ()> = BTreeMap::new();
        let mut scoped: Vec<(PathBuf, Arc<Scope>)> = Vec::new();
        let mut ignored: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        for file in files {
            match self.scopes.for_file(&file) {
                Ok(scope) if scope.settings.ignores(&file) => {
                    ignored.push((file, scope.settings.path.clone()));
                }
                Ok(scope) => scoped.push((file, scope)),
                Err(d) => {
                    if broken.insert(d.file.clone(), ()).is_none() {
                        diagnostics.push(*d);
                    }
                    io_error = true;
                }
            }
        }
        // a folder whose every guide is ignored: nothing to check there (exit 2)
        let all_ignored = folders_all_ignored(&on_disk, &inputs, &ignored);
        io_error |= !all_ignored.is_empty();
        diagnostics.extend(all_ignored);
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
        Found {
            scoped,
            stdin_scope,
            diagnostics,
            io_error,
            inputs,
        }
    }
}

/// Each folder of `paths` whose guides (`found`) the `ignore` globs all drop (`ignored`, with
/// the configuration that drops each): an error (exit 2), as for a folder without guides.
/// Files named one by one are skipped silently: the pre-commit hook passes every changed
/// YAML file, the ignored ones included.
fn folders_all_ignored(
    paths: &[PathBuf],
    found: &[PathBuf],
    ignored: &[(PathBuf, Option<PathBuf>)],
) -> Vec<Diagnostic> {
    paths
        .iter()
        .filter(|p| p.is_dir())
        .filter_map(|dir| {
            let under = found.iter().filter(|f| f.starts_with(dir)).count();
            let dropped: Vec<&(PathBuf, Option<PathBuf>)> =
                ignored.iter().filter(|(f, _)| f.starts_with(dir)).collect();
            let (first, config) = dropped.first()?;
            (dropped.len() == under).then(|| {
                Diagnostic::error(
                    Code::Io,
                    &dir.display().to_string(),
                    format!(
                        "every guide is ignored: the `ignore` globs of {} match all {} found here (e.g. {}); nothing was checked",
                        config
                            .as_deref()
                            .map_or_else(|| "the configuration".to_string(), crate::fs::shown),
                        crate::util::plural(under, "guide"),
                        crate::fs::shown(first)
                    ),
                )
            })
        })
        .collect()
}

/// Validate a guide held in memory (standard input, an editor buffer) named `name`.
fn validate_bytes(name: &str, bytes: &[u8]) -> validate::Outcome {
    match crate::load::source_from_bytes(name, bytes.to_vec()) {
        Ok(src) => validate::validate_source(src),
        Err(crate::load::ReadError::Io(d) | crate::load::ReadError::Content(d)) => {
            validate::Outcome {
                file: name.to_string(),
                source: None,
                document: None,
                diagnostics: vec![*d],
                io_error: false,
            }
        }
    }
}

/// The findings of one validated guide at `stage`: its validation findings (for `Lint`,
/// one `invalid-guide` error instead when it has validation errors), then, when it is
/// valid, the rules of its own configuration.
fn lint_outcome(stage: Stage, o: validate::Outcome, scope: &Scope, keep: bool) -> Linted {
    let mut diags = Findings::new();
    let errors = o
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    match stage {
        // a guide that could not be read (not a regular file, over the size limit): its
        // I/O error itself, not "run validate"
        Stage::Lint if o.io_error => diags.extend(o.diagnostics.iter().cloned()),
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
        let lints = crate::lint::lint_at(doc, &scope.settings, &scope.lexicon(), at_least);
        // moved, not copied, when it is all: a guide with 200k findings holds them once
        diags.append(lints);
    }
    let id = o.document.as_ref().map(IdSite::of);
    (o.source, o.document.filter(|_| keep), id, diags)
}

/// Two valid guides with the same `id` would write the same export files: an error that
/// names both files, reported before anything is written.
fn duplicate_guide_ids(guides: &[IdSite]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<&str, &IdSite> = BTreeMap::new();
    let mut out = Vec::new();
    for guide in guides {
        if let Some(prev) = first.get(guide.id.as_str()) {
            let mut diag = Diagnostic::error(
                Code::DuplicateGuideId,
                &guide.file,
                format!(
                    "guide id `{}` is also used by {}: both would write the same export files",
                    guide.id, prev.file
                ),
            )
            .at(guide.location)
            .label("same id as another guide")
            .note("help: give each guide a unique `id`");
            if let Some(l) = prev.location {
                diag = diag.related(&prev.file, l, "first used here");
            }
            out.push(diag);
        } else {
            first.insert(&guide.id, guide);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A printed check keeps no documents and finds exactly what a full check finds:
    /// duplicate ids across guides (with the first guide's place), lint and validation
    /// findings.
    #[test]
    fn a_check_without_documents_reports_the_same_findings() {
        let dir = tempfile::tempdir().unwrap();
        let seed = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/microneedling-101.yaml"),
        )
        .unwrap();
        let flawed = seed.replacen("skin", "skin the the Teh", 3);
        std::fs::write(dir.path().join("a.yaml"), &seed).unwrap();
        std::fs::write(dir.path().join("b.yaml"), &flawed).unwrap();
        std::fs::write(dir.path().join("c.yaml"), "id: [broken\n").unwrap();
        let paths = [dir.path().to_path_buf()];
        let project = Project::open(&paths, None).unwrap();
        for stage in [Stage::Validate, Stage::Lint, Stage::Check] {
            let full = project.check(stage);
            let printed = project.check_findings(stage);
            assert!(!full.documents.is_empty());
            assert!(printed.documents.is_empty());
            assert_eq!(printed.diagnostics.to_vec(), full.diagnostics.to_vec());
            assert_eq!(printed.summary(), full.summary());
            assert_eq!(printed.files, full.files);
            assert_eq!(printed.io_error, full.io_error);
            assert_eq!(printed.sources.len(), full.sources.len());
        }
        let found = project.check_findings(Stage::Check).diagnostics.to_vec();
        let dup: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| d.code == Code::DuplicateGuideId)
            .collect();
        assert_eq!(dup.len(), 1, "{dup:?}");
        assert_eq!(dup[0].related.len(), 1);
        assert!(found.iter().any(|d| d.code == Code::RepeatedWord));
    }
}

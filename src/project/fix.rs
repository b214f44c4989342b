//! `lint --fix`: each guide with a finding that has a safe fix is fixed in memory (proven by
//! re-parsing, to a fixpoint, see [`crate::fix`]), then every changed file is written, or none.

use super::{Error, Project, Report};
use crate::diag::{Diagnostic, Fix, Summary};
use crate::fix::{FileFix, apply_one, fix_source, write_all};
use crate::load::SourceFile;
use crate::validate::Document;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What [`Project::fix`] did and what is left.
pub struct Fixed {
    /// Each guide that had a finding with a safe fix: its text before and after.
    pub files: Vec<FileFix>,
    /// What is left, sorted: the findings of untouched guides as reported, fixed guides
    /// linted again.
    pub remaining: Vec<Diagnostic>,
    /// Every guide's text for snippets (the fixed text of a fixed guide).
    pub sources: BTreeMap<String, Arc<SourceFile>>,
    /// `remaining` counted over the report's guides.
    pub summary: Summary,
}

impl Fixed {
    /// How many findings the fixes resolved.
    pub fn applied(&self) -> usize {
        self.files.iter().map(|f| f.applied).sum()
    }

    /// The guides whose text changed.
    pub fn changed(&self) -> impl Iterator<Item = &FileFix> {
        self.files.iter().filter(|f| f.changed())
    }
}

impl Project {
    /// Fix every guide of `report` (a [`super::Stage::Lint`] check of this project) that has
    /// a finding with a safe fix, each with its own configuration; when `write`, write every
    /// changed file or none (`crate::fix::write_all`), else change nothing on disk.
    pub fn fix(&self, report: &Report, write: bool) -> Result<Fixed, Error> {
        let all = &report.diagnostics;
        let with_fixes: BTreeSet<&str> = (0..all.len())
            .filter(|&i| all.has_fix(i))
            .map(|i| all.file(i))
            .collect();
        let files: Vec<FileFix> = report
            .documents
            .par_iter()
            .filter(|d| with_fixes.contains(d.source.name.as_str()))
            .map(|d| self.fix_guide(d.source.clone()))
            .collect();
        if write {
            write_all(&files.iter().collect::<Vec<_>>())?;
        }
        let mut remaining: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| !with_fixes.contains(d.file.as_str()))
            .collect();
        let mut sources = report.sources.clone();
        for f in &files {
            remaining.extend(f.remaining.iter().cloned());
            sources.insert(f.fixed.name.clone(), f.fixed.clone());
        }
        remaining.sort_unstable_by(Diagnostic::order);
        let summary = Summary::of(&remaining, report.files);
        Ok(Fixed {
            files,
            remaining,
            sources,
            summary,
        })
    }

    /// Fix one guide's text in memory with the guide's own configuration (it resolved
    /// during the check): its fixes applied to a fixpoint, each round proven by re-parsing
    /// ([`crate::fix`]). The one path of `lint --fix` ([`Project::fix`]) and the language
    /// server's "fix all" on an editor buffer; nothing is written.
    pub(crate) fn fix_guide(&self, source: Arc<SourceFile>) -> FileFix {
        let scope = self.scope_of(&source.name);
        fix_source(source, &scope.settings, &scope.lexicon())
    }

    /// One fix applied to a valid guide's text with the proof every `--fix` round makes
    /// (the value changes only where the fix is meant to): the new text, or `None` when it
    /// cannot be applied safely. The language server's quick fixes.
    pub(crate) fn apply_fix(document: &Document, fix: &Fix) -> Option<String> {
        apply_one(&document.source.text, &document.root, fix)
    }
}

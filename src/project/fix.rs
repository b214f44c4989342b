//! `lint --fix`: each guide with a finding that has a safe fix is fixed in memory (proven by
//! re-parsing, to a fixpoint, see [`crate::fix`]), then every changed file is written, or none.

use super::{Error, Project, Report};
use crate::diag::{Diagnostic, Summary};
use crate::fix::{FileFix, fix_source, write_all};
use crate::load::SourceFile;
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
    /// changed file or none ([`crate::fix::write_all`]), else change nothing on disk.
    pub fn fix(&self, report: &Report, write: bool) -> Result<Fixed, Error> {
        let with_fixes: BTreeSet<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| d.file.as_str())
            .collect();
        let files: Vec<FileFix> = report
            .documents
            .par_iter()
            .filter(|d| with_fixes.contains(d.source.name.as_str()))
            .map(|d| {
                // the guide's own configuration (it resolved during the check)
                let scope = self.scope_of(&d.source.name);
                fix_source(d.source.clone(), &scope.settings, &scope.lexicon())
            })
            .collect();
        if write {
            write_all(&files.iter().collect::<Vec<_>>())?;
        }
        let mut remaining: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| !with_fixes.contains(d.file.as_str()))
            .cloned()
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
}

//! Finding guide files: explicit files, or *.yaml / *.yml under directories (sorted, no
//! symlink loops, hidden files and folders skipped).

use crate::diag::Code;
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Expand user paths into a sorted, de-duplicated list of guide files.
/// Missing paths and unreadable directories are I/O diagnostics (exit 2).
pub(crate) fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => errors.push(Diagnostic::error(
                Code::Io,
                &name,
                format!("cannot open path: {}", crate::util::io_reason(&e)),
            )),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                let mut seen = std::collections::HashSet::new();
                walk(p, &mut files, &mut errors, &mut seen, 0);
                if files.len() == before {
                    errors.push(Diagnostic::error(
                        Code::Io,
                        &name,
                        "no guides found: expected *.yaml or *.yml files in this directory",
                    ));
                }
            }
            Ok(_) => files.push(p.clone()),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Diagnostic>,
    seen: &mut std::collections::HashSet<PathBuf>,
    depth: usize,
) {
    // canonical paths stop symlink loops; the depth cap stops pathological trees
    let Ok(canon) = std::fs::canonicalize(dir) else {
        return;
    };
    if depth > 32 || !seen.insert(canon) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Diagnostic::error(
                Code::Io,
                &dir.display().to_string(),
                format!("cannot read directory: {}", crate::util::io_reason(&e)),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        // hidden files and folders (`.guidepress.yaml`, `.pre-commit-config.yaml`, `.git`)
        // are never guides
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, files, errors, seen, depth + 1);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) && path.is_file()
        {
            files.push(path);
        }
    }
}

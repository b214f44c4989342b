//! Finding guide files: explicit files, or *.yaml / *.yml under directories (sorted, no
//! symlink loops, hidden files and folders skipped, symlinked folders leading outside the
//! project not followed).

use crate::diag::Code;
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Expand user paths into a sorted, de-duplicated list of guide files.
/// Missing paths and unreadable directories are I/O diagnostics (exit 2). A symlinked folder
/// is followed only when it leads inside `root` (the project root; see [`boundary`]).
pub(crate) fn discover(paths: &[PathBuf], root: Option<&Path>) -> (Vec<PathBuf>, Vec<Diagnostic>) {
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
                let within = boundary(p, root);
                walk(p, &mut files, &mut errors, &mut seen, 0, within.as_deref());
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

/// The folder a walk of `dir` stays in when it meets a symlinked folder: the project root
/// `root` (the nearest `.guidepress.yaml` upward, else the working folder), or `dir` itself
/// when the user named a folder outside it. `None` when `dir` cannot be resolved.
fn boundary(dir: &Path, root: Option<&Path>) -> Option<PathBuf> {
    let canon = std::fs::canonicalize(dir).ok()?;
    match root.and_then(|r| std::fs::canonicalize(r).ok()) {
        Some(r) if canon.starts_with(&r) => Some(r),
        _ => Some(canon),
    }
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<Diagnostic>,
    seen: &mut std::collections::HashSet<PathBuf>,
    depth: usize,
    within: Option<&Path>,
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
            // a symlinked folder leading out of the project (`ln -s / content/shared`) is
            // not searched: said once, on standard error
            if path.is_symlink()
                && let Some(within) = within
                && !std::fs::canonicalize(&path).is_ok_and(|c| c.starts_with(within))
            {
                eprintln!(
                    "note: not searching {} for guides: a symlinked folder leading outside the project ({})",
                    crate::fs::shown(&path),
                    crate::fs::shown(within)
                );
                continue;
            }
            walk(&path, files, errors, seen, depth + 1, within);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) && path.is_file()
        {
            files.push(path);
        }
    }
}

//! The project root: the folder of the nearest `.guidepress.yaml`, found upward from the
//! working folder like cargo and git find theirs, else upward from the paths a command was
//! given. The default folders of every command (`content/`, `exports/`, the vocabulary) are
//! relative to it, so a command behaves the same from the root, from `content/` or from any
//! other folder of the project. Without a `.guidepress.yaml` anywhere above, there is no
//! root and the defaults stay relative to the working folder.
//!
//! The root is returned as a path relative to the working folder where it can be (`` for
//! the working folder itself, `..`, `../..`), so paths in messages read the way the user
//! would type them from where they are.

use crate::config::FILE_NAME;
use std::path::{Component, Path, PathBuf};

/// The root found from the working folder `cwd` (absolute): `` (the folder itself) or
/// `..` repeated once per level up. `None` when no folder at or above `cwd` holds a
/// `.guidepress.yaml`.
pub(crate) fn root_from_working_folder(cwd: &Path) -> Option<PathBuf> {
    let mut relative = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative);
        }
        relative.push("..");
    }
    None
}

/// The root found upward from a path as given on the command line (a file: from its
/// folder), spelled with that path's own prefix (`../site/content` → `../site`). `None`
/// when no folder above it holds a `.guidepress.yaml`.
pub(crate) fn root_from_path(path: &Path) -> Option<PathBuf> {
    if path.as_os_str() == "-" {
        return None;
    }
    let start = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new(""))
    };
    // as written first (keeps `../site`), then the absolute folders above it
    for dir in start.ancestors() {
        if dir.components().any(|c| c == Component::ParentDir) && dir.file_name().is_none() {
            // `..`, `../..`: the working folder's parents, tried below in absolute form
            break;
        }
        let folder = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if folder.join(FILE_NAME).is_file() {
            return Some(dir.to_path_buf());
        }
    }
    let absolute = std::path::absolute(start).ok()?;
    absolute
        .ancestors()
        .find(|d| d.join(FILE_NAME).is_file())
        .map(Path::to_path_buf)
}

/// The project root for a command: from the working folder, else from the first of `paths`
/// that has one above it (the same order the configuration is found in). `None`: no
/// `.guidepress.yaml` anywhere above; defaults stay relative to the working folder.
pub fn find(paths: &[PathBuf]) -> Option<PathBuf> {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| root_from_working_folder(&cwd))
        .or_else(|| paths.iter().find_map(|p| root_from_path(p)))
}

/// `default` (a folder name such as `content`) under `root`; the bare name without a root.
pub fn under(root: Option<&Path>, default: &Path) -> PathBuf {
    match root {
        Some(r) => r.join(default),
        None => default.to_path_buf(),
    }
}

/// The repository root report URIs are relative to (SARIF's `%SRCROOT%`): the nearest folder upward from the current one
/// holding `.git`, else the current folder.
pub fn repository() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut dir = cwd.clone();
    loop {
        if dir.join(".git").exists() {
            return Some(dir);
        }
        if !dir.pop() {
            return Some(cwd);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_upward_is_the_root_spelled_relative() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path();
        std::fs::create_dir_all(top.join("site/content/skin")).unwrap();
        std::fs::write(top.join("site").join(FILE_NAME), "").unwrap();
        assert_eq!(
            root_from_working_folder(&top.join("site")),
            Some(PathBuf::new())
        );
        assert_eq!(
            root_from_working_folder(&top.join("site/content/skin")),
            Some(PathBuf::from("../.."))
        );
        assert_eq!(
            root_from_path(&top.join("site/content/skin")),
            Some(top.join("site"))
        );
        assert_eq!(
            under(Some(Path::new("..")), Path::new("content")),
            PathBuf::from("../content")
        );
        assert_eq!(
            under(Some(Path::new("")), Path::new("content")),
            PathBuf::from("content")
        );
        assert_eq!(under(None, Path::new("exports")), PathBuf::from("exports"));
    }
}

//! Where a write may go. [`refuse_inputs`]: an output (a report, an export) that resolves to
//! one of the run's inputs (a guide, a configuration, a vocabulary) is refused — a path is
//! resolved with symlinks followed, a file that does not exist yet through its folder, and
//! existing files are also compared by identity (hard links). [`confine`]: a write that is
//! not under `--out` stays inside the project's folder tree.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute with every symlink followed; for a path that does not exist (yet),
/// its nearest existing ancestor is resolved and the rest appended (`..` applied).
pub(crate) fn resolve(path: &Path) -> PathBuf {
    resolve_within(path, 0)
}

/// [`resolve`], following at most 40 dangling symlinks (a loop ends there).
fn resolve_within(path: &Path, depth: usize) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest: Vec<Component> = Vec::new();
    loop {
        // a dangling symlink: resolve what it points to
        if let (Ok(meta), Ok(to)) = (existing.symlink_metadata(), std::fs::read_link(existing))
            && meta.file_type().is_symlink()
            && depth < 40
        {
            let to = if to.is_absolute() {
                to
            } else {
                crate::util::folder_of(existing).join(to)
            };
            let mut joined = to;
            joined.extend(rest.iter().rev());
            return resolve_within(&joined, depth + 1);
        }
        if let Ok(base) = std::fs::canonicalize(existing) {
            let mut out = base;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Device and inode of an existing file.
type Identity = Option<(u64, u64)>;

/// Device and inode of an existing file (symlinks followed).
fn identity(path: &Path) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The first output that is one of the inputs, with that input: `(output, input)`.
pub(crate) fn find_input<'a>(
    outputs: impl IntoIterator<Item = &'a Path>,
    inputs: &[PathBuf],
) -> Option<(PathBuf, PathBuf)> {
    let known: Vec<(&PathBuf, PathBuf, Identity)> = inputs
        .iter()
        .map(|i| (i, resolve(i), identity(i)))
        .collect();
    for out in outputs {
        let resolved = resolve(out);
        let id = identity(out);
        if let Some((input, _, _)) = known
            .iter()
            .find(|(_, r, i)| *r == resolved || (id.is_some() && *i == id))
        {
            return Some((out.to_path_buf(), (*input).clone()));
        }
    }
    None
}

/// Refuse to write any of `outputs` when it is one of `inputs`: the message names both
/// (`what` says what the output is: "the SARIF report", "the export").
pub(crate) fn refuse_inputs<'a>(
    what: &str,
    outputs: impl IntoIterator<Item = &'a Path>,
    inputs: &[PathBuf],
) -> Result<(), String> {
    match find_input(outputs, inputs) {
        None => Ok(()),
        Some((out, input)) => Err(format!(
            "{what} {} would overwrite {}, an input of this run; nothing was written (choose another output path)",
            super::shown(&out),
            super::shown(&input),
        )),
    }
}

/// `path` resolved (symlinks followed) when it lies inside `root`'s folder tree; an error
/// naming both when it does not.
pub(crate) fn confine(path: &Path, root: &Path) -> Result<PathBuf, String> {
    let resolved = resolve(path);
    let root = resolve(root);
    if resolved.starts_with(&root) {
        Ok(resolved)
    } else {
        Err(format!(
            "{} is outside the project folder {}: guidepress writes only inside it (resolved to {})",
            super::shown(path),
            super::shown(&root),
            super::shown(&resolved),
        ))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn outputs_resolve_through_symlinks_parents_and_hard_links() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("content")).unwrap();
        std::fs::write(d.join("content/g.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("content"), d.join("link")).unwrap();
        std::fs::hard_link(d.join("content/g.yaml"), d.join("hard.sarif")).unwrap();
        let inputs = vec![d.join("content/g.yaml"), d.join("content/new.yaml")];
        for hit in [
            d.join("content/g.yaml"),
            d.join("link/g.yaml"),
            d.join("content/../content/./g.yaml"),
            d.join("hard.sarif"),
            // not created yet: resolved through its folder
            d.join("link/new.yaml"),
        ] {
            assert!(find_input([hit.as_path()], &inputs).is_some(), "{hit:?}");
        }
        for miss in [d.join("content/other.sarif"), d.join("missing/dir/x")] {
            assert!(find_input([miss.as_path()], &inputs).is_none(), "{miss:?}");
        }
    }

    #[test]
    fn confinement_follows_symlinks_and_dot_dot() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("project/content")).unwrap();
        std::fs::create_dir_all(d.join("victim")).unwrap();
        std::os::unix::fs::symlink(d.join("victim"), d.join("project/out")).unwrap();
        let root = d.join("project");
        assert!(confine(&root.join("content/vocabulary.txt"), &root).is_ok());
        assert!(confine(&root.join("new/dir/words.txt"), &root).is_ok());
        assert!(confine(&root.join("../victim/file"), &root).is_err());
        assert!(confine(&root.join("out/file"), &root).is_err());
        assert!(confine(&root.join("missing/../../victim/x"), &root).is_err());
    }
}

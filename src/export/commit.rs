//! All-or-nothing writes of several files: each output is first written in full to a
//! temporary file beside its target ([`Staged`]); [`commit_all`] then renames them into
//! place, and if one rename fails, puts back what it already replaced. Temporary files are
//! named `.guidepress-*.tmp`; an interrupted run's leftovers are removed by the next run
//! ([`remove_stale_temps`]).

use super::{Rendered, Written};
use std::path::{Path, PathBuf};

pub use crate::util::{TEMP_PREFIX, TEMP_SUFFIX};

/// One output written to a temporary file, waiting to be committed. Dropping it removes
/// the temporary file.
pub struct Staged {
    temp: tempfile::TempPath,
    target: PathBuf,
    bytes: usize,
    warnings: Vec<String>,
}

impl Staged {
    /// Write `rendered` to a synced temporary file in `target`'s folder (mode 0644). A
    /// folder in the target's place is refused here, before anything is committed.
    pub fn write(target: PathBuf, rendered: Rendered) -> Result<Staged, (PathBuf, std::io::Error)> {
        Self::write_with_mode(target, rendered, None)
    }

    /// Like [`Staged::write`], with the file mode to give the result (default 0644).
    pub fn write_with_mode(
        target: PathBuf,
        rendered: Rendered,
        mode: Option<u32>,
    ) -> Result<Staged, (PathBuf, std::io::Error)> {
        if target.is_dir() {
            return Err((
                target,
                std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "a folder is in the way of the output file",
                ),
            ));
        }
        match crate::util::write_temp_beside(&target, &rendered.bytes, mode) {
            Ok(temp) => Ok(Staged {
                temp,
                target,
                bytes: rendered.bytes.len(),
                warnings: rendered.warnings,
            }),
            Err(e) => Err((target, e)),
        }
    }
}

impl Staged {
    /// The file this will become.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// The temporary file holding the content until the commit (to set its owner).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }
}

/// Move every staged file into place. When a rename fails, the files already replaced get
/// their previous content back (from a hard link or copy taken just before), files that did
/// not exist are removed again, and every temporary file is deleted: the folder is as it was.
pub fn commit_all(staged: Vec<Staged>) -> Result<Vec<Written>, (PathBuf, std::io::Error)> {
    // keep the previous version of each target until every rename has succeeded
    let mut backups: Vec<Option<tempfile::TempPath>> = Vec::with_capacity(staged.len());
    for s in &staged {
        backups.push(match backup(&s.target) {
            Ok(b) => b,
            Err(e) => return Err((s.target.clone(), e)),
        });
    }
    let mut written: Vec<Written> = Vec::new();
    for s in staged {
        let Staged {
            temp,
            target,
            bytes,
            warnings,
        } = s;
        if let Err(e) = temp.persist(&target) {
            // roll back what this commit already replaced
            for (j, w) in written.iter().enumerate().rev() {
                restore(&w.path, backups[j].take());
            }
            return Err((target, e.error));
        }
        written.push(Written {
            path: target,
            bytes,
            warnings,
        });
    }
    Ok(written)
}

/// A temporary copy (hard link where the file system allows) of `target`, or `None` when
/// there is no previous file.
fn backup(target: &Path) -> std::io::Result<Option<tempfile::TempPath>> {
    if !target.exists() {
        return Ok(None);
    }
    let tmp = crate::util::temp_beside(target)?.into_temp_path();
    // a hard link costs nothing; fall back to a copy
    std::fs::remove_file(&tmp)?;
    if std::fs::hard_link(target, &tmp).is_err() {
        std::fs::copy(target, &tmp)?;
    }
    Ok(Some(tmp))
}

fn restore(target: &Path, backup: Option<tempfile::TempPath>) {
    match backup {
        Some(b) => {
            let _ = b.persist(target);
        }
        None => {
            let _ = std::fs::remove_file(target);
        }
    }
}

/// Remove `.guidepress-*.tmp` files an interrupted or killed run left in `dir`.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && e.file_type().is_ok_and(|t| t.is_file())
            && std::fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(s: &str) -> Rendered {
        Rendered::from(s.as_bytes().to_vec())
    }

    #[test]
    fn commits_all_files_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "old").unwrap();
        let staged = vec![
            Staged::write(dir.path().join("a.txt"), rendered("new a")).unwrap(),
            Staged::write(dir.path().join("b.txt"), rendered("new b")).unwrap(),
        ];
        let w = commit_all(staged).unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "new a"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "new b"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_failed_rename_restores_every_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "old a").unwrap();
        let a = Staged::write(dir.path().join("a.txt"), rendered("new a")).unwrap();
        let b = Staged::write(dir.path().join("b.txt"), rendered("new b")).unwrap();
        let c = Staged::write(dir.path().join("c.txt"), rendered("new c")).unwrap();
        // a folder appears where c.txt goes after staging: the rename of c fails
        std::fs::create_dir(dir.path().join("c.txt")).unwrap();
        std::fs::write(dir.path().join("c.txt").join("keep"), "x").unwrap();
        assert!(commit_all(vec![a, b, c]).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "old a"
        );
        assert!(!dir.path().join("b.txt").exists());
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.txt", "c.txt"]);
    }

    #[test]
    fn a_folder_in_the_way_fails_at_staging() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("x.pdf")).unwrap();
        assert!(Staged::write(dir.path().join("x.pdf"), rendered("x")).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".guidepress-abc.tmp"), "x").unwrap();
        std::fs::write(dir.path().join("keep.tmp"), "x").unwrap();
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(dir.path().join("keep.tmp").exists());
    }
}

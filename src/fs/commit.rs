//! All-or-nothing writes of several files: each output is first written in full to a
//! temporary file beside its target ([`Staged`]); [`commit_all`] then renames them into
//! place, and if one rename fails, puts back what it already replaced. [`commit_all_new`]
//! does the same for files that must be new: each is linked into place only if nothing is
//! there (create-new semantics, no check-then-rename), else the files it already created
//! are removed again. Temporary files are named `.guidepress-<pid>-*.tmp` after the run
//! that made them; [`remove_stale_temps`] removes only those whose run is gone.

use std::path::{Path, PathBuf};

/// Bytes to write and what the reader should know about them (an export's rendering).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Problems that did not stop the export (e.g. characters the PDF font cannot show).
    pub warnings: Vec<String>,
}

impl From<Vec<u8>> for Rendered {
    fn from(bytes: Vec<u8>) -> Self {
        Rendered {
            bytes,
            warnings: Vec::new(),
        }
    }
}

/// One written file (its size and the warnings of its rendering).
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

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
    pub(crate) fn write_with_mode(
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
    pub(crate) fn temp_path(&self) -> &Path {
        &self.temp
    }
}

/// Move every staged file into place. When a rename fails, the files already replaced get
/// their previous content back (from a hard link or copy taken just before), files that did
/// not exist are removed again, and every temporary file is deleted: the folder is as it was.
pub fn commit_all(staged: Vec<Staged>) -> Result<Vec<Written>, (PathBuf, std::io::Error)> {
    // keep the previous version of each target until every rename has succeeded; a backup
    // only ever restores a file replaced before a later rename failed, so the last file
    // (the only one of a one-format export) needs none when it is a plain file: its rename
    // either replaces it whole or leaves it as it was
    let mut backups: Vec<Option<tempfile::TempPath>> = Vec::with_capacity(staged.len());
    for (i, s) in staged.iter().enumerate() {
        let last = i + 1 == staged.len();
        if last && std::fs::symlink_metadata(&s.target).is_ok_and(|m| m.is_file()) {
            backups.push(None);
            continue;
        }
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

/// Move every staged file into place, each only where no file (or link, or folder) exists
/// yet: the check and the creation are one step (`renameat2(RENAME_NOREPLACE)` or
/// `link(2)`), so a file created meanwhile by the user or another run is never replaced.
/// When one target exists (`ErrorKind::AlreadyExists`) or fails otherwise, the files this
/// call already created are removed again: all or none.
pub(crate) fn commit_all_new(
    staged: Vec<Staged>,
) -> Result<Vec<Written>, (PathBuf, std::io::Error)> {
    let mut written: Vec<(Written, Option<FileId>)> = Vec::new();
    for s in staged {
        let Staged {
            temp,
            target,
            bytes,
            warnings,
        } = s;
        let result = match temp.persist_noclobber(&target) {
            Ok(()) => Ok(()),
            // a file system without hard links or RENAME_NOREPLACE (FAT, some network
            // mounts): create the file exclusively (O_EXCL) and copy the staged bytes in
            Err(e)
                if matches!(
                    e.error.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::Unsupported
                ) =>
            {
                copy_new(&e.path, &target)
            }
            Err(e) => Err(e.error),
        };
        if let Err(e) = result {
            for (w, id) in written.iter().rev() {
                // only what is still the file this call created
                if id.is_some() && file_id(&w.path) == *id {
                    let _ = std::fs::remove_file(&w.path);
                }
            }
            return Err((target, e));
        }
        let id = file_id(&target);
        written.push((
            Written {
                path: target,
                bytes,
                warnings,
            },
            id,
        ));
    }
    Ok(written.into_iter().map(|(w, _)| w).collect())
}

/// Create `target` only if nothing is there and copy `temp` into it, synced, with the
/// temporary file's mode; a partial copy is removed.
fn copy_new(temp: &Path, target: &Path) -> std::io::Result<()> {
    let mut from = std::fs::File::open(temp)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(crate::util::mode_of(&from.metadata()?));
    }
    let mut to = options.open(target)?;
    let copied = std::io::copy(&mut from, &mut to).and_then(|_| to.sync_all());
    if copied.is_err() {
        let _ = std::fs::remove_file(target);
    }
    copied
}

/// Device and inode of a file (not following a final symlink), to tell "still ours".
type FileId = (u64, u64);

fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path)
            .ok()
            .map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        std::fs::symlink_metadata(path).ok().map(|_| (0, 0))
    }
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

/// Remove the temporary files (`.guidepress-<pid>-*.tmp`) that interrupted or killed runs
/// left in `dir`: only those whose run is gone (no process with that id). A live run's
/// staged files and rollback backups are never touched, nor a temporary file whose run
/// cannot be told from its name.
pub(crate) fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Some(pid) = crate::util::temp_run(&name) else {
            continue;
        };
        if pid != std::process::id()
            && !crate::fs::process_alive(pid)
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
    fn a_failed_last_rename_restores_the_files_before_it() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a.txt", "b.txt"] {
            std::fs::write(dir.path().join(f), format!("old {f}")).unwrap();
        }
        let a = Staged::write(dir.path().join("a.txt"), rendered("new a")).unwrap();
        let b = Staged::write(dir.path().join("b.txt"), rendered("new b")).unwrap();
        // b's staged file vanishes: its rename fails after a's succeeded
        std::fs::remove_file(b.temp_path()).unwrap();
        assert!(commit_all(vec![a, b]).is_err());
        for f in ["a.txt", "b.txt"] {
            assert_eq!(
                std::fs::read_to_string(dir.path().join(f)).unwrap(),
                format!("old {f}")
            );
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // one file: replaced whole, nothing else left behind
        let c = Staged::write(dir.path().join("a.txt"), rendered("new a")).unwrap();
        commit_all(vec![c]).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "new a"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_folder_in_the_way_fails_at_staging() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("x.pdf")).unwrap();
        assert!(Staged::write(dir.path().join("x.pdf"), rendered("x")).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A process id that is not running: a child that has exited and been reaped.
    fn dead_pid() -> u32 {
        let mut c = std::process::Command::new("true").spawn().unwrap();
        let pid = c.id();
        c.wait().unwrap();
        pid
    }

    #[test]
    fn only_the_temps_of_runs_that_are_gone_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dead_pid();
        let stale = format!(".guidepress-{dead}-abc.tmp");
        let mine = format!(".guidepress-{}-abc.tmp", std::process::id());
        // pid 1 is always running
        let live = ".guidepress-1-abc.tmp";
        for name in [
            stale.as_str(),
            mine.as_str(),
            live,
            ".guidepress-abc.tmp",
            "keep.tmp",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(!dir.path().join(&stale).exists());
        for name in [mine.as_str(), live, ".guidepress-abc.tmp", "keep.tmp"] {
            assert!(dir.path().join(name).exists(), "{name}");
        }
    }

    #[test]
    fn temps_are_named_after_their_run() {
        let dir = tempfile::tempdir().unwrap();
        let s = Staged::write(dir.path().join("a.txt"), rendered("a")).unwrap();
        let name = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .file_name();
        assert_eq!(
            crate::util::temp_run(&name.to_string_lossy()),
            Some(std::process::id())
        );
        drop(s);
    }

    #[test]
    fn create_new_never_replaces_and_is_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = Staged::write(dir.path().join("a.txt"), rendered("new a")).unwrap();
        let b = Staged::write(dir.path().join("b.txt"), rendered("new b")).unwrap();
        // b.txt appears after staging (the user, or another run)
        std::fs::write(dir.path().join("b.txt"), "theirs").unwrap();
        let (path, e) = commit_all_new(vec![a, b]).unwrap_err();
        assert_eq!(path, dir.path().join("b.txt"));
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.txt")).unwrap(),
            "theirs"
        );
        assert!(!dir.path().join("a.txt").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let c = Staged::write(dir.path().join("c.txt"), rendered("c")).unwrap();
        assert_eq!(commit_all_new(vec![c]).unwrap().len(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("c.txt")).unwrap(),
            "c"
        );
    }
}

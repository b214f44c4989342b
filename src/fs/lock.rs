//! One writer per output folder: an advisory, exclusive lock (`flock(2)` through the `fs4`
//! crate) on the folder itself, held from staging to commit. The kernel releases it when
//! the holder exits, however it ends (kill -9 included), so a lock is never stale and no
//! lock file is left in the folder. A second run waits for it up to [`WAIT`], then fails
//! clearly; a cancelled wait (Ctrl-C) stops at once.

use fs4::{FileExt, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a run waits for another run writing to the same folder before giving up.
pub(crate) const WAIT: Duration = Duration::from_secs(120);

/// The lock on one output folder; dropping it releases the folder.
pub(crate) struct FolderLock {
    _file: std::fs::File,
}

/// Lock `dir` (which exists) for writing. Calls `waiting` once when another run holds it;
/// returns `ErrorKind::Interrupted` when `cancelled` turns true while waiting, and
/// `ErrorKind::TimedOut` (with a message that says what to do) after [`WAIT`].
pub(crate) fn lock_folder(
    dir: &Path,
    waiting: &dyn Fn(),
    cancelled: &dyn Fn() -> bool,
) -> std::io::Result<FolderLock> {
    let file = open_lock(dir)?;
    let start = Instant::now();
    let mut told = false;
    loop {
        // fully qualified: std's `File::try_lock` has the same name
        match FileExt::try_lock(&file) {
            Ok(()) => return Ok(FolderLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            // a file system without locks (some network mounts): nothing to wait for
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                return Ok(FolderLock { _file: file });
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        if cancelled() {
            return Err(std::io::Error::from(std::io::ErrorKind::Interrupted));
        }
        if start.elapsed() >= WAIT {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "another guidepress run is still writing to this folder after {} s; nothing was written (try again when it has finished)",
                    WAIT.as_secs()
                ),
            ));
        }
        if !told {
            waiting();
            told = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The folder itself, opened for reading (Unix locks a folder's descriptor; elsewhere a
/// `.guidepress.lock` file inside it).
fn open_lock(dir: &Path) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(".guidepress.lock"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_waits_and_is_interruptible() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_folder(dir.path(), &|| {}, &|| false).unwrap();
        let waited = std::cell::Cell::new(false);
        let e = lock_folder(dir.path(), &|| waited.set(true), &|| waited.get())
            .err()
            .unwrap();
        assert_eq!(e.kind(), std::io::ErrorKind::Interrupted);
        assert!(waited.get());
        drop(first);
        let again = lock_folder(dir.path(), &|| panic!("no wait"), &|| false);
        assert!(again.is_ok());
        // nothing is left in the folder
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

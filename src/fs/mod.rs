//! File safety at the bottom layer, used by every command that writes:
//! - [`commit`]: all-or-nothing writes of several files (replace, or create-new only);
//! - [`lock`]: one writer per output folder (an advisory lock held from staging to commit);
//! - [`manifest`]: an output folder's files that guidepress wrote (only those are replaced);
//! - [`confine`]: outputs are never inputs, and writes stay inside the project's folder;
//! - [`shown`]: a path as printed on a terminal, its control characters escaped.

pub mod commit;
pub(crate) mod confine;
pub mod lock;
pub mod manifest;

use std::path::Path;

/// A path as printed in messages: control characters, bidi overrides and other terminal
/// escapes shown as `\u{..}` (a file name cannot rewrite the user's terminal).
pub fn shown(path: &Path) -> String {
    crate::escape::esc(&path.display().to_string())
}

/// True when a process with this id exists (so its temporary files are in use). Where the
/// platform cannot tell, every process counts as alive: nothing is removed on a guess.
pub(crate) fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        if pid <= 0 {
            return true;
        }
        // signal 0 checks existence without sending anything; EPERM means it exists
        // SAFETY: kill with signal 0 has no effect beyond the check
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Let writes past the file size limit (`ulimit -f`) fail with "file too large" instead of
/// killing the process with SIGXFSZ (which would leave a temporary file behind and say
/// nothing): the write error then takes the usual path (exit 2, temporary files removed).
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN at start-up, before any thread
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

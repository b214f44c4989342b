//! Ctrl-C and SIGTERM: the signal handler (in the binary) calls [`cancel`] while a [`Guard`]
//! lives, and long operations (staging exports, rendering a PDF, waiting for a folder's lock)
//! poll [`cancelled`] and stop at a safe point, leaving nothing half-written. At the bottom
//! of the crate: the export backends and the file transactions poll it.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the SIGINT/SIGTERM handler (see [`cancel`]); long operations poll it.
static CANCELLED: AtomicBool = AtomicBool::new(false);
/// How many operations are writing files that an immediate exit would leave half done.
static GUARDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// While a `Guard` lives, Ctrl-C asks for a clean stop ([`cancelled`]) instead of ending
/// the process at once.
pub struct Guard(());

impl Guard {
    pub fn new() -> Guard {
        GUARDED.fetch_add(1, Ordering::SeqCst);
        Guard(())
    }
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        GUARDED.fetch_sub(1, Ordering::SeqCst);
    }
}

/// True while some operation holds a [`Guard`].
pub fn guarded() -> bool {
    GUARDED.load(Ordering::SeqCst) > 0
}

/// Ask running operations to stop at their next safe point (nothing half-written is kept).
pub fn cancel() {
    CANCELLED.store(true, Ordering::SeqCst);
}

/// True after [`cancel`].
pub fn cancelled() -> bool {
    CANCELLED.load(Ordering::SeqCst)
}

//! guidepress: validate, lint and export structured guides.
//!
//! Pipeline: [`load`] (YAML with spans) -> [`model`] (typed guide) -> [`validate`]
//! (schema + semantic checks) -> [`lint`] (rules in a registry) -> [`export`]
//! (one backend per format). [`diag`] holds the one diagnostic type and its renderers.
//! [`project`] is the driver the command line (in `main.rs`), tests and editors share.

pub mod config;
pub mod diag;
pub mod export;
pub mod fix;
pub mod fs;
pub mod import;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod model;
pub mod project;
pub mod scaffold;
pub mod semantic;
pub mod settings;
pub mod template;
pub mod util;
pub mod validate;

/// Exit code: no findings at error severity.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one finding at error severity.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error or I/O error (missing path, unreadable file, cannot write).
pub const EXIT_USAGE: i32 = 2;
/// Exit code: interrupted by Ctrl-C or SIGTERM (128 + SIGINT); nothing was committed.
pub const EXIT_INTERRUPTED: i32 = 130;

//! The crate's error type: why a run could not do its job (as opposed to findings in the
//! content). At the bottom of the crate: every layer that reads or writes files returns it,
//! and the binary turns each variant into its exit code and message.

use crate::diag::Diagnostic;
use std::path::Path;

/// Why a run could not do its job (as opposed to findings in the content).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file is missing, unreadable or invalid (exit 2): the finding to
    /// show and, when a file could not be read, its I/O error as the source.
    #[error(transparent)]
    Config(ConfigError),
    /// A file or folder could not be read or written (exit 2): the path as shown on a
    /// terminal, the reason in words, and the I/O error itself.
    #[error("{path}: {reason}")]
    Io {
        path: String,
        reason: String,
        #[source]
        source: std::io::Error,
    },
    /// The command line asks for something impossible (exit 2).
    #[error("{0}")]
    Usage(String),
    /// An export backend could not render a guide (exit 2); nothing was written: the
    /// guide's file as named in findings, the format's file extension and the backend's
    /// error (an [`crate::export::ExportError`]).
    #[error("{file}: cannot export {format}: {source}")]
    Export {
        file: String,
        format: &'static str,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The user pressed Ctrl-C or the process got SIGTERM (exit 130); nothing was committed.
    #[error("interrupted: nothing was written; existing exports are unchanged")]
    Interrupted,
}

/// A configuration that cannot be used: the located finding the command line prints and,
/// when the config, a vocabulary or a dictionary file could not be read, the I/O error.
#[derive(Debug)]
pub struct ConfigError {
    pub diagnostic: Box<Diagnostic>,
    pub source: Option<std::io::Error>,
}

impl ConfigError {
    /// `diagnostic`, caused by the I/O error `source`.
    pub(crate) fn io(diagnostic: Box<Diagnostic>, source: std::io::Error) -> Self {
        ConfigError {
            diagnostic,
            source: Some(source),
        }
    }
}

impl From<Box<Diagnostic>> for ConfigError {
    /// A problem in the configuration's content (no I/O error behind it).
    fn from(diagnostic: Box<Diagnostic>) -> Self {
        ConfigError {
            diagnostic,
            source: None,
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as _)
    }
}

impl Error {
    /// The process exit code of this error: [`crate::EXIT_INTERRUPTED`] for an
    /// interruption, [`crate::EXIT_USAGE`] for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Interrupted => crate::EXIT_INTERRUPTED,
            _ => crate::EXIT_USAGE,
        }
    }

    /// The error as the command line prints it on stderr (ending in a line break): a
    /// configuration finding rendered like any finding, else `error[kind]: message`. Every
    /// message is escaped once more here (idempotent): no text reaches the terminal raw.
    pub fn report(&self) -> String {
        use crate::escape::esc;
        match self {
            Error::Interrupted => format!("{self}\n"),
            Error::Config(c) => crate::diag::render::human_diagnostics(
                std::slice::from_ref(&*c.diagnostic),
                &std::collections::BTreeMap::new(),
                false,
            ),
            Error::Io { path, reason, .. } => {
                format!("error[io]: {}: {}\n", esc(path), esc(reason))
            }
            Error::Usage(msg) => format!("error[usage]: {}\n", esc(msg)),
            Error::Export { .. } => format!("error[export]: {}\n", esc(&self.to_string())),
        }
    }

    /// `e` on `path`.
    pub fn io(path: &Path, e: std::io::Error) -> Self {
        Error::Io {
            path: crate::fs::shown(path),
            reason: crate::util::io_reason(&e),
            source: e,
        }
    }

    /// A file guidepress will not touch (`path` as given, `reason` in words): an I/O error
    /// of kind `Other` carrying the reason.
    pub fn refused(path: &str, reason: String) -> Self {
        Error::Io {
            path: path.to_string(),
            source: std::io::Error::other(reason.clone()),
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_keeps_its_source() {
        let e = Error::io(
            Path::new("a.yaml"),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        let source = std::error::Error::source(&e).expect("the I/O error is kept");
        let io = source
            .downcast_ref::<std::io::Error>()
            .expect("an io::Error");
        assert_eq!(io.kind(), std::io::ErrorKind::NotFound);
        assert!(e.to_string().starts_with("a.yaml: "), "{e}");
    }
}

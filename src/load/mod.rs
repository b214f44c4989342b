//! Loading: bytes on disk -> [`SourceFile`] -> YAML [`Node`] tree with spans.
//!
//! serde_yaml gives no positions for values, so guides are parsed with
//! `saphyr-parser` events into our own span-carrying tree ([`yaml`]). The tree
//! converts to `serde_json::Value` for JSON Schema validation and for typed
//! deserialisation into [`crate::model::Guide`].

pub mod discover;
pub mod source;
pub mod yaml;

pub use source::SourceFile;
pub use yaml::{Node, NodeKind, ScalarStyle};

use crate::diag::Diagnostic;

/// Why a file could not be turned into text: I/O (exit 2) or content (exit 1).
#[derive(Debug)]
pub enum ReadError {
    Io(Box<Diagnostic>),
    Content(Box<Diagnostic>),
}

/// Read a file as UTF-8 text. Invalid UTF-8 is a content error located at the first bad byte.
pub fn read_source(path: &std::path::Path) -> Result<SourceFile, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        ReadError::Io(Box::new(Diagnostic::error(
            "io",
            &name,
            format!("cannot read file: {}", crate::util::io_reason(&e)),
        )))
    })?;
    source_from_bytes(&name, bytes)
}

/// Decode bytes (strip a UTF-8 BOM, reject invalid UTF-8 with its line:col).
pub fn source_from_bytes(name: &str, mut bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
    let had_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if had_bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text, had_bom)),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let mut d = Diagnostic::error(
                "encoding",
                name,
                format!(
                    "file is not valid UTF-8: invalid byte 0x{:02X} at line {line}, column {col}; guides must be saved as UTF-8",
                    bytes[good]
                ),
            );
            d.location = Some(crate::diag::Location {
                start: good,
                end: good + 1,
                line,
                column: col,
                end_line: line,
                end_column: col + 1,
            });
            Err(ReadError::Content(Box::new(d)))
        }
    }
}

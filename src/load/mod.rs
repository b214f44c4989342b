//! Loading: bytes on disk -> [`SourceFile`] -> YAML [`Node`] tree with spans.
//!
//! serde_yaml gives no positions for values, so guides are parsed with
//! `saphyr-parser` events into our own span-carrying tree ([`yaml`]). The tree
//! converts to `serde_json::Value` for JSON Schema validation and for typed
//! deserialisation into [`crate::model::Guide`].

use crate::diag::Code;
pub(crate) mod discover;
pub(crate) mod hint;
pub(crate) mod yaml;

pub use crate::source::SourceFile;
pub use yaml::{Node, NodeKind, ScalarStyle};
pub(crate) use yaml::{OffsetMap, align};

use crate::diag::Diagnostic;

/// Why a file could not be turned into text: I/O (exit 2) or content (exit 1).
#[derive(Debug)]
pub enum ReadError {
    Io(Box<Diagnostic>),
    Content(Box<Diagnostic>),
}

/// Read a file as UTF-8 text. Invalid UTF-8 is a content error located at the first bad byte.
pub(crate) fn read_source(path: &std::path::Path) -> Result<SourceFile, ReadError> {
    let name = path.display().to_string();
    // a regular file of at most MAX_INPUT_BYTES (a FIFO is refused before it is opened)
    let bytes = crate::util::read_input(path).map_err(|e| {
        ReadError::Io(Box::new(Diagnostic::error(
            Code::Io,
            &name,
            format!("cannot read file: {}", e.reason),
        )))
    })?;
    source_from_bytes(&name, bytes)
}

/// Decode bytes (strip a UTF-8 BOM, reject invalid UTF-8 with its line:col).
pub fn source_from_bytes(name: &str, mut bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
    if let Some(d) = not_text(name, &bytes) {
        return Err(ReadError::Content(Box::new(d)));
    }
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
                Code::Encoding,
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

/// UTF-16 (with or without a byte-order mark) and binary files, recognised by their NUL
/// bytes or BOM, get a diagnosis of their own instead of a YAML error.
fn not_text(name: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let utf16 = |endian: &str| {
        Diagnostic::error(
            Code::Encoding,
            name,
            format!("file is UTF-16 ({endian}), not UTF-8; guides must be saved as UTF-8"),
        )
        .at(Some(crate::diag::Location {
            start: 0,
            end: 0,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        }))
        .note("help: convert it, e.g. `iconv -f UTF-16 -t UTF-8 FILE > NEW`, or re-save it as UTF-8 in your editor")
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some(utf16("little-endian, with a byte-order mark"));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(utf16("big-endian, with a byte-order mark"));
    }
    let nul = bytes.iter().position(|b| *b == 0)?;
    // ASCII text in UTF-16 has a NUL in every other byte
    let sample = &bytes[..bytes.len().min(4096)];
    let (even, odd) = sample.iter().enumerate().fold((0, 0), |(e, o), (i, b)| {
        if *b != 0 {
            (e, o)
        } else if i % 2 == 0 {
            (e + 1, o)
        } else {
            (e, o + 1)
        }
    });
    let half = sample.len() / 2;
    if half > 0 && odd * 10 >= half * 8 && even * 10 < half {
        return Some(utf16("little-endian, without a byte-order mark"));
    }
    if half > 0 && even * 10 >= half * 8 && odd * 10 < half {
        return Some(utf16("big-endian, without a byte-order mark"));
    }
    let prefix = String::from_utf8_lossy(&bytes[..nul]);
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some(
        Diagnostic::error(
            Code::Encoding,
            name,
            format!("file contains a NUL byte at line {line}, column {column}: it is binary, not a UTF-8 text guide"),
        )
        .at(Some(crate::diag::Location {
            start: nul,
            end: nul + 1,
            line,
            column,
            end_line: line,
            end_column: column + 1,
        })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(bytes: &[u8]) -> String {
        match source_from_bytes("t.yaml", bytes.to_vec()) {
            Err(ReadError::Content(d)) => d.message,
            _ => String::new(),
        }
    }

    #[test]
    fn utf16_and_nul_bytes_are_named() {
        let le: Vec<u8> = "id: a\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "id: a\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(
            error(&le).contains("UTF-16 (little-endian, without"),
            "{}",
            error(&le)
        );
        assert!(error(&be).contains("UTF-16 (big-endian, without"));
        assert!(error(&[0xFF, 0xFE, b'i', 0]).contains("with a byte-order mark"));
        assert!(error(b"id: a\x00b\n").contains("NUL byte at line 1, column 6"));
        assert!(source_from_bytes("t.yaml", b"id: a\n".to_vec()).is_ok());
    }
}

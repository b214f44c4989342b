//! Validation: a guide file -> located diagnostics and, when it is valid, a typed [`Guide`].
//!
//! Order: read (I/O, UTF-8) -> parse YAML with spans -> JSON Schema -> semantic checks
//! -> typed model. Every stage reports all it finds; later stages run when they can.

use crate::diag::Code;
pub mod describe;
pub mod schema;
pub mod semantic;

use crate::diag::{Diagnostic, Severity};
use crate::load::{self, Node, ReadError, SourceFile};
use crate::model::Guide;
use std::path::Path;
use std::sync::Arc;

/// A validated guide file, ready for lint and export.
pub struct Document {
    pub source: Arc<SourceFile>,
    pub root: Node,
    pub guide: Guide,
}

/// Everything validation learned about one file.
pub struct Outcome {
    pub file: String,
    /// The source text, when it could be read (renderers need it for snippets).
    pub source: Option<Arc<SourceFile>>,
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// True when the file could not be read at all (exit code 2).
    pub io_error: bool,
}

/// Today's date for the future-date check (UTC).
pub fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

/// Read and validate one file.
pub fn validate_path(path: &Path) -> Outcome {
    match load::read_source(path) {
        Ok(src) => validate_source(src),
        Err(ReadError::Io(d)) => Outcome {
            file: d.file.clone(),
            source: None,
            document: None,
            diagnostics: vec![*d],
            io_error: true,
        },
        Err(ReadError::Content(d)) => Outcome {
            file: d.file.clone(),
            source: None,
            document: None,
            diagnostics: vec![*d],
            io_error: false,
        },
    }
}

/// Validate text that is already in memory.
pub fn validate_source(src: SourceFile) -> Outcome {
    let src = Arc::new(src);
    let parsed = load::yaml::parse(&src);
    let mut diagnostics = parsed.diagnostics;
    let file = src.name.clone();
    let Some(root) = parsed.root else {
        if diagnostics.is_empty() {
            diagnostics.push(
                Diagnostic::error(Code::EmptyFile, &src.name, "file is empty: expected a guide (a YAML mapping with `id`, `title`, `sections`, ...)")
                    .at(Some(src.location(0, 0)))
                    .note("help: `guidepress new <id>` writes a starting point"),
            );
        }
        return Outcome {
            file,
            source: Some(src),
            document: None,
            diagnostics,
            io_error: false,
        };
    };
    let json = root.to_json();
    if json.is_null() {
        diagnostics.push(
            Diagnostic::error(Code::EmptyFile, &src.name, "file is empty: expected a guide (a YAML mapping with `id`, `title`, `sections`, ...)")
                .at(Some(src.location(0, 0))),
        );
    } else {
        diagnostics.extend(schema::check(&src, &root, &json));
        diagnostics.extend(semantic::check(&src, &root, today()));
    }
    let has_errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let document = if has_errors {
        None
    } else {
        match serde_json::from_value::<Guide>(json) {
            Ok(guide) => Some(Document {
                source: Arc::clone(&src),
                root,
                guide,
            }),
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    Code::Schema,
                    &src.name,
                    format!("guide does not match the model: {e}"),
                ));
                None
            }
        }
    };
    diagnostics.sort_unstable_by(Diagnostic::order);
    Outcome {
        file,
        source: Some(src),
        document,
        diagnostics,
        io_error: false,
    }
}

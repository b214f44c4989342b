//! The JSON format: one versioned document (schema/diagnostics.schema.json), serialised
//! straight from the diagnostics (no intermediate JSON tree).

use super::{JSON_VERSION, View, json_to};
use crate::diag::{Diagnostic, Summary};
use std::io::Write;

pub(super) fn json(w: &mut dyn Write, view: &View) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Tool {
        name: &'static str,
        version: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Output<'a> {
        diagnostics: &'a [Diagnostic],
        summary: &'a Summary,
        tool: Tool,
        version: u32,
    }
    let out = Output {
        diagnostics: view.diagnostics,
        summary: view.summary,
        tool: Tool {
            name: "guidepress",
            version: env!("CARGO_PKG_VERSION"),
        },
        version: JSON_VERSION,
    };
    json_to(w, &out)
}

//! The JSON format: one versioned document (schema/diagnostics.schema.json), serialised
//! straight from the diagnostics (no intermediate JSON tree).

use super::{JSON_VERSION, View, json_to};
use crate::diag::{Findings, Summary};
use std::io::Write;

pub(super) fn json(w: &mut dyn Write, view: &View) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Tool {
        name: &'static str,
        version: &'static str,
    }
    #[derive(serde::Serialize)]
    struct Output<'a> {
        diagnostics: All<'a>,
        summary: &'a Summary,
        tool: Tool,
        version: u32,
    }
    let out = Output {
        diagnostics: All(view.diagnostics),
        summary: view.summary,
        tool: Tool {
            name: "guidepress",
            version: env!("CARGO_PKG_VERSION"),
        },
        version: JSON_VERSION,
    };
    json_to(w, &out)
}

/// Every finding, serialised one at a time as it is unpacked.
struct All<'a>(&'a Findings);

impl serde::Serialize for All<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        self.0.each(|d| seq.serialize_element(d))?;
        seq.end()
    }
}

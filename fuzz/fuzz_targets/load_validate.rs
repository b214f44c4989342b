//! Arbitrary bytes as a guide file: decoding, YAML parsing, schema and semantic checks,
//! and rendering every diagnostic in every format must never panic.
#![no_main]

use guidepress::diag::render::{Format, render};
use guidepress::diag::Summary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = match guidepress::load::source_from_bytes("fuzz.yaml", data.to_vec()) {
        Ok(s) => s,
        Err(_) => return,
    };
    let outcome = guidepress::validate::validate_source(src);
    let mut sources = std::collections::BTreeMap::new();
    if let Some(s) = &outcome.source {
        sources.insert(s.name.clone(), s.clone());
    }
    let summary = Summary::of(&outcome.diagnostics, 1);
    for f in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
        let _ = render(f, &outcome.diagnostics, &sources, &summary, true);
    }
});

//! Arbitrary bytes as YAML; whatever validates is linted with the project's configuration.
//! Every finding's location must lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn setup() -> &'static (guidepress::settings::Settings, guidepress::lint::Lexicon) {
    static S: OnceLock<(guidepress::settings::Settings, guidepress::lint::Lexicon)> = OnceLock::new();
    S.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.guidepress.yaml");
        let config = guidepress::settings::Settings::load(Some(&root), &[]).expect("project config");
        let lexicon = guidepress::lint::Lexicon::new(&config.vocabulary_words);
        (config, lexicon)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = guidepress::load::source_from_bytes("fuzz.yaml", data.to_vec()) else { return };
    let len = src.text.len();
    let outcome = guidepress::validate::validate_source(src);
    if let Some(doc) = &outcome.document {
        let (config, lexicon) = setup();
        for d in guidepress::lint::lint(doc, config, lexicon) {
            if let Some(l) = d.location {
                assert!(l.start <= l.end && l.end <= len, "location out of range: {d:?}");
            }
            if let Some(f) = &d.fix {
                assert!(doc.source.text.is_char_boundary(f.location.start) && doc.source.text.is_char_boundary(f.location.end));
            }
        }
    }
});

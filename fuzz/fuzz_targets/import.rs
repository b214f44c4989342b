//! Fuzz `import`: any UTF-8 text, read as Markdown and as plain text, must give a guide
//! that validates (and never panic).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for kind in [guidepress::import::Kind::Markdown, guidepress::import::Kind::Text] {
        let i = guidepress::import::import(text, kind, "fuzz", None);
        let o = guidepress::validate::validate_source(guidepress::load::SourceFile::new(
            "fuzz.yaml",
            i.yaml,
            false,
        ));
        assert!(o.document.is_some(), "{:?}", o.diagnostics);
    }
});

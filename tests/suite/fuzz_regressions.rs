//! Regression tests from fuzzing: 400 small inputs the fuzzers found interesting
//! (tests/fixtures/fuzz/, minimised with libFuzzer's -merge) go through what the fuzz
//! targets do — decode, validate, render every diagnostic format, lint and export every
//! format — and must not panic. Fuzzing itself (fuzz/, cargo fuzz) stays out of CI time.

use guidepress::diag::Summary;
use guidepress::diag::render::{Format, render};
use guidepress::export::{ExportFormat, Options, Paper, PdfOptions, TxtOptions};

#[test]
fn fuzz_corpus_inputs_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config =
        guidepress::settings::Settings::load(Some(&root.join(".guidepress.yaml")), &[]).unwrap();
    let lexicon = guidepress::lint::Lexicon::new(&config.vocabulary_words);
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/fuzz"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 300, "corpus present");
    let (mut valid, mut exported) = (0, 0);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(src) = guidepress::load::source_from_bytes("fuzz.yaml", bytes) else {
            continue;
        };
        let len = src.text.len();
        let outcome = guidepress::validate::validate_source(src);
        let mut sources = std::collections::BTreeMap::new();
        if let Some(s) = &outcome.source {
            sources.insert(s.name.clone(), s.clone());
        }
        let summary = Summary::of(&outcome.diagnostics, 1);
        for f in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
            let _ = render(f, &outcome.diagnostics, &sources, &summary, true);
        }
        let Some(doc) = outcome.document else {
            continue;
        };
        valid += 1;
        for d in guidepress::lint::lint(&doc, &config, &lexicon) {
            if let Some(l) = d.location {
                assert!(
                    l.start <= l.end && l.end <= len,
                    "{}: {d:?}",
                    path.display()
                );
            }
        }
        let options = Options {
            pdf: PdfOptions {
                paper: Paper::A4,
                fonts: Vec::new(),
            },
            txt: TxtOptions {
                width: 40,
                ascii: true,
            },
        };
        for f in ExportFormat::all() {
            f.exporter()
                .render(&doc.guide, &options)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        exported += 1;
    }
    assert!(
        valid > 0 && exported == valid,
        "{valid} valid guides in the corpus"
    );
}

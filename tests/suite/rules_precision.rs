//! Precision of the prose rules on real text: the labelled claim sentences of
//! tests/fixtures/claims/claims.tsv (real NHS and US government sentences, the seed's
//! overclaims and the absolute claims issue 24 quotes), each linted as a one-paragraph
//! health guide of its `kind`. Prints recall on absolute claims and false alarms on hedged
//! ones (`cargo test --test suite rules_precision:: -- --nocapture`) and keeps both exact.

use crate::common::root;
use guidepress::diag::Code;

/// The `claims` findings for one sentence in a guide of `kind`.
fn claims_in(sentence: &str, kind: &str) -> Vec<String> {
    static LEXICON: std::sync::OnceLock<guidepress::lint::Lexicon> = std::sync::OnceLock::new();
    let lexicon = LEXICON.get_or_init(|| guidepress::lint::Lexicon::new(&[]));
    // a JSON string is a YAML double-quoted scalar
    let text = serde_json::to_string(sentence).unwrap();
    let yaml = format!(
        "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nhealth: true\nkind: {kind}\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: {text}\n"
    );
    let o = guidepress::validate::validate_source(guidepress::load::SourceFile::new(
        "t.yaml", yaml, false,
    ));
    let doc = o.document.expect("the test guide validates");
    let settings = guidepress::settings::Settings::default();
    guidepress::lint::lint(&doc, &settings, lexicon)
        .into_iter()
        .filter(|d| d.code == Code::Claims)
        .map(|d| d.message)
        .collect()
}

#[test]
fn claims_find_absolute_claims_and_leave_hedged_ones_on_real_sentences() {
    let tsv = std::fs::read_to_string(root().join("tests/fixtures/claims/claims.tsv")).unwrap();
    let (mut absolute, mut found, mut hedged, mut false_alarms) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "label, kind, sentence, source: {line}");
        let (label, kind, sentence) = (cols[0], cols[1], cols[2]);
        let hits = claims_in(sentence, kind);
        match label {
            "absolute" => {
                absolute += 1;
                if hits.is_empty() {
                    wrong.push(format!("missed: {sentence}"));
                } else {
                    found += 1;
                }
            }
            "hedged" => {
                hedged += 1;
                if !hits.is_empty() {
                    false_alarms += 1;
                    wrong.push(format!("false alarm: {sentence} -> {hits:?}"));
                }
            }
            other => panic!("unknown label {other}"),
        }
    }
    println!(
        "claims on labelled real sentences: recall {found}/{absolute} absolute claims, {false_alarms}/{hedged} hedged or denied sentences flagged"
    );
    assert!(
        absolute >= 9 && hedged >= 12,
        "the set is not trivially small"
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_reason_fits_the_page() {
    let cosmetic = claims_in("This peel cures acne scars.", "procedure");
    assert!(
        cosmetic[0].contains("cosmetic treatments improve"),
        "{cosmetic:?}"
    );
    let medical = claims_in("This cream cures eczema.", "condition");
    assert!(
        medical[0].contains("does not work for everyone") && !medical[0].contains("cosmetic"),
        "{medical:?}"
    );
    // promotional wording that is ordinary on a medical page
    assert!(claims_in("The vaccine is highly effective.", "condition").is_empty());
    assert_eq!(
        claims_in("The serum is highly effective.", "procedure").len(),
        1
    );
}

//! The medical lexicon on a labelled set (tests/fixtures/lexicon/medical-terms.tsv): correctly
//! spelled terms must be accepted, real misspellings caught, and the first suggestion must be
//! the intended term. Prints the numbers the README reports; asserts the goals.

use guidepress::lint::Lexicon;
use guidepress::lint::lexicon::{Locale, Status};

struct Row {
    ok: bool,
    word: String,
    intended: String,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/lexicon/medical-terms.tsv"),
    )
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{l}");
            assert!(f[3].contains(f[1]), "the sentence holds the word: {l}");
            Row {
                ok: f[0] == "ok",
                word: f[1].to_string(),
                intended: f[2].to_string(),
            }
        })
        .collect()
}

/// Parts of a term as the spelling rule checks them (hyphenated compounds part by part).
fn accepted(lx: &Lexicon, word: &str, check: impl Fn(&Lexicon, &str) -> bool) -> bool {
    word.split('-')
        .all(|p| p.chars().count() < 2 || check(lx, p))
}

#[test]
fn medical_terms_are_accepted_misspellings_caught_and_suggested() {
    let lx = Lexicon::new(&[]);
    let rows = rows();
    let (ok, typo): (Vec<&Row>, Vec<&Row>) = rows.iter().partition(|r| r.ok);
    assert!(
        ok.len() >= 300 && typo.len() >= 50,
        "{} / {}",
        ok.len(),
        typo.len()
    );
    let known = |lx: &Lexicon, w: &str| lx.status_in(w, Locale::EnUs) == Status::Known;
    let rejected: Vec<&str> = ok
        .iter()
        .filter(|r| !accepted(&lx, &r.word, known))
        .map(|r| r.word.as_str())
        .collect();
    let baseline = ok
        .iter()
        .filter(|r| accepted(&lx, &r.word, |lx, w| lx.dictionary_only(w)))
        .count();
    let missed: Vec<&str> = typo
        .iter()
        .filter(|r| known(&lx, &r.word))
        .map(|r| r.word.as_str())
        .collect();
    let mut wrong_first = Vec::new();
    for r in &typo {
        let first = match lx.status_in(&r.word, Locale::EnUs) {
            Status::Typo(fixes) => fixes.first().cloned(),
            _ => lx.suggest(&r.word).first().cloned(),
        };
        if !first
            .as_deref()
            .is_some_and(|f| f.eq_ignore_ascii_case(&r.intended))
        {
            wrong_first.push(format!("{} -> {first:?} (want {})", r.word, r.intended));
        }
    }
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of as f64;
    let acceptance = pct(ok.len() - rejected.len(), ok.len());
    let recall = pct(typo.len() - missed.len(), typo.len());
    let top1 = pct(typo.len() - wrong_first.len(), typo.len());
    println!(
        "medical lexicon: {} terms, acceptance {acceptance:.1}% (en_US dictionary alone {:.1}%); {} misspellings, recall {recall:.1}%, intended term first {top1:.1}%",
        ok.len(),
        pct(baseline, ok.len()),
        typo.len()
    );
    println!(
        "rejected: {rejected:?}\nmissed: {missed:?}\nwrong first suggestion: {wrong_first:#?}"
    );
    assert!(
        acceptance >= 98.0,
        "acceptance {acceptance:.1}%: {rejected:?}"
    );
    assert!(recall >= 95.0, "recall {recall:.1}%: {missed:?}");
    assert!(top1 >= 90.0, "top-1 {top1:.1}%: {wrong_first:#?}");
}

#[test]
fn suggestions_are_fit_for_patient_content() {
    let lx = Lexicon::new(&[]);
    for (typo, want) in [
        ("tretinion", "tretinoin"),
        ("isotretinion", "isotretinoin"),
        ("comedomes", "comedones"),
    ] {
        assert_eq!(
            lx.suggest(typo).first().map(String::as_str),
            Some(want),
            "{typo}"
        );
    }
    for word in ["cretinoid", "cretin", "retard"] {
        for typo in [format!("{word}x"), word.replace('e', "a")] {
            assert!(
                !lx.suggest(&typo)
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(word)),
                "{typo} must not suggest {word}"
            );
        }
    }
    // no far-fetched suggestions: every one is close to what was written
    for s in lx.suggest("glycollic") {
        assert!(
            strsim::damerau_levenshtein("glycollic", &s.to_lowercase()) <= 2,
            "{s}"
        );
    }
}

#[test]
fn locales_follow_the_guide() {
    let lx = Lexicon::new(&[]);
    for w in [
        "colour",
        "moisturiser",
        "anaesthetic",
        "haemorrhage",
        "tumour",
    ] {
        assert_eq!(lx.status_in(w, Locale::EnGb), Status::Known, "{w} in en-GB");
    }
    // medical words take both spellings everywhere; everyday British ones only in en-GB
    assert_eq!(lx.status_in("anaesthetic", Locale::EnUs), Status::Known);
    assert_ne!(lx.status_in("moisturiser", Locale::EnUs), Status::Known);
    assert_eq!(lx.status_in("colour", Locale::EnCa), Status::Known);
    assert_eq!(Locale::for_language("en-AU"), (Locale::EnGb, false));
    assert_eq!(Locale::for_language("en"), (Locale::EnUs, false));
    assert_eq!(Locale::for_language("fr-FR"), (Locale::EnUs, true));
}

#[test]
fn locale_lists_match_their_generator() {
    let dict = std::path::Path::new("/usr/share/dict");
    let have = ["american-english", "british-english", "canadian-english"]
        .iter()
        .all(|f| dict.join(f).is_file());
    if !have {
        crate::common::skipped(
            "the SCOWL word lists",
            "apt-get install wamerican wbritish wcanadian",
        );
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = std::process::Command::new("bash")
        .arg(root.join("assets/dict/generate-locale-lists.sh"))
        .env("OUT_DIR", out.path())
        .status()
        .unwrap();
    assert!(status.success());
    for f in ["en_GB-extra.txt", "en_CA-extra.txt"] {
        assert_eq!(
            std::fs::read_to_string(out.path().join(f)).unwrap(),
            std::fs::read_to_string(root.join("assets/dict").join(f)).unwrap(),
            "{f} is out of date: run assets/dict/generate-locale-lists.sh"
        );
    }
}

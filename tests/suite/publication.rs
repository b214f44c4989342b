//! Nothing unfinished reaches a patient (issue 30.4): `new` and `import` write drafts with no
//! invented review stamp; a draft exports with a visible draft marking in every format; a
//! guide marked for publication that still holds placeholders is refused by `check`,
//! `export` and `build`.

use crate::common::*;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_new_guide_is_a_draft_with_no_review_stamp_and_exports_marked_as_one() {
    let dir = tmp();
    let o = run_in(dir.path(), &["new", "chemical-peels", "--dir", "content"]);
    assert_code(&o, 0);
    let yaml = std::fs::read_to_string(dir.path().join("content/chemical-peels.yaml")).unwrap();
    assert!(yaml.contains("status: draft"), "{yaml}");
    // no reviewer and no review date the user did not give (only commented-out prompts)
    for line in yaml.lines().filter(|l| !l.trim_start().starts_with('#')) {
        assert!(
            !line.starts_with("reviewer:") && !line.starts_with("last_reviewed:"),
            "{line}"
        );
    }
    // check: the placeholders are warnings in a draft, so it passes and says what to fill in
    let o = run_in(dir.path(), &["check", "content"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("warning[unfinished]"), "{out}");
    assert!(out.contains("the author's name"), "{out}");
    // build: every format carries the draft marking
    let o = run_in(dir.path(), &["build", "content", "--out", "exports"]);
    assert_code(&o, 0);
    let txt = std::fs::read_to_string(dir.path().join("exports/chemical-peels.txt")).unwrap();
    assert!(
        txt.contains("Draft \u{2014} not yet medically reviewed"),
        "{txt}"
    );
    assert!(
        !txt.contains("Reviewed by") && !txt.contains("Last reviewed"),
        "{txt}"
    );
    let epub = std::fs::read(dir.path().join("exports/chemical-peels.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().ends_with(".xhtml") {
            std::io::Read::read_to_string(&mut f, &mut all).unwrap();
        }
    }
    assert!(
        all.contains("Draft \u{2014} not yet medically reviewed"),
        "epub"
    );
    let pdf = dir.path().join("exports/chemical-peels.pdf");
    if let Some(pdftotext) = tool("pdftotext") {
        let o = std::process::Command::new(pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            text.contains("Draft \u{2014} not yet medically reviewed"),
            "{text}"
        );
    }
    if let Some(pdfinfo) = tool("pdfinfo") {
        let o = std::process::Command::new(pdfinfo)
            .arg(&pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&o.stdout);
        assert!(
            info.lines().any(|l| l.starts_with("Subject:")
                && l.contains("Draft \u{2014} not yet medically reviewed")),
            "{info}"
        );
        assert!(info.contains("draft"), "{info}");
    }
}

#[test]
fn a_guide_marked_for_publication_with_placeholders_is_refused() {
    let dir = tmp();
    assert_code(
        &run_in(dir.path(), &["new", "peels", "--dir", "content"]),
        0,
    );
    let path = dir.path().join("content/peels.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, yaml.replace("status: draft", "status: published")).unwrap();
    let o = run_in(dir.path(), &["check", "content"]);
    assert_code(&o, 1);
    assert!(stdout(&o).contains("error[unfinished]"), "{}", stdout(&o));
    for args in [
        &["export", "--format", "txt", "--out", "exports", "content"][..],
        &["build", "content", "--out", "exports"][..],
    ] {
        let o = run_in(dir.path(), args);
        assert_code(&o, 1);
        assert!(
            !dir.path().join("exports/peels.txt").exists(),
            "{args:?} wrote an export"
        );
    }
}

#[test]
fn an_imported_article_is_a_draft_without_a_review_date() {
    let dir = tmp();
    let article = dir.path().join("article.md");
    std::fs::write(
        &article,
        "# Sunburn\n\nSunburn is skin damage from the sun.\n\n## Treatment\n\nCool the skin.\n",
    )
    .unwrap();
    let o = run_in(dir.path(), &["import", "article.md", "--out", "content"]);
    assert_code(&o, 0);
    let yaml = std::fs::read_to_string(dir.path().join("content/sunburn.yaml")).unwrap();
    assert!(yaml.contains("status: draft"), "{yaml}");
    assert!(
        !yaml.lines().any(|l| l.starts_with("last_reviewed:")),
        "{yaml}"
    );
}

#[test]
fn the_bundled_guide_is_a_draft_that_builds() {
    let dir = tmp();
    let out = dir.path().to_str().unwrap();
    let o = run(&["build", "content", "--out", out, "--formats", "txt"]);
    assert_code(&o, 0);
    let txt = std::fs::read_to_string(dir.path().join("microneedling-101.txt")).unwrap();
    assert!(
        txt.contains("Draft \u{2014} not yet medically reviewed"),
        "{txt}"
    );
    assert!(!txt.contains("name the reviewing clinician"), "{txt}");
}

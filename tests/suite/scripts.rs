//! Any script in the PDF: characters the bundled Liberation Serif lacks are drawn with the
//! fonts the configuration names, then the system's (fontdb). Where an installed font has
//! them (fontconfig says so: `fc-list :charset=...:color=false`, an independent oracle) the
//! export succeeds and pdffonts lists the fallback font embedded; where none has them the
//! export is an error naming them. CI installs the fonts (.ci/run), so there the fallback
//! path must work.

use crate::common::*;
use std::path::{Path, PathBuf};

/// True when some installed font with outlines has a glyph for `c` (fontconfig's view).
/// `None`: fc-list is not installed.
fn installed_font_has(c: char) -> Option<bool> {
    let fc = tool("fc-list")?;
    let o = std::process::Command::new(fc)
        .arg(format!(":charset={:x}:color=false", u32::from(c)))
        .arg("file")
        .output()
        .unwrap();
    Some(!o.stdout.is_empty())
}

fn export_pdf(guide: &str, out: &Path) -> std::process::Output {
    run_env(
        &[
            "export",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
            guide,
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    )
}

/// The output of `name args file` (pdftotext: `-` after the file, to standard output).
fn tool_text(name: &str, args: &[&str], pdf: &Path) -> Option<String> {
    let t = tool(name)?;
    let o = std::process::Command::new(t)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Some(stdout(&o))
}

/// The characters of the fixture the bundled font lacks, one of each script.
const NEEDS_FALLBACK: [char; 6] = ['皮', 'ぬ', 'ا', 'ש', '✓', '✗'];

#[test]
fn any_script_is_drawn_with_fallback_fonts_or_refused_naming_what_is_missing() {
    let fixture = "tests/fixtures/script/any-script.yaml";
    let Some(all_present) = NEEDS_FALLBACK
        .iter()
        .map(|c| installed_font_has(*c))
        .collect::<Option<Vec<bool>>>()
        .map(|v| v.iter().all(|b| *b))
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let o = export_pdf(fixture, dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    if !all_present {
        skipped(
            "fonts with CJK, Arabic, Hebrew and check marks",
            "e.g. apt-get install fonts-dejavu-core fonts-droid-fallback",
        );
        assert!(!o.status.success(), "{err}");
        assert!(err.contains("no font has glyphs for"), "{err}");
        return;
    }
    assert!(o.status.success(), "{err}");
    let pdf = dir.path().join("any-script.pdf");
    // the fallback fonts are embedded as subsets, with a ToUnicode map
    if let Some(fonts) = tool_text("pdffonts", &[], &pdf) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(rows.len() >= 4, "{fonts}");
        assert!(
            rows.iter().any(|r| !r.contains("LiberationSerif")),
            "a fallback font is embedded: {fonts}"
        );
        for r in &rows {
            let cols: Vec<&str> = r.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{r}");
            assert!(cols[0].as_bytes()[6] == b'+', "subset tag: {r}");
        }
    }
    // every script comes back out of the text
    if let Some(text) = tool_text("pdftotext", &["-raw"], &pdf).map(|t| t.replace('\n', " ")) {
        for needle in [
            "Πλύνετε απαλά",
            "Мойте кожу",
            "Rửa da nhẹ nhàng",
            "✓ Wash twice a day",
            "✗ Do not scrub",
            "中文",
            "日本語",
            "皮肤护理",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        for c in NEEDS_FALLBACK {
            assert!(text.contains(c), "{c}: {text}");
        }
    }
    // right-to-left text reads in logical order: from the structure tree (the text a
    // screen reader gets) and from the page (pdftotext reorders what it sees right to left)
    let arabic = "اغسل بشرتك بلطف بالماء الفاتر مرتين في اليوم.";
    let hebrew = "שטפו את העור בעדינות במים פושרים פעמיים ביום.";
    if let Some(tree) = tool_text("pdfinfo", &["-struct-text"], &pdf) {
        for needle in [arabic, hebrew, "\"العربية\"", "\"עברית\""] {
            assert!(tree.contains(needle), "{needle}: {tree}");
        }
    }
    if let Some(text) = tool_text("pdftotext", &[], &pdf) {
        let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
        assert!(
            letters(&text).contains(&letters(arabic)),
            "Arabic drawn right to left reads back in order: {text}"
        );
        assert!(letters(&text).contains(&letters(hebrew)), "{text}");
    }
    qpdf_and_pdfua_pass(&pdf);
    // the same bytes every run
    let again = tempfile::tempdir().unwrap();
    assert!(export_pdf(fixture, again.path()).status.success());
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        std::fs::read(again.path().join("any-script.pdf")).unwrap(),
        "deterministic"
    );
}

#[test]
fn characters_no_installed_font_has_are_an_error_naming_each_one() {
    // Korean and an emoji newer than most outline fonts: present or missing per machine
    let fixture = "tests/fixtures/script/any-script-more.yaml";
    let mut missing = Vec::new();
    for c in ['한', '국', '🩹'] {
        match installed_font_has(c) {
            None => return,
            Some(false) => missing.push(c),
            Some(true) => {}
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let o = export_pdf(fixture, dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    if missing.is_empty() {
        assert!(o.status.success(), "{err}");
        return;
    }
    assert!(!o.status.success(), "refused: {err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
    for c in &missing {
        assert!(
            err.contains(&format!("{c} (U+{:04X}) at {fixture}:", u32::from(*c)))
                && err.contains(" (/sections/"),
            "{c}: {err}"
        );
    }
    // the fonts tried: the bundled one and the installed families
    assert!(
        err.contains("Fonts tried: Liberation Serif (bundled"),
        "{err}"
    );
    assert!(err.contains("installed"), "{err}");
    // what the machine has is drawn, not reported
    for c in ['皮', '✓'] {
        if installed_font_has(c) == Some(true) {
            assert!(!err.contains(&format!("{c} (U+")), "{c}: {err}");
        }
    }
}

/// A font file fontconfig lists with a glyph for `c`, preferring `family`.
fn font_file_with(c: char, family: &str) -> Option<PathBuf> {
    let fc = tool("fc-list")?;
    let o = std::process::Command::new(fc)
        .arg(format!(":charset={:x}:color=false", u32::from(c)))
        .args(["--format", "%{family}\t%{file}\n"])
        .output()
        .unwrap();
    let text = stdout(&o);
    let mut rows: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, f)| f.ends_with(".ttf") || f.ends_with(".otf"))
        .collect();
    rows.sort();
    rows.iter()
        .find(|(fam, _)| fam.split(',').any(|f| f == family))
        .or(rows.first())
        .map(|(_, f)| PathBuf::from(f))
}

#[test]
fn fonts_named_in_the_configuration_come_before_the_systems() {
    let dir = tempfile::tempdir().unwrap();
    let guide = "id: marks\ntitle: Marks\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"Done ✓ and not done ✗.\"\n";
    std::fs::write(dir.path().join("marks.yaml"), guide).unwrap();
    // a font file that cannot be read is an error, never silently skipped
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "pdf:\n  fonts: [fonts/none.ttf, No Such Family Anywhere]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = run_in(
        dir.path(),
        &[
            "export",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
            "marks.yaml",
        ],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("pdf.fonts names 2 fonts that cannot be used")
            && err.contains("none.ttf (no font could be read there)")
            && err.contains("No Such Family Anywhere (no installed font has this family name)"),
        "{err}"
    );
    assert!(!out.join("marks.pdf").exists());
    // the named file draws the check marks, whatever the system would choose first
    let Some(font) = font_file_with('✓', "DejaVu Sans") else {
        skipped("a font with ✓", "e.g. apt-get install fonts-dejavu-core");
        return;
    };
    let fonts_dir = dir.path().join("fonts");
    std::fs::create_dir(&fonts_dir).unwrap();
    std::fs::copy(&font, fonts_dir.join("marks.ttf")).unwrap();
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "pdf:\n  fonts: [fonts/marks.ttf]\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "export",
            "--format",
            "pdf",
            "--out",
            out.to_str().unwrap(),
            "marks.yaml",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Some(listing) = tool_text("pdffonts", &[], &out.join("marks.pdf")) else {
        return;
    };
    let ps = tool_text("fc-scan", &["--format", "%{postscriptname}"], &font).unwrap_or_default();
    let fallback: Vec<&str> = listing
        .lines()
        .skip(2)
        .filter(|l| !l.contains("LiberationSerif"))
        .collect();
    assert_eq!(fallback.len(), 1, "one fallback font: {listing}");
    if !ps.is_empty() {
        assert!(fallback[0].contains(&format!("+{ps} ")), "{ps}: {listing}");
    }
}

/// The installed families (fontconfig's view) that have a glyph for `c`, `None` without
/// fc-list.
fn families_with(c: char) -> Option<Vec<String>> {
    let fc = tool("fc-list")?;
    let o = std::process::Command::new(fc)
        .arg(format!(":charset={:x}:color=false", u32::from(c)))
        .arg("family")
        .output()
        .unwrap();
    Some(
        stdout(&o)
            .lines()
            .flat_map(|l| l.split(','))
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect(),
    )
}

/// The embedded fonts pdffonts lists (BaseFont names without the subset tag).
fn pdf_fonts(pdf: &Path) -> Option<Vec<String>> {
    let text = tool_text("pdffonts", &[], pdf)?;
    Some(
        text.lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .map(|n| n.split_once('+').map_or(n, |(_, n)| n).to_string())
            .collect(),
    )
}

#[test]
fn cjk_text_is_drawn_with_a_font_made_for_its_language() {
    // fixture: Korean, Japanese, Simplified and Traditional Chinese paragraphs, and a span
    let fixture = "tests/fixtures/script/by-language.yaml";
    let Some(all) = families_with('皮') else {
        return;
    };
    let Some(hangul) = families_with('피') else {
        return;
    };
    if all.is_empty() || hangul.is_empty() {
        skipped(
            "a CJK font",
            "e.g. apt-get install fonts-droid-fallback fonts-noto-cjk",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let o = export_pdf(fixture, dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.path().join("by-language.pdf");
    let Some(fonts) = pdf_fonts(&pdf) else { return };
    // for each language whose region token names an installed family (fontconfig), a font
    // of that family is embedded (Noto Sans CJK KR is "NotoSansCJKkr-Regular")
    let token_in = |families: &[String], t: &str| {
        families
            .iter()
            .any(|f| f.split_whitespace().any(|w| w == t))
    };
    let mut checked = 0;
    for (token, families) in [("KR", &hangul), ("JP", &all), ("SC", &all), ("TC", &all)] {
        if !token_in(families, token) {
            continue;
        }
        checked += 1;
        let lower = token.to_ascii_lowercase();
        assert!(
            fonts
                .iter()
                .any(|f| f.to_ascii_lowercase().contains(&format!("{lower}-"))
                    || f.split(|c: char| !c.is_ascii_alphanumeric())
                        .any(|w| w == token)),
            "a {token} face is embedded: {fonts:?}"
        );
    }
    if checked == 0 {
        skipped(
            "CJK fonts made for one language (KR, JP, SC, TC)",
            "apt-get install fonts-noto-cjk",
        );
    }
    // the text reads as written
    let text = tool_text("pdftotext", &[], &pdf).unwrap_or_default();
    for line in [
        "피부를 깨끗하게 유지하세요.",
        "皮膚を清潔に保ってください。",
        "保持皮膚清潔。",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
}

#[test]
fn check_marks_prefer_a_symbol_font_to_a_math_font() {
    let Some(fams) = families_with('✓') else {
        return;
    };
    let non_math = fams
        .iter()
        .any(|f| !f.to_ascii_lowercase().contains("math"));
    if !non_math {
        return; // only a mathematical font (or none) has it here
    }
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("marks.yaml");
    std::fs::write(
        &guide,
        "id: marks\ntitle: Marks\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - bullets: [\"✓ do this\", \"✗ not this\"]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = export_pdf(guide.to_str().unwrap(), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Some(fonts) = pdf_fonts(&out.join("marks.pdf")) else {
        return;
    };
    assert!(
        !fonts
            .iter()
            .any(|f| f.to_ascii_lowercase().contains("math")),
        "a non-mathematical font draws the marks: {fonts:?}"
    );
}

#[test]
fn mirrored_brackets_in_fallback_fonts_read_as_written() {
    // ⟨ ⟩ are not in Liberation Serif: a fallback font draws them left to right, and
    // mirrored inside an Arabic (shaped) and a Hebrew (not shaped) sentence. One face must
    // draw them all for the mirrored and the unmirrored glyph to meet in one font: the
    // configuration names DejaVu Sans (fonts-dejavu-core), which has them and Arabic.
    let fixture = root().join("tests/fixtures/script/mirrored-fallback.yaml");
    let Some(families) = families_with('⟨') else {
        return;
    };
    let has = |c: char| families_with(c).is_some_and(|f| f.iter().any(|f| f == "DejaVu Sans"));
    if !families.iter().any(|f| f == "DejaVu Sans") || !has('ب') {
        skipped(
            "DejaVu Sans with angle brackets and Arabic",
            "apt-get install fonts-dejavu-core",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join("mirrored-fallback.yaml")).unwrap();
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "pdf:\n  fonts: [DejaVu Sans]\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &[
            "export",
            "--format",
            "pdf",
            "--out",
            "out",
            "mirrored-fallback.yaml",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.path().join("out/mirrored-fallback.pdf");
    let english = "Write the dose as ⟨5 mg⟩ on the chart.";
    let arabic = "اكتب الجرعة ⟨خمسة⟩ على الورقة.";
    let hebrew = "כתבו את המינון ⟨חמישה⟩ ברשומה.";
    // the text a screen reader gets: each bracket as written, in every direction
    if let Some(tree) = tool_text("pdfinfo", &["-struct-text"], &pdf) {
        for needle in [english, arabic, hebrew] {
            assert!(tree.contains(&format!("\"{needle}\"")), "{needle}: {tree}");
        }
    }
    // the page's text (pdftotext orders what it sees right to left back into reading
    // order): the brackets around the right word, opening first
    if let Some(text) = tool_text("pdftotext", &[], &pdf) {
        for needle in ["⟨5 mg⟩", "⟨خمسة⟩", "⟨חמישה⟩"] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
    }
    qpdf_and_pdfua_pass(&pdf);
}

/// qpdf finds no syntax or stream error and the PDF/UA checker passes (each where installed;
/// `tool`/`tool_text` require them under CI=true).
fn qpdf_and_pdfua_pass(pdf: &Path) {
    if let Some(check) = tool_text("qpdf", &["--check"], pdf) {
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
    if let Some(pdfua) = tool("pdfua") {
        let o = std::process::Command::new(pdfua)
            .arg("check")
            .arg(pdf)
            .output()
            .unwrap();
        let report = stdout(&o);
        assert!(o.status.success() && report.contains("PASS"), "{report}");
    }
}

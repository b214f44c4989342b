//! `guidepress stats`: a readability table per guide — words, sentences, Flesch-Kincaid
//! grade, Flesch reading ease and reading time for each top-level section and the whole guide.

use super::{CmdResult, Outcome};
use guidepress::diag::render::{self, Format};
use guidepress::lint::readability::guide_stats;
use guidepress::project::{Project, Stage};
use guidepress::settings::Settings;
use serde_json::json;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return format!("{s}{}", " ".repeat(width - s.width()));
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    format!("{out}{}", " ".repeat(width.saturating_sub(out.width())))
}

pub fn run(args: &crate::cli::StatsArgs, global: &crate::cli::Global) -> CmdResult {
    let report = Project::with_settings(&args.paths, Settings::default()).check(Stage::Validate);
    if report.io_error || report.documents.len() < report.files {
        // name the files and the problems, not just "some guides"
        let errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity == guidepress::diag::Severity::Error)
            .cloned()
            .collect();
        let text = render::render(
            Format::Human,
            &errors,
            &report.sources,
            &report.summary(),
            global.use_color(),
        );
        std::io::stdout().lock().write_all(text.as_bytes())?;
        eprintln!("error: no statistics: the guides above are not valid; fix them first");
        return Ok(if report.io_error {
            Outcome::Failed
        } else {
            Outcome::Findings
        });
    }
    let mut out = std::io::stdout().lock();
    let mut all = Vec::new();
    for doc in &report.documents {
        let rows = guide_stats(&doc.guide);
        if args.json {
            let sections: Vec<_> = rows
                .iter()
                .map(|(label, _, s)| json!({
                    "section": label, "words": s.words, "sentences": s.sentences, "syllables": s.syllables,
                    "grade": (s.grade() * 10.0).round() / 10.0, "ease": (s.ease() * 10.0).round() / 10.0,
                    "words_per_sentence": (s.words_per_sentence() * 10.0).round() / 10.0,
                    "longest_sentence": s.longest, "minutes": (s.minutes() * 10.0).round() / 10.0,
                }))
                .collect();
            all.push(json!({"file": doc.source.name, "id": doc.guide.id, "sections": sections}));
            continue;
        }
        writeln!(out, "{}", doc.source.name)?;
        writeln!(
            out,
            "  {} {:>6} {:>9} {:>6} {:>5} {:>8}",
            fit("section", 44),
            "words",
            "sentences",
            "grade",
            "ease",
            "minutes"
        )?;
        for (label, _, s) in &rows {
            writeln!(
                out,
                "  {} {:>6} {:>9} {:>6.1} {:>5.0} {:>8.1}",
                fit(label, 44),
                s.words,
                s.sentences,
                s.grade(),
                s.ease(),
                s.minutes()
            )?;
        }
    }
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&all).expect("stats serialise")
        )?;
    }
    Ok(Outcome::Clean)
}

//! `stats`: a readability table per guide — words, sentences, Flesch-Kincaid grade, Flesch
//! reading ease and reading time for each top-level section and the whole guide
//! ([`crate::stats::guide_stats`]), as a table or as JSON.

use super::{Project, Report, Stage};
use crate::settings::Settings;
use serde_json::json;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

impl Project {
    /// Validate the guides under `paths` for `stats` (the statistics need no configuration
    /// and no rules: the defaults serve). [`Report::stats_ready`] says whether the table
    /// can be made.
    pub fn stats(paths: &[PathBuf]) -> Report {
        Project::with_settings(paths, Settings::default()).check(Stage::Validate)
    }
}

impl Report {
    /// Whether every guide found could be read and is valid (statistics of a guide that
    /// does not validate would be wrong or partial).
    pub fn stats_ready(&self) -> bool {
        !self.io_error && self.documents.len() >= self.files
    }

    /// The table of every guide: its file, a header, then one row per part and the whole
    /// guide last.
    pub fn stats_table(&self) -> String {
        let mut out = String::new();
        for doc in &self.documents {
            out.push_str(&format!("{}\n", doc.source.name));
            out.push_str(&format!(
                "  {} {:>6} {:>9} {:>6} {:>5} {:>8}\n",
                fit("section", 44),
                "words",
                "sentences",
                "grade",
                "ease",
                "minutes"
            ));
            for (label, _, s) in &crate::stats::guide_stats(&doc.guide) {
                out.push_str(&format!(
                    "  {} {:>6} {:>9} {:>6.1} {:>5.0} {:>8.1}\n",
                    fit(label, 44),
                    s.words,
                    s.sentences,
                    s.grade(),
                    s.ease(),
                    s.minutes()
                ));
            }
        }
        out
    }

    /// The statistics of every guide as a pretty-printed JSON array (one line break at
    /// the end), figures rounded to one decimal.
    pub fn stats_json(&self) -> String {
        let round = |x: f64| (x * 10.0).round() / 10.0;
        let all: Vec<_> = self
            .documents
            .iter()
            .map(|doc| {
                let sections: Vec<_> = crate::stats::guide_stats(&doc.guide)
                    .iter()
                    .map(|(label, _, s)| json!({
                        "section": label, "words": s.words, "sentences": s.sentences, "syllables": s.syllables,
                        "grade": round(s.grade()), "ease": round(s.ease()),
                        "words_per_sentence": round(s.words_per_sentence()),
                        "longest_sentence": s.longest, "minutes": round(s.minutes()),
                    }))
                    .collect();
                json!({"file": doc.source.name, "id": doc.guide.id, "sections": sections})
            })
            .collect();
        format!(
            "{}\n",
            serde_json::to_string_pretty(&all).expect("stats serialise")
        )
    }
}

/// `s` in a column of `width` terminal cells: padded, or cut with `…`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_padded_or_cut_to_its_width_in_cells() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdefgh", 5), "abcd…");
    }
}

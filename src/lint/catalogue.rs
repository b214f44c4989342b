//! The rules catalogue as `guidepress rules [CODE]` shows it: every check and lint rule
//! with its code, default severity, what it finds and how to configure it, or one of them
//! explained (like `ruff rule`). The texts are the code catalogue's
//! ([`crate::diag::codes`]); the defaults are the configuration's own.

use crate::config::Config;
use crate::diag::Code;
use crate::diag::codes::{CATALOGUE, CodeInfo};
use crate::error::Error;

/// The default of a rule setting, as it would be written in `.guidepress.yaml`.
fn default_of(key: &str) -> Option<String> {
    let c = Config::default();
    Some(match key {
        "vocabulary" => "[] (vocabulary.txt next to the guides)".into(),
        "ignore_words" | "dictionaries" | "terminology" | "health.claims" => "[]".into(),
        "duplicate_heading.threshold" => c.duplicate_heading.threshold.to_string(),
        "near_duplicate.sentence_threshold" => c.near_duplicate.sentence_threshold.to_string(),
        "near_duplicate.paragraph_threshold" => c.near_duplicate.paragraph_threshold.to_string(),
        "near_duplicate.min_words" => c.near_duplicate.min_words.to_string(),
        "health.enabled" => "auto".into(),
        "health.max_grade" => c.health.max_grade.to_string(),
        "health.max_review_age_months" => c.health.max_review_age_months.to_string(),
        _ => return None,
    })
}

/// What kind of code a row is and its default severity.
fn kind(info: &CodeInfo) -> String {
    match info.rule {
        Some(r) if r.opt_in && r.health_only => "off (health)".into(),
        Some(r) if r.opt_in => "off".into(),
        Some(r) if r.health_only => format!("{} (health)", r.default),
        Some(r) => r.default.to_string(),
        None => "error (check)".into(),
    }
}

/// The table of every code.
pub fn list() -> String {
    let width = CATALOGUE.iter().map(|i| i.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    out.push_str("Checks (always on: fix the guide where they point)\n");
    for info in CATALOGUE.iter().filter(|i| i.rule.is_none()) {
        out.push_str(&format!("  {:width$}  {}\n", info.id, info.summary));
    }
    out.push_str(
        "\nLint rules (default severity; set it under `rules:` in .guidepress.yaml: off, note, warning, error)\n",
    );
    for info in CATALOGUE.iter().filter(|i| i.rule.is_some()) {
        let settings: Vec<&str> = info.code.settings().iter().map(|(k, _)| *k).collect();
        out.push_str(&format!(
            "  {:width$}  {:16}  {}{}\n",
            info.id,
            kind(info),
            info.summary,
            if settings.is_empty() {
                String::new()
            } else {
                format!(" Settings: {}.", settings.join(", "))
            }
        ));
    }
    out.push_str(
        "\n(health): runs for guides with `health: true`. `guidepress rules CODE` explains one.\n",
    );
    out
}

/// One code explained.
pub fn explain(code: Code) -> String {
    let info = code.info();
    let mut out = String::new();
    match info.rule {
        Some(rule) => {
            out.push_str(&format!(
                "{} — lint rule, {} by default{}\n\n{}\n\n",
                info.id,
                if rule.opt_in {
                    "off".to_string()
                } else {
                    rule.default.to_string()
                },
                if rule.health_only {
                    ", health content only (`health: true`)"
                } else {
                    ""
                },
                info.summary
            ));
            out.push_str(&format!(
                "Severity, in .guidepress.yaml (off | note | warning | error):\n\n  rules:\n    {}: {}\n",
                info.id, rule.default
            ));
            if !code.settings().is_empty() {
                out.push_str("\nSettings, in .guidepress.yaml (default in brackets):\n\n");
                for (key, what) in code.settings() {
                    out.push_str(&format!(
                        "  {key} [{}]: {what}\n",
                        default_of(key).unwrap_or_default()
                    ));
                }
            }
            out.push_str(&format!(
                "\nSilence it for one block with a comment above the block:\n\n  # guidepress-disable: {} -- reason\n",
                info.id
            ));
        }
        None => {
            out.push_str(&format!(
                "{} — check, always an error\n\n{}\n\nFix the guide where the finding points; `guidepress validate` lists every such problem. Checks cannot be turned off.\n",
                info.id, info.summary
            ));
        }
    }
    out
}

/// The code `id` explained; a usage error (with the closest code) when no code has that id.
pub fn explain_id(id: &str) -> Result<String, Error> {
    match Code::from_id(id) {
        Some(code) => Ok(explain(code)),
        None => {
            let known: Vec<String> = CATALOGUE.iter().map(|i| i.id.to_string()).collect();
            let hint = crate::util::did_you_mean(id, &known)
                .map_or_else(String::new, |b| format!(" (did you mean `{b}`?)"));
            Err(Error::Usage(format!(
                "unknown rule `{}`{hint}; `guidepress rules` lists them all",
                crate::escape::esc(id)
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_and_explained_with_its_settings_defaults() {
        let table = list();
        for info in CATALOGUE {
            assert!(table.contains(info.id) && table.contains(info.summary));
            let text = explain(info.code);
            assert!(text.starts_with(info.id));
            for (key, _) in info.code.settings() {
                let default = default_of(key).expect("every setting has a default");
                assert!(text.contains(&format!("{key} [{default}]")));
            }
        }
    }
}

//! `readability` (health content): Flesch-Kincaid grade per top-level section; sections above
//! `health.max_grade` (default 8, the usual target for patient materials) are reported with
//! their reading ease, average sentence length and longest sentence.

use crate::diag::{Code, Diagnostic};
use crate::lint::readability::guide_stats;
use crate::lint::text::UnitKind;
use crate::lint::{Context, Rule};

pub struct Readability;

impl Rule for Readability {
    fn code(&self) -> Code {
        Code::Readability
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let max = cx.settings.config.health.max_grade;
        for (label, pointer, stats) in guide_stats(&cx.doc.guide) {
            if pointer.is_empty() || stats.words < 30 || stats.grade() <= max {
                continue;
            }
            // point at the section title, or at the first introduction block
            let unit = cx.units.iter().find(|u| {
                u.pointer == pointer
                    || (pointer == "/introduction" && u.pointer.starts_with("/introduction/"))
            });
            let Some(unit) = unit else { continue };
            let len = if unit.kind == UnitKind::Heading {
                unit.text.len()
            } else {
                0
            };
            out.push(
                cx.at(
                    self,
                    unit,
                    0,
                    len,
                    format!(
                        "`{label}` reads at US grade {:.1} (Flesch reading ease {:.0}); the target is grade {max} or below",
                        stats.grade(),
                        stats.ease()
                    ),
                )
                .label(format!("{:.1} words per sentence; longest sentence {} words", stats.words_per_sentence(), stats.longest))
                .note("help: shorter sentences and everyday words lower the grade; `guidepress stats` shows every section"),
            );
        }
    }
}

//! `readability` (health content): Flesch-Kincaid grade per top-level section; sections above
//! `health.max_grade` (default 8, the usual target for patient materials) are reported with
//! their reading ease, average sentence length and longest sentence.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::{UnitId, UnitKind};
use crate::lint::{Context, Rule};
use crate::stats::guide_stats;

pub(super) struct Readability;

/// Sections whose sentences average fewer words than this are lists of fragments (names of
/// medicines, of cancers, of causes), not prose: the grade formula then measures only the length
/// of the names, which no rewriting shortens, so they are not reported.
pub(crate) const MIN_WORDS_PER_SENTENCE: f64 = 8.0;

/// A grade as the finding shows it (one decimal).
fn shown(grade: f64) -> f64 {
    format!("{grade:.1}").parse().unwrap_or(grade)
}

impl Rule for Readability {
    fn code(&self) -> Code {
        Code::Readability
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let max = cx.settings.config.health.max_grade;
        for (label, pointer, stats) in guide_stats(&cx.doc.guide) {
            // compared as shown (one decimal): a section shown at grade 8.0 meets a target of 8
            if pointer.is_empty()
                || stats.words < 30
                || shown(stats.grade()) <= max
                || stats.words_per_sentence() < MIN_WORDS_PER_SENTENCE
            {
                continue;
            }
            // point at the section title, or at the first introduction block
            // `/sections/{i}/title` is the heading of top-level section i
            let top: Option<usize> = pointer
                .strip_prefix("/sections/")
                .and_then(|r| r.strip_suffix("/title"))
                .and_then(|i| i.parse().ok());
            let unit = cx.units.iter().find(|u| match (&u.id, top) {
                (UnitId::Block { section: None, .. }, None) => pointer == "/introduction",
                (UnitId::Heading(path), Some(i)) => path.as_slice() == [i],
                _ => false,
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
                .label(format!("{:.1} words per sentence; longest sentence {}", stats.words_per_sentence(), crate::util::plural(stats.longest, "word")))
                .note("help: shorter sentences and everyday words lower the grade; `guidepress stats` shows every section"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    /// readability is off unless the config turns it on
    const ON: &str = "rules: {readability: note}\n";

    #[test]
    fn hard_sections_are_reported_easy_ones_are_not() {
        let hard = format!("      - paragraph: {}\n", "Percutaneous collagen induction therapy utilises microscopic instrumentation to stimulate dermatological regeneration through controlled microtrauma, consequently facilitating neocollagenesis and considerable epidermal revitalisation. ".repeat(2).trim());
        let easy = format!(
            "      - paragraph: {}\n",
            "The skin heals. It makes new collagen. You rest for a day. "
                .repeat(4)
                .trim()
        );
        let yaml = guide(
            "health: true\n",
            &(section("a", "Hard", &hard) + &section("b", "Easy", &easy)),
        );
        assert!(found(&yaml, Code::Readability).is_empty(), "off by default");
        let f = found_with(&yaml, Code::Readability, &settings(ON));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].0.contains("`Hard`"));
    }

    #[test]
    fn lists_of_fragments_are_not_prose() {
        // corpus (tune, NHS "Other cancer pages", "What causes diarrhoea"): lists of names read at
        // grade 9-12 only because the names are long
        let items: String = [
            "irritable bowel syndrome",
            "inflammatory bowel disease",
            "coeliac disease",
            "chronic pancreatitis",
            "diverticular disease",
            "medication side effects",
            "radiotherapy complications",
            "gastrointestinal infections",
            "lactose intolerance",
            "antibiotic-associated diarrhoea",
            "microscopic colitis",
            "thyroid overactivity",
            "bile acid malabsorption",
            "cystic fibrosis",
        ]
        .iter()
        .map(|i| format!("          - {i}\n"))
        .collect();
        let yaml = guide(
            "health: true\n",
            &section(
                "a",
                "What causes diarrhoea",
                &format!("      - bullets:\n{items}"),
            ),
        );
        assert!(found_with(&yaml, Code::Readability, &settings(ON)).is_empty());
    }

    #[test]
    fn a_grade_shown_at_the_target_is_not_reported() {
        // 8.04: shown as 8.0, which meets a target of 8
        assert_eq!(super::shown(8.04), 8.0);
        assert!(super::shown(8.04) <= 8.0 && super::shown(8.06) > 8.0);
    }

    #[test]
    fn addresses_and_lists_of_names_are_not_read_as_prose() {
        let mut with = crate::stats::Stats::default();
        with.add_text("Read more at nhs.uk/conditions/acne or https://www.nhs.uk/acne/treatment-options-for-acne and write to help@example.org today.");
        let mut without = crate::stats::Stats::default();
        without.add_text("Read more at or and write to today.");
        assert_eq!(
            (with.words, with.syllables),
            (without.words, without.syllables)
        );
        assert!(crate::stats::is_name_item(
            "British Association of Dermatologists"
        ));
        assert!(crate::stats::is_name_item("NHS 111 (https://111.nhs.uk)"));
        assert!(!crate::stats::is_name_item("Redness"));
        assert!(!crate::stats::is_name_item("keep your feet clean and dry"));
        assert!(!crate::stats::is_name_item("Do not scratch the rash."));
    }

    #[test]
    fn the_grade_target_comes_from_the_config() {
        let hard = format!("      - paragraph: {}\n", "Percutaneous collagen induction therapy utilises microscopic instrumentation to stimulate dermatological regeneration through controlled microtrauma, consequently facilitating neocollagenesis. ".repeat(2).trim());
        let yaml = guide("health: true\n", &section("a", "Hard", &hard));
        assert_eq!(found_with(&yaml, Code::Readability, &settings(ON)).len(), 1);
        assert!(
            found_with(
                &yaml,
                Code::Readability,
                &settings(&format!("{ON}health: {{max_grade: 40}}\n"))
            )
            .is_empty()
        );
    }
}

//! `duplicate-heading`: two headings (sections, subsections, or a subheading and the guide
//! title) that are the same or nearly the same.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::{UnitKind, plain};
use crate::lint::{Context, Rule};

pub struct DuplicateHeading;

/// How many preceding headings a heading is compared with for near (not exact) repeats.
const WINDOW: usize = 256;

/// Lower-case words joined by single spaces.
pub(crate) fn normalise(title: &str) -> String {
    plain(title)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Rule for DuplicateHeading {
    fn code(&self) -> Code {
        Code::DuplicateHeading
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let threshold = cx.settings.config.duplicate_heading.threshold;
        let heads: Vec<_> = cx
            .units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::GuideTitle | UnitKind::Heading))
            .map(|u| (u, normalise(u.text)))
            .collect();
        // exact repeats through a map (any distance); near repeats against the guide title and
        // the previous WINDOW headings, so a guide with 100,000 sections stays linear
        let mut exact: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let titles: Vec<usize> = (0..heads.len())
            .filter(|&j| heads[j].0.kind == UnitKind::GuideTitle)
            .collect();
        for (i, (u, norm)) in heads.iter().enumerate() {
            if u.kind == UnitKind::GuideTitle {
                exact.entry(norm.as_str()).or_insert(i);
                continue;
            }
            let near = |j: usize| {
                let (_, en) = &heads[j];
                let score = strsim::normalized_levenshtein(norm, en);
                (score >= threshold).then_some((heads[j].0, score))
            };
            let earlier = match exact.get(norm.as_str()) {
                Some(&j) => Some((heads[j].0, 1.0)),
                // the title, then the window (not a filter over every earlier heading:
                // that was quadratic)
                None => titles
                    .iter()
                    .copied()
                    .filter(|&j| j + WINDOW < i)
                    .chain(i.saturating_sub(WINDOW)..i)
                    .find_map(near),
            };
            exact.entry(norm.as_str()).or_insert(i);
            let Some((first, score)) = earlier else {
                continue;
            };
            let what = if u.depth > 1 { "subheading" } else { "heading" };
            let msg = if first.kind == UnitKind::GuideTitle {
                format!("{what} `{}` repeats the guide title", u.text)
            } else if score >= 1.0 {
                format!("{what} `{}` repeats an earlier heading", u.text)
            } else {
                format!(
                    "{what} `{}` nearly repeats `{}` ({:.0}% similar)",
                    u.text,
                    first.text,
                    score * 100.0
                )
            };
            let loc = first.locate(&cx.doc.source, 0, first.text.len());
            out.push(
                cx.at(self, u, 0, u.text.len(), msg)
                    .label("repeated heading")
                    .related(&cx.doc.source.name, loc, "first used here")
                    .note("help: give the section a title that says what it adds, or merge it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    const P: &str = "      - paragraph: Some text here.\n";

    #[test]
    fn a_heading_repeating_the_title_or_another_heading_is_found() {
        let yaml = guide(
            "",
            &(section("a", "Test Guide", P)
                + &section("b", "Aftercare", P)
                + &section("c", "After-care", P)),
        );
        let f = found(&yaml, Code::DuplicateHeading);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].0.contains("guide title"), "{f:?}");
    }

    #[test]
    fn different_headings_are_clean() {
        let yaml = guide(
            "",
            &(section("a", "Preparation", P) + &section("b", "Aftercare", P)),
        );
        assert!(found(&yaml, Code::DuplicateHeading).is_empty());
    }
}

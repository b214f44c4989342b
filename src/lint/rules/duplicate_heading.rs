//! `duplicate-heading`: two headings (sections, subsections, or a subheading and the guide
//! title) that are the same or nearly the same.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::{Unit, UnitId, UnitKind, plain};
use crate::lint::{Context, Rule};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(super) struct DuplicateHeading;

/// The framing phrases of assets/rules/headings.yaml (why: see that file).
#[derive(Deserialize)]
struct Framing {
    introducing_prefixes: Vec<String>,
    introducing_suffixes: Vec<String>,
}

static FRAMING: LazyLock<Framing> = LazyLock::new(|| {
    serde_yaml::from_str(include_str!("../../../assets/rules/headings.yaml"))
        .expect("assets/rules/headings.yaml parses")
});

/// The subject a heading introduces, when it is framed by a phrase of assets/rules/headings.yaml
/// ("about eczema", "what is rosacea", "acne an overview" → "eczema", "rosacea", "acne"); `None`
/// when the heading has no such frame. `norm` is a [`normalise`]d heading.
fn introduced_subject(norm: &str) -> Option<&str> {
    let f = &*FRAMING;
    let prefixed = f.introducing_prefixes.iter().filter_map(|p| {
        norm.strip_prefix(p.as_str())
            .and_then(|rest| rest.strip_prefix(' '))
    });
    let suffixed = f.introducing_suffixes.iter().filter_map(|p| {
        norm.strip_suffix(p.as_str())
            .and_then(|rest| rest.strip_suffix(' '))
    });
    // the longest frame wins ("what is a" over "what is"): the shortest remaining subject
    prefixed
        .chain(suffixed)
        .filter(|s| !s.is_empty())
        .min_by_key(|s| s.len())
}

/// How many preceding siblings a heading is compared with for near (not exact) repeats.
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

/// True when two titles differ only in short labels ("Hepatitis A vaccination" and
/// "Hepatitis B vaccination", "Type 1" and "Type 2"), or in one word swapped for a different
/// word ("… in women" and "… in men", "before" and "after"): a series, not a repeat. A word
/// one edit away (a typo, two letters swapped) or an inflection (a plural) is still a repeat.
fn names_another(a: &str, b: &str) -> bool {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<(&str, &str)> = x
        .iter()
        .zip(&y)
        .filter(|(p, q)| p != q)
        .map(|(p, q)| (*p, *q))
        .collect();
    let label = |p: &str, q: &str| p.chars().count() <= 2 && q.chars().count() <= 2;
    let other_word = |p: &str, q: &str| {
        let stem = |w: &'_ str| {
            let w = w.strip_suffix("es").filter(|s| s.len() >= 3).unwrap_or(w);
            w.strip_suffix('s')
                .filter(|s| s.len() >= 3)
                .unwrap_or(w)
                .to_string()
        };
        stem(p) != stem(q) && strsim::damerau_levenshtein(p, q) >= 2
    };
    match diff.as_slice() {
        [] => false,
        [(p, q)] => label(p, q) || other_word(p, q),
        more => more.iter().all(|(p, q)| label(p, q)),
    }
}

/// How an earlier heading relates to the one being checked.
#[derive(Clone, Copy, PartialEq)]
enum Kin {
    Title,
    Sibling,
    Parent,
}

impl Rule for DuplicateHeading {
    fn code(&self) -> Code {
        Code::DuplicateHeading
    }
    /// A heading is compared with the guide title, with its earlier siblings (same parent)
    /// and with the headings it sits under. The same subheading under different parents
    /// ("Symptoms" under two conditions) is how real guides are organised, not a repeat.
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let threshold = cx.settings.config.duplicate_heading.threshold;
        let mut title: Option<(&Unit, String)> = None;
        // (parent path, normalised title) -> first heading with it, for exact sibling repeats
        let mut exact: HashMap<(&[usize], String), usize> = HashMap::new();
        // parent path -> its headings so far (near repeats: the last WINDOW of them)
        let mut siblings: HashMap<&[usize], Vec<usize>> = HashMap::new();
        // path -> heading, to find a heading's ancestors
        let mut by_path: HashMap<&[usize], usize> = HashMap::new();
        let mut heads: Vec<(&Unit, String)> = Vec::new();
        for u in cx.units {
            match (&u.kind, &u.id) {
                (UnitKind::GuideTitle, _) => title = Some((u, normalise(u.text))),
                (UnitKind::Heading, UnitId::Heading(path)) => {
                    let i = heads.len();
                    let norm = normalise(u.text);
                    let parent = &path[..path.len().saturating_sub(1)];
                    let near = |other: &str| {
                        let score = if other == norm {
                            1.0
                        } else if names_another(&norm, other) {
                            0.0
                        } else {
                            strsim::normalized_levenshtein(&norm, other)
                        };
                        (score >= threshold).then_some(score)
                    };
                    let mut earlier: Option<(&Unit, f64, Kin)> = None;
                    // "About <title>" introduces the subject the title names: not a repeat
                    let introduces_title = |tn: &str| {
                        introduced_subject(&norm).is_some_and(|s| {
                            s == tn || strsim::normalized_levenshtein(s, tn) >= threshold
                        })
                    };
                    if let Some((t, tn)) = &title
                        && !introduces_title(tn)
                        && let Some(score) = near(tn)
                    {
                        earlier = Some((t, score, Kin::Title));
                    }
                    if earlier.is_none() {
                        let sibs = siblings.get(parent).map_or(&[][..], |v| &v[..]);
                        let hit = exact
                            .get(&(parent, norm.clone()))
                            .map(|&j| (j, 1.0))
                            .or_else(|| {
                                sibs.iter()
                                    .rev()
                                    .take(WINDOW)
                                    .find_map(|&j| near(&heads[j].1).map(|s| (j, s)))
                            });
                        if let Some((j, score)) = hit {
                            earlier = Some((heads[j].0, score, Kin::Sibling));
                        }
                    }
                    if earlier.is_none() {
                        earlier = (1..path.len()).rev().find_map(|k| {
                            let &j = by_path.get(&path[..k])?;
                            near(&heads[j].1).map(|s| (heads[j].0, s, Kin::Parent))
                        });
                    }
                    exact.entry((parent, norm.clone())).or_insert(i);
                    siblings.entry(parent).or_default().push(i);
                    by_path.insert(path.as_slice(), i);
                    heads.push((u, norm));
                    if let Some((first, score, kin)) = earlier {
                        out.push(self.finding(cx, u, first, score, kin));
                    }
                }
                _ => {}
            }
        }
    }
}

impl DuplicateHeading {
    fn finding(&self, cx: &Context, u: &Unit, first: &Unit, score: f64, kin: Kin) -> Diagnostic {
        let what = if u.depth > 1 { "subheading" } else { "heading" };
        let msg = match kin {
            Kin::Title => format!("{what} `{}` repeats the guide title", u.text),
            Kin::Parent if score >= 1.0 => {
                format!("{what} `{}` repeats the heading it sits under", u.text)
            }
            Kin::Sibling if score >= 1.0 => {
                format!("{what} `{}` repeats an earlier heading", u.text)
            }
            _ => format!(
                "{what} `{}` nearly repeats `{}` ({:.0}% similar)",
                u.text,
                first.text,
                score * 100.0
            ),
        };
        let loc = first.locate(&cx.doc.source, 0, first.text.len());
        cx.at(self, u, 0, u.text.len(), msg)
            .label("repeated heading")
            .related(&cx.doc.source.name, loc, "first used here")
            .note("help: give the section a title that says what it adds, or merge it")
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

    /// A subsection (`title`) with one paragraph, indented under a section.
    fn sub(id: &str, title: &str) -> String {
        format!(
            "      - id: {id}\n        title: {title}\n        blocks:\n          - paragraph: Some text here.\n"
        )
    }

    fn parent(id: &str, title: &str, subs: &str) -> String {
        format!("  - id: {id}\n    title: {title}\n    sections:\n{subs}")
    }

    #[test]
    fn the_same_subheading_under_different_parents_is_allowed() {
        // as on real condition pages: each condition has its own "Symptoms" and "Treatment"
        let yaml = guide(
            "",
            &(parent(
                "eczema",
                "Eczema",
                &(sub("e-symptoms", "Symptoms") + &sub("e-treatment", "Treatment")),
            ) + &parent(
                "psoriasis",
                "Psoriasis",
                &(sub("p-symptoms", "Symptoms") + &sub("p-treatment", "Treatments")),
            )),
        );
        assert!(
            found(&yaml, Code::DuplicateHeading).is_empty(),
            "{:?}",
            found(&yaml, Code::DuplicateHeading)
        );
    }

    #[test]
    fn a_sibling_a_parent_or_the_title_repeated_below_is_still_found() {
        let yaml = guide(
            "",
            &parent(
                "eczema",
                "Eczema",
                &(sub("a", "Symptoms")
                    + &sub("b", "Symptoms")
                    + &sub("c", "Eczema")
                    + &sub("d", "Test Guide")),
            ),
        );
        let f = found(&yaml, Code::DuplicateHeading);
        let msgs: Vec<&str> = f.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "subheading `Symptoms` repeats an earlier heading",
                "subheading `Eczema` repeats the heading it sits under",
                "subheading `Test Guide` repeats the guide title",
            ]
        );
    }

    #[test]
    fn a_heading_introducing_the_title_s_subject_is_not_a_repeat() {
        // "About eczema" / "What is eczema?" under the title "Eczema" open real condition pages;
        // with a long title, the frame alone is a small edit (≥ 90 % similar)
        const TITLE: &str = "Epidermolysis bullosa and other inherited skin fragility disorders";
        let long_title = |sections: &str| {
            guide("", sections).replace("title: Test Guide\n", &format!("title: {TITLE}\n"))
        };
        for heading in [
            format!("About {TITLE}"),
            format!("About {}", TITLE.to_lowercase()),
            format!("\"{TITLE}: an overview\""),
            format!("{TITLE} explained"),
        ] {
            let yaml = long_title(&(section("a", &heading, P) + &section("b", "Aftercare", P)));
            let f = found(&yaml, Code::DuplicateHeading);
            assert!(f.is_empty(), "{heading}: {f:?}");
        }
        // the title itself, or the title with one letter off, still is a repeat
        let yaml = long_title(
            &(section("a", TITLE, P) + &section("b", &TITLE.replace("disorders", "disorder"), P)),
        );
        let f = found(&yaml, Code::DuplicateHeading);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|(m, _)| m.contains("guide title")), "{f:?}");
    }

    #[test]
    fn introduced_subjects_come_from_the_framing_list() {
        use super::introduced_subject;
        assert_eq!(introduced_subject("about eczema"), Some("eczema"));
        assert_eq!(introduced_subject("what is a mole"), Some("mole"));
        assert_eq!(introduced_subject("acne an overview"), Some("acne"));
        assert_eq!(introduced_subject("eczema"), None);
        assert_eq!(introduced_subject("about"), None);
        assert_eq!(introduced_subject("aboutness of things"), None);
    }

    #[test]
    fn a_series_of_headings_is_not_a_repeat() {
        let yaml = guide(
            "",
            &(section("a", "Hepatitis A vaccination", P)
                + &section("b", "Hepatitis B vaccination", P)
                + &section("c", "Type 1 diabetes", P)
                + &section("d", "Type 2 diabetes", P)),
        );
        assert!(found(&yaml, Code::DuplicateHeading).is_empty());
    }

    #[test]
    fn parallel_headings_are_a_series_but_a_misspelt_or_inflected_copy_is_not() {
        // one word swapped for another word ("women" / "men", "before" / "after") is how a page
        // sets out parallel sections; one letter off, two swapped or a plural is a repeat
        let yaml = guide(
            "",
            &(section("a", "Thrush symptoms in women", P)
                + &section("b", "Thrush symptoms in men", P)
                + &section("c", "Skin care before treatment", P)
                + &section("d", "Skin care after treatment", P)
                + &section("e", "Possible side effects", P)
                + &section("f", "Possible side affects", P)
                + &section("g", "How to prevent scarring", P)
                + &section("h", "How to prevnet scarring", P)
                + &section("i", "Common skin reaction", P)
                + &section("j", "Common skin reactions", P)),
        );
        let f = found(&yaml, Code::DuplicateHeading);
        let msgs: Vec<&str> = f.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("`Possible side affects`"), "{msgs:?}");
        assert!(msgs[1].contains("`How to prevnet scarring`"), "{msgs:?}");
        assert!(msgs[2].contains("`Common skin reactions`"), "{msgs:?}");
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

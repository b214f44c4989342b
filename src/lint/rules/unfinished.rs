//! `unfinished`: what a guide must not reach patients with — a template author or reviewer
//! ("Your Name", "Reviewer Name", "name the reviewing clinician here"), `TODO`/`TBD`/`FIXME`
//! marks (the importer's placeholders among them), "lorem ipsum", and the prose of the
//! template `guidepress new` writes. An error in a published guide (it refuses `build` and
//! `export`), a warning in a `status: draft` guide (capped in [`crate::lint`]).
//!
//! Person fields are reported one by one (each names what to fill in); marks in the text are
//! one finding per guide at the first place, with every other place as a related location.

use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};
use regex::Regex;
use std::sync::OnceLock;

pub(crate) struct Unfinished;

/// Placeholder wording (case-insensitive) in person fields and text, with what it stands for.
const PLACEHOLDERS: &str = r"(?i:\b(?:your|author|reviewer|clinician|doctor)'?s?\s+name\b|\bname\s+(?:the|your)\s+(?:reviewing\s+)?(?:clinician|reviewer|doctor)\b|\blorem\s+ipsum\b|\bplaceholder\b|\[\s*(?:insert|add|name|date)\b[^\]]*\])";
/// Work marks, upper case only ("todo" in prose is rare; "TODO" is always a mark).
const MARKS: &str = r"\b(?:TODO|TBD|FIXME|XXX)\b";

fn placeholder() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!("{PLACEHOLDERS}|{MARKS}")).expect("static regex"))
}

/// False when `text` holds none of the literals every match of [`placeholder`] contains
/// (`name`, `lorem`, `placeholder` in any case, `[`, or a work mark): the pattern's Unicode
/// word boundaries make it slow on text with non-ASCII letters, this test is not. Exact: none
/// of these letters has a case-insensitive equivalent outside ASCII (tested).
fn may_be_unfinished(text: &str) -> bool {
    static PRE: OnceLock<Regex> = OnceLock::new();
    PRE.get_or_init(|| {
        Regex::new(r"(?i-u:name|lorem|placeholder)|\[|TODO|TBD|FIXME|XXX").expect("static regex")
    })
    .is_match(text)
}

/// The first word of each piece of template prose: a text that starts with another word is
/// none of them (template texts are compared with runs of whitespace collapsed).
fn template_first_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static FIRST: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    FIRST.get_or_init(|| {
        crate::template::prose()
            .iter()
            .filter_map(|t| t.split_whitespace().next())
            .collect()
    })
}

impl Rule for Unfinished {
    fn code(&self) -> Code {
        Code::Unfinished
    }

    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let g = &cx.doc.guide;
        let src = &cx.doc.source;
        let re = placeholder();
        for (pointer, value, what) in people(g) {
            if let Some(m) = re.find(value) {
                let (node, _, _) = cx.doc.root.walk_pointer(&pointer);
                out.push(
                    cx.diag(
                        self,
                        format!("placeholder `{}` instead of {what}", m.as_str()),
                    )
                    .at(Some(crate::validate::schema::node_location(src, node)))
                    .pointer(pointer)
                    .label("a placeholder")
                    .note(format!(
                        "help: fill in {what}; a handout must never name a template person"
                    ))
                    .note(draft_help()),
                );
            }
        }
        // marks and template prose in the text: one finding, every place listed
        let template = crate::template::prose();
        let mut places = Vec::new();
        for u in cx.units.iter() {
            // the importer's `TODO: …` texts are the `placeholder` rule's
            if super::placeholder::is_placeholder(u.text) {
                continue;
            }
            if let Some(m) = may_be_unfinished(u.text).then(|| re.find(u.text)).flatten() {
                places.push((u, m.start(), m.end(), format!("`{}`", m.as_str())));
            } else if u
                .text
                .split_whitespace()
                .next()
                .is_none_or(|w| template_first_words().contains(w))
                && template.contains(&crate::template::normalise(u.text))
            {
                places.push((
                    u,
                    0,
                    u.text.len(),
                    "text from the `guidepress new` template".to_string(),
                ));
            }
        }
        let Some(((first, start, end, what), rest)) = places.split_first() else {
            return;
        };
        let mut d = cx
            .at(
                self,
                first,
                *start,
                *end,
                match rest.len() {
                    0 => format!("unfinished text: {what}"),
                    n => format!(
                        "unfinished text: {what} here and in {}",
                        crate::util::plural(n, "other place")
                    ),
                },
            )
            .label("unfinished")
            .note("help: replace every placeholder and TODO with the real text before publication");
        for (u, s, e, what) in rest {
            d = d.related(
                &src.name,
                u.locate(src, *s, *e),
                format!("also unfinished: {what}"),
            );
        }
        out.push(d.note(draft_help()));
    }
}

/// The names and credentials of the guide's people: (JSON Pointer, value, what it is in
/// words).
fn people(g: &crate::model::Guide) -> Vec<(String, &str, &'static str)> {
    let mut people: Vec<(String, &str, &'static str)> = Vec::new();
    for (k, a) in g.authors.iter().enumerate() {
        people.push((format!("/authors/{k}/name"), &a.name, "the author's name"));
        if let Some(c) = &a.credentials {
            people.push((
                format!("/authors/{k}/credentials"),
                c,
                "the author's credentials",
            ));
        }
    }
    if let Some(r) = &g.reviewer {
        people.push((
            "/reviewer/name".into(),
            &r.name,
            "the reviewing clinician's name",
        ));
        if let Some(c) = &r.credentials {
            people.push((
                "/reviewer/credentials".into(),
                c,
                "the reviewer's credentials",
            ));
        }
        if let Some(role) = &r.role {
            people.push(("/reviewer/role".into(), role, "the reviewer's role"));
        }
    }
    people
}

fn draft_help() -> &'static str {
    "note: while the guide is being written, `status: draft` makes these warnings and marks every export as a draft"
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    /// The quick test passes every text the pattern matches: the literals' letters match
    /// nothing outside ASCII case-insensitively, and each match holds one of the literals.
    #[test]
    fn the_quick_test_passes_every_text_the_pattern_matches() {
        let letters = regex::Regex::new("(?i)[nameloprchd]").expect("regex");
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            assert!(!letters.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
        for t in [
            "Your Name",
            "REVIEWER'S  NAME here",
            "name the reviewing doctor",
            "Lorem\tIpsum",
            "a PlaceHolder",
            "[ insert date]",
            "x TODO y",
            "TBD",
            "FIXME:",
            "XXX",
        ] {
            assert!(super::placeholder().is_match(t), "{t:?}");
            assert!(super::may_be_unfinished(t), "{t:?}");
        }
        assert!(!super::may_be_unfinished(
            "Microneedling – a procedure: ‘safe’."
        ));
    }

    #[test]
    fn template_people_and_todo_marks_are_found_once_per_guide() {
        let yaml = guide(
            "reviewer: {name: Reviewer Name, role: name the reviewing clinician here}\n",
            &section(
                "a",
                "About",
                "      - paragraph: \"Side effects: TBD.\"\n      - paragraph: Explain the treatment in plain words.\n",
            ),
        );
        let f = found(&yaml, Code::Unfinished);
        let msgs: Vec<&str> = f.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].contains("instead of the reviewing clinician's name"),
            "{msgs:?}"
        );
        assert!(msgs[1].contains("reviewer's role"), "{msgs:?}");
        assert!(
            msgs[2].contains("`TBD` here and in 1 other place"),
            "{msgs:?}"
        );
    }

    #[test]
    fn real_people_and_prose_are_clean() {
        let yaml = guide(
            "reviewer: {name: Dr Ada Okafor, credentials: MD, role: Consultant dermatologist}\n",
            &section(
                "a",
                "About",
                "      - paragraph: Most people feel mild discomfort; todo lists help.\n",
            ),
        );
        assert!(found(&yaml, Code::Unfinished).is_empty());
    }
}

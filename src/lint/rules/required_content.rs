//! `required-content` (health content): a patient guide must carry a disclaimer, a reviewer,
//! a last-reviewed date no older than `health.max_review_age_months` (default 24), and a
//! section on risks or side effects.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::UnitKind;
use crate::lint::{Context, Rule};
use crate::model::GuideKind;

pub(crate) struct RequiredContent;

impl Rule for RequiredContent {
    fn code(&self) -> Code {
        Code::RequiredContent
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let g = &cx.doc.guide;
        let src = &cx.doc.source;
        let top = src.location(cx.doc.root.start, cx.doc.root.start + 1);
        let missing = |what: &str, help: &str| {
            cx.diag(self, format!("health guide has no {what}"))
                .at(Some(top))
                .pointer("")
                .label(format!("add {what}"))
                .note(format!("help: {help}"))
        };
        if g.disclaimer.is_none() {
            out.push(missing(
                "disclaimer",
                "add `disclaimer:` — shown at the top of every export",
            ));
        }
        if g.reviewer.is_none() {
            out.push(missing(
                "reviewer",
                "add `reviewer: {name: ..., credentials: ...}` naming the medical reviewer",
            ));
        }
        match g.last_reviewed {
            None => out.push(missing(
                "last-reviewed date",
                "add `last_reviewed: YYYY-MM-DD`",
            )),
            Some(date) => {
                let today = crate::validate::today();
                let months = (today.year() - date.year()) * 12
                    + (today.month() as i32 - date.month() as i32)
                    - i32::from(today.day() < date.day());
                let max = cx.settings.config.health.max_review_age_months;
                if months > max as i32 {
                    let (node, _, _) = cx.doc.root.walk_pointer("/last_reviewed");
                    out.push(
                            cx.diag(
                self,
                format!("last review on {date} is more than {} ago; health guides must be reviewed at least every {}", crate::util::plural(max as usize, "month"), crate::util::plural(max as usize, "month")),
                            )
                            .at(Some(crate::validate::schema::node_location(src, node)))
                            .pointer("/last_reviewed")
                            .label("review is overdue"),
                        );
                }
            }
        }
        let kind = guide_kind(cx);
        if matches!(kind, GuideKind::Procedure | GuideKind::Medicine) && !covers_risks(cx) {
            let (what, help) = if kind == GuideKind::Medicine {
                (
                    "section on side effects",
                    "add a section on the medicine's side effects (a heading such as \"Side effects\")",
                )
            } else {
                (
                    "section on risks or side effects",
                    "add a section whose title names the risks or side effects",
                )
            };
            let mut d = missing(what, help);
            if g.kind.is_none() {
                let word = inferred_kind(cx).1.unwrap_or_default();
                d = d.note(format!(
                    "note: no `kind` declared; checked as a {} guide because it names `{word}`; a guide about a condition sets `kind: condition`, a general page `kind: general`{}",
                    if kind == GuideKind::Medicine { "medicine" } else { "procedure" },
                    looks_like_condition(cx)
                        .map(|h| format!(" — this one has a `{h}` heading, as condition pages do"))
                        .unwrap_or_default()
                ));
            }
            out.push(d);
        }
    }
}

/// Headings under which guides put risks: "Risks", "Side effects", "Complications",
/// "Safety", "Warnings", "When to get medical help", "Dangers", "What can go wrong"…
fn risk_heading() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:risks?|side[\s-]effects?|complications?|safety|warnings?|dangers?|adverse|what\s+can\s+go\s+wrong|possible\s+problems|problems\s+after|when\s+to\s+(?:get|seek|call|see|contact|ask\s+for)|emergency|call\s+999|call\s+911|a\s+&\s+e|get\s+(?:medical\s+)?help|seek\s+(?:medical\s+)?(?:help|advice|care)|urgent(?:ly)?|(?:see|call|contact|ask)\s+(?:a|your)\s+(?:doctor|gp|pharmacist|midwife|nurse|health\s*care\s+provider)|to\s+the\s+gp|111)\b",
        )
        .expect("static regex")
    })
}

/// A sentence in the body that names the risks: "Side effects include redness…",
/// "The risks of surgery are…", "It can cause scarring", "Possible complications…".
fn risk_sentence() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:(?:risks?|side[\s-]effects?|complications?|adverse\s+(?:effects?|reactions?))\b[^.!?]{0,60}?\b(?:include|includes|including|are|is|can|may|such\s+as|like)\b|(?:a|small|slight|low|some|rare)\s+risks?\s+of|(?:possible|common|rare|serious|main)\s+(?:risks?|side[\s-]effects?|complications?))",
        )
        .expect("static regex")
    })
}

/// True when the guide says what can go wrong: a heading that holds risks, or body text
/// naming them.
fn covers_risks(cx: &Context) -> bool {
    cx.units.iter().any(|u| match u.kind {
        UnitKind::Heading | UnitKind::CalloutTitle => risk_heading().is_match(u.text),
        UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Callout => {
            risk_sentence().is_match(u.text)
        }
        _ => false,
    })
}

/// The guide's kind: as declared (`kind:`). When not declared it is read from the page:
/// a page about an illness — at least two of the headings a condition page has ("Symptoms",
/// "Causes", "Diagnosis"), or an opening that defines an illness ("Acne is a common skin
/// condition…") — is a condition page; one whose title, summary or opening paragraph names a
/// procedure or a medicine ("…collagen induction therapy", "Combined pill", "Botox is a drug")
/// is a procedure or medicine guide; anything else (sun safety, registering with a GP, a page
/// about heartburn that defines it as "a painful burning feeling") is a general page, which
/// needs no section on risks.
pub(crate) fn guide_kind(cx: &Context) -> GuideKind {
    if let Some(k) = cx.doc.guide.kind {
        return k;
    }
    inferred_kind(cx).0
}

/// The kind read from an undeclared guide, and the words that decided it (for the finding's note).
fn inferred_kind(cx: &Context) -> (GuideKind, Option<String>) {
    static HEAD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static DEFINES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let head = || {
        HEAD.get_or_init(|| {
            regex::Regex::new(r"(?i)\b(symptom|cause|diagnos|sign)").expect("static regex")
        })
    };
    let defines = || {
        DEFINES.get_or_init(|| {
            regex::Regex::new(
                r"(?i)^\W*[\w’' -]{1,60}?\b(?:is|are)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,6}?(?:condition|disease|disorder|infection|infestation|illness|syndrome|cancer|problem|allergy|rash|inflammation|injury|symptom)s?\b",
            )
            .expect("static regex")
        })
    };
    // `defines` takes about 40 ms to compile (its bounded Unicode classes): it is compiled
    // only for an opening that names an illness at all, which it requires (same engine,
    // same case folding)
    static ILLNESS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let illness = ILLNESS.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:condition|disease|disorder|infection|infestation|illness|syndrome|cancer|problem|allergy|rash|inflammation|injury|symptom)",
        )
        .expect("static regex")
    });
    let mut kinds = std::collections::BTreeSet::new();
    for u in cx.units.iter().filter(|u| u.kind == UnitKind::Heading) {
        // compiled only for a heading that may match
        if !may_contain(u.text, &["ymptom", "cau", "diagno", "ign"]) {
            continue;
        }
        if let Some(m) = head().captures(u.text) {
            kinds.insert(m[1].to_ascii_lowercase());
        }
    }
    let opening = cx
        .units
        .iter()
        .find(|u| matches!(u.kind, UnitKind::Paragraph | UnitKind::ListItem))
        .map(|u| u.text.trim_start_matches(['*', '_']));
    if kinds.len() >= 2 || opening.is_some_and(|t| illness.is_match(t) && defines().is_match(t)) {
        return (GuideKind::Condition, None);
    }
    let g = &cx.doc.guide;
    let mut named = g.title.clone();
    if let Some(s) = &g.summary {
        named.push('\n');
        named.push_str(&s.plain());
    }
    // what a page is about is in its title, summary and first sentence ("A scar is a patch of
    // skin…" is about scars, though its next sentence says scars can come from surgery)
    if let Some(o) = opening {
        named.push('\n');
        named.push_str(first_sentence(o));
    }
    match procedure_or_medicine(&named) {
        Some((kind, word)) => (kind, Some(word)),
        None => (GuideKind::General, None),
    }
}

/// `text` up to the end of its first sentence.
fn first_sentence(text: &str) -> &str {
    text.match_indices(['.', '?', '!'])
        .map(|(i, _)| i)
        .find(|&i| text[i + 1..].starts_with(char::is_whitespace))
        .map_or(text, |i| &text[..=i])
}

/// The first word of `text` that names a procedure (`surgery`, `laser`, `-plasty`, a vaccine, a
/// test) or a medicine (`tablets`, `pill`, `cream`, `drug`), and which kind it makes the page.
/// A GP surgery (a doctor's practice, in British English) is not surgery.
fn procedure_or_medicine(text: &str) -> Option<(GuideKind, String)> {
    static PROC: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static MED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static PRACTICE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let practice = || {
        PRACTICE.get_or_init(|| {
            regex::Regex::new(
                r"(?i)\b(?:GP|GP's|doctor's|doctors'?|dental|dentist's)\s+surger(?:y|ies)\b",
            )
            .expect("static regex")
        })
    };
    let proc = PROC.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:procedures?|surgery|surgeries|surgical|operations?|treatments?|therap(?:y|ies)|injections?|injectables?|fillers?|(?:chemical\s+)?peels?|lasers?|implants?|vaccines?|vaccinations?|immuni[sz]ations?|piercings?|tattoo(?:s|ing)?|microneedling|botox|transplants?|removal|\w+(?:plasty|plasties|ectomy|ectomies|otomy|scopy|graphy))\b",
        )
        .expect("static regex")
    });
    let med = MED.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(?:medicines?|medications?|drugs?|tablets?|pills?|capsules?|ointments?|contraceptives?)\b",
        )
        .expect("static regex")
    });
    // compiled only for a text that may name a surgery
    let text = if may_contain(text, &["urger"]) {
        practice().replace_all(text, "")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let p = proc.find(&text);
    let m = med.find(&text);
    match (p, m) {
        (Some(p), Some(m)) if m.start() < p.start() => {
            Some((GuideKind::Medicine, m.as_str().to_string()))
        }
        (Some(p), _) => Some((GuideKind::Procedure, p.as_str().to_string())),
        (None, Some(m)) => Some((GuideKind::Medicine, m.as_str().to_string())),
        (None, None) => None,
    }
}

/// A necessary condition for a match of a `(?i)` regex every match of which holds one of
/// `needles` (lowercase ASCII letters other than `k` and `s`): the only ASCII letters whose
/// case folding reaches beyond ASCII are `k` (the Kelvin sign) and `s` (the long s), so
/// without them an ASCII case-insensitive search finds every text the regex can match. Lets
/// a regex be compiled (~0.4 ms each) only for a text it may match.
fn may_contain(text: &str, needles: &[&str]) -> bool {
    debug_assert!(needles.iter().all(|n| {
        n.bytes()
            .all(|b| b.is_ascii_lowercase() && b != b'k' && b != b's')
    }));
    let lower = text.to_ascii_lowercase();
    needles.iter().any(|n| lower.contains(n))
}

/// The first heading that marks a page about a condition ("Symptoms", "Causes", "Diagnosis").
fn looks_like_condition<'a>(cx: &'a Context) -> Option<&'a str> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(?:symptoms?|causes?|diagnosis|diagnosing|signs)\b")
            .expect("static regex")
    });
    cx.units
        .iter()
        .find(|u| u.kind == UnitKind::Heading && re.is_match(u.text))
        .map(|u| u.text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_prefilter_admits_every_case_folded_match() {
        // the Kelvin sign and the long s fold to ASCII letters: no needle holds them
        let head = regex::Regex::new(r"(?i)\b(symptom|cause|diagnos|sign)").unwrap();
        for t in [
            "SYMPTOMS",
            "Cauſes",
            "ſigns",
            "Diagnosis",
            "design",
            "Risks",
        ] {
            if head.is_match(t) {
                assert!(
                    super::may_contain(t, &["ymptom", "cau", "diagno", "ign"]),
                    "{t}"
                );
            }
        }
        assert!(super::may_contain("GP ſURGERY", &["urger"]));
        assert!(!super::may_contain(
            "Risks and recovery",
            &["ymptom", "cau", "diagno", "ign"]
        ));
    }

    use crate::diag::Code;
    use crate::lint::testing::*;

    const RISKS: &str = "      - paragraph: Redness lasts a day.\n";

    #[test]
    fn a_bare_health_guide_misses_everything() {
        let yaml = guide(
            "health: true\nsummary: What to expect from a chemical peel.\n",
            &section("a", "About", RISKS),
        );
        let f = found(&yaml, Code::RequiredContent);
        let msgs: Vec<&str> = f.iter().map(|(m, _)| m.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("disclaimer")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("reviewer")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("last-reviewed")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("risks")), "{msgs:?}");
    }

    fn complete(kind: &str) -> String {
        let today = crate::validate::today().to_string();
        format!(
            "health: true\n{kind}disclaimer: Not advice.\nreviewer: {{name: Dr A}}\nlast_reviewed: {today}\n"
        )
    }

    fn risks_finding(yaml: &str) -> Vec<String> {
        found(yaml, Code::RequiredContent)
            .into_iter()
            .map(|(m, _)| m)
            .filter(|m| m.contains("risks") || m.contains("side effects"))
            .collect()
    }

    #[test]
    fn risks_are_found_under_any_heading_that_holds_them_or_in_the_text() {
        let p = "      - paragraph: Rest and drink water.\n";
        for title in [
            "Complications",
            "When to get medical help",
            "\"See a GP if:\"",
            "Warnings",
        ] {
            let yaml = guide(
                &complete(""),
                &(section("a", "How it works", p) + &section("b", title, p)),
            );
            assert!(risks_finding(&yaml).is_empty(), "{title}");
        }
        let body = "      - paragraph: The most common side effects are pain, swelling, or bruising at the injection site.\n";
        let yaml = guide(&complete(""), &section("a", "About Botox", body));
        assert!(risks_finding(&yaml).is_empty());
        // nothing about risks anywhere: still found, with a word on `kind`
        let yaml = guide(
            &complete("summary: How laser hair removal works.\n"),
            &section("a", "How it works", p),
        );
        assert_eq!(risks_finding(&yaml).len(), 1);
    }

    #[test]
    fn the_kind_of_guide_decides_whether_risks_are_required() {
        let p = "      - paragraph: Rest and drink water.\n";
        let sections = section("a", "How it works", p);
        assert!(risks_finding(&guide(&complete("kind: condition\n"), &sections)).is_empty());
        assert!(risks_finding(&guide(&complete("kind: general\n"), &sections)).is_empty());
        assert_eq!(
            risks_finding(&guide(&complete("kind: medicine\n"), &sections)),
            ["health guide has no section on side effects"]
        );
        assert_eq!(
            risks_finding(&guide(&complete("kind: procedure\n"), &sections)).len(),
            1
        );
        // undeclared, but a condition page: an opening that defines an illness, or its headings
        let acne = "      - paragraph: Acne is a common skin condition that affects most people.\n";
        assert!(risks_finding(&guide(&complete(""), &section("a", "About acne", acne))).is_empty());
        let yaml = guide(
            &complete(""),
            &(section("a", "Symptoms", p) + &section("b", "Causes", p)),
        );
        assert!(risks_finding(&yaml).is_empty());
    }

    #[test]
    fn an_undeclared_page_is_read_as_what_it_names() {
        let p = "      - paragraph: Rest and drink water.\n";
        let notes = |yaml: &str| -> Vec<String> {
            diags(yaml, Code::RequiredContent)
                .into_iter()
                .filter(|d| d.message.contains("risks") || d.message.contains("side effects"))
                .flat_map(|d| d.notes)
                .collect()
        };
        // corpus (tune): pages about heartburn, sun exposure, alcohol support, registering with
        // a GP surgery name no procedure or medicine: general pages, no risks section needed
        for opening in [
            "Heartburn is a painful burning feeling in your chest or throat.",
            "Ultraviolet (UV) rays are an invisible form of radiation.",
            "Anyone in England can register with a GP surgery to access NHS services.",
            "A scar is a patch of skin that grows over a wound. You can get scars from surgery.",
        ] {
            let yaml = guide(
                &complete(""),
                &section("a", "About", &format!("      - paragraph: {opening}\n{p}")),
            );
            assert!(risks_finding(&yaml).is_empty(), "{opening}");
        }
        // a title naming a procedure or a medicine keeps the check, and says why
        let yaml = guide(&complete(""), &section("a", "About", p))
            .replace("title: Test Guide", "title: Plastic and cosmetic surgery");
        assert_eq!(
            risks_finding(&yaml),
            ["health guide has no section on risks or side effects"]
        );
        assert!(
            notes(&yaml).iter().any(|n| n.contains("names `surgery`")),
            "{:?}",
            notes(&yaml)
        );
        let yaml = guide(&complete(""), &section("a", "About", p))
            .replace("title: Test Guide", "title: Combined pill");
        assert_eq!(
            risks_finding(&yaml),
            ["health guide has no section on side effects"]
        );
    }

    #[test]
    fn a_complete_health_guide_is_clean() {
        let today = crate::validate::today().to_string();
        let head = format!(
            "health: true\ndisclaimer: Not advice.\nreviewer: {{name: Dr A}}\nlast_reviewed: {today}\n"
        );
        let yaml = guide(&head, &section("risks", "Risks and Side Effects", RISKS));
        assert!(found(&yaml, Code::RequiredContent).is_empty());
    }
}

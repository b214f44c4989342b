//! `claims` (health content): absolute or promotional health claims a medical reviewer would
//! strike, from a shipped phrase list (regexes covering inflections) plus project additions
//! (`health.claims` in the config). Each finding says why and proposes hedged wording.

use crate::config::Claim;
use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};
use crate::model::GuideKind;

pub(super) struct Claims;

/// A claim found in the guide: unit index, byte range in the unit's text, the list entry.
pub(crate) type ClaimHit<'c> = (usize, usize, usize, &'c Claim);

/// Every claim in the guide, found once per guide and shared by `claims` and `contradiction`.
pub(super) fn find<'x, 'c>(cx: &'x Context<'c>) -> &'x [ClaimHit<'c>] {
    cx.claims.get_or_init(|| scan(cx))
}

fn scan<'c>(cx: &Context<'c>) -> Vec<ClaimHit<'c>> {
    let mut out = Vec::new();
    // the claims themselves (the shipped list is read on first use) only once one matches
    let any = cx.settings.any_claim();
    // the guide's kind (its regexes) only when a procedures-only claim is reached
    let kind = std::cell::OnceCell::new();
    let kind = || *kind.get_or_init(|| super::required_content::guide_kind(cx));
    for (ui, unit) in cx.units.iter().enumerate() {
        // which claims match somewhere in the unit: only theirs are compiled and searched
        let matching = any.matches(unit.text);
        if !matching.matched_any() {
            continue;
        }
        // longest match first at a position: "quite painless" wins over "painless"
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (i, compiled) in cx.settings.claims().iter().enumerate() {
            if !matching.matched(i) {
                continue;
            }
            let c = &compiled.claim;
            if c.procedures_only && kind() != GuideKind::Procedure {
                continue;
            }
            let re = compiled.regex();
            for m in re.find_iter(unit.text) {
                if taken.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
                    continue;
                }
                taken.push((m.start(), m.end()));
                if asserted(unit.text, m.start(), m.end(), c.hedgeable) {
                    out.push((ui, m.start(), m.end(), c));
                }
            }
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out
}

/// Words that deny what follows them in a clause ("there is **no** cure", "**cannot** be
/// cured", "**few** treatments…"), or that report a claim rather than make it ("be wary of
/// products that **claim** to…", "it is a **myth** that…").
const NEGATION: &[&str] = &[
    "no",
    "not",
    "never",
    "none",
    "nothing",
    "nobody",
    "neither",
    "nor",
    "cannot",
    "without",
    "few",
    "impossible",
    "unlikely",
    "untrue",
    "false",
    "myth",
    "myths",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "promise",
    "promises",
    "promised",
    "promising",
    "advertised",
    "advertise",
    "advertises",
    "beware",
    "wary",
    "suspicious",
    "so-called",
    "marketed",
];

/// Words that hedge a claim in its clause ("**may** cure", "can **usually** be cured",
/// "**most** people have no side effects").
const HEDGES: &[&str] = &[
    "may",
    "might",
    "could",
    "can",
    "usually",
    "often",
    "generally",
    "typically",
    "normally",
    "mostly",
    "sometimes",
    "rarely",
    "most",
    "many",
    "some",
    "likely",
    "possible",
    "possibly",
    "probably",
    "help",
    "helps",
    "mainly",
    "frequently",
    "commonly",
    "seldom",
    "if",
    "when",
    "once",
    "until",
    "unless",
];

/// Words before the claim that still count as its clause.
const BEFORE: usize = 8;
/// Words after the claim a hedge may sit in ("cures it **in most cases**").
const AFTER: usize = 6;

/// Where the clause around `at` starts and ends: the sentence, cut at `;`, `:`, dashes,
/// brackets and "but"/"however"/"although".
fn clause(text: &str, s: usize, e: usize) -> (usize, usize) {
    let (mut a, mut b) = crate::lint::text::sentences(text)
        .into_iter()
        .find(|&(a, b)| a <= s && s < b.max(a + 1))
        .unwrap_or((0, text.len()));
    b = b.max(e);
    let cut = |c: char| matches!(c, ';' | ':' | '—' | '–' | '(' | ')');
    if let Some((k, c)) = text[a..s].char_indices().rev().find(|&(_, c)| cut(c)) {
        a += k + c.len_utf8();
    }
    if let Some(k) = text[e..b].find(cut) {
        b = e + k;
    }
    const CONJ: [&str; 5] = [" but ", " however", " although ", " though ", " whereas "];
    // ASCII lower-casing keeps byte offsets
    let lower_before = text[a..s].to_ascii_lowercase();
    if let Some(k) = CONJ
        .iter()
        .filter_map(|c| lower_before.rfind(c).map(|k| k + c.len()))
        .max()
    {
        a += k;
    }
    // a leading subordinate clause is not the claim's: "Although it might sound
    // intimidating, the process is quite painless" — its "might" hedges "sound"
    let lead = text[a..s].trim_start().to_ascii_lowercase();
    if [
        "although ",
        "though ",
        "while ",
        "whereas ",
        "even if ",
        "if ",
        "when ",
    ]
    .iter()
    .any(|c| lead.starts_with(c))
        && let Some(k) = text[a..s].rfind(',')
    {
        a += k + 1;
    }
    let lower_after = text[e..b].to_ascii_lowercase();
    if let Some(k) = CONJ.iter().filter_map(|c| lower_after.find(c)).min() {
        b = e + k;
    }
    (a, b)
}

fn norm(w: &str) -> String {
    w.to_lowercase().replace('’', "'")
}

fn is_negation(w: &str) -> bool {
    NEGATION.contains(&w) || w.ends_with("n't")
}

/// True when the match at `s..e` is asserted: not denied or reported in its clause, not
/// inside quotation marks, and (for a hedgeable claim) not hedged.
fn asserted(text: &str, s: usize, e: usize, hedgeable: bool) -> bool {
    let (a, b) = clause(text, s, e);
    let before: Vec<String> = crate::lint::text::words(&text[a..s])
        .iter()
        .rev()
        .take(BEFORE)
        .map(|w| norm(w.text))
        .collect();
    if before.iter().any(|w| is_negation(w)) {
        return false;
    }
    // quoted: "products sold as a “miracle cure”"
    let open = text[a..s].matches(['“', '‘']).count();
    let close = text[a..s].matches(['”', '’']).count();
    let straight = text[a..s].matches('"').count();
    if open > close || straight % 2 == 1 && text[e..b].contains('"') {
        return false;
    }
    // denied after a noun: "a cure for psoriasis has not been found"
    let after: Vec<String> = crate::lint::text::words(&text[e..b])
        .iter()
        .take(4)
        .map(|w| norm(w.text))
        .collect();
    let be = |w: &str| {
        matches!(
            w,
            "is" | "are" | "was" | "were" | "has" | "have" | "does" | "do" | "will" | "would"
        )
    };
    for (k, w) in after.iter().enumerate() {
        if w.ends_with("n't") && be(w.trim_end_matches("n't")) {
            return false;
        }
        if be(w) && after.get(k + 1).is_some_and(|n| n == "not" || n == "never") {
            return false;
        }
    }
    // denied at the end of its clause: "a cure for itching that works for everyone has not
    // been found", "… is not yet available" (the claim's existence or proof is what is denied)
    if denied_later(&text[e..b]) {
        return false;
    }
    if hedgeable {
        let near_after = crate::lint::text::words(&text[e..b])
            .iter()
            .take(AFTER)
            .map(|w| norm(w.text))
            .collect::<Vec<_>>();
        if before
            .iter()
            .chain(near_after.iter())
            .any(|w| HEDGES.contains(&w.as_str()))
        {
            return false;
        }
    }
    true
}

/// Words after a claim a denial of it may reach ("… that works for everyone has not been found").
const DENIAL_REACH: usize = 12;

/// True when the words after a claim deny that it exists or is proven: a form of "be"/"have"
/// with "not"/"never" and a verb of finding or proof ("has not (yet) been found", "is not
/// available", "have never been shown"). A negation of anything else ("… is not expensive")
/// leaves the claim made.
fn denied_later(after: &str) -> bool {
    let ws: Vec<String> = crate::lint::text::words(after)
        .iter()
        .take(DENIAL_REACH)
        .map(|w| norm(w.text))
        .collect();
    let aux = |w: &str| {
        matches!(
            w,
            "is" | "are" | "was" | "were" | "has" | "have" | "had" | "does" | "do"
        )
    };
    let exists = |w: &str| {
        matches!(
            w,
            "found"
                | "discovered"
                | "developed"
                | "proven"
                | "proved"
                | "shown"
                | "established"
                | "available"
                | "known"
                | "exist"
        )
    };
    ws.iter().enumerate().any(|(k, w)| {
        let rest = if w.ends_with("n't") && aux(w.trim_end_matches("n't")) {
            &ws[k + 1..]
        } else if aux(w) && ws.get(k + 1).is_some_and(|n| n == "not" || n == "never") {
            &ws[k + 2..]
        } else {
            return false;
        };
        rest.iter()
            .take(3)
            .find(|n| !matches!(n.as_str(), "yet" | "been" | "ever" | "widely"))
            .is_some_and(|n| exists(n))
    })
}

impl Rule for Claims {
    fn code(&self) -> Code {
        Code::Claims
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        // a page about an illness or a medicine gets the medical wording when there is one
        let hits = find(cx);
        if hits.is_empty() {
            return;
        }
        let medical = super::required_content::guide_kind(cx) != GuideKind::Procedure;
        for &(ui, s, e, c) in hits {
            let unit = &cx.units[ui];
            let phrase = &unit.text[s..e];
            let (why, instead) = if medical {
                (
                    c.medical_why.as_deref().unwrap_or(&c.why),
                    c.medical_instead.as_deref().unwrap_or(&c.instead),
                )
            } else {
                (c.why.as_str(), c.instead.as_str())
            };
            let mut d = cx
                .at(
                    self,
                    unit,
                    s,
                    e,
                    format!("unhedged health claim `{phrase}`: {why}"),
                )
                .label("a medical reviewer would strike this")
                .note(format!("help: say instead something like \"{instead}\""));
            d.suggestions = vec![instead.to_string()];
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    fn para(text: &str) -> String {
        paragraph_guide("health: true\nkind: procedure\n", text)
    }

    #[test]
    fn painless_describes_a_symptom_or_a_test_on_a_medical_page() {
        // corpus (niddk-hashimotos-disease): "bounces safe, painless sound waves off organs"
        for kind in ["condition", "medicine", "general"] {
            let yaml = paragraph_guide(
                &format!("health: true\nkind: {kind}\n"),
                "An ultrasound bounces safe, painless sound waves off organs. A painless lump can be a sign of it.",
            );
            assert!(found(&yaml, Code::Claims).is_empty(), "{kind}");
        }
        // undeclared, and the page names no procedure: not a procedure guide
        let yaml = paragraph_guide("health: true\n", "A painless lump in the neck is common.");
        assert!(found(&yaml, Code::Claims).is_empty());
        // a procedure page: still an overclaim
        let yaml = paragraph_guide(
            "health: true\nsummary: What to expect from laser hair removal.\n",
            "It is quite painless.",
        );
        assert_eq!(found(&yaml, Code::Claims).len(), 1);
    }

    #[test]
    fn absolute_claims_are_found_with_the_longest_match() {
        let f = found(
            &para("It is quite painless and completely safe."),
            Code::Claims,
        );
        let texts: Vec<&str> = f.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["quite painless", "completely safe"]);
        assert!(f[0].0.contains("pain is subjective"));
    }

    #[test]
    fn a_claim_denied_at_the_end_of_its_clause_is_not_made() {
        // corpus (niddk hemodialysis): the denial comes after a relative clause
        for text in [
            "But a cure for itching that works for everyone has not been found.",
            "A cure that reverses the damage for good is not yet available.",
        ] {
            assert!(found(&para(text), Code::Claims).is_empty(), "{text}");
        }
        // a negation that denies something else leaves the claim standing
        assert_eq!(
            found(
                &para("This cure works for everyone and is not expensive."),
                Code::Claims
            )
            .len(),
            1
        );
    }

    #[test]
    fn hedged_wording_and_non_health_guides_are_clean() {
        assert!(
            found(
                &para("Most people feel mild discomfort; it is generally safe."),
                Code::Claims
            )
            .is_empty()
        );
        let plain = guide(
            "",
            &section("a", "A", "      - paragraph: It is completely safe.\n"),
        );
        assert!(
            found(&plain, Code::Claims).is_empty(),
            "health rules need health: true"
        );
    }

    #[test]
    fn clauses_cut_at_dashes_and_brackets_without_splitting_a_character() {
        // the claim after an em dash is its own clause; "may" before the dash hedges nothing
        let f = found(
            &para("Results may vary — this peel is completely safe (and painless)."),
            Code::Claims,
        );
        let texts: Vec<&str> = f.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["completely safe", "painless"]);
        assert!(found(&para("There is no cure – treatment helps."), Code::Claims).is_empty());
    }

    #[test]
    fn project_claims_extend_the_list() {
        let s = settings(
            "health:\n  claims:\n    - {pattern: no downtime, why: most need days, instead: little downtime}\n",
        );
        let f = found_with(&para("There is no downtime at all."), Code::Claims, &s);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "no downtime");
    }
}

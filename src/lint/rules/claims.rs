//! `claims` (health content): absolute or promotional health claims a medical reviewer would
//! strike, from a shipped phrase list (regexes covering inflections) plus project additions
//! (`health.claims` in the config). Each finding says why and proposes hedged wording.

use crate::config::Claim;
use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};

pub struct Claims;

/// A claim found in the guide: unit index, byte range in the unit's text, the list entry.
pub type ClaimHit<'c> = (usize, usize, usize, &'c Claim);

/// Every claim in the guide, found once per guide and shared by `claims` and `contradiction`.
pub fn find<'x, 'c>(cx: &'x Context<'c>) -> &'x [ClaimHit<'c>] {
    cx.claims.get_or_init(|| scan(cx))
}

fn scan<'c>(cx: &Context<'c>) -> Vec<ClaimHit<'c>> {
    let mut out = Vec::new();
    let (any, each) = (&cx.settings.any_claim, &cx.settings.claims);
    for (ui, unit) in cx.units.iter().enumerate() {
        if !any.is_match(unit.text) {
            continue;
        }
        // longest match first at a position: "quite painless" wins over "painless"
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for compiled in each {
            let (re, c) = (&compiled.regex, &compiled.claim);
            for m in re.find_iter(unit.text) {
                if taken.iter().any(|&(s, e)| m.start() < e && s < m.end()) {
                    continue;
                }
                taken.push((m.start(), m.end()));
                out.push((ui, m.start(), m.end(), c));
            }
        }
    }
    out.sort_by_key(|x| (x.0, x.1));
    out
}

impl Rule for Claims {
    fn code(&self) -> Code {
        Code::Claims
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for &(ui, s, e, c) in find(cx) {
            let unit = &cx.units[ui];
            let phrase = &unit.text[s..e];
            let mut d = cx
                .at(
                    self,
                    unit,
                    s,
                    e,
                    format!("unhedged health claim `{phrase}`: {}", c.why),
                )
                .label("a medical reviewer would strike this")
                .note(format!(
                    "help: say instead something like \"{}\"",
                    c.instead
                ));
            d.suggestions = vec![c.instead.clone()];
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    fn para(text: &str) -> String {
        paragraph_guide("health: true\n", text)
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
    fn project_claims_extend_the_list() {
        let s = settings(
            "health:\n  claims:\n    - {pattern: no downtime, why: most need days, instead: little downtime}\n",
        );
        let f = found_with(&para("There is no downtime at all."), Code::Claims, &s);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "no downtime");
    }
}

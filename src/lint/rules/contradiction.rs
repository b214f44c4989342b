//! `contradiction` (health content, a hint): a claim (from the `claims` list) and, elsewhere
//! in the guide, a statement about the limits or risks of the same subject — e.g. "safe for
//! all skin types" and "people with darker skin might experience hyperpigmentation".
//! Best effort: it pairs subjects by keyword, it does not understand the sentences. The risk
//! statements per subject are data: assets/rules/risks.yaml.

use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};

pub(crate) struct Contradiction;

impl Rule for Contradiction {
    fn code(&self) -> Code {
        Code::Contradiction
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let claims = super::claims::find(cx);
        if claims.is_empty() {
            return;
        }
        for &(ui, s, e, c) in claims {
            let Some(subject) = c.subject else {
                continue;
            };
            let Some((_, patterns)) = crate::settings::risks().iter().find(|(k, _)| *k == subject)
            else {
                continue;
            };
            // the first statement of the most telling kind, outside the claim's own sentence
            let hit = patterns.iter().find_map(|re| {
                cx.units.iter().enumerate().find_map(|(vi, v)| {
                    re.find_iter(v.text)
                        .find(|m| vi != ui || m.end() + 200 < s || m.start() > e + 200)
                        .map(|m| (vi, m.start(), m.end()))
                })
            });
            let Some((vi, rs, re_end)) = hit else {
                continue;
            };
            let unit = &cx.units[ui];
            let risk_unit = &cx.units[vi];
            let loc = risk_unit.locate(&cx.doc.source, rs, re_end);
            out.push(
                cx.at(
                    self,
                    unit,
                    s,
                    e,
                    format!(
                        "possible contradiction (hint): `{}` here, but line {} mentions `{}`",
                        &unit.text[s..e],
                        loc.line,
                        &risk_unit.text[rs..re_end]
                    ),
                )
                .label("claim")
                .related(&cx.doc.source.name, loc, "limit or risk stated here")
                .note("note: a keyword match, not an understanding of the text; check both places"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    const CLAIM: (&str, &str) = ("A", "Microneedling is safe for all skin types.");

    #[test]
    fn a_claim_and_a_stated_limit_on_the_same_subject_are_paired() {
        let yaml = two_sections(
            "health: true\n",
            CLAIM,
            (
                "Risks",
                "People with darker skin may get hyperpigmentation.",
            ),
        );
        let f = found(&yaml, Code::Contradiction);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "safe for all skin types");
        assert!(f[0].0.contains("darker skin"));
    }

    #[test]
    fn no_limit_on_the_subject_means_no_hint() {
        let yaml = two_sections(
            "health: true\n",
            CLAIM,
            ("Aftercare", "Drink water and rest well tonight."),
        );
        assert!(found(&yaml, Code::Contradiction).is_empty());
    }
}

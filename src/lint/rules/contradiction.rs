//! `contradiction` (health content, a hint): a claim (from the `claims` list) and, elsewhere
//! in the guide, a statement about the limits or risks of the same subject — e.g. "safe for
//! all skin types" and "people with darker skin might experience hyperpigmentation".
//! Best effort: it pairs subjects by keyword, it does not understand the sentences.

use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};

pub struct Contradiction;

/// Risk or limit statements per subject, most telling first (the first one found wins).
const RISKS: &[(&str, &[&str])] = &[
    (
        "skin-types",
        &[
            r"(?:darker|dark|lighter|brown|black)\s+skin",
            r"(?:sensitive|olive)\s+skin",
            r"skin\s+of\s+colou?r",
            r"not\s+(?:suitable|recommended)\s+for",
            r"hyper-?pigmentation|hypo-?pigmentation",
        ],
    ),
    (
        "pain",
        &[
            r"(?:minimal|mild|some|slight)\s+discomfort",
            r"discomfort",
            r"painful|hurts?|stinging|tender(?:ness)?|sore(?:ness)?",
            r"numbing",
        ],
    ),
    (
        "side-effects",
        &[
            r"side[\s-]effects?",
            r"redness|swelling|bruising|infection|scarring|irritation",
        ],
    ),
    (
        "safety",
        &[
            r"risks?",
            r"infection|scarring|complications?|allergic\s+reactions?",
        ],
    ),
];

/// The risk patterns, compiled once per process (they are static).
fn compiled(pattern: &str) -> Option<&'static regex::Regex> {
    static RES: std::sync::OnceLock<Vec<(&'static str, regex::Regex)>> = std::sync::OnceLock::new();
    RES.get_or_init(|| {
        RISKS
            .iter()
            .flat_map(|(_, ps)| ps.iter())
            .filter_map(|p| {
                regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{p})(?-u:\b)"))
                    .ok()
                    .map(|r| (*p, r))
            })
            .collect()
    })
    .iter()
    .find(|(p, _)| *p == pattern)
    .map(|(_, r)| r)
}

impl Rule for Contradiction {
    fn code(&self) -> Code {
        Code::Contradiction
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let claims = super::claims::find(cx);
        if claims.is_empty() {
            return;
        }
        for &(ui, s, e, c) in claims {
            let Some(subject) = c.subject.as_deref() else {
                continue;
            };
            let Some((_, patterns)) = RISKS.iter().find(|(k, _)| *k == subject) else {
                continue;
            };
            // the first statement of the most telling kind, outside the claim's own sentence
            let hit = patterns.iter().find_map(|pattern| {
                let re = compiled(pattern)?;
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

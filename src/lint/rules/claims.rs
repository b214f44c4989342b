//! `claims` (health content): absolute or promotional health claims a medical reviewer would
//! strike, from a shipped phrase list (regexes covering inflections) plus project additions
//! (`health.claims` in the config). Each finding says why and proposes hedged wording.

use crate::config::Claim;
use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};

pub struct Claims;

/// The shipped list (documented in README). Patterns are case-insensitive whole words.
pub const SHIPPED: &[(&str, &str, &str, &str)] = &[
    (
        r"(?:quite|virtually|almost|nearly|completely|totally|entirely|practically)\s+painless(?:ly)?|painless(?:ly)?",
        "pain is subjective and most procedures cause some discomfort",
        "most people feel only mild discomfort",
        "pain",
    ),
    (
        r"(?:completely|totally|perfectly|entirely|100%|absolutely)\s+safe",
        "no procedure is risk-free",
        "generally safe when done by a trained professional",
        "safety",
    ),
    (
        r"(?:generally\s+)?safe\s+for\s+(?:all|every|any)\s+skin\s+(?:types?|tones?|colou?rs?)",
        "suitability and risks differ between skin types",
        "suitable for many skin types; ask whether it suits yours",
        "skin-types",
    ),
    (
        r"(?:no|zero|without(?:\s+any)?)\s+side[\s-]effects?",
        "every treatment can have side effects",
        "side effects are usually mild and short-lived",
        "side-effects",
    ),
    (
        r"(?:no|zero)\s+risks?|risk[\s-]free",
        "no procedure is risk-free",
        "low-risk when done by a trained professional",
        "safety",
    ),
    (
        r"guarantee[sd]?|guaranteeing",
        "results cannot be guaranteed",
        "results vary from person to person",
        "results",
    ),
    (
        r"cure[sd]?|curing",
        "cosmetic treatments improve, they do not cure",
        "can improve",
        "results",
    ),
    (
        r"dramatic(?:al)?(?:ly)?",
        "promotional wording that overstates typical results",
        "noticeably (for some people)",
        "results",
    ),
    (
        r"(?:incredibly|extremely|amazingly|remarkably|hugely|highly)\s+effective",
        "promotional wording that overstates typical results",
        "effective for many people",
        "results",
    ),
    (
        r"miracle|miraculous(?:ly)?",
        "promotional wording",
        "(remove it)",
        "results",
    ),
    (
        r"instant(?:ly)?\s+results?|results\s+instantly",
        "results usually take weeks to show",
        "results build up over several weeks",
        "results",
    ),
    (
        r"permanent(?:ly)?\s+(?:results?|removes?|eliminates?)|results?\s+(?:are|is)\s+permanent",
        "few cosmetic results are permanent",
        "long-lasting for many people",
        "results",
    ),
];

/// The shipped list plus project additions, compiled once per configuration.
pub fn patterns<'c>(cx: &Context<'c>) -> &'c (regex::Regex, Vec<(regex::Regex, Claim)>) {
    cx.config.claims_cache.get_or_init(|| {
        let each: Vec<(regex::Regex, Claim)> = SHIPPED
            .iter()
            .map(|(p, why, instead, subject)| Claim {
                pattern: (*p).to_string(),
                why: (*why).to_string(),
                instead: (*instead).to_string(),
                subject: Some((*subject).to_string()),
            })
            .chain(cx.config.health.claims.iter().cloned())
            .filter_map(|c| {
                regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", c.pattern))
                    .ok()
                    .map(|r| (r, c))
            })
            .collect();
        let any = each
            .iter()
            .map(|(_, c)| format!("(?:{})", c.pattern))
            .collect::<Vec<_>>()
            .join("|");
        let any = regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{any})(?-u:\b)"))
            .unwrap_or_else(|_| regex::Regex::new("[^\\s\\S]").expect("never matches"));
        (any, each)
    })
}

/// A claim found in the guide: unit index, byte range in the unit's text, the list entry.
pub type ClaimHit<'c> = (usize, usize, usize, &'c Claim);

/// Every claim in the guide, found once per guide and shared by `claims` and `contradiction`.
pub fn find<'x, 'c>(cx: &'x Context<'c>) -> &'x [ClaimHit<'c>] {
    cx.claims.get_or_init(|| scan(cx))
}

fn scan<'c>(cx: &Context<'c>) -> Vec<ClaimHit<'c>> {
    let mut out = Vec::new();
    let (any, each) = patterns(cx);
    for (ui, unit) in cx.units.iter().enumerate() {
        if !any.is_match(unit.text) {
            continue;
        }
        // longest match first at a position: "quite painless" wins over "painless"
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (re, c) in each {
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

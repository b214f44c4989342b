//! Typography every backend shares: no-break spaces that keep a number with its unit or
//! symbol (`500 mg`, `½ tablet`, `± 0.1 mm`, `≥ 18`, `SPF 30`), so no line — printed, in
//! a reading system or in the text handout — ends between them.
//!
//! Units are the spelling dictionary's list (assets/dict/units.txt, the symbols health text
//! uses) plus the words a dose or a time is counted in ([`COUNTED`]).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Words a number counts in patient text (doses, times, repeats): `2 tablets`, `7 days`.
const COUNTED: &[&str] = &[
    "tablet",
    "tablets",
    "capsule",
    "capsules",
    "drop",
    "drops",
    "puff",
    "puffs",
    "dose",
    "doses",
    "sachet",
    "sachets",
    "pump",
    "pumps",
    "spray",
    "sprays",
    "patch",
    "patches",
    "teaspoon",
    "teaspoons",
    "tablespoon",
    "tablespoons",
    "unit",
    "units",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "time",
    "times",
    "session",
    "sessions",
    "x",
    "h",
    "hr",
    "hrs",
    "min",
    "mins",
    "sec",
    "s",
    "m",
    "g",
    "l",
    "L",
    "IU",
    "%",
    "°",
    "°C",
    "°F",
];

/// Symbols that belong to the number after them: `± 0.1`, `≥ 18`, `~ 5`.
const BEFORE_NUMBER: &[&str] = &[
    "±", "≥", "≤", "<", ">", "≈", "~", "×", "−", "SPF", "pH", "No.", "no.", "#", "$", "€", "£",
];

fn units() -> &'static HashSet<&'static str> {
    static U: OnceLock<HashSet<&'static str>> = OnceLock::new();
    U.get_or_init(|| {
        include_str!("../../assets/dict/units.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .chain(COUNTED.iter().copied())
            .collect()
    })
}

/// A number ends here: a digit or a vulgar fraction (`½`).
fn ends_number(word: &str) -> bool {
    word.chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛' | '⅕'))
}

/// A number starts here (`0.1`, `.5`, `½`, `-3`).
fn starts_number(word: &str) -> bool {
    let mut cs = word.chars();
    match cs.next() {
        Some(c) if c.is_ascii_digit() || matches!(c, '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛') => {
            true
        }
        Some('.' | '-' | '−') => cs.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// The word as a unit: trailing punctuation off, and only the part before a `/` (`mg/dL`).
fn is_unit(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    let w = w.split('/').next().unwrap_or(w);
    !w.is_empty() && (units().contains(w) || units().contains(w.to_lowercase().as_str()))
}

/// `text` with a no-break space (U+00A0) for each plain space between a number and its unit
/// or symbol. Only single ASCII spaces are replaced; everything else is kept byte for byte.
pub(crate) fn bind_units(text: &str) -> Cow<'_, str> {
    if !text.contains(' ') || !text.chars().any(|c| c.is_ascii_digit() || is_fraction(c)) {
        return Cow::Borrowed(text);
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        let Some(next) = words.get(i + 1) else { break };
        let bind = !w.is_empty()
            && !next.is_empty()
            && ((ends_number(w) && is_unit(next))
                || (BEFORE_NUMBER.contains(&last_token(w)) && starts_number(next)));
        if bind {
            out.push('\u{a0}');
            changed = true;
        } else {
            out.push(' ');
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

fn is_fraction(c: char) -> bool {
    matches!(c, '½' | '¼' | '¾' | '⅓' | '⅔' | '⅛' | '⅕')
}

/// The last token of a word glued by no-break spaces or an opening bracket (`(±`).
fn last_token(w: &str) -> &str {
    let w = w.rsplit('\u{a0}').next().unwrap_or(w);
    w.trim_start_matches(['(', '['])
}

#[cfg(test)]
mod tests {
    use super::bind_units;

    #[test]
    fn numbers_keep_their_units_and_symbols() {
        let b = |s: &str| bind_units(s).replace('\u{a0}', "_");
        assert_eq!(b("take 500 mg daily"), "take 500_mg daily");
        assert_eq!(b("cut ½ tablet in two"), "cut ½_tablet in two");
        assert_eq!(b("within ± 0.1 mm."), "within ±_0.1_mm.");
        assert_eq!(b("adults ≥ 18 years"), "adults ≥_18_years");
        assert_eq!(b("use SPF 30 or more"), "use SPF_30 or more");
        assert_eq!(b("a 5 % solution, 10 mg/dL"), "a 5_% solution, 10_mg/dL");
        assert_eq!(
            b("wait 2 hours, then 3 times a day"),
            "wait 2_hours, then 3_times a day"
        );
        assert_eq!(b("at 37 °C (98.6 °F)"), "at 37_°C (98.6_°F)");
        // numbers without a unit, and words that only look like one, are left alone
        assert_eq!(b("in 2026 most people"), "in 2026 most people");
        assert_eq!(b("step 3 of the guide"), "step 3 of the guide");
        assert_eq!(b("no numbers here"), "no numbers here");
        // double spaces and other whitespace are kept as they are
        assert_eq!(b("5  mg\tx"), "5  mg\tx");
        assert!(matches!(
            bind_units("no numbers"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

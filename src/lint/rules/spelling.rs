//! `spelling`: words that are neither in the en_US dictionary nor in the project or
//! guide vocabulary. Acronyms, numbers, URLs and possessives are handled; hyphenated
//! compounds are checked part by part.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub struct Spelling;

/// Unit symbols, exactly as written (assets/dict/units.txt).
const UNITS: &str = include_str!("../../../assets/dict/units.txt");

/// Chemical element symbols, for laser and crystal notation (`Nd:YAG`, `Er,Cr:YSGG`).
const ELEMENTS: &[&str] = &[
    "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl",
    "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As",
    "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In",
    "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb",
    "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl",
    "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk",
    "Cf", "Es", "Fm", "Md", "No", "Lr",
];

fn is_unit(word: &str) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        UNITS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(word)
}

/// True when the token at `start..end` of `text` is notation rather than a word: a unit
/// symbol (`dL` in `mg/dL`), an element of a laser or crystal name (`Nd` in `Nd:YAG`), or a
/// pronunciation respelling in parentheses (`(muh-LAY-nuh)`, `(sor-EYE-uh-sis)`).
pub(crate) fn notation(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if is_unit(word) {
        return true;
    }
    // element symbols joined to a crystal: the chunk reads `Nd:YAG`, `Er,Cr:YSGG`
    if ELEMENTS.contains(&word) {
        let after = &text[end..];
        let chunk_end = after
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | ';'))
            .unwrap_or(after.len());
        let chunk = &after[..chunk_end];
        if let Some(colon) = chunk.find(':') {
            let head = &chunk[..colon];
            let crystal_starts_upper =
                chunk[colon + 1..].starts_with(|c: char| c.is_ascii_uppercase());
            let others_elements = head
                .split(',')
                .filter(|p| !p.is_empty())
                .all(|p| ELEMENTS.contains(&p));
            if crystal_starts_upper && (head.is_empty() || head.starts_with(',')) && others_elements
            {
                return true;
            }
        }
    }
    respelling(text, start, end) || binomial(text, start, end)
}

/// Endings of Latin genus names and of species epithets (binomial nomenclature).
const GENUS_ENDINGS: &[&str] = &[
    "ia", "a", "um", "ium", "us", "es", "is", "oides", "ella", "ae", "on", "ma",
];
const EPITHET_ENDINGS: &[&str] = &[
    "i", "ae", "um", "us", "is", "ica", "ensis", "icum", "ia", "ii", "ata", "alis", "oides",
];

fn ends_with_any(word: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| word.ends_with(e))
}

fn genus(word: &str) -> bool {
    let mut c = word.chars();
    c.next().is_some_and(|f| f.is_ascii_uppercase())
        && c.as_str().len() >= 3
        && c.as_str().chars().all(|c| c.is_ascii_lowercase())
        && ends_with_any(word, GENUS_ENDINGS)
        // `Sometimes diabetis`: a common word is no genus
        && !crate::lint::lexicon::common_word(word)
}

fn epithet(word: &str) -> bool {
    word.len() >= 4
        && word.chars().all(|c| c.is_ascii_lowercase())
        && ends_with_any(word, EPITHET_ENDINGS)
}

/// A scientific name, genus and species (`Sarcoptes scabiei`, `Clostridium butyricum`,
/// `Haemophilus influenzae`): a capitalised Latin genus, one space, a Latin epithet. Both
/// words pass; a typo of an English word rarely takes both shapes side by side.
fn binomial(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if epithet(word) {
        let before = &text[..start];
        if let Some(prev) = before.strip_suffix(' ') {
            let from = prev.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
                i + prev[i..].chars().next().map_or(1, char::len_utf8)
            });
            return genus(&prev[from..]);
        }
        return false;
    }
    if genus(word)
        && let Some(next) = text[end..].strip_prefix(' ')
    {
        let to = next
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(next.len());
        return epithet(&next[..to]);
    }
    false
}

/// A pronunciation respelling: the whole parenthesised group is syllables joined by hyphens
/// (or spaces), at least one stressed in capitals and one not (`(KRONE)` alone is a word).
fn respelling(text: &str, start: usize, end: usize) -> bool {
    let Some(open) = text[..start].rfind('(') else {
        return false;
    };
    let Some(close) = text[end..].find(')').map(|c| end + c) else {
        return false;
    };
    let group = &text[open + 1..close];
    if group.len() > 80 || !group.contains('-') {
        return false;
    }
    let syllables: Vec<&str> = group.split(['-', ' ']).filter(|s| !s.is_empty()).collect();
    let letters = |s: &&str| {
        s.trim_end_matches(['\'', '’'])
            .chars()
            .all(char::is_alphabetic)
    };
    syllables.len() >= 2
        && syllables.iter().all(letters)
        && syllables
            .iter()
            .any(|s| s.chars().count() >= 2 && !s.chars().any(char::is_lowercase))
        && syllables.iter().any(|s| !s.chars().any(char::is_uppercase))
}

/// Skip tokens that are not words to spell-check.
pub(crate) fn checkable(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // acronyms: PRP, UV, RF (optionally with a plural s or a possessive: SPFs, NCI's)
    let core = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    if core.chars().count() >= 2 && core.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    // names written in camel case: PubMed, MedlinePlus, RotaTeq, IgE (a typo does not put a
    // capital after a small letter)
    let chars: Vec<char> = w.chars().collect();
    !chars
        .windows(2)
        .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
}

impl Rule for Spelling {
    fn code(&self) -> Code {
        Code::Spelling
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let typo_rule_on = cx.rule_enabled(Code::Misspelling);
        if cx.locale_fallback {
            let mut d = cx
                .diag(
                    self,
                    format!(
                        "no dictionary for language `{}`: spelling is checked as en-US",
                        cx.doc.guide.language
                    ),
                )
                .pointer("/language")
                .note("note: guidepress has dictionaries for en-US, en-GB (also used for en-AU, en-NZ, en-IE) and en-CA");
            d.severity = crate::diag::Severity::Note;
            let (node, _, found) = cx.doc.root.walk_pointer("/language");
            if found {
                d.location = Some(cx.doc.source.location(node.start, node.end));
            }
            out.push(d);
        }
        for unit in cx.units {
            for w in unit.words() {
                if !checkable(w.text)
                    || cx.guide_word(w.text)
                    || notation(unit.text, w.start, w.end)
                {
                    continue;
                }
                if cx.lexicon.status_in(w.text, cx.locale) == Status::Known {
                    continue;
                }
                // check hyphenated compounds part by part
                let mut offset = w.start;
                for part in w.text.split('-') {
                    let (ps, pe) = (offset, offset + part.len());
                    offset = pe + 1;
                    if !checkable(part) || cx.guide_word(part) || notation(unit.text, ps, pe) {
                        continue;
                    }
                    let status = cx.lexicon.status_in(part, cx.locale);
                    if status == Status::Known
                        || (typo_rule_on && matches!(status, Status::Typo(_)))
                    {
                        continue;
                    }
                    let suggestions = match &status {
                        Status::Typo(f) => f.clone(),
                        _ => cx.lexicon.suggest_in(part, cx.locale),
                    };
                    let mut d = cx
                        .at(self, unit, ps, pe, format!("unknown word `{part}`"))
                        .label(match suggestions.first() {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => "not in the dictionary".to_string(),
                        })
                        .note(format!(
                            "help: if the word is right, run `guidepress vocab add {part}` (adds it to {}) or list it in the guide's `vocabulary`",
                            cx.settings.vocabulary_target().display()
                        ));
                    d.suggestions = suggestions;
                    // only a single known correction is a fix; a near vocabulary word is a
                    // suggestion (`Microchannel` is not a typo of `Microchannels`)
                    if let Status::Typo(f) = &status
                        && f.len() == 1
                        && !mid_sentence_capital(unit.text, ps)
                    {
                        d = super::with_fix(cx, unit, d, ps, pe, &f[0]);
                    }
                    out.push(d);
                }
            }
        }
    }
}

/// True when the word at byte `start` of `text` starts with a capital letter and does not
/// open a sentence (or the text): probably a name, so never auto-fixed.
pub(crate) fn mid_sentence_capital(text: &str, start: usize) -> bool {
    if !text[start..].chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '"' | '\'' | '“' | '‘' | '(' | '[')
    });
    !(before.is_empty() || before.ends_with(['.', '!', '?', ':']))
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    fn para(text: &str) -> String {
        paragraph_guide("", text)
    }

    #[test]
    fn unknown_words_are_found_with_suggestions() {
        let d = diags(&para("The skin heals quikcly."), Code::Spelling);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].suggestions.iter().any(|s| s == "quickly"),
            "{:?}",
            d[0].suggestions
        );
    }

    #[test]
    fn acronyms_numbers_compounds_and_guide_vocabulary_pass() {
        let yaml = para("PRP and UV-free 2mm needles help Dermapen users.")
            .replace("sections:", "vocabulary: [Dermapen]\nsections:");
        assert!(found(&yaml, Code::Spelling).is_empty());
    }
}

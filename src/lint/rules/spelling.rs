//! `spelling`: words that are neither in the en_US dictionary nor in the project or
//! guide vocabulary. Acronyms, numbers, URLs and possessives are handled; hyphenated
//! compounds are checked part by part.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub struct Spelling;

/// Skip tokens that are not words to spell-check.
pub(crate) fn checkable(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // acronyms: PRP, UV, RF (optionally with a plural s: SPFs)
    let core = w.strip_suffix('s').unwrap_or(w);
    !(core.chars().count() >= 2 && core.chars().all(|c| c.is_uppercase()))
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
                if !checkable(w.text) || cx.guide_word(w.text) {
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
                    if !checkable(part) || cx.guide_word(part) {
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
                        _ => cx.lexicon.suggest(part),
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
                        && !super::misspelling::mid_sentence_capital(unit.text, ps)
                    {
                        d = super::with_fix(cx, unit, d, ps, pe, &f[0]);
                    }
                    out.push(d);
                }
            }
        }
    }
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

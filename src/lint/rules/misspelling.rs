//! `misspelling`: common misspellings from the typos-dict list, with their corrections.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub struct Misspelling;

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

impl Rule for Misspelling {
    fn code(&self) -> Code {
        Code::Misspelling
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for unit in cx.units {
            for w in unit.words() {
                if super::spelling::notation(unit.text, w.start, w.end) {
                    continue;
                }
                let mut offset = w.start;
                for part in w.text.split('-') {
                    let (ps, pe) = (offset, offset + part.len());
                    offset = pe + 1;
                    if !super::spelling::checkable(part)
                        || cx.guide_word(part)
                        || super::spelling::notation(unit.text, ps, pe)
                    {
                        continue;
                    }
                    if let Status::Typo(fixes) = cx.lexicon.status_in(part, cx.locale) {
                        // `youre`, `childs`: the apostrophe put back is a correction too
                        let fixes =
                            super::spelling::lost_apostrophe(cx, unit.text, pe, part, fixes);
                        let mut d = cx
                            .at(
                                self,
                                unit,
                                ps,
                                pe,
                                format!("`{part}` is a misspelling of `{}`", fixes.join("` or `")),
                            )
                            .label(format!("did you mean `{}`?", fixes[0]));
                        // `Teh Wei Ling`: a capital mid-sentence is likely a name
                        if fixes.len() == 1 && !mid_sentence_capital(unit.text, ps) {
                            d = super::with_fix(cx, unit, d, ps, pe, &fixes[0]);
                        }
                        d.suggestions = fixes;
                        out.push(d);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::mid_sentence_capital;

    #[test]
    fn capitals_mid_sentence_are_names() {
        assert!(mid_sentence_capital("ask Teh Wei Ling", 4));
        assert!(!mid_sentence_capital("Teh serum", 0));
        assert!(!mid_sentence_capital("Done. Teh serum", 6));
        assert!(!mid_sentence_capital("Done. **Teh** serum", 8));
        assert!(!mid_sentence_capital("use teh serum", 4));
    }
}

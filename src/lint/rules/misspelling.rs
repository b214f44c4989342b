//! `misspelling`: common misspellings from the typos-dict list, with their corrections.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub(crate) struct Misspelling;

impl Rule for Misspelling {
    fn code(&self) -> Code {
        Code::Misspelling
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        for unit in cx.units {
            // the list is of English misspellings: parts in another language are skipped
            if cx
                .doc
                .guide
                .part_language(&unit.id.pointer())
                .is_some_and(|l| !crate::model::same_language(l, "en"))
            {
                continue;
            }
            // ... and so are `[text]{lang=..}` spans in another language
            let spans = crate::model::inline::lang_spans(unit.text);
            for (wi, w) in unit.words().iter().enumerate() {
                // shared with spelling, which asks the same of the same words
                if unit.word_notation(wi, super::spelling::notation)
                    || crate::model::inline::lang_at(unit.text, &spans, w.start)
                        .is_some_and(|l| !crate::model::same_language(l, "en"))
                {
                    continue;
                }
                let mut offset = w.start;
                for part in w.text.split('-') {
                    let (ps, pe) = (offset, offset + part.len());
                    offset = pe + 1;
                    // a part that is the whole word (no hyphen) was tested for notation
                    // above: only the parts of a hyphenated word are tested again
                    if !super::spelling::checkable(part)
                        || cx.guide_word(part)
                        || ((ps, pe) != (w.start, w.end)
                            && super::spelling::notation(unit.text, ps, pe))
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
                        if fixes.len() == 1 && !super::spelling::mid_sentence_capital(unit.text, ps)
                        {
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
    use super::super::spelling::mid_sentence_capital;

    #[test]
    fn capitals_mid_sentence_are_names() {
        assert!(mid_sentence_capital("ask Teh Wei Ling", 4));
        assert!(!mid_sentence_capital("Teh serum", 0));
        assert!(!mid_sentence_capital("Done. Teh serum", 6));
        assert!(!mid_sentence_capital("Done. **Teh** serum", 8));
        assert!(!mid_sentence_capital("use teh serum", 4));
    }
}

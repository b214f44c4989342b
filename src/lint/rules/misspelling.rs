//! `misspelling`: common misspellings from the typos-dict list, with their corrections.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub(crate) struct Misspelling;

/// Whether some part of `word` (split at hyphens) is checkable, not a guide word and a known
/// misspelling: only then may an occurrence of the word be a finding. A part that is a word of
/// the guide reads its status from the table (asked once per guide).
fn may_be_typo(cx: &Context, table: &crate::lint::terms::WordTable, id: u32, word: &str) -> bool {
    word.split('-').any(|part| {
        super::spelling::checkable(part)
            && !cx.guide_word(part)
            // the whole word (no hyphen) is word `id`; a part is looked up by its text
            && match if part.len() == word.len() { Some(id) } else { table.id(part) } {
                Some(id) => matches!(table.status(id, cx.lexicon, cx.locale), Status::Typo(_)),
                None => matches!(cx.lexicon.status_in(part, cx.locale), Status::Typo(_)),
            }
    })
}

impl Rule for Misspelling {
    fn code(&self) -> Code {
        Code::Misspelling
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let table = cx.words();
        // per distinct word of the guide: 0 not asked yet, 1 a part of it may be a finding,
        // 2 none can be (no part is checkable, not a guide word and a known misspelling)
        let mut never = vec![0u8; table.len()];
        for (ui, unit) in cx.units.iter().enumerate() {
            let ids = table.ids(ui);
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
                // asked once per distinct word: a word none of whose parts is a checkable,
                // non-guide word the typos list has is never a finding, whatever its context
                if let Some(&id) = ids.get(wi) {
                    let seen = &mut never[id as usize];
                    if *seen == 0 {
                        *seen = if may_be_typo(cx, table, id, w.text) {
                            1
                        } else {
                            2
                        };
                    }
                    if *seen == 2 {
                        continue;
                    }
                }
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
    use crate::diag::Code;
    use crate::lint::testing::*;

    #[test]
    fn each_occurrence_of_a_word_keeps_its_own_context() {
        // the word is looked up once per guide; where it stands still decides: outside English
        // it is skipped, after a capital mid-sentence it is not fixed
        let yaml = paragraph_guide(
            "",
            "'Use teh serum on teh skin, not [teh]{lang=fr} here. Ask Teh Wei Ling. Teh end, and a pre-teh step.'",
        );
        let d = diags(&yaml, Code::Misspelling);
        let texts: Vec<(&str, bool)> = d
            .iter()
            .map(|d| (d.message.split('`').nth(1).unwrap_or(""), d.fix.is_some()))
            .collect();
        assert_eq!(
            texts,
            [
                ("teh", true),
                ("teh", true),
                ("Teh", false),
                ("Teh", true),
                ("teh", true)
            ],
            "{d:?}"
        );
    }

    #[test]
    fn capitals_mid_sentence_are_names() {
        assert!(mid_sentence_capital("ask Teh Wei Ling", 4));
        assert!(!mid_sentence_capital("Teh serum", 0));
        assert!(!mid_sentence_capital("Done. Teh serum", 6));
        assert!(!mid_sentence_capital("Done. **Teh** serum", 8));
        assert!(!mid_sentence_capital("use teh serum", 4));
    }
}

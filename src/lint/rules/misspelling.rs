//! `misspelling`: common misspellings from the typos-dict list, with their corrections.

use crate::diag::{Diagnostic, Severity};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub struct Misspelling;

impl Rule for Misspelling {
    fn id(&self) -> &'static str {
        "misspelling"
    }
    fn description(&self) -> &'static str {
        "Known misspellings (typos-dict) with their corrections."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for unit in cx.units {
            for w in unit.words() {
                let mut offset = w.start;
                for part in w.text.split('-') {
                    let (ps, pe) = (offset, offset + part.len());
                    offset = pe + 1;
                    if !super::spelling::checkable(part) || cx.guide_word(part) {
                        continue;
                    }
                    if let Status::Typo(fixes) = cx.lexicon.status(part) {
                        let mut d = cx
                            .at(
                                self,
                                unit,
                                ps,
                                pe,
                                format!("`{part}` is a misspelling of `{}`", fixes.join("` or `")),
                            )
                            .label(format!("did you mean `{}`?", fixes[0]));
                        if fixes.len() == 1 {
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

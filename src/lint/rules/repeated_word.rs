//! `repeated-word`: "the the" (also across line breaks) and doubled punctuation (",,", "..").

use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};

pub(crate) struct RepeatedWord;

/// Doublings that are grammatical.
const ALLOWED: &[&str] = &["had", "that", "is"];

impl Rule for RepeatedWord {
    fn code(&self) -> Code {
        Code::RepeatedWord
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        for unit in cx.units {
            let ws = unit.words();
            for pair in ws.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let gap = &unit.text[a.end..b.start];
                if !gap.is_empty()
                    && gap.chars().all(char::is_whitespace)
                    && a.text.eq_ignore_ascii_case(b.text)
                    && !ALLOWED.contains(&a.text.to_lowercase().as_str())
                    && !a.text.chars().all(|c| c.is_ascii_digit())
                {
                    let d = cx
                        .at(
                            self,
                            unit,
                            a.start,
                            b.end,
                            format!("`{}` is repeated", a.text),
                        )
                        .label("the same word twice");
                    out.push(super::with_fix(cx, unit, d, a.end, b.end, ""));
                }
            }
            let bytes = unit.text.as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                let c = bytes[i];
                if matches!(c, b',' | b';' | b':' | b'.' | b'!' | b'?') && bytes[i + 1] == c {
                    let mut run = i + 2;
                    while run < bytes.len() && bytes[run] == c {
                        run += 1;
                    }
                    // "..." is an ellipsis, "!!" / "??" are style, not typos
                    if run - i == 2 && matches!(c, b',' | b';' | b':' | b'.') {
                        let d = cx
                            .at(
                                self,
                                unit,
                                i,
                                i + 2,
                                format!("doubled punctuation `{}{}`", c as char, c as char),
                            )
                            .label("one is enough");
                        out.push(super::with_fix(
                            cx,
                            unit,
                            d,
                            i,
                            i + 2,
                            &(c as char).to_string(),
                        ));
                    }
                    i = run;
                } else {
                    i += 1;
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
        paragraph_guide("", &format!("\"{text}\""))
    }

    #[test]
    fn doubled_words_and_punctuation_are_found_with_fixes() {
        let d = diags(
            &para("Apply the the serum,, then rest."),
            Code::RepeatedWord,
        );
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].fix.as_ref().map(|f| f.replacement.as_str()), Some(""));
        assert_eq!(d[1].fix.as_ref().map(|f| f.replacement.as_str()), Some(","));
    }

    #[test]
    fn grammatical_doubles_ellipses_and_numbers_are_fine() {
        assert!(
            found(
                &para("He had had enough... that that is 5 5 ok!!"),
                Code::RepeatedWord
            )
            .is_empty()
        );
    }
}

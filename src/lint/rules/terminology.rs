//! `terminology`: configured "use X instead of Y" substitutions (regex, case-insensitive,
//! whole words), like Vale's substitution rule.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::match_case;
use crate::lint::{Context, Rule};

pub(crate) struct Terminology;

impl Rule for Terminology {
    fn code(&self) -> Code {
        Code::Terminology
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        for unit in cx.units {
            for (re, term) in &cx.settings.terminology {
                for m in re.find_iter(unit.text) {
                    let replacement = match_case(m.as_str(), &term.replacement);
                    if m.as_str() == replacement {
                        continue;
                    }
                    let mut d = cx
                        .at(
                            self,
                            unit,
                            m.start(),
                            m.end(),
                            format!("use `{replacement}` instead of `{}`", m.as_str()),
                        )
                        .label(format!("use `{replacement}`"));
                    if let Some(why) = &term.message {
                        d = d.note(format!("note: {why}"));
                    }
                    d.suggestions = vec![replacement.clone()];
                    out.push(super::with_fix(
                        cx,
                        unit,
                        d,
                        m.start(),
                        m.end(),
                        &replacement,
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    #[test]
    fn configured_terms_are_replaced_keeping_case() {
        let s = settings("terminology:\n  - {pattern: elastomers?, replacement: elastin}\n");
        let yaml = guide(
            "",
            &section("a", "A", "      - paragraph: Elastomer and collagen.\n"),
        );
        let d: Vec<_> = lint_with(&yaml, &s)
            .into_iter()
            .filter(|d| d.code == Code::Terminology)
            .collect();
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].fix.as_ref().map(|f| f.replacement.as_str()),
            Some("Elastin")
        );
    }

    #[test]
    fn whole_words_only() {
        let s = settings("terminology:\n  - {pattern: elastomer, replacement: elastin}\n");
        let yaml = guide(
            "",
            &section(
                "a",
                "A",
                "      - paragraph: Thermoelastomeric gels differ.\n",
            ),
        );
        assert!(found_with(&yaml, Code::Terminology, &s).is_empty());
    }
}

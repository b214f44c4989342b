//! The rule registry: one file per rule, listed here in the order they run.

mod claims;
mod contradiction;
mod duplicate_block;
mod duplicate_heading;
mod misspelling;
mod near_duplicate;
mod placeholder;
mod readability;
mod repeated_word;
mod required_content;
mod restates_definition;
mod spelling;
mod terminology;
mod unfinished;

use super::Rule;

pub(crate) use super::Sink;
pub(crate) use claims::ClaimHit;
pub(crate) use restates_definition::Found as DefinitionFound;

/// Every rule guidepress knows.
pub(crate) fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(spelling::Spelling),
        Box::new(misspelling::Misspelling),
        Box::new(terminology::Terminology),
        Box::new(repeated_word::RepeatedWord),
        Box::new(duplicate_heading::DuplicateHeading),
        Box::new(duplicate_block::DuplicateBlock),
        Box::new(near_duplicate::NearDuplicate),
        Box::new(claims::Claims),
        Box::new(contradiction::Contradiction),
        Box::new(readability::Readability),
        Box::new(required_content::RequiredContent),
        Box::new(unfinished::Unfinished),
        Box::new(placeholder::Placeholder),
        Box::new(restates_definition::RestatesDefinition),
    ]
}

/// Attach a fix when the range maps verbatim onto the source.
pub(crate) fn with_fix(
    cx: &super::Context,
    unit: &super::text::Unit,
    mut d: crate::diag::Diagnostic,
    start: usize,
    end: usize,
    replacement: &str,
) -> crate::diag::Diagnostic {
    if unit.verbatim(&cx.doc.source, start, end) {
        d.fix = Some(Box::new(crate::diag::Fix {
            location: unit.locate(&cx.doc.source, start, end),
            replacement: replacement.to_string(),
            target: Some(crate::diag::FixTarget {
                pointer: unit.id.pointer(),
                start,
                end,
            }),
        }));
    }
    d
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;

    #[test]
    fn the_registry_and_the_catalogue_list_the_same_rules_in_order() {
        let registry: Vec<&str> = super::all().iter().map(|r| r.code().id()).collect();
        let catalogue: Vec<&str> = Code::rule_ids().collect();
        assert_eq!(registry, catalogue);
        assert!(super::all().iter().all(|r| r.code().rule().is_some()));
    }
}

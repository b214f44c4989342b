//! `duplicate-block`: identical paragraphs, list items or callouts anywhere in the guide.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::UnitKind;
use crate::lint::{Context, Rule};
use rustc_hash::FxHashMap as HashMap;

pub struct DuplicateBlock;

/// Texts shorter than this many words ("Yes.", "None") are not reported.
const MIN_WORDS: usize = 4;

impl Rule for DuplicateBlock {
    fn code(&self) -> Code {
        Code::DuplicateBlock
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let mut seen: HashMap<String, usize> = HashMap::default();
        for (i, u) in cx.units.iter().enumerate() {
            if !matches!(
                u.kind,
                UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Callout
            ) {
                continue;
            }
            // import placeholders ("TODO: …") are the `placeholder` rule's, once per guide
            if super::placeholder::is_placeholder(u.text) {
                continue;
            }
            let ws = u.words();
            if ws.len() < MIN_WORDS {
                continue;
            }
            let mut norm = String::with_capacity(u.text.len());
            for w in ws {
                norm.push_str(&w.text.to_lowercase());
                norm.push(' ');
            }
            match seen.get(&norm) {
                Some(&first) => {
                    let f = &cx.units[first];
                    let loc = f.locate(&cx.doc.source, 0, f.text.len());
                    let what = if u.kind == UnitKind::ListItem {
                        "list item"
                    } else {
                        "paragraph"
                    };
                    out.push(
                        cx.at(
                            self,
                            u,
                            0,
                            u.text.len(),
                            format!("this {what} is identical to one at line {}", loc.line),
                        )
                        .label("duplicate")
                        .related(
                            &cx.doc.source.name,
                            loc,
                            "first written here",
                        ),
                    );
                }
                None => {
                    seen.insert(norm, i);
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
    fn identical_paragraphs_are_reported_once_with_the_first() {
        let p = "      - paragraph: Keep the treated skin clean and dry today.\n";
        let yaml = guide("", &(section("a", "A", p) + &section("b", "B", p)));
        let d = diags(&yaml, Code::DuplicateBlock);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].related.len(), 1, "points at the first copy");
    }

    #[test]
    fn short_or_different_blocks_are_not_duplicates() {
        let yaml = guide(
            "",
            &(section(
                "a",
                "A",
                "      - paragraph: Yes.\n      - paragraph: Keep skin clean.\n",
            ) + &section(
                "b",
                "B",
                "      - paragraph: Yes.\n      - paragraph: Keep skin dry today.\n",
            )),
        );
        assert!(found(&yaml, Code::DuplicateBlock).is_empty());
    }
}

//! `duplicate-block`: identical paragraphs, list items or callouts anywhere in the guide.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::{UnitId, UnitKind};
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
        // runs of repeated units: (first repeat, its first copy, length). A list repeated
        // item by item is one finding, not one per item.
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
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
                Some(&first) => match runs.last_mut() {
                    // the next item of a list that repeats an earlier list item by item
                    Some((start, from, len))
                        if u.kind == UnitKind::ListItem
                            && *start + *len == i
                            && *from + *len == first
                            && same_block(&cx.units[*start].id, &u.id) =>
                    {
                        *len += 1;
                    }
                    _ => runs.push((i, first, 1)),
                },
                None => {
                    seen.insert(norm, i);
                }
            }
        }
        for (start, first, len) in runs {
            let (u, f) = (&cx.units[start], &cx.units[first]);
            let loc = f.locate(&cx.doc.source, 0, f.text.len());
            let message = if len > 1 {
                format!(
                    "these {len} list items are identical to the {len} at line {}",
                    loc.line
                )
            } else {
                let what = if u.kind == UnitKind::ListItem {
                    "list item"
                } else {
                    "paragraph"
                };
                format!("this {what} is identical to one at line {}", loc.line)
            };
            let last = &cx.units[start + len - 1];
            let end = if len > 1 {
                // from the first repeated item to the end of the last
                last.locate(&cx.doc.source, 0, last.text.len())
            } else {
                u.locate(&cx.doc.source, 0, u.text.len())
            };
            let mut d = cx
                .at(self, u, 0, u.text.len(), message)
                .label("duplicate")
                .related(&cx.doc.source.name, loc, "first written here");
            if len > 1
                && let Some(l) = d.location.as_mut()
                && end.end > l.end
            {
                l.end = end.end;
                l.end_line = end.end_line;
                l.end_column = end.end_column;
            }
            out.push(d);
        }
    }
}

/// True when two units are parts of the same block.
fn same_block(a: &UnitId, b: &UnitId) -> bool {
    match (a, b) {
        (
            UnitId::Block {
                section: sa,
                block: ba,
                ..
            },
            UnitId::Block {
                section: sb,
                block: bb,
                ..
            },
        ) => sa == sb && ba == bb,
        _ => false,
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
    fn a_list_repeated_item_by_item_is_one_finding() {
        let list = "      - bullets:\n          - Fair skin that freckles and burns easily.\n          - Blue or green or other light-colored eyes.\n          - Red or blond hair on the head.\n";
        let yaml = guide("", &(section("a", "A", list) + &section("b", "B", list)));
        let f = found(&yaml, Code::DuplicateBlock);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].0,
            "these 3 list items are identical to the 3 at line 11"
        );
        assert!(
            f[0].1.starts_with("Fair skin") && f[0].1.ends_with("on the head."),
            "{f:?}"
        );
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

//! `duplicate-block`: identical paragraphs, list items or callouts pasted twice — the copy right
//! after its original (at most [`MAX_GAP`] blocks or list items between them), or in two
//! sections with the same title (a section pasted twice). The same text under two different
//! headings, or far apart in one long section, is a page saying it again on purpose (the same
//! advice for adults and for babies, the same cross-reference after each treatment, the same
//! risk factors listed for two cancers, a "Points to remember" summary): not reported.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::{Unit, UnitId, UnitKind};
use crate::lint::{Context, Rule};
use rustc_hash::FxHashMap as HashMap;

pub(crate) struct DuplicateBlock;

/// Texts shorter than this many words ("Yes.", "None") are not reported.
const MIN_WORDS: usize = 4;

/// Within one section, a repeat is reported when at most this many paragraphs or list items
/// stand between the end of the original and the start of the copy.
pub(crate) const MAX_GAP: usize = 2;

impl Rule for DuplicateBlock {
    fn code(&self) -> Code {
        Code::DuplicateBlock
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        for (start, first, len) in repeats(cx.units, cx.words()) {
            let (u, f) = (&cx.units[start], &cx.units[first]);
            // within one section only a copy next to its original is an accident
            if section_of(&u.id) == section_of(&f.id) && start - (first + len).min(start) > MAX_GAP
            {
                continue;
            }
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

/// Runs of repeated units: (first repeat, its first copy, length). A list repeated item by
/// item is one run, not one per item.
fn repeats<'a>(
    units: &'a [Unit<'a>],
    table: &crate::lint::terms::WordTable,
) -> Vec<(usize, usize, usize)> {
    // the normalised title of each section, by its path
    let titles: HashMap<&[usize], String> = units
        .iter()
        .filter_map(|u| match &u.id {
            UnitId::Heading(p) => Some((p.as_slice(), super::duplicate_heading::normalise(u.text))),
            _ => None,
        })
        .collect();
    // the last unit with a text, by section and by section title (same place: a repeat
    // there is an accident)
    let mut by_section: HashMap<(Vec<u32>, Option<&[usize]>), usize> = HashMap::default();
    let mut by_title: HashMap<(Vec<u32>, &str), usize> = HashMap::default();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (i, u) in units.iter().enumerate() {
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
        let ids = table.ids(i);
        if ids.len() < MIN_WORDS {
            continue;
        }
        // the words lower-cased, as ids of their lower-case forms (equal lists, equal texts)
        let norm: Vec<u32> = ids.iter().map(|&w| table.info(w).lower_id).collect();
        let section = section_of(&u.id);
        let title = section.and_then(|p| titles.get(p)).map(String::as_str);
        let earlier = by_section
            .get(&(norm.clone(), section))
            .copied()
            .max(title.and_then(|t| by_title.get(&(norm.clone(), t)).copied()));
        if let Some(t) = title {
            by_title.insert((norm.clone(), t), i);
        }
        by_section.insert((norm, section), i);
        let Some(first) = earlier else { continue };
        match runs.last_mut() {
            // the next item of a list that repeats an earlier list item by item
            Some((start, from, len))
                if u.kind == UnitKind::ListItem
                    && *start + *len == i
                    && *from + *len == first
                    && same_block(&units[*start].id, &u.id) =>
            {
                *len += 1;
            }
            _ => runs.push((i, first, 1)),
        }
    }
    runs
}

/// The section path of a block's unit (`None`: the introduction or a top-level field).
fn section_of(id: &UnitId) -> Option<&[usize]> {
    match id {
        UnitId::Block {
            section: Some(s), ..
        } => Some(s.as_slice()),
        _ => None,
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
        let yaml = guide("", &section("a", "A", &format!("{p}{p}")));
        let d = diags(&yaml, Code::DuplicateBlock);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].related.len(), 1, "points at the first copy");
        // a section pasted twice: the same title, the same text
        let yaml = guide(
            "",
            &(section("a", "After care", p) + &section("b", "After care!", p)),
        );
        assert_eq!(found(&yaml, Code::DuplicateBlock).len(), 1);
    }

    #[test]
    fn far_apart_in_one_section_is_deliberate_next_to_it_an_accident() {
        let p = "      - paragraph: Counseling and protecting the skin from the sun.\n";
        let other =
            |n: usize| format!("      - paragraph: Another point about sunscreen number {n}.\n");
        // corpus (nci-skin-cancer-prevention): the same subheading-like paragraph under two
        // cancers, far apart in one flattened section
        let far = format!("{p}{}{}{}{}{p}", other(1), other(2), other(3), other(4));
        assert!(found(&guide("", &section("a", "A", &far)), Code::DuplicateBlock).is_empty());
        // corpus (nihsenior-psoriasis): a list, one paragraph, and the list again
        let list = "      - bullets:\n          - lithium, a psychiatric drug\n          - quinidine, a heart medication\n";
        let near = format!("{list}{}{list}", other(1));
        let f = found(&guide("", &section("a", "A", &near)), Code::DuplicateBlock);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].0.starts_with("these 2 list items"), "{f:?}");
    }

    #[test]
    fn the_same_text_under_different_headings_is_deliberate() {
        // corpus: the same advice in each self-contained vaccine section of a travel page, the
        // same cross-reference after each treatment option, a "Points to remember" summary
        let p = "      - paragraph: Keep the treated skin clean and dry today.\n";
        let yaml = guide(
            "",
            &(section("a", "Hepatitis A", p)
                + &section("b", "Typhoid", p)
                + &section("c", "Points to remember", p)),
        );
        assert!(found(&yaml, Code::DuplicateBlock).is_empty());
        // a third copy under the second heading still repeats the second
        let yaml = guide(
            "",
            &(section("a", "Hepatitis A", p) + &section("b", "Typhoid", &format!("{p}{p}"))),
        );
        let f = found(&yaml, Code::DuplicateBlock);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_list_repeated_item_by_item_is_one_finding() {
        let list = "      - bullets:\n          - Fair skin that freckles and burns easily.\n          - Blue or green or other light-colored eyes.\n          - Red or blond hair on the head.\n";
        let yaml = guide("", &section("a", "A", &format!("{list}{list}")));
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

//! Markdown articles (CommonMark with the usual extensions, parsed by `pulldown-cmark`): the
//! first H1 (or front-matter `title`) is the title; H2…H6 become nested sections; paragraphs,
//! lists (nested lists are flattened into their list, in order), block quotes that start with
//! Note/Warning/Tip (or a GitHub alert) become callouts; emphasis and strong are kept as guide
//! markup, links as "text (URL)"; images and HTML are dropped with a warning naming the line.

use super::{ABlock, Article};
use crate::model::CalloutKind;
use pulldown_cmark::{BlockQuoteKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A list being collected (nested lists add their items to the outermost one).
struct List {
    ordered: bool,
    items: Vec<String>,
}

/// Escape text so guide markup reads it literally.
fn literal(t: &str) -> String {
    t.replace('\\', "\\\\").replace('*', "\\*")
}

/// Line numbers of byte offsets: the line starts are found in one pass, then each offset is
/// found by a galloping search from the previous answer (counting the newlines before every
/// event was quadratic: a 40,000-row table took minutes; a binary search per event over a long
/// table's line starts was n log n with a cache miss per step). The parser's events move
/// forward with short steps back (an element's end repeats its start), so the total work is
/// linear in the events plus the log of each jump.
struct LineStarts {
    starts: Vec<usize>,
    /// The previous answer (a 1-based line, so `starts[cursor - 1] <= last offset`).
    cursor: std::cell::Cell<usize>,
}

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts {
            starts,
            cursor: std::cell::Cell::new(1),
        }
    }

    /// The 1-based line of `offset` (the number of newlines before it, plus one): the number
    /// of line starts at or before it.
    fn line_of(&self, offset: usize) -> usize {
        let s = &self.starts;
        let c = self.cursor.get().clamp(1, s.len());
        // bracket the answer in lo..=hi, galloping from the cursor
        let (lo, hi) = if s[c - 1] <= offset {
            // the answer is at least c
            let (mut lo, mut step) = (c, 1);
            while lo + step <= s.len() && s[lo + step - 1] <= offset {
                lo += step;
                step *= 2;
            }
            (lo, (lo + step - 1).min(s.len()))
        } else {
            // the answer is below c: s[hi] is past the offset (s[0] = 0 never is)
            let (mut hi, mut step) = (c - 1, 1);
            while hi > step && s[hi - step] > offset {
                hi -= step;
                step *= 2;
            }
            (hi.saturating_sub(step).max(1), hi)
        };
        let line = lo + s[lo..hi].partition_point(|x| *x <= offset);
        self.cursor.set(line);
        line
    }
}

fn squash(s: &str) -> String {
    // a text of only invisible characters (a stray byte-order mark, zero-width spaces) is no
    // text: the guide would not validate (blank-text)
    if s.chars().all(crate::text::invisible) {
        return String::new();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Note/Warning/Tip lead-in (`Note:`, `**Warning:**`, `Tip -`), and the text after it.
fn callout_lead(text: &str) -> Option<(CalloutKind, String)> {
    let t = text.trim_start();
    let bare = t.trim_start_matches("**");
    for (word, kind) in [
        ("note", CalloutKind::Note),
        ("warning", CalloutKind::Warning),
        ("caution", CalloutKind::Warning),
        ("important", CalloutKind::Warning),
        ("tip", CalloutKind::Tip),
    ] {
        if bare.len() > word.len() && bare[..word.len()].eq_ignore_ascii_case(word) {
            let rest = &bare[word.len()..];
            let rest = rest.strip_prefix("**").unwrap_or(rest);
            if let Some(after) = rest
                .strip_prefix(':')
                .or_else(|| rest.strip_prefix(" -"))
                .or_else(|| rest.strip_prefix(" —"))
            {
                let after = after.trim_start();
                let after = after.strip_prefix("**").unwrap_or(after).trim_start();
                return Some((kind, after.to_string()));
            }
        }
    }
    None
}

/// Read a Markdown article.
///
/// Long because it is one state machine over pulldown-cmark's events (open
/// heading, list, block quote, paragraph text); every arm reads and writes the same
/// state, which helpers would only pass back and forth.
pub(crate) fn read(text: &str) -> Article {
    let mut a = Article::default();
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_GFM;
    let mut buf = String::new();
    let mut heading: Option<usize> = None;
    let mut lists: Vec<List> = Vec::new();
    // open list items: (text so far, items of their own nested lists)
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    // block quotes: (GitHub alert kind, paragraphs)
    let mut quotes: Vec<(Option<BlockQuoteKind>, Vec<String>)> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut image_depth = 0usize;
    let mut metadata = false;
    let mut table_row: Vec<String> = Vec::new();
    let mut table_rows: Vec<String> = Vec::new();
    let lines = LineStarts::new(text);
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        let line = lines.line_of(range.start.min(text.len()));
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(_)) => metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = false,
            Event::Text(t) if metadata => front_matter(&t, &mut a),
            Event::Start(Tag::Heading { level, .. }) => {
                flush_paragraph(&mut buf, &mut a, &mut lists, &mut items, &mut quotes);
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                let title = squash(&std::mem::take(&mut buf));
                let level = heading.take().unwrap_or(2);
                if title.is_empty() {
                    continue;
                }
                if level == 1 && a.title.is_none() {
                    a.title = Some(title);
                } else {
                    // a second H1 is a top-level section, like an H2
                    a.push_section(title, level.max(2));
                }
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                flush_paragraph(&mut buf, &mut a, &mut lists, &mut items, &mut quotes)
            }
            Event::Start(Tag::List(start)) => {
                // a nested list: the parent item's text so far is its own item
                if let Some((open, _)) = items.last_mut() {
                    push_text(open, &std::mem::take(&mut buf));
                }
                lists.push(List {
                    ordered: start.is_some(),
                    items: Vec::new(),
                });
            }
            Event::Start(Tag::Item) => items.push((String::new(), Vec::new())),
            Event::End(TagEnd::Item) => {
                let (mut it, nested) = items.pop().unwrap_or_default();
                push_text(&mut it, &std::mem::take(&mut buf));
                let it = squash(&it);
                if let Some(l) = lists.last_mut() {
                    if !it.is_empty() {
                        l.items.push(it);
                    }
                    // then the items of its nested lists, in source order
                    l.items.extend(nested);
                }
            }
            Event::End(TagEnd::List(_)) => {
                let Some(done) = lists.pop() else { continue };
                if !lists.is_empty() {
                    if let Some((_, nested)) = items.last_mut() {
                        nested.extend(done.items);
                    }
                } else if !done.items.is_empty() {
                    let block = if done.ordered {
                        ABlock::Ordered(done.items)
                    } else {
                        ABlock::Bullets(done.items)
                    };
                    push(&mut a, &mut quotes, block);
                }
            }
            Event::Start(Tag::BlockQuote(kind)) => quotes.push((kind, Vec::new())),
            Event::End(TagEnd::BlockQuote(_)) => {
                flush_paragraph(&mut buf, &mut a, &mut lists, &mut items, &mut quotes);
                let Some((kind, paras)) = quotes.pop() else {
                    continue;
                };
                let text = paras.join(" ");
                let alert = kind.map(|k| match k {
                    BlockQuoteKind::Note | BlockQuoteKind::Important => CalloutKind::Note,
                    BlockQuoteKind::Tip => CalloutKind::Tip,
                    BlockQuoteKind::Warning | BlockQuoteKind::Caution => CalloutKind::Warning,
                });
                let block = match (alert, callout_lead(&text)) {
                    (Some(k), _) if !text.is_empty() => ABlock::Callout(k, text),
                    (_, Some((k, rest))) if !rest.is_empty() => ABlock::Callout(k, rest),
                    _ if text.is_empty() => continue,
                    _ => ABlock::Paragraph(text),
                };
                push(&mut a, &mut quotes, block);
            }
            Event::Start(Tag::CodeBlock(_)) => {}
            Event::End(TagEnd::CodeBlock) => {
                a.warnings.push(format!(
                    "line {line}: a code block became a paragraph; check its wording"
                ));
                flush_paragraph(&mut buf, &mut a, &mut lists, &mut items, &mut quotes);
            }
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => buf.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => buf.push_str("**"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
                buf.push('\u{1}'); // marks where the link text starts
            }
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let start = buf.rfind('\u{1}').unwrap_or(buf.len());
                let label = buf[start..].trim_start_matches('\u{1}').to_string();
                buf.truncate(start);
                buf.push_str(&label);
                let plain = label.replace('\\', "");
                if !url.is_empty() && plain.trim() != url && !url.starts_with('#') {
                    buf.push_str(&format!(" ({})", literal(&url)));
                }
            }
            Event::Start(Tag::Image { .. }) => {
                image_depth = 1;
                a.warnings.push(format!("line {line}: image dropped"));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                a.warnings.push(format!("line {line}: HTML dropped"));
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Text(t) | Event::Code(t) => buf.push_str(&literal(&t)),
            Event::InlineMath(t) | Event::DisplayMath(t) => buf.push_str(&literal(&t)),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            Event::FootnoteReference(r) => buf.push_str(&format!("[{}]", literal(&r))),
            Event::TaskListMarker(done) => buf.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Start(Tag::TableCell) => {}
            Event::End(TagEnd::TableCell) => table_row.push(squash(&std::mem::take(&mut buf))),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                let row = std::mem::take(&mut table_row).join("; ");
                if !row.is_empty() {
                    table_rows.push(row);
                }
            }
            Event::End(TagEnd::Table) => {
                a.warnings
                    .push(format!("line {line}: a table became a list of its rows"));
                let rows = std::mem::take(&mut table_rows);
                if !rows.is_empty() {
                    push(&mut a, &mut quotes, ABlock::Bullets(rows));
                }
            }
            Event::Rule => {}
            _ => {}
        }
    }
    flush_paragraph(&mut buf, &mut a, &mut lists, &mut items, &mut quotes);
    a
}

fn push_text(item: &mut String, text: &str) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    if !item.is_empty() {
        item.push(' ');
    }
    item.push_str(t);
}

/// Put a finished block where it belongs: into an open block quote, or the article.
fn push(a: &mut Article, quotes: &mut [(Option<BlockQuoteKind>, Vec<String>)], block: ABlock) {
    match quotes.last_mut() {
        Some((_, paras)) => paras.push(match block {
            ABlock::Paragraph(t) | ABlock::Callout(_, t) => t,
            ABlock::Bullets(items) | ABlock::Ordered(items) => items.join("; "),
        }),
        None => a.push_block(block),
    }
}

/// End of a paragraph: its text goes to the open list item, the open block quote, or the
/// article.
fn flush_paragraph(
    buf: &mut String,
    a: &mut Article,
    lists: &mut [List],
    items: &mut [(String, Vec<String>)],
    quotes: &mut [(Option<BlockQuoteKind>, Vec<String>)],
) {
    let text = squash(&std::mem::take(buf));
    if text.is_empty() {
        return;
    }
    if !lists.is_empty()
        && let Some((item, _)) = items.last_mut()
    {
        push_text(item, &text);
        return;
    }
    push(a, quotes, ABlock::Paragraph(text));
}

/// YAML front matter: `title`, and `summary` or `description`.
fn front_matter(text: &str, a: &mut Article) {
    let Ok(v) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        a.warnings
            .push("front matter is not valid YAML; ignored".to_string());
        return;
    };
    let get = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .map(|s| literal(&squash(s)))
    };
    if let Some(t) = get("title") {
        a.title = Some(t);
    }
    if let Some(s) = get("summary").or_else(|| get("description")) {
        a.summary = Some(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_callouts_links_and_markup() {
        let a = read(
            "# Chemical Peels\n\nIntro with *care* and **bold**.\n\n## What It Is\n\nA peel uses acid.\n\n- **Superficial**: mild\n- Medium\n  - nested point\n\n1. first\n2. second\n\n> **Warning:** stop if it burns.\n\n> Note: ask first.\n\n> [!TIP]\n> Use sunscreen.\n\n### Deep\n\nSee [the FAQ](https://example.org/faq) and 2 * 3 drops.\n\n![photo](x.png)\n\n<div>raw</div>\n",
        );
        assert_eq!(a.title.as_deref(), Some("Chemical Peels"));
        assert_eq!(
            a.introduction,
            [ABlock::Paragraph("Intro with *care* and **bold**.".into())]
        );
        let s = &a.sections[0];
        assert_eq!(s.title, "What It Is");
        assert_eq!(
            s.blocks,
            [
                ABlock::Paragraph("A peel uses acid.".into()),
                ABlock::Bullets(vec![
                    "**Superficial**: mild".into(),
                    "Medium".into(),
                    "nested point".into()
                ]),
                ABlock::Ordered(vec!["first".into(), "second".into()]),
                ABlock::Callout(CalloutKind::Warning, "stop if it burns.".into()),
                ABlock::Callout(CalloutKind::Note, "ask first.".into()),
                ABlock::Callout(CalloutKind::Tip, "Use sunscreen.".into()),
            ]
        );
        assert_eq!(
            s.sections[0].blocks,
            [ABlock::Paragraph(
                "See the FAQ (https://example.org/faq) and 2 \\* 3 drops.".into()
            )]
        );
        assert!(
            a.warnings.iter().any(|w| w.contains("image dropped")),
            "{:?}",
            a.warnings
        );
        assert!(
            a.warnings.iter().any(|w| w.contains("HTML dropped")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn line_numbers_count_the_newlines_before_an_offset() {
        let text = "a\nbc\n\nd";
        let lines = LineStarts::new(text);
        for offset in 0..=text.len() {
            assert_eq!(
                lines.line_of(offset),
                text[..offset].matches('\n').count() + 1,
                "{offset}"
            );
        }
    }

    /// Offsets in any order (forward, back, long jumps both ways): the galloping search
    /// from the previous answer gives the same line as counting.
    #[test]
    fn line_numbers_hold_for_offsets_in_any_order() {
        let text = "a\nbc\n\nd\n\n\nlonger line\nx\n\ny\n";
        let lines = LineStarts::new(text);
        let n = text.len();
        let mut order: Vec<usize> = (0..=n).collect();
        order.extend((0..=n).rev());
        // a deterministic shuffle: multiples of a step coprime with n + 1
        order.extend((0..=n).map(|i| (i * 7) % (n + 1)));
        order.extend([n, 0, n, 1, n - 1, 2]);
        for offset in order {
            assert_eq!(
                lines.line_of(offset),
                text[..offset].matches('\n').count() + 1,
                "{offset}"
            );
        }
    }

    #[test]
    fn front_matter_title_and_summary() {
        let a = read(
            "---\ntitle: From Front Matter\ndescription: A short summary.\n---\n\n## One\n\nText.\n",
        );
        assert_eq!(a.title.as_deref(), Some("From Front Matter"));
        assert_eq!(a.summary.as_deref(), Some("A short summary."));
        assert_eq!(a.sections.len(), 1);
    }
}

//! Plain-text articles: paragraphs are split on blank lines. A one-line paragraph is a
//! heading when it starts with `#` (`#` title, `##` section, `###` subsection, ...) or when
//! it is short, has no terminal punctuation and a paragraph follows it (a section heading;
//! the first one, at the top, is the title). Runs of `-`, `*`, `•` or `1.` lines are lists,
//! also when their items are separated by blank lines. Text is kept as written (the guide's
//! `**bold**` / `*italic*` markup is the same as in the article).

use super::{ABlock, Article};

/// Longest line (in words) that may be a heading without `#`.
const MAX_HEADING_WORDS: usize = 12;

/// A list marker at the start of a line: (ordered, text after it).
fn list_item(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    for m in ["- ", "* ", "• ", "– "] {
        if let Some(rest) = t.strip_prefix(m) {
            return Some((false, rest));
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, r));
        }
    }
    None
}

enum Para<'a> {
    Hashed(usize, &'a str),
    Line(&'a str),
    List(bool, Vec<String>),
    Text(String),
}

fn classify<'a>(lines: &[&'a str]) -> Para<'a> {
    let first = lines[0].trim();
    if lines.len() == 1 {
        let hashes = first.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&hashes) && first[hashes..].starts_with(' ') {
            return Para::Hashed(hashes, first[hashes..].trim());
        }
    }
    if list_item(lines[0]).is_some() {
        let ordered = list_item(lines[0]).is_some_and(|(o, _)| o);
        let mut items: Vec<String> = Vec::new();
        for l in lines {
            match list_item(l) {
                Some((_, rest)) => items.push(rest.trim().to_string()),
                None => {
                    if let Some(last) = items.last_mut() {
                        last.push(' ');
                        last.push_str(l.trim());
                    }
                }
            }
        }
        return Para::List(ordered, items);
    }
    if lines.len() == 1 {
        return Para::Line(first);
    }
    Para::Text(lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "))
}

fn heading_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (1..=MAX_HEADING_WORDS).contains(&words)
        && !line.ends_with(['.', '!', '?', ',', ';', ':', '…'])
        && line.chars().any(char::is_alphabetic)
}

/// The paragraphs of a text: runs of non-blank lines, each line without trailing space (a
/// byte-order mark at the start dropped).
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end()).collect();
    let mut paras: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in lines {
        if l.chars().all(crate::text::invisible) {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(l);
        }
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    paras
}

/// Read a plain-text article.
pub(crate) fn read(text: &str) -> Article {
    let mut a = Article::default();
    let paras = paragraphs(text);
    let classified: Vec<Para> = paras.iter().map(|p| classify(p)).collect();
    let mut open_list: Option<(bool, Vec<String>)> = None;
    let flush = |a: &mut Article, open: &mut Option<(bool, Vec<String>)>| {
        if let Some((ordered, items)) = open.take() {
            a.push_block(if ordered {
                ABlock::Ordered(items)
            } else {
                ABlock::Bullets(items)
            });
        }
    };
    let mut headings = 0;
    // whether a paragraph (not a heading) follows each one
    let text_follows: Vec<bool> = (0..classified.len())
        .map(|i| match classified.get(i + 1) {
            Some(Para::Text(_) | Para::List(..)) => true,
            Some(Para::Line(l)) => !heading_like(l),
            _ => false,
        })
        .collect();
    for (i, p) in classified.into_iter().enumerate() {
        let next_is_text = text_follows[i];
        match p {
            Para::List(ordered, items) => {
                match &mut open_list {
                    Some((o, existing)) if *o == ordered => existing.extend(items),
                    _ => {
                        flush(&mut a, &mut open_list);
                        open_list = Some((ordered, items));
                    }
                }
                continue;
            }
            Para::Hashed(level, title) => {
                flush(&mut a, &mut open_list);
                headings += 1;
                if level == 1 && a.title.is_none() {
                    a.title = Some(title.to_string());
                } else {
                    a.push_section(title.to_string(), level.max(2));
                }
            }
            Para::Line(l) if heading_like(l) && (next_is_text || i == 0) => {
                flush(&mut a, &mut open_list);
                headings += 1;
                if i == 0 && a.title.is_none() {
                    a.title = Some(l.to_string());
                } else {
                    a.push_section(l.to_string(), 2);
                }
            }
            Para::Line(l) => {
                flush(&mut a, &mut open_list);
                a.push_block(ABlock::Paragraph(l.to_string()));
            }
            Para::Text(t) => {
                flush(&mut a, &mut open_list);
                a.push_block(ABlock::Paragraph(t));
            }
        }
    }
    flush(&mut a, &mut open_list);
    if headings == 0 {
        a.warnings
            .push("no headings found: everything is in the introduction".to_string());
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_and_hashed_headings_lists_and_paragraphs() {
        let a = read(
            "My Article Title\n\nIntro line one\nand line two.\n\nFirst Section\n\nText here.\n\n### A Subsection\n\n1. **One**: first.\n\n2. Two: second\ncontinues.\n\n- a\n- b\n\nLast Section\n\nEnd.\n",
        );
        assert_eq!(a.title.as_deref(), Some("My Article Title"));
        assert_eq!(
            a.introduction,
            [ABlock::Paragraph("Intro line one and line two.".into())]
        );
        assert_eq!(a.sections.len(), 2);
        let sub = &a.sections[0].sections[0];
        assert_eq!(sub.title, "A Subsection");
        assert_eq!(
            sub.blocks,
            [
                ABlock::Ordered(vec![
                    "**One**: first.".into(),
                    "Two: second continues.".into()
                ]),
                ABlock::Bullets(vec!["a".into(), "b".into()]),
            ]
        );
        assert_eq!(a.sections[1].title, "Last Section");
    }

    #[test]
    fn a_short_sentence_is_not_a_heading() {
        let a = read("Title\n\nThis is short.\n\nDone now\n");
        assert!(a.sections.is_empty());
        assert_eq!(a.introduction.len(), 2);
    }
}

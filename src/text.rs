//! Text helpers below every layer that reads prose: the word and sentence tokenisers the
//! lint rules share, a markup string's plain text and accent folding (also what `import`
//! makes section ids from). Nothing here knows about rules or guides.

use crate::model::RichText;

/// A word of text and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Whitespace, or a character that draws nothing: soft hyphen, zero-width space/joiners,
/// direction marks, word joiner and invisible operators, byte-order mark, variation selectors,
/// Hangul fillers, the Mongolian vowel separator, the blank Braille pattern. A text made only
/// of these reads as empty (and a PDF heading of them is an empty structure element).
pub(crate) fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\'' | '’' | '-' | '\u{AD}')
        || (c as u32 >= 0x300 && (c as u32) < 0x370)
}

/// True when a token is a bare domain name or a path on one (`nhs.uk`, `nhs.uk/conditions`,
/// `medlineplus.gov`): labels of letters, digits and hyphens joined by dots, the last a
/// common top-level domain.
fn domain_name(token: &str) -> bool {
    const TLDS: &[&str] = &[
        "com", "org", "net", "gov", "edu", "int", "mil", "info", "io", "uk", "us", "ca", "au",
        "nz", "ie", "eu",
    ];
    // most tokens have no dot: no domain (checked before anything else, for speed)
    if !token.contains('.') {
        return false;
    }
    let host = token
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/')
        .split('/')
        .next()
        .unwrap_or("");
    let Some((_, tld)) = host.rsplit_once('.') else {
        return false;
    };
    host.split('.')
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
}

/// Split text into words (letters, digits, inner apostrophes and hyphens), skipping URLs and e-mail addresses.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut skip_until = 0;
    // the `]{lang=fr}` of a language span is markup, not words
    let spans = crate::model::inline::lang_spans(text);
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if i < skip_until || !is_word_char(c) {
            continue;
        }
        if !spans.is_empty() && crate::model::inline::in_span_markup(&spans, i) {
            continue;
        }
        // URL or e-mail: skip to the next whitespace
        let rest = &text[i..];
        let token_end = rest.find(char::is_whitespace).map_or(text.len(), |e| i + e);
        let token = &text[i..token_end];
        if token.starts_with("http://")
            || token.starts_with("https://")
            || token.starts_with("www.")
            || (token.contains('@') && token.contains('.'))
            || domain_name(token)
        {
            skip_until = token_end;
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // trim leading/trailing apostrophes and hyphens
        let raw = &text[i..end];
        let lead = raw.len() - raw.trim_start_matches(['\'', '’', '-']).len();
        let trimmed = raw.trim_matches(['\'', '’', '-']);
        if !trimmed.is_empty() {
            out.push(Word {
                text: trimmed,
                start: i + lead,
                end: i + lead + trimmed.len(),
            });
        }
    }
    out
}

/// Split text into sentences: byte ranges ending after `.`, `!` or `?` followed by
/// whitespace and an upper-case letter, a digit or a quote (or the end).
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // past the closing quotes, brackets and stars, then the whitespace
        let mut after = text[i + 1..].char_indices().map(|(j, d)| (i + 1 + j, d));
        let mut next = after.next();
        while let Some((_, d)) = next
            && matches!(d, '"' | '”' | '’' | ')' | '*')
        {
            next = after.next();
        }
        let Some((end, d)) = next else { continue };
        if !d.is_whitespace() {
            continue;
        }
        let mut next = after.next();
        while let Some((_, d)) = next
            && d.is_whitespace()
        {
            next = after.next();
        }
        if let Some((n, d)) = next
            && (d.is_uppercase() || d.is_ascii_digit() || matches!(d, '"' | '“' | '*'))
        {
            if ends_with_abbreviation(&text[start..i]) {
                continue;
            }
            out.push((start, end));
            start = n;
        }
    }
    if text[start..].trim().is_empty() {
        return out;
    }
    out.push((start, text.trim_end().len().max(start)));
    out
}

/// Plain text of a markup string (for rules that do not need offsets).
pub(crate) fn plain(text: &str) -> String {
    // without a star, a backslash or a language span the markup parse keeps every character
    // as text: the plain text is the string itself (most sentences)
    if !text.contains(['*', '\\']) && !text.contains("]{lang=") {
        return text.to_string();
    }
    RichText::parse(text).plain()
}

/// Strip diacritics from Latin letters (é -> e, Å -> A); other characters are kept.
pub(crate) fn fold_accents(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
            'ç' => 'c',
            'Ç' => 'C',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'O',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            c => c,
        })
        .collect()
}

/// True when the text before a full stop ends with a common abbreviation (`e.g`, `Dr`, `etc`):
/// that stop ends no sentence.
fn ends_with_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|ch: char| ch.is_whitespace())
        .next()
        .unwrap_or("");
    matches!(
        last,
        "e.g" | "i.e" | "Dr" | "Mr" | "Mrs" | "Ms" | "vs" | "etc" | "St"
    )
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_apostrophes_and_hyphens_and_skip_urls() {
        let ws: Vec<&str> = words("The skin’s micro-channels, see https://x.org/a-b and 24 hours.")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            ws,
            vec![
                "The",
                "skin’s",
                "micro-channels",
                "see",
                "and",
                "24",
                "hours"
            ]
        );
    }

    #[test]
    fn bare_domain_names_are_not_words() {
        let ws: Vec<&str> =
            words("Visit nhs.uk/conditions or medlineplus.gov. See e.g. the U.S. page, end.")
                .iter()
                .map(|w| w.text)
                .collect();
        assert_eq!(
            ws,
            vec![
                "Visit", "or", "See", "e", "g", "the", "U", "S", "page", "end"
            ]
        );
    }

    #[test]
    fn sentences_split_on_terminal_punctuation() {
        let t = "One is here. Two, e.g. this one? Three.";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(s, vec!["One is here.", "Two, e.g. this one?", "Three."]);
    }

    /// The shortcut for text without markup gives what the markup parse gives.
    #[test]
    fn plain_text_without_markup_is_the_text() {
        for t in [
            "",
            "Plain words, (brackets) [links] and {braces} and ‘quotes’.",
            "A *star* here",
            "Lone * star",
            "Escaped \\* star",
            "Back\\slash",
            "A [mot]{lang=fr} span",
            "A [mot] {lang=fr} not a span",
            "_under_ and `code` and <b>tags</b>",
        ] {
            assert_eq!(plain(t), RichText::parse(t).plain(), "{t:?}");
        }
    }
    /// The sentence splitter as it was (a vector of every character), the reference for
    /// [`sentences`].
    /// Split text into sentences: byte ranges ending after `.`, `!` or `?` followed by
    /// whitespace and an upper-case letter, a digit or a quote (or the end).
    fn sentences_by_chars(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?') {
                continue;
            }
            let mut m = k + 1;
            while m < chars.len() && matches!(chars[m].1, '"' | '”' | '’' | ')' | '*') {
                m += 1;
            }
            let end = chars.get(m).map_or(text.len(), |x| x.0);
            if m >= chars.len() {
                continue;
            }
            if !chars[m].1.is_whitespace() {
                continue;
            }
            let mut n = m;
            while n < chars.len() && chars[n].1.is_whitespace() {
                n += 1;
            }
            if n < chars.len()
                && (chars[n].1.is_uppercase()
                    || chars[n].1.is_ascii_digit()
                    || matches!(chars[n].1, '"' | '“' | '*'))
            {
                if ends_with_abbreviation(&text[start..i]) {
                    continue;
                }
                out.push((start, end));
                start = chars[n].0;
            }
        }
        if text[start..].trim().is_empty() {
            return out;
        }
        out.push((start, text.trim_end().len().max(start)));
        out
    }

    /// The splitter gives what the one over a vector of characters gave, on every text of
    /// the guides under content/ and tests/ and on edge texts.
    #[test]
    fn sentences_match_the_character_vector_splitter() {
        let mut texts: Vec<String> = [
            "",
            ".",
            "Ends. ",
            "A. B",
            "A.\u{a0}\u{2003}B! c? D",
            "Quote.\" \"Next.\u{201d} Ok",
            "Dr. Who e.g. This. vs. Z. etc. A",
            "x.) 5 y?* \u{201c}Z",
            "\u{c9}t\u{e9}. \u{c9}t\u{e9}! \u{3b1}. \u{391}",
            "trailing !   ",
            "...   . A.B. C",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in ["content", "tests"] {
            let mut stack = vec![std::path::PathBuf::from(dir)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "yaml" || x == "md") {
                        texts.extend(std::fs::read_to_string(&p).ok());
                    }
                }
            }
        }
        let mut lines = Vec::new();
        for t in &texts {
            lines.extend(t.lines().map(str::to_string));
        }
        texts.extend(lines);
        assert!(texts.len() > 1000, "{}", texts.len());
        for t in &texts {
            assert_eq!(sentences(t), sentences_by_chars(t), "{t:?}");
        }
    }
}

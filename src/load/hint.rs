//! Hints a writer can act on for the YAML mistakes prose makes: a colon and a space inside
//! unquoted text, a value starting with a character YAML reserves (`#`, `*`, `&`, `!`, `%`,
//! `@`, a backtick), a quote inside a quoted text, and bad indentation. Each hint says what
//! went wrong in plain words, points at the line the mistake is on (the parser sometimes
//! stops a line later) and shows the fixed line.

use super::SourceFile;

/// A located explanation of a YAML syntax error.
pub(crate) struct Hint {
    /// The writer's headline (replaces the parser's wording).
    pub message: String,
    /// Byte range to point at.
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// `help:` lines with the fix.
    pub notes: Vec<String>,
}

/// The byte range of the line holding `at` (without its line break).
fn line_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
    (start, end)
}

/// Where the text of a `key: value` or `- value` line begins, and the key (if any).
fn value_start(line: &str) -> Option<(usize, Option<&str>)> {
    let mut i = line.len() - line.trim_start_matches(' ').len();
    let mut dashed = false;
    while line[i..].starts_with("- ") {
        i += 2;
        i += line[i..].len() - line[i..].trim_start_matches(' ').len();
        dashed = true;
    }
    let rest = &line[i..];
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if key_len > 0 && rest[key_len..].starts_with(": ") {
        let after = i + key_len + 1;
        let v = after + (line[after..].len() - line[after..].trim_start_matches(' ').len());
        return Some((v, Some(&rest[..key_len])));
    }
    dashed.then_some((i, None))
}

/// Where the first key of a line starts (after its indentation and any `- `), and its name.
fn key_column(line: &str) -> (usize, &str) {
    let mut i = line.len() - line.trim_start_matches(' ').len();
    while line[i..].starts_with("- ") {
        i += 2;
        i += line[i..].len() - line[i..].trim_start_matches(' ').len();
    }
    let rest = &line[i..];
    let key = rest.split(':').next().unwrap_or(rest);
    (i, key)
}

/// `raw` (a value as written, perhaps with quotes that closed early) as one correctly quoted
/// YAML scalar: single quotes when the text holds `"` but no `'`, else double quotes with
/// `\` and `"` escaped.
pub(crate) fn quoted(raw: &str) -> String {
    let raw = raw.trim_end();
    let inner = match (raw.chars().next(), raw.chars().last()) {
        (Some(q @ ('"' | '\'')), Some(e)) if q == e && raw.len() >= 2 => &raw[1..raw.len() - 1],
        _ => raw,
    };
    if inner.contains('"') && !inner.contains('\'') {
        format!("'{inner}'")
    } else {
        format!("\"{}\"", inner.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// `text` as inline code, unless it holds a backtick itself.
pub(crate) fn code(text: &str) -> String {
    if text.contains('`') {
        text.to_string()
    } else {
        format!("`{text}`")
    }
}

/// The line with its value quoted, and the folded-block alternative.
fn fixes(line: &str, value: usize, key: Option<&str>) -> Vec<String> {
    let fixed = format!("{}{}", &line[..value], quoted(&line[value..]));
    let mut notes = vec![format!(
        "help: put the text in quotes: {}",
        code(fixed.trim_start())
    )];
    if let Some(k) = key {
        notes.push(format!(
            "help: or write `{k}: >-` and the text on the next lines, indented under `{k}`"
        ));
    }
    notes
}

/// The previous line holding something other than blanks and comments, before `line_start`.
fn previous_content_line(text: &str, line_start: usize) -> Option<(usize, usize)> {
    let mut end = line_start.checked_sub(1)?;
    loop {
        let (s, e) = line_at(text, end);
        let t = text[s..e].trim();
        if !t.is_empty() && !t.starts_with('#') {
            return Some((s, e));
        }
        end = s.checked_sub(1)?;
    }
}

/// A hint for the parser's error `msg` at byte `at`, when the mistake is one a writer makes.
///
/// Long because it is a flat list of independent cases keyed by the parser's
/// message (a colon inside text, a key indented too far, a stray continuation line, an
/// indicator character starting text, ...); each reads the same line of text, and the list
/// reads as the catalogue of mistakes.
pub(crate) fn syntax(src: &SourceFile, msg: &str, at: usize) -> Option<Hint> {
    let text = src.text.as_str();
    let (ls, le) = line_at(text, at);
    let line = &text[ls..le];
    let col = at.saturating_sub(ls);
    let line_no = |offset: usize| src.line_col(offset).0;
    if msg.contains("mapping values are not allowed") {
        match value_start(line) {
            // a second `: ` after the key: a colon inside the text
            Some((v, key)) if col > v => Some(Hint {
                message: "a colon followed by a space inside unquoted text starts a new key".into(),
                start: at,
                end: at + 1,
                label: "`: ` here makes YAML read the text before it as a key".into(),
                notes: fixes(line, v, key),
            }),
            // the line's own key is indented more than the line above lets it be
            _ => {
                let (k, key) = key_column(line);
                let mut notes = Vec::new();
                if let Some((ps, pe)) = previous_content_line(text, ls) {
                    let (pk, pkey) = key_column(&text[ps..pe]);
                    notes.push(format!(
                        "help: line up `{key}:` with `{pkey}:` on line {} ({} before it, not {k}), or indent it under a key that ends with `:`",
                        line_no(ps),
                        crate::util::plural(pk, "space")
                    ));
                }
                Some(Hint {
                    message: format!("`{key}:` is indented more than the lines around it"),
                    start: ls + k,
                    end: ls + k + key.len().max(1),
                    label: "indented too far".into(),
                    notes,
                })
            }
        }
    } else if msg.contains("simple key expect ':'") || msg.contains("could not find expected ':'") {
        // the parser stops at the token after a stray continuation line: point at that line
        let (ps, pe) = previous_content_line(text, if at >= le { le + 1 } else { ls })
            .filter(|(ps, _)| *ps < ls || at >= le)?;
        let stray = &text[ps..pe];
        let k = stray.len() - stray.trim_start().len();
        let mut notes = Vec::new();
        if let Some((os, oe)) = previous_content_line(text, ps) {
            let owner = &text[os..oe];
            if let Some((v, key)) = value_start(owner) {
                notes.push(format!(
                    "help: indent this line like the text it continues ({}, as on line {}), or put the whole text after `{}: >-` on indented lines",
                    crate::util::plural(v, "space"),
                    line_no(os),
                    key.unwrap_or("the key")
                ));
            }
        }
        if notes.is_empty() {
            notes.push("help: indent this line more than the key whose text it continues, or put the text in quotes".into());
        }
        Some(Hint {
            message: "this line is not indented enough to continue the text above it".into(),
            start: ps + k,
            end: pe.max(ps + k + 1),
            label: "neither a new key nor indented as part of the text above".into(),
            notes,
        })
    } else if msg.contains("unknown anchor")
        || msg.contains("scanning an anchor or alias")
        || msg.contains("unexpected character")
    {
        let c = text[at.min(text.len())..].chars().next()?;
        if !matches!(c, '*' | '&' | '%' | '@' | '`') {
            return None;
        }
        let (v, key) = value_start(line).unwrap_or((col, None));
        let shown = if c == '`' {
            "a backtick".to_string()
        } else {
            format!("`{c}`")
        };
        let why = match c {
            '*' => "YAML reads it as an alias (a reference to an `&anchor`)",
            '&' => "YAML reads it as an anchor name",
            _ => "YAML reserves it at the start of a value",
        };
        Some(Hint {
            message: format!("text that starts with {shown} must be quoted"),
            start: at,
            end: at + c.len_utf8(),
            label: format!("{shown} at the start: {why}"),
            notes: fixes(line, v, key),
        })
    } else if msg.contains("trailing content after") && msg.contains("quoted scalar") {
        let (v, key) = value_start(line)?;
        let raw = line[v..].trim_end();
        let q = raw.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let whole = raw.len() >= 2 && raw.ends_with(q);
        let (message, label) = if whole {
            (
                format!("a `{q}` inside text quoted with `{q}` ends the quoted text early"),
                format!("the quoted text ended at the `{q}` before this"),
            )
        } else {
            (
                format!("text that starts with `{q}` is read as quoted text up to the next `{q}`"),
                "the quoted text ended before this".to_string(),
            )
        };
        let mut notes = fixes(line, v, key);
        if whole {
            notes.insert(
                1,
                if q == '"' {
                    "help: or put a backslash before each `\"` inside the double quotes".to_string()
                } else {
                    "help: or write `''` for each `'` inside single quotes".to_string()
                },
            );
        }
        Some(Hint {
            message,
            start: at,
            end: at + 1,
            label,
            notes,
        })
    } else {
        None
    }
}

/// A note for a value that parsed as nothing (`null`) because its text begins with `#` (a
/// comment), given the value node's start.
pub(crate) fn comment_instead_of_text(src: &SourceFile, start: usize) -> Option<Vec<String>> {
    let text = src.text.as_str();
    let (ls, le) = line_at(text, start);
    let line = &text[ls..le];
    let (v, key) = value_start(line)?;
    line[v..].starts_with('#').then(|| {
        let mut notes = fixes(line, v, key);
        notes[0] = format!(
            "help: `#` after a space starts a comment, so the text was dropped: {}",
            notes[0].trim_start_matches("help: ")
        );
        notes
    })
}

/// A note for a list item or value that became a one-entry mapping because its text holds
/// `: ` (`- Note: apply twice`), given the mapping node's start.
pub(crate) fn colon_made_a_key(src: &SourceFile, start: usize) -> Option<String> {
    let text = src.text.as_str();
    let (ls, le) = line_at(text, start);
    let line = &text[ls..le];
    let mut i = line.len() - line.trim_start_matches(' ').len();
    while line[i..].starts_with("- ") {
        i += 2;
        i += line[i..].len() - line[i..].trim_start_matches(' ').len();
    }
    // the text from the mapping's first key on, when it is plain prose on this one line
    let from = start.max(ls + i) - ls;
    let raw = line.get(from..)?.trim_end();
    let colon = raw.find(": ")?;
    (!raw[..colon].is_empty()).then(|| {
        format!(
            "help: `{}:` followed by a space made YAML read a key: put the text in quotes: `{}{}`",
            &raw[..colon],
            line[..from].trim_start(),
            quoted(raw)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_keeps_the_text() {
        assert_eq!(quoted("Note: explain it"), "\"Note: explain it\"");
        assert_eq!(
            quoted("\"She said \"hi\" to me\""),
            "'She said \"hi\" to me'"
        );
        assert_eq!(quoted("'it's fine'"), "\"it's fine\"");
        assert_eq!(quoted("\"Quoted\" then more"), "'\"Quoted\" then more'");
        assert_eq!(quoted(r#"a\b "c" 'd'"#), r#""a\\b \"c\" 'd'""#);
        // every suggestion parses back to the text
        for raw in [
            "Note: a: b",
            "it's",
            "\"x\" y",
            r#"a\b "c" 'd'"#,
            "# of sessions",
        ] {
            let yaml = format!("k: {}", quoted(raw));
            let v: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
            assert!(v["k"].as_str().is_some(), "{yaml}");
        }
    }

    #[test]
    fn value_start_finds_the_text_after_the_key_or_dash() {
        assert_eq!(
            value_start("      - paragraph: Note: x"),
            Some((19, Some("paragraph")))
        );
        assert_eq!(value_start("  - Note here"), Some((4, None)));
        assert_eq!(value_start("plain"), None);
    }
}

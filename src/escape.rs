//! Text shown on a terminal: control characters (but tab and line breaks) escaped as
//! `\u{1b}`, so no file name, message or guide text can rewrite the user's terminal. At the
//! bottom of the crate: every message and every report format goes through it.

/// True for characters that must never reach a terminal raw (C0/C1 controls but tab and
/// line breaks).
pub(crate) fn is_hostile(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `s` with control characters shown as `\u{1b}`.
pub fn esc(s: &str) -> String {
    if !s.chars().any(is_hostile) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_hostile(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(super::esc("a\u{1b}[2Jb\tc\n"), "a\\u{1b}[2Jb\tc\n");
        assert_eq!(super::esc("plain é"), "plain é");
    }
}

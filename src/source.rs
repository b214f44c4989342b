//! A loaded source file and its line index: byte offsets <-> 1-based line/column. At the
//! bottom of the crate: the loader makes it, diagnostics point into it, renderers quote it.

use serde::Serialize;

/// A position in a source file: byte range plus human line/column (1-based, in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Byte offset of the first byte (inclusive).
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in characters.
    pub end_column: usize,
}

/// The text of one guide file (BOM removed) plus a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given by the user (used in every diagnostic).
    pub name: String,
    /// UTF-8 text with any byte-order mark removed.
    pub text: String,
    /// True when the file started with a UTF-8 BOM (kept when `--fix` rewrites it).
    pub had_bom: bool,
    line_starts: Vec<usize>,
    /// Characters before each [`BLOCK`]-byte boundary, so a column on a very long line is
    /// found in constant time (`None` for ASCII text, where bytes are characters).
    char_marks: Option<Vec<usize>>,
}

/// Granularity of the character-count index.
const BLOCK: usize = 4096;

/// Characters in a byte slice: the bytes that do not continue a UTF-8 sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: String, had_bom: bool) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let char_marks = (!text.is_ascii()).then(|| {
            let mut marks = vec![0];
            let mut total = 0;
            for chunk in text.as_bytes().chunks(BLOCK) {
                total += count_chars(chunk);
                marks.push(total);
            }
            marks
        });
        SourceFile {
            name: name.into(),
            text,
            had_bom,
            line_starts,
            char_marks,
        }
    }

    /// Byte offset of a 1-based line and 0-based character column (saphyr's markers).
    pub(crate) fn offset_of(&self, line: usize, col_chars: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(col_chars)
            .map_or(self.text.len(), |(i, _)| start + i)
            .min(self.line_end(start))
    }

    fn line_end(&self, line_start: usize) -> usize {
        self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i + 1)
    }

    /// 1-based (line, column-in-characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (
            line,
            self.chars_before(offset) - self.chars_before(start) + 1,
        )
    }

    /// Number of characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        match &self.char_marks {
            None => offset,
            Some(marks) => {
                let block = offset / BLOCK;
                marks[block] + count_chars(&self.text.as_bytes()[block * BLOCK..offset])
            }
        }
    }

    fn floor_char(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// A [`Location`] for a byte range.
    pub fn location(&self, start: usize, end: usize) -> Location {
        let start = self.floor_char(start.min(self.text.len()));
        let end = self.floor_char(end.clamp(start, self.text.len()));
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end);
        Location {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub(crate) fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_end(start);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_columns_count_characters() {
        let s = SourceFile::new("x", "ab\r\nçd: e\n".to_string(), false);
        assert_eq!(s.offset_of(2, 0), 4);
        assert_eq!(s.offset_of(2, 1), 6); // ç is two bytes
        assert_eq!(s.line_col(6), (2, 2));
        assert_eq!(s.line_text(1), "ab");
        let loc = s.location(4, 7);
        // a long non-ASCII line: columns from the block index agree with counting
        let long = format!("a: {}\nb", "é".repeat(10_000));
        let l = SourceFile::new("y", long.clone(), false);
        for off in [0, 3, 5, 4097, 8195, 20_003] {
            let off = l.floor_char(off);
            assert_eq!(l.line_col(off).1, long[..off].chars().count() + 1);
        }
        assert_eq!(l.line_col(long.len()), (2, 2));
        assert_eq!(
            (loc.line, loc.column, loc.end_line, loc.end_column),
            (2, 1, 2, 3)
        );
    }
}

//! Conversions between the library's types and the Language Server Protocol's: byte offsets
//! ↔ line/UTF-16 positions, file paths ↔ `file://` URIs, [`Diagnostic`] → LSP diagnostic,
//! and the smallest text edit between two versions of a buffer.

use crate::diag::{Diagnostic, Severity};
use crate::load::SourceFile;
use lsp_types as lsp;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Positions in one text: byte offset ↔ (line, UTF-16 column), as LSP counts by default.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The buffer had a BOM that the source text lost: line 0 is one UTF-16 unit longer.
    bom: bool,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str, bom: bool) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts, bom }
    }

    pub(crate) fn position(&self, offset: usize) -> lsp::Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let mut character: usize = self.text[start..end].encode_utf16().count();
        if self.bom && line == 0 {
            character += 1;
        }
        lsp::Position::new(line as u32, character as u32)
    }

    pub(crate) fn range(&self, start: usize, end: usize) -> lsp::Range {
        lsp::Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of an LSP position (clamped to the line and the text).
    pub(crate) fn offset(&self, pos: lsp::Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(self.text.len(), |e| e - 1);
        let mut units = pos.character as usize;
        if self.bom && pos.line == 0 {
            units = units.saturating_sub(1);
        }
        let mut offset = start;
        for c in self.text[start..end].chars() {
            if units == 0 {
                break;
            }
            units = units.saturating_sub(c.len_utf16());
            offset += c.len_utf8();
        }
        offset
    }
}

/// The file path of a `file://` URI.
pub(crate) fn path_of(uri: &lsp::Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The `file://` URI of a path (made absolute).
pub(crate) fn uri_of(path: &Path) -> Option<lsp::Uri> {
    let abs = std::path::absolute(path).ok()?;
    let url = url::Url::from_file_path(abs).ok()?;
    lsp::Uri::from_str(url.as_str()).ok()
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Note => lsp::DiagnosticSeverity::INFORMATION,
    }
}

/// One finding as the editor shows it: the CLI's code, message and notes; related places
/// as related information. A finding about another file (a broken config) is shown at the
/// top of the guide, naming that file.
pub(crate) fn diagnostic(
    d: &Diagnostic,
    lines: &Lines,
    this_file: &str,
    sources: &std::collections::BTreeMap<String, std::sync::Arc<SourceFile>>,
) -> lsp::Diagnostic {
    let here = d.file == this_file;
    let range = match (&d.location, here) {
        (Some(l), true) => lines.range(l.start, l.end),
        _ => lsp::Range::default(),
    };
    let mut message = if here {
        d.message.clone()
    } else {
        match &d.location {
            Some(l) => format!("{}:{}:{}: {}", d.file, l.line, l.column, d.message),
            None => format!("{}: {}", d.file, d.message),
        }
    };
    if let Some(label) = d.label.as_ref().filter(|_| d.notes.is_empty()) {
        message.push_str(&format!(" ({label})"));
    }
    for note in &d.notes {
        message.push('\n');
        message.push_str(note);
    }
    if !d.suggestions.is_empty() {
        message.push_str(&format!("\nsuggestions: {}", d.suggestions.join(", ")));
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let range = if r.file == this_file {
                lines.range(r.location.start, r.location.end)
            } else {
                let src = sources.get(&r.file)?;
                Lines::new(&src.text, src.had_bom).range(r.location.start, r.location.end)
            };
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri_of(Path::new(&r.file))?, range),
                message: r.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.id().to_string())),
        source: Some("guidepress".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The smallest single edit that turns `old` into `new`: (byte range in `old`, new text).
pub(crate) fn minimal_edit(old: &str, new: &str) -> (usize, usize, String) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let prefix = floor_boundary(old, floor_boundary(new, prefix));
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (
        prefix,
        old.len() - suffix,
        new[prefix..new.len() - suffix].to_string(),
    )
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "a: é😀x\nb: y\n";
        let lines = Lines::new(text, false);
        let x = text.find('x').unwrap();
        // é is one unit, 😀 two
        assert_eq!(lines.position(x), lsp::Position::new(0, 6));
        assert_eq!(lines.offset(lsp::Position::new(0, 6)), x);
        assert_eq!(
            lines.position(text.find('y').unwrap()),
            lsp::Position::new(1, 3)
        );
        assert_eq!(lines.offset(lsp::Position::new(9, 0)), text.len());
        let bom = Lines::new(text, true);
        assert_eq!(bom.position(x), lsp::Position::new(0, 7));
        assert_eq!(bom.offset(lsp::Position::new(0, 7)), x);
    }

    #[test]
    fn minimal_edits_cover_only_the_change() {
        assert_eq!(
            minimal_edit("the teh serum", "the the serum"),
            (5, 7, "he".into())
        );
        assert_eq!(minimal_edit("a b", "a b"), (3, 3, String::new()));
        let (s, e, t) = minimal_edit("x: 'Crohn''s'\n", "x: \"Crohn's\"\n");
        let old = "x: 'Crohn''s'\n";
        assert_eq!(
            format!("{}{}{}", &old[..s], t, &old[e..]),
            "x: \"Crohn's\"\n"
        );
        let (s, e, t) = minimal_edit("é😀", "é😁");
        assert_eq!((s, e, t.as_str()), (2, 6, "😁"));
    }

    #[test]
    fn paths_and_uris_round_trip_with_spaces_and_percent() {
        let p = std::path::absolute("dir with space/50% off.yaml").unwrap();
        let uri = uri_of(&p).unwrap();
        assert!(uri.as_str().contains("dir%20with%20space/50%25%20off.yaml"));
        assert_eq!(path_of(&uri).unwrap(), p);
    }
}

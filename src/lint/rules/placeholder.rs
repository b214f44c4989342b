//! `placeholder`: the `TODO` markers `guidepress import` leaves for a human — text
//! placeholders ("TODO: this heading had no text in the article.", which would be published
//! as written) and `# TODO` comments on the metadata it had to guess. Reported once per
//! guide, at the first placeholder, with the lines of the others; `duplicate-block` leaves
//! them alone.

use crate::diag::{Code, Diagnostic};
use crate::lint::text::UnitKind;
use crate::lint::{Context, Rule};

pub(crate) struct Placeholder;

/// True when a text is an import placeholder: it starts with the word `TODO`.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    t.strip_prefix("TODO")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '.', '!']))
}

/// Byte offset of a `# TODO` comment in a source line, if it has one (a `#` at the start of
/// the line or after a space, as YAML comments are).
fn todo_comment(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = line[from..].find('#') {
        let at = from + k;
        let starts_comment = at == 0 || line[..at].ends_with([' ', '\t']);
        if starts_comment {
            let rest = line[at + 1..].trim_start();
            return is_placeholder(rest).then_some(at);
        }
        from = at + 1;
    }
    None
}

/// At most this many further lines are listed in the note.
const LISTED: usize = 20;

impl Rule for Placeholder {
    fn code(&self) -> Code {
        Code::Placeholder
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let src = &cx.doc.source;
        let texts: Vec<_> = cx
            .units
            .iter()
            .filter(|u| {
                !matches!(u.kind, UnitKind::GuideTitle | UnitKind::Meta) && is_placeholder(u.text)
            })
            .map(|u| (u.locate(src, 0, u.text.len()), u))
            .collect();
        let mut offset = 0;
        let mut comments = Vec::new();
        for line in src.text.split_inclusive('\n') {
            if let Some(at) = todo_comment(line) {
                let end = offset + line.trim_end().len();
                comments.push(src.location(offset + at, end));
            }
            offset += line.len();
        }
        if texts.is_empty() && comments.is_empty() {
            return;
        }
        let mut lines: Vec<usize> = texts
            .iter()
            .map(|(l, _)| l.line)
            .chain(comments.iter().map(|l| l.line))
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let n = texts.len() + comments.len();
        let what = match (texts.len(), comments.len()) {
            (0, c) => crate::util::plural(c, "`# TODO` comment"),
            (t, 0) => crate::util::plural(t, "text placeholder"),
            (t, c) => format!(
                "{} and {}",
                crate::util::plural(t, "text placeholder"),
                crate::util::plural(c, "`# TODO` comment")
            ),
        };
        let mut d = match texts.first() {
            Some((_, u)) => cx.at(
                self,
                u,
                0,
                u.text.len(),
                format!("{n} import placeholders to review: {what}"),
            ),
            None => cx
                .diag(self, format!("{n} import placeholders to review: {what}"))
                .at(Some(comments[0])),
        };
        if n == 1 {
            d.message = format!("1 import placeholder to review: {what}");
        }
        d = d.label(if texts.is_empty() {
            "first placeholder"
        } else {
            "placeholder text would be published as written"
        });
        if lines.len() > 1 {
            let shown: Vec<String> = lines.iter().take(LISTED).map(usize::to_string).collect();
            let more = if lines.len() > LISTED {
                format!(" and {} more", lines.len() - LISTED)
            } else {
                String::new()
            };
            d = d.note(format!("note: at lines {}{more}", shown.join(", ")));
        }
        out.push(d.note(
            "help: replace each `TODO` with the real content (or drop the empty section), then delete the `# TODO` comments",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    const TODO: &str = "      - paragraph: \"TODO: this heading had no text in the article.\"\n";

    #[test]
    fn import_placeholders_are_one_finding_per_guide_not_duplicate_blocks() {
        let head = "summary: x  # TODO: check\n";
        let yaml = guide(
            head,
            &(section("a", "A", TODO) + &section("b", "B", TODO) + &section("c", "C", TODO)),
        );
        let d = diags(&yaml, Code::Placeholder);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "4 import placeholders to review: 3 text placeholders and 1 `# TODO` comment"
        );
        assert!(
            d[0].notes
                .iter()
                .any(|n| n.contains("at lines 6, 11, 15, 19")),
            "{:?}",
            d[0].notes
        );
        assert!(diags(&yaml, Code::DuplicateBlock).is_empty());
    }

    #[test]
    fn a_guide_without_placeholders_is_clean() {
        let yaml = guide(
            "# a comment that mentions TODO in passing\n",
            &section(
                "a",
                "A",
                "      - paragraph: Nothing TODO here. # not a comment\n",
            ),
        );
        assert!(diags(&yaml, Code::Placeholder).is_empty());
        assert!(super::is_placeholder("TODO: x"));
        assert!(!super::is_placeholder("TODOS are fine"));
    }
}

//! The GitHub format: workflow commands (`::error file=..,line=..::message`), which GitHub
//! Actions shows as annotations on the changed lines, then the summary line.

use super::View;
use crate::diag::Severity;
use crate::escape::esc;
use std::io::Write;

/// Escape for the message part of a GitHub workflow command.
pub(crate) fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape for a property value of a GitHub workflow command.
pub(crate) fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn github(w: &mut dyn Write, view: &View) -> std::io::Result<()> {
    view.diagnostics.each(|d| {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = vec![format!("file={}", gh_escape_property(&esc(&d.file)))];
        if let Some(l) = d.location {
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
            props.push(format!("endLine={}", l.end_line));
            props.push(format!("endColumn={}", l.end_column));
        }
        props.push(format!(
            "title={}",
            gh_escape_property(&format!("guidepress {}", d.code))
        ));
        let mut msg = d.message.clone();
        if !d.suggestions.is_empty() {
            msg.push_str(&format!(" (suggestions: {})", d.suggestions.join(", ")));
        }
        writeln!(
            w,
            "::{level} {}::{}",
            props.join(","),
            gh_escape_data(&esc(&msg))
        )
    })?;
    writeln!(w, "{}", view.summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_follow_workflow_command_rules() {
        assert_eq!(gh_escape_data("50%\r\nx:y,z"), "50%25%0D%0Ax:y,z");
        assert_eq!(gh_escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}

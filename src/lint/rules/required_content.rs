//! `required-content` (health content): a patient guide must carry a disclaimer, a reviewer,
//! a last-reviewed date no older than `health.max_review_age_months` (default 24), and a
//! section on risks or side effects.

use crate::diag::{Code, Diagnostic};
use crate::lint::{Context, Rule};

pub struct RequiredContent;

impl Rule for RequiredContent {
    fn code(&self) -> Code {
        Code::RequiredContent
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let g = &cx.doc.guide;
        let src = &cx.doc.source;
        let top = src.location(cx.doc.root.start, cx.doc.root.start + 1);
        let missing = |what: &str, help: &str| {
            cx.diag(self, format!("health guide has no {what}"))
                .at(Some(top))
                .pointer("")
                .label(format!("add {what}"))
                .note(format!("help: {help}"))
        };
        if g.disclaimer.is_none() {
            out.push(missing(
                "disclaimer",
                "add `disclaimer:` — shown at the top of every export",
            ));
        }
        if g.reviewer.is_none() {
            out.push(missing(
                "reviewer",
                "add `reviewer: {name: ..., credentials: ...}` naming the medical reviewer",
            ));
        }
        match g.last_reviewed {
            None => out.push(missing(
                "last-reviewed date",
                "add `last_reviewed: YYYY-MM-DD`",
            )),
            Some(date) => {
                let today = crate::validate::today();
                let months = (today.year() - date.year()) * 12
                    + (today.month() as i32 - date.month() as i32)
                    - i32::from(today.day() < date.day());
                let max = cx.settings.config.health.max_review_age_months;
                if months > max as i32 {
                    let (node, _, _) = cx.doc.root.walk_pointer("/last_reviewed");
                    out.push(
                            cx.diag(
                self,
                format!("last review on {date} is more than {} ago; health guides must be reviewed at least every {}", crate::util::plural(max as usize, "month"), crate::util::plural(max as usize, "month")),
                            )
                            .at(Some(crate::validate::schema::node_location(src, node)))
                            .pointer("/last_reviewed")
                            .label("review is overdue"),
                        );
                }
            }
        }
        static RISK_TITLE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let re = RISK_TITLE.get_or_init(|| {
            regex::Regex::new(r"(?i)\b(?:risks?|side[\s-]effects?|complications?|safety)\b")
                .expect("static regex")
        });
        if !g
            .walk_sections()
            .iter()
            .any(|s| re.is_match(&s.section.title))
        {
            out.push(missing(
                "section on risks or side effects",
                "add a section whose title names the risks or side effects",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    const RISKS: &str = "      - paragraph: Redness lasts a day.\n";

    #[test]
    fn a_bare_health_guide_misses_everything() {
        let yaml = guide("health: true\n", &section("a", "About", RISKS));
        let f = found(&yaml, Code::RequiredContent);
        let msgs: Vec<&str> = f.iter().map(|(m, _)| m.as_str()).collect();
        assert!(msgs.iter().any(|m| m.contains("disclaimer")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("reviewer")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("last-reviewed")), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("risks")), "{msgs:?}");
    }

    #[test]
    fn a_complete_health_guide_is_clean() {
        let today = crate::validate::today().to_string();
        let head = format!(
            "health: true\ndisclaimer: Not advice.\nreviewer: {{name: Dr A}}\nlast_reviewed: {today}\n"
        );
        let yaml = guide(&head, &section("risks", "Risks and Side Effects", RISKS));
        assert!(found(&yaml, Code::RequiredContent).is_empty());
    }
}

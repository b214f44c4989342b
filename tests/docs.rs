//! Shipped data cannot drift from the docs: the README's rule tables list every lint rule of
//! the code catalogue, and its claims table lists every entry of assets/rules/claims.yaml.

mod common;

use common::root;

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

#[test]
fn readme_lists_every_rule_with_its_default_severity() {
    let readme = readme();
    for info in guidepress::diag::codes::CATALOGUE {
        let Some(rule) = info.rule else { continue };
        let row = format!("| `{}` | {} |", info.id, rule.default);
        assert!(readme.contains(&row), "README lacks the row `{row}`");
    }
}

#[test]
fn readme_lists_every_shipped_claim() {
    let readme = readme();
    for c in guidepress::settings::shipped_claims().unwrap() {
        let pattern = c.pattern.replace('|', "\\|");
        assert!(
            readme.contains(&format!("`{pattern}` | {} | {} |", c.why, c.instead)),
            "README's claims table lacks `{}`",
            c.pattern
        );
    }
}

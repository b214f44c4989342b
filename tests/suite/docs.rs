//! Shipped data cannot drift from the docs: the README's rule tables list every lint rule of
//! the code catalogue, and its claims table lists every entry of assets/rules/claims.yaml.

use crate::common::root;

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

#[test]
fn readme_lists_every_rule_with_its_default_severity() {
    let readme = readme();
    for info in guidepress::diag::codes::CATALOGUE {
        let Some(rule) = info.rule else { continue };
        // an opt-in rule is listed as off (with its severity once turned on in the text)
        let row = if rule.opt_in {
            format!("| `{}` | **off** (", info.id)
        } else {
            format!("| `{}` | {} |", info.id, rule.default)
        };
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

/// pre-commit matches `files`/`exclude` with Python's `re.search`; these patterns use only
/// syntax the `regex` crate reads the same way.
#[test]
fn pre_commit_hooks_run_on_guides_anywhere_and_on_vocabulary_or_config_changes() {
    let shipped: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let init: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root().join("assets/init/pre-commit-config.yaml")).unwrap(),
    )
    .unwrap();
    let lists = [
        shipped.as_sequence().unwrap().clone(),
        init["repos"][0]["hooks"].as_sequence().unwrap().clone(),
    ];
    for hooks in lists {
        let runs = |id: &str, path: &str| {
            let hook = hooks.iter().find(|h| h["id"] == id).unwrap();
            let re = |k: &str| hook[k].as_str().map(|p| regex::Regex::new(p).unwrap());
            re("files").is_none_or(|r| r.is_match(path))
                && re("exclude").is_none_or(|r| !r.is_match(path))
        };
        for guide in ["content/a.yaml", "guides/skin/peels.yml", "b.yaml"] {
            assert!(runs("guidepress-check", guide), "{guide}");
            assert!(!runs("guidepress-check-all", guide), "{guide}");
        }
        for not_a_guide in [
            ".guidepress.yaml",
            ".pre-commit-config.yaml",
            ".github/workflows/guides.yml",
            "content/vocabulary.txt",
        ] {
            assert!(!runs("guidepress-check", not_a_guide), "{not_a_guide}");
        }
        for shared in [
            ".guidepress.yaml",
            "content/vocabulary.txt",
            "site/.guidepress.yaml",
        ] {
            assert!(runs("guidepress-check-all", shared), "{shared}");
        }
    }
}

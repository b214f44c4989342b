//! Output contracts for CI users: the JSON output matches schema/diagnostics.schema.json,
//! SARIF output matches the official SARIF 2.1.0 schema, `--format github` escapes as GitHub
//! requires, the pre-commit hook runs as pre-commit would run it, and docs/ci.md and
//! action.yml only use options that exist.

use crate::common::*;
use serde_json::Value;

fn load_schema(path: &str) -> jsonschema::Validator {
    // The official SARIF schema's `run.language` pattern ends in a lone `]`, a literal that
    // only ECMA-262 Annex B allows; the meta-schema check is strict, so escape it here (same
    // meaning). The vendored file itself stays byte-for-byte upstream.
    let text = std::fs::read_to_string(root().join(path)).unwrap().replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&v).expect("schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match its schema:\n{}",
        errors.join("\n")
    );
}

const OUTPUT_CASES: &[&[&str]] = &[
    &["lint", "tests/fixtures/microneedling-101.original.yaml"],
    &[
        "check",
        "tests/fixtures/invalid/duplicate-key.yaml",
        "tests/fixtures/invalid/unknown-field.yaml",
    ],
    &[
        "check",
        "tests/fixtures/invalid/not-utf8.yaml",
        "tests/fixtures/lint/repetition.yaml",
    ],
    &["check"],
    &["validate", "tests/fixtures/no-guides"],
];

#[test]
fn json_output_matches_its_published_schema() {
    let schema = load_schema("schema/diagnostics.schema.json");
    for case in OUTPUT_CASES {
        let mut args = case.to_vec();
        args.extend(["--format", "json"]);
        let out: Value = serde_json::from_slice(&run(&args).stdout).expect("JSON");
        assert_valid(&schema, &out, &format!("{case:?}"));
    }
}

#[test]
fn sarif_output_matches_the_official_sarif_2_1_0_schema() {
    let schema = load_schema("schema/vendor/sarif-schema-2.1.0.json");
    for case in OUTPUT_CASES {
        let mut args = case.to_vec();
        args.extend(["--format", "sarif"]);
        let out: Value = serde_json::from_slice(&run(&args).stdout).expect("SARIF is JSON");
        assert_valid(&schema, &out, &format!("SARIF of {case:?}"));
        assert_eq!(out["version"], "2.1.0");
    }
    // a SARIF result carries rule, level, location, related locations and the fix
    let out: Value = serde_json::from_slice(
        &run(&[
            "lint",
            "--format",
            "sarif",
            "tests/fixtures/microneedling-101.original.yaml",
        ])
        .stdout,
    )
    .unwrap();
    let results = out["runs"][0]["results"].as_array().unwrap();
    let spelling = results.iter().find(|r| r["ruleId"] == "spelling").unwrap();
    assert_eq!(spelling["level"], "error");
    assert_eq!(
        spelling["locations"][0]["physicalLocation"]["region"]["startLine"],
        215
    );
    // a near vocabulary word is a suggestion, not a fix; the terminology fix is one
    assert!(spelling.get("fixes").is_none());
    let term = results
        .iter()
        .find(|r| r["ruleId"] == "terminology")
        .unwrap();
    assert_eq!(
        term["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "elastin"
    );
    // and the schema really bites: a level SARIF does not define is rejected
    let mut broken = out.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!schema.is_valid(&broken));
}

#[test]
fn github_format_escapes_workflow_command_characters() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("odd,name:1.yaml");
    std::fs::copy(
        root().join("tests/fixtures/lint/github-escaping.yaml"),
        &odd,
    )
    .unwrap();
    let o = run(&["check", "--format", "github", odd.to_str().unwrap()]);
    let text = stdout(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("::warning "))
        .unwrap_or_else(|| panic!("no warning in {text}"));
    assert!(line.contains("odd%2Cname%3A1.yaml,line=15,col="), "{line}");
    assert!(
        line.contains(
            "::heading `Costs: 100%25, honestly%0Asecond line` repeats an earlier heading"
        ),
        "{line}"
    );
    assert!(!line[2..].contains('\n'));
    assert!(text.ends_with("0 errors, 1 warning in 1 guide\n"), "{text}");
}

#[test]
fn pre_commit_hook_entry_runs_as_pre_commit_would() {
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hook = &hooks[0];
    assert_eq!(hook["id"].as_str(), Some("guidepress-check"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
    assert_eq!(
        entry[0], "guidepress",
        "language: rust installs the crate's binary"
    );
    let include = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    let exclude = hook["exclude"]
        .as_str()
        .map(|e| regex::Regex::new(e).unwrap());
    // pre-commit passes the staged files `files` matches and `exclude` does not
    struct Filter(regex::Regex, Option<regex::Regex>);
    impl Filter {
        fn is_match(&self, path: &str) -> bool {
            self.0.is_match(path) && self.1.as_ref().is_none_or(|e| !e.is_match(path))
        }
    }
    let files = Filter(include, exclude);
    // a content repository with one good and one broken guide, plus files the hook must skip
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join("content")).unwrap();
    std::fs::copy(
        root().join("content/microneedling-101.yaml"),
        repo.path().join("content/good.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/invalid/missing-section-title.yaml"),
        repo.path().join("content/broken.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join(".guidepress.yaml"),
        repo.path().join(".guidepress.yaml"),
    )
    .unwrap();
    std::fs::write(repo.path().join(".pre-commit-config.yaml"), "repos: []\n").unwrap();
    let staged = |names: &[&str]| -> i32 {
        let selected: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| files.is_match(n))
            .collect();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"));
        cmd.args(&entry[1..])
            .args(&selected)
            .current_dir(repo.path());
        cmd.status().unwrap().code().unwrap()
    };
    // the copied config names content/vocabulary.txt relative to the repository root
    std::fs::copy(
        root().join("content/vocabulary.txt"),
        repo.path().join("content/vocabulary.txt"),
    )
    .unwrap();
    assert!(!files.is_match(".pre-commit-config.yaml") && !files.is_match("README.md"));
    assert_eq!(staged(&["content/good.yaml", ".pre-commit-config.yaml"]), 0);
    assert_eq!(staged(&["content/good.yaml", "content/broken.yaml"]), 1);
}

/// `--flags` used after `guidepress <command>` on each line of a document.
fn documented_flags(text: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(r"guidepress (validate|lint|check|export|build|schema)\b([^`\n]*)")
        .unwrap();
    let flag = regex::Regex::new(r"(^|\s)(--[a-z][a-z-]*)").unwrap();
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        for f in flag.captures_iter(&c[2]) {
            out.push((c[1].to_string(), f[2].to_string()));
        }
    }
    out
}

#[test]
fn documented_ci_usage_only_uses_existing_options() {
    let mut seen = 0;
    for doc in [
        "docs/ci.md",
        "action.yml",
        "README.md",
        ".pre-commit-hooks.yaml",
    ] {
        let text = std::fs::read_to_string(root().join(doc)).unwrap();
        for (cmd, flag) in documented_flags(&text) {
            let help = stdout(&run(&[&cmd, "--help"]));
            assert!(
                help.contains(&flag),
                "{doc}: `guidepress {cmd} {flag}` is not an option of `guidepress {cmd}`"
            );
            seen += 1;
        }
    }
    assert!(seen >= 8, "the documents show flags ({seen})");
}

#[test]
fn gitlab_code_quality_report_has_the_required_fields_and_unique_fingerprints() {
    let o = run(&[
        "lint",
        "--format",
        "gitlab",
        "tests/fixtures/microneedling-101.original.yaml",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let issues = v.as_array().unwrap();
    assert!(issues.len() > 10);
    let mut seen = std::collections::HashSet::new();
    for i in issues {
        for field in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[field].is_string(), "{field} in {i}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(
            i["location"]["path"].is_string()
                && i["location"]["lines"]["begin"].as_u64().unwrap() >= 1
        );
        assert!(
            seen.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "unique: {i}"
        );
    }
}

#[test]
fn one_check_run_writes_annotations_and_the_sarif_file() {
    let dir = tempfile::tempdir().unwrap();
    let sarif_path = dir.path().join("out.sarif");
    let o = run(&[
        "check",
        "--quiet",
        "--format",
        "github",
        "--sarif-file",
        sarif_path.to_str().unwrap(),
        "tests/fixtures/microneedling-101.original.yaml",
    ]);
    assert_code(&o, 1);
    let annotations = String::from_utf8_lossy(&o.stdout);
    assert!(annotations.contains("::error file="), "{annotations}");
    let sarif: Value = serde_json::from_slice(&std::fs::read(&sarif_path).unwrap()).unwrap();
    let schema = load_schema("schema/vendor/sarif-schema-2.1.0.json");
    assert_valid(&schema, &sarif, "--sarif-file");
    // the same findings as `--format sarif` (all of them, not only what --quiet lists)
    let direct: Value = serde_json::from_slice(
        &run(&[
            "check",
            "--format",
            "sarif",
            "tests/fixtures/microneedling-101.original.yaml",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(sarif["runs"][0]["results"], direct["runs"][0]["results"]);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().all(|r| r["help"]["markdown"].is_string()));
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["level"] == "warning"),
        "warnings are in the file even with --quiet"
    );
}

//! CLI tests as data: every tests/cmd/NAME.toml runs the real binary (from the repository
//! root) and compares stdout/stderr with NAME.stdout / NAME.stderr. A new case is a new
//! file; refresh snapshots with `TRYCMD=overwrite cargo test --test suite cli::` and review the diff.

#[test]
fn cli_cases() {
    // the same output whether or not this machine has the sentence model installed
    // (tests/suite/semantic.rs runs the rules with it)
    trycmd::TestCases::new()
        .env("GUIDEPRESS_MODEL_DIR", "target/no-such-model")
        .case("tests/cmd/*.toml");
}

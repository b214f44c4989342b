//! CLI tests as data: every tests/cmd/NAME.toml runs the real binary (from the repository
//! root) and compares stdout/stderr with NAME.stdout / NAME.stderr. A new case is a new
//! file; refresh snapshots with `TRYCMD=overwrite cargo test --test suite cli::` and review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}

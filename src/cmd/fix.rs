//! `lint --fix [--dry-run]`: apply the unambiguous fixes lint found by editing exactly
//! their byte ranges in the YAML files (comments, order and quoting stay as they are).

use super::check::{Stage, collect, config_error};
use crate::cli::ReportArgs;
use crate::config::Config;
use crate::diag::{Diagnostic, Fix};
use std::collections::BTreeMap;

/// Apply non-overlapping fixes (sorted by position) to a text.
pub fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut sorted: Vec<&&Fix> = fixes.iter().collect();
    sorted.sort_by_key(|f| (f.location.start, f.location.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for f in sorted {
        if f.location.start < pos || f.location.end > text.len() {
            continue; // overlapping: the next run picks it up
        }
        out.push_str(&text[pos..f.location.start]);
        out.push_str(&f.replacement);
        pos = f.location.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// A minimal unified-style diff of changed lines.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = format!("--- {name}\n+++ {name} (fixed)\n");
    // fixes never add or remove lines, so lines pair up one to one
    for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
        if x != y {
            out.push_str(&format!("@@ line {} @@\n-{x}\n+{y}\n", i + 1));
        }
    }
    out
}

pub fn run(args: &ReportArgs, dry_run: bool, global: &crate::cli::Global) -> i32 {
    let config = match Config::load_for(args.config.as_deref(), &args.paths) {
        Ok(c) => c,
        Err(d) => return config_error(d),
    };
    let checked = collect(&args.paths, Stage::Lint, &config);
    if checked.io_error {
        return super::check::run(args, Stage::Lint, global);
    }
    let mut by_file: BTreeMap<&str, Vec<&Fix>> = BTreeMap::new();
    for d in &checked.diagnostics {
        if let Some(f) = &d.fix {
            by_file.entry(d.file.as_str()).or_default().push(f);
        }
    }
    let mut applied = 0;
    for (file, fixes) in &by_file {
        let Some(src) = checked.sources.get(*file) else {
            continue;
        };
        let new = apply(&src.text, fixes);
        if dry_run {
            print!("{}", diff(file, &src.text, &new));
        } else {
            let mut bytes = Vec::new();
            if src.had_bom {
                bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
            bytes.extend_from_slice(new.as_bytes());
            if let Err(e) = crate::util::write_atomic(std::path::Path::new(file), &bytes) {
                eprintln!(
                    "error[io]: {file}: cannot write fixes: {}",
                    crate::util::io_reason(&e)
                );
                return crate::EXIT_USAGE;
            }
        }
        applied += fixes.len();
    }
    let remaining: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_none())
        .collect();
    let verb = if dry_run { "would fix" } else { "fixed" };
    println!(
        "{verb} {applied} finding{} in {} file{}; {} finding{} need a human",
        if applied == 1 { "" } else { "s" },
        by_file.len(),
        if by_file.len() == 1 { "" } else { "s" },
        remaining.len(),
        if remaining.len() == 1 { "" } else { "s" }
    );
    // with --dry-run nothing changed, so every error is still there
    let errors_left = if dry_run {
        checked
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    } else {
        remaining
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
    };
    if errors_left {
        return crate::EXIT_FINDINGS;
    }
    crate::EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;

    fn fix(s: usize, e: usize, r: &str) -> Fix {
        Fix {
            location: Location {
                start: s,
                end: e,
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
            },
            replacement: r.to_string(),
        }
    }

    #[test]
    fn applies_fixes_by_byte_range() {
        let (a, b) = (fix(4, 7, "the"), fix(0, 3, "One"));
        assert_eq!(apply("one teh two", &[&a, &b]), "One the two");
    }
}

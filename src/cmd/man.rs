//! `guidepress man [--out DIR]`: man pages rendered by clap_mangen from the CLI definition,
//! plus sections the options alone cannot say (exit status, formats, configuration, fixes,
//! environment). Without `--out` the main page goes to stdout; with it, `guidepress.1` and one
//! `guidepress-<command>.1` per subcommand are written to DIR together.

use super::{CmdResult, Outcome};
use clap::CommandFactory;
use guidepress::export::Rendered;
use guidepress::fs::commit::{Staged, commit_all};
use guidepress::project::Error;
use roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

const EXIT_STATUS: &[(&str, &str)] = &[
    (
        "0",
        "Clean: no finding at error severity (warnings may be printed).",
    ),
    (
        "1",
        "At least one finding at error severity, warnings over --max-warnings, or any warning with --error-on-warnings; export and build wrote nothing.",
    ),
    (
        "2",
        "Usage or I/O error: bad option, missing path, folder without guides, unreadable file, unwritable output (also over the file size limit), read-only file for --fix, invalid configuration (also a .guidepress.yaml that is a folder, a dangling symlink or a loop), an output that is one of the run's inputs, a write outside the project folder, a file that must be new but exists.",
    ),
    (
        "130",
        "Interrupted (Ctrl-C or SIGTERM): nothing was committed; previous exports are unchanged.",
    ),
];

const FORMATS: &[(&str, &str)] = &[
    (
        "human",
        "rustc-style findings with the source line and a caret (default); colour with --color.",
    ),
    (
        "json",
        "one versioned JSON document: diagnostics with byte offsets, line and column, fixes and a summary.",
    ),
    (
        "github",
        "GitHub Actions workflow commands: clickable annotations on the changed lines.",
    ),
    (
        "sarif",
        "SARIF 2.1.0 for code scanning (URIs relative to the repository root). --sarif-file FILE writes it beside another format in the same run.",
    ),
    (
        "gitlab",
        "GitLab Code Quality report (a JSON array with stable fingerprints).",
    ),
];

const CONFIGURATION: &[&str] = &[
    "Each guide is checked with the nearest .guidepress.yaml in its folder or a parent, whatever the working directory; a guide with none above it gets the one found from the current directory upward, else the defaults. --config FILE applies one file to every guide.",
    "Keys: rules (rule id: off | note | warning | error), vocabulary (word-list files, relative to the config), ignore_words, dictionaries (extra Hunspell dictionaries by name or path), terminology (pattern, replacement, message), near_duplicate, duplicate_heading, health (enabled, max_grade, max_review_age_months, claims) and ignore (glob patterns of guide files to skip, as in .gitignore).",
    "Without a vocabulary entry, vocabulary.txt next to the guides is used; guidepress vocab add WORD adds to the file in effect.",
];

const FIXES: &[&str] = &[
    "lint --fix applies the unambiguous fixes (misspellings with one clear correction, repeated words, terminology) in place. Each round re-parses the edited YAML and proves that the guide's value changed only where a fix was meant to; a fix that would change the YAML structure is retried with the string re-quoted, else declined with a note. Fixes run to a fixpoint.",
    "Files are written through symlinks, keep their mode, and are committed all together or not at all; read-only files are refused (exit 2). --fix --dry-run prints the diff instead. The exit status reflects what remains.",
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SOURCE_DATE_EPOCH",
        "Timestamp (seconds since 1970) written into PDF and EPUB metadata, for byte-identical rebuilds; its day is also the date a build's index.html measures review ages on (else today).",
    ),
    (
        "NO_COLOR",
        "When set and not empty, --color auto prints no colours.",
    ),
    (
        "DICPATH",
        "Extra folders searched for the Hunspell dictionaries named under dictionaries.",
    ),
];

/// The extra sections of the page for `command` ("guidepress" for the main page).
fn extra(command: &str) -> Roff {
    let mut r = Roff::new();
    let reports = matches!(command, "guidepress" | "validate" | "lint" | "check");
    if command == "lint" || command == "guidepress" {
        r.control("SH", ["FIXES"]);
        for p in FIXES {
            r.control("PP", []).text([roman(*p)]);
        }
    }
    if reports {
        r.control("SH", ["OUTPUT FORMATS"]);
        r.text([roman("Chosen with "), bold("--format"), roman(":")]);
        for (name, what) in FORMATS {
            r.control("TP", []).text([bold(*name)]).text([roman(*what)]);
        }
    }
    if reports || matches!(command, "build" | "vocab" | "export") {
        r.control("SH", ["CONFIGURATION"]);
        for p in CONFIGURATION {
            r.control("PP", []).text([roman(*p)]);
        }
    }
    if command != "completions" {
        r.control("SH", ["EXIT STATUS"]);
        for (code, what) in EXIT_STATUS {
            r.control("TP", []).text([bold(*code)]).text([roman(*what)]);
        }
    }
    if matches!(command, "guidepress" | "export" | "build") || reports {
        r.control("SH", ["ENVIRONMENT"]);
        for (name, what) in ENVIRONMENT {
            r.control("TP", []).text([bold(*name)]).text([roman(*what)]);
        }
    }
    r.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = if command == "guidepress" {
        crate::cli::Cli::command()
            .get_subcommands()
            .map(|s| format!("guidepress-{}(1)", s.get_name()))
            .collect()
    } else {
        vec!["guidepress(1)".to_string()]
    };
    r.text([roman(pages.join(", "))]);
    r
}

/// One page: clap_mangen's sections, then ours, then the version.
fn page(cmd: clap::Command, name: &str) -> std::io::Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    extra(name).to_writer(&mut out)?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(out)
}

/// Every page: (file name, roff).
fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    // subcommands carry the version too (clap_mangen prints it in each page)
    let mut cmd = crate::cli::Cli::command()
        .disable_help_subcommand(true)
        .propagate_version(true);
    cmd.build();
    let mut out = vec![("guidepress.1".to_string(), page(cmd.clone(), "guidepress")?)];
    for sub in cmd.get_subcommands() {
        let name = sub.get_name().to_string();
        out.push((format!("guidepress-{name}.1"), page(sub.clone(), &name)?));
    }
    Ok(out)
}

pub fn run(out: Option<&Path>) -> CmdResult {
    let pages = pages()?;
    let Some(dir) = out else {
        std::io::stdout().lock().write_all(&pages[0].1)?;
        return Ok(Outcome::Clean);
    };
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder",
            guidepress::fs::shown(dir)
        ))
        .into());
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staged = pages
        .into_iter()
        .map(|(name, roff)| {
            Staged::write(dir.join(name), Rendered::from(roff)).map_err(|(p, e)| Error::io(&p, e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let written = commit_all(staged).map_err(|(p, e)| Error::io(&p, e))?;
    let mut stdout = std::io::stdout().lock();
    for w in written {
        writeln!(stdout, "wrote {}", guidepress::fs::shown(&w.path))?;
    }
    Ok(Outcome::Clean)
}

//! Man pages: clap_mangen's sections rendered from the command line's definition (handed in
//! by the binary, which owns it), then the sections the options alone cannot say (exit
//! status, formats, configuration, fixes, environment; data in assets/man/sections.yaml),
//! then the version. `guidepress man` prints the main page or writes every page together.

use crate::error::Error;
use crate::fs::commit::{Rendered, Staged, Written, commit_all};
use roff::{Roff, bold, roman};
use serde::Deserialize;
use std::path::Path;

/// The extra sections' texts (assets/man/sections.yaml).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sections {
    exit_status: Vec<Exit>,
    formats: Vec<Named>,
    configuration: Vec<String>,
    fixes: Vec<String>,
    environment: Vec<Named>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Exit {
    code: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    name: String,
    text: String,
}

const SECTIONS: &str = include_str!("../assets/man/sections.yaml");

fn sections() -> Sections {
    // shipped data, checked by the tests below: never fails in a built binary
    serde_yaml::from_str(SECTIONS).expect("assets/man/sections.yaml is valid")
}

/// The extra sections of the page for `command` ("guidepress" for the main page, which
/// refers to the pages of `subcommands`).
fn extra(command: &str, subcommands: &[String], s: &Sections) -> Roff {
    let mut r = Roff::new();
    let reports = matches!(command, "guidepress" | "validate" | "lint" | "check");
    if command == "lint" || command == "guidepress" {
        r.control("SH", ["FIXES"]);
        for p in &s.fixes {
            r.control("PP", []).text([roman(p.as_str())]);
        }
    }
    if reports {
        r.control("SH", ["OUTPUT FORMATS"]);
        r.text([roman("Chosen with "), bold("--format"), roman(":")]);
        for f in &s.formats {
            r.control("TP", [])
                .text([bold(f.name.as_str())])
                .text([roman(f.text.as_str())]);
        }
    }
    if reports || matches!(command, "build" | "vocab" | "export") {
        r.control("SH", ["CONFIGURATION"]);
        for p in &s.configuration {
            r.control("PP", []).text([roman(p.as_str())]);
        }
    }
    if command != "completions" {
        r.control("SH", ["EXIT STATUS"]);
        for e in &s.exit_status {
            r.control("TP", [])
                .text([bold(e.code.as_str())])
                .text([roman(e.text.as_str())]);
        }
    }
    if matches!(command, "guidepress" | "export" | "build") || reports {
        r.control("SH", ["ENVIRONMENT"]);
        for e in &s.environment {
            r.control("TP", [])
                .text([bold(e.name.as_str())])
                .text([roman(e.text.as_str())]);
        }
    }
    r.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = if command == "guidepress" {
        subcommands
            .iter()
            .map(|s| format!("guidepress-{s}(1)"))
            .collect()
    } else {
        vec!["guidepress(1)".to_string()]
    };
    r.text([roman(pages.join(", "))]);
    r
}

/// One page: clap_mangen's sections, then ours, then the version.
fn page(
    cmd: clap::Command,
    name: &str,
    subcommands: &[String],
    s: &Sections,
) -> std::io::Result<Vec<u8>> {
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
    extra(name, subcommands, s).to_writer(&mut out)?;
    if cmd.get_version().is_some() {
        man.render_version_section(&mut out)?;
    }
    Ok(out)
}

/// Every page of the command line `cli` (the binary's definition, not yet built): the
/// main page first (`guidepress.1`), then `guidepress-<command>.1` per subcommand, each as
/// (file name, roff).
pub fn pages(cli: clap::Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let s = sections();
    let subcommands: Vec<String> = cli
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    // subcommands carry the version too (clap_mangen prints it in each page)
    let mut cmd = cli.disable_help_subcommand(true).propagate_version(true);
    cmd.build();
    let mut out = vec![(
        "guidepress.1".to_string(),
        page(cmd.clone(), "guidepress", &subcommands, &s)?,
    )];
    for sub in cmd.get_subcommands() {
        let name = sub.get_name().to_string();
        out.push((
            format!("guidepress-{name}.1"),
            page(sub.clone(), &name, &subcommands, &s)?,
        ));
    }
    Ok(out)
}

/// Write `pages` into the folder `dir` (created if missing), all of them or none; a file
/// in its place is a usage error.
pub fn write(dir: &Path, pages: Vec<(String, Vec<u8>)>) -> Result<Vec<Written>, Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder",
            crate::fs::shown(dir)
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let staged = pages
        .into_iter()
        .map(|(name, roff)| {
            Staged::write(dir.join(name), Rendered::from(roff)).map_err(|(p, e)| Error::io(&p, e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    commit_all(staged).map_err(|(p, e)| Error::io(&p, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sections_data_is_complete() {
        let s = sections();
        let codes: Vec<&str> = s.exit_status.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["0", "1", "2", "130"]);
        let formats: Vec<&str> = s.formats.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(formats, ["human", "json", "github", "sarif", "gitlab"]);
        assert!(!s.configuration.is_empty() && !s.fixes.is_empty());
        assert!(s.environment.iter().any(|e| e.name == "SOURCE_DATE_EPOCH"));
        for text in (s.exit_status.iter().map(|e| &e.text))
            .chain(s.formats.iter().map(|f| &f.text))
            .chain(s.environment.iter().map(|e| &e.text))
            .chain(&s.configuration)
            .chain(&s.fixes)
        {
            assert!(!text.contains('\n') && text.ends_with('.'), "{text:?}");
        }
    }
}

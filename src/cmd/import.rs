//! `guidepress import FILE… [--out DIR] [--id ID]`: turn Markdown or plain-text articles
//! into guides. Never overwrites; every result is validated before the files are written
//! (all of them, or none).

use super::{CmdResult, Outcome};
use guidepress::fs::commit::{Staged, commit_all_new};
use guidepress::fs::shown;
use guidepress::import::{self, Kind};
use guidepress::load::{self, ReadError, SourceFile};
use guidepress::project::Error;
use guidepress::util::plural;
use guidepress::validate::semantic::{is_reserved, is_slug};
use std::io::Write;

pub fn run(args: &crate::cli::ImportArgs, global: &crate::cli::Global) -> CmdResult {
    if let Some(id) = &args.id {
        if args.files.len() > 1 {
            return Err(Error::Usage(
                "`--id` names one guide: import one file at a time with it".into(),
            )
            .into());
        }
        if !is_slug(id) || is_reserved(id) {
            return Err(Error::Usage(format!(
                "`{id}` is not a usable guide id: use lowercase letters, digits and single hyphens, e.g. `chemical-peels`"
            ))
            .into());
        }
    }
    if args.out.exists() && !args.out.is_dir() {
        return Err(Error::Usage(format!("{} is a file, not a folder", shown(&args.out))).into());
    }
    let exists = |target: &std::path::Path| {
        Error::Usage(format!(
            "{} already exists; not overwriting it (choose another id with --id or --out)",
            shown(target)
        ))
    };
    let mut results = Vec::new();
    let mut targets = std::collections::BTreeMap::new();
    for file in &args.files {
        let name = shown(file);
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, &e))?;
        let text = match load::source_from_bytes(&name, bytes) {
            Ok(src) => src.text,
            Err(ReadError::Io(d) | ReadError::Content(d)) => {
                return Err(Error::Usage(format!(
                    "{name}: cannot import: {} (expected a UTF-8 text or Markdown file)",
                    d.message
                ))
                .into());
            }
        };
        let mut imported = import::import(&text, Kind::of(file), &name, args.id.as_deref());
        // the schema modeline `new` writes, so editors check the guide as it is edited
        imported.yaml = guidepress::scaffold::modeline(&args.out) + &imported.yaml;
        // prove the result is a valid guide before writing anything
        let target = args.out.join(format!("{}.yaml", imported.id));
        let outcome = guidepress::validate::validate_source(SourceFile::new(
            target.display().to_string(),
            imported.yaml.clone(),
            false,
        ));
        if outcome.document.is_none() {
            let msgs: Vec<String> = outcome
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect();
            return Err(Error::Usage(format!(
                "{name}: the imported guide does not validate ({}); please report this",
                msgs.join("; ")
            ))
            .into());
        }
        // a quick answer; the guarantee is the create-new commit below
        if target.symlink_metadata().is_ok() {
            return Err(exists(&target).into());
        }
        if let Some(other) = targets.insert(target.clone(), name.clone()) {
            return Err(Error::Usage(format!(
                "{other} and {name} would both become {}; import them one at a time with --id",
                shown(&target)
            ))
            .into());
        }
        results.push((name, target, imported));
    }
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, &e))?;
    let mut staged = Vec::new();
    for (_, target, imported) in &results {
        staged.push(
            Staged::write(target.clone(), imported.yaml.as_bytes().to_vec().into())
                .map_err(|(p, e)| Error::io(&p, &e))?,
        );
    }
    // each file created only if nothing is there (a file made meanwhile by the user or
    // another run is never replaced); when one exists, none of them is kept
    commit_all_new(staged).map_err(|(p, e)| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists(&p)
        } else {
            Error::io(&p, &e)
        }
    })?;
    let mut out = std::io::stdout().lock();
    for (name, target, imported) in &results {
        let (sections, lists, callouts) = imported.article.counts();
        for w in &imported.article.warnings {
            eprintln!("warning[import]: {name}: {w}");
        }
        if !global.quiet {
            writeln!(
                out,
                "imported {name} -> {} ({}, {}, {}; title: {})",
                shown(target),
                plural(sections, "section"),
                plural(lists, "list"),
                plural(callouts, "callout"),
                imported
                    .article
                    .title
                    .as_deref()
                    .map_or_else(|| "none found".to_string(), guidepress::diag::render::esc)
            )?;
        }
    }
    if !global.quiet {
        writeln!(
            out,
            "review the TODO lines, then run `guidepress check {}`",
            shown(&args.out)
        )?;
    }
    Ok(Outcome::Clean)
}

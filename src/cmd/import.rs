//! `guidepress import FILE… [--out DIR] [--id ID]`: turn Markdown or plain-text articles
//! into guides ([`Project::import`]: validated, never overwriting, all or none) and say what
//! was found in each.

use super::{CmdResult, Outcome};
use guidepress::fs::shown;
use guidepress::project::Project;
use guidepress::util::plural;
use std::io::Write;

pub fn run(args: &crate::cli::ImportArgs, global: &crate::cli::Global) -> CmdResult {
    let results = Project::import(&args.files, &args.out, args.id.as_deref())?;
    let mut out = std::io::stdout().lock();
    for r in &results {
        let article = &r.imported.article;
        let (sections, lists, callouts) = article.counts();
        for w in &article.warnings {
            eprintln!("warning[import]: {}: {w}", r.name);
        }
        if !global.quiet {
            writeln!(
                out,
                "imported {} -> {} ({}, {}, {}; title: {})",
                r.name,
                shown(&r.target),
                plural(sections, "section"),
                plural(lists, "list"),
                plural(callouts, "callout"),
                (article.title.as_deref())
                    .map_or_else(|| "none found".to_string(), guidepress::escape::esc)
            )?;
        }
    }
    if !global.quiet {
        let dir = shown(&args.out);
        writeln!(
            out,
            "review the TODO lines, then run `guidepress check {dir}`"
        )?;
    }
    Ok(Outcome::Clean)
}

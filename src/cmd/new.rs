//! `guidepress new <id>`: write a valid starting guide from the template
//! ([`Project::new_guide`]); refuses to overwrite.

use super::{CmdResult, Outcome};
use guidepress::fs::shown;
use guidepress::project::Project;
use std::io::Write;
use std::path::Path;

pub fn run(id: &str, dir: &Path, title: Option<&str>) -> CmdResult {
    let made = Project::new_guide(id, dir, title)?;
    let mut out = std::io::stdout().lock();
    let path = shown(&made.path);
    writeln!(
        out,
        "wrote {path} — edit it, then run `guidepress check {path}`"
    )?;
    if !made.schema_found {
        writeln!(
            out,
            "note: no schema/guide.schema.json in {} or a parent, so editors cannot check the guide yet: run `guidepress init` in the project folder (or `guidepress schema > schema/guide.schema.json`)",
            shown(dir)
        )?;
    }
    Ok(Outcome::Clean)
}

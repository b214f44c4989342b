//! `guidepress init [DIR]`: set up a guide repository (see [`guidepress::scaffold`]).

use super::{CmdResult, Outcome};
use std::io::Write;
use std::path::Path;

pub fn run(dir: &Path) -> CmdResult {
    let plan = guidepress::scaffold::init(dir)?;
    let mut out = std::io::stdout().lock();
    for p in &plan.written {
        writeln!(out, "wrote {}", guidepress::fs::shown(p))?;
    }
    for p in &plan.kept {
        writeln!(
            out,
            "kept  {} (exists; not overwritten)",
            guidepress::fs::shown(p)
        )?;
    }
    for n in &plan.notes {
        writeln!(out, "note: {n}")?;
    }
    let content = dir.join("content");
    writeln!(
        out,
        "next: `guidepress new my-first-guide --dir {}`, then `guidepress check {}`",
        guidepress::fs::shown(&content),
        guidepress::fs::shown(&content)
    )?;
    Ok(Outcome::Clean)
}

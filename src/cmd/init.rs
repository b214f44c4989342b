//! `guidepress init [DIR]`: set up a guide repository (see [`guidepress::scaffold`]).

use super::{CmdResult, Outcome};
use std::io::Write;
use std::path::Path;

pub fn run(dir: &Path) -> CmdResult {
    let plan = guidepress::scaffold::init(dir)?;
    let mut out = std::io::stdout().lock();
    for p in &plan.written {
        writeln!(out, "wrote {}", p.display())?;
    }
    for p in &plan.kept {
        writeln!(out, "kept  {} (exists; not overwritten)", p.display())?;
    }
    for n in &plan.notes {
        writeln!(out, "note: {n}")?;
    }
    let content = dir.join("content");
    writeln!(
        out,
        "next: `guidepress new my-first-guide --dir {}`, then `guidepress check {}`",
        content.display(),
        content.display()
    )?;
    Ok(Outcome::Clean)
}

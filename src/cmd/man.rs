//! `guidepress man [--out DIR]`: the man pages of this command line ([`guidepress::man`]).
//! Without `--out` the main page goes to stdout; with it, `guidepress.1` and one
//! `guidepress-<command>.1` per subcommand are written to DIR together.

use super::{CmdResult, Outcome};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;

pub fn run(out: Option<&Path>) -> CmdResult {
    let pages = guidepress::man::pages(crate::cli::Cli::command())?;
    let Some(dir) = out else {
        std::io::stdout().lock().write_all(&pages[0].1)?;
        return Ok(Outcome::Clean);
    };
    let written = guidepress::man::write(dir, pages)?;
    let mut stdout = std::io::stdout().lock();
    for w in written {
        writeln!(stdout, "wrote {}", guidepress::fs::shown(&w.path))?;
    }
    Ok(Outcome::Clean)
}

//! `guidepress completions <shell>` (clap_complete).

use super::{CmdResult, Outcome};
use clap::CommandFactory;

pub fn completions(shell: clap_complete::Shell) -> CmdResult {
    let mut buf = Vec::new();
    clap_complete::generate(
        shell,
        &mut crate::cli::Cli::command(),
        "guidepress",
        &mut buf,
    );
    std::io::Write::write_all(&mut std::io::stdout(), &buf)?;
    Ok(Outcome::Clean)
}

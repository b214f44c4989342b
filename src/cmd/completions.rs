//! `guidepress completions <shell>` (clap_complete) and `guidepress man` (clap_mangen).

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

pub fn man() -> CmdResult {
    let man = clap_mangen::Man::new(crate::cli::Cli::command());
    man.render(&mut std::io::stdout())?;
    Ok(Outcome::Clean)
}

//! `guidepress completions <shell>` (clap_complete) and `guidepress man` (clap_mangen).

use clap::CommandFactory;

pub fn completions(shell: clap_complete::Shell) -> i32 {
    clap_complete::generate(
        shell,
        &mut crate::cli::Cli::command(),
        "guidepress",
        &mut std::io::stdout(),
    );
    crate::EXIT_OK
}

pub fn man() -> i32 {
    let man = clap_mangen::Man::new(crate::cli::Cli::command());
    match man.render(&mut std::io::stdout()) {
        Ok(()) => crate::EXIT_OK,
        Err(e) => {
            eprintln!(
                "error[io]: cannot write the man page: {}",
                crate::util::io_reason(&e)
            );
            crate::EXIT_USAGE
        }
    }
}

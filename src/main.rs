//! guidepress binary: parse arguments, run one command, apply the one exit-code policy.
//! Everything a command does lives in the library (`guidepress::project`).

mod cli;
mod cmd;

fn main() {
    cmd::install_signal_handlers();
    std::process::exit(cmd::exit_code(cli::run()));
}

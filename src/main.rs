//! guidepress binary: parse arguments, run one command, apply the one exit-code policy.
//! Everything a command does lives in the library (`guidepress::project`).

mod cli;
mod cmd;

fn main() {
    guidepress::fs::ignore_file_size_signal();
    cmd::install_signal_handlers();
    let result = match cli::parse() {
        Ok(cli) => cmd::run(cli.command, &cli.global),
        Err(e) => {
            // --help and --version are a clean end; a bad option is a usage error
            let _ = e.print();
            Ok(if e.use_stderr() {
                cmd::Outcome::Failed
            } else {
                cmd::Outcome::Clean
            })
        }
    };
    std::process::exit(cmd::exit_code(result));
}

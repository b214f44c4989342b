//! guidepress binary: parse arguments, run one command, apply the one exit-code policy.
//! Everything a command does lives in the library (`guidepress::project`).

mod cli;
mod cmd;

fn main() {
    guidepress::fs::ignore_file_size_signal();
    cmd::install_signal_handlers();
    let result = match cli::parse() {
        Ok(cli) => {
            one_guide_one_thread(&cli.command);
            cmd::run(cli.command, &cli.global)
        }
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

/// An export of one guide file has one job at each step: the thread pool is this thread
/// alone (no worker threads started and woken for it; same outputs, less CPU).
fn one_guide_one_thread(command: &cli::Command) {
    if let cli::Command::Export(args) = command {
        if let [path] = &args.paths[..] {
            if path.is_file() {
                // the pool can only be built once; should that fail, rayon's default pool serves
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .use_current_thread()
                    .build_global();
            }
        }
    }
}

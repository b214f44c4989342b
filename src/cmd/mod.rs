//! One file per subcommand. Each returns the process exit code.

pub mod build;
pub mod check;
pub mod completions;
pub mod export;
pub mod fix;
pub mod new;
pub mod schema;
pub mod stats;

use crate::cli::{Command, Global};

pub fn run(command: Command, global: &Global) -> i32 {
    match command {
        Command::Validate(args) => check::run(&args, check::Stage::Validate, global),
        Command::Lint {
            report,
            fix,
            dry_run,
        } => {
            if fix {
                fix::run(&report, dry_run, global)
            } else {
                check::run(&report, check::Stage::Lint, global)
            }
        }
        Command::Check(args) => check::run(&args, check::Stage::Check, global),
        Command::Export(args) => export::run(&args, global),
        Command::Build(args) => build::run(&args, global),
        Command::Schema => schema::run(),
        Command::Stats(args) => stats::run(&args),
        Command::New { id, dir, title } => new::run(&id, &dir, title.as_deref()),
        Command::Completions { shell } => completions::completions(shell),
        Command::Man => completions::man(),
    }
}

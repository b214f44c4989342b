//! One file per subcommand. Each returns the process exit code.

pub mod build;
pub mod check;
pub mod export;
pub mod fix;
pub mod schema;

use crate::cli::Command;

pub fn run(command: Command) -> i32 {
    match command {
        Command::Validate(args) => check::run(&args, check::Stage::Validate),
        Command::Lint {
            report,
            fix,
            dry_run,
        } => {
            if fix {
                fix::run(&report, dry_run)
            } else {
                check::run(&report, check::Stage::Lint)
            }
        }
        Command::Check(args) => check::run(&args, check::Stage::Check),
        Command::Export(args) => export::run(&args),
        Command::Build(args) => build::run(&args),
        Command::Schema => schema::run(),
    }
}

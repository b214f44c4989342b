//! `guidepress lsp`: serve the language server on stdio (see [`guidepress::lsp`]).

use super::{CmdResult, Outcome};

pub fn run(debounce_ms: u64) -> CmdResult {
    let options = guidepress::lsp::Options {
        debounce: std::time::Duration::from_millis(debounce_ms),
    };
    let end = guidepress::lsp::run_stdio(options)
        .map_err(|e| guidepress::project::Error::Usage(format!("language server: {e}")))?;
    Ok(match end {
        guidepress::lsp::End::Clean => Outcome::Clean,
        // the protocol: `exit` without `shutdown` (or a vanished client) exits with 1
        guidepress::lsp::End::WithoutShutdown => {
            eprintln!("guidepress lsp: the client exited without `shutdown` (exit code 1)");
            Outcome::Findings
        }
    })
}

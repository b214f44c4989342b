//! `guidepress lsp`: serve the language server on stdio (see [`guidepress::lsp`]).

use super::{CmdResult, Outcome};

pub fn run(debounce_ms: u64) -> CmdResult {
    let options = guidepress::lsp::Options {
        debounce: std::time::Duration::from_millis(debounce_ms),
    };
    guidepress::lsp::run_stdio(options)
        .map_err(|e| guidepress::project::Error::Usage(format!("language server: {e}")))?;
    Ok(Outcome::Clean)
}

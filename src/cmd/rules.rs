//! `guidepress rules [CODE]`: the rules catalogue ([`guidepress::lint::catalogue`]), every
//! code or one explained.

use super::{CmdResult, Outcome};
use guidepress::lint::catalogue;
use std::io::Write;

pub fn run(code: Option<&str>) -> CmdResult {
    let text = match code {
        None => catalogue::list(),
        Some(id) => catalogue::explain_id(id)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}

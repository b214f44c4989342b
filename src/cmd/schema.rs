//! `guidepress schema`: print the embedded JSON Schema.

use super::{CmdResult, Outcome};
use std::io::Write;

pub fn run() -> CmdResult {
    std::io::stdout().write_all(guidepress::validate::schema::SCHEMA_TEXT.as_bytes())?;
    Ok(Outcome::Clean)
}

//! `guidepress vocab add WORD…`: add words to the project vocabulary file in effect (the one
//! `.guidepress.yaml` names, else `vocabulary.txt` next to the guides), sorted and unique.

use super::{CmdResult, Outcome};
use guidepress::project::Error;
use guidepress::settings::Settings;
use std::io::Write;

pub fn run(command: &crate::cli::VocabCommand) -> CmdResult {
    let crate::cli::VocabCommand::Add { words, dir, config } = command;
    for w in words {
        if let Some(why) = guidepress::config::word_problem(w) {
            return Err(Error::Usage(why).into());
        }
    }
    let settings =
        Settings::load(config.as_deref(), std::slice::from_ref(dir)).map_err(Error::Config)?;
    // confined to the project folder, written through a symlink (see the library)
    let (file, added) = settings.add_vocabulary(words)?;
    writeln!(
        std::io::stdout(),
        "added {} to {}{}",
        guidepress::util::plural(added.len(), "word"),
        guidepress::fs::shown(&file),
        if added.len() < words.len() {
            " (the others were already there)"
        } else {
            ""
        }
    )?;
    Ok(Outcome::Clean)
}

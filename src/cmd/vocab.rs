//! `guidepress vocab add WORD…`: add words to the project vocabulary file in effect (the one
//! `.guidepress.yaml` names, else `vocabulary.txt` next to the guides), sorted and unique.

use super::{CmdResult, Outcome};
use guidepress::project::Error;
use guidepress::settings::Settings;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug)]
pub enum VocabCommand {
    /// Add words to the vocabulary file (sorted, de-duplicated)
    Add {
        /// Words to accept, as they are spelled in the text
        #[arg(required = true)]
        words: Vec<String>,
        /// Guide folder whose vocabulary to use (default: content)
        #[arg(long, default_value = "content")]
        dir: PathBuf,
        /// Configuration file (default: .guidepress.yaml in the current directory or a parent)
        #[arg(long)]
        config: Option<PathBuf>,
    },
}

pub fn run(command: &VocabCommand) -> CmdResult {
    let VocabCommand::Add { words, dir, config } = command;
    for w in words {
        if w.trim().is_empty()
            || w.chars()
                .any(|c| c.is_whitespace() || c == '#' || c.is_control())
        {
            return Err(Error::Usage(format!(
                "`{}` is not a word: one word per argument, without spaces or `#`",
                guidepress::diag::render::esc(w)
            ))
            .into());
        }
    }
    let settings =
        Settings::load(config.as_deref(), std::slice::from_ref(dir)).map_err(Error::Config)?;
    let file = settings.vocabulary_target().to_path_buf();
    let added =
        guidepress::config::add_to_word_list(&file, words).map_err(|e| Error::io(&file, &e))?;
    writeln!(
        std::io::stdout(),
        "added {} word{} to {}{}",
        added.len(),
        if added.len() == 1 { "" } else { "s" },
        file.display(),
        if added.len() < words.len() {
            " (the others were already there)"
        } else {
            ""
        }
    )?;
    Ok(Outcome::Clean)
}

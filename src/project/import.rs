//! `import`: Markdown or plain-text articles turned into guides. Every result is validated
//! before anything is written; the files are then created together, each only where nothing
//! is (create-new), all of them or none.

use super::{Error, Project};
use crate::fs::commit::{Staged, commit_all_new};
use crate::fs::shown;
use crate::import::{Imported, Kind};
use crate::load::{ReadError, SourceFile};
use crate::validate::semantic::{is_reserved, is_slug};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One article [`Project::import`] turned into a guide.
pub struct ImportedFile {
    /// The article's path as shown in messages.
    pub name: String,
    /// The guide file written.
    pub target: PathBuf,
    /// What the reader found (title, counts, warnings) and the guide's YAML.
    pub imported: Imported,
}

impl Project {
    /// Import `files` into guides in `out` (created when missing), `id` naming the one
    /// guide of a one-file import. Refuses (exit 2, nothing written) a bad id, an output
    /// that exists, two articles that would become one file, and a result that does not
    /// validate.
    pub fn import(
        files: &[PathBuf],
        out: &Path,
        id: Option<&str>,
    ) -> Result<Vec<ImportedFile>, Error> {
        if let Some(id) = id {
            if files.len() > 1 {
                return Err(Error::Usage(
                    "`--id` names one guide: import one file at a time with it".into(),
                ));
            }
            if !is_slug(id) || is_reserved(id) {
                return Err(Error::Usage(format!(
                    "`{id}` is not a usable guide id: use lowercase letters, digits and single hyphens, e.g. `chemical-peels`"
                )));
            }
        }
        if out.exists() && !out.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a file, not a folder",
                shown(out)
            )));
        }
        let mut results = Vec::new();
        let mut targets = BTreeMap::new();
        for file in files {
            let result = import_one(file, out, id)?;
            // a quick answer; the guarantee is the create-new commit below
            if result.target.symlink_metadata().is_ok() {
                return Err(exists(&result.target));
            }
            if let Some(other) = targets.insert(result.target.clone(), result.name.clone()) {
                return Err(Error::Usage(format!(
                    "{other} and {} would both become {}; import them one at a time with --id",
                    result.name,
                    shown(&result.target)
                )));
            }
            results.push(result);
        }
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let mut staged = Vec::new();
        for r in &results {
            staged.push(
                Staged::write(r.target.clone(), r.imported.yaml.as_bytes().to_vec().into())
                    .map_err(|(p, e)| Error::io(&p, e))?,
            );
        }
        // each file created only if nothing is there (a file made meanwhile by the user or
        // another run is never replaced); when one exists, none of them is kept
        commit_all_new(staged).map_err(|(p, e)| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                exists(&p)
            } else {
                Error::io(&p, e)
            }
        })?;
        Ok(results)
    }
}

fn exists(target: &Path) -> Error {
    Error::Usage(format!(
        "{} already exists; not overwriting it (choose another id with --id or --out)",
        shown(target)
    ))
}

/// Read and convert one article, and prove the result is a valid guide.
fn import_one(file: &Path, out: &Path, id: Option<&str>) -> Result<ImportedFile, Error> {
    let name = shown(file);
    // a regular file of at most MAX_INPUT_BYTES (a FIFO is refused before it is opened)
    let bytes = crate::util::read_input(file).map_err(|u| match u.source {
        Some(e) => Error::io(file, e),
        None => Error::Usage(format!("{name}: cannot import: {}", u.reason)),
    })?;
    let text = match crate::load::source_from_bytes(&name, bytes) {
        Ok(src) => src.text,
        Err(ReadError::Io(d) | ReadError::Content(d)) => {
            return Err(Error::Usage(format!(
                "{name}: cannot import: {} (expected a UTF-8 text or Markdown file)",
                d.message
            )));
        }
    };
    let mut imported = crate::import::import(&text, Kind::of(file), &name, id);
    // the schema modeline `new` writes, so editors check the guide as it is edited
    imported.yaml = crate::scaffold::modeline(out) + &imported.yaml;
    let target = out.join(format!("{}.yaml", imported.id));
    let outcome = crate::validate::validate_source(SourceFile::new(
        target.display().to_string(),
        imported.yaml.clone(),
        false,
    ));
    if outcome.document.is_none() {
        let msgs: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        return Err(Error::Usage(format!(
            "{name}: the imported guide does not validate ({}); please report this",
            msgs.join("; ")
        )));
    }
    Ok(ImportedFile {
        name,
        target,
        imported,
    })
}

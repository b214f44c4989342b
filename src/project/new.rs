//! `new`: a valid starting guide written from the template ([`crate::template`]), never
//! over an existing file.

use super::{Error, Project};
use crate::fs::commit::{Staged, commit_all_new};
use crate::fs::shown;
use crate::validate::semantic::{is_reserved, is_slug};
use std::path::{Path, PathBuf};

/// The guide [`Project::new_guide`] wrote.
pub struct NewGuide {
    /// The file written.
    pub path: PathBuf,
    /// Whether a `schema/guide.schema.json` was found in the folder or a parent (without
    /// one, the modeline points where `init` would put it and editors cannot check yet).
    pub schema_found: bool,
}

impl Project {
    /// Write the guide `id` (titled `title`, else from the id) into `dir` (created when
    /// missing), only where nothing is (create-new). Refuses (exit 2) an id that is not a
    /// slug or is reserved on Windows, an empty title or one with a control character, and
    /// an existing file.
    pub fn new_guide(id: &str, dir: &Path, title: Option<&str>) -> Result<NewGuide, Error> {
        check_id_and_title(id, title)?;
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Usage(format!(
                "{} is a file, not a folder: give `--dir` a folder (it is created when missing)",
                shown(dir)
            )));
        }
        let path = dir.join(format!("{id}.yaml"));
        let exists = || {
            Error::Usage(format!(
                "{} already exists; not overwriting it",
                shown(&path)
            ))
        };
        // a quick answer; the guarantee is the create-new commit below
        if path.symlink_metadata().is_ok() {
            return Err(exists());
        }
        let title = title.map_or_else(|| title_from(id), str::to_string);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let found = crate::scaffold::schema_ref(dir);
        let schema = (found.clone()).unwrap_or_else(|| "../schema/guide.schema.json".to_string());
        let text = crate::template::guide(id, &title, &schema);
        // created only if nothing is there: a file made meanwhile (by the user or another
        // `new`) is never replaced
        let staged = Staged::write(path.clone(), text.into_bytes().into())
            .map_err(|(p, e)| Error::io(&p, e))?;
        commit_all_new(vec![staged]).map_err(|(p, e)| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                exists()
            } else {
                Error::io(&p, e)
            }
        })?;
        Ok(NewGuide {
            path,
            schema_found: found.is_some(),
        })
    }
}

fn check_id_and_title(id: &str, title: Option<&str>) -> Result<(), Error> {
    if !is_slug(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a guide id: use lowercase letters, digits and single hyphens, e.g. `chemical-peels`"
        )));
    }
    if is_reserved(id) {
        return Err(Error::Usage(format!(
            "`{id}` is a reserved file name on Windows: choose another id"
        )));
    }
    if let Some(t) = title {
        if t.trim().is_empty() {
            return Err(Error::Usage(
                "the title is empty: give the guide a title".into(),
            ));
        }
        if let Some(c) = t.chars().find(|c| c.is_control()) {
            return Err(Error::Usage(format!(
                "the title holds a control character ({}): a title is one line of text",
                c.escape_unicode()
            )));
        }
    }
    Ok(())
}

/// A title from an id: its words capitalised (`chemical-peels` → `Chemical Peels`).
fn title_from(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles() {
        assert!(is_slug("a-1") && !is_slug("A") && !is_slug("a--b") && !is_slug("../x"));
        assert_eq!(title_from("chemical-peels"), "Chemical Peels");
    }

    #[test]
    fn new_writes_a_valid_guide_once() {
        let dir = tempfile::tempdir().unwrap();
        let made = Project::new_guide("chemical-peels", dir.path(), None).unwrap();
        assert!(!made.schema_found);
        let text = std::fs::read_to_string(&made.path).unwrap();
        let o =
            crate::validate::validate_source(crate::load::SourceFile::new("t.yaml", text, false));
        assert!(o.document.is_some(), "{:?}", o.diagnostics);
        let again = Project::new_guide("chemical-peels", dir.path(), None);
        assert!(matches!(again, Err(Error::Usage(m)) if m.contains("already exists")));
    }
}

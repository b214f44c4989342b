//! `guidepress new <id>`: write a valid starting guide from a template. Refuses to overwrite.

use super::{CmdResult, Outcome};
use guidepress::fs::commit::{Staged, commit_all_new};
use guidepress::fs::shown;
use guidepress::project::Error;
use guidepress::validate::semantic::{is_reserved, is_slug};
use std::io::Write;
use std::path::Path;

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

/// The modeline's path to the schema, relative to `dir` (which exists): the nearest
/// `schema/guide.schema.json` in `dir` or a parent (what `guidepress init` writes). `None`
/// when there is none; the caller then points at where `init` would put it and says so.
fn schema_ref(dir: &Path) -> Option<String> {
    guidepress::scaffold::schema_ref(dir)
}

pub fn run(id: &str, dir: &Path, title: Option<&str>) -> CmdResult {
    if !is_slug(id) {
        return Err(Error::Usage(format!(
            "`{id}` is not a guide id: use lowercase letters, digits and single hyphens, e.g. `chemical-peels`"
        ))
        .into());
    }
    if is_reserved(id) {
        return Err(Error::Usage(format!(
            "`{id}` is a reserved file name on Windows: choose another id"
        ))
        .into());
    }
    if let Some(t) = title {
        if t.trim().is_empty() {
            return Err(Error::Usage("the title is empty: give the guide a title".into()).into());
        }
        if let Some(c) = t.chars().find(|c| c.is_control()) {
            return Err(Error::Usage(format!(
                "the title holds a control character ({}): a title is one line of text",
                c.escape_unicode()
            ))
            .into());
        }
    }
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder: give `--dir` a folder (it is created when missing)",
            shown(dir)
        ))
        .into());
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
        return Err(exists().into());
    }
    let title = title.map_or_else(|| title_from(id), str::to_string);
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let found = schema_ref(dir);
    let schema = found
        .clone()
        .unwrap_or_else(|| "../schema/guide.schema.json".to_string());
    let text = guidepress::template::guide(id, &title, &schema);
    // created only if nothing is there: a file made meanwhile (by the user or another
    // `new`) is never replaced
    let staged = Staged::write(path.clone(), text.into_bytes().into())
        .map_err(|(p, e)| Error::io(&p, &e))?;
    commit_all_new(vec![staged]).map_err(|(p, e)| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            Error::io(&p, &e)
        }
    })?;
    writeln!(
        std::io::stdout(),
        "wrote {} — edit it, then run `guidepress check {}`",
        shown(&path),
        shown(&path)
    )?;
    if found.is_none() {
        writeln!(
            std::io::stdout(),
            "note: no schema/guide.schema.json in {} or a parent, so editors cannot check the guide yet: run `guidepress init` in the project folder (or `guidepress schema > schema/guide.schema.json`)",
            shown(dir)
        )?;
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_titles() {
        assert!(is_slug("a-1") && !is_slug("A") && !is_slug("a--b") && !is_slug("../x"));
        assert_eq!(title_from("chemical-peels"), "Chemical Peels");
    }
}

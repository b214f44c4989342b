//! What guidepress wrote in an output folder: `.guidepress-manifest`, one file name per
//! line, sorted. `build` and `export --out DIR` replace only files listed there (written
//! by an earlier run) and never a file of the user's; the manifest is staged and committed
//! with the exports themselves (all or nothing), under the folder's lock.
//!
//! Upgrade path: a folder without a manifest that is the project's default output folder
//! (`exports/` under the project root, which `init` keeps out of git and earlier versions
//! wrote without a manifest) is taken over as guidepress's own: its files at the names this
//! run writes are replaced, and the manifest starts there. Any other folder without a
//! manifest is the user's: an existing file at an output's name is refused.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The manifest's name inside an output folder.
pub const FILE: &str = ".guidepress-manifest";

/// The largest manifest read (far beyond any real one); a larger file is refused.
const MAX_BYTES: u64 = 16 << 20;

/// Why an output folder's files may not be replaced.
#[derive(Debug)]
pub(crate) enum Refused {
    /// `path` exists, guidepress did not write it (the message says how to proceed).
    NotOurs(PathBuf, String),
    /// The manifest could not be read.
    Io(PathBuf, std::io::Error),
}

/// The names listed in `out`'s manifest; `None` when there is none.
fn read(out: &Path) -> Result<Option<BTreeSet<String>>, Refused> {
    let path = out.join(FILE);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refused::Io(path, e)),
    };
    if !meta.is_file() {
        return Err(Refused::Io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the output folder's manifest is not a regular file",
            ),
        ));
    }
    if meta.len() > MAX_BYTES {
        return Err(Refused::Io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "the output folder's manifest is larger than {} MiB",
                    MAX_BYTES >> 20
                ),
            ),
        ));
    }
    let text = std::fs::read(&path).map_err(|e| Refused::Io(path.clone(), e))?;
    Ok(Some(
        String::from_utf8_lossy(&text)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    ))
}

/// Check that every existing file among `targets` (files directly in `out`) was written by
/// guidepress (listed in the manifest; in the default folder without a manifest, see the
/// module) and return the new manifest's bytes: the earlier entries whose file is still
/// there, and every target.
pub(crate) fn check(
    out: &Path,
    targets: &[PathBuf],
    default_folder: bool,
) -> Result<Vec<u8>, Refused> {
    let listed = read(out)?;
    let adopt = listed.is_none() && default_folder;
    let mut names: BTreeSet<String> = BTreeSet::new();
    if let Some(listed) = &listed {
        names.extend(
            listed
                .iter()
                .filter(|n| std::fs::symlink_metadata(out.join(n)).is_ok())
                .cloned(),
        );
    }
    for target in targets {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let exists = std::fs::symlink_metadata(target).is_ok();
        let ours = listed.as_ref().is_some_and(|l| l.contains(&name));
        if exists && !ours && !adopt {
            let why = match &listed {
                Some(_) => format!("it is not listed in {}", out.join(FILE).display()),
                None => {
                    format!("the folder has no {FILE}: guidepress has not written there before")
                }
            };
            return Err(Refused::NotOurs(
                target.clone(),
                format!(
                    "exists and was not written by guidepress ({why}); nothing was written: move or delete the file, or choose another --out folder"
                ),
            ));
        }
        names.insert(name);
    }
    let mut text = String::from(
        "# Files guidepress wrote in this folder (build, export --out); only these are replaced.\n",
    );
    for n in &names {
        text.push_str(n);
        text.push('\n');
    }
    Ok(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let a = out.join("a.html");
        let b = out.join("b.txt");
        // a fresh folder: nothing to refuse
        let m = check(out, std::slice::from_ref(&a), false).unwrap();
        assert_eq!(
            String::from_utf8(m.clone()).unwrap().lines().last(),
            Some("a.html")
        );
        std::fs::write(out.join(FILE), &m).unwrap();
        std::fs::write(&a, "ours").unwrap();
        std::fs::write(&b, "theirs").unwrap();
        // a.html is listed, b.txt is not
        check(out, std::slice::from_ref(&a), false).unwrap();
        match check(out, &[a.clone(), b.clone()], false) {
            Err(Refused::NotOurs(p, _)) => assert_eq!(p, b),
            other => panic!("{other:?}"),
        }
        // earlier entries stay while their file is there
        let c = out.join("c.pdf");
        let m = String::from_utf8(check(out, std::slice::from_ref(&c), false).unwrap()).unwrap();
        assert!(m.contains("\na.html\nc.pdf\n"), "{m}");
    }

    #[test]
    fn without_a_manifest_only_the_default_folder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.html");
        std::fs::write(&a, "old export").unwrap();
        assert!(matches!(
            check(dir.path(), std::slice::from_ref(&a), false),
            Err(Refused::NotOurs(..))
        ));
        assert!(check(dir.path(), std::slice::from_ref(&a), true).is_ok());
    }
}

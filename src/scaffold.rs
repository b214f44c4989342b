//! `guidepress init`: the files a fresh guide repository needs, written all together and
//! never over an existing file. Templates live in `assets/init/`.

use crate::export::Rendered;
use crate::fs::commit::{Staged, commit_all_new};
use crate::project::Error;
use std::path::{Path, PathBuf};

/// The git revision this binary was built from (set by build.rs in a git checkout).
pub const GIT_REV: Option<&str> = option_env!("GUIDEPRESS_GIT_REV");

/// Where guidepress is installed from in the generated workflow: the crate's `repository`
/// when set, else a placeholder the user must fill in (see [`Plan::notes`]).
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const PLACEHOLDER_GIT: &str = "https://example.invalid/set-me/guidepress.git";

/// Path (relative to the project folder) and text of every file `init` writes.
pub fn files() -> Vec<(&'static str, String)> {
    let rev = GIT_REV.map_or_else(|| format!("v{}", env!("CARGO_PKG_VERSION")), str::to_string);
    let git = if REPOSITORY.is_empty() {
        PLACEHOLDER_GIT
    } else {
        REPOSITORY
    };
    vec![
        (
            crate::config::FILE_NAME,
            include_str!("../assets/init/guidepress.yaml").to_string(),
        ),
        (
            "content/vocabulary.txt",
            include_str!("../assets/init/vocabulary.txt").to_string(),
        ),
        (
            "schema/guide.schema.json",
            crate::validate::schema::SCHEMA_TEXT.to_string(),
        ),
        (
            ".pre-commit-config.yaml",
            include_str!("../assets/init/pre-commit-config.yaml").to_string(),
        ),
        (
            ".github/workflows/guides.yml",
            include_str!("../assets/init/workflow.yml")
                .replace("{git}", git)
                .replace("{rev}", &rev),
        ),
    ]
}

/// What `init` did.
pub struct Plan {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files that already existed and were left as they are.
    pub kept: Vec<PathBuf>,
    /// Things the user still has to do.
    pub notes: Vec<String>,
}

/// Write every missing file of [`files`] under `dir` (created when missing), all or none.
pub fn init(dir: &Path) -> Result<Plan, Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file, not a folder: `init` sets up a folder",
            crate::fs::shown(dir)
        )));
    }
    let mut staged = Vec::new();
    let mut kept = Vec::new();
    let mut notes = Vec::new();
    for (rel, text) in files() {
        let path = dir.join(rel);
        if path.symlink_metadata().is_ok() {
            kept.push(path);
            continue;
        }
        let folder = crate::util::folder_of(&path);
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, &e))?;
        if rel.ends_with("guides.yml") && text.contains(PLACEHOLDER_GIT) {
            notes.push(format!(
                "set GUIDEPRESS_GIT in {} to the git repository you install guidepress from",
                crate::fs::shown(&path)
            ));
        }
        staged.push(
            Staged::write(path, Rendered::from(text.into_bytes()))
                .map_err(|(p, e)| Error::io(&p, &e))?,
        );
    }
    // a file that appeared since the check above is not replaced: each file is created
    // only where nothing is (create-new), and when one exists none is kept
    let written = commit_all_new(staged)
        .map_err(|(p, e)| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(format!(
                    "{} appeared while `init` ran; nothing was written",
                    crate::fs::shown(&p)
                ))
            } else {
                Error::io(&p, &e)
            }
        })?
        .into_iter()
        .map(|w| w.path)
        .collect();
    Ok(Plan {
        written,
        kept,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_writes_a_project_that_checks_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".guidepress.yaml"), "rules: {}\n# mine\n").unwrap();
        let plan = init(dir.path()).unwrap();
        assert_eq!(plan.written.len(), 4);
        assert_eq!(plan.kept, [dir.path().join(".guidepress.yaml")]);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".guidepress.yaml")).unwrap(),
            "rules: {}\n# mine\n"
        );
        // the starter config compiles, the schema is the shipped one
        let (config, src) = crate::config::Config::read(
            &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/init/guidepress.yaml"),
        )
        .unwrap();
        crate::settings::Settings::compile(config, &src, None, dir.path().to_path_buf()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("schema/guide.schema.json")).unwrap(),
            crate::validate::schema::SCHEMA_TEXT
        );
        let again = init(dir.path()).unwrap();
        assert!(again.written.is_empty());
        assert_eq!(again.kept.len(), 5);
    }

    #[test]
    fn generated_yaml_files_parse() {
        for (rel, text) in files() {
            if rel.ends_with(".yaml") || rel.ends_with(".yml") {
                serde_yaml::from_str::<serde_yaml::Value>(&text)
                    .unwrap_or_else(|e| panic!("{rel}: {e}"));
            }
        }
    }
}

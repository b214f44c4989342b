//! `guidepress init`: the files a fresh guide repository needs, written all together and
//! never over an existing file. Templates live in `assets/init/`.

use crate::error::Error;
use crate::fs::commit::{Rendered, Staged, commit_all_new};
use std::path::{Path, PathBuf};

/// Where guidepress is installed from in the generated workflow: the crate's `repository`
/// when set, else a placeholder the user must fill in (see [`Plan::notes`]).
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
const PLACEHOLDER_GIT: &str = "https://example.invalid/set-me/guidepress.git";

/// Path (relative to the project folder) and text of every file `init` writes.
pub fn files() -> Vec<(&'static str, String)> {
    let rev =
        crate::GIT_REV.map_or_else(|| format!("v{}", env!("CARGO_PKG_VERSION")), str::to_string);
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
            include_str!("../assets/init/pre-commit-config.yaml")
                .replace("{version}", env!("CARGO_PKG_VERSION")),
        ),
        (
            ".gitignore",
            include_str!("../assets/init/gitignore").to_string(),
        ),
        (
            ".github/workflows/guides.yml",
            include_str!("../assets/init/workflow.yml")
                .replace("{git}", git)
                .replace("{rev}", &rev),
        ),
    ]
}

/// What `.gitignore` must hold for the build output not to be committed.
const GITIGNORE_EXPORTS: &str = "/exports/";

/// The modeline's path to the schema, relative to `dir` (which need not exist yet): the
/// nearest `schema/guide.schema.json` in `dir` or a parent (what `init` writes), with
/// forward slashes (editors read it on every platform). `None` when there is none.
pub(crate) fn schema_ref(dir: &Path) -> Option<String> {
    let dir = std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .ok()?;
    let mut up = dir.clone();
    loop {
        let candidate = up.join("schema").join("guide.schema.json");
        if candidate.is_file() {
            let rel = pathdiff::diff_paths(&candidate, &dir)?;
            return Some(rel.to_string_lossy().replace('\\', "/"));
        }
        if !up.pop() {
            return None;
        }
    }
}

/// The first line of a guide written into `dir`: the schema modeline editors read (the
/// language server, the YAML extension), pointing where `init` would put the schema when
/// there is none yet.
pub fn modeline(dir: &Path) -> String {
    let schema = schema_ref(dir).unwrap_or_else(|| "../schema/guide.schema.json".to_string());
    format!("# yaml-language-server: $schema={schema}\n")
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
            if rel == ".gitignore"
                && std::fs::read_to_string(&path).is_ok_and(|t| !ignores_exports(&t))
            {
                notes.push(format!(
                    "add `{GITIGNORE_EXPORTS}` to {} so the build output is not committed",
                    path.display()
                ));
            }
            kept.push(path);
            continue;
        }
        let folder = crate::util::folder_of(&path);
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        if rel.ends_with("guides.yml") && text.contains(PLACEHOLDER_GIT) {
            notes.push(format!(
                "set GUIDEPRESS_GIT in {} to the git repository you install guidepress from",
                crate::fs::shown(&path)
            ));
        }
        staged.push(
            Staged::write(path, Rendered::from(text.into_bytes()))
                .map_err(|(p, e)| Error::io(&p, e))?,
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
                Error::io(&p, e)
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

/// Whether a `.gitignore` already keeps `exports/` out of git (any usual spelling).
fn ignores_exports(text: &str) -> bool {
    text.lines().map(str::trim).any(|l| {
        matches!(
            l,
            "exports" | "exports/" | "/exports" | "/exports/" | "exports/*" | "/exports/*"
        )
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
        assert_eq!(plan.written.len(), 5);
        assert!(plan.notes.iter().all(|n| !n.contains(".gitignore")));
        assert!(ignores_exports(
            &std::fs::read_to_string(dir.path().join(".gitignore")).unwrap()
        ));
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
        assert_eq!(again.kept.len(), 6);
    }

    #[test]
    fn an_existing_gitignore_is_kept_and_a_note_says_what_to_add() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "target/\n").unwrap();
        let plan = init(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            "target/\n"
        );
        assert!(
            plan.notes.iter().any(|n| n.contains("/exports/")),
            "{:?}",
            plan.notes
        );
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join(".gitignore"), "/exports\n").unwrap();
        assert!(
            init(other.path())
                .unwrap()
                .notes
                .iter()
                .all(|n| !n.contains("/exports/"))
        );
    }

    #[test]
    fn the_modeline_points_at_the_nearest_schema_from_a_folder_that_may_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        assert_eq!(
            schema_ref(&dir.path().join("content")).as_deref(),
            Some("../schema/guide.schema.json")
        );
        assert_eq!(
            schema_ref(&dir.path().join("content/new/deeper")).as_deref(),
            Some("../../../schema/guide.schema.json")
        );
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

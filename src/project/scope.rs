//! Which configuration applies to which guide. Without `--config`, each guide is checked with
//! the nearest `.guidepress.yaml` in its folder or a parent (like ruff and ESLint), whatever
//! the working directory; a guide with none above it gets the project's own configuration
//! (found from the working directory, else defaults). With `--config`, that file applies to
//! every guide. Each configuration is read once and its spelling lexicon built once.

use crate::diag::Diagnostic;
use crate::lint::Lexicon;
use crate::settings::Settings;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// One configuration and the lexicon built from it (on first use).
pub(crate) struct Scope {
    pub settings: Arc<Settings>,
    lexicon: OnceLock<Arc<Lexicon>>,
}

impl Scope {
    pub(crate) fn new(settings: Arc<Settings>) -> Arc<Scope> {
        Arc::new(Scope {
            settings,
            lexicon: OnceLock::new(),
        })
    }

    /// The spelling lexicon: dictionary + vocabulary + `ignore_words` (built once).
    pub(crate) fn lexicon(&self) -> Arc<Lexicon> {
        self.lexicon
            .get_or_init(|| {
                let mut words = self.settings.vocabulary_words.clone();
                words.extend(self.settings.config.ignore_words.iter().cloned());
                Arc::new(Lexicon::with_dictionaries(
                    &words,
                    self.settings.dictionaries.clone(),
                ))
            })
            .clone()
    }
}

/// What a configuration lookup gives: the scope, or the config file's error.
pub(crate) type Resolved = Result<Arc<Scope>, Box<Diagnostic>>;

/// The configurations of one run, found per guide and cached per folder and per file.
pub(crate) struct Scopes {
    /// `--config` (or settings given by a caller): one scope for every guide.
    explicit: bool,
    primary: Arc<Scope>,
    /// Canonical path of the primary config file, when there is one.
    primary_path: Option<PathBuf>,
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    by_config: Mutex<HashMap<PathBuf, Resolved>>,
}

impl Scopes {
    pub(crate) fn new(primary: Arc<Settings>, explicit: bool) -> Scopes {
        let primary_path = primary
            .path
            .as_ref()
            .and_then(|p| std::fs::canonicalize(p).ok());
        Scopes {
            explicit,
            primary: Scope::new(primary),
            primary_path,
            by_dir: Mutex::new(HashMap::new()),
            by_config: Mutex::new(HashMap::new()),
        }
    }

    /// The project's own scope (`--config`, the working directory's config, or defaults).
    pub(crate) fn primary(&self) -> &Arc<Scope> {
        &self.primary
    }

    /// The scope of the guide at `file` (which need not exist: a guide on standard input is
    /// placed by its `--stdin-filename`).
    pub(crate) fn for_file(&self, file: &Path) -> Resolved {
        if self.explicit {
            return Ok(self.primary.clone());
        }
        let Some(config) = self.nearest_config(file) else {
            return Ok(self.primary.clone());
        };
        if Some(&config) == self.primary_path.as_ref() {
            return Ok(self.primary.clone());
        }
        let mut cache = self.by_config.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(config.clone())
            .or_insert_with(|| {
                // shown relative to the working directory when inside it
                let shown = std::env::current_dir()
                    .ok()
                    .and_then(|cwd| std::fs::canonicalize(cwd).ok())
                    .and_then(|cwd| config.strip_prefix(cwd).ok().map(Path::to_path_buf))
                    .unwrap_or_else(|| config.clone());
                // without `vocabulary:` the project's words live in `content/vocabulary.txt`
                // beside the config (or beside it when there is no content folder)
                let base = crate::util::folder_of(&shown).to_path_buf();
                let guides = if base.join("content").is_dir() {
                    base.join("content")
                } else {
                    base
                };
                Settings::load(Some(&shown), &[guides])
                    .map(|s| Scope::new(Arc::new(s)))
                    // a finding in the check: the I/O error behind it is not kept
                    .map_err(|e| e.diagnostic)
            })
            .clone()
    }

    /// Every configuration and vocabulary file read so far (a long-running caller such as the
    /// language server reloads when one of them changes).
    pub(crate) fn inputs(&self) -> Vec<PathBuf> {
        fn add(out: &mut Vec<PathBuf>, s: &Settings) {
            out.extend(s.path.clone());
            out.extend(s.vocabulary_files.iter().cloned());
        }
        let mut out = Vec::new();
        add(&mut out, &self.primary.settings);
        let cache = self.by_config.lock().unwrap_or_else(|e| e.into_inner());
        for (config, scope) in cache.iter() {
            match scope {
                Ok(scope) => add(&mut out, &scope.settings),
                Err(_) => out.push(config.clone()),
            }
        }
        out
    }

    /// The `.guidepress.yaml` nearest above `file` (canonical path), if any.
    pub(crate) fn config_of(&self, file: &Path) -> Option<PathBuf> {
        self.nearest_config(file)
    }

    /// The canonical path of the `.guidepress.yaml` nearest above `file`, if any.
    fn nearest_config(&self, file: &Path) -> Option<PathBuf> {
        let full = std::fs::canonicalize(file)
            .or_else(|_| std::path::absolute(file))
            .ok()?;
        let start = full.parent()?.to_path_buf();
        let mut cache = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
        let mut dir = start.clone();
        let mut visited = Vec::new();
        let found = loop {
            if let Some(known) = cache.get(&dir) {
                break known.clone();
            }
            visited.push(dir.clone());
            let candidate = dir.join(crate::config::FILE_NAME);
            // a folder, a dangling symlink or a loop by that name is this guide's config
            // too: reading it fails and the guide is reported (exit 2), never checked with
            // other settings
            if candidate.symlink_metadata().is_ok() {
                break Some(std::fs::canonicalize(&candidate).unwrap_or(candidate));
            }
            if !dir.pop() {
                break None;
            }
        };
        for d in visited {
            cache.insert(d, found.clone());
        }
        found
    }
}

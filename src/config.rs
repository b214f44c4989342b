//! Project configuration: `.guidepress.yaml` at the project root (found in the current
//! directory or the nearest parent), or the file given with `--config`.

use crate::diag::Code;
use crate::diag::{Diagnostic, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = ".guidepress.yaml";

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
    /// Same, for whole paragraphs.
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
    pub subject: Option<String>,
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
    /// Substitutions for the terminology rule.
    pub terminology: Vec<Term>,
    pub near_duplicate: NearDuplicate,
    pub duplicate_heading: DuplicateHeading,
    pub health: Health,
    /// Folder the config was loaded from (paths resolve against it).
    #[serde(skip)]
    pub root: PathBuf,
    /// Words loaded from the vocabulary files.
    #[serde(skip)]
    pub vocabulary_words: Vec<String>,
    /// `terminology` patterns compiled once per run: `(?i)\b(?:pattern)\b`.
    #[serde(skip)]
    pub terminology_regexes: Vec<regex::Regex>,
    /// The claims list (shipped + `health.claims`), compiled on first use: one combined
    /// regex (a fast "any claim here?" filter) and one regex per claim.
    #[serde(skip)]
    pub claims_cache: std::sync::OnceLock<(regex::Regex, Vec<(regex::Regex, Claim)>)>,
}

impl Config {
    /// Load `explicit`, or discover `.guidepress.yaml` from the current directory upward.
    /// No file found means defaults. Errors are I/O or usage errors (exit 2).
    pub fn load(explicit: Option<&Path>) -> Result<Config, Box<Diagnostic>> {
        Self::load_for(explicit, &[])
    }

    /// Like [`Config::load`], but when neither `--config` nor the current directory (or a
    /// parent) has a config, look upward from the first checked path as well — so
    /// `guidepress check ../site/content` uses `../site/.guidepress.yaml`.
    pub fn load_for(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config, Box<Diagnostic>> {
        let path = match explicit {
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
        };
        let Some(path) = path else {
            return Ok(Config {
                root: PathBuf::from("."),
                ..Config::default()
            });
        };
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Box::new(Diagnostic::error(
                Code::Config,
                &name,
                format!("cannot read config: {}", crate::util::io_reason(&e)),
            ))
        })?;
        let mut cfg: Config = if text.trim().is_empty() {
            Config::default()
        } else {
            serde_yaml::from_str(&text).map_err(|e| {
                let mut d = Diagnostic::error(Code::Config, &name, format!("invalid config: {e}"));
                if let Some(loc) = e.location() {
                    let src = crate::load::SourceFile::new(&name, text.clone(), false);
                    d.location = Some(src.location(loc.index(), loc.index()));
                }
                Box::new(d)
            })?
        };
        cfg.root = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if cfg.root.as_os_str().is_empty() {
            cfg.root = PathBuf::from(".");
        }
        for rule in cfg.rules.keys() {
            if !Code::rule_ids().any(|id| id == rule) {
                let mut d = Diagnostic::error(
                    Code::Config,
                    &name,
                    format!("unknown rule `{rule}` in `rules`"),
                );
                if let Some(best) = crate::validate::schema::did_you_mean(
                    rule,
                    &Code::rule_ids().map(|s| s.to_string()).collect::<Vec<_>>(),
                ) {
                    d = d.note(format!("help: did you mean `{best}`?"));
                }
                return Err(Box::new(d));
            }
        }
        for t in &cfg.terminology {
            // check the pattern as written (clear errors), then compile it as a whole-word match
            match regex::Regex::new(&t.pattern)
                .and_then(|_| regex::Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", t.pattern)))
            {
                Ok(re) => cfg.terminology_regexes.push(re),
                Err(e) => {
                    return Err(Box::new(Diagnostic::error(
                        Code::Config,
                        &name,
                        format!(
                            "terminology pattern `{}` is not a valid regex: {e}",
                            t.pattern
                        ),
                    )));
                }
            }
        }
        for c in &cfg.health.claims {
            if let Err(e) = regex::Regex::new(&c.pattern) {
                return Err(Box::new(Diagnostic::error(
                    Code::Config,
                    &name,
                    format!("claims pattern `{}` is not a valid regex: {e}", c.pattern),
                )));
            }
        }
        let mut words = Vec::new();
        for v in &cfg.vocabulary {
            let p = cfg.root.join(v);
            let text = std::fs::read_to_string(&p).map_err(|e| {
                Box::new(Diagnostic::error(
                    Code::Config,
                    &name,
                    format!(
                        "cannot read vocabulary file {}: {}",
                        p.display(),
                        crate::util::io_reason(&e)
                    ),
                ))
            })?;
            words.extend(parse_word_list(&text));
        }
        cfg.vocabulary_words = words;
        Ok(cfg)
    }

    /// Configured severity of a rule, or its default.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(rule) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}

/// One word per line; blank lines and `#` comments ignored.
pub fn parse_word_list(text: &str) -> Vec<String> {
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
        if candidate.is_file() {
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

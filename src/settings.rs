//! Settings: the plain [`Config`] checked and compiled once, at load. Every regex (project
//! terminology, shipped and project claims), every threshold and every vocabulary file is
//! checked here; a bad one is a located `config` diagnostic (exit 2), never a silent drop or
//! a cache a rule fills later.

use crate::config::{Claim, Config, Subject, Term};
use crate::diag::{Code, Diagnostic, Severity};
use crate::error::ConfigError;
use crate::load::{Node, SourceFile};
pub(crate) use crate::util::Unreadable;
mod claim_filter;

pub(crate) use claim_filter::AnyClaim;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The shipped claims list (assets/rules/claims.yaml).
const CLAIMS_YAML: &str = include_str!("../assets/rules/claims.yaml");
/// Risk statements per subject for the contradiction hint (assets/rules/risks.yaml).
const RISKS_YAML: &str = include_str!("../assets/rules/risks.yaml");

/// The word list found next to the guides when no config names one.
pub(crate) const VOCABULARY_FILE: &str = "vocabulary.txt";

/// Largest vocabulary file read: a word list of a million words is about 10 MB.
pub const MAX_WORD_LIST_BYTES: u64 = 16 << 20;
/// Largest Hunspell `.aff` or `.dic` file read (large dictionaries are under 20 MB).
pub(crate) const MAX_DICTIONARY_BYTES: u64 = 64 << 20;

impl Unreadable {
    /// The configuration error `diagnostic` caused by this.
    fn into_config_error(self, diagnostic: Box<Diagnostic>) -> ConfigError {
        ConfigError {
            diagnostic,
            source: self.source,
        }
    }
}

/// Read a word list or dictionary of at most `cap` bytes, or say why not in words that
/// follow "cannot read FILE: ". Only a regular file is read (a device such as /dev/zero or a
/// FIFO may never end, or block), and through a reader that stops one byte past the cap, so
/// even a file that grows while it is read costs at most `cap` bytes of memory.
pub(crate) fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, Unreadable> {
    crate::util::read_capped_for(path, cap, "word lists and dictionaries")
}

/// [`read_capped`] as UTF-8 text (a word list).
pub(crate) fn read_word_list(path: &Path) -> Result<String, Unreadable> {
    String::from_utf8(read_capped(path, MAX_WORD_LIST_BYTES)?)
        .map_err(|_| "stream did not contain valid UTF-8".to_string().into())
}

/// A claim and its whole-word, case-insensitive regex: a project's claims are compiled at
/// load (a broken pattern is a config error); the shipped ones (tested to compile) on first
/// use, as most runs need only the few a guide's text can match.
pub(crate) struct CompiledClaim {
    regex: OnceLock<Regex>,
    pub claim: Claim,
}

impl CompiledClaim {
    /// The claim's whole-word regex.
    pub(crate) fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            whole_words_unchecked(&self.claim.pattern)
                .expect("shipped claims compile (tested); a project's compiled at load")
        })
    }
}

/// Compiled settings for one run.
pub struct Settings {
    /// The configuration as written (plain data).
    pub config: Config,
    /// The config file in effect, if any.
    pub path: Option<PathBuf>,
    /// Folder relative paths in the config resolve against.
    pub root: PathBuf,
    /// Words from the vocabulary files.
    pub vocabulary_words: Vec<String>,
    /// The vocabulary files in effect: those the config lists, else a `vocabulary.txt`
    /// next to the checked guides.
    pub vocabulary_files: Vec<PathBuf>,
    /// Where `vocab add` writes when no vocabulary file exists yet.
    pub default_vocabulary: PathBuf,
    /// Extra Hunspell dictionaries from `dictionaries`, parsed at load.
    pub dictionaries: Vec<std::sync::Arc<spellbook::Dictionary>>,
    /// Terminology entries with their compiled whole-word regex.
    pub terminology: Vec<(Regex, Term)>,
    /// Shipped claims followed by project claims: see [`Settings::claims`].
    claims: OnceLock<Vec<CompiledClaim>>,
    /// The config's own claims (`health.claims`), compiled at load.
    project_claims: Vec<CompiledClaim>,
    /// Every claim's regex in one filter (a fast "anything here?" that also says which
    /// claims match): see [`Settings::any_claim`].
    any_claim: OnceLock<AnyClaim>,
    /// The config's `ignore` globs, compiled (matched against paths relative to `root`).
    pub ignore: globset::GlobSet,
}

/// `(?i)\b(?:pattern)\b` with ASCII word boundaries (keeps the fast DFA on non-ASCII text).
pub(crate) fn whole_words(pattern: &str) -> Result<Regex, regex::Error> {
    // the pattern alone is parsed, not compiled (a compile cost as much as the regex's own):
    // its errors are worded as written; the one compile failure a parse cannot foresee (the
    // size limit) fails the whole-word regex too, and is then worded the same way
    if regex_syntax::Parser::new().parse(pattern).is_err() {
        Regex::new(pattern)?;
    }
    whole_words_unchecked(pattern).or_else(|e| {
        Regex::new(pattern)?;
        Err(e)
    })
}

/// Whether `pattern` can match the empty string (`a|`, `x*`, `\b`): wrapped in word boundaries
/// it would then match at every word boundary. A pattern that does not parse is not flagged
/// here ([`whole_words`] words its error).
fn can_match_empty(pattern: &str) -> bool {
    regex_syntax::Parser::new()
        .parse(pattern)
        .is_ok_and(|hir| hir.properties().minimum_len() == Some(0))
}

/// [`whole_words`] without first compiling the pattern alone (which only words its errors
/// as written): for patterns known to compile.
fn whole_words_unchecked(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&claim_filter::whole_word_pattern(pattern))
}

/// The any-claim filter: every claim's whole-word regex ([`whole_words`]), in order (the
/// shipped claims', then `project`'s), as one filter (pattern `i` is claim `i` of
/// [`Settings::claims`]): the build-time DFA for the shipped claims alone. The shipped
/// patterns are the build's own list (`claims.patterns`), so the claims file is not read.
fn any_claim_set(project: &[CompiledClaim]) -> Result<AnyClaim, regex::Error> {
    let patterns: Vec<String> = claim_filter::shipped_patterns()
        .map(str::to_string)
        .chain(
            project
                .iter()
                .map(|c| claim_filter::whole_word_pattern(&c.claim.pattern)),
        )
        .collect();
    AnyClaim::new(&patterns)
}

/// The shipped claims, parsed from the data file.
pub fn shipped_claims() -> Result<Vec<Claim>, serde_yaml::Error> {
    serde_yaml::from_str(CLAIMS_YAML)
}

/// The shipped risk statements per subject, compiled once per process.
pub fn risks() -> &'static [(Subject, Vec<Regex>)] {
    static RISKS: OnceLock<Vec<(Subject, Vec<Regex>)>> = OnceLock::new();
    RISKS.get_or_init(|| {
        let table: BTreeMap<Subject, Vec<String>> =
            serde_yaml::from_str(RISKS_YAML).expect("assets/rules/risks.yaml parses (tested)");
        table
            .into_iter()
            .map(|(s, ps)| {
                let res = ps
                    .iter()
                    .map(|p| whole_words(p).expect("shipped risk patterns compile (tested)"))
                    .collect();
                (s, res)
            })
            .collect()
    })
}

impl Default for Settings {
    /// The defaults (no config file): the shipped tables, compiled.
    fn default() -> Self {
        let src = SourceFile::new("(defaults)", String::new(), false);
        Settings::compile(Config::default(), &src, None, PathBuf::from("."))
            .expect("the default settings compile (tested)")
    }
}

impl Settings {
    /// Every claim's regex, shipped or the project's, as one filter (a fast "anything here?"
    /// that says which claims match); compiled at load with project claims, else the shipped
    /// claims' build-time DFA, read on first use.
    pub(crate) fn any_claim(&self) -> &AnyClaim {
        self.any_claim.get_or_init(|| {
            any_claim_set(&self.project_claims)
                .expect("the shipped claims compile together (tested)")
        })
    }

    /// Shipped claims followed by project claims (claim `i` is pattern `i` of
    /// [`Settings::any_claim`]). The shipped list (tested to parse and compile) is read from
    /// its YAML on first use: most guides match no claim, and reading it cost about a tenth of
    /// an export's start-up; a project's claims were compiled at load (a broken one is a
    /// config error).
    pub(crate) fn claims(&self) -> &[CompiledClaim] {
        self.claims.get_or_init(|| {
            let mut all: Vec<CompiledClaim> = shipped_claims()
                .expect("the shipped claims list parses (tested)")
                .into_iter()
                .map(|claim| CompiledClaim {
                    regex: OnceLock::new(),
                    claim,
                })
                .collect();
            all.extend(self.project_claims.iter().map(|c| CompiledClaim {
                regex: c.regex.clone(),
                claim: c.claim.clone(),
            }));
            all
        })
    }

    /// Find, read, check and compile the config for a run over `paths`.
    pub fn load(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Settings, ConfigError> {
        let mut settings = match Config::locate(explicit, paths) {
            None => Settings::default(),
            Some(path) => {
                let (config, src) = Config::read(&path)?;
                let root = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                Settings::compile(config, &src, Some(path), root)?
            }
        };
        // the folder of the guides: where `vocabulary.txt` lives without a config
        let guide_dirs: Vec<PathBuf> = paths
            .iter()
            .map(|p| {
                if p.is_dir() {
                    p.clone()
                } else {
                    p.parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
                }
            })
            .collect();
        if let Some(first) = guide_dirs.first() {
            settings.default_vocabulary = first.join(VOCABULARY_FILE);
        }
        if settings.config.vocabulary.is_empty() {
            let mut seen = std::collections::HashSet::new();
            for dir in guide_dirs {
                let file = dir.join(VOCABULARY_FILE);
                // anything by that name (a FIFO or device too, which is refused, not skipped)
                if std::fs::metadata(&file).is_ok() && seen.insert(file.clone()) {
                    let text = read_word_list(&file).map_err(|e| {
                        let d = Diagnostic::error(
                            Code::Config,
                            &file.display().to_string(),
                            format!("cannot read vocabulary: {}", e.reason),
                        );
                        e.into_config_error(Box::new(d))
                    })?;
                    settings
                        .vocabulary_words
                        .extend(crate::config::parse_word_list(&text));
                    settings.vocabulary_files.push(file);
                }
            }
        }
        Ok(settings)
    }

    /// The vocabulary file new words go to: the first in effect, else `vocabulary.txt` in
    /// the folder of the checked guides.
    pub(crate) fn vocabulary_target(&self) -> &Path {
        self.vocabulary_files
            .first()
            .map_or(self.default_vocabulary.as_path(), PathBuf::as_path)
    }

    /// Add `words` to the vocabulary file in effect ([`Settings::vocabulary_target`]), as
    /// `guidepress vocab add` and the language server's add-to-vocabulary command do. The
    /// file is confined: one the configuration names must lie inside the configuration's
    /// folder, the default `vocabulary.txt` inside its own folder or the working directory,
    /// symlinks followed (a
    /// symlinked vocabulary is written through to its target, the link kept). Returns the
    /// file (as named) and the words that were new.
    pub fn add_vocabulary(
        &self,
        words: &[String],
    ) -> Result<(PathBuf, Vec<String>), crate::error::Error> {
        let target = self.vocabulary_target().to_path_buf();
        let named_by_config = !self.config.vocabulary.is_empty();
        // the config's folder; for the default `vocabulary.txt` (chosen by `--dir`, not the
        // config), its own folder or the working directory
        let confined = if named_by_config {
            crate::fs::confine::confine(&target, &self.root)
        } else {
            crate::fs::confine::confine(&target, crate::util::folder_of(&target))
                .or_else(|m| crate::fs::confine::confine(&target, Path::new(".")).map_err(|_| m))
        };
        let real = confined.map_err(|m| {
            crate::error::Error::Usage(format!(
                "not adding to the vocabulary: {m}{}",
                if named_by_config {
                    " (the vocabulary file is named in the configuration)"
                } else {
                    ""
                }
            ))
        })?;
        let added = crate::config::add_to_word_list(&real, words)
            .map_err(|e| crate::error::Error::io(&target, e))?;
        Ok((target, added))
    }

    /// Check and compile `config` (read from `src`, used to locate errors): the first
    /// problem is an error pointing at its key.
    pub(crate) fn compile(
        config: Config,
        src: &SourceFile,
        path: Option<PathBuf>,
        root: PathBuf,
    ) -> Result<Settings, ConfigError> {
        let at = Locator {
            src,
            tree: std::cell::OnceCell::new(),
        };
        check_rules(&config, &at)?;
        check_thresholds(&config, &at)?;
        let terminology = compile_terminology(&config, &at)?;
        let (project_claims, any_claim) = compile_claims(&config, &at)?;
        let (vocabulary_words, vocabulary_files) = read_vocabularies(&config, &root, &at)?;
        let ignore = compile_ignore(&config, &at)?;
        let dictionaries = load_dictionaries(&config, &root, &at)?;
        Ok(Settings {
            dictionaries,
            config,
            path,
            root,
            vocabulary_words,
            vocabulary_files,
            default_vocabulary: PathBuf::from("content").join(VOCABULARY_FILE),
            terminology,
            claims: OnceLock::new(),
            project_claims,
            any_claim,
            ignore,
        })
    }

    /// True when the config's `ignore` globs match `file` (relative to the config's folder;
    /// a file outside it is matched as written).
    pub fn ignores(&self, file: &Path) -> bool {
        if self.ignore.is_empty() {
            return false;
        }
        let full = |p: &Path| std::fs::canonicalize(p).or_else(|_| std::path::absolute(p));
        let relative = match (full(file), full(&self.root)) {
            (Ok(f), Ok(r)) => f.strip_prefix(&r).map(Path::to_path_buf).ok(),
            _ => None,
        };
        let candidate = relative.unwrap_or_else(|| file.to_path_buf());
        let candidate = candidate.strip_prefix(".").unwrap_or(&candidate);
        self.ignore.is_match(candidate)
    }

    /// Configured severity of a rule, or its default; `None` when the rule is off.
    pub fn severity(&self, rule: &str, default: Severity) -> Option<Severity> {
        self.config.severity(rule, default)
    }
}

/// Folders Hunspell and its front ends search for dictionaries: `$DICPATH` first.
fn hunspell_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("DICPATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".local/share/hunspell"));
    }
    for d in [
        "/usr/share/hunspell",
        "/usr/local/share/hunspell",
        "/usr/share/myspell",
        "/usr/share/myspell/dicts",
        "/Library/Spelling",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

/// The `.aff` and `.dic` of a dictionary given by name or path, or the places looked at.
fn find_dictionary(name: &str, root: &Path) -> Result<(PathBuf, PathBuf), Vec<PathBuf>> {
    let is_path = name.contains('/') || name.contains('\\') || name.ends_with(".dic");
    let candidates: Vec<PathBuf> = if is_path {
        let p = root.join(name);
        vec![p.with_extension("")]
    } else {
        hunspell_dirs().into_iter().map(|d| d.join(name)).collect()
    };
    for base in &candidates {
        let (aff, dic) = (base.with_extension("aff"), base.with_extension("dic"));
        if aff.exists() && dic.exists() {
            return Ok((aff, dic));
        }
    }
    Err(candidates
        .into_iter()
        .map(|b| b.parent().map_or(b.clone(), Path::to_path_buf))
        .collect())
}

/// Where a problem in a configuration file is: its source and YAML tree, to point an
/// error at the key a JSON pointer names.
struct Locator<'a> {
    src: &'a SourceFile,
    /// The config's YAML tree, parsed on the first error (a valid config never needs it).
    tree: std::cell::OnceCell<Option<Node>>,
}

impl Locator<'_> {
    /// A configuration error at `pointer` (the whole file when the key is not found).
    fn error(&self, pointer: &str, message: String) -> Box<Diagnostic> {
        let mut d = Diagnostic::error(Code::Config, &self.src.name, message);
        let tree = self
            .tree
            .get_or_init(|| crate::load::yaml::parse(self.src).root);
        if let Some(node) = tree.as_ref().and_then(|t| node_at(t, pointer)) {
            d.location = Some(self.src.location(node.start, node.end.max(node.start + 1)));
        }
        Box::new(d)
    }
}

/// Every key of `rules` names a rule (else a did-you-mean hint).
fn check_rules(config: &Config, at: &Locator) -> Result<(), Box<Diagnostic>> {
    for rule in config.rules.keys() {
        if !Code::rule_ids().any(|id| id == rule) {
            let known: Vec<String> = Code::rule_ids().map(str::to_string).collect();
            let mut d = at.error(
                &format!("/rules/{}", escape(rule)),
                format!("unknown rule `{rule}` in `rules`"),
            );
            if let Some(best) = crate::util::did_you_mean(rule, &known) {
                d.notes.push(format!("help: did you mean `{best}`?"));
            }
            return Err(d);
        }
    }
    Ok(())
}

/// Similarity thresholds between 0 and 1; a reading grade of 0 or more.
fn check_thresholds(config: &Config, at: &Locator) -> Result<(), Box<Diagnostic>> {
    let unit = |v: f64, pointer: &str, what: &str| {
        if (0.0..=1.0).contains(&v) {
            Ok(())
        } else {
            Err(at.error(
                pointer,
                format!("{what} must be between 0 and 1, found {v}"),
            ))
        }
    };
    unit(
        config.near_duplicate.sentence_threshold,
        "/near_duplicate/sentence_threshold",
        "near_duplicate.sentence_threshold",
    )?;
    unit(
        config.near_duplicate.paragraph_threshold,
        "/near_duplicate/paragraph_threshold",
        "near_duplicate.paragraph_threshold",
    )?;
    unit(
        config.duplicate_heading.threshold,
        "/duplicate_heading/threshold",
        "duplicate_heading.threshold",
    )?;
    if !(config.health.max_grade >= 0.0 && config.health.max_grade.is_finite()) {
        return Err(at.error(
            "/health/max_grade",
            format!(
                "health.max_grade must be a grade of 0 or more, found {}",
                config.health.max_grade
            ),
        ));
    }
    Ok(())
}

/// The `terminology` patterns, compiled to whole-word regexes.
fn compile_terminology(
    config: &Config,
    at: &Locator,
) -> Result<Vec<(Regex, Term)>, Box<Diagnostic>> {
    let mut terminology = Vec::new();
    for (i, t) in config.terminology.iter().enumerate() {
        let pointer = format!("/terminology/{i}/pattern");
        if t.pattern.trim().is_empty() {
            return Err(at.error(&pointer, "terminology pattern is empty".into()));
        }
        match whole_words(&t.pattern) {
            Ok(_) if can_match_empty(&t.pattern) => {
                return Err(at.error(
                    &pointer,
                    format!(
                        "terminology pattern `{}` can match the empty string (it would match at every word boundary); expected a pattern that needs at least one character",
                        t.pattern
                    ),
                ));
            }
            Ok(re) => terminology.push((re, t.clone())),
            Err(e) => {
                return Err(at.error(
                    &pointer,
                    format!(
                        "terminology pattern `{}` is not a valid regex: {e}",
                        t.pattern
                    ),
                ));
            }
        }
    }
    Ok(terminology)
}

/// The config's own claims, compiled, and (with them) one regex matching any claim, shipped
/// or the config's. The shipped claims (tested to parse and compile) wait for their first use:
/// [`Settings::claims`].
fn compile_claims(
    config: &Config,
    at: &Locator,
) -> Result<(Vec<CompiledClaim>, OnceLock<AnyClaim>), Box<Diagnostic>> {
    let mut claims = Vec::new();
    let project_claims = !config.health.claims.is_empty();
    for (i, c) in config.health.claims.iter().enumerate() {
        let pointer = format!("/health/claims/{i}/pattern");
        if c.pattern.trim().is_empty() {
            return Err(at.error(&pointer, "claims pattern is empty".into()));
        }
        let regex = whole_words(&c.pattern).map_err(|e| {
            at.error(
                &pointer,
                format!("claims pattern `{}` is not a valid regex: {e}", c.pattern),
            )
        })?;
        if can_match_empty(&c.pattern) {
            return Err(at.error(
                &pointer,
                format!(
                    "claims pattern `{}` can match the empty string (it would match at every word boundary); expected a pattern that needs at least one character",
                    c.pattern
                ),
            ));
        }
        claims.push(CompiledClaim {
            regex: OnceLock::from(regex),
            claim: c.clone(),
        });
    }
    // with project claims the union is compiled now (its size can fail); the shipped
    // list's alone compiles (tested) and waits for its first use
    let any_claim = OnceLock::new();
    if project_claims {
        let any = any_claim_set(&claims).map_err(|e| {
            at.error(
                "/health/claims",
                format!("the claims list does not compile: {e}"),
            )
        })?;
        let _ = any_claim.set(any);
    }
    Ok((claims, any_claim))
}

/// The words of the `vocabulary` files (relative to `root`) and the files' paths.
fn read_vocabularies(
    config: &Config,
    root: &Path,
    at: &Locator,
) -> Result<(Vec<String>, Vec<PathBuf>), ConfigError> {
    let mut vocabulary_words = Vec::new();
    let mut vocabulary_files = Vec::new();
    for (i, v) in config.vocabulary.iter().enumerate() {
        let p = if root == Path::new(".") {
            v.clone()
        } else {
            root.join(v)
        };
        vocabulary_files.push(p.clone());
        let text = read_word_list(&p).map_err(|e| {
            let d = at.error(
                &format!("/vocabulary/{i}"),
                format!("cannot read vocabulary file {}: {}", p.display(), e.reason),
            );
            e.into_config_error(d)
        })?;
        vocabulary_words.extend(crate::config::parse_word_list(&text));
    }
    Ok((vocabulary_words, vocabulary_files))
}

/// The `ignore` globs, as in .gitignore.
fn compile_ignore(config: &Config, at: &Locator) -> Result<globset::GlobSet, Box<Diagnostic>> {
    let mut globs = globset::GlobSetBuilder::new();
    for (i, pattern) in config.ignore.iter().enumerate() {
        // as in .gitignore: `/drafts/**` is anchored at the config's folder, `drafts/**`
        // and `*.draft.yaml` match at any depth
        let anchored = pattern
            .strip_prefix('/')
            .map_or_else(|| format!("**/{pattern}"), str::to_string);
        for p in [pattern.trim_start_matches('/').to_string(), anchored] {
            let glob = globset::Glob::new(&p).map_err(|e| {
                at.error(
                    &format!("/ignore/{i}"),
                    format!("invalid glob `{pattern}` in `ignore`: {}", e.kind()),
                )
            })?;
            globs.add(glob);
        }
    }
    globs
        .build()
        .map_err(|e| at.error("/ignore", format!("invalid globs in `ignore`: {e}")))
}

/// The extra Hunspell `dictionaries`, by name or path (relative to `root`).
fn load_dictionaries(
    config: &Config,
    root: &Path,
    at: &Locator,
) -> Result<Vec<std::sync::Arc<spellbook::Dictionary>>, ConfigError> {
    let mut dictionaries = Vec::new();
    for (i, name) in config.dictionaries.iter().enumerate() {
        let pointer = format!("/dictionaries/{i}");
        let (aff, dic) = find_dictionary(name, root).map_err(|looked| {
            at.error(
                &pointer,
                format!(
                    "dictionary `{name}` not found; looked for {name}.aff and {name}.dic in {}",
                    looked
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let read = |p: &Path| {
            read_capped(p, MAX_DICTIONARY_BYTES)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| {
                    let d = at.error(
                        &pointer,
                        format!("cannot read {}: {}", p.display(), e.reason),
                    );
                    e.into_config_error(d)
                })
        };
        let d = spellbook::Dictionary::new(&read(&aff)?, &read(&dic)?).map_err(|e| {
            at.error(
                &pointer,
                format!(
                    "dictionary {} is not a valid Hunspell dictionary: {e}",
                    dic.display()
                ),
            )
        })?;
        dictionaries.push(std::sync::Arc::new(d));
    }
    Ok(dictionaries)
}

/// Escape a key for a JSON Pointer.
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The node at a JSON Pointer, or `None` when the path does not exist.
fn node_at<'a>(root: &'a Node, pointer: &str) -> Option<&'a Node> {
    let (node, key, found) = root.walk_pointer(pointer);
    if !found {
        return None;
    }
    // point at the key for mapping entries whose value is not the problem (unknown rules)
    Some(if pointer.starts_with("/rules/") {
        key.unwrap_or(node)
    } else {
        node
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(yaml: &str) -> Result<Settings, Box<Diagnostic>> {
        let src = SourceFile::new("c.yaml", yaml.to_string(), false);
        let config: Config = serde_yaml::from_str(yaml).unwrap();
        Settings::compile(config, &src, None, PathBuf::from(".")).map_err(|e| e.diagnostic)
    }

    #[test]
    fn shipped_tables_are_valid() {
        let claims = shipped_claims().expect("claims.yaml parses");
        assert!(claims.len() >= 10);
        let mut seen = std::collections::HashSet::new();
        for c in &claims {
            assert!(whole_words(&c.pattern).is_ok(), "{}", c.pattern);
            assert!(seen.insert(c.pattern.clone()), "duplicate {}", c.pattern);
            assert!(c.subject.is_some(), "{} has a subject", c.pattern);
            assert!(!c.why.is_empty() && !c.instead.is_empty());
        }
        // every subject a claim names has risk statements, and vice versa
        let subjects: std::collections::BTreeSet<Subject> =
            claims.iter().filter_map(|c| c.subject).collect();
        let risky: std::collections::BTreeSet<Subject> = risks().iter().map(|(s, _)| *s).collect();
        assert!(risky.is_subset(&subjects), "{risky:?} ⊆ {subjects:?}");
        for (_, res) in risks() {
            assert!(!res.is_empty());
        }
        // the shipped claims compile on first use: each, and their union
        let defaults = Settings::default();
        for c in defaults.claims() {
            assert!(c.regex().as_str().contains(&c.claim.pattern));
        }
        assert!(
            defaults
                .any_claim()
                .matches("completely safe")
                .matched_any()
        );
    }

    /// Claim `i` of the filter is claim `i` of the list: the shipped claims (read on first
    /// use) in the order of the build's patterns, then the project's.
    #[test]
    fn claims_are_listed_in_the_order_of_the_filter() {
        let s = compile(
            "health:\n  claims:\n    - {pattern: no downtime, why: most need days, instead: little downtime}\n",
        )
        .unwrap();
        let listed: Vec<String> = s
            .claims()
            .iter()
            .map(|c| claim_filter::whole_word_pattern(&c.claim.pattern))
            .collect();
        let filtered: Vec<String> = claim_filter::shipped_patterns()
            .map(str::to_string)
            .chain([claim_filter::whole_word_pattern("no downtime")])
            .collect();
        assert_eq!(listed, filtered);
        let m = s
            .any_claim()
            .matches("there is no downtime and it is completely safe");
        let hits: Vec<&str> = (0..s.claims().len())
            .filter(|&i| m.matched(i))
            .map(|i| s.claims()[i].claim.pattern.as_str())
            .collect();
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert!(hits.contains(&"no downtime"), "{hits:?}");
        assert!(hits[0].contains("safe"), "{hits:?}");
        // without project claims: the same shipped list, and the build-time filter
        let d = Settings::default();
        assert_eq!(d.claims().len(), claim_filter::shipped_patterns().count());
        assert!(matches!(d.any_claim(), AnyClaim::Dfa(..)));
    }

    #[test]
    fn bad_settings_fail_at_load_with_a_location() {
        let e = compile("terminology:\n  - pattern: 'elast(omer'\n    replacement: elastin\n")
            .err()
            .unwrap();
        assert_eq!(e.location.map(|l| (l.line, l.column)), Some((2, 14)));
        let e = compile("near_duplicate:\n  sentence_threshold: 1.5\n")
            .err()
            .unwrap();
        assert!(e.message.contains("between 0 and 1"), "{}", e.message);
        assert_eq!(e.location.map(|l| l.line), Some(2));
        let e = compile("health:\n  max_grade: -2\n").err().unwrap();
        assert!(e.message.contains("max_grade"));
        let e = compile("health:\n  claims:\n    - {pattern: '', why: x, instead: y}\n")
            .err()
            .unwrap();
        assert!(e.message.contains("empty"));
        let e = compile("rules:\n  speling: error\n").err().unwrap();
        assert_eq!(e.location.map(|l| (l.line, l.column)), Some((2, 3)));
        assert!(e.notes[0].contains("spelling"));
    }

    /// A pattern is checked as written, not only inside the whole-word wrapper, where
    /// `a)(b` would compile (`(?:a)(b)`).
    #[test]
    fn a_pattern_that_compiles_only_wrapped_is_refused_as_written() {
        // the error of compiling a pattern alone, as the code before this check worded it
        let alone = |p: &str| Regex::new(p).unwrap_err().to_string();
        for bad in ["a)(b", "\\p{Nope}", "(?:\\w{1000}){1000}"] {
            assert_eq!(
                whole_words(bad).unwrap_err().to_string(),
                alone(bad),
                "{bad}"
            );
        }
        // `a)(b` compiles inside the wrapper (`(?:a)(b)`): only the check as written refuses it
        assert!(whole_words_unchecked("a)(b").is_ok());
        assert!(
            whole_words("painless(?:ly)?")
                .unwrap()
                .is_match("Painlessly done")
        );
    }

    /// A pattern that can match the empty string (`elastomers?|`, `x*`, `\b`) would match at
    /// every word boundary: `lint --fix` inserted its replacement everywhere. Refused at load,
    /// at the pattern's line:col, for terminology and claims; patterns that need text pass.
    #[test]
    fn a_pattern_that_can_match_the_empty_string_is_refused() {
        for bad in ["elastomers?|", "x*", "\\b", "(?:a|)", "\\s*", "()"] {
            let e = compile(&format!(
                "terminology:\n  - pattern: '{bad}'\n    replacement: elastin\n"
            ))
            .err()
            .unwrap_or_else(|| panic!("terminology `{bad}` accepted"));
            assert!(e.message.contains("empty string"), "{bad}: {}", e.message);
            assert!(e.message.contains(bad), "{bad}: {}", e.message);
            assert_eq!(
                e.location.map(|l| (l.line, l.column)),
                Some((2, 14)),
                "{bad}"
            );
            let e = compile(&format!(
                "health:\n  claims:\n    - pattern: '{bad}'\n      why: x\n      instead: y\n"
            ))
            .err()
            .unwrap_or_else(|| panic!("claim `{bad}` accepted"));
            assert!(e.message.contains("empty string"), "{bad}: {}", e.message);
            assert_eq!(
                e.location.map(|l| (l.line, l.column)),
                Some((3, 16)),
                "{bad}"
            );
        }
        for good in ["elastomers?", "x+", "pain(?:less)?", "a|b"] {
            assert!(
                compile(&format!(
                    "terminology:\n  - pattern: '{good}'\n    replacement: z\n"
                ))
                .is_ok(),
                "{good}"
            );
        }
        // the shipped claims all need text
        for c in shipped_claims().unwrap() {
            assert!(!can_match_empty(&c.pattern), "{}", c.pattern);
        }
    }

    #[test]
    fn a_misspelt_subject_is_an_error_not_a_dead_hint() {
        let r: Result<Config, _> = serde_yaml::from_str(
            "health:\n  claims:\n    - {pattern: x, why: y, instead: z, subject: sideeffects}\n",
        );
        assert!(r.is_err());
    }
}

//! The catalogue of diagnostic codes: every check and lint rule guidepress reports, with
//! its stable id, one-line summary and, for lint rules, default severity and whether it is
//! a health-content rule. Rules, config validation, renderers (SARIF rule metadata) and the
//! README test all read this one table, so `diag` needs no knowledge of the rules' code.

use super::Severity;
use serde::{Serialize, Serializer};

/// A diagnostic code. Serialised (JSON, SARIF) as its kebab-case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    // loading and validation
    YamlSyntax,
    YamlAlias,
    YamlDepth,
    DuplicateKey,
    Schema,
    DuplicateId,
    EmptySection,
    FutureDate,
    InvalidDate,
    EmptyFile,
    Encoding,
    ControlCharacter,
    BlankText,
    ReservedId,
    DuplicateGuideId,
    InvalidGuide,
    Io,
    Config,
    // lint rules
    Spelling,
    Misspelling,
    Terminology,
    RepeatedWord,
    DuplicateHeading,
    DuplicateBlock,
    NearDuplicate,
    Claims,
    Contradiction,
    Readability,
    RequiredContent,
    Unfinished,
    Placeholder,
    RestatesDefinition,
}

/// What a lint rule is by default.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub default: Severity,
    /// Runs only for health content (`health: true`, or forced in the config).
    pub health_only: bool,
    /// Off unless `rules:` in the config gives it a severity (then `default` is what the
    /// documentation suggests).
    pub opt_in: bool,
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: Code,
    pub id: &'static str,
    pub summary: &'static str,
    /// `Some` for lint rules (configurable in `rules:`), `None` for checks.
    pub rule: Option<RuleInfo>,
}

const fn check(code: Code, id: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        id,
        summary,
        rule: None,
    }
}

const fn rule(
    code: Code,
    id: &'static str,
    default: Severity,
    health_only: bool,
    summary: &'static str,
) -> CodeInfo {
    CodeInfo {
        code,
        id,
        summary,
        rule: Some(RuleInfo {
            default,
            health_only,
            opt_in: false,
        }),
    }
}

/// A rule that is off unless the config turns it on.
const fn opt_in(mut info: CodeInfo) -> CodeInfo {
    if let Some(rule) = &mut info.rule {
        rule.opt_in = true;
    }
    info
}

use Severity::{Error, Warning};

/// Every code, checks first, then lint rules in the order they run.
pub const CATALOGUE: &[CodeInfo] = &[
    check(
        Code::YamlSyntax,
        "yaml-syntax",
        "The file is not well-formed YAML.",
    ),
    check(
        Code::YamlAlias,
        "yaml-alias",
        "YAML aliases are not allowed in guides.",
    ),
    check(
        Code::YamlDepth,
        "yaml-depth",
        "Nesting is deeper than guidepress accepts.",
    ),
    check(
        Code::DuplicateKey,
        "duplicate-key",
        "A mapping uses the same key twice.",
    ),
    check(
        Code::Schema,
        "schema",
        "The guide does not match schema/guide.schema.json.",
    ),
    check(
        Code::DuplicateId,
        "duplicate-id",
        "Two sections share an id.",
    ),
    check(
        Code::EmptySection,
        "empty-section",
        "A section has no content.",
    ),
    check(
        Code::FutureDate,
        "future-date",
        "The last-reviewed date is in the future.",
    ),
    check(
        Code::InvalidDate,
        "invalid-date",
        "The last-reviewed date is not a calendar date.",
    ),
    check(Code::EmptyFile, "empty-file", "The file holds no guide."),
    check(Code::Encoding, "encoding", "The file is not UTF-8."),
    check(
        Code::ControlCharacter,
        "control-character",
        "Text contains an invisible control character, or a bidirectional override that reorders it.",
    ),
    check(
        Code::BlankText,
        "blank-text",
        "A text field holds only whitespace or invisible characters.",
    ),
    check(
        Code::ReservedId,
        "reserved-id",
        "An id is a reserved file name on Windows (con, nul, com1, ...).",
    ),
    check(
        Code::DuplicateGuideId,
        "duplicate-guide-id",
        "Two guides in one run share an id and would overwrite each other's exports.",
    ),
    check(
        Code::InvalidGuide,
        "invalid-guide",
        "The guide must validate before it can be linted.",
    ),
    check(
        Code::Io,
        "io",
        "A file or folder could not be read or written.",
    ),
    check(Code::Config, "config", "The configuration file is invalid."),
    rule(
        Code::Spelling,
        "spelling",
        Error,
        false,
        "Words not in the en_US dictionary or the project vocabulary.",
    ),
    rule(
        Code::Misspelling,
        "misspelling",
        Error,
        false,
        "Known misspellings (typos-dict) with their corrections.",
    ),
    rule(
        Code::Terminology,
        "terminology",
        Warning,
        false,
        "Preferred terms from the project's terminology list.",
    ),
    rule(
        Code::RepeatedWord,
        "repeated-word",
        Error,
        false,
        "A word written twice in a row, or doubled punctuation.",
    ),
    rule(
        Code::DuplicateHeading,
        "duplicate-heading",
        Warning,
        false,
        "Headings that repeat another heading or the guide title.",
    ),
    rule(
        Code::DuplicateBlock,
        "duplicate-block",
        Warning,
        false,
        "Identical paragraphs or list items.",
    ),
    rule(
        Code::NearDuplicate,
        "near-duplicate",
        Warning,
        false,
        "Sentences or paragraphs in different sections that say the same thing.",
    ),
    rule(
        Code::Claims,
        "claims",
        Error,
        true,
        "Absolute or promotional health claims (health content).",
    ),
    rule(
        Code::Contradiction,
        "contradiction",
        Warning,
        true,
        "Hint: a health claim and a statement about its limits elsewhere in the guide.",
    ),
    // off unless the config turns it on: on the real-text corpus no grade or sentence-length
    // threshold made 90 % of its findings useful on held-out pages (README, "Prose rules on real
    // text"); `guidepress stats` shows every section's grade either way
    opt_in(rule(
        Code::Readability,
        "readability",
        Severity::Note,
        true,
        "Sections whose Flesch-Kincaid grade is above the target (health content; off unless turned on under `rules:`).",
    )),
    rule(
        Code::RequiredContent,
        "required-content",
        Error,
        true,
        "Disclaimer, reviewer, a recent review date and a risks section (health content).",
    ),
    rule(
        Code::Unfinished,
        "unfinished",
        Error,
        false,
        "Placeholders a guide must not be published with: template author or reviewer, TODOs, template text (warnings in a `status: draft` guide).",
    ),
    rule(
        Code::Placeholder,
        "placeholder",
        Error,
        false,
        "TODO placeholders left by `guidepress import`, reported once per guide (warnings in a `status: draft` guide).",
    ),
    rule(
        Code::RestatesDefinition,
        "restates-definition",
        Warning,
        false,
        "Sentences after the definition that say again what the guide's subject is.",
    ),
];

impl Code {
    /// The catalogue row of this code.
    pub fn info(self) -> &'static CodeInfo {
        CATALOGUE
            .iter()
            .find(|i| i.code == self)
            .expect("every code is in the catalogue (tested)")
    }

    /// The stable kebab-case id (`spelling`, `yaml-syntax`).
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The code with this id.
    pub fn from_id(id: &str) -> Option<Code> {
        CATALOGUE.iter().find(|i| i.id == id).map(|i| i.code)
    }

    /// Lint rule metadata, `None` for checks.
    pub fn rule(self) -> Option<RuleInfo> {
        self.info().rule
    }

    /// Ids of every lint rule, in the order they run.
    /// What to do about a finding with this code, as plain text (SARIF `help.text`).
    pub(crate) fn help_text(self) -> String {
        let (id, summary) = (self.id(), self.info().summary);
        match self.rule() {
            Some(_) => format!(
                "{summary} Set its severity under `rules:` in .guidepress.yaml (off, note, warning, error), or silence one block with a `# guidepress-disable: {id} -- reason` comment above it."
            ),
            None => format!(
                "{summary} Fix the guide where the finding points; `guidepress validate` lists every such problem."
            ),
        }
    }

    /// The same as Markdown (SARIF `help.markdown`, the language server's hover).
    pub(crate) fn help_markdown(self) -> String {
        let (id, summary) = (self.id(), self.info().summary);
        match self.rule() {
            Some(rule) => format!(
                "**{id}** ({default} by default): {summary}\n\nSet its severity in `.guidepress.yaml`:\n\n```yaml\nrules:\n  {id}: warning   # off | note | warning | error\n```\n\nSilence one block with a comment above it: `# guidepress-disable: {id} -- reason`.",
                default = if rule.opt_in {
                    "off".to_string()
                } else {
                    rule.default.to_string()
                }
            ),
            None => format!(
                "**{id}**: {summary}\n\nFix the guide where the finding points; `guidepress validate` lists every such problem."
            ),
        }
    }

    pub(crate) fn rule_ids() -> impl Iterator<Item = &'static str> {
        CATALOGUE.iter().filter(|i| i.rule.is_some()).map(|i| i.id)
    }
}

/// A `.guidepress.yaml` setting a lint rule reads besides its severity: the key (dotted for
/// nested ones) and what it does.
pub(crate) type Setting = (&'static str, &'static str);

impl Code {
    /// The settings this lint rule reads besides its severity under `rules:` (`guidepress
    /// rules CODE` prints them with their defaults); empty for checks and severity-only rules.
    pub fn settings(self) -> &'static [Setting] {
        const HEALTH: Setting = (
            "health.enabled",
            "auto: the rule runs for guides with `health: true`; true or false for every guide",
        );
        match self {
            Code::Spelling => &[
                (
                    "vocabulary",
                    "word-list files (one word per line), relative to the config; `guidepress vocab add WORD` adds to the first",
                ),
                ("ignore_words", "words accepted everywhere"),
                (
                    "dictionaries",
                    "extra Hunspell dictionaries by name (en_med_glut) or path (dicts/clinic.dic)",
                ),
            ],
            Code::Misspelling => &[
                (
                    "vocabulary",
                    "a word listed in a vocabulary file is not reported",
                ),
                ("ignore_words", "the same, without a file"),
            ],
            Code::Terminology => &[(
                "terminology",
                "\"use X instead of Y\" entries: pattern (regex, case-insensitive, whole words), replacement, message",
            )],
            Code::DuplicateHeading => &[(
                "duplicate_heading.threshold",
                "how alike two headings must be (normalised Levenshtein, 0 to 1)",
            )],
            Code::NearDuplicate => &[
                (
                    "near_duplicate.sentence_threshold",
                    "TF-IDF cosine from which two sentences count as a restatement (0 to 1)",
                ),
                (
                    "near_duplicate.paragraph_threshold",
                    "accepted for old configurations, no longer used: a repeated paragraph is found through its sentences",
                ),
                (
                    "near_duplicate.min_words",
                    "content words a sentence needs to be compared",
                ),
            ],
            Code::Claims => &[
                HEALTH,
                (
                    "health.claims",
                    "additions to the shipped claims list: pattern, why, instead, subject",
                ),
            ],
            Code::Contradiction => &[HEALTH],
            Code::Readability => &[
                HEALTH,
                (
                    "health.max_grade",
                    "highest Flesch-Kincaid grade a section may have",
                ),
            ],
            Code::RequiredContent => &[
                HEALTH,
                (
                    "health.max_review_age_months",
                    "how old `last_reviewed` may be",
                ),
            ],
            _ => &[],
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for i in CATALOGUE {
            assert!(seen.insert(i.id), "duplicate id {}", i.id);
            assert!(
                i.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                i.id
            );
            assert_eq!(Code::from_id(i.id), Some(i.code));
            assert_eq!(i.code.info().id, i.id, "one row per code");
            assert!(i.summary.ends_with('.'));
        }
    }
}

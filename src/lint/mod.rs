//! Prose lint: a registry of rules (one file each under [`rules`]), run over the text
//! units of a valid guide. Severities come from the config; `# guidepress-disable`
//! comments above a block silence rules for that block.

pub mod catalogue;
pub mod lexicon;
pub mod misspellings;
pub mod rules;
pub(crate) mod terms;
pub mod text;

use crate::diag::{Code, Diagnostic, Findings, Severity};
use crate::settings::Settings;
use crate::validate::Document;
pub use lexicon::Lexicon;
use text::Unit;

/// Everything a rule may look at.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub units: &'a [Unit<'a>],
    pub settings: &'a Settings,
    pub lexicon: &'a Lexicon,
    /// Per-guide vocabulary (lower-cased).
    pub guide_words: &'a std::collections::HashSet<String>,
    /// The spelling the guide's `language` asks for.
    pub locale: lexicon::Locale,
    /// True when the guide's language has no dictionary (checked as en-US).
    pub locale_fallback: bool,
    /// Health claims found in the guide, shared by the `claims` and `contradiction` rules.
    pub claims: std::sync::OnceLock<Vec<rules::ClaimHit<'a>>>,
    /// The guide's definition and its restatements, shared by `restates-definition` and
    /// `near-duplicate`.
    pub(crate) definition: std::sync::OnceLock<Option<rules::DefinitionFound>>,
    /// The guide's distinct words (lower-case form, stem), built on first use.
    pub(crate) word_table: std::sync::OnceLock<terms::WordTable<'a>>,
}

impl<'a> Context<'a> {
    /// The guide's distinct words and each unit's word ids, shared by the rules that compare
    /// words.
    pub(crate) fn words(&self) -> &terms::WordTable<'a> {
        self.word_table
            .get_or_init(|| terms::WordTable::build(self.units, self.lexicon))
    }

    /// A diagnostic for `rule` at a byte range of a unit's text.
    pub(crate) fn at(
        &self,
        rule: &dyn Rule,
        unit: &Unit,
        start: usize,
        end: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diag(rule, message)
            .at(Some(unit.locate(&self.doc.source, start, end)))
            .pointer(unit.id.pointer())
    }

    /// A diagnostic for `rule` on the guide file (no location yet).
    pub(crate) fn diag(&self, rule: &dyn Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            info(rule).default,
            rule.code(),
            &self.doc.source.name,
            message,
        )
    }

    /// True when the guide's own `vocabulary` lists the word (any case).
    pub(crate) fn guide_word(&self, word: &str) -> bool {
        !self.guide_words.is_empty() && self.guide_words.contains(&word.to_lowercase())
    }

    pub(crate) fn rule_enabled(&self, code: Code) -> bool {
        rule_severity(self.settings, code).is_some()
    }
}

/// A lint rule: its code (id, summary, default severity and health flag live in the
/// catalogue, [`crate::diag::codes`]) and its check.
pub(crate) trait Rule: Send + Sync {
    fn code(&self) -> Code;
    fn check(&self, cx: &Context, out: &mut dyn Sink<Diagnostic>);
}

/// Where a rule puts its findings, one at a time: the lint run packs each as it is pushed
/// ([`FindingSink`]), so a rule with 100,000 findings never holds them as a vector of
/// [`Diagnostic`]s.
pub(crate) trait Sink<T> {
    fn push(&mut self, item: T);
}

/// A plain vector collects findings as they are (for code that wants them unpacked).
impl<T> Sink<T> for Vec<T> {
    fn push(&mut self, item: T) {
        Vec::push(self, item);
    }
}

/// The sink one rule runs with: each finding gets the rule's configured severity (a rule's
/// informational notes stay notes), is dropped when a suppression comment silences it, and
/// is packed into the guide's [`Findings`] at once.
struct FindingSink<'s, 'a> {
    held: &'s mut Findings,
    suppressions: &'s mut Suppressions,
    doc: &'a Document,
    units: &'s [Unit<'a>],
    severity: Severity,
}

impl Sink<Diagnostic> for FindingSink<'_, '_> {
    fn push(&mut self, mut d: Diagnostic) {
        if d.severity != Severity::Note {
            d.severity = self.severity;
        }
        if !self.suppressions.silences(self.doc, self.units, &d) {
            self.held.push(d);
        }
    }
}

/// The catalogue row of a rule.
/// The severity a rule runs at for these settings: what `rules:` gives it, else its default;
/// `None` when it is off (configured `off`, or an opt-in rule the config does not name).
pub(crate) fn rule_severity(settings: &Settings, code: Code) -> Option<Severity> {
    let rule = code.rule();
    match settings.config.rules.get(code.id()) {
        Some(_) => settings.severity(code.id(), rule.map_or(Severity::Warning, |r| r.default)),
        None if rule.is_some_and(|r| r.opt_in) => None,
        None => Some(rule.map_or(Severity::Warning, |r| r.default)),
    }
}

fn info(rule: &dyn Rule) -> crate::diag::codes::RuleInfo {
    rule.code()
        .rule()
        .expect("a rule's code is a lint rule in the catalogue (tested)")
}

/// Rules disabled for a unit by comments directly above its block or its own line.
/// Syntax: `# guidepress-disable` (all rules) or `# guidepress-disable: rule-a, rule-b -- reason`.
fn suppressed(doc: &Document, unit: &Unit) -> Option<Vec<String>> {
    let src = &doc.source;
    let mut lines = Vec::new();
    for p in [unit.id.block_pointer(), unit.id.pointer()] {
        let (node, _, ok) = doc.root.walk_pointer(&p);
        if ok {
            lines.push(src.line_col(node.start).0);
        }
    }
    let mut found: Option<Vec<String>> = None;
    for line in lines {
        let mut l = line;
        while l > 1 {
            l -= 1;
            let t = src.line_text(l).trim();
            let Some(c) = t.strip_prefix('#') else { break };
            let c = c.trim();
            if let Some(rest) = c.strip_prefix("guidepress-disable") {
                // `rule-a, rule-b -- why`: the reason after ` -- ` is for humans
                let rules = rest.split(" -- ").next().unwrap_or("");
                let list: Vec<String> = rules
                    .trim_start_matches(':')
                    .split(',')
                    .filter_map(|s| s.split_whitespace().next().map(str::to_string))
                    .collect();
                let f = found.get_or_insert_with(Vec::new);
                if list.is_empty() {
                    f.push("*".to_string());
                } else {
                    f.extend(list);
                }
            }
        }
    }
    found
}

/// Run every enabled rule on one valid document.
pub fn lint(doc: &Document, settings: &Settings, lexicon: &Lexicon) -> Vec<Diagnostic> {
    lint_at(doc, settings, lexicon, Severity::Note).to_vec()
}

/// Like [`lint`], running only the rules configured at `at_least` or above (`Error`: just
/// what would make `check` fail, which is all `export` needs to know). The findings come
/// sorted and packed ([`Findings`]): each rule's are packed as soon as it returns, so a
/// guide's findings are held compactly, not as one growing vector of [`Diagnostic`]s.
pub(crate) fn lint_at(
    doc: &Document,
    settings: &Settings,
    lexicon: &Lexicon,
    at_least: Severity,
) -> Findings {
    // the units, their words and every rule's working state are gone before the findings
    // are sorted and handed on
    let mut held = lint_units(doc, settings, lexicon, at_least);
    held.sort();
    held
}

/// The rules' findings in the order they were found (see [`lint_at`]).
fn lint_units(
    doc: &Document,
    settings: &Settings,
    lexicon: &Lexicon,
    at_least: Severity,
) -> Findings {
    let mut units = text::units(&doc.guide, &doc.root);
    // held while every rule runs: no spare capacity
    units.shrink_to_fit();
    let guide_words = doc
        .guide
        .vocabulary
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let (locale, locale_fallback) = lexicon::Locale::for_language(&doc.guide.language);
    let cx = Context {
        locale,
        locale_fallback,
        doc,
        units: &units,
        settings,
        lexicon,
        guide_words: &guide_words,
        claims: std::sync::OnceLock::new(),
        definition: std::sync::OnceLock::new(),
        word_table: std::sync::OnceLock::new(),
    };
    let mut held = Findings::new();
    let mut suppressions = Suppressions {
        any: doc.source.text.contains("guidepress-disable"),
        ..Suppressions::default()
    };
    let health = match settings.config.health.enabled {
        crate::config::HealthMode::Auto => doc.guide.health,
        crate::config::HealthMode::True => true,
        crate::config::HealthMode::False => false,
    };
    for rule in rules::all() {
        let meta = info(rule.as_ref());
        if meta.health_only && !health {
            continue;
        }
        let Some(severity) = rule_severity(settings, rule.code()).filter(|s| *s >= at_least) else {
            continue;
        };
        // a draft's unfinished parts are warnings: it exports, marked as a draft
        let severity = if doc.guide.status == crate::model::Status::Draft
            && matches!(
                rule.code(),
                Code::Unfinished | Code::Placeholder | Code::RequiredContent
            ) {
            severity.min(Severity::Warning)
        } else {
            severity
        };
        // a rule whose findings would all be below `at_least` (an export's check of a
        // draft's unfinished parts) is not run: nobody reads them
        if severity < at_least {
            continue;
        }
        // each finding packed as the rule pushes it
        rule.check(
            &cx,
            &mut FindingSink {
                held: &mut held,
                suppressions: &mut suppressions,
                doc,
                units: &units,
                severity,
            },
        );
    }
    held
}

/// The findings silenced by a suppression comment, looked up only for the units that have
/// findings (and once per unit for all rules).
#[derive(Default)]
struct Suppressions {
    /// False when the source has no `guidepress-disable` comment: nothing is silenced and
    /// nothing is looked up.
    any: bool,
    by_pointer: Option<std::collections::HashMap<Box<str>, usize>>,
    silenced: std::collections::HashMap<Box<str>, Option<Vec<String>>>,
}

impl Suppressions {
    /// True when a suppression comment silences `d`.
    fn silences(&mut self, doc: &Document, units: &[text::Unit], d: &Diagnostic) -> bool {
        let Some(p) = d.pointer.as_deref().filter(|_| self.any) else {
            return false;
        };
        let by_pointer = self.by_pointer.get_or_insert_with(|| {
            units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id.pointer().into_boxed_str(), i))
                .collect()
        });
        // looked up before inserting: most findings are in units seen before
        if !self.silenced.contains_key(p) {
            let rules = by_pointer.get(p).and_then(|&i| suppressed(doc, &units[i]));
            self.silenced.insert(p.into(), rules);
        }
        self.silenced[p]
            .as_ref()
            .is_some_and(|rules| rules.iter().any(|r| r == "*" || r == d.code.id()))
    }
}

/// Test helpers shared by the rule files: lint a guide given as YAML text.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A minimal valid guide: `head` lines (e.g. `health: true`) before `sections:`, and
    /// `sections` as YAML (indented by two spaces).
    pub(crate) fn guide(head: &str, sections: &str) -> String {
        format!(
            "id: t\ntitle: Test Guide\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\n{head}sections:\n{sections}"
        )
    }

    /// One section holding `blocks` (YAML list items indented by six spaces).
    pub(crate) fn section(id: &str, title: &str, blocks: &str) -> String {
        format!("  - id: {id}\n    title: {title}\n    blocks:\n{blocks}")
    }

    /// A guide with one section holding one paragraph (`text` is a YAML scalar).
    pub(crate) fn paragraph_guide(head: &str, text: &str) -> String {
        guide(
            head,
            &section("a", "A", &format!("      - paragraph: {text}\n")),
        )
    }

    /// A guide with two sections of one paragraph each.
    pub(crate) fn two_sections(head: &str, first: (&str, &str), second: (&str, &str)) -> String {
        let p = |t: &str| format!("      - paragraph: {t}\n");
        guide(
            head,
            &(section("a", first.0, &p(first.1)) + &section("b", second.0, &p(second.1))),
        )
    }

    /// The diagnostics of one code.
    pub(crate) fn diags(yaml: &str, code: Code) -> Vec<Diagnostic> {
        lint_str(yaml)
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// Lint `yaml` with `settings`; panics when it does not validate.
    pub(crate) fn lint_with(yaml: &str, settings: &Settings) -> Vec<Diagnostic> {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        let lexicon = LEXICON.get_or_init(|| Lexicon::new(&[]));
        let o = crate::validate::validate_source(crate::load::SourceFile::new(
            "t.yaml",
            yaml.to_string(),
            false,
        ));
        let doc = o
            .document
            .unwrap_or_else(|| panic!("test guide must validate: {:?}", o.diagnostics));
        lint(&doc, settings, lexicon)
    }

    /// Lint with the default settings.
    pub(crate) fn lint_str(yaml: &str) -> Vec<Diagnostic> {
        lint_with(yaml, &Settings::default())
    }

    /// The findings of one code, as (message, flagged source text).
    pub(crate) fn found(yaml: &str, code: Code) -> Vec<(String, String)> {
        found_with(yaml, code, &Settings::default())
    }

    pub(crate) fn found_with(yaml: &str, code: Code, settings: &Settings) -> Vec<(String, String)> {
        lint_with(yaml, settings)
            .into_iter()
            .filter(|d| d.code == code)
            .map(|d| {
                let text = d
                    .location
                    .map(|l| yaml[l.start..l.end].to_string())
                    .unwrap_or_default();
                (d.message, text)
            })
            .collect()
    }

    /// Settings from config YAML.
    pub(crate) fn settings(config: &str) -> Settings {
        let src = crate::load::SourceFile::new("c.yaml", config.to_string(), false);
        let c: crate::config::Config = serde_yaml::from_str(config).expect("config parses");
        Settings::compile(c, &src, None, std::path::PathBuf::from(".")).expect("config compiles")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{guide, lint_str, paragraph_guide, section};
    use super::*;

    fn document(yaml: &str) -> Document {
        crate::validate::validate_source(crate::load::SourceFile::new(
            "t.yaml",
            yaml.to_string(),
            false,
        ))
        .document
        .expect("test guide validates")
    }

    #[test]
    fn a_rule_finding_is_packed_when_it_is_pushed() {
        let doc = document(&paragraph_guide("", "Some text."));
        let units = text::units(&doc.guide, &doc.root);
        let mut held = Findings::new();
        let mut suppressions = Suppressions::default();
        let mut sink = FindingSink {
            held: &mut held,
            suppressions: &mut suppressions,
            doc: &doc,
            units: &units,
            severity: Severity::Error,
        };
        let finding = |severity| {
            let mut d = Diagnostic::new(Severity::Warning, Code::Spelling, "t.yaml", "m");
            d.severity = severity;
            d
        };
        sink.push(finding(Severity::Warning));
        assert_eq!(
            sink.held.len(),
            1,
            "packed at the push, not when the rule returns"
        );
        sink.push(finding(Severity::Note));
        assert_eq!(sink.held.len(), 2);
        // the configured severity; a rule's informational note stays a note
        assert_eq!(held.severity(0), Severity::Error);
        assert_eq!(held.severity(1), Severity::Note);
    }

    #[test]
    fn suppression_comments_silence_findings_as_they_are_pushed() {
        let block = |comment: &str| {
            format!("{comment}      - paragraph: The dose is small and and safe.\n")
        };
        let plain = guide("", &section("a", "A", &block("")));
        let silenced = guide(
            "",
            &section(
                "a",
                "A",
                &block("      # guidepress-disable: repeated-word -- quoted\n"),
            ),
        );
        let count = |yaml: &str| {
            lint_str(yaml)
                .iter()
                .filter(|d| d.code == Code::RepeatedWord)
                .count()
        };
        let found = count(&plain);
        assert!(found > 0, "the test paragraph has a repeated word");
        assert_eq!(count(&silenced), 0);
        // a comment naming another rule silences nothing
        let other = plain.replace(
            "      - paragraph",
            "      # guidepress-disable: spelling\n      - paragraph",
        );
        assert_eq!(count(&other), found);
    }
}

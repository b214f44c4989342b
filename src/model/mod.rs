//! The typed guide: what a YAML guide file means once it has passed the schema.
//!
//! Text fields are [`RichText`]: the inline markup is parsed once, here, and every
//! lint rule and export backend reads the same tree.

pub(crate) mod inline;

pub use inline::{Inline, RichText};
use serde::Deserialize;

/// A whole guide (one YAML file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub summary: Option<RichText>,
    pub language: String,
    pub version: String,
    pub authors: Vec<Person>,
    #[serde(default)]
    pub reviewer: Option<Person>,
    /// Parsed once here (validation has already checked it is a real `YYYY-MM-DD` date).
    #[serde(default, deserialize_with = "iso_date")]
    pub last_reviewed: Option<time::Date>,
    #[serde(default)]
    pub disclaimer: Option<RichText>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Marks patient-facing health content (turns on the health rules).
    #[serde(default)]
    pub health: bool,
    /// Draft or published (the default): a draft exports with a visible draft marking and
    /// its unfinished parts are warnings; a published guide with placeholders is refused.
    #[serde(default)]
    pub status: Status,
    /// What the guide is about (`kind:`); `None` when not given — see [`Guide::kind`].
    #[serde(default)]
    pub kind: Option<GuideKind>,
    /// Extra words the spelling rule accepts for this guide only.
    #[serde(default)]
    pub vocabulary: Vec<String>,
    #[serde(default)]
    pub introduction: Vec<Block>,
    pub sections: Vec<Section>,
}

/// What a guide is about; the health rules ask for different things of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GuideKind {
    /// A treatment or procedure (the default: guidepress was made for procedure guides, and
    /// a guide that does not say keeps every check it had before the field existed).
    #[default]
    Procedure,
    /// An illness or skin condition: what it is, symptoms, causes, treatment.
    Condition,
    /// A medicine: how to take it, its side effects.
    Medicine,
    /// Anything else (sun safety, healthy living).
    General,
}

impl GuideKind {
    pub fn id(self) -> &'static str {
        match self {
            GuideKind::Procedure => "procedure",
            GuideKind::Condition => "condition",
            GuideKind::Medicine => "medicine",
            GuideKind::General => "general",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub credentials: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
}

impl Person {
    /// "Name, Credentials".
    pub fn display(&self) -> String {
        match &self.credentials {
            Some(c) => format!("{}, {c}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Where a guide stands on its way to patients.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written or waiting for review: exported with a visible draft marking.
    Draft,
    /// Ready for patients (the default): placeholders refuse `build` and `export`.
    #[default]
    Published,
}

/// Words of the review-date line (the EPUB wraps the date in `<time>`).
pub(crate) const LAST_REVIEWED: &str = "Last reviewed";

/// The front matter every backend shows, worded once and in one order: title, subtitle
/// (the backends' own), then [`FrontMatter::lines`] — authors, reviewer with role and
/// caveat, last-reviewed date, version — then the disclaimer (the backends' own).
pub struct FrontMatter {
    /// "Draft — not yet medically reviewed" for a draft (first, above the authors).
    pub draft: Option<&'static str>,
    /// "By Name, Credentials; Name".
    pub authors: Option<String>,
    /// "Reviewed by Name, Credentials (Role)".
    pub reviewed_by: Option<String>,
    /// "Last reviewed YYYY-MM-DD".
    pub last_reviewed: Option<String>,
    /// The review date itself (the EPUB wraps it in `<time>`).
    pub reviewed_on: Option<time::Date>,
    /// "Version 1.0.0".
    pub version: String,
}

/// Which front-matter line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaLine {
    Draft,
    Authors,
    ReviewedBy,
    LastReviewed,
    Version,
}

impl FrontMatter {
    /// The lines between subtitle and disclaimer, in the order every format shows them.
    pub fn lines(&self) -> Vec<(MetaLine, &str)> {
        let mut out = Vec::new();
        if let Some(d) = self.draft {
            out.push((MetaLine::Draft, d));
        }
        if let Some(a) = &self.authors {
            out.push((MetaLine::Authors, a.as_str()));
        }
        if let Some(r) = &self.reviewed_by {
            out.push((MetaLine::ReviewedBy, r.as_str()));
        }
        if let Some(d) = &self.last_reviewed {
            out.push((MetaLine::LastReviewed, d.as_str()));
        }
        out.push((MetaLine::Version, self.version.as_str()));
        out
    }
}

impl Guide {
    /// The draft marking every format shows (and the PDF's metadata records), `None` for a
    /// published guide.
    pub(crate) fn draft_notice(&self) -> Option<&'static str> {
        match (self.status, self.health) {
            (Status::Published, _) => None,
            (Status::Draft, true) => Some("Draft \u{2014} not yet medically reviewed"),
            (Status::Draft, false) => Some("Draft \u{2014} not yet reviewed"),
        }
    }

    /// The guide's kind: as given, else [`GuideKind::Procedure`].
    pub fn kind(&self) -> GuideKind {
        self.kind.unwrap_or_default()
    }

    /// The guide's front-matter lines.
    pub fn front_matter(&self) -> FrontMatter {
        let authors: Vec<String> = self.authors.iter().map(Person::display).collect();
        FrontMatter {
            draft: self.draft_notice(),
            authors: (!authors.is_empty()).then(|| format!("By {}", authors.join("; "))),
            reviewed_by: self.reviewer.as_ref().map(|r| match &r.role {
                Some(role) => format!("Reviewed by {} ({role})", r.display()),
                None => format!("Reviewed by {}", r.display()),
            }),
            last_reviewed: self.last_reviewed.map(|d| format!("{LAST_REVIEWED} {d}")),
            reviewed_on: self.last_reviewed,
            version: format!("Version {}", self.version),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Language of the section when it differs from the guide's (BCP 47), for its heading,
    /// blocks and subsections.
    #[serde(default)]
    pub lang: Option<String>,
}

/// A block of content. In YAML each block is a one-key mapping: `paragraph: ...`,
/// `ordered: [...]`, `bullets: [...]` or `callout: {...}`, with an optional `lang:` beside
/// it (kept on the block's texts: [`RichText::lang`], [`Block::lang`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawBlock")]
pub enum Block {
    Paragraph(RichText),
    Ordered(Vec<RichText>),
    Bullets(Vec<RichText>),
    Callout(Callout),
}

/// A block as written: one kind of content and an optional language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    #[serde(default)]
    paragraph: Option<RichText>,
    #[serde(default)]
    ordered: Option<Vec<RichText>>,
    #[serde(default)]
    bullets: Option<Vec<RichText>>,
    #[serde(default)]
    callout: Option<Callout>,
    #[serde(default)]
    lang: Option<String>,
}

impl TryFrom<RawBlock> for Block {
    type Error = String;
    fn try_from(r: RawBlock) -> Result<Block, String> {
        let lang = r.lang;
        let tag = |mut t: RichText| {
            t.lang.clone_from(&lang);
            t
        };
        let mut kinds = Vec::new();
        if let Some(t) = r.paragraph {
            kinds.push(Block::Paragraph(tag(t)));
        }
        if let Some(items) = r.ordered {
            kinds.push(Block::Ordered(items.into_iter().map(tag).collect()));
        }
        if let Some(items) = r.bullets {
            kinds.push(Block::Bullets(items.into_iter().map(tag).collect()));
        }
        if let Some(mut c) = r.callout {
            c.text = tag(c.text);
            kinds.push(Block::Callout(c));
        }
        match kinds.len() {
            1 => Ok(kinds.remove(0)),
            _ => Err(
                "a block must have exactly one of `paragraph`, `ordered`, `bullets` or `callout`"
                    .to_string(),
            ),
        }
    }
}

impl Block {
    /// The language the block states (`lang:` beside its content), if any.
    pub fn lang(&self) -> Option<&str> {
        match self {
            Block::Paragraph(t) => t.lang.as_deref(),
            Block::Ordered(items) | Block::Bullets(items) => {
                items.first().and_then(|t| t.lang.as_deref())
            }
            Block::Callout(c) => c.text.lang.as_deref(),
        }
    }
}

/// True when a BCP 47 tag names a language written right to left (its script subtag, else
/// the language's usual script): Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi,
/// Uyghur, Dhivehi, Syriac, N'Ko, Adlam, Kurdish (Sorani).
pub(crate) fn is_rtl_language(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return matches!(
            script.to_ascii_lowercase().as_str(),
            "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg" | "samr" | "mand"
        );
    }
    matches!(
        lang.as_str(),
        "ar" | "he" | "iw" | "fa" | "ur" | "yi" | "ps" | "sd" | "ug" | "dv" | "syr" | "ckb" | "arc"
    )
}

/// True when `tag` is a language tag of the form the schema accepts for `language` and
/// `lang` (BCP 47 language, optional script and region: `fr`, `pt-BR`, `zh-Hant-TW`).
pub fn is_language_tag(tag: &str) -> bool {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new("^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?$")
            .expect("a valid pattern")
    });
    RE.is_match(tag)
}

/// `dir` for a language: `rtl` or `ltr`.
pub(crate) fn direction(tag: &str) -> &'static str {
    if is_rtl_language(tag) { "rtl" } else { "ltr" }
}

/// True when two BCP 47 tags name the same language (primary subtags equal).
pub(crate) fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    primary(a) == primary(b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalloutKind {
    Note,
    Tip,
    Warning,
}

impl CalloutKind {
    pub fn label(self) -> &'static str {
        match self {
            CalloutKind::Note => "Note",
            CalloutKind::Tip => "Tip",
            CalloutKind::Warning => "Warning",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Callout {
    pub kind: CalloutKind,
    #[serde(default)]
    pub title: Option<String>,
    pub text: RichText,
}

/// A section together with its place in the guide, for walking the tree in order.
pub struct SectionRef<'a> {
    pub section: &'a Section,
    /// Nesting depth: 1 for top-level sections.
    pub depth: usize,
    /// JSON Pointer of the section (`/sections/2/sections/0`).
    pub pointer: String,
    /// Indexes from the walk's first level down (`[2, 0]` for `/sections/2/sections/0` when
    /// walking the guide).
    pub path: Vec<usize>,
    /// Index of the enclosing top-level section.
    pub top: usize,
}

/// `YYYY-MM-DD` as a calendar date.
fn iso_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<time::Date>, D::Error> {
    let s: Option<String> = serde::Deserialize::deserialize(d)?;
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    s.map(|s| time::Date::parse(&s, &fmt).map_err(serde::de::Error::custom))
        .transpose()
}

/// One step of a depth-first walk over sections: entering a section (its heading and blocks
/// come next) or leaving it (after all its subsections).
pub(crate) enum Walk<'a> {
    Enter(SectionRef<'a>),
    Leave(&'a Section),
}

/// The one traversal every consumer uses (exporters, readability, lint units): sections and
/// subsections in reading order, iteratively (no recursion on deep guides).
pub(crate) fn walk<'a>(
    sections: &'a [Section],
    depth: usize,
    pointer: &str,
    top: Option<usize>,
) -> Vec<Walk<'a>> {
    enum Step<'a> {
        Open(&'a Section, usize, String, Vec<usize>, usize),
        Close(&'a Section),
    }
    let mut out = Vec::new();
    let mut stack: Vec<Step> = sections
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| {
            Step::Open(
                s,
                depth,
                format!("{pointer}/sections/{i}"),
                vec![i],
                top.unwrap_or(i),
            )
        })
        .collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(s) => out.push(Walk::Leave(s)),
            Step::Open(section, depth, pointer, path, top) => {
                stack.push(Step::Close(section));
                for (i, child) in section.sections.iter().enumerate().rev() {
                    let mut child_path = path.clone();
                    child_path.push(i);
                    stack.push(Step::Open(
                        child,
                        depth + 1,
                        format!("{pointer}/sections/{i}"),
                        child_path,
                        top,
                    ));
                }
                out.push(Walk::Enter(SectionRef {
                    section,
                    depth,
                    pointer,
                    path,
                    top,
                }));
            }
        }
    }
    out
}

impl Section {
    /// This section and its subsections (depth 1 = this one), entered and left in order.
    pub(crate) fn walk(&self) -> Vec<Walk<'_>> {
        walk(std::slice::from_ref(self), 1, "", None)
    }
}

impl Guide {
    /// The language a part states, for the text at a JSON Pointer such as
    /// `/sections/1/sections/0/blocks/2/paragraph` or `/introduction/0/bullets/1`: the
    /// block's `lang`, else the nearest enclosing section's; `None` when the part is in the
    /// guide's own language (nothing states another).
    pub(crate) fn part_language(&self, pointer: &str) -> Option<&str> {
        let mut steps = pointer.split('/').skip(1);
        let mut lang: Option<&str> = None;
        let mut sections = &self.sections;
        let mut blocks: Option<&Vec<Block>> = None;
        while let Some(step) = steps.next() {
            let index = |s: Option<&str>| s.and_then(|i| i.parse::<usize>().ok());
            match step {
                "sections" => {
                    let s = sections.get(index(steps.next())?)?;
                    lang = s.lang.as_deref().or(lang);
                    blocks = Some(&s.blocks);
                    sections = &s.sections;
                }
                "blocks" | "introduction" => {
                    let list = if step == "introduction" {
                        &self.introduction
                    } else {
                        blocks?
                    };
                    let b = list.get(index(steps.next())?)?;
                    return b.lang().or(lang);
                }
                _ => break,
            }
        }
        lang
    }

    /// Every section and subsection, entered and left in reading order.
    pub(crate) fn walk(&self) -> Vec<Walk<'_>> {
        walk(&self.sections, 1, "", None)
    }

    /// Every section and subsection in reading order.
    pub fn walk_sections(&self) -> Vec<SectionRef<'_>> {
        self.walk()
            .into_iter()
            .filter_map(|w| match w {
                Walk::Enter(r) => Some(r),
                Walk::Leave(_) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod lang_tests {
    use super::*;

    fn check(yaml: &str) -> crate::validate::Outcome {
        crate::validate::validate_source(crate::load::SourceFile::new(
            "t.yaml",
            yaml.to_string(),
            false,
        ))
    }

    const HEAD: &str = "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\n";

    #[test]
    fn sections_and_blocks_state_their_language() {
        let o = check(&format!(
            "{HEAD}introduction:\n  - paragraph: Hola\n    lang: es\nsections:\n  - id: a\n    title: A\n    lang: fr\n    blocks:\n      - paragraph: Bonjour\n      - bullets: [שלום]\n        lang: he\n    sections:\n      - id: b\n        title: B\n        blocks:\n          - paragraph: Salut\n"
        ));
        assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
        let g = o.document.unwrap().guide;
        assert_eq!(g.part_language("/introduction/0/paragraph"), Some("es"));
        assert_eq!(g.part_language("/sections/0/title"), Some("fr"));
        assert_eq!(
            g.part_language("/sections/0/blocks/0/paragraph"),
            Some("fr")
        );
        assert_eq!(
            g.part_language("/sections/0/blocks/1/bullets/0"),
            Some("he")
        );
        assert_eq!(
            g.part_language("/sections/0/sections/0/blocks/0/paragraph"),
            Some("fr")
        );
        assert_eq!(g.part_language("/title"), None);
        assert_eq!(g.part_language("/sections/9/title"), None);
        assert!(is_rtl_language("he") && is_rtl_language("ar-EG") && is_rtl_language("az-Arab"));
        assert!(
            !is_rtl_language("fr") && !is_rtl_language("uz-Latn") && !is_rtl_language("zh-Hant")
        );
    }

    #[test]
    fn a_block_still_holds_exactly_one_kind_of_content() {
        for blocks in [
            "      - paragraph: x\n        bullets: [y]\n",
            "      - paragraph: x\n        bullets: [y]\n        lang: fr\n",
            "      - lang: fr\n",
            "      - paragraph: x\n        lang: French\n",
        ] {
            let o = check(&format!(
                "{HEAD}sections:\n  - id: a\n    title: A\n    blocks:\n{blocks}"
            ));
            assert!(!o.diagnostics.is_empty(), "{blocks}");
        }
    }
}

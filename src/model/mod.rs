//! The typed guide: what a YAML guide file means once it has passed the schema.
//!
//! Text fields are [`RichText`]: the inline markup is parsed once, here, and every
//! lint rule and export backend reads the same tree.

pub mod inline;

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

    /// A page about an illness or a medicine rather than a (cosmetic) procedure.
    pub fn is_medical(self) -> bool {
        matches!(self, GuideKind::Condition | GuideKind::Medicine)
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
pub const LAST_REVIEWED: &str = "Last reviewed";

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
    pub fn draft_notice(&self) -> Option<&'static str> {
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
}

/// A block of content. In YAML each block is a one-key mapping: `paragraph: ...`,
/// `ordered: [...]`, `bullets: [...]` or `callout: {...}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    Paragraph(RichText),
    Ordered(Vec<RichText>),
    Bullets(Vec<RichText>),
    Callout(Callout),
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
pub enum Walk<'a> {
    Enter(SectionRef<'a>),
    Leave(&'a Section),
}

/// The one traversal every consumer uses (exporters, readability, lint units): sections and
/// subsections in reading order, iteratively (no recursion on deep guides).
pub fn walk<'a>(
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
    pub fn walk(&self) -> Vec<Walk<'_>> {
        walk(std::slice::from_ref(self), 1, "", None)
    }
}

impl Guide {
    /// Every section and subsection, entered and left in reading order.
    pub fn walk(&self) -> Vec<Walk<'_>> {
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

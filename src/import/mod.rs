//! `guidepress import`: turn an existing article (Markdown or plain text) into a guide.
//!
//! Both readers produce an [`Article`] (title, introduction, nested sections of blocks); the
//! emitter writes it as guide YAML with every string double-quoted (so no text can change
//! the YAML structure), filling the front matter the article lacks with placeholders marked
//! `TODO`. The result is validated before anything is written.

pub(crate) mod markdown;
pub(crate) mod text;

use crate::model::CalloutKind;
use std::fmt::Write as _;

/// A block of an imported article.
#[derive(Debug, Clone, PartialEq)]
pub enum ABlock {
    Paragraph(String),
    Bullets(Vec<String>),
    Ordered(Vec<String>),
    Callout(CalloutKind, String),
}

/// A section of an imported article; `level` is the heading level it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ASection {
    pub title: String,
    pub level: usize,
    pub blocks: Vec<ABlock>,
    pub sections: Vec<ASection>,
}

/// An imported article, before it becomes YAML.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub introduction: Vec<ABlock>,
    pub sections: Vec<ASection>,
    /// What the reader dropped or guessed, with the source line.
    pub warnings: Vec<String>,
}

impl Article {
    /// Add a block to the innermost open section (or the introduction).
    pub(crate) fn push_block(&mut self, block: ABlock) {
        match last_section(&mut self.sections) {
            Some(s) => s.blocks.push(block),
            None => self.introduction.push(block),
        }
    }

    /// Open a section at heading `level`: nested under the last section of a lower level.
    pub(crate) fn push_section(&mut self, title: String, level: usize) {
        let section = ASection {
            title,
            level,
            blocks: Vec::new(),
            sections: Vec::new(),
        };
        let mut list = &mut self.sections;
        loop {
            let nest = matches!(list.last(), Some(last) if last.level < level);
            if !nest {
                list.push(section);
                return;
            }
            list = &mut list.last_mut().expect("checked").sections;
        }
    }

    /// How many sections and lists were found (for the "what was guessed" line).
    pub fn counts(&self) -> (usize, usize, usize) {
        fn blocks(bs: &[ABlock], lists: &mut usize, callouts: &mut usize) {
            for b in bs {
                match b {
                    ABlock::Bullets(_) | ABlock::Ordered(_) => *lists += 1,
                    ABlock::Callout(..) => *callouts += 1,
                    ABlock::Paragraph(_) => {}
                }
            }
        }
        fn walk(ss: &[ASection], n: &mut usize, lists: &mut usize, callouts: &mut usize) {
            for s in ss {
                *n += 1;
                blocks(&s.blocks, lists, callouts);
                walk(&s.sections, n, lists, callouts);
            }
        }
        let (mut n, mut lists, mut callouts) = (0, 0, 0);
        blocks(&self.introduction, &mut lists, &mut callouts);
        walk(&self.sections, &mut n, &mut lists, &mut callouts);
        (n, lists, callouts)
    }
}

fn last_section(list: &mut [ASection]) -> Option<&mut ASection> {
    let last = list.last_mut()?;
    if last.sections.is_empty() {
        Some(last)
    } else {
        // blocks after a subsection belong to that subsection
        last_section(&mut last.sections)
    }
}

/// A kebab-case id from a title: ASCII letters and digits, single hyphens, at most 60
/// characters; never empty, never a name Windows reserves.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold_accents(&crate::text::plain(title)).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "section".to_string()
    } else if crate::validate::semantic::is_reserved(&out) {
        format!("{out}-section")
    } else {
        out
    }
}

/// A YAML double-quoted scalar holding exactly `s`.
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// Options for [`to_yaml`].
pub(crate) struct Emit<'a> {
    pub id: &'a str,
    /// Where the article came from (named in the header comment).
    pub source: &'a str,
}

/// The article as guide YAML.
pub(crate) fn to_yaml(a: &Article, e: &Emit) -> String {
    let title = match &a.title {
        Some(t) => q(t),
        None => format!("{}  # TODO: the article had no title", q("Untitled guide")),
    };
    // a draft until someone reviewed it: no review date or reviewer is invented
    let mut y = crate::template::imported(
        &e.source.replace('\n', " "),
        &q(e.id),
        &title,
        a.summary.as_deref().map(q).as_deref(),
    );
    if a.sections.is_empty() {
        // a guide needs a section: the whole article becomes one, for the writer to split
        y.push_str("sections:\n  - id: overview\n    title: \"Overview\"  # TODO: the article had no headings; split it into sections\n    blocks:\n");
        if a.introduction.is_empty() {
            y.push_str("      - paragraph: \"TODO: the article had no text.\"\n");
        } else {
            blocks_yaml(&a.introduction, 6, &mut y);
        }
        return y;
    }
    if !a.introduction.is_empty() {
        y.push_str("introduction:\n");
        blocks_yaml(&a.introduction, 2, &mut y);
    }
    y.push_str("sections:");
    {
        y.push('\n');
        let mut ids = Ids::default();
        for s in &a.sections {
            section_yaml(s, 2, &mut ids, &mut y);
        }
    }
    y
}

/// The section ids handed out so far. A taken id gets the first free `-2`, `-3`, ...
/// suffix; the search for a base resumes where the last one for that base stopped (ids are
/// never released, so every smaller suffix is still taken): 20,000 headings with one title
/// cost linear time, not quadratic.
#[derive(Default)]
struct Ids {
    taken: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl Ids {
    fn unique(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn section_yaml(s: &ASection, indent: usize, ids: &mut Ids, y: &mut String) {
    let pad = " ".repeat(indent);
    let id = ids.unique(slug(&s.title));
    let _ = writeln!(y, "{pad}- id: {}\n{pad}  title: {}", q(&id), q(&s.title));
    if !s.blocks.is_empty() {
        let _ = writeln!(y, "{pad}  blocks:");
        blocks_yaml(&s.blocks, indent + 4, y);
    } else if s.sections.is_empty() {
        let _ = writeln!(
            y,
            "{pad}  blocks:\n{pad}    - paragraph: \"TODO: this heading had no text in the article.\""
        );
    }
    if !s.sections.is_empty() {
        let _ = writeln!(y, "{pad}  sections:");
        for sub in &s.sections {
            section_yaml(sub, indent + 4, ids, y);
        }
    }
}

fn blocks_yaml(blocks: &[ABlock], indent: usize, y: &mut String) {
    let pad = " ".repeat(indent);
    for b in blocks {
        match b {
            ABlock::Paragraph(t) => {
                let _ = writeln!(y, "{pad}- paragraph: {}", q(t));
            }
            ABlock::Bullets(items) | ABlock::Ordered(items) => {
                let key = if matches!(b, ABlock::Bullets(_)) {
                    "bullets"
                } else {
                    "ordered"
                };
                let _ = writeln!(y, "{pad}- {key}:");
                for it in items {
                    let _ = writeln!(y, "{pad}    - {}", q(it));
                }
            }
            ABlock::Callout(kind, text) => {
                let _ = writeln!(
                    y,
                    "{pad}- callout:\n{pad}    kind: {}\n{pad}    text: {}",
                    kind.label().to_lowercase(),
                    q(text)
                );
            }
        }
    }
}

/// What `import` made of one file.
pub struct Imported {
    /// The guide id (from `--id` or the title).
    pub id: String,
    pub article: Article,
    pub yaml: String,
}

/// Which reader a file name asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Markdown,
    Text,
}

impl Kind {
    /// `.md`, `.markdown`, `.mdown` are Markdown; everything else is plain text.
    pub fn of(path: &std::path::Path) -> Kind {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => Kind::Markdown,
            _ => Kind::Text,
        }
    }
}

/// Read an article and turn it into guide YAML with id `id` (default: from the title).
pub fn import(text: &str, kind: Kind, source: &str, id: Option<&str>) -> Imported {
    // invisible control characters would make the guide invalid: drop them, say where
    let hostile = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let (text, dropped) = match text.find(hostile) {
        None => (std::borrow::Cow::Borrowed(text), None),
        Some(at) => {
            let line = text[..at].matches('\n').count() + 1;
            let n = text.chars().filter(|c| hostile(*c)).count();
            let clean: String = text.chars().filter(|c| !hostile(*c)).collect();
            (
                std::borrow::Cow::Owned(clean),
                Some(format!(
                    "line {line}: {} removed",
                    crate::util::plural(n, "invisible control character")
                )),
            )
        }
    };
    let mut article = match kind {
        Kind::Markdown => markdown::read(&text),
        Kind::Text => text::read(&text),
    };
    article.warnings.splice(0..0, dropped);
    let id = id.map_or_else(
        || slug(article.title.as_deref().unwrap_or("imported-guide")),
        str::to_string,
    );
    let yaml = to_yaml(&article, &Emit { id: &id, source });
    Imported { id, article, yaml }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ids() {
        assert_eq!(
            slug("Pre and Post-Treatment Care"),
            "pre-and-post-treatment-care"
        );
        assert_eq!(slug("**Crème** brûlée!"), "creme-brulee");
        assert_eq!(slug("!!!"), "section");
        assert_eq!(slug("CON"), "con-section");
    }

    #[test]
    fn repeated_titles_get_the_first_free_suffix() {
        // what a fresh search from `-2` for every id would hand out
        let naive = |bases: &[&str]| {
            let mut taken = std::collections::HashSet::new();
            bases
                .iter()
                .map(|base| {
                    let mut id = base.to_string();
                    let mut n = 2;
                    while !taken.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    id
                })
                .collect::<Vec<_>>()
        };
        let bases = [
            "care", "care", "care-3", "care", "care", "care-2", "care-2", "x", "care-4-2", "care",
            "care-4", "care-4",
        ];
        let mut ids = Ids::default();
        let got: Vec<String> = bases.iter().map(|b| ids.unique(b.to_string())).collect();
        assert_eq!(got, naive(&bases));
    }

    #[test]
    fn sections_nest_by_level() {
        let mut a = Article::default();
        a.push_block(ABlock::Paragraph("intro".into()));
        a.push_section("A".into(), 2);
        a.push_section("A1".into(), 3);
        a.push_block(ABlock::Paragraph("in A1".into()));
        a.push_section("B".into(), 2);
        assert_eq!(a.sections.len(), 2);
        assert_eq!(a.sections[0].sections[0].blocks.len(), 1);
        assert_eq!(a.introduction.len(), 1);
        assert_eq!(a.counts(), (3, 0, 0));
    }
}

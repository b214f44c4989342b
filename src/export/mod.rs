//! Export backends behind one trait: [`txt`], [`epub`], [`pdf`] and [`html`]. Each turns a typed
//! guide into bytes; [`commit`] stages the files and moves them into place all together.

pub mod epub;
pub mod html;
pub mod pdf;
pub mod txt;
pub(crate) mod typography;

use crate::model::Guide;
use std::path::{Path, PathBuf};

/// Paper size for the PDF backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

/// A format a guide can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExportFormat {
    Pdf,
    Epub,
    Txt,
    Html,
}

impl ExportFormat {
    pub fn all() -> Vec<ExportFormat> {
        vec![
            ExportFormat::Pdf,
            ExportFormat::Epub,
            ExportFormat::Txt,
            ExportFormat::Html,
        ]
    }
    pub fn exporter(self) -> Box<dyn Exporter> {
        match self {
            ExportFormat::Pdf => Box::new(pdf::Pdf),
            ExportFormat::Epub => Box::new(epub::Epub),
            ExportFormat::Txt => Box::new(txt::Txt),
            ExportFormat::Html => Box::new(html::Html),
        }
    }
}

/// Options of the PDF backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOptions {
    pub paper: Paper,
    /// Fonts for characters the bundled font lacks, tried in order before the system's
    /// (the configuration's `pdf.fonts`).
    pub fonts: Vec<FontSpec>,
}

/// A font the configuration names: a file, or an installed family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSpec {
    Path(std::path::PathBuf),
    Family(String),
}

/// Options of the plain-text backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxtOptions {
    /// Text width in display columns (at least 20).
    pub width: usize,
    /// Fold curly quotes and dashes to ASCII.
    pub ascii: bool,
}

/// The options of every backend, each taking its own part (EPUB has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub pdf: PdfOptions,
    pub txt: TxtOptions,
}

impl Default for Options {
    /// A4, 72 columns, Unicode punctuation.
    fn default() -> Self {
        Options {
            pdf: PdfOptions {
                paper: Paper::A4,
                fonts: Vec::new(),
            },
            txt: TxtOptions {
                width: 72,
                ascii: false,
            },
        }
    }
}

/// The timestamp exports record as "modified" (seconds since the Unix epoch): SOURCE_DATE_EPOCH
/// when set, else the guide's last-reviewed date, else 1980-01-01. Never the clock.
pub(crate) fn timestamp(guide: &Guide) -> i64 {
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return t.clamp(315_532_800, 253_402_300_799);
    }
    guide.last_reviewed.map_or(315_532_800, |d| {
        d.midnight().assume_utc().unix_timestamp().max(315_532_800)
    })
}

/// A warning when `SOURCE_DATE_EPOCH` is set but unusable (not a whole number of seconds,
/// or outside 1980..9999, where it is clamped).
pub fn source_date_epoch_warning() -> Option<String> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    match raw.trim().parse::<i64>() {
        Err(_) => Some(format!(
            "SOURCE_DATE_EPOCH=`{}` is not a whole number of seconds since 1970; ignored (exports use each guide's last-reviewed date)",
            crate::escape::esc(&raw)
        )),
        Ok(t) if !(315_532_800..=253_402_300_799).contains(&t) => Some(format!(
            "SOURCE_DATE_EPOCH={t} is outside 1980-01-01..9999-12-31; clamped to that range"
        )),
        Ok(_) => None,
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Render(String),
    /// Characters no font has (PDF): located by the driver, which has the source.
    #[error("{0}")]
    MissingGlyphs(pdf::MissingGlyphs),
    /// The output folder cannot be used: its path, the reason in words and the I/O error.
    #[error("cannot write {path}: {reason}")]
    Write {
        path: String,
        reason: String,
        #[source]
        source: std::io::Error,
    },
}

/// One export backend.
pub trait Exporter: Send + Sync {
    /// File extension without the dot.
    fn extension(&self) -> &'static str;
    /// Render the guide (no I/O).
    fn render(&self, guide: &Guide, options: &Options) -> Result<Rendered, ExportError>;
}

/// Characters that join words without a line break (no-break, narrow no-break and figure
/// spaces: `500 mg`, `5 %`); the PDF and text backends never break at them.
pub(crate) fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// Inline runs as HTML/XHTML markup (`<strong>`, `<em>`), each text run written by `text`
/// (the backend's own escaping) with numbers bound to their units
/// ([`typography::bind_units`]), shared by the EPUB and HTML backends. A span in another
/// language is `<span lang=".." dir="..">` (and `xml:lang` when `xhtml`).
pub(crate) fn inline_markup(
    items: &[crate::model::Inline],
    out: &mut String,
    text: &dyn Fn(&str, &mut String),
    xhtml: bool,
) {
    use crate::model::Inline;
    for i in items {
        match i {
            Inline::Text(t) => text(&typography::bind_units(t), out),
            Inline::Strong(c) => {
                out.push_str("<strong>");
                inline_markup(c, out, text, xhtml);
                out.push_str("</strong>");
            }
            Inline::Emphasis(c) => {
                out.push_str("<em>");
                inline_markup(c, out, text, xhtml);
                out.push_str("</em>");
            }
            Inline::Span { lang, children } => {
                out.push_str("<span");
                out.push_str(&lang_attrs(Some(lang), xhtml));
                out.push('>');
                inline_markup(children, out, text, xhtml);
                out.push_str("</span>");
            }
        }
    }
}

/// The attributes that mark a part in another language (WCAG 3.1.2): ` lang="fr"` (and
/// ` xml:lang` for XHTML) and its direction ` dir="rtl"`/`"ltr"`; empty without a language.
pub(crate) fn lang_attrs(lang: Option<&str>, xhtml: bool) -> String {
    let Some(l) = lang else {
        return String::new();
    };
    let l = epub::escape(l);
    let dir = crate::model::direction(&l);
    if xhtml {
        format!(" lang=\"{l}\" xml:lang=\"{l}\" dir=\"{dir}\"")
    } else {
        format!(" lang=\"{l}\" dir=\"{dir}\"")
    }
}

/// The soft hyphen: a break point, invisible unless a line breaks there.
pub(crate) const SOFT_HYPHEN: char = '\u{ad}';

pub use crate::fs::commit::{Rendered, Written};

/// The output path for a guide id; ids are schema-checked slugs, but never trust them
/// with the file system: anything but [a-z0-9-] is replaced.
pub fn output_path(out: &Path, id: &str, ext: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.join(format!("{safe}.{ext}"))
}

/// Prepare the output folder: create it if missing; refuse a file in its place.
pub(crate) fn prepare_out_dir(out: &Path) -> Result<(), ExportError> {
    if out.exists() && !out.is_dir() {
        let reason = "exists and is not a directory";
        return Err(ExportError::Write {
            path: out.display().to_string(),
            reason: reason.to_string(),
            source: std::io::Error::new(std::io::ErrorKind::NotADirectory, reason),
        });
    }
    std::fs::create_dir_all(out).map_err(|e| ExportError::Write {
        path: out.display().to_string(),
        reason: crate::util::io_reason(&e),
        source: e,
    })
}

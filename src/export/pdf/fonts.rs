//! The embedded font family (Liberation Serif, SIL OFL 1.1, in assets/fonts) and glyph
//! metrics from ttf-parser, used by the layout engine to measure text in advances.

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn from_flags(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
            Style::Bold => include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
            Style::Italic => include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
            Style::BoldItalic => {
                include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf")
            }
        }
    }
}

/// Glyph advances for the four styles.
pub struct Metrics {
    faces: Vec<ttf_parser::Face<'static>>,
}

impl Metrics {
    pub fn get() -> &'static Metrics {
        static M: OnceLock<Metrics> = OnceLock::new();
        M.get_or_init(|| Metrics {
            faces: Style::ALL
                .iter()
                .map(|s| {
                    ttf_parser::Face::parse(s.bytes(), 0).expect("bundled font parses (tested)")
                })
                .collect(),
        })
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, style: Style, text: &str, size: f64) -> f64 {
        let face = &self.faces[style.index()];
        let upem = f64::from(face.units_per_em());
        let units: u32 = text
            .chars()
            .map(|c| {
                let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum();
        f64::from(units) * size / upem
    }

    /// True when the font has a glyph for `c`.
    pub fn has_glyph(&self, style: Style, c: char) -> bool {
        c.is_whitespace() || self.faces[style.index()].glyph_index(c).is_some()
    }
}

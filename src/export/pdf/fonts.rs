//! The embedded font family (Liberation Serif, SIL OFL 1.1, in assets/fonts) and glyph
//! metrics from ttf-parser (advances and `kern` pairs), used by the layout engine to measure
//! text and by the renderer to kern it.

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

    /// Width of `text` in points at `size`, kerned (see [`Metrics::kern`]).
    pub fn width(&self, style: Style, text: &str, size: f64) -> f64 {
        let face = &self.faces[style.index()];
        let upem = f64::from(face.units_per_em());
        let mut units: i64 = 0;
        let mut prev = None;
        for c in text.chars() {
            let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            units += i64::from(face.glyph_hor_advance(g).unwrap_or(0));
            if let Some(p) = prev {
                units += i64::from(self.kern(style, p, c));
            }
            prev = Some(c);
        }
        units as f64 * size / upem
    }

    /// Kerning between two characters in font units, from the font's `kern` table (0 when
    /// the pair has none). Pairs with whitespace are never kerned, so a line measured word by
    /// word has the width it is drawn with.
    pub fn kern(&self, style: Style, left: char, right: char) -> i16 {
        if left.is_whitespace() || right.is_whitespace() {
            return 0;
        }
        let face = &self.faces[style.index()];
        let (Some(l), Some(r)) = (face.glyph_index(left), face.glyph_index(right)) else {
            return 0;
        };
        face.tables()
            .kern
            .and_then(|k| {
                k.subtables
                    .into_iter()
                    .filter(|s| s.horizontal && !s.variable && !s.has_cross_stream)
                    .find_map(|s| s.glyphs_kerning(l, r))
            })
            .unwrap_or(0)
    }

    /// `text` as runs between kerned pairs, each with the adjustment that follows it in
    /// thousandths of an em (the numbers of a PDF `TJ` array; positive moves left).
    pub fn kerned(&self, style: Style, text: &str) -> Vec<(String, f32)> {
        let upem = f32::from(self.faces[style.index()].units_per_em());
        let mut out: Vec<(String, f32)> = Vec::new();
        let mut cur = String::new();
        let mut prev = None;
        for c in text.chars() {
            if let Some(p) = prev {
                let k = self.kern(style, p, c);
                if k != 0 {
                    out.push((std::mem::take(&mut cur), -f32::from(k) * 1000.0 / upem));
                }
            }
            cur.push(c);
            prev = Some(c);
        }
        out.push((cur, 0.0));
        out
    }

    /// True when the font has a glyph for `c`.
    pub fn has_glyph(&self, style: Style, c: char) -> bool {
        c.is_whitespace() || self.faces[style.index()].glyph_index(c).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_comes_from_the_font_and_is_measured_as_drawn() {
        let m = Metrics::get();
        // classic pairs are tighter than their advances
        let k = m.kern(Style::Regular, 'A', 'V');
        assert!(k < 0, "AV kern {k}");
        assert!(
            m.width(Style::Regular, "AV", 12.0)
                < m.width(Style::Regular, "A", 12.0) + m.width(Style::Regular, "V", 12.0)
        );
        assert_eq!(
            m.kern(Style::Regular, 'A', ' '),
            0,
            "no kerning across spaces"
        );
        // the TJ runs say the same: the adjustment moves V left by the kern
        let runs = m.kerned(Style::Regular, "AVA");
        assert_eq!(runs[0].0, "A");
        assert!(runs[0].1 > 0.0);
        let text: String = runs.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(text, "AVA");
    }
}

//! The embedded font family (Liberation Serif, SIL OFL 1.1, in assets/fonts) and glyph
//! metrics from ttf-parser (advances and `kern` pairs), used by the layout engine to measure
//! text and by the renderer to kern it.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub(crate) const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub(crate) fn from_flags(bold: bool, italic: bool) -> Style {
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

/// Glyph advances and kerning for the four styles. ASCII advances are tabulated once and
/// ASCII kerning pairs on first use (text is mostly ASCII; cmap and kern lookups dominated
/// layout time, and tabulating all 4 × 128 × 128 pairs up front cost about a quarter of a
/// PDF export).
pub(crate) struct Metrics {
    faces: Vec<ttf_parser::Face<'static>>,
    /// Per style: advance of each ASCII character, in font units.
    ascii_advance: Vec<[u16; 128]>,
    /// Per style: kerning of each ASCII pair (left * 128 + right), in font units, once
    /// looked up: 0 when not yet, else `KERN_KNOWN | kern as u16`.
    ascii_kern: Vec<Vec<AtomicU32>>,
}

/// The mark of a looked-up pair in [`Metrics::ascii_kern`].
const KERN_KNOWN: u32 = 1 << 16;

impl Metrics {
    pub(crate) fn get() -> &'static Metrics {
        static M: OnceLock<Metrics> = OnceLock::new();
        M.get_or_init(|| {
            let faces: Vec<ttf_parser::Face<'static>> = Style::ALL
                .iter()
                .map(|s| {
                    ttf_parser::Face::parse(s.bytes(), 0).expect("bundled font parses (tested)")
                })
                .collect();
            let ascii_advance = faces
                .iter()
                .map(|f| {
                    let mut a = [0u16; 128];
                    for (c, slot) in a.iter_mut().enumerate() {
                        let g = f
                            .glyph_index(char::from(c as u8))
                            .unwrap_or(ttf_parser::GlyphId(0));
                        *slot = f.glyph_hor_advance(g).unwrap_or(0);
                    }
                    a
                })
                .collect();
            let ascii_kern = faces
                .iter()
                .map(|_| (0..128 * 128).map(|_| AtomicU32::new(0)).collect())
                .collect();
            Metrics {
                faces,
                ascii_advance,
                ascii_kern,
            }
        })
    }

    /// Width of `text` in points at `size`, kerned (see [`Metrics::kern`]).
    pub(crate) fn width(&self, style: Style, text: &str, size: f64) -> f64 {
        let mut units: i64 = 0;
        let mut prev = None;
        for c in text.chars() {
            units += self.advance(style, c);
            if let Some(p) = prev {
                units += i64::from(self.kern(style, p, c));
            }
            prev = Some(c);
        }
        self.points(style, units, size)
    }

    /// Advance of one character in font units.
    fn advance(&self, style: Style, c: char) -> i64 {
        i64::from(if c.is_ascii() {
            self.ascii_advance[style.index()][c as usize]
        } else {
            let face = &self.faces[style.index()];
            let g = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            face.glyph_hor_advance(g).unwrap_or(0)
        })
    }

    /// Font units to points at `size`.
    fn points(&self, style: Style, units: i64, size: f64) -> f64 {
        units as f64 * size / f64::from(self.faces[style.index()].units_per_em())
    }

    /// The byte length of the longest non-empty prefix of `text` that, followed by `suffix`,
    /// is at most `max` points wide (0 when none is): what removing characters from the end
    /// and measuring `prefix + suffix` after each would find, in one pass over `text`
    /// instead of one measurement per removed character (quadratic in a long title).
    pub(crate) fn fitting_prefix(
        &self,
        style: Style,
        text: &str,
        suffix: char,
        size: f64,
        max: f64,
    ) -> usize {
        let tail = self.advance(style, suffix);
        // (end byte, units of the prefix ending there, its last character)
        let mut prefixes: Vec<(usize, i64, char)> = Vec::new();
        let mut units: i64 = 0;
        let mut prev = None;
        for (i, c) in text.char_indices() {
            units += self.advance(style, c);
            if let Some(p) = prev {
                units += i64::from(self.kern(style, p, c));
            }
            prev = Some(c);
            prefixes.push((i + c.len_utf8(), units, c));
        }
        prefixes
            .iter()
            .rev()
            .find(|(_, u, last)| {
                let w = u + i64::from(self.kern(style, *last, suffix)) + tail;
                self.points(style, w, size) <= max
            })
            .map_or(0, |(end, _, _)| *end)
    }

    /// Kerning between two characters in font units, from the font's `kern` table (0 when
    /// the pair has none). Pairs with whitespace are never kerned, so a line measured word by
    /// word has the width it is drawn with.
    pub(crate) fn kern(&self, style: Style, left: char, right: char) -> i16 {
        if left.is_ascii() && right.is_ascii() {
            let slot = &self.ascii_kern[style.index()][left as usize * 128 + right as usize];
            let known = slot.load(Ordering::Relaxed);
            if known & KERN_KNOWN != 0 {
                return known as u16 as i16;
            }
            // the same value whichever thread stores it first
            let k = kern_lookup(&self.faces[style.index()], left, right);
            slot.store(KERN_KNOWN | u32::from(k as u16), Ordering::Relaxed);
            return k;
        }
        kern_lookup(&self.faces[style.index()], left, right)
    }

    /// `text` as runs between kerned pairs, each with the adjustment that follows it in
    /// thousandths of an em (the numbers of a PDF `TJ` array; positive moves left).
    pub(crate) fn kerned(&self, style: Style, text: &str) -> Vec<(String, f32)> {
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
    pub(crate) fn has_glyph(&self, style: Style, c: char) -> bool {
        c.is_whitespace() || self.faces[style.index()].glyph_index(c).is_some()
    }
}

/// Kerning of a pair from the face's `kern` table (never across whitespace).
fn kern_lookup(face: &ttf_parser::Face, left: char, right: char) -> i16 {
    if left.is_whitespace() || right.is_whitespace() {
        return 0;
    }
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
        // the ASCII tables agree with the font's own lookups, negative kerns included,
        // whether the pair was looked up before or not (asked twice)
        let mut negative = 0;
        for l in 0..128u8 {
            for r in 0..128u8 {
                let (l, r) = (char::from(l), char::from(r));
                for style in Style::ALL {
                    let face = &m.faces[style.index()];
                    let want = kern_lookup(face, l, r);
                    assert_eq!(m.kern(style, l, r), want, "{l:?}{r:?} {style:?}");
                    assert_eq!(m.kern(style, l, r), want, "{l:?}{r:?} {style:?} again");
                    negative += usize::from(want < 0);
                }
            }
        }
        assert!(negative > 100, "{negative} negative kerns");
        assert!(
            (m.width(Style::Bold, "Wave", 10.0)
                - m.width(Style::Bold, "W", 10.0)
                - m.width(Style::Bold, "ave", 10.0)
                - f64::from(m.kern(Style::Bold, 'W', 'a')) * 10.0 / 2048.0)
                .abs()
                < 1e-9
        );
    }

    #[test]
    fn the_fitting_prefix_is_what_shortening_one_character_at_a_time_finds() {
        let m = Metrics::get();
        // the measurement it replaces: drop the last character until prefix + … fits
        let naive = |style: Style, text: &str, size: f64, max: f64| -> usize {
            let mut chars: Vec<char> = text.chars().collect();
            while !chars.is_empty()
                && m.width(style, &(chars.iter().collect::<String>() + "…"), size) > max
            {
                chars.pop();
            }
            chars.iter().map(|c| c.len_utf8()).sum()
        };
        let texts = [
            "AVAVAVAVAV To To To Wa Wa LT LT",
            "Crème brûlée après l’été, naïve façade",
            "皮肤护理很重要 and more text after it",
            "x",
            "",
        ];
        for style in Style::ALL {
            for text in texts {
                for max in [0.0, 3.0, 10.0, 25.0, 40.0, 80.0, 400.0] {
                    assert_eq!(
                        m.fitting_prefix(style, text, '…', 8.5, max),
                        naive(style, text, 8.5, max),
                        "{style:?} {text:?} {max}"
                    );
                }
            }
        }
    }
}

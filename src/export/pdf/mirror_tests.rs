//! Mirrored glyphs in fallback fonts (UAX #9 L4): a bracket in a right-to-left run shows
//! mirrored (`⟨` drawn as `⟩`) and reads as written, also when the same glyph is drawn
//! unmirrored elsewhere in the document by the same face.

use super::*;
use lopdf::{Document, Object};
use std::collections::BTreeMap;

/// A font's ToUnicode map: code to text.
type ToUnicode = BTreeMap<u16, String>;

/// Per font resource of `page`: its ToUnicode map (code to text) and its font program.
fn fonts_of(doc: &Document, page: lopdf::ObjectId) -> BTreeMap<Vec<u8>, (ToUnicode, Vec<u8>)> {
    let stream = |o: &Object| -> lopdf::Stream {
        doc.dereference(o).unwrap().1.as_stream().unwrap().clone()
    };
    let dict = |o: &Object| -> lopdf::Dictionary {
        doc.dereference(o).unwrap().1.as_dict().unwrap().clone()
    };
    let mut out = BTreeMap::new();
    for (name, font) in doc.get_page_fonts(page).unwrap() {
        let cmap = stream(font.get(b"ToUnicode").unwrap());
        let cmap = String::from_utf8_lossy(&cmap.decompressed_content().unwrap()).into_owned();
        let mut map = BTreeMap::new();
        for line in cmap.lines() {
            let hex: Vec<&str> = line
                .split_whitespace()
                .filter_map(|t| t.strip_prefix('<')?.strip_suffix('>'))
                .collect();
            if let [code, text] = hex[..]
                && let Ok(code) = u16::from_str_radix(code, 16)
            {
                let units: Vec<u16> = (0..text.len() / 4)
                    .map(|i| u16::from_str_radix(&text[i * 4..i * 4 + 4], 16).unwrap())
                    .collect();
                map.insert(code, String::from_utf16(&units).unwrap());
            }
        }
        let descendants = doc
            .dereference(font.get(b"DescendantFonts").unwrap())
            .unwrap()
            .1
            .as_array()
            .unwrap()
            .clone();
        let desc = dict(&descendants[0]);
        let fd = dict(desc.get(b"FontDescriptor").unwrap());
        let file = stream(fd.get(b"FontFile2").unwrap());
        let program = file.decompressed_content().unwrap_or(file.content);
        out.insert(name, (map, program));
    }
    out
}

/// The points of a glyph's outline (⟨ and ⟩ have the same bounding box in DejaVu Sans).
fn points(face: &ttf_parser::Face, glyph: u16) -> Vec<(i32, i32)> {
    struct Points(Vec<(i32, i32)>);
    impl ttf_parser::OutlineBuilder for Points {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn quad_to(&mut self, _: f32, _: f32, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn curve_to(&mut self, _: f32, _: f32, _: f32, _: f32, x: f32, y: f32) {
            self.0.push((x as i32, y as i32));
        }
        fn close(&mut self) {}
    }
    let mut p = Points(Vec::new());
    face.outline_glyph(ttf_parser::GlyphId(glyph), &mut p);
    p.0
}

// Long because one rendered page is decoded once and every bracket of every sentence is
// checked against it (drawn outline, text it reads as, the mirror fonts used) in one place.
#[test]
fn brackets_in_fallback_fonts_are_drawn_mirrored_right_to_left_and_read_as_written() {
    // DejaVu Sans (fonts-dejavu-core) draws the angle brackets and Arabic (Liberation Serif
    // has the Hebrew letters); named as the configuration would, so one face draws the
    // brackets in every direction
    let Ok(fb) =
        fallback::Fallback::new(&[crate::export::FontSpec::Family("DejaVu Sans".to_string())])
    else {
        return; // not installed (scripts.rs requires it under CI)
    };
    let Some(id) = fb.first_with(Style::Regular, '⟨') else {
        return;
    };
    let yaml = include_str!("../../../tests/fixtures/script/mirrored-fallback.yaml");
    let src = crate::load::SourceFile::new("t.yaml", yaml.to_string(), false);
    let guide = crate::validate::validate_source(src)
        .document
        .unwrap()
        .guide;
    let layout = layout::layout_with(&guide, super::super::Paper::A4, &fb);
    let bytes = render(&guide, &layout, super::super::Paper::A4).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let page = doc.get_pages()[&1];
    let fonts = fonts_of(&doc, page);
    // the text read from the page in content order (the logical order), and for each of its
    // characters the font and code that drew it
    let content = doc.get_and_decode_page_content(page).unwrap();
    let mut font: Vec<u8> = Vec::new();
    let mut read = String::new();
    let mut drawn_by: Vec<(Vec<u8>, u16)> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
            "Tj" | "TJ" => {
                let strings: Vec<&Object> = match &op.operands[0] {
                    Object::Array(a) => a.iter().collect(),
                    o => vec![o],
                };
                for s in strings {
                    if let Object::String(b, _) = s {
                        for code in b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])) {
                            let text = &fonts[&font].0[&code];
                            read.push_str(text);
                            drawn_by.extend(text.chars().map(|_| (font.clone(), code)));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let source = &fallback::face(id).face;
    let outline = |c: char| points(source, source.glyph_index(c).unwrap().0);
    let mut mirror_fonts = std::collections::BTreeSet::new();
    for (sentence, rtl) in [
        ("Write the dose as ⟨5 mg⟩ on the chart.", false),
        ("اكتب الجرعة ⟨خمسة⟩ على الورقة.", true),
        ("כתבו את המינון ⟨חמישה⟩ ברשומה.", true),
    ] {
        let at = read
            .find(sentence)
            .unwrap_or_else(|| panic!("{sentence} in {read}"));
        let first = read[..at].chars().count();
        for (k, c) in sentence.chars().enumerate() {
            if !matches!(c, '⟨' | '⟩') {
                continue;
            }
            let (font, code) = &drawn_by[first + k];
            let program = ttf_parser::Face::parse(&fonts[font].1, 0).unwrap();
            let shown = if rtl {
                unicode_bidi_mirroring::get_mirrored(c).unwrap()
            } else {
                c
            };
            // drawn with the outline of what shows, whatever it reads as
            assert_eq!(
                points(&program, *code),
                outline(shown),
                "{c} in {sentence:?} shows as {shown}"
            );
            if rtl {
                assert_ne!(outline(c), outline(shown), "{c} has a mirrored form");
                mirror_fonts.insert(font.clone());
            }
        }
    }
    // the mirrored glyphs come from one second instance of the face, after the faces'
    assert_eq!(mirror_fonts.len(), 1, "{mirror_fonts:?}");
    let name = String::from_utf8_lossy(mirror_fonts.first().unwrap()).into_owned();
    assert!(name.starts_with("GPDFB") && name != "GPDFBA", "{name}");
}

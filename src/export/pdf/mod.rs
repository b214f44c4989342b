//! PDF handout with printpdf: our own layout ([`layout`]) drawn with the embedded,
//! subset Liberation Serif family ([`fonts`]); then lopdf sets what printpdf leaves out or
//! randomises: a nested outline, /Lang, and a trailer /ID derived from the content.

pub mod fallback;
pub mod fonts;
pub mod layout;
pub mod tags;

#[cfg(test)]
mod mirror_tests;

use super::{ExportError, Exporter, Options, Rendered};
use crate::model::Guide;
use fonts::Style;
use layout::{Item, Layout, Mark};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};
use std::sync::OnceLock;

pub struct Pdf;

fn parsed_fonts() -> &'static Vec<ParsedFont> {
    static F: OnceLock<Vec<ParsedFont>> = OnceLock::new();
    F.get_or_init(|| {
        Style::ALL
            .iter()
            .map(|s| {
                ParsedFont::from_bytes(s.bytes(), 0, &mut Vec::new())
                    .expect("bundled font parses (tested)")
            })
            .collect()
    })
}

fn grey(v: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: v,
        icc_profile: None,
    })
}

/// Marked-content properties `<< /MCID n >>` (or `<< /Type /Pagination >>` for furniture).
fn props(key: &str, value: printpdf::DictItem) -> printpdf::DictItem {
    printpdf::DictItem::Dict {
        map: std::collections::BTreeMap::from([(key.to_string(), value)]),
    }
}

/// The second font instances that draw mirrored glyphs in right-to-left text (`)` for `(`),
/// each with a ToUnicode that reads them as written: per bundled style, and per fallback
/// face; only those a document draws with.
struct Mirrors {
    styles: Vec<Option<FontId>>,
    faces: std::collections::BTreeMap<fallback::FaceId, FontId>,
}

/// The content of one page: every text item inside a marked-content sequence of its
/// structure element (`/P <</MCID n>> BDC … EMC`), furniture, fills and rules as artifacts.
/// Records each tagged item's MCID in `mcids`.
// Long because it is one pass over the page's items in drawing order that carries the open
// marked-content sequence and artifact between items; each item kind's arm reads and changes
// that state, which split-out helpers would all have to take and hand back.
fn page_ops(
    items: &[Item],
    font_ids: &[FontId],
    mirrors: &Mirrors,
    face_ids: &std::collections::BTreeMap<fallback::FaceId, FontId>,
    page: usize,
    elems: &[layout::Elem],
    mcids: &mut tags::Mcids,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 7);
    // consecutive items of one element share one marked-content sequence (one MCID)
    let mut open: Option<usize> = None;
    for item in items {
        let continues = matches!(item, Item::Text { tag: Some(t), .. } if open == Some(t.elem));
        if !continues && open.take().is_some() {
            ops.push(Op::EndMarkedContent);
        }
        match item {
            Item::Text { tag: Some(t), .. } => {
                let mcid = mcids.add(page, *t, continues);
                if !continues {
                    ops.push(Op::BeginMarkedContentWithProperties {
                        tag: elems[t.elem].role.to_string(),
                        properties: props("MCID", printpdf::DictItem::Int(mcid as i64)),
                    });
                    open = Some(t.elem);
                }
            }
            Item::Text { tag: None, .. } => ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Artifact".to_string(),
                properties: props("Type", printpdf::DictItem::Name(b"Pagination".to_vec())),
            }),
            Item::Fill { .. } | Item::Rule { .. } => ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            }),
        }
        match item {
            Item::Text {
                x,
                y,
                style,
                face,
                size,
                text,
                hyphen,
                width,
                tag,
                rtl,
            } => {
                ops.push(Op::StartTextSection);
                let font = match face {
                    Some(f) => face_ids[f].clone(),
                    None => font_ids[style.index()].clone(),
                };
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size as f32),
                });
                let shaped = face.filter(|_| !*hyphen && fallback::needs_shaping(text));
                if *rtl || shaped.is_some() {
                    // logical order, each character (or shaped glyph) placed where it shows:
                    // right to left from the end for right-to-left text, so the text reads
                    // as written and the line shows right to left
                    let (start, segments) = match shaped {
                        Some(f) => shaped_items(f, text, *size, *x, *x + *width, *rtl),
                        None => right_to_left(text, *style, *face, *size, *x + *width),
                    };
                    ops.push(Op::SetTextCursor {
                        pos: Point {
                            x: Pt(start as f32),
                            y: Pt(*y as f32),
                        },
                    });
                    // the text rise (`Ts`) of the glyphs drawn: a mark the font raises or
                    // lowers is drawn there (and the rise put back after)
                    let mut rise = 0.0;
                    for (written, up, items) in segments {
                        if up != rise {
                            ops.push(Op::SetLineOffset {
                                multiplier: up as f32,
                            });
                            rise = up;
                        }
                        let mirror = match face {
                            Some(f) => mirrors.faces.get(f),
                            None => mirrors.styles[style.index()].as_ref(),
                        };
                        match (written, mirror) {
                            // a mirrored glyph (`)` drawn for `(`) comes from the mirror
                            // instance of its style or fallback face, whose ToUnicode reads
                            // it as written
                            (Some(_), Some(mirror)) => {
                                ops.push(Op::SetFont {
                                    font: PdfFontHandle::External(mirror.clone()),
                                    size: Pt(*size as f32),
                                });
                                ops.push(Op::ShowText { items });
                                ops.push(Op::SetFont {
                                    font: PdfFontHandle::External(font.clone()),
                                    size: Pt(*size as f32),
                                });
                            }
                            _ => ops.push(Op::ShowText { items }),
                        }
                    }
                    if rise != 0.0 {
                        ops.push(Op::SetLineOffset { multiplier: 0.0 });
                    }
                    ops.push(Op::EndTextSection);
                    if open.is_none() {
                        ops.push(Op::EndMarkedContent);
                    }
                    continue;
                }
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x as f32),
                        y: Pt(*y as f32),
                    },
                });
                // kerned as measured: text runs with TJ adjustments between kerned pairs
                // (fallback text is drawn as measured: advances only)
                let kerned = |text: &str| {
                    if face.is_some() && text != "-" {
                        return vec![TextItem::Text(text.to_string())];
                    }
                    let mut items = Vec::new();
                    for (run, adjust) in fonts::Metrics::get().kerned(*style, text) {
                        items.push(TextItem::Text(run));
                        if adjust != 0.0 {
                            items.push(TextItem::Offset(adjust));
                        }
                    }
                    items
                };
                let word = text.strip_suffix('-').filter(|_| *hyphen);
                ops.push(Op::ShowText {
                    items: kerned(word.unwrap_or(text)),
                });
                ops.push(Op::EndTextSection);

                if word.is_some() {
                    // the hyphen of a line break inside a word is drawn, not read: it is
                    // an artifact, outside the marked content of the word (the element's
                    // text goes on in a new sequence on the next line)
                    if open.take().is_some() {
                        ops.push(Op::EndMarkedContent);
                    }
                    let hw = fonts::Metrics::get().width(*style, "-", *size);
                    ops.push(Op::BeginMarkedContent {
                        tag: "Artifact".to_string(),
                    });
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(font_ids[style.index()].clone()),
                        size: Pt(*size as f32),
                    });
                    ops.push(Op::SetTextCursor {
                        pos: Point {
                            x: Pt((x + width - hw) as f32),
                            y: Pt(*y as f32),
                        },
                    });
                    ops.push(Op::ShowText { items: kerned("-") });
                    ops.push(Op::EndTextSection);
                    // a tagged item's artifact is closed below (nothing is open any more);
                    // furniture closes its own here and its pagination artifact below
                    if tag.is_none() {
                        ops.push(Op::EndMarkedContent);
                    }
                }
            }
            Item::Fill {
                x,
                y,
                w,
                h,
                grey: g,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetFillColor { col: grey(*g) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x as f32),
                        y: Pt(*y as f32),
                        width: Pt(*w as f32),
                        height: Pt(*h as f32),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: grey(0.35) });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(*thickness as f32),
                });
                let p = |x: f64, y: f64| LinePoint {
                    p: Point {
                        x: Pt(x as f32),
                        y: Pt(y as f32),
                    },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![p(*x1, *y1), p(*x2, *y2)],
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
        }
        if open.is_none() {
            ops.push(Op::EndMarkedContent);
        }
    }
    if open.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    ops
}

/// `TJ` items: for a mirrored glyph, the character written and the one shown (the items
/// are then that one glyph, by id, read as written); the text rise (points up) they are
/// drawn at; the items.
type Segment = (Option<(char, char)>, f64, Vec<TextItem>);

/// The character a right-to-left run shows for `c` in the bundled `style` (UAX #9 L4): its
/// mirrored form (`)` for `(`, `»` for `«`, `≥` for `≤`) where the font has it.
fn mirrored(style: Style, c: char) -> Option<char> {
    unicode_bidi_mirroring::get_mirrored(c).filter(|m| fonts::Metrics::get().has_glyph(style, *m))
}

/// A right-to-left text drawn from `right` leftwards in logical order: the x of the first
/// character and the `TJ` items (each character, then the move left past itself and the
/// next one, in thousandths of an em). In the bundled fonts a character with a mirrored form
/// (UAX #9 L4: brackets, `<`, `≤`, `«`...) is drawn as that form ([`mirrored`]) — `(`
/// shows as `)` — in a segment of its own, drawn from the style's mirror instance; in a
/// fallback face likewise ([`fallback::mirrored`]), from the face's mirror instance.
fn right_to_left(
    text: &str,
    style: Style,
    face: Option<fallback::FaceId>,
    size: f64,
    right: f64,
) -> (f64, Vec<Segment>) {
    let advance = |c: char| match face {
        Some(f) => fallback::width(f, c.encode_utf8(&mut [0; 4]), size),
        None => fonts::Metrics::get().width(style, c.encode_utf8(&mut [0; 4]), size),
    };
    // (written, shown, width)
    let glyphs: Vec<(char, char, f64)> = text
        .chars()
        .map(|c| {
            let shown = match face {
                None => mirrored(style, c),
                Some(f) => fallback::mirrored(f, c),
            }
            .unwrap_or(c);
            (c, shown, advance(shown))
        })
        .collect();
    let first = glyphs.first().map_or(0.0, |g| g.2);
    let mut segments: Vec<Segment> = vec![(None, 0.0, Vec::with_capacity(glyphs.len() * 2))];
    for (k, (c, shown, w)) in glyphs.iter().enumerate() {
        let item = TextItem::Text(shown.to_string());
        if shown != c {
            // the shown glyph, read as the character written
            let gid = match face {
                None => parsed_fonts()[style.index()].lookup_glyph_index(u32::from(*shown)),
                Some(f) => fallback::face(f).face.glyph_index(*shown).map(|g| g.0),
            };
            let glyph = TextItem::GlyphIds(vec![printpdf::Codepoint {
                gid: gid.unwrap_or(0),
                offset: 0.0,
                cid: Some(c.to_string()),
            }]);
            segments.push((Some((*c, *shown)), 0.0, vec![glyph]));
            segments.push((None, 0.0, Vec::new()));
        } else if let Some(last) = segments.last_mut() {
            last.2.push(item);
        }
        if let Some((_, _, next)) = glyphs.get(k + 1)
            && let Some(last) = segments.last_mut()
        {
            last.2
                .push(TextItem::Offset(((w + next) * 1000.0 / size) as f32));
        }
    }
    segments.retain(|s| !s.2.is_empty());
    (right - first, segments)
}

/// Shaped text (rustybuzz) in logical order, each glyph placed where it shows: from `left`
/// rightwards, or (`rtl`) from `right` leftwards. The x of the first glyph and its `TJ`
/// items: glyph ids, each with the text it stands for (the ToUnicode map) and the move to
/// the next glyph from where the font's own advance leaves the pen. A glyph the font moves
/// up or down (`y_offset`: a vowel mark over a shadda, a stacked tone mark) is in a segment
/// drawn at that text rise. A glyph the shaper drew mirrored (`)` for `(` in right-to-left
/// text, [`fallback::mirrored_glyph`]) is in a segment of its own, drawn from the face's
/// mirror instance.
fn shaped_items(
    f: fallback::FaceId,
    text: &str,
    size: f64,
    left: f64,
    right: f64,
    rtl: bool,
) -> (f64, Vec<Segment>) {
    let glyphs = fallback::shape(f, text);
    let face = &fallback::face(f).face;
    // where each glyph is drawn
    let mut pen = if rtl { right } else { left };
    let mut at = Vec::with_capacity(glyphs.len());
    for g in &glyphs {
        let adv = fallback::points(f, g.advance, size);
        if rtl {
            pen -= adv;
        }
        at.push(pen + fallback::points(f, g.x_offset, size));
        if !rtl {
            pen += adv;
        }
    }
    let mut segments: Vec<Segment> = Vec::new();
    for (k, g) in glyphs.iter().enumerate() {
        let own = face
            .glyph_hor_advance(ttf_parser::GlyphId(g.id))
            .map_or(0.0, |a| fallback::points(f, i32::from(a), size));
        let offset = match at.get(k + 1) {
            Some(next) => ((at[k] + own - next) * 1000.0 / size) as f32,
            None => 0.0,
        };
        let code = printpdf::Codepoint {
            gid: g.id,
            offset,
            cid: Some(g.text.clone()),
        };
        let up = fallback::points(f, g.y_offset, size);
        let written = fallback::mirrored_glyph(f, &g.text, g.id);
        if written.is_some() {
            segments.push((written, up, vec![TextItem::GlyphIds(vec![code])]));
            continue;
        }
        match segments.last_mut() {
            Some((None, rise, items)) if *rise == up => {
                if let Some(TextItem::GlyphIds(codes)) = items.last_mut() {
                    codes.push(code);
                }
            }
            _ => segments.push((None, up, vec![TextItem::GlyphIds(vec![code])])),
        }
    }
    (at.first().copied().unwrap_or(left), segments)
}

/// True when text in fallback face `f` is drawn with a mirrored glyph (as [`page_ops`]
/// draws it: right to left, or shaped): the face then needs its mirror instance.
fn draws_mirrored(
    f: fallback::FaceId,
    style: Style,
    text: &str,
    size: f64,
    rtl: bool,
    hyphen: bool,
) -> bool {
    if !text
        .chars()
        .any(|c| unicode_bidi_mirroring::get_mirrored(c).is_some())
    {
        return false;
    }
    let segments = if !hyphen && fallback::needs_shaping(text) {
        shaped_items(f, text, size, 0.0, 0.0, rtl).1
    } else if rtl {
        right_to_left(text, style, Some(f), size, 0.0).1
    } else {
        return false;
    };
    segments.iter().any(|s| s.0.is_some())
}

/// Render a laid-out guide to PDF bytes.
// Long because it follows the document's build order (bundled, mirrored and fallback fonts
// with fixed ids, then every page's operations, then save and finish); each phase uses the
// ids the one before made.
pub(crate) fn render(
    guide: &Guide,
    layout: &Layout,
    paper: super::Paper,
) -> Result<Vec<u8>, ExportError> {
    let g = layout::Geometry::for_paper(paper);
    let mut doc = PdfDocument::new(&guide.title);
    let fonts = parsed_fonts();
    // fixed font ids (printpdf's own are counter-based and would differ between runs)
    let font_ids: Vec<FontId> = Style::ALL
        .iter()
        .map(|s| {
            // six capitals + "+" mark an embedded subset in the BaseFont name (GPDFAA+LiberationSerif)
            let id = FontId(format!("GPDFA{}", char::from(b'A' + s.index() as u8)));
            doc.resources.fonts.map.insert(
                id.clone(),
                printpdf::font::PdfFont::new(fonts[s.index()].clone()),
            );
            id
        })
        .collect();
    // a second instance of each bundled style that draws mirrored glyphs in right-to-left
    // text (its own ToUnicode reads `)` drawn for `(` as `(`), only where one is drawn
    let mirror_ids: Vec<Option<FontId>> = Style::ALL
        .iter()
        .map(|s| {
            let used = layout.pages.iter().flatten().any(|i| {
                matches!(i, Item::Text { rtl: true, face: None, style, text, .. }
                    if style == s && text.chars().any(|c| mirrored(*s, c).is_some()))
            });
            used.then(|| {
                let id = FontId(format!("GPDFM{}", char::from(b'A' + s.index() as u8)));
                doc.resources.fonts.map.insert(
                    id.clone(),
                    printpdf::font::PdfFont::new(fonts[s.index()].clone()),
                );
                id
            })
        })
        .collect();
    // the fallback faces this document draws with, named in the order of their files (the
    // same names every run, whatever order the faces were first read in)
    let mut used: Vec<fallback::FaceId> = layout
        .pages
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Text { face: Some(f), .. } => Some(*f),
            _ => None,
        })
        .collect();
    used.sort_by_key(|f| {
        let face = fallback::face(*f);
        (face.path.clone(), face.index)
    });
    used.dedup();
    // the faces that draw a mirrored glyph in right-to-left text: each gets a second
    // instance (as the bundled styles above), numbered after the faces
    let mirrored_faces: std::collections::BTreeSet<fallback::FaceId> = layout
        .pages
        .iter()
        .flatten()
        .filter_map(|i| match i {
            Item::Text {
                face: Some(f),
                style,
                size,
                text,
                hyphen,
                rtl,
                ..
            } if draws_mirrored(*f, *style, text, *size, *rtl, *hyphen) => Some(*f),
            _ => None,
        })
        .collect();
    let mut face_ids = std::collections::BTreeMap::new();
    let mut to_mirror = Vec::with_capacity(mirrored_faces.len());
    for (n, f) in used.iter().enumerate() {
        let face = fallback::face(*f);
        let parsed = ParsedFont::from_bytes(face.data, face.index as usize, &mut Vec::new())
            .ok_or_else(|| {
                ExportError::Render(format!(
                    "cannot read the font {} ({})",
                    face.family,
                    face.path.display()
                ))
            })?;
        // six capitals, as the bundled fonts' ids: GPDFBA, GPDFBB, ... then GPDFCA, ...
        let id = FontId(format!(
            "GPDF{}{}",
            char::from(b'B' + (n / 26) as u8),
            char::from(b'A' + (n % 26) as u8)
        ));
        if mirrored_faces.contains(f) {
            to_mirror.push((*f, parsed.clone()));
        }
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::font::PdfFont::new(parsed));
        face_ids.insert(*f, id);
    }
    let mut face_mirrors = std::collections::BTreeMap::new();
    for (f, parsed) in to_mirror {
        let n = used.len() + face_mirrors.len();
        let id = FontId(format!(
            "GPDF{}{}",
            char::from(b'B' + (n / 26) as u8),
            char::from(b'A' + (n % 26) as u8)
        ));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::font::PdfFont::new(parsed));
        face_mirrors.insert(f, id);
    }
    let mirrors = Mirrors {
        styles: mirror_ids,
        faces: face_mirrors,
    };
    let ts = super::timestamp(guide);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(ts)
        .map_err(|e| ExportError::Render(format!("PDF date: {e}")))?;
    let info = &mut doc.metadata.info;
    info.document_title = guide.title.clone();
    info.author = guide
        .authors
        .iter()
        .map(|a| a.display())
        .collect::<Vec<_>>()
        .join(", ");
    info.subject = tags::description(guide).unwrap_or_default();
    info.keywords = guide.tags.clone();
    if guide.draft_notice().is_some() {
        info.keywords.push("draft".to_string());
    }
    info.creator = "guidepress".to_string();
    info.producer = format!("guidepress {} (printpdf)", env!("CARGO_PKG_VERSION"));
    info.identifier = guide.id.clone();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let mut mcids = tags::Mcids::new(layout.tagged, layout.pages.len());
    let pages = layout
        .pages
        .iter()
        .enumerate()
        .map(|(i, items)| {
            PdfPage::new(
                printpdf::Mm::from(Pt(g.width as f32)),
                printpdf::Mm::from(Pt(g.height as f32)),
                page_ops(
                    items,
                    &font_ids,
                    &mirrors,
                    &face_ids,
                    i,
                    &layout.elems,
                    &mut mcids,
                ),
            )
        })
        .collect();
    // Ctrl-C or SIGTERM: stop between the long phases (nothing incomplete is written)
    let interrupted = || crate::interrupt::cancelled();
    if interrupted() {
        return Err(ExportError::Render("interrupted".into()));
    }
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let bytes = doc.with_pages(pages).save(&opts, &mut Vec::new());
    // the drawing operations of every page (the bulk of the memory: 128 of 285 MB with
    // 25,000 bullets) are not needed past this point; the document kept them until the end
    drop(doc);
    if interrupted() {
        return Err(ExportError::Render("interrupted".into()));
    }
    let xmp = tags::xmp(
        guide,
        time::OffsetDateTime::from_unix_timestamp(ts).unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
    );
    finish(
        bytes,
        &guide.language,
        &layout.marks,
        |doc, catalog, pages| tags::write(doc, catalog, pages, &layout.elems, &mcids, xmp),
    )
}

/// UTF-16BE text string with BOM, as PDF wants for non-ASCII titles.
fn pdf_text(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Add /Lang, a nested outline, the structure tree and metadata (`tag`), and a
/// content-derived /ID; save deterministically.
// Long because it is the saved document's last edits in one order (/Lang, the outline's
// parent, child and sibling passes over shared index vectors, the structure tree, then the
// /ID over the final bytes), which must run in sequence on one document.
fn finish(
    bytes: Vec<u8>,
    lang: &str,
    marks: &[Mark],
    tag: impl FnOnce(
        &mut lopdf::Document,
        lopdf::ObjectId,
        &[lopdf::ObjectId],
    ) -> Result<(), lopdf::Error>,
) -> Result<Vec<u8>, ExportError> {
    use lopdf::{Dictionary, Object};
    let fail = |e: lopdf::Error| ExportError::Render(format!("PDF post-processing: {e}"));
    let mut doc = lopdf::Document::load_mem(&bytes).map_err(fail)?;
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(fail)?;
    tag(&mut doc, catalog_id, &pages).map_err(fail)?;
    // outline: build a tree from depths
    if !marks.is_empty() {
        let root_id = doc.new_object_id();
        let ids: Vec<lopdf::ObjectId> = marks.iter().map(|_| doc.new_object_id()).collect();
        let mut parent: Vec<Option<usize>> = vec![None; marks.len()];
        let mut stack: Vec<usize> = Vec::new();
        for (i, m) in marks.iter().enumerate() {
            while stack.last().is_some_and(|&p| marks[p].depth >= m.depth) {
                stack.pop();
            }
            parent[i] = stack.last().copied();
            stack.push(i);
        }
        // children lists and descendant counts in one pass each (linear in the marks)
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); marks.len()];
        let mut top: Vec<usize> = Vec::new();
        for (i, p) in parent.iter().enumerate() {
            match p {
                Some(p) => kids[*p].push(i),
                None => top.push(i),
            }
        }
        let mut below = vec![0i64; marks.len()];
        for i in (0..marks.len()).rev() {
            if let Some(p) = parent[i] {
                below[p] += 1 + below[i];
            }
        }
        // position of each mark among its siblings
        let mut pos_of = vec![0usize; marks.len()];
        for list in kids.iter().chain(std::iter::once(&top)) {
            for (k, &i) in list.iter().enumerate() {
                pos_of[i] = k;
            }
        }
        let siblings_of = |i: usize| -> &Vec<usize> {
            match parent[i] {
                Some(p) => &kids[p],
                None => &top,
            }
        };
        for (i, m) in marks.iter().enumerate() {
            let siblings = siblings_of(i);
            let pos = pos_of[i];
            let page = pages
                .get(m.page)
                .or(pages.last())
                .copied()
                .ok_or_else(|| ExportError::Render("PDF has no pages".into()))?;
            let mut d = Dictionary::new();
            d.set("Title", pdf_text(&m.title));
            d.set(
                "Parent",
                Object::Reference(parent[i].map_or(root_id, |p| ids[p])),
            );
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real(m.y as f32),
                    Object::Null,
                ]),
            );
            if pos > 0 {
                d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
            }
            if let Some(&n) = siblings.get(pos + 1) {
                d.set("Next", Object::Reference(ids[n]));
            }
            if let (Some(&f), Some(&l)) = (kids[i].first(), kids[i].last()) {
                d.set("First", Object::Reference(ids[f]));
                d.set("Last", Object::Reference(ids[l]));
                d.set("Count", Object::Integer(-below[i])); // closed by default
            }
            doc.objects.insert(ids[i], Object::Dictionary(d));
        }
        let mut root = Dictionary::new();
        root.set("Type", "Outlines");
        root.set("First", Object::Reference(ids[top[0]]));
        root.set(
            "Last",
            Object::Reference(ids[*top.last().unwrap_or(&top[0])]),
        );
        root.set("Count", Object::Integer(top.len() as i64));
        doc.objects.insert(root_id, Object::Dictionary(root));
        let catalog = doc
            .get_object_mut(catalog_id)
            .and_then(Object::as_dict_mut)
            .map_err(fail)?;
        catalog.set("Outlines", Object::Reference(root_id));
        catalog.set("PageMode", "UseOutlines");
    }
    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(fail)?;
    catalog.set("Lang", Object::string_literal(lang));
    // deterministic /ID: the SHA-256 (first 16 bytes) of the whole file as saved with a
    // fixed placeholder in its place, so every byte is a function of the guide and
    // SOURCE_DATE_EPOCH. (printpdf writes a random /ID into the bytes this document was
    // loaded from; hashing those bytes made the /ID differ between runs.)
    with_content_id(&mut doc).map_err(|e| ExportError::Render(format!("PDF save: {e}")))
}

/// The placeholder the trailer /ID holds while the file is hashed (as long as the ID).
const ID_PLACEHOLDER: &[u8; 32] = b"guidepress-id-placeholder-000000";

/// Save `doc` with a trailer /ID derived from the saved bytes themselves.
fn with_content_id(doc: &mut lopdf::Document) -> std::io::Result<Vec<u8>> {
    use lopdf::Object;
    use sha2::Digest;
    let id_pair = |id: &[u8]| {
        Object::Array(vec![
            Object::string_literal(id.to_vec()),
            Object::string_literal(id.to_vec()),
        ])
    };
    doc.trailer.set("ID", id_pair(ID_PLACEHOLDER));
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    let digest = sha2::Sha256::digest(&out);
    let id: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    // the ID has the placeholder's length: replace it in place (no offset moves); when the
    // placeholder is not found exactly twice, save again with the ID set
    let mut at = Vec::new();
    let mut from = 0;
    while let Some(i) = find(&out[from..], ID_PLACEHOLDER) {
        at.push(from + i);
        from += i + ID_PLACEHOLDER.len();
    }
    if at.len() == 2 {
        for i in at {
            out[i..i + ID_PLACEHOLDER.len()].copy_from_slice(id.as_bytes());
        }
        return Ok(out);
    }
    doc.trailer.set("ID", id_pair(id.as_bytes()));
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Every text the PDF draws from the guide, with its JSON Pointer, in reading order.
fn located_texts(guide: &Guide) -> Vec<(String, String)> {
    use crate::model::Block;
    let mut out = vec![("/title".to_string(), guide.title.clone())];
    if let Some(s) = &guide.subtitle {
        out.push(("/subtitle".into(), s.clone()));
    }
    for (i, a) in guide.authors.iter().enumerate() {
        out.push((format!("/authors/{i}"), a.display()));
    }
    if let Some(r) = &guide.reviewer {
        out.push((
            "/reviewer".into(),
            r.display() + " " + r.role.as_deref().unwrap_or(""),
        ));
    }
    out.push(("/version".into(), guide.version.clone()));
    if let Some(d) = &guide.disclaimer {
        out.push(("/disclaimer".into(), d.plain()));
    }
    let blocks = |at: &str, bs: &[Block], out: &mut Vec<(String, String)>| {
        for (k, b) in bs.iter().enumerate() {
            match b {
                Block::Paragraph(t) => out.push((format!("{at}/{k}/paragraph"), t.plain())),
                Block::Ordered(items) | Block::Bullets(items) => {
                    let kind = if matches!(b, Block::Ordered(_)) {
                        "ordered"
                    } else {
                        "bullets"
                    };
                    for (m, t) in items.iter().enumerate() {
                        out.push((format!("{at}/{k}/{kind}/{m}"), t.plain()));
                    }
                }
                Block::Callout(c) => {
                    if let Some(t) = &c.title {
                        out.push((format!("{at}/{k}/callout/title"), t.clone()));
                    }
                    out.push((format!("{at}/{k}/callout/text"), c.text.plain()));
                }
            }
        }
    };
    blocks("/introduction", &guide.introduction, &mut out);
    for s in guide.walk_sections() {
        out.push((format!("{}/title", s.pointer), s.section.title.clone()));
        blocks(
            &format!("{}/blocks", s.pointer),
            &s.section.blocks,
            &mut out,
        );
    }
    out
}

/// Characters no font has: each one (all of them), where it first occurs (a JSON Pointer)
/// and how often, and the fonts that were tried. The export driver, which has the source,
/// adds `file:line:col` to each place ([`MissingGlyphs::describe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyphs {
    /// (character, pointer of the text it first occurs in, how many more texts hold it)
    pub chars: Vec<(char, Option<String>, usize)>,
    pub tried: Vec<String>,
}

impl MissingGlyphs {
    /// The message, each place given by `locate(pointer, character)` (e.g.
    /// `guide.yaml:12:21`) before its pointer when it can say.
    pub fn describe(&self, locate: &dyn Fn(&str, char) -> Option<String>) -> String {
        let list: Vec<String> = self
            .chars
            .iter()
            .map(|(c, first, more)| {
                let place = first.as_deref().map(|p| match locate(p, *c) {
                    Some(at) => format!("{at} ({p})"),
                    None => p.to_string(),
                });
                let at = match (place, more) {
                    (Some(p), 0) => format!(" at {p}"),
                    (Some(p), n) => format!(
                        " at {p} (and {n} more {})",
                        crate::util::noun_for(*n, "place")
                    ),
                    (None, _) => String::new(),
                };
                format!("{c} (U+{:04X}){at}", u32::from(*c))
            })
            .collect();
        format!(
            "no font has glyphs for {}; they would print as nothing: {}. Fonts tried: {}. Install a font that has them (or name one in the configuration, `pdf: {{fonts: [...]}}`), remove or replace these characters, or export EPUB, HTML or text, which keep every character",
            crate::util::plural(self.chars.len(), "character"),
            list.join("; "),
            self.tried.join(", ")
        )
    }
}

impl std::fmt::Display for MissingGlyphs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(&|_, _| None))
    }
}

fn missing_glyphs(guide: &Guide, missing: &[char], fb: &fallback::Fallback) -> MissingGlyphs {
    use unicode_normalization::UnicodeNormalization;
    let texts: Vec<(String, String)> = located_texts(guide)
        .into_iter()
        .map(|(p, t)| (p, t.nfc().collect()))
        .collect();
    let chars = missing
        .iter()
        .map(|c| {
            let mut places = texts.iter().filter(|(_, t)| t.contains(*c));
            let first = places.next().map(|(p, _)| p.clone());
            (*c, first, places.count())
        })
        .collect();
    let mut tried =
        vec!["Liberation Serif (bundled, regular, bold, italic, bold italic)".to_string()];
    tried.extend(fb.names.iter().map(|n| format!("{n} (configured)")));
    tried.push(fallback::system_summary());
    MissingGlyphs { chars, tried }
}

impl Exporter for Pdf {
    fn extension(&self) -> &'static str {
        "pdf"
    }
    fn render(&self, guide: &Guide, options: &Options) -> Result<Rendered, ExportError> {
        let paper = options.pdf.paper;
        let configured;
        let fb = if options.pdf.fonts.is_empty() {
            fallback::Fallback::default_ref()
        } else {
            configured = fallback::Fallback::new(&options.pdf.fonts).map_err(|e| {
                ExportError::Render(format!(
                    "the configuration's pdf.fonts names {} that cannot be used: {}",
                    crate::util::plural(e.0.len(), "font"),
                    e.0.join("; ")
                ))
            })?;
            &configured
        };
        let layout = layout::layout_with(guide, paper, fb);
        if layout.interrupted {
            // stopped early by Ctrl-C or SIGTERM: incomplete, never written
            return Err(ExportError::Render("interrupted".into()));
        }
        if !layout.missing_glyphs.is_empty() {
            // a character no font can draw would print as nothing (a health handout that
            // silently drops a word or a warning sign): refused, every character named
            return Err(ExportError::MissingGlyphs(missing_glyphs(
                guide,
                &layout.missing_glyphs,
                fb,
            )));
        }
        let bytes = render(guide, &layout, paper)?;
        Ok(Rendered {
            bytes,
            warnings: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Document, Object};

    /// The font program, ToUnicode text and BaseFont of the page's font resource `name`.
    fn font_of(doc: &Document, page: lopdf::ObjectId, name: &[u8]) -> (Vec<u8>, String) {
        let fonts = doc.get_page_fonts(page).unwrap();
        let font = fonts[name];
        let tounicode = match font.get(b"ToUnicode").unwrap() {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_stream().unwrap(),
            _ => panic!("ToUnicode"),
        };
        let cmap = String::from_utf8_lossy(&tounicode.decompressed_content().unwrap()).into_owned();
        let desc = match font.get(b"DescendantFonts").unwrap() {
            Object::Array(a) => doc.dereference(&a[0]).unwrap().1.as_dict().unwrap().clone(),
            Object::Reference(r) => {
                let a = doc.get_object(*r).unwrap().as_array().unwrap();
                doc.dereference(&a[0]).unwrap().1.as_dict().unwrap().clone()
            }
            _ => panic!("DescendantFonts"),
        };
        let fd = doc
            .dereference(desc.get(b"FontDescriptor").unwrap())
            .unwrap()
            .1
            .as_dict()
            .unwrap()
            .clone();
        let file = doc
            .dereference(fd.get(b"FontFile2").unwrap())
            .unwrap()
            .1
            .as_stream()
            .unwrap()
            .clone();
        (file.decompressed_content().unwrap_or(file.content), cmap)
    }

    #[test]
    fn brackets_in_right_to_left_text_are_drawn_mirrored_and_read_as_written() {
        let yaml = "id: he\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"שמרו (נקי) היום\"\n        lang: he\n";
        let src = crate::load::SourceFile::new("t.yaml", yaml.to_string(), false);
        let guide = crate::validate::validate_source(src)
            .document
            .unwrap()
            .guide;
        let layout = layout::layout_with(
            &guide,
            super::super::Paper::A4,
            fallback::Fallback::default_ref(),
        );
        let bytes = render(&guide, &layout, super::super::Paper::A4).unwrap();
        let doc = Document::load_mem(&bytes).unwrap();
        let page = doc.get_pages()[&1];
        // the glyphs drawn from the mirror instance of the regular style
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut in_mirror = false;
        let mut codes: Vec<u16> = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => in_mirror = op.operands[0].as_name().unwrap() == b"GPDFMA",
                "Tj" | "TJ" if in_mirror => {
                    let strs: Vec<&Object> = match &op.operands[0] {
                        Object::Array(a) => a.iter().collect(),
                        o => vec![o],
                    };
                    for s in strs {
                        if let Object::String(b, _) = s {
                            codes.extend(b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
                        }
                    }
                }
                _ => {}
            }
        }
        assert_eq!(codes.len(), 2, "the two brackets: {codes:?}");
        let (program, cmap) = font_of(&doc, page, b"GPDFMA");
        let face = ttf_parser::Face::parse(&program, 0).unwrap();
        let bundled = ttf_parser::Face::parse(Style::Regular.bytes(), 0).unwrap();
        let bbox_of = |f: &ttf_parser::Face, c: char| {
            f.glyph_bounding_box(f.glyph_index(c).unwrap()).unwrap()
        };
        // reading order: `(` then `)`; each is drawn with the other's outline and read as
        // written (ToUnicode)
        for (code, (written, shown)) in codes.iter().zip([('(', ')'), (')', '(')]) {
            let drawn = face.glyph_bounding_box(ttf_parser::GlyphId(*code)).unwrap();
            assert_eq!(
                drawn,
                bbox_of(&bundled, shown),
                "{written} is drawn as {shown}"
            );
            assert_ne!(drawn, bbox_of(&bundled, written));
            let entry = format!("<{code:04x}> <{:04x}>", u32::from(written));
            assert!(cmap.to_lowercase().contains(&entry), "{entry} in {cmap}");
        }
    }
}

#[cfg(test)]
mod mark_tests {
    use super::*;

    /// A shadda with a vowel mark over it: DejaVu Sans (fonts-dejavu-core) lifts or lowers
    /// the marks (GPOS mark-to-mark); each is drawn at its text rise, which is put back.
    #[test]
    fn marks_the_font_moves_up_or_down_are_drawn_there() {
        let word = "شَدَّةٌ";
        let fb = fallback::Fallback::default_ref();
        let Some(face) = fb.first_with(Style::Regular, 'ش') else {
            return; // no Arabic font installed (CI installs one)
        };
        let expected: Vec<f64> = fallback::shape(face, word)
            .iter()
            .filter(|g| g.y_offset != 0)
            .map(|g| fallback::points(face, g.y_offset, 12.0))
            .collect();
        if expected.is_empty() {
            return; // a font that stacks no marks here
        }
        let yaml = format!(
            "id: ar\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"{word}\"\n        lang: ar\n"
        );
        let src = crate::load::SourceFile::new("t.yaml", yaml, false);
        let guide = crate::validate::validate_source(src)
            .document
            .unwrap()
            .guide;
        let layout = layout::layout_with(&guide, super::super::Paper::A4, fb);
        let bytes = render(&guide, &layout, super::super::Paper::A4).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let page = doc.get_pages()[&1];
        let content = doc.get_and_decode_page_content(page).unwrap();
        let rises: Vec<f64> = content
            .operations
            .iter()
            .filter(|op| op.operator == "Ts")
            .map(|op| op.operands[0].as_float().map(f64::from).unwrap_or(0.0))
            .collect();
        let moved: Vec<f64> = rises.iter().copied().filter(|r| *r != 0.0).collect();
        assert_eq!(moved.len(), expected.len(), "{rises:?} vs {expected:?}");
        for (got, want) in moved.iter().zip(&expected) {
            assert!((got - want).abs() < 0.01, "{rises:?} vs {expected:?}");
        }
        assert_eq!(rises.last(), Some(&0.0), "the rise is put back: {rises:?}");
    }
}

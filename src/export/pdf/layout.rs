//! The PDF layout engine: measures text in glyph advances, breaks paragraphs with a
//! total-fit (Knuth–Plass style) breaker over our own fragments ([`break_lines`]), and flows blocks onto pages
//! with keep-with-next headings, widow/orphan control and split-able callout boxes.
//! The output is a list of positioned items per page — no PDF specifics — so tests can
//! check that nothing leaves the text area.

use super::fallback::{self, FaceId, Fallback, Pref};
use super::fonts::{Metrics, Style};
use crate::export::Paper;
use crate::model::{Block, Guide, RichText, Walk};

/// Page geometry in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

impl Geometry {
    pub fn for_paper(paper: Paper) -> Geometry {
        let (width, height) = match paper {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        // a readable measure on both papers: about 66 characters of 12 pt body text per line
        // (patient materials: 60-75), centred
        let side = (width - MEASURE) / 2.0;
        Geometry {
            width,
            height,
            left: side,
            right: side,
            top: 72.0,
            bottom: 72.0,
        }
    }
    pub(crate) fn text_width(&self) -> f64 {
        self.width - self.left - self.right
    }
}

/// Something drawn on a page. Coordinates are PDF points from the bottom-left corner;
/// text `y` is the baseline.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f64,
        y: f64,
        style: Style,
        /// The fallback face that draws the text (`None`: the bundled font of `style`).
        face: Option<FaceId>,
        size: f64,
        text: String,
        width: f64,
        /// Where the text belongs in the structure tree; `None`: page furniture (an artifact).
        tag: Option<Tagged>,
        /// The text ends with a hyphen drawn at a line break inside a word (soft hyphen,
        /// forced break): shown, but not part of the words (it is given an empty
        /// ActualText, so a screen reader or copy-paste gets the word whole).
        hyphen: bool,
        /// Right-to-left text: `text` is in logical order and drawn from `x + width`
        /// leftwards, each character left of the one before it.
        rtl: bool,
    },
    Fill {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        grey: f32,
    },
    Rule {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        thickness: f64,
    },
}

/// A tagged piece of text: its structure element and its place in reading order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tagged {
    pub elem: usize,
    /// 0, 1, 2, ... over the whole document, in reading order.
    pub seq: usize,
}

/// A structure element of the tagged PDF: a standard role (Document, H1–H6, P, L, LI, Lbl,
/// LBody, Note), its parent and its children in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Elem {
    pub role: &'static str,
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    /// Element identifier (PDF/UA wants one on every Note).
    pub id: Option<String>,
    /// Language of the element when it differs from its parent's (`/Lang`, BCP 47).
    pub lang: Option<String>,
}

/// A child of a structure element: another element, or the `seq`-th tagged text item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kid {
    Elem(usize),
    Content(usize),
}

/// A bookmark: title, depth (1 = section), page index, y of the heading top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    pub title: String,
    pub depth: usize,
    pub page: usize,
    pub y: f64,
}

#[derive(Debug, Default)]
pub struct Layout {
    pub pages: Vec<Vec<Item>>,
    pub(crate) marks: Vec<Mark>,
    /// Characters the font cannot show (rendered as the missing-glyph box).
    pub(crate) missing_glyphs: Vec<char>,
    /// The structure tree; element 0 is the Document.
    pub(crate) elems: Vec<Elem>,
    /// Number of tagged text items (`Tagged::seq` runs below it).
    pub(crate) tagged: usize,
    /// The run was interrupted (Ctrl-C, SIGTERM) and the layout stopped early: it is
    /// incomplete and must not be written (the export driver discards it).
    pub(crate) interrupted: bool,
}

/// True once Ctrl-C or SIGTERM asked the run to stop: the layout loops check it per block,
/// list item and section, so a long layout ends promptly instead of after the last page.
fn stop() -> bool {
    crate::interrupt::cancelled()
}

const BODY: f64 = 12.0;
const LEADING: f64 = 1.38;
/// Width of the text column in points (see [`Geometry::for_paper`]).
const MEASURE: f64 = 355.0;
use crate::export::{SOFT_HYPHEN, is_no_break_space};

/// The `[text]{lang=..}` span a piece of text is in: its number within its text and its
/// language (a Span structure element with /Lang); `None` outside spans.
type SpanRef = Option<(usize, std::sync::Arc<str>)>;

/// A run of text to set: its text, style and language span.
type TextRun = (String, Style, SpanRef);

/// One piece of a word in one style.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: Style,
    face: Option<FaceId>,
    width: f64,
    span: SpanRef,
}

/// Width of `text` in `style`, drawn with the bundled font or the fallback `face`.
fn text_width(style: Style, face: Option<FaceId>, text: &str, size: f64) -> f64 {
    match face {
        None => Metrics::get().width(style, text, size),
        Some(f) => fallback::width(f, text, size),
    }
}

/// The pieces of `text` in `style`: one in the bundled font when it has every glyph (the
/// common case), else one per run of characters with the font that draws it.
fn pieces(
    text: String,
    (style, span): (Style, &SpanRef),
    size: f64,
    (fb, pref): (&Fallback, Pref),
    out: &mut Vec<Piece>,
) {
    let m = Metrics::get();
    // (ASCII first: the common case, without a cmap lookup per character)
    if text.is_ascii() || text.chars().all(|c| m.has_glyph(style, c)) {
        out.push(Piece {
            width: m.width(style, &text, size),
            text,
            style,
            face: None,
            span: span.clone(),
        });
        return;
    }
    for (run, face) in fb.split_for(style, &text, |c| m.has_glyph(style, c), pref) {
        out.push(Piece {
            width: text_width(style, face, &run, size),
            text: run,
            style,
            face,
            span: span.clone(),
        });
    }
}

/// A word (pieces glued without spaces) plus the space after it. A part of a word that may
/// end a line (at a soft hyphen, or a forced break of an over-long word) has no space and
/// a `hyphen`: the width of the `-` drawn when the line does break there.
#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    width: f64,
    space: f64,
    hyphen: f64,
}

/// Turn styled runs into words measured at `size`; words wider than `max` are broken
/// into pieces that fit (so a 10,000-character word still wraps inside the margins).
#[cfg(test)]
fn words(runs: &[TextRun], size: f64, max: f64) -> Vec<Word> {
    words_with(runs, size, max, (Fallback::default_ref(), Pref::None))
}

/// [`words`] with the fonts of `fb` for characters the bundled font lacks, those the text's
/// language prefers (`pref`, or a span's own language) first.
// Long because it is one scan of the runs' characters carrying the current piece, word and
// font (bundled or fallback face, soft hyphen, line-break opportunity), then the forced breaks
// of over-long words with the same pieces; the scan's state is shared by every branch.
fn words_with(runs: &[TextRun], size: f64, max: f64, (fb, pref): (&Fallback, Pref)) -> Vec<Word> {
    use unicode_normalization::UnicodeNormalization;
    let m = Metrics::get();
    let hyphen = |style: Style| m.width(style, "-", size);
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Vec<Piece> = Vec::new();
    // how a word part ends: at a space, at a soft hyphen (no space; may break with a
    // hyphen), or at a break between characters (UAX #14: CJK; no space, no hyphen)
    #[derive(PartialEq)]
    enum End {
        Space,
        Soft,
        Between,
    }
    let flush = |cur: &mut Vec<Piece>, out: &mut Vec<Word>, style: Style, end: End| {
        if cur.is_empty() {
            return;
        }
        let width = cur.iter().map(|p| p.width).sum();
        out.push(Word {
            pieces: std::mem::take(cur),
            width,
            space: if end == End::Space {
                m.width(style, " ", size)
            } else {
                0.0
            },
            hyphen: if end == End::Soft { hyphen(style) } else { 0.0 },
        });
    };
    for (text, style, span) in runs {
        let fonts = match span {
            Some((_, lang)) => (fb, Pref::for_language(lang)),
            None => (fb, pref),
        };
        let mut buf = String::new();
        // composed characters (NFC) before measuring: the font has glyphs for é, not for e + ◌́
        let text: String = text.nfc().collect();
        let between = breaks_between_characters(&text);
        for (i, c) in text.char_indices() {
            if between.binary_search(&i).is_ok() && !buf.is_empty() {
                pieces(
                    std::mem::take(&mut buf),
                    (*style, span),
                    size,
                    fonts,
                    &mut cur,
                );
                flush(&mut cur, &mut out, *style, End::Between);
            }
            let soft = c == SOFT_HYPHEN;
            if soft || (c.is_whitespace() && !is_no_break_space(c)) {
                if !buf.is_empty() {
                    pieces(
                        std::mem::take(&mut buf),
                        (*style, span),
                        size,
                        fonts,
                        &mut cur,
                    );
                }
                flush(
                    &mut cur,
                    &mut out,
                    *style,
                    if soft { End::Soft } else { End::Space },
                );
            } else {
                buf.push(c);
            }
        }
        if !buf.is_empty() {
            pieces(buf, (*style, span), size, fonts, &mut cur);
        }
    }
    flush(&mut cur, &mut out, Style::Regular, End::Space);
    // break over-long words, with a hyphen at each forced break
    let mut result = Vec::with_capacity(out.len());
    for w in out {
        if w.width + w.hyphen <= max {
            result.push(w);
            continue;
        }
        let mut chunk: Vec<Piece> = Vec::new();
        let mut chunk_w = 0.0;
        for p in &w.pieces {
            let hw = hyphen(p.style);
            for c in p.text.chars() {
                let cw = text_width(p.style, p.face, c.encode_utf8(&mut [0; 4]), size);
                if chunk_w + cw + hw > max && chunk_w > 0.0 {
                    result.push(Word {
                        pieces: std::mem::take(&mut chunk),
                        width: chunk_w,
                        space: 0.0,
                        hyphen: hw,
                    });
                    chunk_w = 0.0;
                }
                match chunk.last_mut() {
                    Some(last)
                        if last.style == p.style && last.face == p.face && last.span == p.span =>
                    {
                        last.text.push(c);
                        last.width += cw;
                    }
                    _ => chunk.push(Piece {
                        text: c.to_string(),
                        style: p.style,
                        face: p.face,
                        width: cw,
                        span: p.span.clone(),
                    }),
                }
                chunk_w += cw;
            }
        }
        if !chunk.is_empty() {
            result.push(Word {
                pieces: chunk,
                width: chunk_w,
                space: w.space,
                hyphen: w.hyphen,
            });
        }
    }
    result
}

/// Byte offsets in `text` where a line may break between two characters with no space:
/// the UAX #14 break opportunities (unicode-linebreak) next to a character that breaks
/// between characters — ideographs, kana, Hangul syllables and jamo (classes ID, CJ, H2, H3,
/// JL, JV, JT). Other opportunities (after a hyphen in a Latin word, ...) are not taken, so
/// text without such characters breaks as it always has.
fn breaks_between_characters(text: &str) -> Vec<usize> {
    use unicode_linebreak::{BreakClass, break_property};
    let cjk = |c: char| {
        matches!(
            break_property(u32::from(c)),
            BreakClass::Ideographic
                | BreakClass::ConditionalJapaneseStarter
                | BreakClass::HangulLvSyllable
                | BreakClass::HangulLvtSyllable
                | BreakClass::HangulLJamo
                | BreakClass::HangulVJamo
                | BreakClass::HangulTJamo
        )
    };
    if text.is_ascii() || !text.chars().any(cjk) {
        return Vec::new();
    }
    unicode_linebreak::linebreaks(text)
        .filter(|(i, _)| *i < text.len())
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[*i..].chars().next();
            match (before, after) {
                (Some(b), Some(a)) => {
                    !b.is_whitespace()
                        && !a.is_whitespace()
                        && b != SOFT_HYPHEN
                        && (cjk(b) || cjk(a))
                }
                _ => false,
            }
        })
        .map(|(i, _)| i)
        .collect()
}

/// Costs of the paragraph breaker, in squared "average characters" (half an em): the
/// calibration of textwrap's optimal fit, which this breaker extends.
mod cost {
    /// Each line (fewer lines are better: never a line more to fill the others).
    pub(crate) const LINE: f64 = 1000.0;
    /// A line that ends inside a word, with a hyphen.
    pub(crate) const HYPHEN: f64 = 25.0;
    /// A last line shorter than a quarter of the measure.
    pub(crate) const SHORT_LAST: f64 = 25.0;
    /// A last line of one word (a typographer's "widow" within the paragraph): worth
    /// an earlier line about 30 characters short.
    pub(crate) const ONE_WORD_LAST: f64 = 1000.0;
}

/// Break words into lines of at most `width` points: a Knuth–Plass style total-fit
/// breaker (dynamic programming over all break points, as textwrap's optimal fit) whose
/// cost is the squared space left at the end of each line but the last, plus [`cost`]'s
/// penalties — among them one for a last line of a single word, which textwrap cannot
/// express. Lines never overflow (no word is wider than a line: [`words`] breaks those).
fn break_lines(words: &[Word], width: f64, size: f64) -> Vec<Vec<Word>> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    let unit = size * 0.5;
    let line_width = width / unit;
    // best[i]: (cost of the best breaking of words[..i], start of its last line)
    let mut best: Vec<(f64, usize)> = vec![(f64::INFINITY, 0); n + 1];
    best[0] = (0.0, 0);
    for i in 1..=n {
        let last_line = i == n;
        let mut w = words[i - 1].hyphen / unit;
        for j in (0..i).rev() {
            w += words[j].width / unit;
            if j + 1 < i {
                w += words[j].space / unit;
            }
            // a line of one over-long word still has to go somewhere
            if w > line_width + 1e-9 && j + 1 < i {
                break;
            }
            if best[j].0.is_infinite() {
                continue;
            }
            let gap = (line_width - w).max(0.0);
            let mut c = cost::LINE;
            if last_line {
                if w < line_width / 4.0 {
                    c += cost::SHORT_LAST;
                }
                if i - j == 1 && n > 1 {
                    c += cost::ONE_WORD_LAST;
                }
            } else {
                c += gap * gap;
                if words[i - 1].hyphen > 0.0 {
                    c += cost::HYPHEN;
                }
            }
            let total = best[j].0 + c;
            if total < best[i].0 {
                best[i] = (total, j);
            }
        }
    }
    let mut ends = Vec::new();
    let mut i = n;
    while i > 0 {
        ends.push(i);
        i = best[i].1;
    }
    ends.reverse();
    let mut out = Vec::with_capacity(ends.len());
    let mut at = 0;
    for end in ends {
        out.push(words[at..end].to_vec());
        at = end;
    }
    out
}

/// Wrap a heading into evenly filled lines: the narrowest width that needs no more lines
/// (so a title never ends with one stranded word).
fn balanced_lines(words: &[Word], width: f64, size: f64) -> Vec<Vec<Word>> {
    let best = break_lines(words, width, size);
    if best.len() < 2 {
        return best;
    }
    let (mut lo, mut hi) = (width / 2.0, width);
    for _ in 0..12 {
        let mid = (lo + hi) / 2.0;
        if break_lines(words, mid, size).len() <= best.len() && words.iter().all(|w| w.width <= mid)
        {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    break_lines(words, hi, size)
}

/// The styled runs of a text, numbers bound to their units by no-break spaces, each with
/// the language span it is in.
fn runs_of(t: &RichText, base_bold: bool) -> Vec<TextRun> {
    t.styled_runs()
        .into_iter()
        .map(|r| {
            let s = crate::export::typography::bind_units(&r.text).into_owned();
            let span = r.span.map(|(n, lang)| (n, std::sync::Arc::from(lang)));
            (s, Style::from_flags(r.bold || base_bold, r.italic), span)
        })
        .collect()
}

/// Size and style of a heading at `depth` (1: a section, H2): each level differs from the
/// next in size or style, and none is smaller than the body text.
pub(crate) fn heading_type(depth: usize) -> (f64, Style) {
    match depth {
        0 | 1 => (17.0, Style::Bold),
        2 => (14.5, Style::Bold),
        3 => (13.0, Style::Bold),
        4 => (BODY, Style::BoldItalic),
        _ => (BODY, Style::Italic),
    }
}

/// The smallest type anywhere on the page (front matter, disclaimer, running header and
/// footer): readable in print (plain-language guidance: 12 pt for body text, never below 10).
pub(crate) const SMALLEST: f64 = 10.0;
/// Front matter and disclaimer.
const SMALL: f64 = 11.0;

/// A run of text being set on a line: its x, font (style and fallback face) and language
/// span, text, width.
type Run = (f64, (Style, Option<FaceId>, SpanRef), String, f64);

/// A line ready to place: its words, x offset, font size and line height.
struct Line {
    words: Vec<Word>,
    x: f64,
    size: f64,
    height: f64,
    /// Text drawn at the left of the first line (list marker), with its x.
    marker: Option<(String, f64)>,
    /// The last line of its paragraph (no word follows it).
    last: bool,
    /// The paragraph's direction is right to left (its first strong character is R or
    /// AL): the line is set flush right and its runs ordered by the bidi algorithm.
    rtl: bool,
    /// Width available to the line (from `x`).
    avail: f64,
}

struct Flow<'m> {
    g: Geometry,
    layout: Layout,
    page: Vec<Item>,
    /// Current top of free space (distance from the bottom of the page).
    y: f64,
    metrics: &'m Metrics,
    /// Fonts for characters the bundled font lacks.
    fallback: &'m Fallback,
    /// Open structure elements, innermost last (text is tagged with the innermost).
    open: Vec<usize>,
    /// The Lbl element list markers of the current item go to.
    label: Option<usize>,
    /// The language of the part being laid out when it is not the guide's (a section's or
    /// block's `lang`): elements opened inside it carry it as `/Lang`.
    lang: Option<String>,
    /// The Span element of each (element, span number) drawn so far: a span's text on
    /// several lines or pages is one element.
    spans: std::collections::HashMap<(usize, usize), usize>,
    /// The guide's language is written right to left: its paragraphs are, unless a part
    /// states another language.
    rtl_guide: bool,
    /// The guide's language (BCP 47).
    language: String,
}

impl Flow<'_> {
    /// Open a structure element inside the current one.
    fn open(&mut self, role: &'static str) -> usize {
        let idx = self.layout.elems.len();
        let parent = self.open.last().copied();
        let id = (role == "Note").then(|| format!("note-{idx}"));
        // the language the parent already states (its own or an ancestor's)
        let mut inherited = None;
        let mut at = parent;
        while let Some(p) = at {
            if let Some(l) = &self.layout.elems[p].lang {
                inherited = Some(l.as_str());
                break;
            }
            at = self.layout.elems[p].parent;
        }
        let lang = match (&self.lang, inherited) {
            (Some(l), Some(i)) if l == i => None,
            (Some(l), _) => Some(l.clone()),
            (None, _) => None,
        };
        self.layout.elems.push(Elem {
            role,
            parent,
            kids: Vec::new(),
            id,
            lang,
        });
        if let Some(p) = parent {
            self.layout.elems[p].kids.push(Kid::Elem(idx));
        }
        self.open.push(idx);
        idx
    }

    fn close(&mut self) {
        self.open.pop();
    }

    /// The element text of `span` goes to inside `body`: `body` itself outside spans, else
    /// the Span element (with its /Lang) for that span of `body`, opened at its first use.
    fn span_elem(&mut self, body: Option<usize>, span: &SpanRef) -> Option<usize> {
        let (Some(body), Some((n, lang))) = (body, span) else {
            return body;
        };
        if let Some(&e) = self.spans.get(&(body, *n)) {
            return Some(e);
        }
        let idx = self.layout.elems.len();
        self.layout.elems.push(Elem {
            role: "Span",
            parent: Some(body),
            kids: Vec::new(),
            id: None,
            lang: Some(lang.to_string()),
        });
        self.layout.elems[body].kids.push(Kid::Elem(idx));
        self.spans.insert((body, *n), idx);
        Some(idx)
    }

    /// A tag for the next text item of element `elem`.
    fn tag(&mut self, elem: Option<usize>) -> Option<Tagged> {
        let elem = elem?;
        let seq = self.layout.tagged;
        self.layout.tagged += 1;
        self.layout.elems[elem].kids.push(Kid::Content(seq));
        Some(Tagged { elem, seq })
    }

    fn top(&self) -> f64 {
        self.g.height - self.g.top
    }

    fn new_page(&mut self) {
        let page = std::mem::take(&mut self.page);
        self.layout.pages.push(page);
        self.y = self.top();
    }

    fn room(&self) -> f64 {
        self.y - self.g.bottom
    }

    fn gap(&mut self, h: f64) {
        if (self.y - self.top()).abs() > 0.01 {
            self.y -= h;
        }
    }

    // Long because it draws one line in the order it reads (marker, runs of one style with their
    // spaces, the closing hyphen or space) with the current run and x carried throughout.
    fn draw_line(&mut self, line: &Line) {
        let baseline = self.y - line.size * 0.9 - (line.height - line.size) / 2.0;
        if let Some((m, mx)) = &line.marker {
            let width = self.metrics.width(Style::Regular, m, line.size);
            let tag = self.tag(self.label.or(self.open.last().copied()));
            self.page.push(Item::Text {
                x: *mx,
                y: baseline,
                style: Style::Regular,
                face: None,
                size: line.size,
                text: m.clone(),
                width,
                tag,
                hyphen: false,
                rtl: false,
            });
        }
        if line.rtl
            || line
                .words
                .iter()
                .flat_map(|w| &w.pieces)
                .any(|p| p.text.chars().any(is_rtl))
        {
            self.draw_bidi_line(line, baseline);
            self.y -= line.height;
            return;
        }
        // one text item per run of one style, with real spaces between its words (so
        // extracted text has them); a new item starts where the style changes
        let mut x = self.g.left + line.x;
        let mut run: Option<Run> = None;
        let body = self.open.last().copied();
        for (i, w) in line.words.iter().enumerate() {
            for (j, p) in w.pieces.iter().enumerate() {
                let space = i > 0 && j == 0 && line.words[i - 1].space > 0.0;
                match &mut run {
                    Some((_, (style, face, span), text, width))
                        if *style == p.style && *face == p.face && *span == p.span =>
                    {
                        if space {
                            text.push(' ');
                            *width += line.words[i - 1].space;
                        }
                        text.push_str(&p.text);
                        *width += p.width;
                    }
                    _ => {
                        if let Some(mut r) = run.take() {
                            // the space between two styles ends the run before it (drawn,
                            // so the text a screen reader gets keeps the word boundary)
                            if space {
                                r.2.push(' ');
                                r.3 += line.words[i - 1].space;
                            }
                            self.push_run(r, baseline, line.size, body, false);
                        }
                        run = Some((
                            x,
                            (p.style, p.face, p.span.clone()),
                            p.text.clone(),
                            p.width,
                        ));
                    }
                }
                x += p.width;
            }
            if i + 1 < line.words.len() {
                x += w.space;
            }
        }
        // a line that ends inside a word (soft hyphen, forced break) shows a hyphen; one
        // that ends between words (and is not the last of its paragraph) ends with the
        // space, so the words either side of the line break stay apart in the tagged text
        // (drawn past the line's measured width, where it shows nothing)
        let mut hyphen = false;
        if let (Some(last), Some((_, (style, ..), text, width))) = (line.words.last(), &mut run) {
            if last.hyphen > 0.0 {
                text.push('-');
                *width += self.metrics.width(*style, "-", line.size);
                hyphen = true;
            } else if last.space > 0.0 && !line.last {
                text.push(' ');
            }
        }
        if let Some(r) = run {
            self.push_run(r, baseline, line.size, body, hyphen);
        }
        self.y -= line.height;
    }

    /// A line with right-to-left text (the Unicode bidi algorithm, UAX #9: levels from the
    /// paragraph's direction, runs reordered per line), set flush right in a right-to-left
    /// paragraph. Its pieces are written in logical order (so the structure text and
    /// copy-paste read as written) and each is placed where the visual order puts it; a
    /// right-to-left piece is drawn from its right end leftwards.
    // Long because the bidi steps (logical text and fonts, runs reordered per line, pieces placed
    // in visual order, then drawn in logical order) hand each other position vectors, and read
    // best as the one algorithm they are.
    fn draw_bidi_line(&mut self, line: &Line, baseline: f64) {
        use unicode_bidi::Level;
        // (style, fallback face, language span)
        type Font = (Style, Option<FaceId>, SpanRef);
        // the logical text, and the font of each of its bytes
        let mut text = String::new();
        let mut fonts: Vec<Font> = Vec::new();
        let push = |text: &mut String, fonts: &mut Vec<Font>, s: &str, f: &Font| {
            text.push_str(s);
            fonts.extend(std::iter::repeat_n(f.clone(), s.len()));
        };
        let mut last_font: Font = (Style::Regular, None, None);
        for (i, w) in line.words.iter().enumerate() {
            for (j, p) in w.pieces.iter().enumerate() {
                if i > 0 && j == 0 && line.words[i - 1].space > 0.0 {
                    push(&mut text, &mut fonts, " ", &last_font);
                }
                last_font = (p.style, p.face, p.span.clone());
                push(&mut text, &mut fonts, &p.text, &last_font);
            }
        }
        let level = if line.rtl { Level::rtl() } else { Level::ltr() };
        let (placed, x, _) = bidi_place(&text, &fonts, Some(level), |(style, face, _), s| {
            text_width(*style, *face, s, line.size)
        });
        // (logical start, x, text, font, right to left, width)
        let mut pieces: Vec<(usize, f64, String, Font, bool, f64)> = placed
            .into_iter()
            .map(|(start, left, s, f, w, rtl)| (start, left, s, f, rtl, w))
            .collect();
        let shift = self.g.left
            + line.x
            + if line.rtl {
                (line.avail - x).max(0.0)
            } else {
                0.0
            };
        // the word boundary at the line's end is kept in the text (read, not seen); a
        // line that ends inside a word shows a hyphen after a left-to-right piece
        let mut hyphen = false;
        if let (Some(last), Some(p)) = (line.words.last(), pieces.last_mut()) {
            if last.hyphen > 0.0 && !p.4 {
                p.2.push('-');
                p.5 += self.metrics.width(p.3.0, "-", line.size);
                hyphen = true;
            } else if last.space > 0.0 && !line.last {
                p.2.push(' ');
            }
        }
        let body = self.open.last().copied();
        let n = pieces.len();
        for (k, (_, left, s, (style, face, span), rtl, w)) in pieces.into_iter().enumerate() {
            let elem = self.span_elem(body, &span);
            let tag = self.tag(elem);
            self.page.push(Item::Text {
                x: shift + left,
                y: baseline,
                style,
                face,
                size: line.size,
                text: s,
                width: w,
                tag,
                hyphen: hyphen && k + 1 == n,
                rtl,
            });
        }
    }

    fn push_run(
        &mut self,
        (x, (style, face, span), text, width): Run,
        y: f64,
        size: f64,
        elem: Option<usize>,
        hyphen: bool,
    ) {
        let elem = self.span_elem(elem, &span);
        let tag = self.tag(elem);
        self.page.push(Item::Text {
            x,
            y,
            style,
            face,
            size,
            text,
            width,
            tag,
            hyphen,
            rtl: false,
        });
    }

    /// Place lines with widow/orphan control: never leave one line alone at the foot or
    /// head of a page; blocks of up to three lines stay together.
    fn place(&mut self, lines: &[Line]) {
        let mut i = 0;
        while i < lines.len() {
            let n = lines.len() - i;
            let fits = lines[i..].iter().scan(0.0, |acc, l| {
                *acc += l.height;
                Some(*acc)
            });
            let cap = fits.take_while(|h| *h <= self.room() + 0.01).count();
            let at_top = (self.y - self.top()).abs() < 0.01;
            let take = if cap >= n {
                n
            } else if at_top {
                cap.max(1) // a page cannot hold it all: fill it
            } else if n <= 3 || cap < 2 {
                self.new_page();
                continue;
            } else if n - cap < 2 {
                if cap - 1 < 2 {
                    self.new_page();
                    continue;
                }
                cap - 1
            } else {
                cap
            };
            for l in &lines[i..i + take] {
                self.draw_line(l);
            }
            i += take;
            if i < lines.len() {
                self.new_page();
            }
        }
    }

    fn text_lines(
        &self,
        t: &[TextRun],
        size: f64,
        indent: f64,
        marker: Option<String>,
    ) -> Vec<Line> {
        self.lines_with(t, size, indent, 0.0, marker, false)
    }

    /// Lines between `indent` from the left and `right` from the right edge of the text area;
    /// `balance` evens out the line lengths (headings).
    fn lines_with(
        &self,
        t: &[TextRun],
        size: f64,
        indent: f64,
        right: f64,
        marker: Option<String>,
        balance: bool,
    ) -> Vec<Line> {
        let width = self.g.text_width() - indent - right;
        // CJK text in the fonts its language prefers: the part's, else the guide's
        let pref = Pref::for_language(self.lang.as_deref().unwrap_or(&self.language));
        let ws = words_with(t, size, width, (self.fallback, pref));
        let broken = if balance {
            balanced_lines(&ws, width, size)
        } else {
            break_lines(&ws, width, size)
        };
        // the paragraph's direction: the language's, when the part states one (its `lang`)
        // or the guide's is written right to left; else its first strong character's
        // (UAX #9 P2, P3)
        let rtl = match &self.lang {
            Some(lang) => crate::model::is_rtl_language(lang),
            None if self.rtl_guide => true,
            None => t
                .iter()
                .flat_map(|(s, ..)| s.chars())
                .find_map(|c| {
                    use unicode_bidi::BidiClass::{AL, L, R};
                    match unicode_bidi::bidi_class(c) {
                        L => Some(false),
                        R | AL => Some(true),
                        _ => None,
                    }
                })
                .unwrap_or(false),
        };
        let mut out: Vec<Line> = broken
            .into_iter()
            .map(|words| Line {
                words,
                x: indent,
                size,
                height: size * LEADING,
                marker: None,
                last: false,
                rtl,
                avail: width,
            })
            .collect();
        if out.is_empty() {
            out.push(Line {
                words: Vec::new(),
                x: indent,
                size,
                height: size * LEADING,
                marker: None,
                last: false,
                rtl,
                avail: width,
            });
        }
        if let Some(last) = out.last_mut() {
            last.last = true;
        }
        if let Some(m) = marker {
            let mw = self.metrics.width(Style::Regular, &m, size);
            out[0].marker = Some((m, self.g.left + indent - mw - size * 0.4));
        }
        out
    }

    fn heading(&mut self, title: &str, depth: usize, next: Option<&Block>) {
        let (size, style) = heading_type(depth);
        self.gap(if depth == 1 { 16.0 } else { 10.0 });
        let lines = self.lines_with(
            &[(title.to_string(), style, None)],
            size,
            0.0,
            0.0,
            None,
            true,
        );
        let h: f64 = lines.iter().map(|l| l.height).sum::<f64>() + 4.0;
        // keep with the first lines of what follows
        let next_h = next.map_or(0.0, |b| self.block_min_height(b));
        if h + next_h > self.room() && (self.y - self.top()).abs() > 0.01 {
            self.new_page();
        }
        self.layout.marks.push(Mark {
            title: title.to_string(),
            depth,
            page: self.layout.pages.len(),
            y: self.y,
        });
        // the guide title is H1; sections start at H2 (PDF has six levels)
        const ROLES: [&str; 6] = ["H1", "H2", "H3", "H4", "H5", "H6"];
        self.open(ROLES[depth.clamp(1, 5)]);
        for l in &lines {
            self.draw_line(l);
        }
        self.close();
        self.y -= 4.0;
    }

    /// Height that must fit with a preceding heading: up to two lines of the block.
    fn block_min_height(&self, b: &Block) -> f64 {
        let first = match b {
            Block::Paragraph(t) => self.text_lines(&runs_of(t, false), BODY, 0.0, None).len(),
            Block::Ordered(i) | Block::Bullets(i) => i.first().map_or(1, |t| {
                self.text_lines(&runs_of(t, false), BODY, 22.0, None).len()
            }),
            Block::Callout(_) => 3,
        };
        first.min(if first <= 3 { 3 } else { 2 }) as f64 * BODY * LEADING + 8.0
    }

    fn paragraph(&mut self, t: &RichText) {
        self.gap(6.0);
        let lines = self.text_lines(&runs_of(t, false), BODY, 0.0, None);
        self.open("P");
        self.place(&lines);
        self.close();
    }

    fn list(&mut self, items: &[RichText], ordered: bool) {
        self.gap(6.0);
        self.open("L");
        let indent = if ordered && items.len() >= 10 {
            26.0
        } else {
            20.0
        };
        for (i, it) in items.iter().enumerate() {
            if stop() {
                self.layout.interrupted = true;
                break;
            }
            if i > 0 {
                self.y -= 3.0;
            }
            let marker = if ordered {
                format!("{}.", i + 1)
            } else {
                "•".to_string()
            };
            let lines = self.text_lines(&runs_of(it, false), BODY, indent, Some(marker));
            // L > LI > Lbl (the marker) + LBody (the text)
            self.open("LI");
            self.label = Some(self.open("Lbl"));
            self.close();
            self.open("LBody");
            self.place(&lines);
            self.close();
            self.close();
            self.label = None;
        }
        self.close();
    }

    /// A shaded, ruled box; split across pages when it is taller than the room left.
    fn callout(&mut self, label: &str, text: &RichText) {
        self.gap(10.0);
        let pad = 8.0;
        let bar = 3.0;
        let inner_indent = pad + bar;
        let mut lines = self.lines_with(
            &[(label.to_string(), Style::Bold, None)],
            BODY,
            inner_indent,
            pad,
            None,
            false,
        );
        let label_lines = lines.len();
        lines.extend(self.lines_with(&runs_of(text, false), BODY, inner_indent, pad, None, false));
        // Note > P (the label) + P (the text)
        self.open("Note");
        self.open("P");
        let total: f64 = lines.iter().map(|l| l.height).sum::<f64>() + 2.0 * pad;
        // a short callout moves whole to the next page; a tall one starts here and splits,
        // rather than leaving a large gap, when at least three of its lines fit
        let fits_a_page = total <= self.top() - self.g.bottom;
        let three_lines: f64 = lines.iter().take(3).map(|l| l.height).sum::<f64>() + 2.0 * pad;
        if total > self.room() && fits_a_page && (lines.len() <= 5 || self.room() < three_lines) {
            self.new_page();
        }
        let mut i = 0;
        while i < lines.len() {
            let start_y = self.y;
            let insert_at = self.page.len();
            self.y -= pad;
            while i < lines.len() && lines[i].height <= self.room() - pad + 0.01 {
                if i == label_lines {
                    self.close();
                    self.open("P");
                }
                self.draw_line(&lines[i]);
                i += 1;
            }
            if i == 0 && self.page.len() == insert_at {
                // nothing fitted: retry on a fresh page
                self.y = start_y;
                self.new_page();
                continue;
            }
            self.y -= pad;
            let h = start_y - self.y;
            let x = self.g.left;
            let w = self.g.text_width();
            self.page.insert(
                insert_at,
                Item::Rule {
                    x1: x + bar / 2.0,
                    y1: self.y,
                    x2: x + bar / 2.0,
                    y2: start_y,
                    thickness: bar,
                },
            );
            self.page.insert(
                insert_at,
                Item::Fill {
                    x,
                    y: self.y,
                    w,
                    h,
                    grey: 0.93,
                },
            );
            if i < lines.len() {
                self.new_page();
            }
        }
        self.close();
        self.close();
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            if stop() {
                self.layout.interrupted = true;
                return;
            }
            let outer = self.lang.clone();
            if let Some(l) = b.lang() {
                self.lang = Some(l.to_string());
            }
            match b {
                Block::Paragraph(t) => self.paragraph(t),
                Block::Ordered(items) => self.list(items, true),
                Block::Bullets(items) => self.list(items, false),
                Block::Callout(c) => {
                    let label = match &c.title {
                        Some(t) => format!("{}: {t}", c.kind.label()),
                        None => c.kind.label().to_string(),
                    };
                    self.callout(&label, &c.text);
                }
            }
            self.lang = outer;
        }
    }

    fn sections(&mut self, guide: &Guide) {
        let mut outer: Vec<Option<String>> = Vec::new();
        for step in guide.walk() {
            if stop() {
                self.layout.interrupted = true;
                return;
            }
            match step {
                Walk::Enter(r) => {
                    // a section's language holds for its heading, blocks and subsections
                    outer.push(self.lang.clone());
                    if let Some(l) = &r.section.lang {
                        self.lang = Some(l.clone());
                    }
                    self.heading(&r.section.title, r.depth, r.section.blocks.first());
                    self.blocks(&r.section.blocks);
                }
                Walk::Leave(_) => self.lang = outer.pop().flatten(),
            }
        }
    }

    /// A rule across the text width at the current position.
    fn hrule(&mut self) {
        let x = self.g.left;
        self.page.push(Item::Rule {
            x1: x,
            y1: self.y,
            x2: x + self.g.text_width(),
            y2: self.y,
            thickness: 0.8,
        });
    }

    fn title_block(&mut self, guide: &Guide) {
        let lines = self.lines_with(
            &[(guide.title.clone(), Style::Bold, None)],
            22.0,
            0.0,
            0.0,
            None,
            true,
        );
        self.open("H1");
        self.place(&lines);
        self.close();
        if let Some(s) = &guide.subtitle {
            self.y -= 2.0;
            let lines = self.text_lines(&[(s.clone(), Style::Italic, None)], 13.0, 0.0, None);
            self.open("P");
            self.place(&lines);
            self.close();
        }
        self.y -= 6.0;
        let fm = guide.front_matter();
        for (_, m) in fm.lines() {
            let lines = self.text_lines(&[(m.to_string(), Style::Regular, None)], SMALL, 0.0, None);
            self.open("P");
            self.place(&lines);
            self.close();
        }
        self.y -= 8.0;
        self.hrule();
        self.y -= 4.0;
        if let Some(d) = &guide.disclaimer {
            let mut runs = vec![("Disclaimer: ".to_string(), Style::Bold, None)];
            runs.extend(runs_of(d, false));
            self.y -= 4.0;
            let lines = self.text_lines(&runs, SMALL, 0.0, None);
            self.open("P");
            self.place(&lines);
            self.close();
            self.y -= 6.0;
            self.hrule();
        }
        self.y -= 6.0;
    }
}

/// Lay out a whole guide (with the system's fonts for characters the bundled font lacks);
/// the fuzz target checks every item lies on the page.
pub fn layout(guide: &Guide, paper: Paper) -> Layout {
    layout_with(guide, paper, Fallback::default_ref())
}

/// Lay out a whole guide, with the fonts of `fallback` for characters the bundled font
/// lacks.
pub(crate) fn layout_with(guide: &Guide, paper: Paper, fallback: &Fallback) -> Layout {
    let g = Geometry::for_paper(paper);
    let metrics = Metrics::get();
    let mut flow = Flow {
        g,
        layout: Layout::default(),
        page: Vec::new(),
        y: g.height - g.top,
        metrics,
        fallback,
        open: Vec::new(),
        label: None,
        lang: None,
        spans: std::collections::HashMap::new(),
        rtl_guide: crate::model::is_rtl_language(&guide.language),
        language: guide.language.clone(),
    };
    flow.open("Document");
    flow.title_block(guide);
    flow.blocks(&guide.introduction);
    flow.sections(guide);
    flow.close();
    flow.new_page();
    let mut layout = flow.layout;
    furniture(&mut layout, guide, &g, fallback);
    let mut missing = std::collections::BTreeSet::new();
    for page in &layout.pages {
        for item in page {
            if let Item::Text {
                text,
                style,
                face,
                hyphen,
                ..
            } = item
            {
                // the hyphen of a break inside a word is drawn in the bundled font
                let text = match hyphen {
                    true => text.strip_suffix('-').unwrap_or(text),
                    false => text.as_str(),
                };
                missing.extend(text.chars().filter(|c| match face {
                    None => !metrics.has_glyph(*style, *c),
                    // spaces: the fallback font's own, or the space it has (split)
                    Some(f) => !c.is_whitespace() && !fallback::draws(fallback::face(*f), *c),
                }));
            }
        }
    }
    layout.missing_glyphs = missing.into_iter().collect();
    layout
}

/// The running header's runs (text, face, width) placed by the Unicode bidi algorithm:
/// (x from the left of the text area, text in logical order, face, width, right to left),
/// set flush right within `measure` when the base direction is right to left.
fn bidi_header(
    header: &[(String, Option<FaceId>, f64)],
    size: f64,
    rtl_guide: bool,
    measure: f64,
) -> Vec<(f64, String, Option<FaceId>, f64, bool)> {
    use unicode_bidi::Level;
    let mut text = String::new();
    let mut faces: Vec<Option<FaceId>> = Vec::new();
    for (t, f, _) in header {
        text.push_str(t);
        faces.extend(std::iter::repeat_n(*f, t.len()));
    }
    let (out, x, base_rtl) = bidi_place(&text, &faces, rtl_guide.then(Level::rtl), |f, s| {
        text_width(Style::Italic, *f, s, size)
    });
    let shift = if base_rtl {
        (measure - x).max(0.0)
    } else {
        0.0
    };
    out.into_iter()
        .map(|(_, left, s, f, w, rtl)| (shift + left, s, f, w, rtl))
        .collect()
}

/// A piece placed by [`bidi_place`]: (logical start, x from the left, text, font, width, right
/// to left).
type Placed<F> = (usize, f64, String, F, f64, bool);

/// Text in logical order with a font per byte, laid out by the Unicode bidi algorithm (UAX #9)
/// from the base level `base` (`None`: each paragraph's first strong character): each visual
/// run is split into pieces of one font (in logical order within the run); runs are placed
/// left to right one after another, a right-to-left run's pieces from its right end leftwards.
/// Returns the pieces in logical order as (logical start, x from the left, text, font, width,
/// right to left), the total width, and whether the last paragraph is right to left (the base
/// direction when there is none). Shared by body lines and the running header.
fn bidi_place<F: Clone + PartialEq>(
    text: &str,
    fonts: &[F],
    base: Option<unicode_bidi::Level>,
    width: impl Fn(&F, &str) -> f64,
) -> (Vec<Placed<F>>, f64, bool) {
    let info = unicode_bidi::BidiInfo::new(text, base);
    let mut out = Vec::new();
    let mut x = 0.0;
    let mut base_rtl = base.is_some_and(|l| l.is_rtl());
    for para in &info.paragraphs {
        base_rtl = para.level.is_rtl();
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            // the run's pieces of one font, in logical order
            let mut segs: Vec<(usize, String, F)> = Vec::new();
            for (b, c) in text[run.clone()].char_indices() {
                let at = run.start + b;
                match segs.last_mut() {
                    Some((_, s, f)) if *f == fonts[at] => s.push(c),
                    _ => segs.push((at, c.to_string(), fonts[at].clone())),
                }
            }
            let widths: Vec<f64> = segs.iter().map(|(_, s, f)| width(f, s)).collect();
            let run_width: f64 = widths.iter().sum();
            // left to right: one after another; right to left: from the run's right end
            let mut at = if rtl { x + run_width } else { x };
            for ((start, s, f), w) in segs.into_iter().zip(widths) {
                let left = if rtl { at - w } else { at };
                at = if rtl { at - w } else { at + w };
                out.push((start, left, s, f, w, rtl));
            }
            x += run_width;
        }
    }
    out.sort_by_key(|p| p.0);
    (out, x, base_rtl)
}

/// A strong right-to-left character (bidi class R or AL).
pub(crate) fn is_rtl(c: char) -> bool {
    use unicode_bidi::BidiClass;
    !c.is_ascii() && matches!(unicode_bidi::bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Running header (guide title, from page 2) and footer "Page N of M".
// Long because it lays out the header (title measured and shortened once, split into font
// runs, ordered right to left when the title is) and then every page's header and footer;
// the measured runs are reused on every page.
fn furniture(layout: &mut Layout, guide: &Guide, g: &Geometry, fb: &Fallback) {
    let m = Metrics::get();
    let total = layout.pages.len();
    let size = SMALLEST;
    // the header: the title, shortened to the text width (measured once, not per page),
    // in runs of the fonts that draw it
    let mut header: Vec<(String, Option<FaceId>, f64)> = Vec::new();
    if guide.title.chars().all(|c| m.has_glyph(Style::Italic, c)) {
        let mut title = guide.title.clone();
        if m.width(Style::Italic, &title, size) > g.text_width() {
            let keep = m.fitting_prefix(Style::Italic, &title, '…', size, g.text_width());
            title = title[..keep].trim_end().to_string() + "…";
        }
        let w = m.width(Style::Italic, &title, size);
        header.push((title, None, w));
    } else {
        let runs = fb.split_for(
            Style::Italic,
            &guide.title,
            |c| m.has_glyph(Style::Italic, c),
            Pref::for_language(&guide.language),
        );
        let ellipsis = m.width(Style::Italic, "…", size);
        let full: f64 = runs
            .iter()
            .map(|(t, f)| text_width(Style::Italic, *f, t, size))
            .sum();
        let mut room = if full > g.text_width() {
            g.text_width() - ellipsis
        } else {
            f64::INFINITY
        };
        for (t, f) in runs {
            let mut kept = String::new();
            for c in t.chars() {
                let cw = text_width(Style::Italic, f, c.encode_utf8(&mut [0; 4]), size);
                if cw > room {
                    room = -1.0;
                    break;
                }
                room -= cw;
                kept.push(c);
            }
            if !kept.is_empty() {
                let w = text_width(Style::Italic, f, &kept, size);
                header.push((kept, f, w));
            }
            if room < 0.0 {
                break;
            }
        }
        if full > g.text_width() {
            if let Some(last) = header.last_mut() {
                let trimmed = last.0.trim_end().to_string();
                last.2 = text_width(Style::Italic, last.1, &trimmed, size);
                last.0 = trimmed;
            }
            header.push(("…".to_string(), None, ellipsis));
        }
    }
    // right-to-left text in the title: its runs ordered by the bidi algorithm as a body line
    // is (base direction: the guide language's when written right to left, else the title's
    // first strong character), the whole set flush right when that direction is
    let placed: Vec<(f64, String, Option<FaceId>, f64, bool)> =
        if header.iter().any(|(t, ..)| t.chars().any(is_rtl)) {
            let rtl_guide = crate::model::is_rtl_language(&guide.language);
            bidi_header(&header, size, rtl_guide, g.text_width())
                .into_iter()
                .map(|(dx, t, f, w, rtl)| (g.left + dx, t, f, w, rtl))
                .collect()
        } else {
            let mut x = g.left;
            header
                .iter()
                .map(|(t, f, w)| {
                    let at = x;
                    x += w;
                    (at, t.clone(), *f, *w, false)
                })
                .collect()
        };
    for (i, page) in layout.pages.iter_mut().enumerate() {
        if i > 0 {
            let y = g.height - g.top + 24.0;
            for (x, text, face, width, rtl) in &placed {
                page.push(Item::Text {
                    x: *x,
                    y,
                    style: Style::Italic,
                    face: *face,
                    size,
                    text: text.clone(),
                    width: *width,
                    tag: None,
                    hyphen: false,
                    rtl: *rtl,
                });
            }
            page.push(Item::Rule {
                x1: g.left,
                y1: y - 5.0,
                x2: g.width - g.right,
                y2: y - 5.0,
                thickness: 0.4,
            });
        }
        let footer = format!("Page {} of {}", i + 1, total);
        let w = m.width(Style::Regular, &footer, size);
        page.push(Item::Text {
            x: (g.width - w) / 2.0,
            y: g.bottom - 30.0,
            style: Style::Regular,
            face: None,
            size,
            text: footer,
            width: w,
            tag: None,
            hyphen: false,
            rtl: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(yaml: &str) -> Guide {
        let src = crate::load::SourceFile::new("t.yaml", yaml.to_string(), false);
        let o = crate::validate::validate_source(src);
        assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
        o.document.unwrap().guide
    }

    fn seed() -> Guide {
        guide(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("content/microneedling-101.yaml"),
            )
            .unwrap(),
        )
    }

    /// Lines of body text: (chars, width) of each line, joined from its runs by baseline.
    fn body_lines(l: &Layout) -> Vec<(usize, f64)> {
        let mut out = Vec::new();
        for page in &l.pages {
            let mut lines: Vec<(f64, usize, f64, f64)> = Vec::new(); // y, chars, x0, x1
            for item in page {
                if let Item::Text {
                    x,
                    y,
                    size,
                    text,
                    width,
                    tag: Some(_),
                    ..
                } = item
                    && (*size - BODY).abs() < 0.01
                {
                    match lines.iter_mut().find(|l| (l.0 - y).abs() < 0.01) {
                        Some(line) => {
                            line.1 += text.chars().count() + 1;
                            line.3 = line.3.max(x + width);
                        }
                        None => lines.push((*y, text.chars().count(), *x, x + width)),
                    }
                }
            }
            out.extend(lines.into_iter().map(|(_, c, x0, x1)| (c, x1 - x0)));
        }
        out
    }

    #[test]
    fn body_lines_hold_60_to_75_characters_on_both_papers() {
        for paper in [Paper::A4, Paper::Letter] {
            let l = layout(&seed(), paper);
            let g = Geometry::for_paper(paper);
            // full lines: those filling most of the measure (not paragraph ends)
            let full: Vec<usize> = body_lines(&l)
                .into_iter()
                .filter(|(_, w)| *w > g.text_width() * 0.9)
                .map(|(c, _)| c)
                .collect();
            assert!(full.len() > 50);
            let mean = full.iter().sum::<usize>() as f64 / full.len() as f64;
            assert!(
                (60.0..=75.0).contains(&mean),
                "{paper:?}: {mean:.1} characters per line"
            );
            assert!(full.iter().all(|c| *c <= 85), "{paper:?}: {full:?}");
        }
    }

    #[test]
    fn no_break_spaces_join_and_soft_hyphens_break_with_a_hyphen() {
        let words_of = |s: &str| words(&[(s.to_string(), Style::Regular, None)], BODY, 300.0);
        // `500 mg` with a no-break space is one word
        assert_eq!(words_of("take 500\u{a0}mg daily").len(), 3);
        // a soft hyphen is a break point, invisible unless the line breaks there
        let w = words_of("micro\u{ad}needling works");
        assert_eq!(w.len(), 3);
        assert_eq!((w[0].space, w[0].hyphen > 0.0), (0.0, true));
        let text = |ws: &[Word]| -> String {
            ws.iter()
                .flat_map(|w| w.pieces.iter().map(|p| p.text.clone()))
                .collect()
        };
        assert_eq!(text(&w), "microneedlingworks");
        // decomposed é is composed before shaping
        assert_eq!(text(&words_of("cre\u{300}me")), "crème");
        // laid out in a narrow column, the soft hyphen breaks the word with a `-`
        let g = guide(
            "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: s\n    title: S\n    blocks:\n      - paragraph: \"Supercalifragilistic\\u00adexpialidocious collagen induction and 500\\u00a0mg of vitamin C for the repair of your skin after every single session of treatment with the roller pen device\"\n",
        );
        let l = layout(&g, Paper::A4);
        let texts: Vec<&str> = l.pages[0]
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    text, tag: Some(_), ..
                } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let all = texts.join("\n");
        assert!(!all.contains('\u{ad}'), "soft hyphens are never drawn");
        assert!(
            all.contains("500\u{a0}mg"),
            "the no-break space stays between 500 and mg: {all}"
        );
    }

    /// A guide built to stress the layout: a 10,000-character word, a 60-item list, a section
    /// of 80 paragraphs, a one-line section and a callout taller than a page.
    #[test]
    fn right_to_left_text_is_drawn_right_to_left_and_kept_in_logical_order() {
        // Liberation Serif has Hebrew: no fallback font involved
        let g = guide(
            "id: he\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"שטפו את העור. Wash אבג דהו then dry.\"\n      - paragraph: \"Rinse אבג דהו and dry.\"\n",
        );
        let l = layout(&g, Paper::A4);
        let geo = Geometry::for_paper(Paper::A4);
        let items: Vec<(f64, f64, String, bool)> = l.pages[0]
            .iter()
            .filter_map(|i| match i {
                Item::Text {
                    x,
                    width,
                    text,
                    rtl,
                    tag: Some(_),
                    ..
                } => Some((*x, *width, text.clone(), *rtl)),
                _ => None,
            })
            .collect();
        // the right-to-left paragraph: flush right, its first word rightmost, its Latin
        // words left to right inside it; written in logical order
        let first = items.iter().position(|i| i.2.starts_with("שטפו")).unwrap();
        let rinse = items.iter().position(|i| i.2.starts_with("Rinse")).unwrap();
        let para: Vec<_> = items[first..rinse].to_vec();
        let logical: String = para.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(logical, "שטפו את העור. Wash אבג דהו then dry.");
        assert!(para[0].3, "{para:?}");
        let right = geo.width - geo.right;
        let edge = para.iter().map(|p| p.0 + p.1).fold(0.0, f64::max);
        assert!(
            (edge - right).abs() < 0.01,
            "flush right: {edge} vs {right}"
        );
        assert!(
            (para[0].0 + para[0].1 - right).abs() < 0.01,
            "first word rightmost"
        );
        let latin = &para[1];
        assert_eq!(latin.2, "Wash");
        assert!(!latin.3 && latin.0 < para[0].0, "{para:?}");
        // the embedded Latin phrases run right to left as units: "then dry" left of "Wash"
        let then = para.iter().find(|p| p.2.starts_with("then")).unwrap();
        assert!(then.0 + then.1 <= latin.0 + 0.01, "{para:?}");
        // the left-to-right paragraph: the Hebrew words in the middle, drawn right to left
        let p2 = &items[rinse..rinse + 3];
        assert_eq!(p2[1].2, "אבג דהו");
        assert!(p2[1].3 && !p2[0].3 && !p2[2].3);
        assert!(p2[0].0 < p2[1].0 && p2[1].0 < p2[2].0, "{p2:?}");
        assert!((p2[0].0 - geo.left).abs() < 0.01, "flush left");
    }

    #[test]
    fn right_to_left_text_in_the_running_header_is_ordered_like_a_body_line() {
        let geo = Geometry::for_paper(Paper::A4);
        let body =
            "      - paragraph: Keep the skin clean and dry and call the clinic if it hurts.\n"
                .repeat(60);
        // the header items of page 2: (x, width, text, right to left)
        let header = |title: &str, lang: &str| {
            let g = guide(&format!(
                "id: h\ntitle: \"{title}\"\nlanguage: {lang}\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n{body}"
            ));
            let l = layout(&g, Paper::A4);
            assert!(l.pages.len() > 1);
            let y = geo.height - geo.top + 24.0;
            l.pages[1]
                .iter()
                .filter_map(|i| match i {
                    Item::Text {
                        x,
                        y: iy,
                        width,
                        text,
                        rtl,
                        tag: None,
                        ..
                    } if (*iy - y).abs() < 0.01 => Some((*x, *width, text.clone(), *rtl)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        // a left-to-right title with a Hebrew phrase: the phrase drawn right to left, after
        // the English; in logical order
        let h = header("Aftercare אחרי הטיפול", "en-US");
        let text: String = h.iter().map(|i| i.2.as_str()).collect();
        assert_eq!(text, "Aftercare אחרי הטיפול");
        assert!((h[0].0 - geo.left).abs() < 0.01 && !h[0].3, "{h:?}");
        let he = h.iter().find(|i| i.2.contains("אחרי")).unwrap();
        assert!(he.3 && he.0 > h[0].0, "{h:?}");
        // a right-to-left title: flush right, its first word rightmost
        let h = header("אחרי הטיפול: MRI", "he");
        let right = geo.width - geo.right;
        let first = h.iter().find(|i| i.2.starts_with("אחרי")).unwrap();
        assert!(first.3 && (first.0 + first.1 - right).abs() < 0.01, "{h:?}");
        let mri = h.iter().find(|i| i.2.contains("MRI")).unwrap();
        assert!(!mri.3 && mri.0 < first.0, "{h:?}");
    }

    #[test]
    fn a_stated_language_sets_the_base_direction() {
        // each paragraph opens with a strong character of the other direction: the base
        // direction comes from the part's `lang` (or the guide's language), not from it
        let head = |lang: &str| {
            format!(
                "id: he\ntitle: T\nlanguage: {lang}\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n"
            )
        };
        let geo = Geometry::for_paper(Paper::A4);
        let right = geo.width - geo.right;
        // (x, right end) of the items of the paragraph whose text starts with `start`
        let extent = |g: &Guide, start: &str| {
            let l = layout(g, Paper::A4);
            let items: Vec<(f64, f64, String)> = l.pages[0]
                .iter()
                .filter_map(|i| match i {
                    Item::Text {
                        x,
                        width,
                        text,
                        tag: Some(t),
                        ..
                    } => Some((*x, *x + *width, format!("{}:{text}", t.elem))),
                    _ => None,
                })
                .collect();
            let first = items
                .iter()
                .find(|i| i.2.split_once(':').unwrap().1.starts_with(start))
                .unwrap();
            let elem = first.2.split_once(':').unwrap().0.to_string();
            let mine: Vec<_> = items
                .iter()
                .filter(|i| i.2.starts_with(&format!("{elem}:")))
                .collect();
            (
                mine.iter().map(|i| i.0).fold(f64::MAX, f64::min),
                mine.iter().map(|i| i.1).fold(0.0, f64::max),
            )
        };
        let g = guide(&format!(
            "{}      - paragraph: \"CT סריקה היום.\"\n        lang: he\n      - paragraph: \"שלום means hello.\"\n        lang: en\n      - paragraph: \"MRI scan today.\"\n",
            head("en-US")
        ));
        let (_, end) = extent(&g, "CT");
        assert!(
            (end - right).abs() < 0.01,
            "lang: he is set flush right: {end}"
        );
        let (x, end) = extent(&g, "שלום");
        assert!(
            (x - geo.left).abs() < 0.01 && end < right - 50.0,
            "lang: en is flush left"
        );
        let (x, _) = extent(&g, "MRI scan");
        assert!(
            (x - geo.left).abs() < 0.01,
            "no stated language, Latin first: left"
        );
        // a guide written right to left: its paragraphs are, whatever comes first
        let g = guide(&format!(
            "{}      - paragraph: \"MRI סריקה היום.\"\n",
            head("he")
        ));
        let (_, end) = extent(&g, "MRI");
        assert!(
            (end - right).abs() < 0.01,
            "an RTL guide: flush right: {end}"
        );
    }

    #[test]
    fn cjk_breaks_between_characters_inside_the_margins() {
        // Droid Sans Fallback, Noto Sans CJK or another installed CJK font draws it
        if Fallback::default_ref()
            .first_with(Style::Regular, '皮')
            .is_none()
        {
            return;
        }
        let g = guide(
            &std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/script/any-script.yaml"),
            )
            .unwrap(),
        );
        let l = layout(&g, Paper::A4);
        assert!(l.missing_glyphs.is_empty(), "{:?}", l.missing_glyphs);
        let geo = Geometry::for_paper(Paper::A4);
        let right = geo.width - geo.right;
        let mut max_edge = f64::MIN;
        let mut cjk_lines = 0;
        let mut hyphens = 0;
        for page in &l.pages {
            for item in page {
                if let Item::Text {
                    x,
                    width,
                    text,
                    hyphen,
                    tag: Some(_),
                    ..
                } = item
                {
                    max_edge = max_edge.max(x + width);
                    if text.contains('每') || text.contains('赤') || text.contains('红') {
                        cjk_lines += 1;
                    }
                    if *hyphen && text.chars().any(|c| ('\u{3000}'..='\u{9FFF}').contains(&c)) {
                        hyphens += 1;
                    }
                }
            }
        }
        eprintln!("right edge {max_edge:.2} vs margin {right:.2}; CJK hyphens {hyphens}");
        assert!(max_edge <= right + 0.01, "{max_edge} > {right}");
        assert!(cjk_lines >= 2);
        // CJK breaks between characters (UAX #14), never with a hyphen
        assert_eq!(hyphens, 0);
        // the Chinese paragraph fills its lines: every line but the last ends within one
        // character (12 pt) of the margin
        let elem_of = |want: &str| {
            l.pages[0].iter().find_map(|i| match i {
                Item::Text {
                    text, tag: Some(t), ..
                } if text.contains(want) => Some(t.elem),
                _ => None,
            })
        };
        let chinese = elem_of("每天").unwrap();
        let mut by_line: std::collections::BTreeMap<i64, f64> = Default::default();
        for i in &l.pages[0] {
            if let Item::Text {
                x,
                y,
                width,
                tag: Some(t),
                ..
            } = i
                && t.elem == chinese
            {
                let e = by_line.entry(-(*y * 100.0) as i64).or_insert(0.0);
                *e = e.max(x + width);
            }
        }
        let lines: Vec<f64> = by_line.into_values().collect();
        assert!(lines.len() >= 3, "{lines:?}");
        for edge in &lines[..lines.len() - 1] {
            assert!(right - edge < 12.5, "{lines:?}");
        }
    }

    fn stress() -> Guide {
        let mut y = String::from(
            "id: stress\ntitle: Stress Test With A Title Long Enough To Wrap Over Two Lines Of The Page\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: T}]\nsections:\n",
        );
        y.push_str(&format!("  - id: long-word\n    title: Long Word\n    blocks:\n      - paragraph: start {} end\n", "x".repeat(10_000)));
        y.push_str("  - id: long-list\n    title: Long List\n    blocks:\n      - ordered:\n");
        for i in 0..60 {
            y.push_str(&format!("          - Item {i} with **bold** and *italic* words that wrap across the line when long enough to need it.\n"));
        }
        y.push_str("  - id: long-section\n    title: Long Section\n    blocks:\n");
        for i in 0..80 {
            y.push_str(&format!(
                "      - paragraph: Paragraph {i}. {}\n",
                "Words fill the line and keep going. ".repeat(12)
            ));
        }
        y.push_str(&format!(
            "      - callout: {{kind: warning, title: Tall, text: {}}}\n",
            "Very tall callout text. ".repeat(600)
        ));
        y.push_str(
            "  - id: one-line\n    title: One Line\n    blocks:\n      - paragraph: Short.\n",
        );
        guide(&y)
    }

    #[test]
    fn nothing_is_drawn_outside_the_margins() {
        for paper in [Paper::A4, Paper::Letter] {
            let g = Geometry::for_paper(paper);
            let l = layout(&stress(), paper);
            assert!(l.pages.len() > 10);
            let eps = 0.01;
            for (n, page) in l.pages.iter().enumerate() {
                for item in page {
                    let (x0, x1, y0, y1) = match item {
                        Item::Text {
                            x, y, size, width, ..
                        } => (*x, x + width, y - size * 0.25, y + size),
                        Item::Fill { x, y, w, h, .. } => (*x, x + w, *y, y + h),
                        Item::Rule { x1, y1, x2, y2, .. } => {
                            (x1.min(*x2), x1.max(*x2), y1.min(*y2), y1.max(*y2))
                        }
                    };
                    assert!(
                        x0 >= g.left - eps && x1 <= g.width - g.right + eps,
                        "page {n}: {item:?} outside the side margins"
                    );
                    let in_body = y0 >= g.bottom - 3.0 - eps && y1 <= g.height - g.top + eps;
                    let furniture = y1 < g.bottom || y0 > g.height - g.top;
                    assert!(
                        in_body || furniture,
                        "page {n}: {item:?} crosses the top or bottom margin"
                    );
                    assert!(
                        y0 >= 0.0 && y1 <= g.height,
                        "page {n}: {item:?} outside the page"
                    );
                }
            }
        }
    }

    #[test]
    fn every_word_is_laid_out_in_order() {
        let g = stress();
        let l = layout(&g, Paper::A4);
        let text: String = l
            .pages
            .iter()
            .flat_map(|p| p.iter())
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        // each forced break of the long word ends its line with a hyphen
        let long: usize = text
            .split(' ')
            .map(|w| w.strip_suffix('-').unwrap_or(w))
            .filter(|w| !w.is_empty() && w.chars().all(|c| c == 'x'))
            .map(str::len)
            .sum();
        assert_eq!(long, 10_000, "the long word is split, not lost");
        let broken = text
            .split(' ')
            .filter(|w| w.starts_with('x') && w.ends_with("x-"))
            .count();
        assert!(broken > 10, "forced breaks show a hyphen");
        let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
        assert!(
            pos("Item 0 ") < pos("Item 59 ")
                && pos("Item 59 ") < pos("Paragraph 0.")
                && pos("Paragraph 79.") < pos("Short.")
        );
        assert_eq!(l.marks.len(), 4);
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let l = layout(&stress(), Paper::A4);
        for m in &l.marks {
            let page = &l.pages[m.page];
            let below = page
                .iter()
                .filter(
                    |i| matches!(i, Item::Text { y, size, .. } if *y < m.y - 20.0 && *size <= BODY),
                )
                .count();
            assert!(
                below >= 2,
                "heading `{}` is kept with at least two lines of its text",
                m.title
            );
        }
    }

    #[test]
    fn long_words_are_broken_to_fit() {
        let ws = words(&[("x".repeat(10_000), Style::Regular, None)], 11.0, 300.0);
        let ws2 = words(
            &[(
                format!("start {}", "x".repeat(10_000)),
                Style::Regular,
                None,
            )],
            11.0,
            300.0,
        );
        eprintln!(
            "{:?}",
            ws2.iter()
                .take(3)
                .map(|w| (w.pieces.len(), w.width))
                .collect::<Vec<_>>()
        );
        assert!(ws.len() > 10);
        assert!(ws.iter().all(|w| w.width <= 300.0 + 1e-6));
    }

    #[test]
    fn a_tall_callout_splits_instead_of_leaving_a_gap() {
        // filler paragraphs leave a few lines of the first page, then a 12-line callout
        let mut y = String::from(
            "id: t\ntitle: T\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: s\n    title: S\n    blocks:\n",
        );
        for _ in 0..8 {
            y.push_str("      - paragraph: Filler text that takes up several lines of the page so that the callout after it begins low on the first page and cannot fit whole in the room that is left below.\n");
        }
        y.push_str(&format!(
            "      - callout: {{kind: warning, text: \"{}\"}}\n",
            "Stop the treatment and call your clinic if the redness spreads or you get a fever. "
                .repeat(10)
                .trim()
        ));
        let l = layout(&guide(&y), Paper::A4);
        let on_first = l.pages[0].iter().any(|i| matches!(i, Item::Text { text, .. } if text.contains("WARNING") || text.starts_with("Warning")));
        let fills: Vec<usize> = l
            .pages
            .iter()
            .map(|p| p.iter().filter(|i| matches!(i, Item::Fill { .. })).count())
            .collect();
        assert!(on_first, "the callout starts on the first page");
        assert!(
            fills[0] == 1 && fills.get(1) == Some(&1),
            "its box continues on the next page: {fills:?}"
        );
    }
}

#[cfg(test)]
mod typesetting {
    use super::*;

    fn fixture(path: &str) -> Guide {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        crate::validate::validate_path(&p).document.unwrap().guide
    }

    /// (paragraphs of two or more lines, those whose last line is one word).
    pub(super) fn one_word_last_lines(l: &Layout) -> (usize, usize) {
        // the lines of each paragraph-like element: (page, baseline) -> text
        let mut lines: Vec<Vec<((usize, i64), String)>> = vec![Vec::new(); l.elems.len()];
        for (n, page) in l.pages.iter().enumerate() {
            for item in page {
                if let Item::Text {
                    y,
                    text,
                    tag: Some(t),
                    ..
                } = item
                {
                    let key = (n, (*y * 100.0) as i64);
                    let ls = &mut lines[t.elem];
                    match ls.last_mut() {
                        Some((k, s)) if *k == key => s.push_str(text),
                        _ => ls.push((key, text.clone())),
                    }
                }
            }
        }
        let mut paragraphs = 0;
        let mut short = 0;
        for (e, ls) in l.elems.iter().zip(&lines) {
            if matches!(e.role, "P" | "LBody") && ls.len() >= 2 {
                paragraphs += 1;
                let last = ls.last().map_or("", |(_, s)| s.trim());
                if !last.contains([' ', '\u{a0}']) {
                    short += 1;
                }
            }
        }
        (paragraphs, short)
    }

    #[test]
    fn few_paragraphs_end_with_a_one_word_line() {
        let mut total = (0, 0);
        for f in [
            "content/microneedling-101.yaml",
            "tests/fixtures/microneedling-101.original.yaml",
            "tests/fixtures/export/line-ends.yaml",
        ] {
            let (p, s) = one_word_last_lines(&layout(&fixture(f), Paper::A4));
            eprintln!("{f}: one-word last lines / paragraphs of 2+ lines: {s}/{p}");
            total = (total.0 + p, total.1 + s);
        }
        assert!(total.0 > 50);
        assert!(total.1 * 50 <= total.0, "{total:?}");
    }
}

#[cfg(test)]
mod type_sizes {
    use super::*;

    #[test]
    fn nothing_is_smaller_than_10_pt_and_every_heading_level_looks_different() {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/microneedling-101.original.yaml");
        let g = crate::validate::validate_path(&p).document.unwrap().guide;
        let l = layout(&g, Paper::A4);
        let smallest = l
            .pages
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Text { size, .. } => Some(*size),
                _ => None,
            })
            .fold(f64::INFINITY, f64::min);
        assert!(smallest >= SMALLEST, "{smallest} pt");
        let levels: Vec<(u64, Style)> = (1..=5)
            .map(|d| {
                let (size, style) = heading_type(d);
                assert!(size >= BODY);
                ((size * 10.0) as u64, style)
            })
            .collect();
        let distinct: std::collections::BTreeSet<_> = levels.iter().collect();
        assert_eq!(distinct.len(), levels.len(), "{levels:?}");
    }

    #[test]
    fn numbers_and_units_never_end_up_on_two_lines() {
        // a column that forces a break near every pair
        let text = "take 500 mg ".repeat(40) + "and ± 0.1 mm or ½ tablet each time";
        let runs = runs_of(&RichText::parse(&text), false);
        for width in [60.0, 80.0, 120.0, 200.0] {
            let lines = break_lines(&words(&runs, BODY, width), width, BODY);
            for l in &lines {
                let last = l.last().unwrap().pieces.last().unwrap().text.as_str();
                assert!(
                    !last.ends_with("500")
                        && !last.ends_with("0.1")
                        && !last.ends_with('½')
                        && !last.ends_with('±'),
                    "{last:?} at {width}"
                );
            }
        }
    }
}

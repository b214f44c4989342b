//! Font fallback for characters the bundled Liberation Serif does not have: the fonts the
//! configuration names (`pdf: {fonts: [...]}`, in that order), then the system's fonts as
//! fontdb finds them (fontconfig's folders on Linux, the usual folders elsewhere), sorted by
//! family name, then by how well the face matches the style (regular, bold, italic), then by
//! file and face index — never by directory order, so the same machine picks the same font
//! for the same text every time.
//!
//! A run of characters the bundled font lacks gets the first candidate that has a glyph for
//! every one of them (one font for a word, not a patchwork); when none has them all, each
//! character gets the first candidate that has it. Faces without outlines (colour bitmap
//! emoji: CBDT, sbix) are never chosen: the PDF could not draw them.
//!
//! Faces are read when first needed and kept for the process (a run with only Latin text
//! never scans the system's fonts).

use super::fonts::Style;
use crate::export::FontSpec;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// A font face the fallback can use: its file and index in it (the stable key that orders
/// and names it), its family, and its parsed tables (the data lives for the process).
pub(crate) struct Face {
    pub path: PathBuf,
    pub index: u32,
    pub family: String,
    pub data: &'static [u8],
    pub face: ttf_parser::Face<'static>,
    /// The same face for rustybuzz (shaping: Arabic joining forms, marks, ligatures).
    pub shaper: rustybuzz::Face<'static>,
}

/// A face: its place in the process-wide table (stable within a run; order documents by
/// [`Face::path`] and [`Face::index`], never by this number).
pub(crate) type FaceId = usize;

/// A face found by fontdb, before it is read.
#[derive(Debug, Clone)]
struct Candidate {
    path: PathBuf,
    index: u32,
    family: String,
    bold: bool,
    italic: bool,
}

/// Every face read so far (never removed: `FaceId`s index it).
fn faces() -> &'static Mutex<Vec<&'static Face>> {
    static F: OnceLock<Mutex<Vec<&'static Face>>> = OnceLock::new();
    F.get_or_init(|| Mutex::new(Vec::new()))
}

/// The face `id` (read earlier by [`load`]).
pub(crate) fn face(id: FaceId) -> &'static Face {
    faces().lock().unwrap_or_else(|e| e.into_inner())[id]
}

/// Read face `index` of the file at `path` (once per process); `None` when it cannot be
/// read or parsed, or has no outlines to draw.
fn load(path: &std::path::Path, index: u32, family: &str) -> Option<FaceId> {
    type Loaded = BTreeMap<(PathBuf, u32), Option<FaceId>>;
    static BY_KEY: OnceLock<Mutex<Loaded>> = OnceLock::new();
    let by_key = BY_KEY.get_or_init(|| Mutex::new(BTreeMap::new()));
    let key = (path.to_path_buf(), index);
    if let Some(found) = by_key.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return *found;
    }
    let read = || -> Option<&'static Face> {
        let data = file_data(path)?;
        let face = ttf_parser::Face::parse(data, index).ok()?;
        let t = face.tables();
        // outlines (TrueType or CFF): a colour-bitmap emoji font has none the PDF can draw
        if t.glyf.is_none() && t.cff.is_none() && t.cff2.is_none() {
            return None;
        }
        let shaper = rustybuzz::Face::from_slice(data, index)?;
        Some(Box::leak(Box::new(Face {
            path: path.to_path_buf(),
            index,
            family: family.to_string(),
            data,
            face,
            shaper,
        })))
    };
    let mut by_key = by_key.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = by_key.get(&key) {
        return *found;
    }
    let id = read().map(|f| {
        let mut all = faces().lock().unwrap_or_else(|e| e.into_inner());
        all.push(f);
        all.len() - 1
    });
    by_key.insert(key, id);
    id
}

/// The bytes of a font file, mapped into memory once per process (a font collection's faces
/// share one mapping; only the pages a lookup touches are read, so trying every installed
/// font for a character none has costs little memory).
fn file_data(path: &std::path::Path) -> Option<&'static [u8]> {
    type Files = BTreeMap<PathBuf, Option<&'static [u8]>>;
    static FILES: OnceLock<Mutex<Files>> = OnceLock::new();
    let mut files = FILES
        .get_or_init(|| Mutex::new(BTreeMap::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(found) = files.get(path) {
        return *found;
    }
    let map = std::fs::File::open(path).ok().and_then(|f| {
        // SAFETY: a read-only mapping of an installed font file, as fontdb and every font
        // stack map them; the file is not written by this process (a font replaced on disk
        // while a PDF is being exported is outside what a run can guard against).
        unsafe { memmap2::Mmap::map(&f) }.ok()
    });
    let data: Option<&'static [u8]> = map.map(|m| &**Box::leak(Box::new(m)));
    files.insert(path.to_path_buf(), data);
    data
}

fn candidate(info: &fontdb::FaceInfo) -> Option<Candidate> {
    let path = match &info.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
        fontdb::Source::Binary(_) => return None,
    };
    Some(Candidate {
        path,
        index: info.index,
        family: info
            .families
            .first()
            .map(|(f, _)| f.clone())
            .unwrap_or_default(),
        bold: info.weight.0 >= 600,
        italic: info.style != fontdb::Style::Normal,
    })
}

/// The system's fonts (fontdb), read once per process, sorted by family, file and index.
fn system() -> &'static (fontdb::Database, Vec<Candidate>) {
    static S: OnceLock<(fontdb::Database, Vec<Candidate>)> = OnceLock::new();
    S.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        let mut all: Vec<Candidate> = db.faces().filter_map(candidate).collect();
        all.sort_by(|a, b| (&a.family, &a.path, a.index).cmp(&(&b.family, &b.path, b.index)));
        all.dedup_by(|a, b| a.path == b.path && a.index == b.index);
        (db, all)
    })
}

/// How far a face is from the style wanted (0: the same).
fn distance(c: &Candidate, style: Style) -> u8 {
    let (bold, italic) = match style {
        Style::Regular => (false, false),
        Style::Bold => (true, false),
        Style::Italic => (false, true),
        Style::BoldItalic => (true, true),
    };
    // italic matters more than bold (a slanted word in an upright sentence reads as meant)
    u8::from(c.italic != italic) * 2 + u8::from(c.bold != bold)
}

/// The fonts a part's language prefers for Chinese, Japanese and Korean text: the same
/// ideograph is drawn differently in each (and Korean wants Hangul-first designs), so a
/// face made for the language comes first — by its family name's region or script token,
/// as font families name them (`Noto Sans CJK KR`, `Source Han Serif K`, `... SC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pref {
    None,
    Korean,
    Japanese,
    Simplified,
    Traditional,
    HongKong,
}

impl Pref {
    /// The preference of a BCP 47 tag: `ko`, `ja`, `zh` (Simplified unless the script is
    /// Hant or the region TW, HK or MO).
    pub fn for_language(tag: &str) -> Pref {
        let parts: Vec<String> = tag.split(['-', '_']).map(str::to_ascii_lowercase).collect();
        let has = |p: &str| parts.iter().skip(1).any(|x| x == p);
        match parts.first().map(String::as_str) {
            Some("ko") => Pref::Korean,
            Some("ja") => Pref::Japanese,
            Some("zh" | "yue") if has("hk") || has("mo") => Pref::HongKong,
            Some("zh") if has("hant") || has("tw") => Pref::Traditional,
            Some("yue") => Pref::HongKong,
            Some("zh") => Pref::Simplified,
            _ => Pref::None,
        }
    }

    /// How well a family suits the preference: 0 made for it, 1 a near one (Traditional
    /// for Hong Kong), 2 any other.
    fn rank(self, family: &str) -> u8 {
        let tokens: Vec<&str> = family.split_whitespace().collect();
        let any = |ts: &[&str]| tokens.iter().any(|t| ts.contains(t));
        let (best, near): (&[&str], &[&str]) = match self {
            Pref::None => return 2,
            Pref::Korean => (&["KR", "K", "Korean"], &[]),
            Pref::Japanese => (&["JP", "J", "Japanese"], &[]),
            Pref::Simplified => (&["SC", "CN", "Simplified"], &[]),
            Pref::Traditional => (&["TC", "TW", "Traditional"], &["HK"]),
            Pref::HongKong => (&["HK"], &["TC", "TW", "Traditional"]),
        };
        if any(best) {
            0
        } else if any(near) {
            1
        } else {
            2
        }
    }
}

/// Characters whose form depends on the language: ideographs, kana, Hangul, CJK
/// punctuation and full-width forms.
fn cjk(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Pictographic symbols (check marks, crosses, arrows, shapes, dingbats): drawn from a
/// symbol font where one is installed rather than from a mathematical one.
fn symbol(c: char) -> bool {
    matches!(u32::from(c), 0x2190..=0x21FF | 0x2300..=0x23FF | 0x25A0..=0x27BF | 0x2B00..=0x2BFF | 0x1F300..=0x1FAFF)
}

/// The families known to be symbol or dingbat faces whose names do not say so (URW's
/// D050000L, Wingdings, ...), from assets/fonts/symbol-families.txt, in lower case.
fn symbol_families() -> &'static std::collections::BTreeSet<String> {
    static S: OnceLock<std::collections::BTreeSet<String>> = OnceLock::new();
    S.get_or_init(|| {
        include_str!("../../../assets/fonts/symbol-families.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .map(|f| f.trim().to_lowercase())
            .filter(|f| !f.is_empty())
            .collect()
    })
}

/// True when `family` is a symbol or dingbat face: named for symbols or dingbats, or known
/// as one ([`symbol_families`]).
fn symbol_family(family: &str) -> bool {
    let f = family.to_lowercase();
    f.contains("symbol") || f.contains("dingbat") || symbol_families().contains(f.trim())
}

/// How early a family is tried for `c` (lower first; ties keep the name order): for a
/// symbol, a symbol or dingbat family ([`symbol_family`]) first and a mathematical one
/// last; for a CJK character, the families the language prefers first.
fn rank(family: &str, c: char, pref: Pref) -> u8 {
    if symbol(c) {
        let f = family.to_ascii_lowercase();
        if symbol_family(family) {
            0
        } else if f.contains("math") {
            2
        } else {
            1
        }
    } else if cjk(c) {
        pref.rank(family)
    } else {
        0
    }
}

/// Fonts named in the configuration that could not be found or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotFound(pub Vec<String>);

/// The fallback fonts of one export: configured fonts first, then the system's.
pub(crate) struct Fallback {
    /// Per configured font: its faces (a family's, or a file's).
    user: Vec<Vec<Candidate>>,
    /// Per style, the faces tried in order (read lazily; `None` until first needed).
    order: [OnceLock<Vec<Candidate>>; 4],
    /// Per style, character and language preference: the first face that has it (or none).
    cache: Mutex<BTreeMap<(Style, char, Pref), Option<FaceId>>>,
    /// What was tried, for the error message.
    pub names: Vec<String>,
}

impl Fallback {
    /// The fallback for the configured `fonts` (paths or family names). A font that cannot
    /// be found or read is an error (a configured font is never silently ignored).
    pub(crate) fn new(fonts: &[FontSpec]) -> Result<Fallback, NotFound> {
        let mut user = Vec::new();
        let mut names = Vec::new();
        let mut missing = Vec::new();
        for spec in fonts {
            match spec {
                // only a regular file is read: opening a FIFO waits for a writer
                FontSpec::Path(p) if !std::fs::metadata(p).is_ok_and(|m| m.is_file()) => {
                    let why = match std::fs::metadata(p) {
                        Ok(m) if m.is_dir() => "a folder, expected a font file",
                        Ok(_) => {
                            "not a regular file (a device, FIFO or socket); expected a font file"
                        }
                        Err(_) => "no font could be read there",
                    };
                    missing.push(format!("{} ({why})", p.display()));
                }
                FontSpec::Path(p) => {
                    let mut db = fontdb::Database::new();
                    let found: Vec<Candidate> = match db.load_font_file(p) {
                        Ok(()) => db.faces().filter_map(candidate).collect(),
                        Err(_) => Vec::new(),
                    };
                    let found: Vec<Candidate> = found
                        .into_iter()
                        .filter(|c| load(&c.path, c.index, &c.family).is_some())
                        .collect();
                    if found.is_empty() {
                        missing.push(format!("{} (no font could be read there)", p.display()));
                    } else {
                        names.push(format!("{} ({})", found[0].family, p.display()));
                        user.push(found);
                    }
                }
                FontSpec::Family(name) => {
                    let found: Vec<Candidate> = system()
                        .1
                        .iter()
                        .filter(|c| c.family.eq_ignore_ascii_case(name))
                        .cloned()
                        .collect();
                    if found.is_empty() {
                        missing.push(format!("{name} (no installed font has this family name)"));
                    } else {
                        names.push(format!("{} (installed)", found[0].family));
                        user.push(found);
                    }
                }
            }
        }
        if !missing.is_empty() {
            return Err(NotFound(missing));
        }
        Ok(Fallback {
            user,
            order: Default::default(),
            cache: Mutex::new(BTreeMap::new()),
            names,
        })
    }

    /// The fallback with no configured fonts (the system's only), shared by the process.
    pub(crate) fn default_ref() -> &'static Fallback {
        static D: OnceLock<Fallback> = OnceLock::new();
        D.get_or_init(|| Fallback::new(&[]).unwrap_or_else(|_| unreachable!("no fonts named")))
    }

    /// Candidates for `style`, in the order they are tried.
    fn order(&self, style: Style) -> &[Candidate] {
        self.order[style.index()].get_or_init(|| {
            let mut out = Vec::new();
            for faces in &self.user {
                let mut f = faces.clone();
                f.sort_by_key(|c| (distance(c, style), c.path.clone(), c.index));
                out.extend(f);
            }
            // system fonts: family by family (sorted), the closest style first in each
            let sys = &system().1;
            let mut i = 0;
            while i < sys.len() {
                let j = i + sys[i..]
                    .iter()
                    .take_while(|c| c.family == sys[i].family)
                    .count();
                let mut fam = sys[i..j].to_vec();
                fam.sort_by_key(|c| (distance(c, style), c.path.clone(), c.index));
                out.extend(fam);
                i = j;
            }
            out
        })
    }

    /// The candidates for `style` in the order they are tried for `c`: [`Fallback::order`],
    /// configured fonts always first, then the system's by [`rank`] (stable: ties keep the
    /// name order).
    fn order_for(&self, style: Style, c: char, pref: Pref) -> Vec<&Candidate> {
        let all = self.order(style);
        let configured: usize = self.user.iter().map(Vec::len).sum();
        let (user, sys) = all.split_at(configured.min(all.len()));
        let mut sys: Vec<&Candidate> = sys.iter().collect();
        if symbol(c) || (cjk(c) && pref != Pref::None) {
            sys.sort_by_key(|cand| rank(&cand.family, c, pref));
        }
        user.iter().chain(sys).collect()
    }

    /// The first face (in [`Fallback::order_for`]) that has every character of `chars`.
    fn first_with_all(&self, style: Style, chars: &[char], pref: Pref) -> Option<FaceId> {
        // a face that has the first character is the only kind worth reading further
        let first = self.first_with_pref(style, *chars.first()?, pref)?;
        if chars.iter().all(|c| has(face(first), *c)) {
            return Some(first);
        }
        self.order_for(style, chars[0], pref)
            .into_iter()
            .filter_map(|c| load(&c.path, c.index, &c.family))
            .find(|id| chars.iter().all(|c| has(face(*id), *c)))
    }

    /// The first face that has `c` (cached per style and character).
    #[cfg(test)]
    pub(crate) fn first_with(&self, style: Style, c: char) -> Option<FaceId> {
        self.first_with_pref(style, c, Pref::None)
    }

    /// The first face that has `c`, the faces `pref` prefers first for CJK characters.
    pub(crate) fn first_with_pref(&self, style: Style, c: char, pref: Pref) -> Option<FaceId> {
        // the preference only orders CJK characters: other characters share one entry
        let pref = if cjk(c) { pref } else { Pref::None };
        if let Some(found) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(style, c, pref))
        {
            return *found;
        }
        let found = self
            .order_for(style, c, pref)
            .into_iter()
            .filter_map(|cand| load(&cand.path, cand.index, &cand.family))
            .find(|id| has(face(*id), c));
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((style, c, pref), found);
        found
    }

    /// Split `text` (which the bundled font of `style` draws where `bundled` says it has
    /// the glyph) into runs, each with the face that draws it: `None` for the bundled font
    /// (and for characters no font has, which the caller reports), else a fallback face.
    #[cfg(test)]
    pub(crate) fn split(
        &self,
        style: Style,
        text: &str,
        bundled: impl Fn(char) -> bool,
    ) -> Vec<(String, Option<FaceId>)> {
        self.split_for(style, text, bundled, Pref::None)
    }

    /// [`Fallback::split`] for text in a language that prefers some fonts (`pref`).
    pub(crate) fn split_for(
        &self,
        style: Style,
        text: &str,
        bundled: impl Fn(char) -> bool,
        pref: Pref,
    ) -> Vec<(String, Option<FaceId>)> {
        let mut out: Vec<(String, Option<FaceId>)> = Vec::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            // a run the bundled font draws; combining marks stay with their base
            let j = i + chars[i..].iter().take_while(|c| bundled(**c)).count();
            if j > i {
                push(&mut out, chars[i..j].iter().collect(), None);
                i = j;
                continue;
            }
            // a run it does not: up to the next character it has (spaces and marks
            // inside the run go with it, so a phrase stays in one font)
            let mut k = i;
            while k < chars.len() && (!bundled(chars[k]) || joins(chars[k])) {
                k += 1;
            }
            while k > i + 1 && joins(chars[k - 1]) && bundled(chars[k - 1]) {
                k -= 1;
            }
            let run = &chars[i..k];
            if let Some(id) = self.first_with_all(style, run, pref) {
                push(&mut out, run.iter().collect(), Some(id));
            } else {
                for c in run {
                    let id = if bundled(*c) {
                        None
                    } else {
                        self.first_with_pref(style, *c, pref)
                    };
                    push(&mut out, c.to_string(), id);
                }
            }
            i = k;
        }
        // what the chosen font cannot draw and need not: an invisible format character
        // (joiner, variation selector, ...) is left out, a space it lacks becomes its space
        // (never a .notdef glyph in the PDF)
        for (run, id) in &mut out {
            let id = *id;
            let drawable = |c: char| match id {
                None => bundled(c),
                Some(f) => face(f).face.glyph_index(c).is_some(),
            };
            if run.chars().all(&drawable) {
                continue;
            }
            *run = run
                .chars()
                .filter(|c| !ignorable(*c) || drawable(*c))
                .map(|c| {
                    if c.is_whitespace() && !drawable(c) && drawable(' ') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
        }
        out.retain(|(run, _)| !run.is_empty());
        out
    }
}

/// Default-ignorable format characters a font need not have (drawn as nothing).
fn ignorable(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0100}'..='\u{E01EF}')
}

/// Characters that stay in the font of the run around them: spaces, combining marks,
/// joiners and variation selectors.
fn joins(c: char) -> bool {
    c == ' '
        || matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
        || matches!(unicode_bidi::bidi_class(c), unicode_bidi::BidiClass::NSM)
}

/// True when the face has a glyph for `c`, or `c` needs none (whitespace and invisible
/// format characters, which [`Fallback::split`] replaces or leaves out when it lacks them).
pub(crate) fn has(face: &Face, c: char) -> bool {
    face.face.glyph_index(c).is_some() || c.is_whitespace() || ignorable(c)
}

/// True when the face draws `c` with a glyph of its own (what the PDF will show).
pub(crate) fn draws(face: &Face, c: char) -> bool {
    face.face.glyph_index(c).is_some()
}

fn push(out: &mut Vec<(String, Option<FaceId>)>, text: String, id: Option<FaceId>) {
    match out.last_mut() {
        Some((t, last)) if *last == id => t.push_str(&text),
        _ => out.push((text, id)),
    }
}

/// True when `text` needs shaping to be drawn right: joining scripts (Arabic, Syriac, N'Ko,
/// ...), combining marks, Indic and South-East Asian scripts, Hangul jamo. Other text is
/// drawn one glyph per character (the cmap's glyph, the font's advance).
pub(crate) fn needs_shaping(text: &str) -> bool {
    text.chars().any(|c| {
        use unicode_bidi::BidiClass::{AL, NSM};
        matches!(unicode_bidi::bidi_class(c), AL | NSM)
            || matches!(u32::from(c), 0x0900..=0x0DFF | 0x0E00..=0x0FFF | 0x1000..=0x109F | 0x1100..=0x11FF | 0x1780..=0x17FF)
    })
}

/// One shaped glyph: its id, advance and offsets (font units; `y_offset` up: a vowel mark
/// stacked over another), and the text it stands for (several characters for a ligature;
/// empty for a further glyph of one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub id: u16,
    pub advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
    pub text: String,
}

/// `text` shaped with rustybuzz in `face` (script and direction guessed from the text), the
/// glyphs in logical order (the order of the text they stand for).
pub(crate) fn shape(id: FaceId, text: &str) -> Vec<Glyph> {
    let f = face(id);
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    buf.set_cluster_level(rustybuzz::BufferClusterLevel::MonotoneCharacters);
    buf.guess_segment_properties();
    let rtl = buf.direction() == rustybuzz::Direction::RightToLeft;
    let shaped = rustybuzz::shape(&f.shaper, &[], buf);
    let mut glyphs: Vec<(u32, u16, i32, (i32, i32))> = shaped
        .glyph_infos()
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(i, p)| {
            (
                i.cluster,
                i.glyph_id as u16,
                p.x_advance,
                (p.x_offset, p.y_offset),
            )
        })
        .collect();
    if rtl {
        glyphs.reverse();
    }
    // the text of each cluster: from its start to the next cluster's
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.0 as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = std::collections::BTreeSet::new();
    glyphs
        .into_iter()
        .map(|(cluster, id, advance, (x_offset, y_offset))| {
            let start = cluster as usize;
            let end = starts
                .iter()
                .find(|s| **s > start)
                .copied()
                .unwrap_or(text.len());
            let text = if seen.insert(start) {
                text.get(start..end).unwrap_or_default().to_string()
            } else {
                String::new()
            };
            Glyph {
                id,
                advance,
                x_offset,
                y_offset,
                text,
            }
        })
        .collect()
}

/// The mirrored form of `c` that face `id` draws (UAX #9 L4: `)` for `(`, `⟩` for `⟨`),
/// where it has one: what a right-to-left run in that face shows for `c`.
pub(crate) fn mirrored(id: FaceId, c: char) -> Option<char> {
    unicode_bidi_mirroring::get_mirrored(c).filter(|m| draws(face(id), *m))
}

/// For a shaped glyph of face `id` standing for `text`: the character written and the one
/// shown when the shaper drew it mirrored — a right-to-left run's `(` drawn with the glyph
/// the font maps `)` to (the glyph that also draws `)` unmirrored, so it needs a font
/// instance of its own to read as written). `None` for any other glyph, and for a mirrored
/// form the font keeps as a glyph of its own (its `rtlm` feature: nothing else shares it).
pub(crate) fn mirrored_glyph(id: FaceId, text: &str, gid: u16) -> Option<(char, char)> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let shown = unicode_bidi_mirroring::get_mirrored(c)?;
    let f = &face(id).face;
    let glyph = |c: char| f.glyph_index(c).map(|g| g.0);
    (glyph(shown) == Some(gid) && glyph(c) != Some(gid)).then_some((c, shown))
}

/// Font units of `face` to points at `size`.
pub fn points(id: FaceId, units: i32, size: f64) -> f64 {
    f64::from(units) * size / f64::from(face(id).face.units_per_em())
}

/// Width of `text` in `face` at `size`, in points: the shaped advances where the text needs
/// shaping ([`needs_shaping`]), else the font's advances.
pub fn width(id: FaceId, text: &str, size: f64) -> f64 {
    if needs_shaping(text) {
        let units: i32 = shape(id, text).iter().map(|g| g.advance).sum();
        return points(id, units, size);
    }
    let f = &face(id).face;
    let units: i64 = text
        .chars()
        .map(|c| {
            f.glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .map_or(0, i64::from)
        })
        .sum();
    units as f64 * size / f64::from(f.units_per_em())
}

/// The system's fonts in words, for the error that lists the fonts tried.
pub(crate) fn system_summary() -> String {
    let sys = &system().1;
    let mut families: Vec<&str> = sys.iter().map(|c| c.family.as_str()).collect();
    families.dedup();
    if families.is_empty() {
        return "no system fonts (none found)".to_string();
    }
    let shown: Vec<&str> = families.iter().take(12).copied().collect();
    let more = families.len() - shown.len();
    format!(
        "{} installed ({}{})",
        crate::util::plural(families.len(), "font family"),
        shown.join(", "),
        if more > 0 {
            format!(", and {more} more")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_fonts_are_tried_in_a_sorted_order_not_directory_order() {
        let fb = Fallback::default_ref();
        for style in Style::ALL {
            let order = fb.order(style);
            // family by family in name order; within one, the closest style first
            for w in order.windows(2) {
                assert!(w[0].family <= w[1].family, "{:?} {:?}", w[0], w[1]);
                if w[0].family == w[1].family {
                    assert!(distance(&w[0], style) <= distance(&w[1], style));
                }
            }
        }
    }

    #[test]
    fn a_run_the_bundled_font_lacks_stays_in_one_font() {
        let fb = Fallback::default_ref();
        let bundled = |c: char| c.is_ascii();
        let runs = fb.split(Style::Regular, "ab\u{E0080}\u{E0081}cd", bundled);
        // nobody has these: reported as the bundled font's (the caller names them)
        assert_eq!(
            runs,
            vec![("ab\u{E0080}\u{E0081}cd".to_string(), None)],
            "characters no font has stay with the bundled font"
        );
        // a phrase of one script, spaces included, goes to one face when one has it all
        let runs = fb.split(Style::Regular, "x\u{5BF}\u{5D0}\u{5D1} \u{5D2}y", bundled);
        assert_eq!(runs.first().map(|r| r.0.as_str()), Some("x"));
        assert_eq!(runs.last().map(|r| r.0.as_str()), Some("y"));
        if runs.len() == 3 {
            assert_eq!(runs[1].0, "\u{5BF}\u{5D0}\u{5D1} \u{5D2}");
            let f = face(runs[1].1.unwrap());
            assert!(runs[1].0.chars().all(|c| has(f, c)));
        }
    }

    #[test]
    fn arabic_is_shaped_into_joining_forms_and_keeps_its_text() {
        // needs an installed font with Arabic (scripts.rs checks the export end to end)
        let Some(id) = Fallback::default_ref().first_with(Style::Regular, 'ب') else {
            return;
        };
        let text = "ببب لا";
        let glyphs = shape(id, text);
        let cmap = |c: char| face(id).face.glyph_index(c).map(|g| g.0);
        // the three behs join: initial, medial and final forms, none the isolated glyph
        let beh = cmap('ب');
        assert!(glyphs[..3].iter().all(|g| Some(g.id) != beh), "{glyphs:?}");
        assert_ne!(glyphs[0].id, glyphs[1].id, "{glyphs:?}");
        // every character is accounted for, in logical order (a lam-alef ligature carries
        // both of its characters)
        let back: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(back, text);
        assert!(needs_shaping(text) && !needs_shaping("中文 ✓"));
        // the width measured is the shaped one
        let units: i32 = glyphs.iter().map(|g| g.advance).sum();
        assert!((width(id, text, 12.0) - points(id, units, 12.0)).abs() < 1e-9);
    }

    #[test]
    fn invisible_format_characters_no_font_draws_are_left_out_not_drawn_as_notdef() {
        let fb = Fallback::default_ref();
        let runs = fb.split(Style::Regular, "a\u{FE0F}b\u{200D}c", |c| c.is_ascii());
        let text: String = runs.iter().map(|r| r.0.as_str()).collect();
        for (run, id) in &runs {
            for c in run.chars() {
                match id {
                    Some(f) => assert!(draws(face(*f), c), "{c:?} in {run:?}"),
                    None => assert!(c.is_ascii(), "{c:?} in {run:?}"),
                }
            }
        }
        assert!(
            text.starts_with('a') && text.contains('b') && text.ends_with('c'),
            "{text:?}"
        );
    }

    #[test]
    fn a_language_prefers_the_faces_made_for_it() {
        assert_eq!(Pref::for_language("ko"), Pref::Korean);
        assert_eq!(Pref::for_language("ja-JP"), Pref::Japanese);
        assert_eq!(Pref::for_language("zh"), Pref::Simplified);
        assert_eq!(Pref::for_language("zh-Hans-CN"), Pref::Simplified);
        assert_eq!(Pref::for_language("zh-Hant"), Pref::Traditional);
        assert_eq!(Pref::for_language("zh-TW"), Pref::Traditional);
        assert_eq!(Pref::for_language("zh-HK"), Pref::HongKong);
        assert_eq!(Pref::for_language("en-US"), Pref::None);
        // the family names of Noto, Source Han and others; ranks order, ties keep names
        assert_eq!(rank("Noto Sans CJK KR", '한', Pref::Korean), 0);
        assert_eq!(rank("Source Han Serif K", '한', Pref::Korean), 0);
        assert_eq!(rank("Droid Sans Fallback", '한', Pref::Korean), 2);
        assert_eq!(rank("Noto Sans CJK TC", '皮', Pref::HongKong), 1);
        assert_eq!(rank("Noto Sans CJK HK", '皮', Pref::HongKong), 0);
        // a Latin letter is not ordered by the language
        assert_eq!(rank("Noto Sans CJK KR", 'a', Pref::Korean), 0);
        assert_eq!(rank("Droid Sans Fallback", 'a', Pref::Korean), 0);
        // symbols: a symbol font first, a mathematical one last
        assert_eq!(rank("Noto Sans Symbols2", '✓', Pref::None), 0);
        assert_eq!(rank("DejaVu Sans", '✓', Pref::None), 1);
        assert_eq!(rank("DejaVu Math TeX Gyre", '✓', Pref::None), 2);
    }

    #[test]
    fn dingbat_and_symbol_faces_are_known_by_name_or_by_the_list() {
        // named for what they are
        for family in [
            "Noto Sans Symbols2",
            "Standard Symbols PS",
            "ITC Zapf Dingbats",
        ] {
            assert!(symbol_family(family), "{family}");
        }
        // named otherwise, known from assets/fonts/symbol-families.txt (any case)
        for family in [
            "D050000L",
            "d050000l",
            "Wingdings",
            "Wingdings 3",
            "Webdings",
        ] {
            assert!(symbol_family(family), "{family}");
            assert_eq!(rank(family, '✓', Pref::None), 0, "{family}");
        }
        // text faces are not; a listed name is matched whole, not as a part
        for family in [
            "DejaVu Sans",
            "C059",
            "Z003",
            "D050000L Text",
            "Wingdings Pro",
        ] {
            assert!(!symbol_family(family), "{family}");
            assert_eq!(rank(family, '✓', Pref::None), 1, "{family}");
        }
        // the order a check mark tries the families: the dingbat face before a text face
        // that sorts before it by name, and a mathematical one last
        let mut families = vec!["DejaVu Math TeX Gyre", "C059", "D050000L", "Arial"];
        families.sort_by_key(|f| rank(f, '✓', Pref::None));
        assert_eq!(
            families,
            ["D050000L", "C059", "Arial", "DejaVu Math TeX Gyre"]
        );
        // the list is read as data: every entry is a name, none is blank or a comment
        assert!(symbol_families().len() >= 5);
        assert!(
            symbol_families()
                .iter()
                .all(|f| !f.is_empty() && !f.starts_with('#'))
        );
    }
}

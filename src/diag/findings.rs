//! A compact store of many findings: what a report holds between the rules and the renderers.
//!
//! A [`Diagnostic`] is the shape rules build and renderers read (owned `String`s, `usize`
//! locations: 240 bytes inline plus a heap block per string, ~600 bytes for a spelling finding
//! with a fix). [`Findings`] keeps the same information packed: every string once in one text
//! arena (equal strings — the file name, a unit's JSON Pointer, a rule's label, a repeated
//! message — share their bytes), locations as 32-bit numbers, and the rare parts (notes,
//! suggestions, fix, related places) in one side list. [`Findings::get`] and
//! [`Findings::iter`] give back the exact [`Diagnostic`] that was pushed, so every report
//! format prints the same bytes.

use super::{Code, Diagnostic, Fix, FixTarget, Location, Related, Severity};
use std::cmp::Ordering;

/// A string in the arena: `len` bytes from `start`. `len == BIG` names an entry of the
/// overflow list instead (only when the arena would pass 4 GiB); [`Str::NONE`] is no string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Str {
    start: u32,
    len: u32,
}

const BIG: u32 = u32::MAX;

/// The string a key names: a span of the arena `text`, or an entry of the overflow list `big`
/// (`len == BIG`). A free function so the index's hash and equality closures, which borrow the
/// arena while the index is borrowed mutably, read keys the same way as [`Findings::str`].
fn resolve<'a>(text: &'a str, big: &'a [Box<str>], k: Str) -> &'a str {
    if k.len == BIG {
        &big[k.start as usize]
    } else {
        &text[k.start as usize..(k.start + k.len) as usize]
    }
}

impl Str {
    const NONE: Str = Str {
        start: u32::MAX,
        len: 0,
    };
}

/// A [`Location`] in 32-bit numbers. A location with a number that does not fit (never for
/// inputs under the 64 MiB cap) is kept whole in the overflow list: `end == BIG`, `start`
/// its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Loc {
    start: u32,
    end: u32,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

/// One of a finding's rare parts, in the order notes, suggestions, fix, related.
#[derive(Debug, Clone, Copy)]
enum Part {
    Note(Str),
    Suggestion(Str),
    /// A fix; `target` is [`Str::NONE`] when it has no target (then `t_start`/`t_end` are 0).
    Fix {
        loc: Loc,
        replacement: Str,
        target: Str,
        t_start: u32,
        t_end: u32,
    },
    Related {
        file: Str,
        loc: Loc,
        message: Str,
    },
}

/// One packed finding.
#[derive(Debug, Clone, Copy)]
struct Packed {
    /// Valid when `has_location`.
    loc: Loc,
    file: Str,
    message: Str,
    pointer: Str,
    label: Str,
    /// Its parts: `parts[first..first + count]`.
    first: u32,
    count: u32,
    severity: Severity,
    code: Code,
    has_location: bool,
}

/// Many findings, packed (see the module documentation). Keeps the order they were pushed
/// in until [`Findings::sort`].
#[derive(Debug, Clone, Default)]
pub struct Findings {
    items: Vec<Packed>,
    parts: Vec<Part>,
    text: String,
    /// Arena strings by content, to store each distinct string once.
    index: hashbrown::HashTable<Str>,
    /// Strings past the 4 GiB arena, and locations past 32 bits.
    big_strs: Vec<Box<str>>,
    big_locs: Vec<Location>,
}

fn hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(s)
}

/// `s` holds `v` (its buffer reused).
fn set(s: &mut String, v: &str) {
    s.clear();
    s.push_str(v);
}

fn set_opt(s: &mut Option<String>, v: Option<&str>) {
    match (s.as_mut(), v) {
        (Some(s), Some(v)) => set(s, v),
        (_, v) => *s = v.map(str::to_string),
    }
}

/// `list` holds `items` (its strings reused).
fn set_list<'a>(list: &mut Vec<String>, items: impl Iterator<Item = &'a str>) {
    let mut n = 0;
    for item in items {
        match list.get_mut(n) {
            Some(s) => set(s, item),
            None => list.push(item.to_string()),
        }
        n += 1;
    }
    list.truncate(n);
}

fn narrow(n: usize) -> Option<u32> {
    u32::try_from(n).ok().filter(|&n| n != BIG)
}

impl Findings {
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of findings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn str(&self, s: Str) -> &str {
        resolve(&self.text, &self.big_strs, s)
    }

    fn opt_str(&self, s: Str) -> Option<&str> {
        (s != Str::NONE).then(|| self.str(s))
    }

    fn intern(&mut self, s: &str) -> Str {
        let h = hash(s);
        let text = &self.text;
        let big = &self.big_strs;
        let found = self.index.find(h, |k| resolve(text, big, *k) == s);
        if let Some(k) = found {
            return *k;
        }
        let key = match (narrow(self.text.len()), narrow(self.text.len() + s.len())) {
            (Some(start), Some(_)) => {
                self.text.push_str(s);
                Str {
                    start,
                    len: s.len() as u32,
                }
            }
            _ => {
                self.big_strs.push(s.into());
                Str {
                    start: u32::try_from(self.big_strs.len() - 1).unwrap_or(u32::MAX - 1),
                    len: BIG,
                }
            }
        };
        let (text, big) = (&self.text, &self.big_strs);
        self.index
            .insert_unique(h, key, |k| hash(resolve(text, big, *k)));
        key
    }

    fn opt_intern(&mut self, s: Option<&str>) -> Str {
        s.map_or(Str::NONE, |s| self.intern(s))
    }

    fn pack_loc(&mut self, l: &Location) -> Loc {
        let all = [l.start, l.end, l.line, l.column, l.end_line, l.end_column].map(narrow);
        if let [
            Some(start),
            Some(end),
            Some(line),
            Some(column),
            Some(end_line),
            Some(end_column),
        ] = all
        {
            Loc {
                start,
                end,
                line,
                column,
                end_line,
                end_column,
            }
        } else {
            self.big_locs.push(*l);
            Loc {
                start: (self.big_locs.len() - 1) as u32,
                end: BIG,
                line: 0,
                column: 0,
                end_line: 0,
                end_column: 0,
            }
        }
    }

    fn loc(&self, l: Loc) -> Location {
        if l.end == BIG {
            self.big_locs[l.start as usize]
        } else {
            Location {
                start: l.start as usize,
                end: l.end as usize,
                line: l.line as usize,
                column: l.column as usize,
                end_line: l.end_line as usize,
                end_column: l.end_column as usize,
            }
        }
    }

    /// Add one finding at the end.
    pub fn push(&mut self, d: Diagnostic) {
        let first = self.parts.len();
        for n in &d.notes {
            let s = self.intern(n);
            self.parts.push(Part::Note(s));
        }
        for n in &d.suggestions {
            let s = self.intern(n);
            self.parts.push(Part::Suggestion(s));
        }
        if let Some(f) = &d.fix {
            let loc = self.pack_loc(&f.location);
            let replacement = self.intern(&f.replacement);
            let (target, t_start, t_end) = match &f.target {
                Some(t) => {
                    let p = self.intern(&t.pointer);
                    match (narrow(t.start), narrow(t.end)) {
                        (Some(s), Some(e)) => (p, s, e),
                        // past 32 bits (never under the input cap): kept whole
                        _ => {
                            self.big_locs.push(Location {
                                start: t.start,
                                end: t.end,
                                line: 0,
                                column: 0,
                                end_line: 0,
                                end_column: 0,
                            });
                            (p, (self.big_locs.len() - 1) as u32, BIG)
                        }
                    }
                }
                None => (Str::NONE, 0, 0),
            };
            self.parts.push(Part::Fix {
                loc,
                replacement,
                target,
                t_start,
                t_end,
            });
        }
        for r in &d.related {
            let file = self.intern(&r.file);
            let loc = self.pack_loc(&r.location);
            let message = self.intern(&r.message);
            self.parts.push(Part::Related { file, loc, message });
        }
        let (loc, has_location) = match &d.location {
            Some(l) => (self.pack_loc(l), true),
            None => (
                Loc {
                    start: 0,
                    end: 0,
                    line: 0,
                    column: 0,
                    end_line: 0,
                    end_column: 0,
                },
                false,
            ),
        };
        let packed = Packed {
            loc,
            file: self.intern(&d.file),
            message: self.intern(&d.message),
            pointer: self.opt_intern(d.pointer.as_deref()),
            label: self.opt_intern(d.label.as_deref()),
            first: first as u32,
            count: (self.parts.len() - first) as u32,
            severity: d.severity,
            code: d.code,
            has_location,
        };
        self.items.push(packed);
    }

    /// Add every finding of `diags`, in order.
    pub fn extend(&mut self, diags: impl IntoIterator<Item = Diagnostic>) {
        for d in diags {
            self.push(d);
        }
    }

    /// Move every finding of `other` to the end of this store.
    pub fn append(&mut self, other: Findings) {
        if self.is_empty() && self.parts.is_empty() {
            *self = other;
            return;
        }
        self.items.reserve(other.len());
        self.parts.reserve(other.parts.len());
        // re-interned from the other arena: no finding is unpacked
        for p in &other.items {
            let first = self.parts.len();
            for part in other.parts_of(p) {
                let part = match *part {
                    Part::Note(s) => Part::Note(self.restr(&other, s)),
                    Part::Suggestion(s) => Part::Suggestion(self.restr(&other, s)),
                    Part::Fix {
                        loc,
                        replacement,
                        target,
                        t_start,
                        t_end,
                    } => {
                        let (t_start, t_end) = if t_end == BIG {
                            self.big_locs.push(other.big_locs[t_start as usize]);
                            ((self.big_locs.len() - 1) as u32, BIG)
                        } else {
                            (t_start, t_end)
                        };
                        Part::Fix {
                            loc: self.reloc(&other, loc),
                            replacement: self.restr(&other, replacement),
                            target: self.restr(&other, target),
                            t_start,
                            t_end,
                        }
                    }
                    Part::Related { file, loc, message } => Part::Related {
                        file: self.restr(&other, file),
                        loc: self.reloc(&other, loc),
                        message: self.restr(&other, message),
                    },
                };
                self.parts.push(part);
            }
            let packed = Packed {
                loc: if p.has_location {
                    self.reloc(&other, p.loc)
                } else {
                    p.loc
                },
                file: self.restr(&other, p.file),
                message: self.restr(&other, p.message),
                pointer: self.restr(&other, p.pointer),
                label: self.restr(&other, p.label),
                first: first as u32,
                count: (self.parts.len() - first) as u32,
                ..*p
            };
            self.items.push(packed);
        }
    }

    /// String `s` of `other`, interned here.
    fn restr(&mut self, other: &Findings, s: Str) -> Str {
        other.opt_str(s).map_or(Str::NONE, |s| self.intern(s))
    }

    /// Location `l` of `other`, here.
    fn reloc(&mut self, other: &Findings, l: Loc) -> Loc {
        if l.end == BIG {
            self.pack_loc(&other.big_locs[l.start as usize])
        } else {
            l
        }
    }

    /// Finding `i` as the [`Diagnostic`] that was pushed. Panics when `i` is out of range.
    pub fn get(&self, i: usize) -> Diagnostic {
        let mut d = Diagnostic::new(Severity::Note, Code::Io, "", "");
        self.get_into(i, &mut d);
        // the builder's sizes: a first note or related place has room for one
        d.notes.shrink_to_fit();
        d.suggestions.shrink_to_fit();
        d.related.shrink_to_fit();
        d
    }

    /// Finding `i` written over `d`, reusing `d`'s strings and vectors (no allocation once
    /// they have grown to fit). Panics when `i` is out of range.
    pub fn get_into(&self, i: usize, d: &mut Diagnostic) {
        let p = &self.items[i];
        d.severity = p.severity;
        d.code = p.code;
        set(&mut d.message, self.str(p.message));
        set(&mut d.file, self.str(p.file));
        d.location = p.has_location.then(|| self.loc(p.loc));
        set_opt(&mut d.pointer, self.opt_str(p.pointer));
        set_opt(&mut d.label, self.opt_str(p.label));
        let parts = self.parts_of(p);
        set_list(
            &mut d.notes,
            parts.iter().filter_map(|part| match *part {
                Part::Note(s) => Some(self.str(s)),
                _ => None,
            }),
        );
        set_list(
            &mut d.suggestions,
            parts.iter().filter_map(|part| match *part {
                Part::Suggestion(s) => Some(self.str(s)),
                _ => None,
            }),
        );
        self.fix_into(parts, &mut d.fix);
        self.related_into(parts, &mut d.related);
    }

    /// The fix among `parts` written over `fix` (its buffers reused).
    fn fix_into(&self, parts: &[Part], fix: &mut Option<Box<Fix>>) {
        let found = parts.iter().find_map(|part| match *part {
            Part::Fix {
                loc,
                replacement,
                target,
                t_start,
                t_end,
            } => Some((loc, replacement, target, t_start, t_end)),
            _ => None,
        });
        match found {
            Some((loc, replacement, target, t_start, t_end)) => {
                let f = fix.get_or_insert_with(|| {
                    Box::new(Fix {
                        location: self.loc(loc),
                        replacement: String::new(),
                        target: None,
                    })
                });
                f.location = self.loc(loc);
                set(&mut f.replacement, self.str(replacement));
                match self.opt_str(target) {
                    Some(pointer) => {
                        let (start, end) = if t_end == BIG {
                            let l = self.big_locs[t_start as usize];
                            (l.start, l.end)
                        } else {
                            (t_start as usize, t_end as usize)
                        };
                        let t = f.target.get_or_insert_with(|| FixTarget {
                            pointer: String::new(),
                            start,
                            end,
                        });
                        set(&mut t.pointer, pointer);
                        t.start = start;
                        t.end = end;
                    }
                    None => f.target = None,
                }
            }
            None => *fix = None,
        }
    }

    /// The related places among `parts` written over `related` (their buffers reused).
    fn related_into(&self, parts: &[Part], related: &mut Vec<Related>) {
        let mut n = 0;
        for part in parts {
            if let Part::Related { file, loc, message } = *part {
                if let Some(r) = related.get_mut(n) {
                    set(&mut r.file, self.str(file));
                    r.location = self.loc(loc);
                    set(&mut r.message, self.str(message));
                } else {
                    related.push(Related {
                        file: self.str(file).to_string(),
                        location: self.loc(loc),
                        message: self.str(message).to_string(),
                    });
                }
                n += 1;
            }
        }
        related.truncate(n);
    }

    /// Call `f` with every finding in order, each unpacked into one reused [`Diagnostic`]
    /// (what the renderers use: no allocation per finding once its strings have grown).
    /// Stops at the first error.
    pub fn each<E>(&self, mut f: impl FnMut(&Diagnostic) -> Result<(), E>) -> Result<(), E> {
        let mut d = Diagnostic::new(Severity::Note, Code::Io, "", "");
        for i in 0..self.len() {
            self.get_into(i, &mut d);
            f(&d)?;
        }
        Ok(())
    }

    fn parts_of(&self, p: &Packed) -> &[Part] {
        &self.parts[p.first as usize..(p.first + p.count) as usize]
    }

    /// Every finding, in order, each unpacked when it is reached (one at a time).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Diagnostic> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// All findings unpacked.
    pub fn to_vec(&self) -> Vec<Diagnostic> {
        self.iter().collect()
    }

    /// Severity of finding `i` (without unpacking it).
    pub fn severity(&self, i: usize) -> Severity {
        self.items[i].severity
    }

    /// Code of finding `i` (without unpacking it).
    pub fn code(&self, i: usize) -> Code {
        self.items[i].code
    }

    /// File of finding `i` (without unpacking it).
    pub fn file(&self, i: usize) -> &str {
        self.str(self.items[i].file)
    }

    /// Location of finding `i` (without unpacking it).
    pub fn location(&self, i: usize) -> Option<Location> {
        let p = &self.items[i];
        p.has_location.then(|| self.loc(p.loc))
    }

    /// Whether finding `i` has a fix (without unpacking it).
    pub fn has_fix(&self, i: usize) -> bool {
        self.parts_of(&self.items[i])
            .iter()
            .any(|p| matches!(p, Part::Fix { .. }))
    }

    /// The files finding `i` names: its own, then each related place's.
    pub fn files(&self, i: usize) -> impl Iterator<Item = &str> {
        let p = &self.items[i];
        std::iter::once(self.str(p.file)).chain(self.parts_of(p).iter().filter_map(|part| {
            match *part {
                Part::Related { file, .. } => Some(self.str(file)),
                _ => None,
            }
        }))
    }

    /// Every finding's severity, in order.
    pub fn severities(&self) -> impl Iterator<Item = Severity> + '_ {
        self.items.iter().map(|p| p.severity)
    }

    /// The findings `keep` says yes to (given the index), in a new store.
    pub fn filtered(&self, mut keep: impl FnMut(usize) -> bool) -> Findings {
        (0..self.len())
            .filter(|&i| keep(i))
            .map(|i| self.get(i))
            .collect()
    }

    /// Keep only the findings `keep` (given the unpacked finding) says yes to. Parts and
    /// strings of the dropped ones stay in the arena until the store is rebuilt.
    pub fn retain(&mut self, mut keep: impl FnMut(&Diagnostic) -> bool) {
        let flags: Vec<bool> = (0..self.len()).map(|i| keep(&self.get(i))).collect();
        let mut flag = flags.into_iter();
        self.items.retain(|_| flag.next().unwrap_or(false));
    }

    /// Sort into the report order ([`Diagnostic::order`]) and give back spare capacity.
    pub fn sort(&mut self) {
        let mut items = std::mem::take(&mut self.items);
        items.sort_unstable_by(|a, b| self.order(a, b));
        self.items = items;
        self.shrink_to_fit();
    }

    /// No spare capacity (a report keeps its findings until it is printed).
    pub fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
        self.parts.shrink_to_fit();
        self.text.shrink_to_fit();
        let (text, big) = (&self.text, &self.big_strs);
        self.index.shrink_to_fit(|k| hash(resolve(text, big, *k)));
    }

    /// [`Diagnostic::order`] on packed findings: the same comparisons on the same values.
    fn order(&self, a: &Packed, b: &Packed) -> Ordering {
        let span = |p: &Packed| {
            if p.has_location {
                let l = self.loc(p.loc);
                (l.start, l.end)
            } else {
                (0, 0)
            }
        };
        (self.str(a.file), span(a), a.code, self.str(a.message))
            .cmp(&(self.str(b.file), span(b), b.code, self.str(b.message)))
            .then_with(|| self.rest(a).cmp(&self.rest(b)))
    }

    #[allow(clippy::type_complexity)]
    fn rest(
        &self,
        p: &Packed,
    ) -> (
        Severity,
        Option<&str>,
        Option<&str>,
        Vec<&str>,
        Vec<&str>,
        Option<(usize, usize, &str)>,
        Vec<(&str, usize, usize, &str)>,
    ) {
        let (mut notes, mut suggestions, mut fix, mut related) =
            (Vec::new(), Vec::new(), None, Vec::new());
        for part in self.parts_of(p) {
            match *part {
                Part::Note(s) => notes.push(self.str(s)),
                Part::Suggestion(s) => suggestions.push(self.str(s)),
                Part::Fix {
                    loc, replacement, ..
                } => {
                    let l = self.loc(loc);
                    fix = Some((l.start, l.end, self.str(replacement)));
                }
                Part::Related { file, loc, message } => {
                    let l = self.loc(loc);
                    related.push((self.str(file), l.start, l.end, self.str(message)));
                }
            }
        }
        (
            p.severity,
            self.opt_str(p.pointer),
            self.opt_str(p.label),
            notes,
            suggestions,
            fix,
            related,
        )
    }

    /// Bytes this store holds: its vectors' capacity, the arena, the string index and the
    /// overflow lists (what [`Findings`] costs per finding; measured by the tests).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.items.capacity() * size_of::<Packed>()
            + self.parts.capacity() * size_of::<Part>()
            + self.text.capacity()
            + self.index.capacity() * (size_of::<Str>() + 1)
            + self.big_strs.capacity() * size_of::<Box<str>>()
            + self.big_strs.iter().map(|s| s.len()).sum::<usize>()
            + self.big_locs.capacity() * size_of::<Location>()
    }
}

impl From<Vec<Diagnostic>> for Findings {
    fn from(diags: Vec<Diagnostic>) -> Self {
        let mut f = Findings::new();
        f.items.reserve_exact(diags.len());
        f.extend(diags);
        f
    }
}

impl FromIterator<Diagnostic> for Findings {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        let mut f = Findings::new();
        f.extend(iter);
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::{guide, lint_str, section};

    /// The bench's findings guide in small (benches/guidepress.rs `findings_guide`): ten
    /// paragraphs a section, each with two misspellings and a repeated word.
    fn findings_guide(sections: usize) -> String {
        let mut s = String::new();
        for i in 0..sections {
            let mut blocks = String::new();
            for j in 0..10 {
                blocks.push_str(&format!(
                    "      - paragraph: Teh skin heals the the wound {i} {j} and recieve care from a clinician today.\n"
                ));
            }
            s.push_str(&section(
                &format!("s{i}"),
                &format!("Section number {i}"),
                &blocks,
            ));
        }
        guide("health: true\n", &s)
    }

    /// Findings of every shape: notes, suggestions, fixes with and without a target,
    /// related places, no location, numbers past 32 bits, several files, empty strings.
    fn shapes() -> Vec<Diagnostic> {
        let at = |start: usize| Location {
            start,
            end: start + 3,
            line: 2,
            column: start + 1,
            end_line: 2,
            end_column: start + 4,
        };
        let huge = Location {
            start: 5_000_000_000,
            end: 5_000_000_003,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 4,
        };
        let base = Diagnostic::new(Severity::Error, Code::Spelling, "g.yaml", "unknown word")
            .at(Some(at(4)));
        let mut with_fix = base.clone().pointer("/sections/0").label("did you mean");
        with_fix.suggestions = vec!["word".into(), "ward".into(), String::new()];
        with_fix.fix = Some(Box::new(Fix {
            location: at(4),
            replacement: "word".into(),
            target: Some(FixTarget {
                pointer: "/sections/0".into(),
                start: 1,
                end: 4,
            }),
        }));
        let mut untargeted = base.clone();
        untargeted.fix = Some(Box::new(Fix {
            location: huge,
            replacement: String::new(),
            target: Some(FixTarget {
                pointer: String::new(),
                start: 5_000_000_000,
                end: usize::MAX,
            }),
        }));
        let mut no_target = base.clone();
        no_target.fix = Some(Box::new(Fix {
            location: at(0),
            replacement: "x".into(),
            target: None,
        }));
        vec![
            base.clone().note("help: one").note("help: two"),
            base.clone()
                .related("other.yaml", at(1), "first here")
                .related("g.yaml", huge, ""),
            with_fix,
            untargeted,
            no_target,
            Diagnostic::new(Severity::Note, Code::Io, "", "").pointer(""),
            base.clone().at(Some(huge)).label(""),
            base.clone().at(None),
            Diagnostic::new(Severity::Warning, Code::Schema, "c.yaml", "é ünïcode 🙂"),
        ]
    }

    #[test]
    fn a_packed_finding_unpacks_to_the_one_pushed() {
        let mut all = shapes();
        all.extend(lint_str(&findings_guide(3)));
        let held = Findings::from(all.clone());
        assert_eq!(held.len(), all.len());
        assert_eq!(held.to_vec(), all);
        for (i, d) in all.iter().enumerate() {
            assert_eq!(held.get(i), *d, "{i}");
            assert_eq!(held.severity(i), d.severity);
            assert_eq!(held.code(i), d.code);
            assert_eq!(held.file(i), d.file);
        }
        // one reused Diagnostic, filled in an order that shrinks and grows every part
        let mut scratch = Diagnostic::new(Severity::Note, Code::Io, "x", "y");
        for i in (0..all.len()).rev().chain(0..all.len()) {
            held.get_into(i, &mut scratch);
            assert_eq!(scratch, all[i], "{i}");
        }
        let mut seen = Vec::new();
        held.each(|d| {
            seen.push(d.clone());
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(seen, all);
        // appending keeps both halves
        let (a, b) = all.split_at(4);
        let mut joined = Findings::from(a.to_vec());
        joined.append(Findings::from(b.to_vec()));
        assert_eq!(joined.to_vec(), all);
    }

    /// Sorting the packed findings gives the order of [`Diagnostic::order`] from any start.
    #[test]
    fn packed_findings_sort_in_the_report_order() {
        let mut all = shapes();
        all.extend(shapes().into_iter().map(|mut d| {
            d.severity = Severity::Warning;
            d
        }));
        all.extend(lint_str(&findings_guide(4)));
        let mut expected = all.clone();
        expected.sort_by(Diagnostic::order);
        for k in [0, 1, 7, all.len() / 2] {
            let mut rotated = all.clone();
            rotated.rotate_left(k);
            rotated.reverse();
            let mut held = Findings::from(rotated);
            held.sort();
            assert_eq!(held.to_vec(), expected, "rotated by {k}");
        }
        let mut kept = Findings::from(expected.clone());
        kept.retain(|d| d.code != Code::Misspelling);
        let want: Vec<Diagnostic> = expected
            .into_iter()
            .filter(|d| d.code != Code::Misspelling)
            .collect();
        assert_eq!(kept.to_vec(), want);
    }

    /// What the same findings cost as `Diagnostic`s: the struct plus every string's and
    /// vector's bytes (capacity), before allocator overhead.
    fn diagnostic_bytes(d: &Diagnostic) -> usize {
        use std::mem::size_of;
        let s = |s: &String| s.capacity();
        size_of::<Diagnostic>()
            + s(&d.message)
            + s(&d.file)
            + d.pointer.as_ref().map_or(0, s)
            + d.label.as_ref().map_or(0, s)
            + d.notes.capacity() * size_of::<String>()
            + d.notes.iter().map(s).sum::<usize>()
            + d.suggestions.capacity() * size_of::<String>()
            + d.suggestions.iter().map(s).sum::<usize>()
            + d.fix.as_ref().map_or(0, |f| {
                size_of::<Fix>()
                    + s(&f.replacement)
                    + f.target.as_ref().map_or(0, |t| s(&t.pointer))
            })
            + d.related.capacity() * size_of::<Related>()
            + d.related
                .iter()
                .map(|r| s(&r.file) + s(&r.message))
                .sum::<usize>()
    }

    /// Issue 29's memory goal: at most 300 bytes held per finding. The bench's findings guide
    /// in small (31 findings a section) as the linter hands it on, packed; the same findings
    /// as `Diagnostic`s cost about 550 bytes each before the allocator's own overhead.
    #[test]
    fn a_held_finding_costs_at_most_300_bytes() {
        let diags = lint_str(&findings_guide(40));
        assert!(diags.len() > 1_000, "{}", diags.len());
        let as_diagnostics: usize = diags.iter().map(diagnostic_bytes).sum();
        let n = diags.len();
        let mut held = Findings::from(diags);
        held.sort();
        let per = held.heap_bytes() as f64 / n as f64;
        let before = as_diagnostics as f64 / n as f64;
        eprintln!(
            "findings guide, findings held: {n}; {per:.0} B each packed, {before:.0} B as Diagnostics"
        );
        assert!(per <= 300.0, "{per:.0} bytes per finding");
        assert!(per * 2.0 < before, "{per:.0} vs {before:.0}");
    }

    /// The same measure on real guides (tests/corpus/guides: spelling with suggestions,
    /// missing sections with notes, repeated passages with related places).
    #[test]
    fn corpus_findings_held_cost_at_most_300_bytes_each() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/guides");
        let lexicon = crate::lint::Lexicon::new(&[]);
        let settings = crate::settings::Settings::default();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        let mut diags = Vec::new();
        for f in files {
            let o = crate::validate::validate_path(&f);
            diags.extend(o.diagnostics);
            if let Some(doc) = o.document {
                diags.extend(crate::lint::lint(&doc, &settings, &lexicon));
            }
        }
        assert!(diags.len() > 300, "{}", diags.len());
        let n = diags.len();
        let as_diagnostics: usize = diags.iter().map(diagnostic_bytes).sum();
        let mut held = Findings::from(diags);
        held.sort();
        let per = held.heap_bytes() as f64 / n as f64;
        let before = as_diagnostics as f64 / n as f64;
        eprintln!(
            "corpus, findings held: {n}; {per:.0} B each packed, {before:.0} B as Diagnostics"
        );
        assert!(per <= 300.0, "{per:.0} bytes per finding");
    }
}

//! `lint --fix` in the library: apply lint fixes so that the parsed guide changes exactly
//! where intended, re-lint to a fixpoint, and write the files safely.
//!
//! Every round re-parses the edited text and compares it with the value it should have
//! (the old value with only the fixed spans replaced). An edit that would change the YAML
//! structure (a `'` inside a single-quoted scalar, a `*` or `#` in a plain one) is retried
//! with the scalar re-quoted as a double-quoted string; when that is not possible either,
//! the fix is declined and the finding says why. Writes go through symlinks to their
//! target, keep the file mode, refuse read-only files and commit all files or none.

use crate::diag::{Diagnostic, Fix};
use crate::export::commit::{Staged, commit_all};
use crate::lint::Lexicon;
use crate::load::{Node, NodeKind, ScalarStyle, SourceFile};
use crate::project::Error;
use crate::settings::Settings;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Rounds of fix → re-lint before giving up on reaching a fixpoint.
const MAX_ROUNDS: usize = 8;

/// The result of fixing one file in memory.
pub struct FileFix {
    /// The text as read (without BOM).
    pub original: Arc<SourceFile>,
    /// The fixed text (without BOM), as a source for snippets.
    pub fixed: Arc<SourceFile>,
    /// Fixes applied, over all rounds.
    pub applied: usize,
    /// Findings left in the fixed text (declined fixes carry a note saying why).
    pub remaining: Vec<Diagnostic>,
}

impl FileFix {
    pub fn changed(&self) -> bool {
        self.original.text != self.fixed.text
    }
}

/// Why a fix was not applied.
const DECLINED: &str = "note: not fixed automatically: the replacement would change the YAML structure here; edit it by hand";

type Key = (String, usize, usize, String);

fn key(f: &Fix) -> Option<Key> {
    let t = f.target.as_ref()?;
    Some((t.pointer.clone(), t.start, t.end, f.replacement.clone()))
}

/// Lint `source` and apply its fixes until none is left (or [`MAX_ROUNDS`]).
pub fn fix_source(source: Arc<SourceFile>, settings: &Settings, lexicon: &Lexicon) -> FileFix {
    let mut text = source.text.clone();
    let mut applied = 0;
    let mut declined: HashSet<Key> = HashSet::new();
    let mut remaining = Vec::new();
    for round in 0..=MAX_ROUNDS {
        let current = SourceFile::new(source.name.clone(), text.clone(), source.had_bom);
        let outcome = crate::validate::validate_source(current);
        let Some(doc) = outcome.document else {
            // cannot happen for a fixed text (each round is proven to parse to a valid
            // value), but never lose the findings
            remaining = outcome.diagnostics;
            break;
        };
        let mut diags = crate::lint::lint(&doc, settings, lexicon);
        let mut fixes: Vec<Fix> = Vec::new();
        for d in &mut diags {
            let Some(f) = &d.fix else { continue };
            match key(f) {
                Some(k) if !declined.contains(&k) => fixes.push(Fix::clone(f)),
                _ => {
                    d.fix = None;
                    d.notes.push(DECLINED.to_string());
                }
            }
        }
        if fixes.is_empty() || round == MAX_ROUNDS {
            remaining = diags;
            break;
        }
        let (new_text, done, refused) = apply_checked(&text, &doc.root, fixes);
        applied += done;
        declined.extend(refused);
        if new_text == text && done == 0 {
            // every fix was declined: report them from this round
            for d in &mut diags {
                if d.fix
                    .as_ref()
                    .and_then(|f| key(f))
                    .is_some_and(|k| declined.contains(&k))
                {
                    d.fix = None;
                    d.notes.push(DECLINED.to_string());
                }
            }
            remaining = diags;
            break;
        }
        text = new_text;
    }
    FileFix {
        fixed: Arc::new(SourceFile::new(source.name.clone(), text, source.had_bom)),
        original: source,
        applied,
        remaining,
    }
}

/// Apply one fix to `text` (whose parse is `root`) with the same proof as `--fix`: the
/// result parses to the old value with only the fixed span changed (re-quoting the scalar
/// when a direct edit would not). `None` when the fix cannot be applied safely.
pub fn apply_one(text: &str, root: &Node, fix: &Fix) -> Option<String> {
    let (new, done, _) = apply_checked(text, root, vec![fix.clone()]);
    (done == 1).then_some(new)
}

/// Apply non-overlapping fixes to `text` (whose parse is `root`), each group of fixes in
/// one scalar proven by re-parsing. Returns the new text, the number applied and the keys
/// of the fixes declined.
fn apply_checked(text: &str, root: &Node, mut fixes: Vec<Fix>) -> (String, usize, Vec<Key>) {
    fixes.sort_by_key(|f| (f.location.start, f.location.end));
    // drop overlapping fixes (the next round picks them up)
    let mut kept: Vec<Fix> = Vec::new();
    for f in fixes {
        if kept
            .last()
            .is_none_or(|p| f.location.start >= p.location.end)
            && f.location.end <= text.len()
        {
            kept.push(f);
        }
    }
    let base = root.to_json();
    // group by the scalar they edit
    let mut groups: BTreeMap<String, Vec<Fix>> = BTreeMap::new();
    for f in kept {
        if let Some(t) = &f.target {
            groups.entry(t.pointer.clone()).or_default().push(f);
        }
    }
    let mut planned: Vec<Group> = groups
        .into_iter()
        .filter_map(|(pointer, fixes)| Group::new(&base, root, pointer, fixes))
        .collect();
    // fast path: every group as a direct byte edit, proven by one parse
    let all_direct: Vec<Edit> = planned.iter().flat_map(|g| g.direct.clone()).collect();
    let mut expected = base.clone();
    for g in &planned {
        g.set(&mut expected);
    }
    let candidate = edit(text, &all_direct);
    if parses_to(&candidate, &expected) {
        let n = planned.iter().map(|g| g.fixes.len()).sum();
        return (candidate, n, Vec::new());
    }
    // slow path: group by group, from the end of the file so earlier spans stay valid
    planned.sort_by_key(|g| std::cmp::Reverse(g.node_start));
    let mut text = text.to_string();
    let mut value = base;
    let mut done = 0;
    let mut refused = Vec::new();
    for g in planned {
        let mut want = value.clone();
        g.set(&mut want);
        let mut ok = None;
        for edits in [Some(g.direct.clone()), g.requoted.clone().map(|e| vec![e])]
            .into_iter()
            .flatten()
        {
            let t = edit(&text, &edits);
            if parses_to(&t, &want) {
                ok = Some(t);
                break;
            }
        }
        match ok {
            Some(t) => {
                text = t;
                value = want;
                done += g.fixes.len();
            }
            None => refused.extend(g.fixes.iter().filter_map(key)),
        }
    }
    (text, done, refused)
}

/// A byte-range replacement in the source text.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Apply sorted, non-overlapping edits.
fn edit(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.start);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in sorted {
        if e.start < pos || e.end > text.len() {
            continue;
        }
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.text);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The fixes of one scalar: as direct edits, and as a re-quoted scalar.
struct Group {
    pointer: String,
    fixes: Vec<Fix>,
    intended: String,
    node_start: usize,
    direct: Vec<Edit>,
    requoted: Option<Edit>,
}

impl Group {
    fn new(base: &Value, root: &Node, pointer: String, fixes: Vec<Fix>) -> Option<Group> {
        let old = base.pointer(&pointer)?.as_str()?;
        let (node, _, found) = root.walk_pointer(&pointer);
        if !found {
            return None;
        }
        // the intended value: the old one with each target span replaced (one pass)
        let mut targets: Vec<&Fix> = fixes.iter().collect();
        targets.sort_by_key(|f| f.target.as_ref().map_or(0, |t| t.start));
        let mut intended = String::with_capacity(old.len());
        let mut pos = 0;
        for f in &targets {
            let t = f.target.as_ref()?;
            if t.start < pos
                || t.end > old.len()
                || !old.is_char_boundary(t.start)
                || !old.is_char_boundary(t.end)
            {
                return None;
            }
            intended.push_str(&old[pos..t.start]);
            intended.push_str(&f.replacement);
            pos = t.end;
        }
        intended.push_str(&old[pos..]);
        let direct = fixes
            .iter()
            .map(|f| Edit {
                start: f.location.start,
                end: f.location.end,
                text: f.replacement.clone(),
            })
            .collect();
        // block scalars have no quoting problem; flow scalars can become double-quoted
        let requoted = match &node.kind {
            NodeKind::Scalar {
                style: ScalarStyle::Plain | ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted,
                ..
            } => Some(Edit {
                start: node.start,
                end: node.end,
                text: serde_json::to_string(&intended).ok()?,
            }),
            _ => None,
        };
        Some(Group {
            pointer,
            fixes,
            intended,
            node_start: node.start,
            direct,
            requoted,
        })
    }

    fn set(&self, value: &mut Value) {
        if let Some(v) = value.pointer_mut(&self.pointer) {
            *v = Value::String(self.intended.clone());
        }
    }
}

/// True when `text` parses (no syntax error) to exactly `expected`.
fn parses_to(text: &str, expected: &Value) -> bool {
    let src = SourceFile::new("fix", text.to_string(), false);
    let parsed = crate::load::yaml::parse(&src);
    parsed.root.is_some_and(|r| &r.to_json() == expected)
}

/// Write every changed file, or none: each through symlinks to its target, with its mode,
/// after checking that none is read-only and none changed on disk since it was read.
pub fn write_all(files: &[&FileFix]) -> Result<(), Error> {
    let _guard = crate::project::Guard::new();
    let mut staged = Vec::new();
    for f in files.iter().filter(|f| f.changed()) {
        let given = PathBuf::from(&f.original.name);
        let target = std::fs::canonicalize(&given).map_err(|e| Error::io(&given, &e))?;
        let meta = std::fs::metadata(&target).map_err(|e| Error::io(&target, &e))?;
        if meta.permissions().readonly() {
            return Err(Error::Io {
                path: f.original.name.clone(),
                reason: "the file is read-only; not changing it (nothing was written)".into(),
            });
        }
        let on_disk = std::fs::read(&target).map_err(|e| Error::io(&target, &e))?;
        if on_disk != bytes_of(&f.original) {
            return Err(Error::Io {
                path: f.original.name.clone(),
                reason:
                    "the file changed while it was being fixed; run again (nothing was written)"
                        .into(),
            });
        }
        staged.push(
            Staged::write_with_mode(
                target,
                bytes_of(&f.fixed).into(),
                Some(crate::util::mode_of(&meta)),
            )
            .map_err(|(p, e)| Error::io(&p, &e))?,
        );
    }
    commit_all(staged)
        .map(|_| ())
        .map_err(|(p, e)| Error::io(&p, &e))
}

fn bytes_of(src: &SourceFile) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(src.text.len() + 3);
    if src.had_bom {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    bytes.extend_from_slice(src.text.as_bytes());
    bytes
}

/// A minimal diff of changed lines (line counts may differ when a scalar was re-quoted).
pub fn diff(name: &str, old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = format!("--- {name}\n+++ {name} (fixed)\n");
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        // a changed run: find where the two texts meet again
        let (start_i, start_j) = (i, j);
        let (ei, ej) = resync(&a, &b, i, j);
        out.push_str(&format!("@@ line {} @@\n", start_i + 1));
        for l in &a[start_i..ei] {
            out.push_str(&format!("-{l}\n"));
        }
        for l in &b[start_j..ej] {
            out.push_str(&format!("+{l}\n"));
        }
        i = ei;
        j = ej;
    }
    out
}

/// The nearest pair of positions (by total distance) where `a` and `b` agree again.
fn resync(a: &[&str], b: &[&str], i: usize, j: usize) -> (usize, usize) {
    for total in 1..(a.len() - i + b.len() - j) {
        for di in 0..=total {
            let dj = total - di;
            let (x, y) = (i + di, j + dj);
            if x <= a.len()
                && y <= b.len()
                && (x == a.len() && y == b.len() || x < a.len() && y < b.len() && a[x] == b[y])
            {
                return (x, y);
            }
        }
    }
    (a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(yaml: &str, vocabulary: &[&str]) -> FileFix {
        let words: Vec<String> = vocabulary.iter().map(|s| s.to_string()).collect();
        let lexicon = Lexicon::new(&words);
        let src = Arc::new(SourceFile::new("t.yaml", yaml.to_string(), false));
        fix_source(src, &Settings::default(), &lexicon)
    }

    fn guide(paragraph: &str) -> String {
        format!(
            "id: t\ntitle: T\nsummary: S\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: {paragraph}\n"
        )
    }

    fn value(text: &str) -> Value {
        let src = SourceFile::new("t", text.to_string(), false);
        crate::load::yaml::parse(&src).root.unwrap().to_json()
    }

    fn paragraph(text: &str) -> String {
        value(text)["sections"][0]["blocks"][0]["paragraph"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn fixes_reach_a_fixpoint() {
        let f = fixed(&guide("Apply the teh serum daily."), &[]);
        assert_eq!(paragraph(&f.fixed.text), "Apply the serum daily.");
        assert!(f.remaining.iter().all(|d| d.code != "repeated-word"));
    }

    #[test]
    fn the_value_changes_only_where_fixed() {
        let f = fixed(&guide("Use teh cream daily."), &[]);
        let (a, b) = (value(&f.original.text), value(&f.fixed.text));
        let mut expected = a.clone();
        expected["sections"][0]["blocks"][0]["paragraph"] = "Use the cream daily.".into();
        assert_eq!(b, expected);
    }

    #[test]
    fn a_replacement_with_a_quote_in_a_single_quoted_scalar_is_requoted() {
        let text = guide("'Ask about crohns disease.'");
        let start = text.find("crohns disease").unwrap();
        let fix = Fix {
            location: SourceFile::new("t", text.clone(), false)
                .location(start, start + "crohns disease".len()),
            replacement: "Crohn's disease".into(),
            target: Some(crate::diag::FixTarget {
                pointer: "/sections/0/blocks/0/paragraph".into(),
                start: 10,
                end: 24,
            }),
        };
        let node = crate::load::yaml::parse(&SourceFile::new("t", text.clone(), false))
            .root
            .unwrap();
        let (new, done, refused) = apply_checked(&text, &node, vec![fix]);
        assert_eq!((done, refused.len()), (1, 0));
        assert_eq!(paragraph(&new), "Ask about Crohn's disease.");
    }

    fn fix_at(text: &str, from: &str, to: &str, value_start: usize) -> Fix {
        let start = text.find(from).unwrap();
        Fix {
            location: SourceFile::new("t", text.to_string(), false)
                .location(start, start + from.len()),
            replacement: to.into(),
            target: Some(crate::diag::FixTarget {
                pointer: "/sections/0/blocks/0/paragraph".into(),
                start: value_start,
                end: value_start + from.len(),
            }),
        }
    }

    fn apply_one(paragraph_yaml: &str, from: &str, to: &str, value_start: usize) -> String {
        let text = guide(paragraph_yaml);
        let fix = fix_at(&text, from, to, value_start);
        let node = crate::load::yaml::parse(&SourceFile::new("t", text.clone(), false))
            .root
            .unwrap();
        let (new, done, _) = apply_checked(&text, &node, vec![fix]);
        assert_eq!(done, 1, "{new}");
        new
    }

    #[test]
    fn a_star_at_the_start_of_a_plain_scalar_is_not_an_alias() {
        let new = apply_one("elastomer helps skin.", "elastomer", "*elastin*", 0);
        assert_eq!(paragraph(&new), "*elastin* helps skin.");
    }

    #[test]
    fn a_hash_in_a_plain_scalar_is_not_a_comment() {
        let new = apply_one("Use creme 1 twice, then rinse.", "creme 1", "cream #1", 4);
        assert_eq!(paragraph(&new), "Use cream #1 twice, then rinse.");
    }

    #[test]
    fn diff_handles_changed_line_counts() {
        let d = diff("f", "a\nb\nc\nd\n", "a\nx\nd\n");
        assert_eq!(d, "--- f\n+++ f (fixed)\n@@ line 2 @@\n-b\n-c\n+x\n");
    }
}

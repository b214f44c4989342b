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
use crate::error::Error;
use crate::fs::commit::{Staged, commit_all};
use crate::lint::Lexicon;
use crate::load::{Node, NodeKind, ScalarStyle, SourceFile};
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
/// Why a fix with a control character in its replacement was not applied.
const DECLINED_CONTROL: &str = "note: not fixed automatically: the replacement holds a control or invisible formatting character";

fn declined_note(f: &Fix) -> String {
    if safe_replacement(&f.replacement) {
        DECLINED.to_string()
    } else {
        DECLINED_CONTROL.to_string()
    }
}

type Key = (String, usize, usize, String);

fn key(f: &Fix) -> Option<Key> {
    let t = f.target.as_ref()?;
    Some((t.pointer.clone(), t.start, t.end, f.replacement.clone()))
}

/// Lint `source` and apply its fixes until none is left (or [`MAX_ROUNDS`]).
pub(crate) fn fix_source(
    source: Arc<SourceFile>,
    settings: &Settings,
    lexicon: &Lexicon,
) -> FileFix {
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
                    let note = declined_note(f);
                    d.fix = None;
                    d.notes.push(note);
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
                if let Some(f) = &d.fix
                    && key(f).is_some_and(|k| declined.contains(&k))
                {
                    let note = declined_note(f);
                    d.fix = None;
                    d.notes.push(note);
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
pub(crate) fn apply_one(text: &str, root: &Node, fix: &Fix) -> Option<String> {
    let (new, done, _) = apply_checked(text, root, vec![fix.clone()]);
    (done == 1).then_some(new)
}

/// Apply non-overlapping fixes to `text` (whose parse is `root`), each group of fixes in
/// one scalar proven by re-parsing. Returns the new text, the number applied and the keys
/// of the fixes declined.
///
/// Long because the safety argument (which fixes are refused, how they
/// are grouped per scalar, what the re-parse must prove) is one sequence best read whole.
fn apply_checked(text: &str, root: &Node, mut fixes: Vec<Fix>) -> (String, usize, Vec<Key>) {
    // a replacement with a control character (NUL, ESC, a bidi override, ...) is never
    // written into a guide, whatever rule proposed it
    let mut refused: Vec<Key> = Vec::new();
    fixes.retain(|f| {
        let ok = safe_replacement(&f.replacement);
        if !ok {
            refused.extend(key(f));
        }
        ok
    });
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
    let second = Second::of(text, &planned);
    let candidate = edit(text, &all_direct);
    if planned.iter().all(|g| g.direct_ok)
        && parses_to(&candidate, &expected)
        && second.accepts(&candidate, &planned)
    {
        let n = planned.iter().map(|g| g.fixes.len()).sum();
        return (candidate, n, refused);
    }
    // slow path: group by group, from the end of the file so earlier spans stay valid
    planned.sort_by_key(|g| std::cmp::Reverse(g.node_start));
    let mut text = text.to_string();
    let mut value = base;
    let mut done = 0;
    let mut accepted: Vec<&Group> = Vec::new();
    for g in &planned {
        let mut want = value.clone();
        g.set(&mut want);
        let mut ok = None;
        let direct = g.direct_ok.then(|| g.direct.clone());
        let mut with_g = accepted.clone();
        with_g.push(g);
        for edits in [direct, g.requoted.clone().map(|e| vec![e])]
            .into_iter()
            .flatten()
        {
            let t = edit(&text, &edits);
            if parses_to(&t, &want) && second.accepts_groups(&t, &with_g) {
                ok = Some(t);
                break;
            }
        }
        match ok {
            Some(t) => {
                text = t;
                value = want;
                done += g.fixes.len();
                accepted.push(g);
            }
            None => refused.extend(g.fixes.iter().filter_map(key)),
        }
    }
    (text, done, refused)
}

/// True when a replacement may be written into a guide: no control character (C0, DEL,
/// C1), no bidirectional override or isolate, no byte-order mark or other invisible format
/// character that would change how the text reads or how YAML parses it.
pub(crate) fn safe_replacement(replacement: &str) -> bool {
    !replacement.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// The second, independent YAML parser (serde_yaml, on libyaml) that every fixed text must
/// also satisfy: when it accepted the text before the fix, it must accept the fixed text
/// and read the same value with only the fixed strings changed. saphyr (the parser the
/// guides are read with) accepts some plain scalars other parsers reject, such as
/// `[|elastin, other]`; a fix must never write YAML that another tool cannot read.
struct Second {
    /// serde_yaml's reading of the text before the fix (as JSON), when it had one.
    before: Option<Value>,
}

impl Second {
    fn of(text: &str, planned: &[Group]) -> Second {
        if planned.is_empty() {
            return Second { before: None };
        }
        Second {
            before: second_parse(text),
        }
    }

    fn accepts(&self, text: &str, groups: &[Group]) -> bool {
        self.accepts_groups(text, &groups.iter().collect::<Vec<_>>())
    }

    /// True when serde_yaml reads `text` as its old reading with `groups` applied (or when
    /// it could not read the text before the fix either: then there is nothing to keep).
    fn accepts_groups(&self, text: &str, groups: &[&Group]) -> bool {
        let Some(before) = &self.before else {
            return true;
        };
        let mut want = before.clone();
        for g in groups {
            g.set(&mut want);
        }
        second_parse(text).is_some_and(|v| v == want)
    }
}

/// serde_yaml's reading of `text` as JSON, or `None` when it rejects the text (or the
/// value has no JSON form, such as a non-string key).
pub fn second_parse(text: &str) -> Option<Value> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_value(v).ok()
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
    /// False when the direct edits would start a plain scalar with a YAML indicator
    /// (`|elastin`, `>`, `&`, ...): only the re-quoted form is safe then.
    direct_ok: bool,
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
        let plain = matches!(
            &node.kind,
            NodeKind::Scalar {
                style: ScalarStyle::Plain,
                ..
            }
        );
        let direct_ok = !plain || plain_start_ok(&intended);
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
            direct_ok,
            requoted,
        })
    }

    fn set(&self, value: &mut Value) {
        if let Some(v) = value.pointer_mut(&self.pointer) {
            *v = Value::String(self.intended.clone());
        }
    }
}

/// True when `value` can begin a plain (unquoted) scalar: not with an indicator (YAML 1.2
/// rule 126), nor with `-`, `?` or `:` followed by a space or the end.
fn plain_start_ok(value: &str) -> bool {
    let mut chars = value.chars();
    match chars.next() {
        None => true,
        Some(
            '|' | '>' | '!' | '&' | '*' | '%' | '@' | '`' | '\'' | '"' | '{' | '}' | '[' | ']'
            | ',' | '#',
        ) => false,
        Some('-' | '?' | ':') => chars.next().is_some_and(|c| !c.is_whitespace()),
        Some(c) => !c.is_whitespace(),
    }
}

/// True when `text` parses (no syntax error) to exactly `expected`.
fn parses_to(text: &str, expected: &Value) -> bool {
    let src = SourceFile::new("fix", text.to_string(), false);
    let parsed = crate::load::yaml::parse(&src);
    parsed.root.is_some_and(|r| &r.to_json() == expected)
}

/// Write every changed file, or none: each through symlinks to its target, with its mode,
/// owner and group, after checking that none is read-only, none is a file this user could
/// not write in place, none has more than one hard link, and none changed on disk since it
/// was read.
///
/// A fixed file is written as a new file renamed over the old one (so an interrupted run
/// never leaves half a guide). That is why the checks are on the file itself, not only on
/// its folder: a writable folder would let the rename replace a file the user may not
/// write, and a hard-linked file would be split (its other names keeping the old text).
/// Such files are refused (exit 2, nothing written); edit them by hand.
pub(crate) fn write_all(files: &[&FileFix]) -> Result<(), Error> {
    let _guard = crate::interrupt::Guard::new();
    let mut staged = Vec::new();
    for f in files.iter().filter(|f| f.changed()) {
        let given = PathBuf::from(&f.original.name);
        let refuse = |reason: String| {
            Error::refused(
                &f.original.name,
                format!("{reason}; not changing it (nothing was written)"),
            )
        };
        let target = std::fs::canonicalize(&given).map_err(|e| Error::io(&given, e))?;
        let meta = std::fs::metadata(&target).map_err(|e| Error::io(&target, e))?;
        if !meta.is_file() {
            return Err(refuse("not a regular file".into()));
        }
        if meta.permissions().readonly() {
            return Err(refuse("the file is read-only".into()));
        }
        // the kernel's own answer for this user (mode bits, owner, ACLs, read-only mounts):
        // opening for writing, without truncating, changes nothing in the file
        if let Err(e) = std::fs::OpenOptions::new().write(true).open(&target) {
            return Err(refuse(format!(
                "you cannot write this file ({})",
                crate::util::io_reason(&e)
            )));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if meta.nlink() > 1 {
                return Err(refuse(format!(
                    "the file has {} hard links, and a fix writes a new file: the other names would keep the old text",
                    meta.nlink()
                )));
            }
        }
        let on_disk = crate::util::read_input(&target).map_err(|u| match u.source {
            Some(e) => Error::io(&target, e),
            None => refuse(u.reason),
        })?;
        if on_disk != bytes_of(&f.original) {
            return Err(refuse(
                "the file changed while it was being fixed; run again".into(),
            ));
        }
        let mode = crate::util::mode_of(&meta);
        let s = Staged::write_with_mode(target, bytes_of(&f.fixed).into(), Some(mode))
            .map_err(|(p, e)| Error::io(&p, e))?;
        keep_owner(s.temp_path(), &meta, mode).map_err(refuse)?;
        staged.push(s);
    }
    commit_all(staged)
        .map(|_| ())
        .map_err(|(p, e)| Error::io(&p, e))
}

/// Give the staged file `temp` the owner and group of the file it replaces (`meta`): a
/// fix run as root must not hand a user's guide to root, and a guide shared through its
/// group must stay in that group. When that is not allowed (another user's file), the fix
/// is refused rather than changing who owns the guide.
#[cfg(unix)]
fn keep_owner(temp: &std::path::Path, meta: &std::fs::Metadata, mode: u32) -> Result<(), String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let now = std::fs::symlink_metadata(temp).map_err(|e| crate::util::io_reason(&e))?;
    if (now.uid(), now.gid()) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    std::os::unix::fs::lchown(temp, Some(meta.uid()), Some(meta.gid())).map_err(|e| {
        format!(
            "the fixed file could not keep the owner and group of the original ({}:{}): {}",
            meta.uid(),
            meta.gid(),
            crate::util::io_reason(&e)
        )
    })?;
    // changing the owner may clear set-id bits: give the mode again
    std::fs::set_permissions(temp, std::fs::Permissions::from_mode(mode))
        .map_err(|e| crate::util::io_reason(&e))
}

#[cfg(not(unix))]
fn keep_owner(_: &std::path::Path, _: &std::fs::Metadata, _: u32) -> Result<(), String> {
    Ok(())
}

fn bytes_of(src: &SourceFile) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(src.text.len() + 3);
    if src.had_bom {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    bytes.extend_from_slice(src.text.as_bytes());
    bytes
}

/// A unified diff (`--- a/NAME`, `+++ b/NAME`, `@@ -l,n +l,n @@` hunks with three lines of
/// context, `\ No newline at end of file` where it applies) that `git apply` and
/// `patch -p1` accept, from similar's Myers diff.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

impl FileFix {
    /// The diff of this fix, of the bytes on disk (a byte-order mark included).
    pub fn diff(&self) -> String {
        let with_bom = |s: &SourceFile| {
            if s.had_bom {
                format!("\u{feff}{}", s.text)
            } else {
                s.text.clone()
            }
        };
        // the file name escaped: a name cannot send escapes to the terminal
        diff(
            &crate::fs::shown(std::path::Path::new(&self.original.name)),
            &with_bom(&self.original),
            &with_bom(&self.fixed),
        )
    }
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
    fn diff_is_a_unified_diff_with_context() {
        let d = diff("f", "a\nb\nc\nd\n", "a\nx\nd\n");
        assert_eq!(d, "--- a/f\n+++ b/f\n@@ -1,4 +1,3 @@\n a\n-b\n-c\n+x\n d\n");
        let d = diff("f", "a\nb", "a\nc");
        assert_eq!(
            d,
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
    }

    /// Every replacement shape in every scalar shape: the fixed text is read by serde_yaml
    /// (libyaml) as the old value with only the fixed string changed. Long because it is a
    /// table of cases, read as one list.
    #[test]
    fn fixed_yaml_is_read_by_a_second_parser_in_every_shape() {
        let head = "id: t\ntitle: T\nsummary: S\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n";
        let shapes = [
            (
                "      - bullets: [elastomer, other]\n",
                "/sections/0/blocks/0/bullets/0",
            ),
            (
                "      - bullets: [other, elastomer]\n",
                "/sections/0/blocks/0/bullets/1",
            ),
            (
                "      - bullets: [other, elastomer cream]\n",
                "/sections/0/blocks/0/bullets/1",
            ),
            (
                "      - {bullets: [elastomer]}\n",
                "/sections/0/blocks/0/bullets/0",
            ),
            (
                "      - bullets:\n          - elastomer\n",
                "/sections/0/blocks/0/bullets/0",
            ),
            (
                "      - paragraph: elastomer helps.\n",
                "/sections/0/blocks/0/paragraph",
            ),
            (
                "      - paragraph: 'elastomer helps.'\n",
                "/sections/0/blocks/0/paragraph",
            ),
            (
                "      - paragraph: \"elastomer helps.\"\n",
                "/sections/0/blocks/0/paragraph",
            ),
            (
                "      - paragraph: |\n          elastomer helps.\n",
                "/sections/0/blocks/0/paragraph",
            ),
        ];
        let replacements = [
            "|elastin",
            ">elastin",
            "- elastin",
            "-elastin",
            "elastin: x",
            "elastin #1",
            "'elastin'",
            "\"elastin\"",
            "[elastin]",
            "{elastin}",
            "elastin,",
            "*elastin",
            "&elastin",
            "!elastin",
            "%elastin",
            "@elastin",
            "`elastin",
            "? elastin",
            ": elastin",
            "elas\\tin",
            "elastin\\",
            "# elastin",
            ",elastin",
        ];
        for (shape, pointer) in shapes {
            for r in replacements {
                let text = format!("{head}{shape}");
                let src = SourceFile::new("t", text.clone(), false);
                let root = crate::load::yaml::parse(&src).root.unwrap();
                let old = root
                    .to_json()
                    .pointer(pointer)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string();
                let vstart = old.find("elastomer").unwrap();
                let at = text.rfind("elastomer").unwrap();
                let fix = Fix {
                    location: src.location(at, at + "elastomer".len()),
                    replacement: r.into(),
                    target: Some(crate::diag::FixTarget {
                        pointer: pointer.into(),
                        start: vstart,
                        end: vstart + "elastomer".len(),
                    }),
                };
                let (new, done, _) = apply_checked(&text, &root, vec![fix]);
                assert_eq!(done, 1, "{shape:?} with {r:?}");
                let mut want = second_parse(&text).unwrap();
                *want.pointer_mut(pointer).unwrap() = old.replacen("elastomer", r, 1).into();
                assert_eq!(
                    second_parse(&new),
                    Some(want),
                    "{shape:?} with {r:?}:\n{new}"
                );
            }
        }
    }

    #[test]
    fn replacements_with_control_characters_are_declined() {
        for r in [
            "elas\u{0}tin",
            "\u{1b}[2J",
            "elas\u{202e}tin",
            "a\u{feff}",
            "a\u{85}b",
        ] {
            let text = guide("elastomer helps.");
            let fix = fix_at(&text, "elastomer", r, 0);
            let node = crate::load::yaml::parse(&SourceFile::new("t", text.clone(), false))
                .root
                .unwrap();
            let (new, done, refused) = apply_checked(&text, &node, vec![fix]);
            assert_eq!((done, refused.len(), new), (0, 1, text), "{r:?}");
        }
    }
}

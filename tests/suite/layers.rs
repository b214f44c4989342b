//! The library's top-level modules form layers: no import cycle between them. Each file under
//! src/ (but the binary's: main.rs, cli.rs, cmd/) is read, its comments, string literals and
//! `#[cfg(test)]` items dropped, and every `crate::NAME` path (also inside `use crate::{..}`
//! groups) that names another top-level module is an edge. A cycle fails the test, naming the
//! modules and the files that make each edge. Paths through `super::super::` across a
//! top-level module are not followed (the code does not use them).

use crate::common::{root, rust_files};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module -> module it uses -> the files (relative to src/) that use it.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// `text` with comments, string and character literals blanked (kept as a space), so only
/// code is searched.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if let Some(hashes) = raw_string_start(rest) {
            // r"..." / r#"..."#: ends at a quote followed by the same number of hashes
            let open = 2 + hashes;
            let close = format!("\"{}", "#".repeat(hashes));
            i += open
                + rest[open..]
                    .find(&close)
                    .map_or(rest.len() - open, |e| e + close.len());
            out.push(' ');
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push(' ');
        } else if b[i] == b'\'' {
            // a character literal ('x', '\n', '\u{..}'), else a lifetime
            let lit = rest[1..].chars().next().map(|c| 1 + c.len_utf8());
            if rest[1..].starts_with('\\') {
                i += 2 + rest[2..].find('\'').map_or(0, |e| e + 1) + 1;
            } else if let Some(n) = lit.filter(|n| rest[*n..].starts_with('\'')) {
                i += n + 1;
            } else {
                out.push('\'');
                i += 1;
            }
            out.push(' ');
        } else {
            let c = rest.chars().next().expect("not at the end");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The number of `#` of a raw string starting here (`r"` or `r#"`), if one does; not when
/// the `r` ends an identifier (`for"`).
fn raw_string_start(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix('r')?;
    let hashes = after.len() - after.trim_start_matches('#').len();
    after[hashes..].starts_with('"').then_some(hashes)
}

/// `code` without its `#[cfg(test)]` items (up to the matching `}`, or `;`).
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let (brace, semi) = (item.find('{'), item.find(';'));
        let end = match (brace, semi) {
            (_, Some(s)) if brace.is_none_or(|b| s < b) => s + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = item.len();
                for (i, c) in item[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Every top-level name a piece of code reaches through `crate::`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        let after = rest[at + "crate::".len()..].trim_start();
        if !preceded {
            if let Some(group) = after.strip_prefix('{') {
                // `use crate::{a::b, c, d::{e, f}}`: the first name of each element
                let mut depth = 1;
                let mut start = true;
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        ',' if depth == 1 => start = true,
                        c if start && (c.is_alphanumeric() || c == '_') => {
                            names.insert(ident_at(&group[i..]).to_string());
                            start = false;
                        }
                        _ => {}
                    }
                }
            } else {
                names.insert(ident_at(after).to_string());
            }
        }
        rest = &rest[at + "crate::".len()..];
    }
    names
}

/// The library's module graph, from the files under `src`.
fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let top = |p: &Path| -> String {
        let rel = p.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        first.trim_end_matches(".rs").to_string()
    };
    // the binary's files and the crate root are not library modules
    let binary = ["main", "cli", "cmd", "lib"];
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| top(f))
        .filter(|m| !binary.contains(&m.as_str()))
        .collect();
    let mut g = Graph::new();
    for file in &files {
        let from = top(file);
        if !modules.contains(&from) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(src).unwrap().display().to_string();
        let node = g.entry(from.clone()).or_default();
        for to in crate_paths(&without_tests(&code_only(&text))) {
            if to != from && modules.contains(&to) {
                node.entry(to).or_default().insert(rel.clone());
            }
        }
    }
    g
}

/// A cycle of the graph (its modules in order, the first repeated at the end), if any.
fn find_cycle(g: &Graph) -> Option<Vec<String>> {
    fn visit(
        g: &Graph,
        m: &str,
        state: &mut BTreeMap<String, bool>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(true) => {
                // on the current path: the cycle is the path from `m`'s first visit
                let from = path.iter().position(|p| p == m).expect("on the path");
                let mut cycle = path[from..].to_vec();
                cycle.push(m.to_string());
                return Some(cycle);
            }
            Some(false) => return None,
            None => {}
        }
        state.insert(m.to_string(), true);
        path.push(m.to_string());
        for next in g.get(m).into_iter().flat_map(|e| e.keys()) {
            if let Some(c) = visit(g, next, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(m.to_string(), false);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if let Some(c) = visit(g, m, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let g = graph(&root().join("src"));
    // the reader sees real edges (a vacuous graph would pass anything)
    for (from, to) in [
        ("project", "validate"),
        ("lint", "diag"),
        ("diag", "source"),
        ("fs", "escape"),
    ] {
        assert!(
            g.get(from).is_some_and(|e| e.contains_key(to)),
            "expected {from} -> {to} in {g:#?}"
        );
    }
    if let Some(cycle) = find_cycle(&g) {
        let edges: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("  {} -> {}  ({:?})", w[0], w[1], g[&w[0]][&w[1]]))
            .collect();
        panic!(
            "import cycle between top-level modules: {}\n{}",
            cycle.join(" -> "),
            edges.join("\n")
        );
    }
}

#[test]
fn the_reader_finds_paths_and_cycles_and_skips_comments_strings_and_tests() {
    let code = r##"
        use crate::{a::B, b, c::{d, e}};
        use crate::f::G;
        fn x() -> usize { crate::g::h() + '"' as usize + 'q' as usize }
        fn y<'a>(s: &'a str) -> &'a str { s }
        // crate::comment
        /* crate::block */
        const S: &str = "crate::string";
        const R: &str = r#"crate::raw"#;
        #[cfg(test)]
        mod tests { use crate::tested; fn t() { crate::tested2::x(); } }
        fn after() { crate::last::x(); }
    "##;
    let names = crate_paths(&without_tests(&code_only(code)));
    let want: BTreeSet<String> = ["a", "b", "c", "f", "g", "last"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, want);
    let mut g = Graph::new();
    let edge = |g: &mut Graph, a: &str, b: &str| {
        g.entry(a.into())
            .or_default()
            .insert(b.into(), BTreeSet::new());
    };
    edge(&mut g, "a", "b");
    edge(&mut g, "b", "c");
    assert_eq!(find_cycle(&g), None);
    edge(&mut g, "c", "a");
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

/// Edges the layers forbid even without a cycle: a module that reaches sideways into
/// another's internals instead of a helper below both.
const FORBIDDEN: &[(&str, &str, &str)] = &[
    (
        "import",
        "lint",
        "import builds guides; the text helpers it shares with lint live in src/text.rs",
    ),
    (
        "export",
        "lint",
        "export renders guides; the reading statistics it shares with lint live in src/stats.rs",
    ),
];

#[test]
fn no_module_reaches_sideways_where_the_layers_forbid_it() {
    let g = graph(&root().join("src"));
    for (from, to, why) in FORBIDDEN {
        if let Some(files) = g.get(*from).and_then(|e| e.get(*to)) {
            panic!("{from} must not use {to} ({why}), but {files:?} do");
        }
    }
    // the reader sees the import module's real edges (a vacuous graph would pass)
    assert!(
        g.get("import").is_some_and(|e| e.contains_key("text")),
        "expected import -> text in {g:#?}"
    );
    assert!(
        g.get("export").is_some_and(|e| e.contains_key("model")),
        "expected export -> model in {g:#?}"
    );
}

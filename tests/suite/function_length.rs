//! No function over 80 lines without a reason written above it. Each file under src/ is read
//! line by line: a function starts at a line that (after its indentation) is `fn NAME`,
//! optionally after `pub`, `pub(..)`, `const`, `async`, `unsafe` or `extern "..."`, and ends
//! at the first later line that is its indentation followed by `}` (rustfmt's layout); its
//! length counts both lines. A declaration without a body (`fn f();` in a trait) is skipped.
//! A function longer than [`MAX_LINES`] needs `Long because` in the comments and attributes
//! directly above its `fn` line (its doc comment or a `// Long because …` line), saying why
//! it reads best in one piece.

use crate::common::{root, rust_files};

/// The longest a function may be without a written reason.
const MAX_LINES: usize = 80;

/// The marker of a written reason.
const REASON: &str = "Long because";

/// A function over the limit: its line (1-based), name, length and whether a reason is
/// written above it.
#[derive(Debug, PartialEq)]
struct Long {
    line: usize,
    name: String,
    lines: usize,
    reason: bool,
}

/// The name of the function a line starts, if it starts one.
fn starts_fn(code: &str) -> Option<&str> {
    let mut rest = code;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("pub(") {
            rest = &r[r.find(')')? + 1..];
        } else if let Some(r) = ["pub ", "const ", "async ", "unsafe "]
            .iter()
            .find_map(|k| rest.strip_prefix(k))
        {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("extern ") {
            let r = r.trim_start();
            rest = match r.strip_prefix('"') {
                Some(abi) => &abi[abi.find('"')? + 1..],
                None => r,
            };
        } else {
            break;
        }
    }
    let r = rest.strip_prefix("fn ")?;
    let end = r
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(r.len());
    (end > 0).then(|| &r[..end])
}

/// Every function of `text` over [`MAX_LINES`] lines.
fn long_functions(text: &str) -> Vec<Long> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let Some(name) = starts_fn(code) else {
            continue;
        };
        let indent = &line[..line.len() - code.len()];
        // the signature's end: a body's `{` or a declaration's `;`
        let Some(sig_end) = (i..lines.len()).find(|&j| {
            let l = lines[j].trim_end();
            l.ends_with('{') || l.ends_with(';') || l.ends_with('}')
        }) else {
            continue;
        };
        let last = lines[sig_end].trim_end();
        if last.ends_with(';') && !lines[i..=sig_end].iter().any(|l| l.contains('{')) {
            continue;
        }
        let close = format!("{indent}}}");
        let end = if last.ends_with('}') && sig_end == i {
            i
        } else {
            match (sig_end..lines.len()).find(|&j| j > i && lines[j].trim_end() == close) {
                Some(e) => e,
                None => continue,
            }
        };
        let n = end - i + 1;
        if n <= MAX_LINES {
            continue;
        }
        // the comments and attributes directly above the `fn` line
        let reason = lines[..i]
            .iter()
            .rev()
            .take_while(|l| {
                let t = l.trim_start();
                t.starts_with("//") || t.starts_with("#[")
            })
            .any(|l| l.contains(REASON));
        out.push(Long {
            line: i + 1,
            name: name.to_string(),
            lines: n,
            reason,
        });
    }
    out
}

#[test]
fn every_function_over_80_lines_says_why() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut long = 0;
    let mut unexplained = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for f in long_functions(&text) {
            long += 1;
            if !f.reason {
                unexplained.push(format!(
                    "  {}:{} fn {} ({} lines)",
                    file.strip_prefix(&src).unwrap().display(),
                    f.line,
                    f.name,
                    f.lines
                ));
            }
        }
    }
    // the reader finds the long functions there are (a vacuous reader would pass anything)
    assert!(
        long > 0,
        "no function over {MAX_LINES} lines found under src/"
    );
    assert!(
        unexplained.is_empty(),
        "functions over {MAX_LINES} lines without `{REASON}` in the comments above them \
         (split them, or write why they read best whole):\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn the_reader_measures_functions_and_finds_reasons() {
    let body = |n: usize| "    x();\n".repeat(n);
    // 79 body lines + `fn` + `}` = 81 lines: too long; 78 + 2 = 80: fine
    let text = format!(
        "fn short() {{\n{}}}\n\n/// Docs.\npub(crate) fn long(\n    a: u8,\n) -> u8 {{\n{}}}\n\n\
         /// Docs.\n///\n/// Long because a table of cases reads best whole.\n#[test]\n\
         fn explained() {{\n{}}}\n\nimpl T for U {{\n    fn declared(&self);\n    \
         pub async fn inner(&self) {{\n{}    }}\n}}\n\n// Long because\n\nfn detached() {{\n{}}}\n",
        body(78),
        body(77),
        body(79),
        body(80),
        body(79),
    );
    let found = long_functions(&text);
    let names: Vec<(&str, usize, bool)> = found
        .iter()
        .map(|f| (f.name.as_str(), f.lines, f.reason))
        .collect();
    assert_eq!(
        names,
        [
            ("long", 81, false),
            ("explained", 81, true),
            ("inner", 82, false),
            // a reason separated by a blank line is not this function's
            ("detached", 81, false),
        ]
    );
    assert_eq!(
        starts_fn("pub(in crate::a) const unsafe fn x<T>()"),
        Some("x")
    );
    assert_eq!(
        starts_fn("extern \"C\" fn print_skipped() {"),
        Some("print_skipped")
    );
    assert_eq!(starts_fn("let fn_name = 1;"), None);
}

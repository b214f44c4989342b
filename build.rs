//! Build-time data:
//! - the git revision guidepress is built from (`GUIDEPRESS_GIT_REV`), so `init` can write a
//!   workflow that installs exactly this version (outside a git checkout nothing is set and
//!   the version tag is used instead);
//! - the typos-dict misspelling list as one offset-based blob (`$OUT_DIR/misspellings.bin`,
//!   read by `src/lint/misspellings.rs`). The crate's own table is a static array of string
//!   slices, which costs the loader a relocation per pointer (about 250,000) at every start.
//! - the en_US Hunspell dictionary's words with their affixes applied, as an FST
//!   (`$OUT_DIR/en_US.fst`, read by `src/lint/lexicon.rs` without parsing): every form the
//!   .dic and .aff generate, as written, Title-cased and in capitals, kept only when
//!   spellbook (the checker used at run time) accepts it. Parsing the dictionary at every
//!   start cost about 25 ms, more than a whole export.
//! - the shipped claims' any-claim filter (`$OUT_DIR/claims.dfa`, read by
//!   `src/settings/claim_filter.rs` without compiling): one dense DFA of every shipped claim's
//!   whole-word regex, serialised with regex-automata, and the patterns it was built from
//!   (`$OUT_DIR/claims.patterns`). Compiling the same filter as a `RegexSet` cost about 1.5 ms
//!   of every export.

use std::io::Write;

/// `misspellings.bin`: u32 count, (count + 1) u32 offsets into the records, then the
/// records sorted by key: `key \t correction (\x1f correction)*`, keys lower-case.
/// `misspellings.idx`: a hash index of the keys (a power-of-two number of u32 slots, each 0
/// or a record number + 1, at the slot of [`fnv1a`] of the key or after it), so a look-up
/// reads one or two records instead of a binary search's seventeen.
fn misspellings() {
    let mut entries: Vec<(String, Vec<&str>)> = typos_dict::WORD
        .map
        .entries()
        .map(|(k, v)| ((*k).convert().to_lowercase(), v.to_vec()))
        .collect();
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut records = Vec::new();
    let mut offsets = Vec::with_capacity(entries.len() + 1);
    for (k, v) in &entries {
        offsets.push(records.len() as u32);
        records.extend_from_slice(k.as_bytes());
        records.push(b'\t');
        records.extend_from_slice(v.join("\x1f").as_bytes());
    }
    offsets.push(records.len() as u32);
    let mut out = Vec::with_capacity(4 + offsets.len() * 4 + records.len());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for o in offsets {
        out.extend_from_slice(&o.to_le_bytes());
    }
    out.extend_from_slice(&records);
    let dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::File::create(dir.join("misspellings.bin"))
        .and_then(|mut f| f.write_all(&out))
        .expect("OUT_DIR is writable");
    // the index: open addressing, linear probing, at most half full
    let slots = (entries.len() * 2).next_power_of_two();
    let mut table = vec![0u32; slots];
    for (i, (k, _)) in entries.iter().enumerate() {
        let mut at = fnv1a(k.as_bytes()) as usize & (slots - 1);
        while table[at] != 0 {
            at = (at + 1) & (slots - 1);
        }
        table[at] = i as u32 + 1;
    }
    let index: Vec<u8> = table.iter().flat_map(|t| t.to_le_bytes()).collect();
    std::fs::write(dir.join("misspellings.idx"), index).expect("OUT_DIR is writable");
}

/// FNV-1a (64-bit) of a key: the misspelling index's hash (the same function is in
/// src/lint/misspellings.rs).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One affix rule of a Hunspell .aff: strip, add, condition (one pattern per character).
struct Affix {
    strip: String,
    add: String,
    cond: Vec<(bool, Vec<char>)>,
}

impl Affix {
    /// True when the condition matches `chars` (the stem's first or last characters).
    fn matches<'a>(&self, mut chars: impl Iterator<Item = &'a char>) -> bool {
        self.cond.iter().all(|(negated, set)| {
            chars
                .next()
                .is_some_and(|c| set.is_empty() || set.contains(c) != *negated)
        })
    }
}

/// `.` (any), `x`, `[xy]` or `[^xy]`, in reading order.
fn condition(text: &str) -> Vec<(bool, Vec<char>)> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => out.push((false, Vec::new())),
            '[' => {
                let mut set = Vec::new();
                let mut negated = false;
                for c in chars.by_ref() {
                    match c {
                        ']' => break,
                        '^' if set.is_empty() && !negated => negated = true,
                        c => set.push(c),
                    }
                }
                out.push((negated, set));
            }
            c => out.push((false, vec![c])),
        }
    }
    out
}

/// Every form of every .dic entry with its affixes (one prefix, one suffix, and both),
/// generously: a form spellbook rejects is dropped afterwards.
fn hunspell_forms(aff: &str, dic: &str) -> Vec<String> {
    let mut prefixes: std::collections::HashMap<char, Vec<Affix>> = Default::default();
    let mut suffixes: std::collections::HashMap<char, Vec<Affix>> = Default::default();
    for line in aff.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 5 || !(f[0] == "PFX" || f[0] == "SFX") {
            continue;
        }
        let Some(flag) = f[1].chars().next() else {
            continue;
        };
        let zero = |s: &str| {
            if s == "0" {
                String::new()
            } else {
                s.to_string()
            }
        };
        let rule = Affix {
            strip: zero(f[2]),
            add: zero(f[3].split('/').next().unwrap_or("")),
            cond: condition(f[4]),
        };
        let map = if f[0] == "PFX" {
            &mut prefixes
        } else {
            &mut suffixes
        };
        map.entry(flag).or_default().push(rule);
    }
    let mut out = Vec::new();
    for line in dic.lines().skip(1) {
        let entry = line.split(['\t', ' ']).next().unwrap_or("");
        let (stem, flags) = entry.split_once('/').unwrap_or((entry, ""));
        if stem.is_empty() {
            continue;
        }
        let mut forms = vec![stem.to_string()];
        for flag in flags.chars() {
            for a in suffixes.get(&flag).into_iter().flatten() {
                let chars: Vec<char> = stem.chars().collect();
                if a.matches(
                    chars
                        .iter()
                        .rev()
                        .take(a.cond.len())
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev(),
                ) && let Some(root) = stem.strip_suffix(a.strip.as_str())
                {
                    forms.push(format!("{root}{}", a.add));
                }
            }
        }
        let suffixed = forms.clone();
        for flag in flags.chars() {
            for a in prefixes.get(&flag).into_iter().flatten() {
                for form in &suffixed {
                    let chars: Vec<char> = form.chars().collect();
                    if a.matches(chars.iter())
                        && let Some(rest) = form.strip_prefix(a.strip.as_str())
                    {
                        forms.push(format!("{}{rest}", a.add));
                    }
                    // the prefix's condition is on the stem before the suffix too
                    let stem_chars: Vec<char> = stem.chars().collect();
                    if a.matches(stem_chars.iter())
                        && let Some(rest) = form.strip_prefix(a.strip.as_str())
                    {
                        forms.push(format!("{}{rest}", a.add));
                    }
                }
            }
        }
        out.extend(forms);
    }
    out
}

/// `en_US.fst`: the accepted spellings (see the file comment), sorted, as an `fst::Set`.
fn en_us_words() {
    println!("cargo:rerun-if-changed=assets/dict/en_US.aff");
    println!("cargo:rerun-if-changed=assets/dict/en_US.dic");
    let aff = std::fs::read_to_string("assets/dict/en_US.aff").expect("assets/dict/en_US.aff");
    let dic = std::fs::read_to_string("assets/dict/en_US.dic").expect("assets/dict/en_US.dic");
    let dict =
        spellbook::Dictionary::new(&aff, &dic).expect("the vendored en_US dictionary parses");
    let mut words = std::collections::BTreeSet::new();
    for form in hunspell_forms(&aff, &dic) {
        let mut title = String::new();
        let mut chars = form.chars();
        if let Some(first) = chars.next() {
            title.extend(first.to_uppercase());
            title.push_str(chars.as_str());
        }
        let upper = form.to_uppercase();
        for w in [form, title, upper] {
            if !words.contains(&w) && dict.check(&w) {
                words.insert(w);
            }
        }
    }
    let set = fst::Set::from_iter(words).expect("sorted, distinct words");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("en_US.fst");
    std::fs::write(path, set.as_fst().as_bytes()).expect("OUT_DIR is writable");
}

/// The `pattern` of every entry of assets/rules/claims.yaml, in order (read with the YAML
/// parser the run time uses; a test compares them with the run time's own parse).
fn shipped_claim_patterns(yaml: &str) -> Vec<String> {
    use saphyr_parser::{Event, Parser};
    let mut out = Vec::new();
    // (is a mapping, items seen) per open collection
    let mut stack: Vec<(bool, usize)> = Vec::new();
    let mut key_is_pattern = false;
    for event in Parser::new_from_str(yaml) {
        let (event, _) = event.expect("assets/rules/claims.yaml parses");
        // a scalar or collection at depth 2 (an entry of the top sequence) in value position
        let in_value = matches!(stack.as_slice(), [(false, _), (true, n)] if n % 2 == 1);
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                stack.push((matches!(event, Event::MappingStart(..)), 0));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
            }
            Event::Scalar(value, ..) => {
                let is_key = matches!(stack.as_slice(), [(false, _), (true, n)] if n % 2 == 0);
                if in_value && key_is_pattern {
                    out.push(value.to_string());
                }
                key_is_pattern = is_key && value == "pattern";
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// `claims.dfa`: the any-claim filter of the shipped claims, a dense DFA (all matches, so
/// it says every claim that matches somewhere, as `RegexSet::matches` does) over each claim's
/// whole-word regex, `(?i)(?-u:\b)(?:pattern)(?-u:\b)`, in the target's byte order;
/// `claims.patterns`: those patterns, each followed by a NUL.
fn claims_dfa() {
    use regex_automata::{MatchKind, dfa::dense};
    println!("cargo:rerun-if-changed=assets/rules/claims.yaml");
    let yaml =
        std::fs::read_to_string("assets/rules/claims.yaml").expect("assets/rules/claims.yaml");
    let patterns: Vec<String> = shipped_claim_patterns(&yaml)
        .iter()
        .map(|p| format!(r"(?i)(?-u:\b)(?:{p})(?-u:\b)"))
        .collect();
    let dfa = dense::Builder::new()
        .configure(dense::Config::new().match_kind(MatchKind::All))
        .build_many(&patterns)
        .expect("the shipped claims compile to one DFA");
    let (bytes, pad) = if std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big") {
        dfa.to_bytes_big_endian()
    } else {
        dfa.to_bytes_little_endian()
    };
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("claims.dfa"), &bytes[pad..]).expect("OUT_DIR is writable");
    let mut listed = String::new();
    for p in &patterns {
        listed.push_str(p);
        listed.push('\0');
    }
    std::fs::write(out.join("claims.patterns"), listed).expect("OUT_DIR is writable");
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    misspellings();
    claims_dfa();
    en_us_words();
    // only in a git checkout: a missing path would make cargo rerun this script every build
    if std::path::Path::new(".git/HEAD").is_file() {
        println!("cargo:rerun-if-changed=.git/HEAD");
        println!("cargo:rerun-if-changed=.git/refs/heads");
    }
    let rev = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    if let Some(rev) = rev {
        println!("cargo:rustc-env=GUIDEPRESS_GIT_REV={rev}");
    }
}

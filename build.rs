//! Build-time data:
//! - the git revision guidepress is built from (`GUIDEPRESS_GIT_REV`), so `init` can write a
//!   workflow that installs exactly this version (outside a git checkout nothing is set and
//!   the version tag is used instead);
//! - the typos-dict misspelling list as one offset-based blob (`$OUT_DIR/misspellings.bin`,
//!   read by `src/lint/misspellings.rs`). The crate's own table is a static array of string
//!   slices, which costs the loader a relocation per pointer (about 250,000) at every start.

use std::io::Write;

/// `misspellings.bin`: u32 count, (count + 1) u32 offsets into the records, then the
/// records sorted by key: `key \t correction (\x1f correction)*`, keys lower-case.
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
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("misspellings.bin");
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(&out))
        .expect("OUT_DIR is writable");
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    misspellings();
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

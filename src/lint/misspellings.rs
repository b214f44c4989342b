//! Known misspellings (typos-dict, MIT/Apache-2.0) as compiled by build.rs into one blob:
//! a count, offsets, then records `key \t correction (\x1f correction)*` sorted by
//! lower-case key, and a hash index of the keys. Looked up in the index (one or two records
//! read, where a binary search read seventeen); the blob is plain bytes, so unlike a static
//! table of string slices it costs the loader nothing at start-up.

const BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.bin"));

fn u32_at(at: usize) -> usize {
    let b = &BLOB[at..at + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
}

fn count() -> usize {
    u32_at(0)
}

/// Record `i`: (key, corrections joined by \x1f).
fn record(i: usize) -> (&'static [u8], &'static [u8]) {
    let base = 4 + (count() + 1) * 4;
    let (s, e) = (u32_at(4 + i * 4), u32_at(4 + (i + 1) * 4));
    let rec = &BLOB[base + s..base + e];
    let tab = rec.iter().position(|&b| b == b'\t').unwrap_or(rec.len());
    (&rec[..tab], rec.get(tab + 1..).unwrap_or(&[]))
}

/// The hash index of the keys (build.rs): u32 slots, each 0 (empty) or record number + 1,
/// linear probing from the slot of [`fnv1a`] of the key.
const INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/misspellings.idx"));

/// FNV-1a (64-bit), as build.rs hashes the keys.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The record number of `key` (lower-case), looked up in the hash index.
fn position(key: &[u8]) -> Option<usize> {
    let slots = INDEX.len() / 4;
    if slots == 0 {
        return None;
    }
    let mut at = fnv1a(key) as usize & (slots - 1);
    // the index is at most half full: an empty slot ends every probe
    for _ in 0..slots {
        let b = &INDEX[at * 4..at * 4 + 4];
        let i = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        if i == 0 {
            return None;
        }
        if record(i - 1).0 == key {
            return Some(i - 1);
        }
        at = (at + 1) & (slots - 1);
    }
    None
}

/// The corrections for `word` (any case) when it is a known misspelling.
pub fn find(word: &str) -> Option<Vec<&'static str>> {
    let key = word.to_lowercase();
    let (_, fixes) = record(position(key.as_bytes())?);
    let fixes = std::str::from_utf8(fixes).ok()?;
    Some(fixes.split('\x1f').filter(|f| !f.is_empty()).collect())
}

/// Number of misspellings listed.
pub fn len() -> usize {
    count()
}

/// Misspelling `i` and its corrections.
#[cfg(test)]
pub(crate) fn key(i: usize) -> (&'static str, Vec<&'static str>) {
    let (k, fixes) = record(i);
    let text = |b: &'static [u8]| std::str::from_utf8(b).unwrap_or("");
    (
        text(k),
        text(fixes)
            .split('\x1f')
            .filter(|f| !f.is_empty())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_list_is_sorted_and_finds_words_in_any_case() {
        assert!(len() > 30_000, "{}", len());
        for i in 1..len() {
            assert!(record(i - 1).0 < record(i).0, "not sorted at {i}");
        }
        assert_eq!(find("teh"), Some(vec!["the"]));
        assert_eq!(find("Teh"), Some(vec!["the"]));
        assert_eq!(find("recieve"), Some(vec!["receive"]));
        assert_eq!(find("collagen"), None);
        assert_eq!(find(""), None);
    }

    /// Every listed misspelling is found through the index, with its own corrections, and
    /// the index is a power of two of slots, at most half full.
    #[test]
    fn the_index_finds_every_key() {
        let slots = INDEX.len() / 4;
        assert!(
            slots.is_power_of_two() && slots >= 2 * len(),
            "slots: {slots}"
        );
        for i in 0..len() {
            let (k, fixes) = key(i);
            assert_eq!(position(k.as_bytes()), Some(i), "{k}");
            assert_eq!(find(k), Some(fixes), "{k}");
        }
        assert_eq!(position(b"collagen"), None);
    }
}

//! Known misspellings (typos-dict, MIT/Apache-2.0) as compiled by build.rs into one blob:
//! a count, offsets, then records `key \t correction (\x1f correction)*` sorted by
//! lower-case key. Looked up by binary search; the blob is plain bytes, so unlike a static
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

/// The corrections for `word` (any case) when it is a known misspelling.
pub fn find(word: &str) -> Option<Vec<&'static str>> {
    let key = word.to_lowercase();
    let (mut lo, mut hi) = (0, count());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (k, fixes) = record(mid);
        match k.cmp(key.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                let fixes = std::str::from_utf8(fixes).ok()?;
                return Some(fixes.split('\x1f').filter(|f| !f.is_empty()).collect());
            }
        }
    }
    None
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
}

//! Small shared helpers: I/O error wording and atomic file writes.

use std::io::Write;
use std::path::Path;

/// An I/O error in plain words, without Rust's "(os error N)" suffix.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "is a directory, expected a file".to_string(),
        NotADirectory => "a path component is not a directory".to_string(),
        ReadOnlyFilesystem => "read-only file system".to_string(),
        FileTooLarge => {
            "file too large (the file size limit, `ulimit -f`, or the file system's)".to_string()
        }
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// The closest allowed name, if it is close enough to be a plausible typo.
pub fn did_you_mean(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// `n` and a noun, plural unless `n` is 1: `plural(2, "guide")` is `2 guides`,
/// `plural(2, "fix")` is `2 fixes`. The one pluralising helper of every message.
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {}", noun_for(n, noun))
}

/// The noun alone, singular for 1 and plural otherwise (English regular plurals: `fix` →
/// `fixes`, `entry` → `entries`, `guide` → `guides`; the last word of a phrase inflects).
pub(crate) fn noun_for(n: usize, noun: &str) -> String {
    if n == 1 {
        return noun.to_string();
    }
    let consonant_y = noun.strip_suffix('y').is_some_and(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiouAEIOU".contains(c))
    });
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| noun.ends_with(e))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// The permission bits of a file (0644 where the platform has none), so a rewrite keeps them.
pub(crate) fn mode_of(meta: &std::fs::Metadata) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o7777
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        0o644
    }
}

/// Prefix and suffix of every temporary file guidepress creates (`.guidepress-*.tmp`).
pub(crate) const TEMP_PREFIX: &str = ".guidepress-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// The folder of `path` (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The run (process id) that made a temporary file named `.guidepress-<pid>-*.tmp`; `None`
/// for any other name.
pub(crate) fn temp_run(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = rest.split_once('-')?;
    if random.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// An empty temporary file in the folder of `path`, so a rename onto `path` is atomic. Its
/// name carries this run's process id (`.guidepress-<pid>-*.tmp`): a later run removes it
/// only once this process is gone.
pub(crate) fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder_of(path))
}

/// `bytes` in a synced temporary file beside `path`, with `mode` (default 0644: tempfile
/// creates 0600, and outputs are ordinary shareable files). Dropping it removes the file.
pub(crate) fn write_temp_beside(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> std::io::Result<tempfile::TempPath> {
    write_temp_beside_with(path, mode, |w| w.write_all(bytes))
}

/// Like [`write_temp_beside`], with the content streamed by `fill` through a buffer.
pub(crate) fn write_temp_beside_with(
    path: &Path,
    mode: Option<u32>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<tempfile::TempPath> {
    let mut tmp = temp_beside(path)?;
    {
        let mut w = std::io::BufWriter::new(&mut tmp);
        fill(&mut w)?;
        w.flush()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode.unwrap_or(0o644)))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.as_file().sync_all()?;
    Ok(tmp.into_temp_path())
}

/// Write `bytes` to `path` atomically: a temp file in the same folder, synced, then renamed.
/// On any failure the previous file (if any) is left untouched and the temp file is removed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<()> {
    write_atomic_with(path, mode, |w| w.write_all(bytes))
}

/// [`write_atomic`] with the content streamed by `fill` (a report too large to hold twice).
pub(crate) fn write_atomic_with(
    path: &Path,
    mode: Option<u32>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    write_temp_beside_with(path, mode, fill)?
        .persist(path)
        .map_err(|e| e.error)
}

/// Why an input (a guide, a config, a word list, a dictionary) could not be read: the
/// reason in words that follow "cannot read FILE: ", and the I/O error when there was one
/// (not for a refused file).
#[derive(Debug)]
pub(crate) struct Unreadable {
    pub(crate) reason: String,
    pub(crate) source: Option<std::io::Error>,
}

impl From<std::io::Error> for Unreadable {
    fn from(e: std::io::Error) -> Self {
        Unreadable {
            reason: io_reason(&e),
            source: Some(e),
        }
    }
}

impl From<String> for Unreadable {
    fn from(reason: String) -> Self {
        Unreadable {
            reason,
            source: None,
        }
    }
}

/// Largest guide, configuration, imported article or standard input read (a long real guide
/// is under 1 MB): past it a run stops reading and fails (exit 2) naming the file.
pub const MAX_INPUT_BYTES: u64 = 64 << 20;

/// Read a guide, a configuration or an imported article: [`read_capped_for`] with the
/// [`MAX_INPUT_BYTES`] limit (a regular file only; a FIFO or device is refused unopened).
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>, Unreadable> {
    read_capped_for(
        path,
        MAX_INPUT_BYTES,
        "guides, configurations and imported files",
    )
}

/// Read all of `reader` (standard input) up to `cap` bytes; past it, the reason in words
/// (read through a reader that stops one byte past the cap: `yes | guidepress validate -`
/// costs at most `cap` bytes).
pub(crate) fn read_stream_capped(
    reader: &mut dyn std::io::Read,
    cap: u64,
) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(format!("larger than the {} MiB limit for standard input", cap >> 20).into());
    }
    Ok(bytes)
}

/// Read a file of at most `cap` bytes, or say why not in words that follow "cannot read
/// FILE: " ("larger than the 64 MiB limit for `what`"). Only a regular file is read (a
/// device such as /dev/zero or a FIFO may never end, or block: checked before opening), and
/// through a reader that stops one byte past the cap.
pub(crate) fn read_capped_for(path: &Path, cap: u64, what: &str) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let not_a_file = |m: &std::fs::Metadata| {
        if m.is_dir() {
            // the error reading a folder gives, kept as the source
            Unreadable {
                reason: "is a directory, expected a file".to_string(),
                source: Some(std::io::ErrorKind::IsADirectory.into()),
            }
        } else {
            "not a regular file (a device, FIFO or socket); expected a file"
                .to_string()
                .into()
        }
    };
    // checked before opening: opening a FIFO waits for a writer
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let file = std::fs::File::open(path)?;
    // and again on the open file, in case the path changed in between
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let too_large = || format!("larger than the {} MiB limit for {what}", cap >> 20);
    if meta.len() > cap {
        return Err(too_large().into());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large().into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        super::write_atomic(&p, b"one", None).unwrap();
        super::write_atomic(&p, b"two", None).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

//! The library's errors: the variant a failure comes back as, the error it keeps as its
//! source, the message (naming the file) and the exit code the binary gives it.

use crate::common::*;
use guidepress::export::{ExportError, ExportFormat, Options};
use guidepress::project::{Error, Project};
use std::path::Path;

const GUIDE: &str = "id: marks\ntitle: Marks\nlanguage: en-US\nversion: 1.0.0\nauthors: [{name: A}]\nsections:\n  - id: a\n    title: A\n    blocks:\n      - paragraph: \"Done and not done.\"\n";

/// Export every guide of the project at `paths` in `format` into `out`, as `export` does.
fn export(paths: &[std::path::PathBuf], format: ExportFormat, out: &Path) -> Result<(), Error> {
    let project = Project::open(paths, None)?;
    let check = project.check_for_export();
    assert_eq!(check.report.refusal(), None, "the guide is valid");
    project
        .export(&check.report, &[format], out, &Options::default(), &|| {})
        .map(|_| ())
}

#[test]
fn a_backend_that_cannot_render_is_an_export_error_keeping_the_backends_error() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("marks.yaml");
    std::fs::write(&guide, GUIDE).unwrap();
    // a font file that cannot be read: the PDF backend refuses to render
    std::fs::write(
        dir.path().join(".guidepress.yaml"),
        "pdf:\n  fonts: [fonts/none.ttf]\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let err = export(std::slice::from_ref(&guide), ExportFormat::Pdf, &out).unwrap_err();
    let Error::Export { file, format, .. } = &err else {
        panic!("expected Error::Export, got {err:?}");
    };
    assert_eq!(file, &guide.display().to_string());
    assert_eq!(*format, "pdf");
    let source = std::error::Error::source(&err).expect("the backend's error is kept");
    let Some(ExportError::Render(reason)) = source.downcast_ref::<ExportError>() else {
        panic!("expected ExportError::Render as the source, got {source:?}");
    };
    assert!(
        reason.contains("none.ttf (no font could be read there)"),
        "{reason}"
    );
    assert_eq!(
        err.to_string(),
        format!("{}: cannot export pdf: {reason}", guide.display())
    );
    assert!(!out.join("marks.pdf").exists(), "nothing is written");
    // the binary: the same message (the guide and font named from the working folder),
    // exit 2
    let o = run_in(
        dir.path(),
        &["export", "--format", "pdf", "--out", "out", "marks.yaml"],
    );
    assert_code(&o, 2);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.starts_with("error[export]: marks.yaml: cannot export pdf: the configuration's pdf.fonts names 1 font that cannot be used: ")
            && stderr.contains("none.ttf (no font could be read there)"),
        "{stderr}"
    );
}

#[test]
fn an_output_folder_that_is_a_file_is_an_io_error_keeping_the_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("marks.yaml");
    std::fs::write(&guide, GUIDE).unwrap();
    let out = dir.path().join("out");
    std::fs::write(&out, "not a folder").unwrap();
    let err = export(&[guide], ExportFormat::Txt, &out).unwrap_err();
    let Error::Io { path, reason, .. } = &err else {
        panic!("expected Error::Io, got {err:?}");
    };
    assert_eq!(path, &out.display().to_string());
    assert_eq!(reason, "exists and is not a directory");
    let source = std::error::Error::source(&err).expect("the I/O error is kept");
    let io = source
        .downcast_ref::<std::io::Error>()
        .expect("an io::Error");
    assert_eq!(io.kind(), std::io::ErrorKind::NotADirectory);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "not a folder");
}

/// The I/O error behind `err`, which must be an [`Error::Config`] whose message names
/// `file` and says `says`.
fn config_io_source(err: &Error, file: &str, says: &str) -> std::io::ErrorKind {
    let Error::Config(c) = err else {
        panic!("expected Error::Config, got {err:?}");
    };
    assert_eq!(c.diagnostic.file, file);
    assert!(err.to_string().contains(says), "{err}");
    assert_eq!(err.exit_code(), guidepress::EXIT_USAGE);
    let source = std::error::Error::source(err).expect("the I/O error is kept");
    source
        .downcast_ref::<std::io::Error>()
        .expect("an io::Error")
        .kind()
}

#[test]
fn an_unreadable_config_is_a_config_error_keeping_the_io_error() {
    let dir = tempfile::tempdir().unwrap();
    // a folder by the config's name: opened, but not readable as text
    let config = dir.path().join(".guidepress.yaml");
    std::fs::create_dir(&config).unwrap();
    let Err(err) = Project::open(&[dir.path().to_path_buf()], Some(&config)) else {
        panic!("the project opened");
    };
    let name = config.display().to_string();
    let kind = config_io_source(&err, &name, "cannot read config: ");
    assert_eq!(kind, std::io::ErrorKind::IsADirectory);
    // the message is the one the binary printed before the source was kept
    let report = err.report();
    assert!(
        report.starts_with(&format!(
            "error[config]: {name}: cannot read config: is a directory"
        )),
        "{report}"
    );
}

#[test]
fn a_missing_vocabulary_file_is_a_config_error_keeping_the_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".guidepress.yaml");
    std::fs::write(&config, "vocabulary: [missing.txt]\n").unwrap();
    let Err(err) = Project::open(&[dir.path().to_path_buf()], Some(&config)) else {
        panic!("the project opened");
    };
    let kind = config_io_source(
        &err,
        &config.display().to_string(),
        "cannot read vocabulary file ",
    );
    assert_eq!(kind, std::io::ErrorKind::NotFound);
}

#[test]
fn an_invalid_config_is_a_config_error_without_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join(".guidepress.yaml");
    std::fs::write(&config, "rules: [\n").unwrap();
    let Err(err) = Project::open(&[dir.path().to_path_buf()], Some(&config)) else {
        panic!("the project opened");
    };
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(std::error::Error::source(&err).is_none(), "{err:?}");
}

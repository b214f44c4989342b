//! guidepress: validate, lint and export structured guides.
//!
//! Pipeline: [`load`] (YAML with spans) -> [`model`] (typed guide) -> [`validate`]
//! (schema + semantic checks) -> [`lint`] (rules in a registry) -> [`export`]
//! (one backend per format). [`diag`] holds the one diagnostic type and its renderers.
//! [`project`] is the driver the command line (in `main.rs`), tests and editors share.

#![warn(unreachable_pub)]

pub mod config;
pub mod diag;
pub(crate) mod error;
pub mod escape;
pub mod export;
pub mod fix;
pub mod fs;
pub mod import;
pub(crate) mod interrupt;
pub mod lint;
pub mod load;
pub mod lsp;
pub mod man;
pub mod model;
pub mod project;
pub mod scaffold;
pub mod semantic;
pub mod settings;
pub mod source;
pub mod stats;
pub mod template;
pub(crate) mod text;
pub mod util;
pub mod validate;

/// Exit code: no findings at error severity.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one finding at error severity.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage error or I/O error (missing path, unreadable file, cannot write).
pub const EXIT_USAGE: i32 = 2;
/// Exit code: interrupted by Ctrl-C or SIGTERM (128 + SIGINT); nothing was committed.
pub const EXIT_INTERRUPTED: i32 = 130;

/// The git revision this binary was built from (set by build.rs in a git checkout).
pub(crate) const GIT_REV: Option<&str> = option_env!("GUIDEPRESS_GIT_REV");

/// The README of the guidepress version that wrote a report, when the crate's `repository`
/// (Cargo.toml) is known: `{repository}/blob/{revision or tag}/README.md`.
pub fn docs_base() -> Option<String> {
    docs_base_of(env!("CARGO_PKG_REPOSITORY"), GIT_REV)
}

fn docs_base_of(repository: &str, rev: Option<&str>) -> Option<String> {
    let repo = repository.trim_end_matches('/');
    if repo.is_empty() {
        return None;
    }
    let rev = rev.map_or_else(|| format!("v{}", env!("CARGO_PKG_VERSION")), str::to_string);
    Some(format!("{repo}/blob/{rev}/README.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_uri_points_into_the_readme_of_the_revision() {
        assert_eq!(docs_base_of("", Some("abc")), None);
        assert_eq!(
            docs_base_of("https://git.example/org/guidepress/", Some("0123abc")).unwrap(),
            "https://git.example/org/guidepress/blob/0123abc/README.md"
        );
        assert!(
            docs_base_of("https://git.example/g", None)
                .unwrap()
                .ends_with(&format!("/blob/v{}/README.md", env!("CARGO_PKG_VERSION")))
        );
    }
}

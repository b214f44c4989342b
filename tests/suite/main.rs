//! The integration tests, linked into one binary (`cargo test --test suite`): each module
//! below runs the real `guidepress` binary or the library on fixtures under tests/fixtures/.
//! One binary instead of one per file keeps the test build small (each link carries the
//! whole library and its dependencies) and fast to link on CI's two cores.
//! Run one area with a filter: `cargo test --test suite lexicon::`.

mod common;

mod build;
mod cli;
mod contracts;
mod conveniences;
mod docs;
mod errors;
mod export;
mod fix;
mod function_length;
mod fuzz_regressions;
mod hostile;
mod html;
mod import;
mod languages;
mod layers;
mod lexicon;
mod lint;
mod lsp;
mod messages;
mod pdf_determinism;
mod pdf_text;
mod pdf_ua;
mod publication;
mod reliability_fs;
mod reliability_inputs;
mod reliability_writes;
mod restatement;
mod restates_definition;
mod root;
mod rules_precision;
mod scale;
mod schema;
mod scripts;

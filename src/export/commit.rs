//! The file transaction moved to [`crate::fs::commit`]; this path stays for existing callers.

pub use crate::fs::commit::*;

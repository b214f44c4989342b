//! guidepress binary: everything lives in the library; see `guidepress --help`.

fn main() {
    std::process::exit(guidepress::cli::main());
}

//! Embeds the git revision guidepress is built from (`GUIDEPRESS_GIT_REV`), so `init` can
//! write a workflow that installs exactly this version. Outside a git checkout (a crates.io
//! or tarball build) nothing is set and the version tag is used instead.

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    println!("cargo:rerun-if-changed=.git/refs/heads");
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

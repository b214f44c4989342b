//! Exports are a function of the guides and SOURCE_DATE_EPOCH only: two builds of the same
//! 50 guides, run at the same time into two folders, give byte-identical files (the PDF
//! trailer /ID included).

use crate::common::*;
use std::path::Path;

const VALID: &str = "tests/fixtures/edge/valid.yaml";

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn two_parallel_builds_of_50_guides_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    let text = std::fs::read_to_string(root().join(VALID)).unwrap();
    for i in 0..50 {
        std::fs::write(
            content.join(format!("guide-{i}.yaml")),
            text.replace("id: sample-guide", &format!("id: guide-{i}"))
                .replacen("title: ", &format!("title: Guide {i} "), 1),
        )
        .unwrap();
    }
    let build = |out: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_guidepress"))
            .args(["build", "content", "--out", out])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (build("A"), build("B"));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let (a, b) = (files(&dir.path().join("A")), files(&dir.path().join("B")));
    let pdfs = a.iter().filter(|(n, _)| n.ends_with(".pdf")).count();
    assert_eq!(pdfs, 50, "{:?}", a.iter().map(|f| &f.0).collect::<Vec<_>>());
    assert_eq!(a.len(), b.len());
    let differ: Vec<&String> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| &x.0)
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} files differ: {differ:?}",
        differ.len(),
        a.len()
    );
    // the /ID is there, and differs between guides (it is derived from each file)
    let id = |bytes: &[u8]| {
        let s = String::from_utf8_lossy(bytes);
        let i = s.rfind("/ID").expect("a trailer /ID");
        s[i..(i + 80).min(s.len())].to_string()
    };
    let ids: std::collections::BTreeSet<String> = a
        .iter()
        .filter(|(n, _)| n.ends_with(".pdf"))
        .map(|(_, b)| id(b))
        .collect();
    assert_eq!(ids.len(), 50);
}

//! The tagged PDF as independent tools see it: qpdf's JSON view of the objects is walked from
//! the catalog through the structure tree (roles, nesting, marked-content references, the
//! ParentTree, metadata), and the `pdfua` checker (PyPI) runs its PDF/UA-1 rules.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

struct Pdf {
    objects: BTreeMap<String, Value>,
    trailer: Value,
}

impl Pdf {
    fn open(path: &Path) -> Option<Pdf> {
        let qpdf = tool("qpdf")?;
        let out = std::process::Command::new(qpdf)
            .args(["--json=2", "--json-key=qpdf"])
            .arg(path)
            .output()
            .unwrap();
        assert!(out.status.success(), "qpdf --json failed");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let objs = json["qpdf"][1].as_object().unwrap();
        Some(Pdf {
            trailer: objs["trailer"]["value"].clone(),
            objects: objs.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        })
    }

    /// Follow a reference ("12 0 R"); other values are returned as they are.
    fn get<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => {
                let o = &self.objects[&format!("obj:{r}")];
                o.get("value").unwrap_or(&o["stream"]["dict"])
            }
            _ => v,
        }
    }

    fn catalog(&self) -> &Value {
        self.get(&self.trailer["/Root"])
    }

    fn pages(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo = vec![self.catalog()["/Pages"].as_str().unwrap().to_string()];
        while let Some(r) = todo.pop() {
            let key = Value::String(r.clone());
            let node = self.get(&key);
            if node["/Type"] == "/Page" {
                out.push(r);
            } else {
                for k in node["/Kids"].as_array().unwrap().iter().rev() {
                    todo.push(k.as_str().unwrap().to_string());
                }
            }
        }
        out
    }
}

/// (depth, role) of each structure element, in reading order.
type Roles = Vec<(usize, String)>;
/// (page reference, MCID) of each marked-content reference.
type Refs = Vec<(String, i64)>;

/// Roles in reading order with their depth, and every marked-content reference.
fn walk(pdf: &Pdf) -> (Roles, Refs) {
    let root = pdf.get(&pdf.catalog()["/StructTreeRoot"]);
    assert_eq!(root["/Type"], "/StructTreeRoot");
    let mut roles = Vec::new();
    let mut refs = Vec::new();
    fn visit(
        pdf: &Pdf,
        v: &Value,
        depth: usize,
        roles: &mut Roles,
        refs: &mut Refs,
        page: Option<&str>,
    ) {
        if let Some(items) = v.as_array() {
            for i in items {
                visit(pdf, i, depth, roles, refs, page);
            }
            return;
        }
        if let Some(n) = v.as_i64() {
            refs.push((page.expect("an MCID kid needs /Pg").to_string(), n));
            return;
        }
        let d = pdf.get(v);
        if d["/Type"] == "/MCR" {
            refs.push((
                d["/Pg"].as_str().unwrap().to_string(),
                d["/MCID"].as_i64().unwrap(),
            ));
            return;
        }
        let role = d["/S"]
            .as_str()
            .unwrap()
            .trim_start_matches('/')
            .to_string();
        roles.push((depth, role));
        let pg = d["/Pg"].as_str().or(page);
        visit(pdf, &d["/K"], depth + 1, roles, refs, pg);
    }
    visit(pdf, &root["/K"], 0, &mut roles, &mut refs, None);
    (roles, refs)
}

fn export_pdf(guide: &str, dir: &Path) -> std::path::PathBuf {
    let o = run_env(
        &[
            "export",
            "--quiet",
            "--format",
            "pdf",
            "--out",
            dir.to_str().unwrap(),
            guide,
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_code(&o, 0);
    let id = std::fs::read_to_string(guide)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("id: ").map(str::to_string))
        .unwrap();
    dir.join(format!("{id}.pdf"))
}

#[test]
fn the_structure_tree_follows_the_guide() {
    let dir = tempfile::tempdir().unwrap();
    let path = export_pdf("content/microneedling-101.yaml", dir.path());
    let Some(pdf) = Pdf::open(&path) else { return };
    let catalog = pdf.catalog();
    assert_eq!(catalog["/MarkInfo"]["/Marked"], true);
    assert_eq!(catalog["/ViewerPreferences"]["/DisplayDocTitle"], true);
    assert_eq!(catalog["/Lang"], "u:en-US");
    assert!(catalog["/Outlines"].is_string(), "outline kept");
    // no PDF/X claim without an OutputIntent
    let info = pdf.get(&pdf.trailer["/Info"]);
    assert!(info.get("/GTS_PDFXVersion").is_none(), "{info}");

    let (roles, refs) = walk(&pdf);
    assert_eq!(roles[0], (0, "Document".to_string()));
    assert_eq!(roles[1], (1, "H1".to_string()), "the title comes first");
    // headings never skip a level going down
    let mut last = 1;
    for (_, r) in &roles {
        if let Some(n) = r.strip_prefix('H').and_then(|n| n.parse::<u32>().ok()) {
            assert!(n <= last + 1, "H{n} after H{last}");
            last = n;
        }
    }
    let count = |role: &str| roles.iter().filter(|(_, r)| r == role).count();
    let guide = std::fs::read_to_string("content/microneedling-101.yaml").unwrap();
    let sections = guide.matches("\n  - id: ").count() + guide.matches("\n      - id: ").count();
    assert_eq!(count("H2") + count("H3"), sections, "{roles:?}");
    assert!(count("P") > 20 && count("L") > 0, "{roles:?}");
    assert_eq!(count("LI"), count("Lbl"));
    assert_eq!(count("LI"), count("LBody"));
    // every list item is Lbl + LBody inside LI inside L
    for (i, (d, r)) in roles.iter().enumerate() {
        if r == "LI" {
            assert_eq!(roles[i + 1], (d + 1, "Lbl".to_string()));
            assert_eq!(roles[i + 2], (d + 1, "LBody".to_string()));
        }
    }

    // every MCID is referenced once, and the ParentTree maps it back to an element
    let pages = pdf.pages();
    let parent_tree = pdf.get(&pdf.get(&pdf.catalog()["/StructTreeRoot"])["/ParentTree"]);
    let nums = parent_tree["/Nums"].as_array().unwrap();
    assert_eq!(nums.len(), 2 * pages.len());
    let mut seen = std::collections::BTreeSet::new();
    for (page, mcid) in &refs {
        assert!(
            seen.insert((page.clone(), *mcid)),
            "MCID {mcid} on {page} twice"
        );
        let p = pages.iter().position(|x| x == page).expect("a real page");
        let page_ref = Value::String(page.clone());
        let key = pdf.get(&page_ref)["/StructParents"].as_i64().unwrap();
        assert_eq!(nums[2 * p].as_i64(), Some(key));
        let list = pdf.get(&nums[2 * p + 1]).as_array().unwrap();
        assert!(
            (*mcid as usize) < list.len(),
            "MCID {mcid} not in the ParentTree"
        );
    }
    for (p, _) in pages.iter().enumerate() {
        let list = pdf.get(&nums[2 * p + 1]).as_array().unwrap();
        let on_page = refs.iter().filter(|(pg, _)| *pg == pages[p]).count();
        assert_eq!(list.len(), on_page, "page {p}: every MCID is referenced");
    }

    // XMP: PDF/UA identification, title and authors
    let meta = &pdf.objects[&format!("obj:{}", pdf.catalog()["/Metadata"].as_str().unwrap())];
    assert_eq!(meta["stream"]["dict"]["/Subtype"], "/XML");
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(text.contains("Microneedling 101: Everything You Need to Know</rdf:li>"));
    assert!(text.starts_with("%PDF-1.7"));
}

#[test]
fn callouts_are_notes_with_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = export_pdf("tests/fixtures/export/escaping-pdf.yaml", dir.path());
    let Some(pdf) = Pdf::open(&path) else { return };
    let (roles, _) = walk(&pdf);
    let notes: Vec<usize> = (0..roles.len()).filter(|&i| roles[i].1 == "Note").collect();
    assert!(!notes.is_empty(), "{roles:?}");
    for i in notes {
        // the label and the text, each a paragraph
        assert_eq!(roles[i + 1], (roles[i].0 + 1, "P".to_string()));
    }
    let root = pdf.get(&pdf.catalog()["/StructTreeRoot"]);
    let names = root["/IDTree"]["/Names"].as_array().expect("an IDTree");
    assert!(!names.is_empty());
}

#[test]
fn header_footer_and_rules_are_artifacts_and_text_has_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = export_pdf("content/microneedling-101.yaml", dir.path());
    let Some(qpdf) = tool("qpdf") else { return };
    let content = qdf_text(&qpdf, &path, dir.path());
    // the running footer ("Page N of M") is pagination furniture
    let artifacts = content
        .matches("/Artifact <</Type/Pagination>> BDC")
        .count();
    assert!(artifacts >= 2, "pagination artifacts: {artifacts}");
    assert!(
        content.contains("/Artifact BMC"),
        "rules and fills are artifacts"
    );
    // every BDC/BMC is closed
    let opened = content.matches(" BDC").count() + content.matches(" BMC").count();
    assert_eq!(opened, content.matches("EMC").count());
    // words are separated by real spaces in the extracted text
    if let Some(pdftotext) = tool("pdftotext") {
        let out = std::process::Command::new(pdftotext)
            .args(["-raw"])
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Microneedling is also called collagen induction therapy."),
            "{}",
            &text[..text.len().min(600)]
        );
    }
}

#[test]
fn pdfua_checker_finds_nothing_in_any_exported_fixture() {
    let Some(pdfua) = tool("pdfua") else { return };
    let dir = tempfile::tempdir().unwrap();
    for guide in [
        "content/microneedling-101.yaml",
        "tests/fixtures/export/escaping-pdf.yaml",
        "tests/fixtures/edge/valid.yaml",
        "tests/fixtures/microneedling-101.original.yaml",
        // parts and inline spans in other languages (Span elements with /Lang), Hebrew
        // with mirrored brackets
        "tests/fixtures/export/languages.yaml",
    ] {
        let sub = tempfile::tempdir_in(dir.path()).unwrap();
        let path = export_pdf(guide, sub.path());
        let o = std::process::Command::new(&pdfua)
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{guide}:\n{report}");
        assert!(
            report.contains("PASS") && !report.contains("[skip"),
            "{guide}:\n{report}"
        );
    }
}

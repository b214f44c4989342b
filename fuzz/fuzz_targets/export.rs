//! Arbitrary *valid* guides (built from an `Arbitrary` model, serialised to YAML and loaded
//! through the real pipeline) exported to text, EPUB and PDF: no panic, and the PDF layout
//! never draws outside the page.
#![no_main]

use arbitrary::Arbitrary;
use guidepress::export::{ExportFormat, Options, Paper, PdfOptions, TxtOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Arbitrary, Debug)]
enum FBlock {
    Paragraph(String),
    Ordered(Vec<String>),
    Bullets(Vec<String>),
    Callout(u8, Option<String>, String),
}

#[derive(Arbitrary, Debug)]
struct FSection {
    title: String,
    blocks: Vec<FBlock>,
    subsections: Vec<(String, Vec<FBlock>)>,
}

#[derive(Arbitrary, Debug)]
struct FGuide {
    title: String,
    subtitle: Option<String>,
    disclaimer: Option<String>,
    intro: Vec<FBlock>,
    sections: Vec<FSection>,
    letter: bool,
    width: u8,
    ascii: bool,
}

fn text(s: &str) -> String {
    if s.trim().is_empty() { "x".to_string() } else { s.to_string() }
}

fn blocks(bs: &[FBlock]) -> Value {
    Value::Array(
        bs.iter()
            .map(|b| match b {
                FBlock::Paragraph(t) => json!({"paragraph": text(t)}),
                FBlock::Ordered(items) | FBlock::Bullets(items) => {
                    let key = if matches!(b, FBlock::Ordered(_)) { "ordered" } else { "bullets" };
                    let mut v: Vec<String> = items.iter().map(|i| text(i)).collect();
                    if v.is_empty() {
                        v.push("x".into());
                    }
                    json!({ key: v })
                }
                FBlock::Callout(k, title, t) => {
                    let kind = ["note", "tip", "warning"][usize::from(*k) % 3];
                    let mut c = json!({"kind": kind, "text": text(t)});
                    if let Some(ti) = title {
                        c["title"] = Value::from(text(ti));
                    }
                    json!({ "callout": c })
                }
            })
            .collect(),
    )
}

fuzz_target!(|g: FGuide| {
    let mut sections = Vec::new();
    for (i, s) in g.sections.iter().enumerate().take(20) {
        let mut sec = json!({"id": format!("s{i}"), "title": text(&s.title), "blocks": blocks(&s.blocks)});
        if s.blocks.is_empty() {
            sec["blocks"] = json!([{"paragraph": "x"}]);
        }
        let subs: Vec<Value> = s
            .subsections
            .iter()
            .enumerate()
            .map(|(j, (t, b))| json!({"id": format!("s{i}-{j}"), "title": text(t), "blocks": if b.is_empty() { json!([{"paragraph": "x"}]) } else { blocks(b) }}))
            .collect();
        if !subs.is_empty() {
            sec["sections"] = Value::Array(subs);
        }
        sections.push(sec);
    }
    if sections.is_empty() {
        sections.push(json!({"id": "only", "title": "Only", "blocks": [{"paragraph": "x"}]}));
    }
    let mut guide = json!({
        "id": "fuzz", "title": text(&g.title), "language": "en-US", "version": "1.0.0",
        "authors": [{"name": "Fuzz"}], "introduction": blocks(&g.intro), "sections": sections,
    });
    if let Some(s) = &g.subtitle {
        guide["subtitle"] = Value::from(text(s));
    }
    if let Some(d) = &g.disclaimer {
        guide["disclaimer"] = Value::from(text(d));
    }
    let Ok(yaml) = serde_yaml::to_string(&guide) else { return };
    let outcome = guidepress::validate::validate_source(guidepress::load::SourceFile::new("fuzz.yaml", yaml, false));
    let Some(doc) = outcome.document else { return };
    let options = Options {
        pdf: PdfOptions {
            paper: if g.letter { Paper::Letter } else { Paper::A4 },
            // only the bundled font and the system's: no configured fallback fonts
            fonts: Vec::new(),
        },
        txt: TxtOptions { width: 20 + usize::from(g.width), ascii: g.ascii },
    };
    for f in ExportFormat::all() {
        f.exporter().render(&doc.guide, &options).expect("a valid guide always exports");
    }
    let layout = guidepress::export::pdf::layout::layout(&doc.guide, options.pdf.paper);
    let geometry = guidepress::export::pdf::layout::Geometry::for_paper(options.pdf.paper);
    for page in &layout.pages {
        for item in page {
            if let guidepress::export::pdf::layout::Item::Text { x, width, .. } = item {
                assert!(*x >= geometry.left - 0.01 && x + width <= geometry.width - geometry.right + 0.01, "{item:?}");
            }
        }
    }
});

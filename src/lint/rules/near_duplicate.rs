//! `near-duplicate`: paraphrased repetition across sections. Sentences (and whole
//! paragraphs) become TF-IDF vectors over stemmed content words and word pairs; a unit
//! that scores at least the threshold (cosine) against an earlier one in another
//! section is reported once, pointing at its closest earlier match.

use crate::diag::{Diagnostic, Severity};
use crate::lint::text::{UnitKind, sentences, words};
use crate::lint::{Context, Rule};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

pub struct NearDuplicate;

const STOP: &[&str] = &[
    "a", "about", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "but", "by", "can", "could", "do", "does", "for", "from", "had", "has", "have", "how", "if",
    "in", "into", "is", "it", "its", "it's", "may", "might", "more", "most", "much", "not", "of",
    "on", "one", "or", "other", "our", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with",
    "would", "you", "your", "just", "like", "only", "own", "same", "both", "each", "well", "even",
];

/// One comparable piece of text.
struct Item {
    unit: usize,
    start: usize,
    end: usize,
    section: Option<usize>,
    features: Vec<(u32, f64)>,
}

/// Stemmed content words of a text.
pub(crate) fn content_stems(stemmer: &Stemmer, text: &str) -> Vec<String> {
    words(text)
        .iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .filter(|w| !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

struct Vocab(HashMap<String, u32>);

impl Vocab {
    fn id(&mut self, s: String) -> u32 {
        let n = self.0.len() as u32;
        *self.0.entry(s).or_insert(n)
    }
}

fn term_counts(vocab: &mut Vocab, stems: &[String]) -> HashMap<u32, f64> {
    let mut tf = HashMap::new();
    for s in stems {
        *tf.entry(vocab.id(s.clone())).or_insert(0.0) += 1.0;
    }
    for pair in stems.windows(2) {
        *tf.entry(vocab.id(format!("{} {}", pair[0], pair[1])))
            .or_insert(0.0) += 1.0;
    }
    tf
}

/// A text range before weighting: (unit, start, end, section, term counts).
type Raw = (usize, usize, usize, Option<usize>, HashMap<u32, f64>);

/// Weight term counts by IDF and normalise to unit length (sorted by term id).
fn vectorise(items: Vec<Raw>) -> Vec<Item> {
    let n = items.len() as f64;
    let mut df: HashMap<u32, f64> = HashMap::new();
    for it in &items {
        for t in it.4.keys() {
            *df.entry(*t).or_insert(0.0) += 1.0;
        }
    }
    items
        .into_iter()
        .map(|(unit, start, end, section, tf)| {
            let mut f: Vec<(u32, f64)> = tf
                .into_iter()
                .map(|(t, c)| {
                    (
                        t,
                        (1.0 + f64::ln(c)) * (1.0 + f64::ln((1.0 + n) / (1.0 + df[&t]))),
                    )
                })
                .collect();
            let norm = f.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            for x in &mut f {
                x.1 /= norm.max(f64::EPSILON);
            }
            f.sort_by_key(|x| x.0);
            Item {
                unit,
                start,
                end,
                section,
                features: f,
            }
        })
        .collect()
}

fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// For each item, its best-scoring earlier item in another section, when above `threshold`.
fn matches(items: &[Item], threshold: f64) -> Vec<(usize, usize, f64)> {
    // inverted index: only items sharing a term are compared
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    let mut scores: HashMap<usize, f64> = HashMap::new();
    for (k, it) in items.iter().enumerate() {
        scores.clear();
        for (t, w) in &it.features {
            if let Some(list) = index.get(t) {
                for &e in list {
                    let fe = &items[e].features;
                    if let Ok(p) = fe.binary_search_by_key(t, |x| x.0) {
                        *scores.entry(e).or_insert(0.0) += w * fe[p].1;
                    }
                }
            }
        }
        let best = scores
            .iter()
            .filter(|(e, _)| items[**e].section != it.section)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)));
        if let Some((&e, &s)) = best
            && s >= threshold
        {
            debug_assert!((s - cosine(&it.features, &items[e].features)).abs() < 1e-9);
            out.push((k, e, s));
        }
        for (t, _) in &it.features {
            index.entry(*t).or_default().push(k);
        }
    }
    out
}

impl Rule for NearDuplicate {
    fn id(&self) -> &'static str {
        "near-duplicate"
    }
    fn description(&self) -> &'static str {
        "Sentences or paragraphs in different sections that say the same thing."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let cfg = &cx.config.near_duplicate;
        let stemmer = Stemmer::create(Algorithm::English);
        let mut vocab = Vocab(HashMap::new());
        let mut sent_items = Vec::new();
        let mut para_items = Vec::new();
        for (ui, u) in cx.units.iter().enumerate() {
            if !matches!(
                u.kind,
                UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Callout
            ) {
                continue;
            }
            let all = content_stems(&stemmer, u.text);
            let sents = sentences(u.text);
            if sents.len() > 1 && all.len() >= cfg.min_words {
                para_items.push((
                    ui,
                    0,
                    u.text.len(),
                    u.section,
                    term_counts(&mut vocab, &all),
                ));
            }
            for (s, e) in sents {
                let stems = content_stems(&stemmer, &u.text[s..e]);
                if stems.len() >= cfg.min_words {
                    sent_items.push((ui, s, e, u.section, term_counts(&mut vocab, &stems)));
                }
            }
        }
        let src = &cx.doc.source;
        let mut reported_units = std::collections::HashSet::new();
        let sents = vectorise(sent_items);
        for (k, e, score) in matches(&sents, cfg.sentence_threshold) {
            let (it, first) = (&sents[k], &sents[e]);
            let (u, fu) = (&cx.units[it.unit], &cx.units[first.unit]);
            let floc = fu.locate(src, first.start, first.end);
            reported_units.insert(it.unit);
            out.push(
                cx.at(
                    self,
                    u,
                    it.start,
                    it.end,
                    format!(
                        "sentence restates one at line {} (similarity {score:.2})",
                        floc.line
                    ),
                )
                .label("says the same as an earlier sentence")
                .related(&src.name, floc, "said first here")
                .note("help: keep the first statement and cut or shorten this one"),
            );
        }
        let paras = vectorise(para_items);
        for (k, e, score) in matches(&paras, cfg.paragraph_threshold) {
            let (it, first) = (&paras[k], &paras[e]);
            if reported_units.contains(&it.unit) {
                continue;
            }
            let (u, fu) = (&cx.units[it.unit], &cx.units[first.unit]);
            let floc = fu.locate(src, first.start, first.end);
            out.push(
                cx.at(
                    self,
                    u,
                    0,
                    u.text.len().min(it.end),
                    format!(
                        "paragraph restates one at line {} (similarity {score:.2})",
                        floc.line
                    ),
                )
                .label("says much the same as an earlier paragraph")
                .related(&src.name, floc, "said first here"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paraphrases_score_high_and_unrelated_low() {
        let st = Stemmer::create(Algorithm::English);
        let mut v = Vocab(HashMap::new());
        let texts = [
            "This procedure involves using fine needles to create tiny punctures in the top layer of the skin.",
            "Microneedling involves using fine needles to create tiny punctures in the top layer of skin.",
            "Sunscreen is a must as the skin is more vulnerable to UV damage after the procedure.",
            "Bruising and bleeding are also possible for people who take blood-thinning medications.",
        ];
        let items: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    i,
                    0,
                    t.len(),
                    Some(i),
                    term_counts(&mut v, &content_stems(&st, t)),
                )
            })
            .collect();
        let items = vectorise(items);
        assert!(cosine(&items[0].features, &items[1].features) > 0.6);
        assert!(cosine(&items[0].features, &items[2].features) < 0.2);
        let m = matches(&items, 0.5);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].0, m[0].1), (1, 0));
    }
}

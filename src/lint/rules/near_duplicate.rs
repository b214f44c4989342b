//! `near-duplicate`: a passage said again in another section. Sentences become TF-IDF
//! vectors over stemmed content words and word pairs; each is matched with its closest
//! earlier sentence in another section. A paragraph is reported, sentence by sentence, when at
//! least three of its sentences restate sentences of one earlier paragraph (cosine at least the
//! threshold) and one of them is a near copy: measured on real articles (README "Prose rules on
//! real text"), a single sentence said again is nearly always deliberate (a section that stands
//! on its own, a lead the body expands, a summary), a repeated passage is what an editor cuts.
//! A sentence that restates the guide's definition is left to `restates-definition`. A
//! subheading that restates its parent heading is reported too.

use crate::diag::{Code, Diagnostic, Severity};
#[cfg(test)]
use crate::lint::Lexicon;
use crate::lint::text::{UnitId, UnitKind};
use crate::lint::{Context, Rule};
use rustc_hash::FxHashMap;

pub(super) struct NearDuplicate;

/// Function words ignored when comparing (data: assets/rules/stop-words.txt).
fn stop_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static STOP: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    STOP.get_or_init(|| {
        include_str!("../../../assets/rules/stop-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// One comparable piece of text.
struct Item {
    unit: usize,
    start: usize,
    end: usize,
    section: Option<usize>,
    /// (term id, weight), sorted by term id, unit length.
    features: Vec<(u32, f64)>,
}

/// Dense term ids for one guide: stems and stem pairs share one id space. Each distinct
/// word's stem (from the guide's word table) gets its id once.
struct Terms {
    /// Per word id of the guide's word table: its stem's id (`None`: not a content word).
    by_word: Vec<Option<Option<u32>>>,
    stems: FxHashMap<std::sync::Arc<str>, u32>,
    pairs: FxHashMap<(u32, u32), u32>,
    next: u32,
}

impl Terms {
    fn new(table_len: usize) -> Self {
        Terms {
            by_word: vec![None; table_len],
            stems: FxHashMap::default(),
            pairs: FxHashMap::default(),
            next: 0,
        }
    }

    fn fresh(next: &mut u32) -> u32 {
        *next += 1;
        *next - 1
    }

    fn stem_id(&mut self, info: &crate::lint::terms::WordInfo) -> Option<u32> {
        let stem = info.stem.as_ref()?;
        let next = &mut self.next;
        Some(
            *self
                .stems
                .entry(std::sync::Arc::clone(stem))
                .or_insert_with(|| Self::fresh(next)),
        )
    }

    /// Stem ids of content words (stop words and numbers dropped), for words of the guide's
    /// word table given by their ids.
    fn stem_ids_of(&mut self, table: &crate::lint::terms::WordTable, ids: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        for &w in ids {
            let id = match self.by_word[w as usize] {
                Some(id) => id,
                None => {
                    let id = self.stem_id(table.info(w));
                    self.by_word[w as usize] = Some(id);
                    id
                }
            };
            out.extend(id);
        }
        out
    }

    /// Stem ids of content words (stop words and numbers dropped), for any words.
    #[cfg(test)]
    fn stem_ids(&mut self, lexicon: &Lexicon, words: &[crate::lint::text::Word]) -> Vec<u32> {
        let mut out = Vec::new();
        for w in words {
            out.extend(self.stem_id(&crate::lint::terms::WordInfo::compute(w.text, lexicon)));
        }
        out
    }

    /// Term counts (stems and adjacent stem pairs), sorted by term id.
    fn counts(&mut self, stems: &[u32]) -> Vec<(u32, f64)> {
        let mut ids: Vec<u32> = stems.to_vec();
        for p in stems.windows(2) {
            let next = &mut self.next;
            ids.push(
                *self
                    .pairs
                    .entry((p[0], p[1]))
                    .or_insert_with(|| Self::fresh(next)),
            );
        }
        ids.sort_unstable();
        let mut out: Vec<(u32, f64)> = Vec::with_capacity(ids.len());
        for id in ids {
            match out.last_mut() {
                Some(last) if last.0 == id => last.1 += 1.0,
                _ => out.push((id, 1.0)),
            }
        }
        out
    }
}

/// Weight term counts by IDF and normalise to unit length.
fn vectorise(mut items: Vec<Item>, terms: u32) -> Vec<Item> {
    let n = items.len() as f64;
    let mut df = vec![0.0f64; terms as usize];
    for it in &items {
        for (t, _) in &it.features {
            df[*t as usize] += 1.0;
        }
    }
    for it in &mut items {
        for (t, c) in &mut it.features {
            *c = (1.0 + c.ln()) * (1.0 + ((1.0 + n) / (1.0 + df[*t as usize])).ln());
        }
        let norm = it
            .features
            .iter()
            .map(|(_, w)| w * w)
            .sum::<f64>()
            .sqrt()
            .max(f64::EPSILON);
        for (_, w) in &mut it.features {
            *w /= norm;
        }
    }
    items
}

/// Most items an index entry lists (see [`matches`]).
const INDEX_CAP: usize = 256;

/// Exact cosine of two sorted sparse vectors.
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

/// For each item, its best-scoring earlier item in another section (exact cosine), when it
/// shares any term with one. An inverted index means only items sharing a term are
/// compared. A term stops being indexed after INDEX_CAP items (in a normal guide no content
/// term is that common; in a 50 MB guide it keeps the work linear); the reported score is
/// always the exact cosine.
fn best_matches(items: &[Item], terms: u32) -> Vec<Option<(usize, f64)>> {
    let cap = INDEX_CAP;
    let mut index: Vec<Vec<(usize, f64)>> = vec![Vec::new(); terms as usize];
    let mut scores = vec![0.0f64; items.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let k = out.len();
        for (t, w) in &it.features {
            for &(e, we) in &index[*t as usize] {
                if scores[e] == 0.0 {
                    touched.push(e);
                }
                scores[e] += w * we;
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for &e in &touched {
            if items[e].section != it.section && best.is_none_or(|(_, s)| scores[e] > s) {
                best = Some((e, scores[e]));
            }
        }
        for e in touched.drain(..) {
            scores[e] = 0.0;
        }
        out.push(best.map(|(e, _)| (e, cosine(&it.features, &items[e].features))));
        for (t, w) in &it.features {
            let list = &mut index[*t as usize];
            if list.len() < cap {
                list.push((k, *w));
            }
        }
    }
    out
}

/// Items whose best earlier match reaches the threshold: (item, match, score).
#[cfg(test)]
fn matches(items: &[Item], terms: u32, threshold: f64) -> Vec<(usize, usize, f64)> {
    best_matches(items, terms)
        .into_iter()
        .enumerate()
        .filter_map(|(k, b)| b.filter(|&(_, s)| s >= threshold).map(|(e, s)| (k, e, s)))
        .collect()
}

/// A sentence that restates an earlier one: (its item, the earlier item, cosine).
type Restated = (usize, usize, f64);

/// Fewest sentences of one paragraph that must restate one earlier paragraph to be reported.
const PASSAGE_MIN: usize = 3;
/// Score of a near copy: a repeated passage holds at least one.
const NEAR_COPY: f64 = 0.8;

/// Score a list fragment or a lead-in must reach to count as a restatement.
const FRAGMENT_THRESHOLD: f64 = 0.7;

/// True for a sentence that is a list fragment (a list item that does not start with a
/// capital or end a sentence) or a lead-in to a list (ends with a colon).
fn fragment(u: &crate::lint::text::Unit, it: &Item) -> bool {
    let t = u.text[it.start..it.end].trim_matches(|c: char| c.is_whitespace() || c == '*');
    if t.ends_with(':') {
        return true;
    }
    u.kind == UnitKind::ListItem
        && (!t.chars().next().is_some_and(char::is_uppercase)
            || !t.ends_with(['.', '!', '?', ')', '"', '”']))
}

/// Headings of sections that restate on purpose.
pub(super) fn is_summary_heading(title: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\W*(?:(?:the\s+)?(?:summary|key\s+(?:points|facts|messages|takeaways)|points\s+to\s+remember|things\s+to\s+remember|in\s+(?:summary|brief|short)|at\s+a\s+glance|(?:key\s+)?takeaways?|recap|the\s+bottom\s+line|conclusions?|quick\s+facts|main\s+points|remember))\b",
        )
        .expect("static regex")
    })
    .is_match(title)
}

/// Indexes of the paragraphs, list items and callouts whose words (at least 4) are those of
/// an earlier one: what `duplicate-block` reports.
fn identical_units(cx: &Context) -> rustc_hash::FxHashSet<usize> {
    let table = cx.words();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = rustc_hash::FxHashSet::default();
    for (i, u) in cx.units.iter().enumerate() {
        if !matches!(
            u.kind,
            UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Callout
        ) {
            continue;
        }
        let ids = table.ids(i);
        if ids.len() < 4 {
            continue;
        }
        // the words lower-cased, as ids of their lower-case forms
        let norm: Vec<u32> = ids.iter().map(|&w| table.info(w).lower_id).collect();
        if !seen.insert(norm) {
            out.insert(i);
        }
    }
    out
}

/// Indexes of the units inside a summary section (or a subsection of one).
fn summary_units(cx: &Context) -> rustc_hash::FxHashSet<usize> {
    let mut summary_paths: Vec<&[usize]> = Vec::new();
    for u in cx.units {
        if let UnitId::Heading(path) = &u.id
            && is_summary_heading(u.text)
        {
            summary_paths.push(path);
        }
    }
    if summary_paths.is_empty() {
        return rustc_hash::FxHashSet::default();
    }
    cx.units
        .iter()
        .enumerate()
        .filter(|(_, u)| match &u.id {
            UnitId::Block {
                section: Some(path),
                ..
            } => summary_paths.iter().any(|p| path.starts_with(p)),
            _ => false,
        })
        .map(|(i, _)| i)
        .collect()
}

/// Words a heading uses to announce a list rather than a subject ("Various Types of …").
/// ("Common side effects" under "Side effects" narrows it: "common" is not filler.)
const HEADING_FILLER: &[&str] = &[
    "various",
    "different",
    "several",
    "many",
    "all",
    "everything",
    "need",
    "know",
];
/// Nouns that name "kinds of" the subject: one class.
const HEADING_KIND: &[&str] = &[
    "kind",
    "kinds",
    "type",
    "types",
    "sort",
    "sorts",
    "form",
    "forms",
    "variety",
    "varieties",
    "category",
    "categories",
];

/// The content terms of a heading: stems, kind-nouns as one class, filler and stop words out.
fn heading_terms(cx: &Context, title: &str) -> rustc_hash::FxHashSet<String> {
    crate::lint::text::words(title)
        .iter()
        .filter_map(|w| {
            let lower = w.text.to_lowercase().replace('’', "'");
            if stop_words().contains(lower.as_str())
                || HEADING_FILLER.contains(&lower.as_str())
                || lower.chars().all(|c| c.is_ascii_digit())
            {
                None
            } else if HEADING_KIND.contains(&lower.as_str()) {
                Some("#kind".to_string())
            } else {
                Some(cx.lexicon.stem(w.text).to_string())
            }
        })
        .collect()
}

/// Subheadings that restate their parent heading in other words ("Different Kinds of Skin
/// Peels" › "The Various Types of Peels"): every content term of the subheading is one of the
/// parent's. Near-equal pairs are `duplicate-heading`'s.
fn restated_headings(cx: &Context) -> Vec<(usize, usize)> {
    let mut by_path: FxHashMap<&[usize], usize> = FxHashMap::default();
    for (i, u) in cx.units.iter().enumerate() {
        if let UnitId::Heading(path) = &u.id {
            by_path.insert(path.as_slice(), i);
        }
    }
    let duplicate_heading = cx
        .rule_enabled(Code::DuplicateHeading)
        .then_some(cx.settings.config.duplicate_heading.threshold);
    let mut out = Vec::new();
    for (i, u) in cx.units.iter().enumerate() {
        let UnitId::Heading(path) = &u.id else {
            continue;
        };
        if path.len() < 2 {
            continue;
        }
        let Some(&p) = by_path.get(&path[..path.len() - 1]) else {
            continue;
        };
        let parent = &cx.units[p];
        if duplicate_heading.is_some_and(|t| {
            let (a, b) = (
                super::duplicate_heading::normalise(u.text),
                super::duplicate_heading::normalise(parent.text),
            );
            a == b || strsim::normalized_levenshtein(&a, &b) >= t
        }) {
            continue;
        }
        let (c, pt) = (heading_terms(cx, u.text), heading_terms(cx, parent.text));
        // one shared word ("Microneedling 101: Everything You Need to Know" under "Types of
        // Microneedling Treatments") is a subheading about the subject, and a part of the
        // parent ("Removing stings" under "How to remove stings or caterpillar hairs") narrows
        // it; a "kinds of" subheading may drop one qualifier of its parent ("The Various Types
        // of Peels" under "Different Kinds of Skin Peels"), others must say nothing else
        let same = c == pt
            || (c.len() >= 2 && c.contains("#kind") && c.is_subset(&pt) && pt.len() - c.len() <= 1);
        if same {
            out.push((i, p));
        }
    }
    out
}

impl Rule for NearDuplicate {
    fn code(&self) -> Code {
        Code::NearDuplicate
    }
    // Long because it is the rule's pipeline in order (candidate sentences, exclusions by the
    // other rules' findings, the best earlier match per sentence, grouping per paragraph pair,
    // the judgement per group), each stage reading the vectors the one before filled.
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let cfg = &cx.settings.config.near_duplicate;
        let table = cx.words();
        let mut terms = Terms::new(table.len());
        let mut sent_items = Vec::new();
        // a block identical to an earlier one is `duplicate-block`'s finding; its sentences
        // are not reported again one by one
        let identical = if cx.rule_enabled(Code::DuplicateBlock) {
            identical_units(cx)
        } else {
            rustc_hash::FxHashSet::default()
        };
        for (ui, u) in cx.units.iter().enumerate() {
            if !matches!(
                u.kind,
                UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Callout
            ) || identical.contains(&ui)
            {
                continue;
            }
            let words = u.words();
            let ids = table.ids(ui);
            for &(s, e) in u.sentences() {
                // the words inside the sentence: a run, as they are in order and disjoint
                let from = words.partition_point(|w| w.start < s);
                let to = from + words[from..].partition_point(|w| w.end <= e);
                let stems = terms.stem_ids_of(table, &ids[from..to]);
                if stems.len() >= cfg.min_words {
                    let features = terms.counts(&stems);
                    sent_items.push(Item {
                        unit: ui,
                        start: s,
                        end: e,
                        section: u.section,
                        features,
                    });
                }
            }
        }
        let n_terms = terms.next;
        let src = &cx.doc.source;
        // units in a section that summarises on purpose ("Points to remember", "Key facts")
        let summary = summary_units(cx);
        let in_summary = |a: usize, b: usize| summary.contains(&a) || summary.contains(&b);
        let summary_note = |d: Diagnostic| {
            let mut d =
                d.note("note: a summary section restates on purpose; a note, not a warning");
            d.severity = Severity::Note;
            d
        };
        // a sentence that restates the guide's definition is `restates-definition`'s finding
        let restating: rustc_hash::FxHashSet<(usize, usize)> =
            if cx.rule_enabled(Code::RestatesDefinition) {
                super::restates_definition::find(cx)
                    .map(|found| {
                        found
                            .restatements
                            .iter()
                            .map(|r| (r.sentence.unit, r.sentence.start))
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                rustc_hash::FxHashSet::default()
            };
        let sents = vectorise(sent_items, n_terms);
        let best = best_matches(&sents, n_terms);
        // no per-guide calibration: a passage is judged by its sentences together
        let threshold = cfg.sentence_threshold;
        // sentences that restate an earlier one, grouped by (paragraph, earlier paragraph)
        let mut groups: std::collections::BTreeMap<(usize, usize), Vec<Restated>> =
            std::collections::BTreeMap::new();
        for (k, b) in best.iter().enumerate() {
            let Some((e, score)) = *b else { continue };
            if score < threshold {
                continue;
            }
            let (it, first) = (&sents[k], &sents[e]);
            if restating.contains(&(it.unit, it.start)) {
                continue;
            }
            let (u, fu) = (&cx.units[it.unit], &cx.units[first.unit]);
            // a list fragment ("have a weakened immune system") or a lead-in ("…include:")
            // shares its words with the lists of other sections without restating them
            if (fragment(u, it) || fragment(fu, first)) && score < FRAGMENT_THRESHOLD {
                continue;
            }
            groups
                .entry((it.unit, first.unit))
                .or_default()
                .push((k, e, score));
        }
        for ((unit, first_unit), group) in &groups {
            // one sentence said again is usually deliberate in a real article (a section that
            // stands on its own, a lead the body expands, a summary); a paragraph that says
            // again several sentences of one earlier paragraph, one of them nearly word for
            // word, is a repeated passage an editor cuts
            if group.len() < PASSAGE_MIN || !group.iter().any(|g| g.2 >= NEAR_COPY) {
                continue;
            }
            let (u, fu) = (&cx.units[*unit], &cx.units[*first_unit]);
            let ploc = fu.locate(src, 0, fu.text.len());
            for &(k, e, score) in group {
                let (it, first) = (&sents[k], &sents[e]);
                let floc = fu.locate(src, first.start, first.end);
                let d = cx
                    .at(
                        self,
                        u,
                        it.start,
                        it.end,
                        format!(
                            "sentence restates one at line {} (similarity {score:.2}); {} of this paragraph repeat the paragraph at line {}",
                            floc.line,
                            crate::util::plural(group.len(), "sentence"),
                            ploc.line
                        ),
                    )
                    .label("says the same as an earlier sentence")
                    .related(&src.name, floc, "said first here")
                    .note("help: the paragraph repeats an earlier passage: keep one and cut or merge the other");
                out.push(if in_summary(it.unit, first.unit) {
                    summary_note(d)
                } else {
                    d
                });
            }
        }
        for (h, p) in restated_headings(cx) {
            let (u, pu) = (&cx.units[h], &cx.units[p]);
            let ploc = pu.locate(src, 0, pu.text.len());
            out.push(
                cx.at(
                    self,
                    u,
                    0,
                    u.text.len(),
                    format!(
                        "subheading `{}` restates its parent heading `{}` in other words",
                        crate::lint::text::plain(u.text),
                        crate::lint::text::plain(pu.text)
                    ),
                )
                .label("says what the heading above it says")
                .related(&src.name, ploc, "the parent heading")
                .note("help: name what this part adds (\"How to choose\", \"Peels by depth\"), or merge it into the section above"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of three sentences about scabies (one said nearly word for word later).
    const PASSAGE: [&str; 3] = [
        "Scabies is found worldwide and affects people of all races and social classes.",
        "Scabies can spread rapidly under crowded conditions where close body and skin contact is frequent.",
        "Institutions such as nursing homes, extended-care facilities, and prisons are often sites of scabies outbreaks.",
    ];
    /// The same passage as a later page section says it again.
    const REPEATED: [&str; 3] = [
        "Scabies is a common condition found worldwide; it affects people of all races and social classes.",
        "Scabies can spread easily under crowded conditions where close body and skin contact is common.",
        "Institutions such as nursing homes, extended-care facilities, and prisons are often sites of scabies outbreaks.",
    ];

    fn passage_guide(second_title: &str, second: &[&str]) -> String {
        use crate::lint::testing::*;
        let p = |t: &[&str]| format!("      - paragraph: \"{}\"\n", t.join(" "));
        guide(
            "",
            &(section("a", "About scabies", &p(&PASSAGE))
                + &section(
                    "b",
                    "Who is at risk",
                    "      - paragraph: Anyone can get it.\n",
                )
                + &section("c", second_title, &p(second))),
        )
    }

    #[test]
    fn a_repeated_passage_is_reported_sentence_by_sentence() {
        use crate::lint::testing::*;
        let d = diags(
            &passage_guide("Transmission", &REPEATED),
            Code::NearDuplicate,
        );
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().all(|d| d.severity == Severity::Warning));
        assert!(
            d[0].message
                .contains("3 sentences of this paragraph repeat the paragraph at line"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn one_restated_sentence_is_not_a_repeated_passage() {
        use crate::lint::testing::*;
        // a section that stands on its own says one thing again: deliberate in a real article
        let d = diags(
            &passage_guide("Transmission", &REPEATED[2..]),
            Code::NearDuplicate,
        );
        assert!(d.is_empty(), "{d:?}");
        // two sentences of it: not a repeated passage either
        let d = diags(
            &passage_guide("Transmission", &REPEATED[..2]),
            Code::NearDuplicate,
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_repeated_passage_in_a_summary_section_is_a_note() {
        use crate::lint::testing::*;
        let d = diags(
            &passage_guide("Points to remember", &REPEATED),
            Code::NearDuplicate,
        );
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().all(|d| d.severity == Severity::Note), "{d:?}");
        assert!(is_summary_heading("Key points") && is_summary_heading("In summary"));
    }

    #[test]
    fn a_subheading_restating_its_parent_is_found() {
        use crate::lint::testing::*;
        let yaml = |parent: &str, child: &str| {
            guide(
                "",
                &format!(
                    "  - id: a\n    title: {parent}\n    blocks:\n      - paragraph: Peels differ.\n    sections:\n      - id: b\n        title: {child}\n        blocks:\n          - paragraph: Light peels are mild.\n"
                ),
            )
        };
        let f = found(
            &yaml(
                "Different Kinds of Skin Peels",
                "The Various Types of Peels",
            ),
            Code::NearDuplicate,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].0.contains("restates its parent heading"), "{f:?}");
        // a subheading that narrows the subject is how guides are organised
        for child in [
            "Deep Peels",
            "How to Choose a Peel",
            "Types of Anaesthesia",
            "Common Skin Peels",
        ] {
            let f = found(
                &yaml("Different Kinds of Skin Peels", child),
                Code::NearDuplicate,
            );
            assert!(f.is_empty(), "{child}: {f:?}");
        }
    }

    #[test]
    fn paraphrases_score_high_and_unrelated_low() {
        let lexicon = Lexicon::new(&[]);
        let mut terms = Terms::new(0);
        let texts = [
            "This procedure involves using fine needles to create tiny punctures in the top layer of the skin.",
            "Microneedling involves using fine needles to create tiny punctures in the top layer of skin.",
            "Sunscreen is a must as the skin is more vulnerable to UV damage after the procedure.",
            "Bruising and bleeding are also possible for people who take blood-thinning medications.",
        ];
        let items: Vec<Item> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let ws = crate::lint::text::words(t);
                let stems = terms.stem_ids(&lexicon, &ws);
                Item {
                    unit: i,
                    start: 0,
                    end: t.len(),
                    section: Some(i),
                    features: terms.counts(&stems),
                }
            })
            .collect();
        let n = terms.next;
        let items = vectorise(items, n);
        assert!(cosine(&items[0].features, &items[1].features) > 0.6);
        assert!(cosine(&items[0].features, &items[2].features) < 0.2);
        let m = matches(&items, n, 0.5);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].0, m[0].1), (1, 0));
        assert!((m[0].2 - cosine(&items[1].features, &items[0].features)).abs() < 1e-9);
    }
}

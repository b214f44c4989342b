//! `restates-definition`: sentences after the guide's definition of its subject that say
//! again what the subject is ("Microneedling is a cosmetic procedure that involves…" in the
//! fourth section of a guide whose introduction already said so). Each is reported once, with
//! the definition as the related place.
//!
//! The definition is the first sentence near the top of the guide that names the title's
//! subject and defines it ("X is…", "X, also known as Y, …", "X means…"), together with the
//! next sentence when that one continues it ("This procedure involves…"). A later sentence
//! restates it when it is about the subject (it starts with the subject, an alias or "this
//! procedure") and is definitional — "X is a <kind>" with the definition's kind of thing, an
//! appositive "X, a <kind>, …", or "X involves/is/means…" sharing most of its content words
//! with the definition — and adds no new fact (how common or serious the subject is); or when
//! it repeats the definition's content words almost entirely. Word lists:
//! assets/rules/definitions.yaml.

use crate::diag::{Code, Diagnostic, Severity};
use crate::lint::text::{UnitId, UnitKind, plain, words};
use crate::lint::{Context, Rule};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

pub(crate) struct RestatesDefinition;

#[derive(serde::Deserialize)]
struct Lists {
    categories: std::collections::BTreeMap<String, Vec<String>>,
    new_fact: Vec<String>,
    discourse: Vec<String>,
}

struct Data {
    /// noun → its class ("treatment" → "procedure")
    category: FxHashMap<String, String>,
    new_fact: FxHashSet<String>,
    discourse: Vec<String>,
    stop: FxHashSet<&'static str>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let lists: Lists =
            serde_yaml::from_str(include_str!("../../../assets/rules/definitions.yaml"))
                .expect("assets/rules/definitions.yaml parses");
        let mut category = FxHashMap::default();
        for (class, nouns) in lists.categories {
            for n in nouns {
                category.insert(n.clone(), class.clone());
                category.insert(format!("{n}s"), class.clone());
            }
        }
        Data {
            category,
            new_fact: lists.new_fact.into_iter().collect(),
            discourse: lists.discourse,
            stop: include_str!("../../../assets/rules/stop-words.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
        }
    })
}

/// A sentence of a prose unit.
#[derive(Clone, Copy)]
pub(crate) struct Sentence {
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

/// The guide's definition of its subject.
pub(crate) struct Definition {
    /// The subject as the guide names it ("microneedling").
    pub subject: String,
    /// The definition's sentences (one or two, in one unit).
    pub sentences: Vec<Sentence>,
    /// Other names the definition gives ("collagen induction therapy").
    aliases: Vec<String>,
    /// Content stems of the definition (category nouns by their class).
    content: FxHashSet<String>,
    /// Lower-case words of the definition.
    words: FxHashSet<String>,
    /// The kind of thing the subject is defined as ("procedure", "condition").
    class: Option<String>,
}

/// One restating sentence.
pub(crate) struct Restatement {
    pub sentence: Sentence,
    /// The sentence model's cosine to the definition, when it decided.
    pub similarity: Option<f32>,
}

/// Lower-case plain text of a sentence, apostrophes dropped (a page may have lost them:
/// "Hashimotos disease" under the title "Hashimoto's Disease").
fn norm(text: &str) -> String {
    plain(text).to_lowercase().replace(['’', '\''], "")
}

/// The subject a title names: "Microneedling 101: Everything You Need to Know" → "microneedling".
fn title_subject(title: &str) -> String {
    let t = title.split(':').next().unwrap_or(title);
    let mut out = String::new();
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let mut ws: Vec<&str> = out.split_whitespace().collect();
    while ws
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        ws.pop();
    }
    while ws
        .first()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "about" | "understanding"))
    {
        ws.remove(0);
    }
    norm(&ws.join(" "))
}

/// `s` starts with `phrase` as whole words: the rest after it.
fn after_phrase<'s>(s: &'s str, phrase: &str) -> Option<&'s str> {
    if phrase.is_empty() {
        return None;
    }
    let rest = s.strip_prefix(phrase)?;
    (!rest.starts_with(|c: char| c.is_alphanumeric() || c == '-')).then_some(rest)
}

/// Skip a parenthesis ("(bron-KI-tis)") at the start of `s`.
fn skip_paren(s: &str) -> &str {
    let t = s.trim_start();
    if t.starts_with('(')
        && let Some(i) = t.find(')')
    {
        return &t[i + 1..];
    }
    s
}

/// Aliases introduced by "also known as", "also called" or "referred to as" ("also called
/// chronic lymphocytic thyroiditis or autoimmune thyroiditis": two).
fn alias_in(s: &str) -> Vec<String> {
    for m in ["also known as ", "also called ", "referred to as "] {
        if let Some(i) = s.find(m) {
            let a: String = s[i + m.len()..]
                .chars()
                .take_while(|c| !matches!(c, ',' | '.' | ';' | '(' | ')'))
                .collect();
            let out: Vec<String> = a
                .split(" or ")
                .map(|a| a.trim().trim_start_matches("the ").to_string())
                .filter(|a| !a.is_empty() && a.split_whitespace().count() <= 5)
                .collect();
            if !out.is_empty() {
                return out;
            }
        }
    }
    Vec::new()
}

/// Words after a copula that make "X is …" a statement about X rather than a definition.
const NOT_DEFINING: &[&str] = &[
    "usually",
    "often",
    "sometimes",
    "more",
    "most",
    "less",
    "not",
    "very",
    "rarely",
    "generally",
    "typically",
    "worse",
    "better",
    "common",
    "rare",
    "caused",
    "treated",
    "diagnosed",
    "found",
];

/// True when `rest` (what follows the subject) defines it.
fn defines(rest: &str, appositive_alias: bool) -> bool {
    let rest = rest.trim_start();
    let mut ws = rest.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
    let Some(first) = ws.next() else { return false };
    match first {
        "is" | "are" => ws.next().is_some_and(|w| !NOT_DEFINING.contains(&w)),
        "means" | "refers" | "describes" | "causes" | "occurs" | "involves" | "uses" => true,
        _ => appositive_alias,
    }
}

/// Content stems of a text: category nouns by their class, stop words, numbers and
/// `skip` stems left out.
fn content(cx: &Context, text: &str, skip: &FxHashSet<String>) -> FxHashSet<String> {
    let d = data();
    let mut out = FxHashSet::default();
    for w in words(text) {
        let mut lower = w.text.to_lowercase();
        if lower.contains('’') {
            lower = lower.replace('’', "'");
        }
        if d.stop.contains(lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // the subject's own words (the "disease" of "hand, foot and mouth disease") say
        // nothing about it; a stem already in is not copied again
        let stem = cx.lexicon.stem(w.text);
        if skip.contains(&*stem) {
            continue;
        }
        if let Some(class) = d.category.get(&lower) {
            out.insert(format!("#{class}"));
        } else if !out.contains(&*stem) {
            out.insert(stem.to_string());
        }
    }
    out
}

fn lower_words(text: &str) -> FxHashSet<String> {
    words(text)
        .iter()
        .map(|w| w.text.to_lowercase().replace('’', "'"))
        .collect()
}

/// Units that hold prose sentences.
fn prose(u: &crate::lint::text::Unit) -> bool {
    matches!(
        u.kind,
        UnitKind::Paragraph | UnitKind::ListItem | UnitKind::Callout
    )
}

/// Sentences the definition is looked for in: the first few of the guide's prose.
const DEFINITION_WINDOW: usize = 6;

/// The guide's definition of its subject, when it has one near the top.
pub(crate) fn definition(cx: &Context) -> Option<Definition> {
    let subject = title_subject(&cx.doc.guide.title);
    if subject.is_empty() {
        return None;
    }
    let mut seen = 0;
    for (ui, u) in cx.units.iter().enumerate() {
        if !prose(u) {
            continue;
        }
        let sents = u.sentences();
        for (k, &(s, e)) in sents.iter().enumerate() {
            seen += 1;
            if seen > DEFINITION_WINDOW {
                return None;
            }
            let t = norm(&u.text[s..e]);
            let Some(rest) = after_phrase(&t, &subject) else {
                continue;
            };
            let alias = alias_in(&t);
            let (rest_after_appositive, appositive_alias) =
                after_appositive(skip_paren(rest), !alias.is_empty());
            if !defines(rest_after_appositive, appositive_alias) {
                continue;
            }
            let mut def = vec![Sentence {
                unit: ui,
                start: s,
                end: e,
            }];
            // the next sentence continues the definition when it refers back to the subject
            if let Some(&(s2, e2)) = sents.get(k + 1) {
                if continues_definition(&norm(&u.text[s2..e2])) {
                    def.push(Sentence {
                        unit: ui,
                        start: s2,
                        end: e2,
                    });
                }
            }
            let text: String = def
                .iter()
                .map(|d| &u.text[d.start..d.end])
                .collect::<Vec<_>>()
                .join(" ");
            let mut aliases: Vec<String> = alias;
            for a in alias_in(&norm(&text)) {
                if !aliases.contains(&a) {
                    aliases.push(a);
                }
            }
            let skip = subject_stems(cx, &subject, &aliases);
            let d = data();
            let class = words(&text).iter().find_map(|w| {
                d.category
                    .get(&w.text.to_lowercase())
                    .filter(|_| {
                        !aliases
                            .iter()
                            .any(|a| a.contains(w.text.to_lowercase().as_str()))
                    })
                    .cloned()
            });
            return Some(Definition {
                content: content(cx, &text, &skip),
                words: lower_words(&text),
                subject,
                sentences: def,
                aliases,
                class,
            });
        }
    }
    None
}

/// The text after the subject with an appositive alias skipped ("acne, or spots, is …"
/// reads on after the second comma), and whether there was one.
fn after_appositive(rest: &str, has_alias: bool) -> (&str, bool) {
    let appositive_alias = rest.trim_start().starts_with(',') && has_alias;
    let after = if appositive_alias {
        rest.trim_start()[1..]
            .split_once(',')
            .map_or(rest, |(_, r)| r)
    } else {
        rest
    };
    (after, appositive_alias)
}

/// True when the (normalised) sentence after a definition continues it: it refers back to
/// the subject and still says what the subject is or does ("This procedure involves…",
/// not "It usually gets better…").
fn continues_definition(t2: &str) -> bool {
    let first = t2.split_whitespace().next().unwrap_or("");
    let refers_back = matches!(first, "this" | "these" | "it" | "they" | "that")
        || t2.starts_with("having ")
        || t2.starts_with("people who have ")
        || t2.starts_with("people with ");
    let defining = t2.split_whitespace().take(8).any(|w| {
        matches!(
            w,
            "is" | "are" | "involves" | "uses" | "means" | "have" | "has"
        )
    });
    refers_back && defining
}

fn subject_stems(cx: &Context, subject: &str, aliases: &[String]) -> FxHashSet<String> {
    std::iter::once(subject)
        .chain(aliases.iter().map(String::as_str))
        .flat_map(words)
        .map(|w| cx.lexicon.stem(w.text).to_string())
        .collect()
}

/// How a candidate sentence opens.
struct Lead<'s> {
    /// What follows the subject (or "this procedure").
    rest: &'s str,
    /// The class of a category noun in an appositive ("Microneedling, a cosmetic procedure, …").
    appositive_class: Option<String>,
}

/// The sentence is about the subject: it opens with it, an alias, or "this <kind>".
fn lead<'s>(t: &'s str, def: &Definition) -> Option<Lead<'s>> {
    let d = data();
    let mut t = t;
    for p in &d.discourse {
        if let Some(r) = after_phrase(t, p)
            && let Some(r) = r.trim_start().strip_prefix(',')
        {
            t = r.trim_start();
            break;
        }
    }
    let mut rest = std::iter::once(def.subject.as_str())
        .chain(def.aliases.iter().map(String::as_str))
        .find_map(|p| after_phrase(t, p));
    if rest.is_none() {
        // "this procedure", "this minimally invasive procedure" ("the disease" in a guide on
        // melanoma may be another disease)
        let toks: Vec<(usize, &str)> = t
            .split(' ')
            .scan(0usize, |off, w| {
                let s = *off;
                *off += w.len() + 1;
                Some((s, w))
            })
            .take(6)
            .collect();
        if toks
            .first()
            .is_some_and(|(_, w)| matches!(*w, "this" | "such" | "these"))
        {
            for &(s, w) in toks.iter().skip(1).take(4) {
                let bare = w.trim_end_matches(',');
                if d.category.contains_key(bare) {
                    rest = Some(&t[s + bare.len()..]);
                    break;
                }
            }
        }
    }
    let rest = skip_paren(rest?);
    let mut appositive_class = None;
    let mut rest = rest;
    if let Some(r) = rest.trim_start().strip_prefix(',')
        && let Some((appositive, after)) = r.split_once(',')
    {
        let a = appositive.trim();
        if a.starts_with("a ") || a.starts_with("an ") || a.starts_with("the ") {
            appositive_class = a
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .take(7)
                .find_map(|w| d.category.get(w).cloned());
        }
        if appositive_class.is_some() || !alias_in(appositive).is_empty() {
            rest = after;
        }
    }
    Some(Lead {
        rest,
        appositive_class,
    })
}

/// The class of a category noun in "is a … <noun>" at the start of `rest`.
fn copula_class(rest: &str) -> Option<String> {
    let d = data();
    let mut ws = rest
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    if !matches!(ws.next(), Some("is" | "are")) {
        return None;
    }
    let mut next = ws.next()?;
    if next == "also" {
        next = ws.next()?;
    }
    if !matches!(next, "a" | "an" | "the") {
        return None;
    }
    ws.take(6).find_map(|w| d.category.get(w).cloned())
}

/// Share of a candidate's content words the definition has, from which "X is/involves …"
/// counts as restating it.
const OVERLAP: f64 = 0.5;
/// Fewest content words "X is/involves …" needs to restate a definition: one word after the
/// copula is a property of the subject ("… is infectious"), not what it is.
const DEFINING_MIN_WORDS: usize = 2;
/// Share from which any sentence repeats the definition, whatever its form.
const COPY: f64 = 0.8;
/// Fewest content words such a copy needs.
const COPY_MIN_WORDS: usize = 4;

/// What the words of a candidate sentence say.
enum Verdict {
    /// A restatement by its form and words.
    Restates,
    /// About the subject and adding no new fact: the sentence model decides.
    Ask,
    No,
}

/// What [`judge`] needs of a word, looked at once per distinct word of the guide.
#[derive(Clone, Copy)]
struct Judged {
    /// The content term the word adds (see [`content`]), as an id of [`Judging::terms`].
    term: Option<u32>,
    /// A word that states a new fact the definition does not have.
    new_fact: bool,
}

/// The per-guide state of judging sentences against one definition: each distinct word's
/// answer, content terms (stems, `#class`) as ids.
struct Judging<'c, 'a> {
    cx: &'c Context<'a>,
    def: &'c Definition,
    skip: &'c FxHashSet<String>,
    terms: FxHashMap<String, u32>,
    /// The definition's content terms.
    def_content: FxHashSet<u32>,
    /// Per word id of the guide's word table, its answer once asked.
    by_word: Vec<Option<Judged>>,
    /// A sentence's terms (reused).
    buf: Vec<u32>,
}

impl<'c, 'a> Judging<'c, 'a> {
    fn new(cx: &'c Context<'a>, def: &'c Definition, skip: &'c FxHashSet<String>) -> Self {
        let mut j = Judging {
            cx,
            def,
            skip,
            terms: FxHashMap::default(),
            def_content: FxHashSet::default(),
            by_word: vec![None; cx.words().len()],
            buf: Vec::new(),
        };
        j.def_content = def.content.iter().map(|t| j.term_id(t)).collect();
        j
    }

    fn term_id(&mut self, term: &str) -> u32 {
        let next = self.terms.len() as u32;
        *self.terms.entry(term.to_string()).or_insert(next)
    }

    /// `content`'s and the new-fact test's answers for one word.
    /// `id`: the word's id in the guide's word table, when known.
    fn judged(&mut self, word: &str, id: Option<u32>) -> Judged {
        let table = self.cx.words();
        let id = id.or_else(|| table.id(word));
        if let Some(j) = id.and_then(|id| self.by_word[id as usize]) {
            return j;
        }
        let computed;
        let info = match id {
            Some(id) => table.info(id),
            None => {
                computed = crate::lint::terms::WordInfo::compute(word, self.cx.lexicon);
                &computed
            }
        };
        let d = data();
        let term = match &info.stem {
            Some(stem) if !self.skip.contains(&**stem) => {
                Some(match d.category.get(&*info.lower) {
                    Some(class) => self.term_id(&format!("#{class}")),
                    None => self.term_id(stem),
                })
            }
            _ => None,
        };
        let lower = &*info.lower;
        let j = Judged {
            term,
            new_fact: d.new_fact.contains(lower) && !self.def.words.contains(lower),
        };
        if let Some(id) = id {
            self.by_word[id as usize] = Some(j);
        }
        j
    }
}

/// Judge one candidate sentence (`text`, its words `ws`) against the definition by its form
/// and words; `ids`: the words' ids in the guide's word table, when known.
fn judge(
    jg: &mut Judging,
    text: &str,
    ws: &[crate::lint::text::Word],
    ids: Option<&[u32]>,
) -> Verdict {
    let def = jg.def;
    // the sentence's content terms as a set (`content` over the same words)
    let mut c = std::mem::take(&mut jg.buf);
    c.clear();
    let mut new_fact = false;
    for (k, w) in ws.iter().enumerate() {
        let j = jg.judged(w.text, ids.and_then(|ids| ids.get(k).copied()));
        c.extend(j.term);
        new_fact |= j.new_fact;
    }
    c.sort_unstable();
    c.dedup();
    let (n, shared) = (
        c.len(),
        c.iter().filter(|t| jg.def_content.contains(t)).count(),
    );
    jg.buf = c;
    if n == 0 {
        return Verdict::No;
    }
    let overlap = shared as f64 / n as f64;
    if overlap >= COPY && n >= COPY_MIN_WORDS {
        return Verdict::Restates;
    }
    // the same answer as over `lower_words(text)`, without building the set
    if new_fact {
        return Verdict::No;
    }
    // only a sentence about the subject (it opens with it) goes to the model: the model's
    // cosine cannot tell the guide's other sentences that name it from restatements (see
    // MEANING_FLOOR), and each sentence it reads costs time (normalised only now: most
    // sentences are decided above)
    let t = norm(text);
    let Some(lead) = lead(&t, def) else {
        return Verdict::No;
    };
    let same_kind = |class: &Option<String>| {
        class
            .as_ref()
            .is_some_and(|k| def.class.as_ref().is_none_or(|dk| dk == k))
    };
    if same_kind(&copula_class(lead.rest)) || same_kind(&lead.appositive_class) {
        return Verdict::Restates;
    }
    let defining = {
        let first = lead
            .rest
            .trim_start()
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        matches!(
            first,
            "is" | "are" | "involves" | "involve" | "uses" | "use" | "means" | "refers"
        )
    };
    if defining && overlap >= OVERLAP && n >= DEFINING_MIN_WORDS {
        Verdict::Restates
    } else {
        Verdict::Ask
    }
}

/// Judge sentence `start..end` of unit `ui` on its words (their table ids when the unit's
/// shared tokens are the sentence's).
fn judge_sentence(jg: &mut Judging, ui: usize, start: usize, end: usize) -> Verdict {
    let cx = jg.cx;
    let u = &cx.units[ui];
    let text = &u.text[start..end];
    match u.word_range(start, end) {
        Some(r) => judge(jg, text, &u.words()[r.clone()], cx.words().ids(ui).get(r)),
        None => judge(jg, text, &u.words_in(start, end), None),
    }
}

/// Cosine (sentence model) from which a sentence about the subject restates the definition,
/// whatever the guide. Measured with all-MiniLM-L6-v2 on the tune guides: ordinary sentences
/// about the subject reach 0.75–0.85 against the definition (the seed's own, with its
/// restatements already found by their words, to 0.84), and the one paraphrase the words miss
/// scores 0.66, below 8 ordinary sentences of its guide; so the model may add a finding only
/// far above that band.
const MEANING_FLOOR: f32 = 0.9;
/// How far above the guide's own typical cosine to the definition a restatement must stand,
/// in robust standard deviations (1.4826 × the median absolute deviation): in a one-topic
/// guide every sentence about the subject is close to its definition.
const MEANING_SPREAD: f32 = 3.0;
/// Fewest scored sentences for the guide's own distribution to say anything.
const MEANING_MIN: usize = 8;

/// The threshold for one guide's cosines.
fn meaning_threshold(scores: &[f32]) -> f32 {
    if scores.len() < MEANING_MIN {
        return MEANING_FLOOR;
    }
    let median = |v: &mut Vec<f32>| {
        v.sort_unstable_by(f32::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    let mut v = scores.to_vec();
    let m = median(&mut v);
    let mut dev: Vec<f32> = scores.iter().map(|s| (s - m).abs()).collect();
    let mad = median(&mut dev) * 1.4826;
    MEANING_FLOOR.max(m + MEANING_SPREAD * mad)
}

/// The guide's definition and the later sentences that restate it.
pub(crate) struct Found {
    pub definition: Definition,
    pub restatements: Vec<Restatement>,
    /// The sentences the sentence model scored, with their cosine to the definition, and the
    /// guide's threshold (empty and `None` without the model).
    #[cfg_attr(not(test), allow(dead_code))]
    pub scored: Vec<(Sentence, f32)>,
    #[cfg_attr(not(test), allow(dead_code))]
    pub threshold: Option<f32>,
}

/// The guide's definition and the later sentences that restate it (computed once per guide;
/// `near-duplicate` reads it too).
pub(crate) fn find<'c>(cx: &'c Context) -> Option<&'c Found> {
    cx.definition.get_or_init(|| find_uncached(cx)).as_ref()
}

fn find_uncached(cx: &Context) -> Option<Found> {
    let def = definition(cx)?;
    let def_unit = def.sentences[0].unit;
    let skip = subject_stems(cx, &def.subject, &def.aliases);
    let mut judging = Judging::new(cx, &def, &skip);
    let mut out = Vec::new();
    // sentences the model decides, each with the sentence before it in its unit when it opens
    // with a pronoun ("It involves…" keeps its subject)
    let mut ask: Vec<(Sentence, String)> = Vec::new();
    for (ui, u) in cx.units.iter().enumerate().skip(def_unit + 1) {
        if !prose(u) {
            continue;
        }
        let sents = u.sentences();
        for (k, &(s, e)) in sents.iter().enumerate() {
            let sentence = Sentence {
                unit: ui,
                start: s,
                end: e,
            };
            match judge_sentence(&mut judging, ui, s, e) {
                Verdict::Restates => out.push(Restatement {
                    sentence,
                    similarity: None,
                }),
                Verdict::Ask => {
                    let t = plain(&u.text[s..e]);
                    let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
                    let text = match (k.checked_sub(1), first.as_str()) {
                        (Some(p), "this" | "it" | "these" | "they") => {
                            format!("{} {t}", plain(&u.text[sents[p].0..sents[p].1]))
                        }
                        _ => t,
                    };
                    ask.push((sentence, text));
                }
                Verdict::No => {}
            }
        }
    }
    let mut scored = Vec::new();
    let mut threshold = None;
    if !ask.is_empty()
        && let Some(model) = crate::semantic::model()
    {
        let du = &cx.units[def_unit];
        let def_text: String = def
            .sentences
            .iter()
            .map(|d| plain(&du.text[d.start..d.end]))
            .collect::<Vec<_>>()
            .join(" ");
        let mut texts: Vec<&str> = vec![def_text.as_str()];
        texts.extend(ask.iter().map(|a| a.1.as_str()));
        if let Ok(v) = model.embed(&texts) {
            let scores: Vec<f32> = v[1..]
                .iter()
                .map(|e| crate::semantic::cosine(&v[0], e))
                .collect();
            let t = meaning_threshold(&scores);
            threshold = Some(t);
            for ((sentence, _), score) in ask.iter().zip(&scores) {
                scored.push((*sentence, *score));
                if *score >= t {
                    out.push(Restatement {
                        sentence: *sentence,
                        similarity: Some(*score),
                    });
                }
            }
            out.sort_by_key(|r| (r.sentence.unit, r.sentence.start));
        }
    }
    Some(Found {
        definition: def,
        restatements: out,
        scored,
        threshold,
    })
}

/// Units inside a summary section, which restates on purpose.
fn in_summary(cx: &Context, unit: usize) -> bool {
    let UnitId::Block {
        section: Some(path),
        ..
    } = &cx.units[unit].id
    else {
        return false;
    };
    cx.units.iter().any(|u| match &u.id {
        UnitId::Heading(p) => {
            path.starts_with(p) && super::near_duplicate::is_summary_heading(u.text)
        }
        _ => false,
    })
}

impl Rule for RestatesDefinition {
    fn code(&self) -> Code {
        Code::RestatesDefinition
    }
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let Some(found) = find(cx) else { return };
        let def = &found.definition;
        let src = &cx.doc.source;
        let first = def.sentences[0];
        let last = def.sentences[def.sentences.len() - 1];
        let du = &cx.units[first.unit];
        let dloc = du.locate(src, first.start, last.end);
        for r in &found.restatements {
            let u = &cx.units[r.sentence.unit];
            let how = match r.similarity {
                Some(s) => format!(", meaning similarity {s:.2}"),
                None => String::new(),
            };
            let mut d = cx
                .at(
                    self,
                    u,
                    r.sentence.start,
                    r.sentence.end,
                    format!(
                        "sentence restates the guide's definition of `{}` (line {}{how})",
                        def.subject, dloc.line
                    ),
                )
                .label("says again what the definition said")
                .related(&src.name, dloc, "the definition")
                .note("help: define the subject once; cut this sentence or say what is new here");
            if in_summary(cx, r.sentence.unit) {
                d = d.note("note: a summary section restates on purpose; a note, not a warning");
                d.severity = Severity::Note;
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::*;

    /// Tuning aid, not a check: `DUMP=guide.yaml… GUIDEPRESS_MODEL_DIR=… cargo test --lib
    /// dump_scores -- --ignored --nocapture` prints every sentence the model scored.
    #[test]
    #[ignore]
    fn dump_scores() {
        let lexicon = crate::lint::Lexicon::new(&[]);
        let settings = crate::settings::Settings::default();
        for path in std::env::var("DUMP").unwrap_or_default().split_whitespace() {
            let src = std::fs::read_to_string(path).unwrap();
            let o =
                crate::validate::validate_source(crate::load::SourceFile::new(path, src, false));
            let Some(doc) = o.document else { continue };
            let units = crate::lint::text::units(&doc.guide, &doc.root);
            let words = std::collections::HashSet::new();
            let cx = Context {
                locale: crate::lint::lexicon::Locale::for_language("en-US").0,
                locale_fallback: false,
                doc: &doc,
                units: &units,
                settings: &settings,
                lexicon: &lexicon,
                guide_words: &words,
                claims: std::sync::OnceLock::new(),
                definition: std::sync::OnceLock::new(),
                word_table: std::sync::OnceLock::new(),
            };
            let Some(f) = find(&cx) else { continue };
            println!("== {path} threshold {:?}", f.threshold);
            for (s, c) in &f.scored {
                let u = &cx.units[s.unit];
                println!("{c:.3}\t{path}\t{}", plain(&u.text[s.start..s.end]));
            }
            for r in &f.restatements {
                let u = &cx.units[r.sentence.unit];
                println!(
                    "FLAG {:?}\t{}",
                    r.similarity,
                    plain(&u.text[r.sentence.start..r.sentence.end])
                );
            }
        }
    }

    fn guide_with(title: &str, intro: &str, sections: &[(&str, &str)]) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let mut y = format!(
            "id: t\ntitle: {}\nlanguage: en-US\nversion: 1.0.0\nauthors: [{{name: A}}]\nintroduction:\n  - paragraph: {}\nsections:\n",
            q(title),
            q(intro)
        );
        for (i, (title, text)) in sections.iter().enumerate() {
            y += &format!(
                "  - id: s{i}\n    title: {}\n    blocks:\n      - paragraph: {}\n",
                q(title),
                q(text)
            );
        }
        y
    }

    #[test]
    fn the_subject_comes_from_the_title() {
        assert_eq!(
            title_subject("Microneedling 101: Everything You Need to Know"),
            "microneedling"
        );
        assert_eq!(title_subject("Lactose Intolerance"), "lactose intolerance");
        assert_eq!(title_subject("Bronchitis (acute)"), "bronchitis");
    }

    #[test]
    fn a_restated_definition_is_reported_with_the_definition() {
        let y = guide_with(
            "Microneedling 101",
            "Microneedling, also known as collagen induction therapy, has become popular. This minimally invasive procedure involves the use of fine needles to create tiny puncture wounds in the top layer of skin.",
            &[
                (
                    "Basics",
                    "Microneedling is a cosmetic treatment that involves puncturing the skin with tiny needles. Redness fades in a few days.",
                ),
                (
                    "Risks",
                    "Microneedling is praised for its versatility. Microneedling is a rare procedure in most clinics.",
                ),
                (
                    "Types",
                    "This method involves the use of a tool with fine needles that create tiny punctures in the top layer of the skin.",
                ),
            ],
        );
        let f = found(&y, Code::RestatesDefinition);
        let texts: Vec<&str> = f.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Microneedling is a cosmetic treatment that involves puncturing the skin with tiny needles.",
                "This method involves the use of a tool with fine needles that create tiny punctures in the top layer of the skin."
            ],
            "{f:?}"
        );
        let d = diags(&y, Code::RestatesDefinition);
        assert_eq!(d[0].related.len(), 1);
        assert_eq!(d[0].related[0].location.line, 7);
        assert!(d[0].message.contains("`microneedling`"), "{}", d[0].message);
    }

    #[test]
    fn no_definition_no_findings() {
        let y = guide_with(
            "Hay fever",
            "Hay fever is usually worse between late March and September.",
            &[(
                "Causes",
                "Hay fever is an allergic reaction to pollen, typically when it comes into contact with your mouth.",
            )],
        );
        assert!(diags(&y, Code::RestatesDefinition).is_empty());
    }

    #[test]
    fn a_new_fact_about_the_subject_is_not_a_restatement() {
        let y = guide_with(
            "Vitiligo",
            "Vitiligo is a condition that causes patchy loss of skin coloring.",
            &[
                (
                    "How common",
                    "Vitiligo is a common disorder, affecting 1 percent of people worldwide.",
                ),
                (
                    "Again",
                    "Vitiligo is a disorder that causes patchy loss of skin coloring.",
                ),
            ],
        );
        let f = found(&y, Code::RestatesDefinition);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.starts_with("Vitiligo is a disorder"));
    }

    #[test]
    fn a_property_of_the_subject_is_not_a_restatement() {
        // one content word ("infectious") cannot say again what a definition said, even when
        // the definition has that word
        let y = guide_with(
            "Hand, foot and mouth disease",
            "Hand, foot and mouth disease is a mild, infectious viral illness that is common in young children.",
            &[(
                "Spread",
                "Hand, foot and mouth disease is infectious. Stay at home while you feel unwell.",
            )],
        );
        let f = found(&y, Code::RestatesDefinition);
        assert!(f.is_empty(), "{f:?}");
    }
}

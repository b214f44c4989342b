//! The guide's distinct words, each looked at once per guide: its lower-case form, whether it
//! is a content word (not a stop word or a number) and its stem. Built on first use from
//! every unit's shared tokens ([`Unit::words`]) and read by the rules that compare words
//! (near-duplicate, restates-definition, duplicate-block) instead of lower-casing and
//! stemming every occurrence again.

use crate::lint::Lexicon;
use crate::lint::lexicon::{Locale, Status};
use crate::lint::text::Unit;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;
use std::sync::OnceLock;

/// Function words ignored when comparing (data: assets/rules/stop-words.txt).
pub(crate) fn stop_words() -> &'static FxHashSet<&'static str> {
    static STOP: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    STOP.get_or_init(|| {
        include_str!("../../assets/rules/stop-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// What the comparing rules need to know of one distinct word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WordInfo {
    /// Lower-case, with `’` written `'`.
    pub lower: Arc<str>,
    /// Id of the word's lower-case form as written (`’` kept) among those its thread has seen
    /// (a guide's table is built on one thread): equal ids, equal forms.
    pub lower_id: u32,
    /// Not a stop word and not all digits: the stem, as [`Lexicon::stem`] gives it.
    pub stem: Option<Arc<str>>,
}

impl WordInfo {
    /// The information of `word`, computed (`lower_id` is `u32::MAX`: not in a table).
    pub(crate) fn compute(word: &str, lexicon: &Lexicon) -> WordInfo {
        let mut lower = word.to_lowercase();
        if lower.contains('’') {
            lower = lower.replace('’', "'");
        }
        let content =
            !(stop_words().contains(lower.as_str()) || lower.chars().all(|c| c.is_ascii_digit()));
        WordInfo {
            stem: content.then(|| lexicon.stem(word)),
            lower: lower.into(),
            lower_id: u32::MAX,
        }
    }
}

/// Every word a thread has looked at, with its information: guides repeat the same words
/// (1,000 guides in one `check`), and neither the lower-case form nor the stem depends on the
/// guide or the project (the stemmer reads no project words).
#[derive(Default)]
struct Seen {
    words: FxHashMap<Box<str>, WordInfo>,
    /// Lower-case forms as written, by id.
    lowers: FxHashMap<Arc<str>, u32>,
}

/// Most words a thread keeps (about 100 MB of hostile distinct tokens); past it, the next
/// guide starts afresh.
const SEEN_CAP: usize = 1 << 20;

thread_local! {
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::default();
}

impl Seen {
    /// `word`'s information, computed the first time this thread sees it.
    fn info(&mut self, word: &str, lexicon: &Lexicon) -> WordInfo {
        if let Some(info) = self.words.get(word) {
            return info.clone();
        }
        let mut info = WordInfo::compute(word, lexicon);
        let written: Arc<str> = if word.contains('’') {
            word.to_lowercase().into()
        } else {
            Arc::clone(&info.lower)
        };
        let next = self.lowers.len() as u32;
        info.lower_id = *self.lowers.entry(written).or_insert(next);
        self.words.insert(word.into(), info.clone());
        info
    }
}

/// The distinct words of a guide's units, with their ids per unit.
pub(crate) struct WordTable<'a> {
    infos: Vec<WordInfo>,
    /// Each distinct word's text, by id.
    texts: Vec<&'a str>,
    /// Per unit, the id of each of its words (parallel to [`Unit::words`]).
    unit_ids: Vec<Vec<u32>>,
    /// Distinct words by their text.
    by_text: FxHashMap<&'a str, u32>,
    /// Per locale, each distinct word's lexicon status, looked up on first use (spelling and
    /// misspelling ask it of every occurrence). Per guide: the answer depends on the lexicon
    /// (project vocabulary, dictionaries) the table is asked with, which is the guide's.
    statuses: [OnceLock<Vec<OnceLock<Status>>>; 3],
}

impl<'a> WordTable<'a> {
    /// Every word of every unit, each distinct word looked at once.
    pub(crate) fn build(units: &'a [Unit<'a>], lexicon: &Lexicon) -> WordTable<'a> {
        let mut by_text: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut infos: Vec<WordInfo> = Vec::new();
        let mut texts: Vec<&'a str> = Vec::new();
        let unit_ids = SEEN.with_borrow_mut(|seen| {
            if seen.words.len() > SEEN_CAP {
                *seen = Seen::default();
            }
            units
                .iter()
                .map(|u| {
                    u.words()
                        .iter()
                        .map(|w| match by_text.entry(w.text) {
                            std::collections::hash_map::Entry::Occupied(e) => *e.get(),
                            std::collections::hash_map::Entry::Vacant(e) => {
                                let id = infos.len() as u32;
                                infos.push(seen.info(w.text, lexicon));
                                texts.push(w.text);
                                *e.insert(id)
                            }
                        })
                        .collect()
                })
                .collect()
        });
        WordTable {
            infos,
            texts,
            unit_ids,
            by_text,
            statuses: Default::default(),
        }
    }

    /// What `lexicon` says of word `id` in `locale` ([`Lexicon::status_in`]), asked once per
    /// distinct word of the guide. `lexicon` must be the guide's (the one the table was built
    /// with): the answer is kept for the table's life.
    pub(crate) fn status(&self, id: u32, lexicon: &Lexicon, locale: Locale) -> &Status {
        let per_word = self.statuses[locale as usize]
            .get_or_init(|| self.infos.iter().map(|_| OnceLock::new()).collect());
        per_word[id as usize].get_or_init(|| lexicon.status_in(self.text_of(id), locale))
    }

    /// The text of word `id`.
    pub(crate) fn text_of(&self, id: u32) -> &'a str {
        self.texts[id as usize]
    }

    /// The ids of unit `unit`'s words, parallel to its [`Unit::words`].
    pub(crate) fn ids(&self, unit: usize) -> &[u32] {
        self.unit_ids.get(unit).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn info(&self, id: u32) -> &WordInfo {
        &self.infos[id as usize]
    }

    /// The id of a word of some unit, by its text.
    pub(crate) fn id(&self, text: &str) -> Option<u32> {
        self.by_text.get(text).copied()
    }

    /// Number of distinct words.
    pub(crate) fn len(&self) -> usize {
        self.infos.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word's entry is what computing it alone gives, one entry per distinct text,
    /// and equal lower-case forms share a `lower_id`.
    #[test]
    fn the_table_holds_each_distinct_word_once_as_computed_alone() {
        let yaml = crate::lint::testing::paragraph_guide(
            "",
            "\"The skin’s Skin SKIN heals; the 24 needles heal skins. Don't, don’t. The colour of teh zorblatic skin.\"",
        );
        let o =
            crate::validate::validate_source(crate::load::SourceFile::new("t.yaml", yaml, false));
        let doc = o.document.expect("the test guide validates");
        let units = crate::lint::text::units(&doc.guide, &doc.root);
        let lexicon = Lexicon::new(&[]);
        let table = WordTable::build(&units, &lexicon);
        let mut texts = FxHashSet::default();
        for (i, u) in units.iter().enumerate() {
            let ids = table.ids(i);
            assert_eq!(ids.len(), u.words().len());
            for (w, &id) in u.words().iter().zip(ids) {
                texts.insert(w.text);
                assert_eq!(table.id(w.text), Some(id));
                let info = table.info(id);
                let alone = WordInfo::compute(w.text, &lexicon);
                assert_eq!((&info.lower, &info.stem), (&alone.lower, &alone.stem));
                assert_eq!(table.text_of(id), w.text);
                // each locale's answer is the lexicon's for that locale, asked again or not
                for locale in [Locale::EnUs, Locale::EnGb, Locale::EnCa] {
                    for _ in 0..2 {
                        assert_eq!(
                            *table.status(id, &lexicon, locale),
                            lexicon.status_in(w.text, locale)
                        );
                    }
                }
            }
        }
        assert_eq!(table.len(), texts.len());
        let lid = |t: &str| table.info(table.id(t).expect("in the table")).lower_id;
        let info_lower = |t: &str| table.info(table.id(t).expect("in the table")).lower.clone();
        assert_eq!(lid("Skin"), lid("SKIN"));
        assert_ne!(lid("Skin"), lid("skins"));
        // the lower-case form as written: a typographic apostrophe stays one
        assert_ne!(lid("Don't"), lid("don’t"));
        assert_eq!(info_lower("Don't"), info_lower("don’t"));
        let info = |t: &str| table.info(table.id(t).expect("in the table"));
        assert_eq!(info("the").stem, None, "a stop word has no stem");
        assert_eq!(info("24").stem, None, "a number has no stem");
        assert_eq!(info("needles").stem.as_deref(), Some("needl"));
        // the statuses differ by locale and word: known, a known misspelling, unknown
        let status = |t: &str, l| table.status(table.id(t).expect("in the table"), &lexicon, l);
        assert_eq!(*status("colour", Locale::EnGb), Status::Known);
        assert_eq!(*status("colour", Locale::EnUs), Status::Unknown);
        assert!(matches!(status("teh", Locale::EnUs), Status::Typo(_)));
        assert_eq!(*status("zorblatic", Locale::EnCa), Status::Unknown);
        // a second guide on the same thread reads the words the first one looked at: the same
        let again = WordTable::build(&units, &lexicon);
        assert_eq!(again.infos, table.infos);
        assert_eq!(again.unit_ids, table.unit_ids);
    }
}

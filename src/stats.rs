//! Reading statistics: syllables per word (a tested heuristic), Flesch reading ease and
//! Flesch-Kincaid grade per section and for the whole guide. Used by the `readability` rule,
//! by `guidepress stats` and by the HTML export's reading times; below lint and export, so
//! neither reaches into the other.

use crate::model::{Block, Guide, RichText, Section};

/// Estimated syllables in an English word (at least 1).
pub fn syllables(word: &str) -> usize {
    // the word's ASCII letters, lower-cased: on the stack for ordinary words
    let mut buf = [0u8; 64];
    let heap: Vec<u8>;
    let w: &[u8] = if word.is_ascii() && word.len() <= buf.len() {
        let mut n = 0;
        for b in word.bytes().filter(u8::is_ascii_alphabetic) {
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        &buf[..n]
    } else {
        heap = word
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c as u8)
            .collect();
        &heap
    };
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut end = w.len();
    // silent endings: -e (but not -le after a consonant), -es, -ed (but not -ted, -ded)
    let s = w;
    if s.ends_with(b"les") && end > 3 && !vowel(w[end - 4]) {
        end -= 1; // "needles", "wrinkles": the -le is a syllable
    } else if (s.ends_with(b"ed") && !s.ends_with(b"ted") && !s.ends_with(b"ded")
        || s.ends_with(b"es") && !matches!(w[end - 3], b's' | b'x' | b'z' | b'h' | b'c' | b'g'))
        && end > 3
        && !vowel(w[end - 3])
    {
        end -= 2; // silent -ed ("used") and -es ("makes")
    } else if s.ends_with(b"e")
        && !s.ends_with(b"le")
        && !s.ends_with(b"ee")
        && end > 2
        && !vowel(w[end - 2])
    {
        end -= 1;
    } else if s.ends_with(b"le") && end > 2 && vowel(w[end - 3]) {
        end -= 1; // -ale, -ile, -ole: the e is silent ("whale", "smile")
    }
    let mut count = 0;
    let mut prev = false;
    for (i, &c) in w[..end].iter().enumerate() {
        // y at the start is a consonant (yes, young)
        let v = vowel(c) && !(c == b'y' && i == 0);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    // "ia", "io" (not "tio"/"sio") usually split: medial, trivial, period
    for pair in w[..end].windows(3) {
        if !matches!(pair[0], b't' | b's' | b'c' | b'g')
            && pair[1] == b'i'
            && matches!(pair[2], b'a' | b'o')
        {
            count += 1;
        }
    }
    count.max(1)
}

/// Counts for a stretch of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Words in the longest sentence.
    pub longest: usize,
}

/// True for a token that is an address, not a word a reader reads: a URL (with a scheme,
/// `www.`, or a bare domain with a path or a common top-level domain), a site path
/// (`/conditions/acne/`), an e-mail address.
fn is_address(token: &str) -> bool {
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | ',' | ';' | ':' | '.' | '!' | '?'
        )
    });
    if t.is_empty() {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") || lower.starts_with("mailto:") {
        return true;
    }
    if t.contains('@') && t.contains('.') && !t.starts_with('@') {
        return true;
    }
    // a path: starts with `/` and has a letter ("/conditions/acne/")
    if t.starts_with('/') && t.len() > 1 && t.chars().any(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    // a bare domain: letters, dots, no spaces, ending in a common top-level domain or
    // followed by a path ("nhs.uk", "medlineplus.gov/acne.html")
    let host = lower.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && matches!(
            *labels.last().unwrap_or(&""),
            "com"
                | "org"
                | "net"
                | "gov"
                | "edu"
                | "uk"
                | "us"
                | "ie"
                | "au"
                | "nz"
                | "ca"
                | "int"
                | "info"
                | "io"
        )
}

/// The text with addresses (see [`is_address`]) blanked out, so they count as neither
/// words nor sentence ends.
fn without_addresses(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['/', '@', '.']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for piece in text.split_inclusive(char::is_whitespace) {
        let token = piece.trim_end();
        if is_address(token) {
            changed = true;
            // keep a sentence end that followed the address ("see nhs.uk.")
            let tail = token.len() - token.trim_end_matches(['.', '!', '?']).len();
            out.push_str(&" ".repeat(token.len() - tail));
            out.push_str(&token[token.len() - tail..]);
            out.push_str(&piece[token.len()..]);
        } else {
            out.push_str(piece);
        }
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// True for a list item that is a name or a link rather than a sentence: no sentence
/// punctuation, at most 12 words, and every word (small joining words aside) capitalised
/// or an address — "British Association of Dermatologists", "NHS 111 (https://111.nhs.uk)".
pub(crate) fn is_name_item(item: &str) -> bool {
    let t = without_addresses(item);
    let t = t.trim();
    if t.is_empty() {
        return true;
    }
    if t.ends_with(['.', '!', '?', ':']) || t.contains(". ") {
        return false;
    }
    let ws = crate::text::words(t);
    if ws.len() > 12 {
        return false;
    }
    let small = |w: &str| {
        matches!(
            w,
            "of" | "and"
                | "the"
                | "for"
                | "in"
                | "on"
                | "at"
                | "to"
                | "a"
                | "an"
                | "&"
                | "with"
                | "by"
                | "de"
                | "la"
                | "van"
                | "von"
        )
    };
    let mut capitals = 0;
    for w in &ws {
        let first = w.text.chars().next().unwrap_or(' ');
        if first.is_uppercase() || first.is_ascii_digit() {
            capitals += 1;
        } else if !small(w.text) {
            return false;
        }
    }
    // a single capitalised word ("Redness") is an ordinary short list item
    capitals >= 2 || (ws.len() <= 1 && item.trim() != t)
}

impl Stats {
    pub(crate) fn add_text(&mut self, text: &str) {
        let text = &*without_addresses(text);
        for (s, e) in crate::text::sentences(text) {
            let words: Vec<&str> = crate::text::words(&text[s..e])
                .into_iter()
                .map(|w| w.text)
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            if words.is_empty() {
                continue;
            }
            self.sentences += 1;
            self.words += words.len();
            self.longest = self.longest.max(words.len());
            self.syllables += words
                .iter()
                .map(|w| w.split('-').map(syllables).sum::<usize>())
                .sum::<usize>();
        }
    }

    pub fn merge(&mut self, o: &Stats) {
        self.words += o.words;
        self.sentences += o.sentences;
        self.syllables += o.syllables;
        self.longest = self.longest.max(o.longest);
    }

    fn ratios(&self) -> (f64, f64) {
        let s = self.sentences.max(1) as f64;
        let w = self.words.max(1) as f64;
        (w / s, self.syllables as f64 / w)
    }

    /// Flesch-Kincaid grade level.
    pub fn grade(&self) -> f64 {
        let (wps, spw) = self.ratios();
        0.39 * wps + 11.8 * spw - 15.59
    }

    /// Flesch reading ease (higher is easier; 60-70 is plain English).
    pub fn ease(&self) -> f64 {
        let (wps, spw) = self.ratios();
        206.835 - 1.015 * wps - 84.6 * spw
    }

    pub fn words_per_sentence(&self) -> f64 {
        self.ratios().0
    }

    /// Reading time in minutes at 200 words per minute.
    pub fn minutes(&self) -> f64 {
        self.words as f64 / 200.0
    }
}

fn plain(t: &RichText) -> String {
    t.plain()
}

fn add_blocks(stats: &mut Stats, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Paragraph(t) => stats.add_text(&plain(t)),
            // each list item counts as a sentence of its own
            Block::Ordered(items) | Block::Bullets(items) => {
                for it in items {
                    let mut p = plain(it);
                    // a list of names or links is not prose to read
                    if is_name_item(&p) {
                        continue;
                    }
                    if !p.trim_end().ends_with(['.', '!', '?']) {
                        p.push('.');
                    }
                    stats.add_text(&p);
                }
            }
            Block::Callout(c) => stats.add_text(&plain(&c.text)),
        }
    }
}

fn add_section(stats: &mut Stats, s: &Section) {
    for step in s.walk() {
        if let crate::model::Walk::Enter(r) = step {
            add_blocks(stats, &r.section.blocks);
        }
    }
}

/// Per part of the guide: (label, JSON Pointer of its title or `/introduction`, stats),
/// then the whole guide last.
pub fn guide_stats(guide: &Guide) -> Vec<(String, String, Stats)> {
    let mut out = Vec::new();
    let mut total = Stats::default();
    if !guide.introduction.is_empty() {
        let mut s = Stats::default();
        add_blocks(&mut s, &guide.introduction);
        total.merge(&s);
        out.push(("Introduction".to_string(), "/introduction".to_string(), s));
    }
    for (i, sec) in guide.sections.iter().enumerate() {
        let mut s = Stats::default();
        add_section(&mut s, sec);
        total.merge(&s);
        out.push((sec.title.clone(), format!("/sections/{i}/title"), s));
    }
    out.push(("Whole guide".to_string(), String::new(), total));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_known_words() {
        // dictionary syllable counts
        let table = [
            ("the", 1),
            ("skin", 1),
            ("needle", 2),
            ("needles", 2),
            ("collagen", 3),
            ("procedure", 3),
            ("microneedling", 4),
            ("treatment", 2),
            ("redness", 2),
            ("swelling", 2),
            ("table", 2),
            ("smile", 1),
            ("needed", 2),
            ("used", 1),
            ("wrinkles", 2),
            ("hyperpigmentation", 6),
            ("every", 3),
            ("beautiful", 3),
            ("yes", 1),
            ("infection", 3),
            ("medical", 3),
            ("irritation", 4),
            ("effective", 3),
            ("patients", 2),
            ("trivial", 3),
            ("professional", 4),
        ];
        let wrong: Vec<String> = table
            .iter()
            .filter(|(w, n)| syllables(w) != *n)
            .map(|(w, n)| format!("{w}: expected {n}, got {}", syllables(w)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn grade_and_ease_follow_the_formulas() {
        let mut s = Stats::default();
        s.add_text("The cat sat on the mat. The dog ran.");
        assert_eq!((s.words, s.sentences, s.syllables), (9, 2, 9));
        assert!((s.grade() - (0.39 * 4.5 + 11.8 * 1.0 - 15.59)).abs() < 1e-9);
        assert!((s.ease() - (206.835 - 1.015 * 4.5 - 84.6)).abs() < 1e-9);
    }
}

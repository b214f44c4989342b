//! `spelling`: words that are neither in the en_US dictionary nor in the project or
//! guide vocabulary. Acronyms, numbers, URLs and possessives are handled; hyphenated
//! compounds are checked part by part.

use crate::diag::{Code, Diagnostic};
use crate::lint::lexicon::Status;
use crate::lint::{Context, Rule};

pub(crate) struct Spelling;

/// Unit symbols, exactly as written (assets/dict/units.txt).
const UNITS: &str = include_str!("../../../assets/dict/units.txt");

/// Chemical element symbols, for laser and crystal notation (`Nd:YAG`, `Er,Cr:YSGG`).
const ELEMENTS: &[&str] = &[
    "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl",
    "Ar", "K", "Ca", "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As",
    "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr", "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In",
    "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb",
    "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg", "Tl",
    "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk",
    "Cf", "Es", "Fm", "Md", "No", "Lr",
];

fn is_unit(word: &str) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        UNITS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(word)
}

/// True when the token at `start..end` of `text` is notation rather than a word: a unit
/// symbol (`dL` in `mg/dL`), an element of a laser or crystal name (`Nd` in `Nd:YAG`), or a
/// pronunciation respelling in parentheses (`(muh-LAY-nuh)`, `(sor-EYE-uh-sis)`).
pub(crate) fn notation(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if is_unit(word) {
        return true;
    }
    // element symbols joined to a crystal: the chunk reads `Nd:YAG`, `Er,Cr:YSGG` (a symbol
    // is one or two bytes and starts with a capital: other words skip the list)
    if word.len() <= 2
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && ELEMENTS.contains(&word)
    {
        let after = &text[end..];
        let chunk_end = after
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | ']' | ';'))
            .unwrap_or(after.len());
        let chunk = &after[..chunk_end];
        if let Some(colon) = chunk.find(':') {
            let head = &chunk[..colon];
            let crystal_starts_upper =
                chunk[colon + 1..].starts_with(|c: char| c.is_ascii_uppercase());
            let others_elements = head
                .split(',')
                .filter(|p| !p.is_empty())
                .all(|p| ELEMENTS.contains(&p));
            if crystal_starts_upper && (head.is_empty() || head.starts_with(',')) && others_elements
            {
                return true;
            }
        }
    }
    respelling(text, start, end) || binomial(text, start, end)
}

/// Endings of Latin genus names and of species epithets (binomial nomenclature).
const GENUS_ENDINGS: &[&str] = &[
    "ia", "a", "um", "ium", "us", "es", "is", "oides", "ella", "ae", "on", "ma",
];
const EPITHET_ENDINGS: &[&str] = &[
    "i", "ae", "um", "us", "is", "ica", "ensis", "icum", "ia", "ii", "ata", "alis", "oides",
];

fn ends_with_any(word: &str, endings: &[&str]) -> bool {
    // the last byte first: most words end in none of the endings' last letters
    let Some(last) = word.as_bytes().last() else {
        return false;
    };
    endings
        .iter()
        .any(|e| e.as_bytes().last() == Some(last) && word.ends_with(e))
}

fn genus(word: &str) -> bool {
    let mut c = word.chars();
    c.next().is_some_and(|f| f.is_ascii_uppercase())
        && c.as_str().len() >= 3
        && c.as_str().chars().all(|c| c.is_ascii_lowercase())
        && ends_with_any(word, GENUS_ENDINGS)
        // `Sometimes diabetis`: a common word is no genus
        && !crate::lint::lexicon::common_word(word)
}

fn epithet(word: &str) -> bool {
    word.len() >= 4
        && word.chars().all(|c| c.is_ascii_lowercase())
        && ends_with_any(word, EPITHET_ENDINGS)
}

/// A scientific name, genus and species (`Sarcoptes scabiei`, `Clostridium butyricum`,
/// `Haemophilus influenzae`): a capitalised Latin genus, one space, a Latin epithet. Both
/// words pass; a typo of an English word rarely takes both shapes side by side.
fn binomial(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if epithet(word) {
        let before = &text[..start];
        if let Some(prev) = before.strip_suffix(' ') {
            let from = prev.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
                i + prev[i..].chars().next().map_or(1, char::len_utf8)
            });
            return genus(&prev[from..]);
        }
        return false;
    }
    if genus(word)
        && let Some(next) = text[end..].strip_prefix(' ')
    {
        let to = next
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(next.len());
        return epithet(&next[..to]);
    }
    false
}

/// The longest pronunciation respelling group, in bytes.
const RESPELLING_MAX: usize = 80;

/// A pronunciation respelling: the whole parenthesised group is syllables joined by hyphens
/// (or spaces), at least one stressed in capitals and one not (`(KRONE)` alone is a word).
fn respelling(text: &str, start: usize, end: usize) -> bool {
    // a group is at most 80 bytes: look no further for its brackets (every word of a long
    // text without brackets would otherwise scan back to its start — quadratic)
    let mut from = start.saturating_sub(RESPELLING_MAX + 1);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + RESPELLING_MAX + 1).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let Some(open) = text[from..start].rfind('(').map(|o| from + o) else {
        return false;
    };
    let Some(close) = text[end..to].find(')').map(|c| end + c) else {
        return false;
    };
    let group = &text[open + 1..close];
    if group.len() > RESPELLING_MAX || !group.contains('-') {
        return false;
    }
    let syllables: Vec<&str> = group.split(['-', ' ']).filter(|s| !s.is_empty()).collect();
    let letters = |s: &&str| {
        s.trim_end_matches(['\'', '’'])
            .chars()
            .all(char::is_alphabetic)
    };
    syllables.len() >= 2
        && syllables.iter().all(letters)
        && syllables
            .iter()
            .any(|s| s.chars().count() >= 2 && !s.chars().any(char::is_lowercase))
        && syllables.iter().any(|s| !s.chars().any(char::is_uppercase))
}

/// Names a guide introduces itself, accepted wherever they recur in it: a name given with its
/// own web address (`Adfam (http://www.adfam.org.uk/)`, `Acas helpline (https://www.acas.org.uk)`)
/// and an abbreviation defined in place by the words it stands for (`Hib (Haemophilus
/// influenzae type b)`, `National Association for Children of Alcoholics (Nacoa)`). A typo of
/// such a name matches neither its address nor its words, so it is still found.
/// Also brand names given in brackets right after a medicine's name (`bismuth subsalicylate
/// (Pepto-Bismol and Kaopectate)`).
pub(crate) fn introduced_names(cx: &Context) -> rustc_hash::FxHashSet<String> {
    let mut names = rustc_hash::FxHashSet::default();
    for u in cx.units {
        brands_after_medicine(cx, u.text, &mut names);
        names_in_lists(cx, u.text, u.words(), &mut names);
        let ws = u.words();
        for (i, w) in ws.iter().enumerate() {
            let name = w.text;
            if !name.starts_with(|c: char| c.is_uppercase())
                || !name.chars().all(char::is_alphabetic)
                || name.chars().count() < 2
            {
                continue;
            }
            if named_by_its_address(u.text, w.end, name)
                || named_as_an_organisation(u.text, w.end)
                || defined_after(u.text, w.end, name)
                || defined_before(u.text, w.start, w.end, &ws[..i], name)
            {
                names.insert(name.to_string());
            }
        }
    }
    names
}

/// `loperamide (Imodium)`, `bismuth subsalicylate (Pepto-Bismol and Kaopectate)`: in brackets
/// of at most six words right after a word of the medical lists, capitalised words joined by
/// `and`, `or` or commas are brand names.
fn brands_after_medicine(cx: &Context, text: &str, names: &mut rustc_hash::FxHashSet<String>) {
    let mut from = 0;
    while let Some(open) = text[from..].find(" (").map(|i| from + i) {
        from = open + 2;
        let before = &text[..open];
        let medicine = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let Some(close) = closing(text, open + 2) else {
            continue;
        };
        let group = &text[open + 2..close];
        if medicine.len() < 5
            || !medicine.chars().all(|c| c.is_lowercase())
            || !technical_word(cx, medicine)
        {
            continue;
        }
        let words: Vec<&str> = group.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        let brand = |w: &str| {
            w.split('-').all(|p| {
                p.starts_with(|c: char| c.is_uppercase())
                    && p.chars().count() >= 3
                    && p.chars().all(char::is_alphabetic)
            })
        };
        if words.is_empty()
            || words.len() > 6
            || !words.iter().all(|w| matches!(*w, "and" | "or") || brand(w))
        {
            continue;
        }
        for w in words.into_iter().filter(|w| brand(w)) {
            names.insert(w.to_string());
            names.extend(w.split('-').map(str::to_string));
        }
    }
}

/// A word of the medical lists, or a known word of seven letters or more that is not a common
/// word (`methylcellulose`, which SCOWL lists): the name of a substance a brand may follow.
fn technical_word(cx: &Context, word: &str) -> bool {
    cx.lexicon.medical_word(word)
        || (word.chars().count() >= 7
            && !crate::lint::lexicon::common_word(word)
            && cx.lexicon.status_in(word, cx.locale) == Status::Known)
}

/// `solutions such as Pedialyte, Naturalyte, Infalyte, and CeraLyte`, `Brand name products:
/// Pronto*, Rid*, Triple X*, Licide*`: a list of three or more capitalised names (each of one
/// or two words, joined by commas, `and`, `or`, trade-mark asterisks) is a list of names when
/// one of them is a word of the medical lists (a drug brand) or the 80 bytes before it say
/// `brand`; its unknown members are names too.
fn names_in_lists(
    cx: &Context,
    text: &str,
    words: &[crate::lint::text::Word],
    names: &mut rustc_hash::FxHashSet<String>,
) {
    let name = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase())
            && w.chars().all(char::is_alphabetic)
            && !matches!(w, "And" | "Or")
    };
    // the text between two items of a list: commas, `and`, `or`, trade-mark signs
    let joins = |gap: &str| {
        let g = gap.trim_start_matches(['\\', '*', '®', '™', '†']);
        let g = g.trim_start_matches(',').trim_start();
        let g = g
            .strip_prefix("and ")
            .or_else(|| g.strip_prefix("or "))
            .unwrap_or(g);
        g.trim().is_empty() && gap.len() <= 8
    };
    let mut i = 0;
    while i < words.len() {
        if !name(words[i].text) {
            i += 1;
            continue;
        }
        // items: runs of names; a single space joins the words of one item (`Triple X`)
        let mut items = 1;
        let mut words_in_item = 1;
        let mut j = i + 1;
        while j < words.len() && name(words[j].text) {
            let gap = &text[words[j - 1].end..words[j].start];
            if gap == " " && words_in_item < 2 {
                words_in_item += 1;
            } else if gap != " " && joins(gap) {
                items += 1;
                words_in_item = 1;
            } else {
                break;
            }
            j += 1;
        }
        if items >= 3 {
            let run = &words[i..j];
            let mut from = words[i].start.saturating_sub(80);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let cue = text[from..words[i].start].to_lowercase().contains("brand");
            if cue || run.iter().any(|w| cx.lexicon.medical_word(w.text)) {
                names.extend(run.iter().map(|w| w.text.to_string()));
            }
        }
        i = j;
    }
}

/// `groundhogs (Marmota monax)`: the species after a genus that only the medical lists know
/// (MeSH names genera: `Marmota`), capitalised mid-sentence. The species epithet may take any
/// shape; a typo after such a name is rare.
fn species_of_known_genus(cx: &Context, text: &str, start: usize) -> bool {
    let word = &text[start..];
    let word = &word[..word
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(word.len())];
    if word.chars().count() < 4 || !word.chars().all(|c| c.is_lowercase()) {
        return false;
    }
    let Some(prev) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let from = prev.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + prev[i..].chars().next().map_or(1, char::len_utf8)
    });
    let genus = &prev[from..];
    genus.chars().count() >= 4
        && genus.starts_with(|c: char| c.is_uppercase())
        && genus.chars().skip(1).all(|c| c.is_lowercase())
        && mid_sentence_capital(text, from)
        && cx.lexicon.medical_word(genus)
        && !cx.lexicon.dictionary_only(genus)
        && !crate::lint::lexicon::common_word(genus)
}

/// A word formed the way medicine names agents and compounds, from parts the lexicon knows: an
/// agent that kills an organism or a condition's cause (`pediculicide` from *Pediculus*,
/// `scabicides` from scabies), or a compound named by chemical groups before a known word
/// (`difluoromethylornithine`, `organochloride`). A typo rarely takes these shapes.
pub(crate) fn derived(cx: &Context, word: &str) -> bool {
    const CIDE: &[&str] = &["icides", "icide", "icidal", "ocides", "ocide", "ocidal"];
    const STEM_ENDINGS: &[&str] = &["us", "ies", "is", "a", "um", "i", "e", ""];
    const GROUPS: &[&str] = &[
        "fluoro", "chloro", "bromo", "iodo", "methyl", "ethyl", "propyl", "butyl", "hydroxy",
        "amino", "nitro", "carboxy", "acetyl", "phenyl", "organo", "sulfo", "thio", "deoxy",
        "dehydro", "alpha", "beta", "di", "tri", "tetra",
    ];
    const STRONG: usize = 20; // GROUPS before this index name a chemical group
    let lower = word.to_lowercase();
    if !lower.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let known = |w: &str| {
        let mut cap = String::with_capacity(w.len());
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            cap.extend(f.to_uppercase());
            cap.push_str(cs.as_str());
        }
        cx.lexicon.status_in(w, cx.locale) == Status::Known
            || cx.lexicon.status_in(&cap, cx.locale) == Status::Known
    };
    for end in CIDE {
        if let Some(stem) = lower.strip_suffix(end)
            && stem.len() >= 4
            && STEM_ENDINGS.iter().any(|e| known(&format!("{stem}{e}")))
        {
            return true;
        }
    }
    // strip chemical-group prefixes; at least one a real group (not only di-, tri-, alpha-)
    let mut rest = lower.as_str();
    let mut strong = false;
    while let Some((i, g)) = GROUPS
        .iter()
        .enumerate()
        .find(|(_, g)| rest.len() > g.len() + 3 && rest.starts_with(*g))
    {
        strong |= i < STRONG;
        rest = &rest[g.len()..];
        if strong && rest.len() >= 5 && known(rest) {
            return true;
        }
    }
    false
}

/// The offset of the `)` that closes a bracket opened just before `from`, looked for within
/// 200 bytes only (the groups read here are a few words; a text with thousands of unclosed
/// brackets stays linear).
fn closing(text: &str, from: usize) -> Option<usize> {
    let mut to = (from + 200).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text[from..to].find(')').map(|i| from + i)
}

/// What an organisation or service is called when a page introduces it by name.
const ORGANISATION_NOUNS: &[&str] = &[
    "helpline",
    "helplines",
    "charity",
    "charities",
    "organisation",
    "organization",
    "service",
    "website",
    "app",
    "campaign",
    "programme",
    "program",
    "network",
    "foundation",
    "society",
    "association",
    "trust",
];

/// `Drinkline is the national alcohol helpline`, `Mind is a mental health charity`: a name
/// followed by `is the`, `is a` or `is an` and, within six words of the same sentence, a word
/// for an organisation or service. A misspelt word is rarely introduced as a charity.
fn named_as_an_organisation(text: &str, end: usize) -> bool {
    let after = &text[end..];
    let Some(rest) = ["is the ", "is a ", "is an "]
        .iter()
        .find_map(|p| after.strip_prefix(' ').and_then(|a| a.strip_prefix(p)))
    else {
        return false;
    };
    let sentence = &rest[..rest.find(['.', ';', ':', '(']).unwrap_or(rest.len())];
    sentence
        .split_whitespace()
        .take(6)
        .any(|w| ORGANISATION_NOUNS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// A web address shortly after the name whose host has the name as one of its labels.
fn named_by_its_address(text: &str, end: usize, name: &str) -> bool {
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let window = &text[end..to];
    let lower = name.to_lowercase();
    let mut rest = window;
    while let Some(at) = rest.find("://").or_else(|| rest.find("www.")) {
        let host_start = if rest[at..].starts_with("://") {
            at + 3
        } else {
            at
        };
        let host_text = &rest[host_start..];
        let host_end = host_text
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(host_text.len());
        let host = &host_text[..host_end];
        if host.contains('.')
            && host
                .split('.')
                .any(|label| label.eq_ignore_ascii_case(&lower))
        {
            return true;
        }
        rest = &host_text[host_end..];
    }
    false
}

/// True when the letters of `abbr` are the initials of `words` in order: the first and the
/// last initial always, at most a third of them skipped (`for`, `type`).
fn initials_of(abbr: &str, words: &[&str]) -> bool {
    let a: Vec<char> = abbr.to_lowercase().chars().collect();
    let initials: Vec<char> = words
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    if a.len() < 2 || initials.len() < a.len() || 3 * (initials.len() - a.len()) > initials.len() {
        return false;
    }
    if a.first() != initials.first() || a.last() != initials.last() {
        return false;
    }
    let mut it = initials.iter();
    a.iter().all(|c| it.any(|i| i == c))
}

/// `Hib (Haemophilus influenzae type b)`: the words in brackets right after the name.
fn defined_after(text: &str, end: usize, name: &str) -> bool {
    if !text[end..].starts_with(" (") {
        return false;
    }
    let Some(close) = closing(text, end + 2) else {
        return false;
    };
    let words: Vec<&str> = text[end + 2..close]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 10 && initials_of(name, &words)
}

/// `National Association for Children of Alcoholics (Nacoa)`: the name in brackets right
/// after the words it stands for.
fn defined_before(
    text: &str,
    start: usize,
    end: usize,
    before: &[crate::lint::text::Word],
    name: &str,
) -> bool {
    if !text[..start].ends_with(" (") || !text[end..].starts_with(')') {
        return false;
    }
    let words: Vec<&str> = before[before.len().saturating_sub(10)..]
        .iter()
        .map(|w| w.text)
        .collect();
    (2..=10.min(words.len())).any(|k| initials_of(name, &words[words.len() - k..]))
}

/// Skip tokens that are not words to spell-check.
/// Words that follow a plural rather than a possessive (`the bodys of`, `activitys for`):
/// prepositions, conjunctions, auxiliaries.
const AFTER_PLURAL: &[&str] = &[
    "of", "for", "in", "on", "at", "to", "with", "from", "by", "and", "or", "but", "nor", "are",
    "were", "have", "had", "can", "could", "may", "might", "will", "would", "should", "must", "do",
    "did", "that", "which", "who", "as", "than", "like", "into", "about", "after", "before",
    "where", "when", "while", "because", "if", "so", "is", "was", "be", "been", "also", "not",
];

/// Function words (`the`, `some`): `thes` or `somes` is no possessive.
static FUNCTION_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../../assets/rules/stop-words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::trim)
            .collect()
    });

/// A word that lost its apostrophe (`youre`, `childs`, `the bodys largest organ`): the form
/// with one apostrophe put back, when the lexicon knows it, is offered — first for a
/// contraction (`you're`), and for a possessive when a word follows that a possessive can take
/// (`the bodys immune system` → `body's`, `the bodys of the children` → `bodies` stays first).
pub(crate) fn lost_apostrophe(
    cx: &Context,
    text: &str,
    end: usize,
    word: &str,
    mut suggestions: Vec<String>,
) -> Vec<String> {
    if word.contains(['\'', '’']) || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return suggestions;
    }
    let lower = word.to_ascii_lowercase();
    let (form, first) = if let Some(stem) = word.strip_suffix(['s', 'S'])
        && stem.len() > 3
        && !FUNCTION_WORDS.contains(stem.to_ascii_lowercase().as_str())
        && cx.lexicon.status_in(stem, cx.locale) == Status::Known
    {
        // a possessive: first when the next word (after one space) can follow it
        let next: String = text[end..]
            .strip_prefix(' ')
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let follows = next.chars().next().is_some_and(char::is_lowercase)
            && !AFTER_PLURAL.contains(&next.as_str());
        (format!("{stem}'{}", &word[stem.len()..]), follows)
    } else if let Some(cut) = ["nt", "re", "ll", "ve"]
        .iter()
        .find(|t| lower.len() > t.len() + 1 && lower.ends_with(*t))
        .map(|t| word.len() - if *t == "nt" { 1 } else { t.len() })
    {
        (format!("{}'{}", &word[..cut], &word[cut..]), true)
    } else {
        return suggestions;
    };
    if cx.lexicon.status_in(&form, cx.locale) != Status::Known {
        return suggestions;
    }
    if first {
        suggestions.retain(|s| s != &form);
        suggestions.insert(0, form);
    }
    suggestions
}

pub(crate) fn checkable(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // acronyms: PRP, UV, RF (optionally with a plural s or a possessive: SPFs, NCI's)
    let core = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w);
    if core.chars().count() >= 2 && core.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    // names written in camel case: PubMed, MedlinePlus, RotaTeq, IgE (a typo does not put a
    // capital after a small letter)
    let mut prev_lower = false;
    for c in w.chars() {
        if prev_lower && c.is_uppercase() {
            return false;
        }
        prev_lower = c.is_lowercase();
    }
    true
}

impl Rule for Spelling {
    fn code(&self) -> Code {
        Code::Spelling
    }
    // Long because it is one walk over the units' words in which each word's language (the
    // part's, a span's) decides the dictionary, and a word's status decides its finding, fix and
    // suggestions; the per-language notes said once are state of the same walk.
    fn check(&self, cx: &Context, out: &mut dyn super::Sink<Diagnostic>) {
        let typo_rule_on = cx.rule_enabled(Code::Misspelling);
        if cx.locale_fallback {
            let mut d = cx
                .diag(
                    self,
                    format!(
                        "no dictionary for language `{}`: spelling is checked as en-US",
                        cx.doc.guide.language
                    ),
                )
                .pointer("/language")
                .note("note: guidepress has dictionaries for en-US, en-GB (also used for en-AU, en-NZ, en-IE) and en-CA");
            d.severity = crate::diag::Severity::Note;
            let (node, _, found) = cx.doc.root.walk_pointer("/language");
            if found {
                d.location = Some(cx.doc.source.location(node.start, node.end));
            }
            out.push(d);
        }
        let names = introduced_names(cx);
        let mut unchecked = std::collections::BTreeSet::new();
        let table = cx.words();
        // per distinct word of the guide: 0 not asked yet, 1 may be a finding, 2 never one
        // (not checkable, a name the guide introduces or a guide word)
        let mut never = vec![0u8; table.len()];
        for (ui, unit) in cx.units.iter().enumerate() {
            let ids = table.ids(ui);
            // a part in another language (its `lang`, or a `[text]{lang=..}` span): that
            // language's dictionary, or not checked at all, said once per language (at the
            // part, or at the span's tag)
            let part = cx.doc.guide.part_language(&unit.id.pointer());
            let spans = crate::model::inline::lang_spans(unit.text);
            let locale_of = |tag: Option<&str>| match tag {
                None => Some(cx.locale),
                Some(tag) => match crate::lint::lexicon::Locale::for_language(tag) {
                    (l, false) => Some(l),
                    (_, true) => None,
                },
            };
            let mut unknown =
                |tag: &'_ str, start: usize, end: usize, out: &mut dyn super::Sink<Diagnostic>| {
                    if unchecked.insert(tag.to_string()) {
                        let mut d = cx.at(
                        self,
                        unit,
                        start,
                        end,
                        format!(
                            "no dictionary for language `{tag}`: parts in it are not spell-checked"
                        ),
                    );
                        d.severity = crate::diag::Severity::Note;
                        out.push(d);
                    }
                };
            let part_locale = locale_of(part);
            if let (Some(tag), None) = (part, part_locale) {
                unknown(tag, 0, 0, out);
            }
            for sp in &spans {
                let tag = sp.lang(unit.text);
                if locale_of(Some(tag)).is_none() {
                    unknown(tag, sp.tag.start, sp.tag.end, out);
                }
            }
            for (wi, w) in unit.words().iter().enumerate() {
                let locale = match crate::model::inline::lang_at(unit.text, &spans, w.start) {
                    Some(tag) => locale_of(Some(tag)),
                    None => part_locale,
                };
                let Some(locale) = locale else { continue };
                // asked once per distinct word: one that is never a finding or that its
                // dictionary knows skips the tests that read its context (all of them must
                // fail for a finding, none has an effect)
                if let Some(&id) = ids.get(wi) {
                    let seen = &mut never[id as usize];
                    if *seen == 0 {
                        *seen = if !checkable(w.text)
                            || names.contains(w.text)
                            || cx.guide_word(w.text)
                        {
                            2
                        } else {
                            1
                        };
                    }
                    if *seen == 2 || *table.status(id, cx.lexicon, locale) == Status::Known {
                        continue;
                    }
                }
                if !checkable(w.text)
                    || names.contains(w.text)
                    || cx.guide_word(w.text)
                    || unit.word_notation(wi, notation)
                {
                    continue;
                }
                if cx.lexicon.status_in(w.text, locale) == Status::Known
                    || derived(cx, w.text)
                    || species_of_known_genus(cx, unit.text, w.start)
                {
                    continue;
                }
                // check hyphenated compounds part by part
                let mut offset = w.start;
                for part in w.text.split('-') {
                    let (ps, pe) = (offset, offset + part.len());
                    offset = pe + 1;
                    if !checkable(part)
                        || names.contains(part)
                        || cx.guide_word(part)
                        || notation(unit.text, ps, pe)
                    {
                        continue;
                    }
                    let status = cx.lexicon.status_in(part, locale);
                    if status == Status::Known
                        || derived(cx, part)
                        || (typo_rule_on && matches!(status, Status::Typo(_)))
                    {
                        continue;
                    }
                    let suggestions = match &status {
                        Status::Typo(f) => f.clone(),
                        _ => cx.lexicon.suggest_in(part, locale),
                    };
                    let suggestions = lost_apostrophe(cx, unit.text, pe, part, suggestions);
                    let mut d = cx
                        .at(self, unit, ps, pe, format!("unknown word `{part}`"))
                        .label(match suggestions.first() {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => "not in the dictionary".to_string(),
                        })
                        .note(format!(
                            "help: if the word is right, run `guidepress vocab add {part}` (adds it to {}) or list it in the guide's `vocabulary`",
                            cx.settings.vocabulary_target().display()
                        ));
                    d.suggestions = suggestions;
                    // only a single known correction is a fix; a near vocabulary word is a
                    // suggestion (`Microchannel` is not a typo of `Microchannels`)
                    if let Status::Typo(f) = &status
                        && f.len() == 1
                        && d.suggestions.len() == 1
                        && !mid_sentence_capital(unit.text, ps)
                    {
                        d = super::with_fix(cx, unit, d, ps, pe, &f[0]);
                    }
                    out.push(d);
                }
            }
        }
    }
}

/// True when the word at byte `start` of `text` starts with a capital letter and does not
/// open a sentence (or the text): probably a name, so never auto-fixed.
pub(crate) fn mid_sentence_capital(text: &str, start: usize) -> bool {
    if !text[start..].chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let before = text[..start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '"' | '\'' | '“' | '‘' | '(' | '[')
    });
    !(before.is_empty() || before.ends_with(['.', '!', '?', ':']))
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;
    use crate::lint::testing::*;

    fn para(text: &str) -> String {
        paragraph_guide("", text)
    }

    #[test]
    fn a_span_is_checked_with_its_languages_dictionary_or_said_to_be_unchecked() {
        // British spelling inside an en-GB span passes; outside it (en-US) it does not
        let f = found(
            &para("'The colour is [the colour]{lang=en-GB} here.'"),
            Code::Spelling,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "colour");
        assert!(f[0].0.contains("unknown word"), "{f:?}");
        // a typo inside an English span is still found
        let f = found(
            &para("'Keep [the skin zorblatic]{lang=en-GB}.'"),
            Code::Spelling,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1, "zorblatic");
        // a language with no dictionary: not checked, said once, at the span's tag; the
        // span's markup is not a word
        let d = diags(
            &para("'Say [merci beaucoup]{lang=fr} and [bonjour]{lang=fr} now.'"),
            Code::Spelling,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .contains("no dictionary for language `fr`: parts in it are not spell-checked"),
            "{d:?}"
        );
        let loc = d[0].location.as_ref().unwrap();
        assert_eq!(loc.end - loc.start, 2, "the tag is underlined: {loc:?}");
    }

    #[test]
    fn unknown_words_are_found_with_suggestions() {
        let d = diags(&para("The skin heals quikcly."), Code::Spelling);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].suggestions.iter().any(|s| s == "quickly"),
            "{:?}",
            d[0].suggestions
        );
    }

    #[test]
    fn names_a_guide_introduces_pass_wherever_they_recur() {
        // corpus (tune, NHS pages): a name with its own address, an abbreviation defined in place
        let text = "'Adfam (http://www.adfam.org.uk/) is a charity. Adfam runs groups. Call the Acas helpline (https://www.acas.org.uk/contact). The National Association for Children of Alcoholics (Nacoa) helps. Call the Nacoa helpline. The vaccine protects against Hib (Haemophilus influenzae type b).'";
        let f = found(&para(text), Code::Spelling);
        assert!(f.is_empty(), "{f:?}");
        // a typo of the name matches neither its address nor its words: still found
        let text = "'Adfma (http://www.adfam.org.uk/) is a charity. The Naitonal Association for Children of Alcoholics (Nacao) helps. Zorbex (http://www.example.org) sells it.'";
        let f: Vec<String> = found(&para(text), Code::Spelling)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(f, ["Adfma", "Naitonal", "Nacao", "Zorbex"]);
    }

    #[test]
    fn agents_compounds_and_brands_after_a_medicine_pass() {
        // corpus (tune, CDC and NCI pages): agents named after what they kill, compounds named
        // by chemical groups, brand names in brackets after the medicine
        let text = "'Use a pediculicide or pediculicides; scabicides kill mites. Lindane is an organochloride. Alpha-difluoromethylornithine helps. Take bismuth subsalicylate (Pepto-Bismol and Kaopectate).'";
        let f = found(&para(text), Code::Spelling);
        assert!(f.is_empty(), "{f:?}");
        // typos do not take these shapes; a capitalised word in brackets after an everyday
        // word is no brand
        let text = "'Use a pediculcide. Lindane is an organochlorde. Cover the skin (Bandgae) and methylcovr it.'";
        let f: Vec<String> = found(&para(text), Code::Spelling)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(f, ["pediculcide", "organochlorde", "Bandgae", "methylcovr"]);
    }

    #[test]
    fn lists_of_names_brands_after_a_substance_and_species_of_a_known_genus_pass() {
        // corpus (tune, NIDDK, CDC pages): brand lists, a brand after a substance SCOWL knows,
        // a species after a genus only MeSH knows
        let text = "'Give solutions such as Pedialyte, Naturalyte, Infalyte, and CeraLyte. Brand name products: A-200*, Pronto*, R&C*, Rid*, Triple X*, Licide*. Take methylcellulose (Citrucel). Groundhogs (Marmota monax) carry rabies.'";
        let f = found(&para(text), Code::Spelling);
        assert!(f.is_empty(), "{f:?}");
        // no medical word and no `brand` cue: a list of places is no list of brands; a common
        // word before the brackets is no substance; a typo after a genus SCOWL knows is found
        let text = "'Drinkline is the national alcohol helpline. Call Drinkline today. Mind is a mental health charity.'";
        let f = found(&para(text), Code::Spelling);
        assert!(f.is_empty(), "{f:?}");
        // a misspelt word introduced as anything else is found
        let text = "'Eczmea is a common skin condition. Drinklne is the name we use.'";
        let f: Vec<String> = found(&para(text), Code::Spelling)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(f, ["Eczmea", "Drinklne"]);
        let text = "'We visited Londn, Berlni, and Rome. Cover the skin (Bandgae). The Psoriasis spredds fast. Take the pills (Pillex).'";
        let f: Vec<String> = found(&para(text), Code::Spelling)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(f, ["Londn", "Berlni", "Bandgae", "spredds", "Pillex"]);
    }

    #[test]
    fn many_unclosed_brackets_stay_linear() {
        // hostile input: every bracket scan is bounded, so this returns at once
        let text = format!(
            "'{}{} Zorbex'",
            "loperamide (Imodium ".repeat(20_000),
            "word (Ab) ".repeat(20_000)
        );
        let f = found(&para(&text), Code::Spelling);
        assert!(f.iter().any(|(_, t)| t == "Zorbex"), "{:?}", f.len());
    }

    #[test]
    fn acronyms_numbers_compounds_and_guide_vocabulary_pass() {
        let yaml = para("PRP and UV-free 2mm needles help Dermapen users.")
            .replace("sections:", "vocabulary: [Dermapen]\nsections:");
        assert!(found(&yaml, Code::Spelling).is_empty());
    }
}

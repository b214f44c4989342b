#!/usr/bin/env python3
"""How many real words each SCOWL size buys, and how many typos it hides (PROVENANCE.md).

Hidden typos: single-edit typos (deletion, insertion, substitution, transposition; seed 7) of
20,000 words of five letters or more of the size-50 list, that are not themselves size-50
words; a list hides one when it has it in lower case (a capitalised entry is a name and only
accepts a capitalised word). Medical gained: the correctly spelled terms of
tests/fixtures/lexicon/medical-terms.tsv the size-50 list lacks. Needs the apt packages of
generate-vocabulary.py (and wamerican-insane for the last row)."""

import random
from pathlib import Path

D = Path("/usr/share/dict")
ROOT = Path(__file__).resolve().parents[2]


def load(name):
    return {w for w in (D / name).read_text().split("\n") if w and not w.endswith("'s")}


base = load("american-english")
base_lower = {w.lower() for w in base}
rng = random.Random(7)
words = sorted(w for w in base_lower if w.isalpha() and len(w) >= 5)
rng.shuffle(words)
letters = "abcdefghijklmnopqrstuvwxyz"


def edit(w):
    i, k = rng.randrange(len(w)), rng.randrange(4)
    if k == 0:
        return w[:i] + w[i + 1 :]
    if k == 1:
        return w[:i] + rng.choice(letters) + w[i:]
    if k == 2:
        return w[:i] + rng.choice(letters) + w[i + 1 :]
    return w[:i] + w[i + 1] + w[i] + w[i + 2 :] if i < len(w) - 1 else w[:i]


typos = {e for e in (edit(w) for w in words[:20000]) if e not in base_lower}
rows = [r.split("\t") for r in (ROOT / "tests/fixtures/lexicon/medical-terms.tsv").read_text().splitlines() if r and not r.startswith("#")]
medical = {r[1].lower() for r in rows if r[0] == "ok"} - base_lower
issue = set(
    "nonmelanoma herpetiformis mohs micrographic imiquimod malabsorption folate prediabetes glimepiride "
    "glipizide vaginoplasty blepharoptosis angioedema permethrin crohn raynaud diarrhoea grey travelling "
    "dietician anaemic lymphoedema necrotising".split()
)
print(f"{len(typos)} typos; {len(medical)} medical terms beyond size 50")
candidates = {
    "size 70 (large)": load("american-english-large"),
    "size 80 (huge)": load("american-english-huge"),
    "size 95 (insane)": load("american-english-insane") if (D / "american-english-insane").exists() else None,
    "size 70 + size-80 words of 5+ letters": load("american-english-large") | {w for w in load("american-english-huge") if len(w) >= 5},
}
for name, words in candidates.items():
    if words is None:
        continue
    extra = words - base
    lower = {w for w in extra if w == w.lower()}
    all_lower = {w.lower() for w in extra}
    print(
        f"{name:40} added {len(extra):7}  hidden {100 * len(lower & typos) / len(typos):.2f}%  "
        f"medical gained {len(medical & all_lower):3}  issue words {len(issue & (all_lower | base_lower))}/{len(issue)}"
    )

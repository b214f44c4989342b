#!/usr/bin/env python3
"""Make the error-injected copy of every article (articles_injected/) and its labels
(labels/injected.tsv).

About one word in 200 of each article's prose is replaced by a real human misspelling of that
word, taken from NL-Augmenter's `replace_spelling/spell_errors.json` (MIT; a merge of Roger
Mitton's Birkbeck, Holbrook and Aspell spelling-error corpora and Wikipedia's list of common
misspellings, misspellings made by people, not generated). Only non-word errors are used: a
misspelling is kept only if it is in neither /usr/share/dict/american-english-insane nor
british-english-insane (the largest SCOWL lists, Debian wamerican-insane / wbritish-insane),
has letters only, differs from the word and is within Damerau-Levenshtein distance 2 of it
(the slips of adult writers, not a child's attempt such as "imsermas" for "experience"). Choice is deterministic (seeded by article id).

Usage: tools/inject_errors.py SPELL_ERRORS_JSON [CORPUS_DIR]
  (CORPUS_DIR: default tests/corpus; tests/corpus/heldout2 makes the heldout2 split's copies, the same way)
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
SOURCE = ("GEM-benchmark/NL-Augmenter@b64a8efebd842848546ec51d3402ba253be12aa7:"
          "nlaugmenter/transformations/replace_spelling/spell_errors.json")
RATE = 200

WORD = re.compile(r"(?<![\w'’/.@-])([A-Za-z]{4,})(?![\w'’/@-])")


def distance(a, b):
    """Damerau-Levenshtein (optimal string alignment) distance."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def load_words():
    words = set()
    for name in ("american-english-insane", "british-english-insane"):
        with open(f"/usr/share/dict/{name}", encoding="utf-8", errors="replace") as f:
            for line in f:
                words.add(line.strip().lower())
    return words


def prose_spans(text):
    """(start, end) of the text a reader reads: not front matter, not link targets, not headings."""
    spans = []
    pos = 0
    lines = text.split("\n")
    in_front = False
    for i, line in enumerate(lines):
        start = pos
        pos += len(line) + 1
        if i == 0 and line == "---":
            in_front = True
            continue
        if in_front:
            if line == "---":
                in_front = False
            continue
        if line.startswith("#") or line.startswith("|"):
            continue
        # mask link targets
        masked = re.sub(r"\]\([^)]*\)", lambda m: " " * len(m.group(0)), line)
        masked = re.sub(r"https?://\S+", lambda m: " " * len(m.group(0)), masked)
        for m in WORD.finditer(masked):
            spans.append((start + m.start(1), start + m.end(1)))
    return spans


def main():
    global CORPUS
    errors_path = sys.argv[1]
    if len(sys.argv) > 2:
        CORPUS = os.path.abspath(sys.argv[2])
    with open(errors_path, encoding="utf-8") as f:
        raw = json.load(f)
    dictionary = load_words()
    table = {}
    for right, wrongs in raw.items():
        if not right.isalpha() or not right.islower():
            continue
        good = sorted({w.lower() for w in wrongs if w.isalpha() and w.lower() != right
                       and w.lower() not in dictionary and len(w) >= 4
                       and distance(w.lower(), right) <= 2})
        if good:
            table[right] = good
    out_dir = os.path.join(CORPUS, "articles_injected")
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    ids = [l.split("\t")[0] for l in open(os.path.join(CORPUS, "MANIFEST.tsv"), encoding="utf-8")][1:]
    for item in ids:
        text = open(os.path.join(CORPUS, "articles", item + ".md"), encoding="utf-8").read()
        spans = prose_spans(text)
        n_words = len(spans)
        candidates = [(s, e) for s, e in spans if text[s:e].lower() in table]
        want = max(1, round(len(re.findall(r"\w+", text)) / RATE))
        rng = random.Random(item)
        chosen = sorted(rng.sample(candidates, min(want, len(candidates))))
        # at most one injection per distinct word, so a label names one place
        seen, picked = set(), []
        for s, e in chosen:
            w = text[s:e].lower()
            if w not in seen:
                seen.add(w)
                picked.append((s, e))
        out = []
        last = 0
        for s, e in picked:
            right = text[s:e]
            wrong = rng.choice(table[right.lower()])
            if right[0].isupper():
                wrong = wrong[0].upper() + wrong[1:]
            line = text.count("\n", 0, s) + 1
            out.append(text[last:s])
            out.append(wrong)
            last = e
            rows.append((item, str(line), wrong, right))
        out.append(text[last:])
        with open(os.path.join(out_dir, item + ".md"), "w", encoding="utf-8") as f:
            f.write("".join(out))
    with open(os.path.join(CORPUS, "labels", "injected.tsv"), "w", encoding="utf-8") as f:
        f.write(f"# Injected non-word misspellings (one word in ~{RATE}); source: {SOURCE} (MIT; human "
                "misspellings from the Birkbeck/Holbrook/Aspell corpora of R. Mitton and Wikipedia's list of "
                "common misspellings); kept only if in neither SCOWL-insane list (en_US, en_GB)\n")
        f.write("id\tline\twrong\tright\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} injected errors in {len(ids)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()

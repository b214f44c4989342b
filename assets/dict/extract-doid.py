#!/usr/bin/env python3
"""extract-doid.py DO_REPO: the words of the Human Disease Ontology's names, synonyms and definitions, with
how each is written, into doid-words.tsv (read by generate-vocabulary.py for medical-doid.txt).

Source: the Human Disease Ontology (github DiseaseOntology/HumanDiseaseOntology, CC0 1.0: its
LICENSE file), a git checkout at commit COMMIT below (the script refuses another). It reads
  - DOreports/HumanDO.tsv: the label of every non-obsolete class (and of its superclasses);
  - src/ontology/subsets/*.obo: `name:`, `synonym:` (EXACT, RELATED, NARROW, BROAD) and `def:`
    lines of the classes of every subset (rare, cancer, infectious, NCIthesaurus, ...);
  - src/translations/doid-es-*.tsv: the English source text of labels and synonyms.
(The full doid.obo is not in the stored snapshot this was made from; every label is in
HumanDO.tsv, the synonyms are those of the subsets and translation tables.)

Each name or synonym is a text of its own. For every word of letters (and inner apostrophes)
of five letters or more, without a possessive 's, a line says how it was written: `lower`
(in lower case), `capital` (capitalised after the first word: a name such as Behcet) or
`opening` (capitalised as the first word of a name or of a definition's sentence, which says
nothing). Definitions are the curators' sentences (`lines of Blaschko`, `bacillus
Calmette-Guerin`); their words pass the same filters as the names'.
Output sorted, one `word<TAB>how` a line after `#` header lines. CC0: the words may be copied.
"""
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

COMMIT = "9fbefd6651b79526165453395d06c8fd4bfe4247"
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
OUT = Path(__file__).resolve().parent / "doid-words.tsv"


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


def texts_of(repo):
    texts, defs = set(), set()
    show = lambda path: git(repo, "show", f"{COMMIT}:{path}")
    for row in list(csv.reader(io.StringIO(show("DOreports/HumanDO.tsv")), delimiter="\t"))[1:]:
        texts.update(c for c in row[1:3] if c)
    obo = [p for p in git(repo, "ls-tree", "-r", "--name-only", COMMIT, "src/ontology/subsets").split() if p.endswith(".obo")]
    for path in obo:
        for line in show(path).splitlines():
            m = re.match(r'name: (.+)$', line) or re.match(r'synonym: "(.+)" (?:EXACT|RELATED|NARROW|BROAD)\b', line)
            if m:
                texts.add(m.group(1))
            m = re.match(r'def: "(.+)" \[', line)
            if m:
                defs.add(m.group(1).replace('\\"', '"'))
    keep = {"rdfs:label", "oboInOwl:hasExactSynonym", "oboInOwl:hasRelatedSynonym",
            "oboInOwl:hasNarrowSynonym", "oboInOwl:hasBroadSynonym"}
    for path in ("src/translations/doid-es-translated.tsv", "src/translations/doid-es-untranslated.tsv"):
        for row in csv.DictReader(io.StringIO(show(path)), delimiter="\t"):
            if row.get("predicate") in keep and row.get("source_text"):
                texts.add(row["source_text"])
    return sorted(texts), sorted(defs), len(obo)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    repo = sys.argv[1]
    try:
        git(repo, "cat-file", "-e", f"{COMMIT}^{{commit}}")
    except (subprocess.CalledProcessError, FileNotFoundError):
        sys.exit(f"extract-doid.py: {repo} has no commit {COMMIT} of HumanDiseaseOntology")
    texts, defs, n_obo = texts_of(repo)
    seen = set()
    for text in texts + defs:
        for m in TOKEN.finditer(text):
            w = m.group().replace("’", "'")
            if w.endswith("'s"):
                w = w[:-2]
            if len(w) < 5 or not re.fullmatch(r"[A-Z]?[a-z]+", w):
                continue
            # a capital that opens a name or a sentence of a definition says nothing
            before = text[: m.start()].rstrip()
            opening = before == "" or before.endswith((".", "!", "?", ":"))
            how = "lower" if w[0].islower() else ("opening" if opening else "capital")
            seen.add((w, how))
    lines = [
        "# Words of the Human Disease Ontology's class labels, synonyms and definitions (github DiseaseOntology/HumanDiseaseOntology",
        f"# at {COMMIT}: DOreports/HumanDO.tsv, the {n_obo} src/ontology/subsets/*.obo, src/translations/doid-es-*.tsv),",
        f"# {len(texts)} distinct names and synonyms and the {len(defs)} definitions of the subsets' classes; licence CC0 1.0",
        "# (the ontology's LICENSE). Made by extract-doid.py;",
        "# word<TAB>lower|capital|opening (how it is written: in lower case, capitalised mid-name, or as a name's first word).",
    ]
    lines += [f"{w}\t{h}" for w, h in sorted(seen, key=lambda p: (p[0].lower(), p[0], p[1]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(seen)} words of {len(texts)} names and synonyms and {len(defs)} definitions -> {OUT}")


if __name__ == "__main__":
    main()

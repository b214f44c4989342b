#!/usr/bin/env python3
"""extract-mondo.py MONDO_REPO: the words of the Mondo Disease Ontology's labels and synonyms and of
Orphanet's disease names, with how each is written, into mondo-words.tsv (read by
generate-vocabulary.py for medical-mondo.txt).

Source: the Mondo Disease Ontology (github monarch-initiative/mondo, CC BY 4.0: its LICENSE file,
"Attribution 4.0 International"), a git checkout at commit COMMIT below (the script refuses
another). The stored snapshot lacks the ontology file itself (src/ontology/mondo-edit.obo), so it
reads what the repository keeps beside it:
  - src/ontology/mappings/mondo_*.sssom.tsv: `subject_label`, the Mondo label of every mapped class
    (every disease Mondo maps to Orphanet, OMIM, GARD, DOID, NCIt, MeSH, ICD ...);
  - src/ontology/reports/{new,old}-rare-diseases.tsv: the label and the synonyms (`|`-separated)
    of every class of Mondo's rare-disease subset (Orphanet, OMIM, GARD and NORD names);
  - src/ontology/mappings/mondo_exactmatch_orphanet.sssom.tsv: `object_label`, Orphanet's own
    name for the class (Orphanet nomenclature, CC BY 4.0).
No other source's labels are read (OMIM, UMLS, SNOMED CT and MedDRA labels are not openly licensed).

Each label or synonym is a text of its own; one of a single word of six characters or fewer is
an abbreviation (`Sthe` for STHE), not read. For every word of letters (and inner apostrophes) of
four letters or more (generate-vocabulary.py keeps four-letter ones only as names), without a possessive 's, a line says how it was written: `lower`, `capital`
(capitalised after the first word: a name such as Koebner) or `opening` (capitalised as the
first word of a name, which says nothing), and in how many of the distinct texts it is written
so. Output sorted, one `word<TAB>how<TAB>count` a line after `#` header lines. CC BY 4.0: the words may be copied with attribution (PROVENANCE.md, README).
"""
import csv
import io
import re
import subprocess
import sys
from pathlib import Path

COMMIT = "fad2512b4845f483fc1268cdf0bf7a8ef43697cb"
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]")
OUT = Path(__file__).resolve().parent / "mondo-words.tsv"
csv.field_size_limit(1 << 24)


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=True).stdout


def rows(text):
    """The rows of an SSSOM or report TSV as dicts (its `#` metadata lines skipped)."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    return csv.DictReader(io.StringIO(body), delimiter="\t", quoting=csv.QUOTE_NONE)


def texts_of(repo):
    texts = set()
    show = lambda path: git(repo, "show", f"{COMMIT}:{path}")
    paths = git(repo, "ls-tree", "-r", "--name-only", COMMIT, "src/ontology/mappings").split()
    # mondo.sssom.tsv, the union of the others, is not in the stored snapshot
    sssom = [p for p in paths if p.endswith(".sssom.tsv") and not p.endswith("/mondo.sssom.tsv")]
    for path in sssom:
        for row in rows(show(path)):
            if row.get("subject_id", "").startswith("MONDO:") and row.get("subject_label"):
                texts.add(row["subject_label"])
            if path.endswith("mondo_exactmatch_orphanet.sssom.tsv") and row.get("object_label"):
                texts.add(row["object_label"])
    for path in ("src/ontology/reports/new-rare-diseases.tsv", "src/ontology/reports/old-rare-diseases.tsv"):
        for row in rows(show(path)):
            texts.update(t for t in [row.get("LABEL") or ""] + (row.get("SYNONYMS") or "").split("|") if t)
    return sorted(texts), len(sssom)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    repo = sys.argv[1]
    try:
        git(repo, "cat-file", "-e", f"{COMMIT}^{{commit}}")
    except (subprocess.CalledProcessError, FileNotFoundError):
        sys.exit(f"extract-mondo.py: {repo} has no commit {COMMIT} of monarch-initiative/mondo")
    texts, n_sssom = texts_of(repo)
    seen = {}
    # a synonym of one short word is an abbreviation written in lower case (`Sthe`, `Hkpx`), no name
    texts = [t for t in texts if len(t) > 6 or re.search(r"\s", t)]
    for text in texts:
        here = set()
        for m in TOKEN.finditer(text):
            w = m.group().replace("’", "'")
            if w.endswith("'s"):
                w = w[:-2]
            if len(w) < 4 or not re.fullmatch(r"[A-Z]?[a-z]+", w):
                continue
            before = text[: m.start()].rstrip()
            opening = before == "" or before.endswith((".", "!", "?", ":"))
            how = "lower" if w[0].islower() else ("opening" if opening else "capital")
            here.add((w, how))
        for key in here:
            seen[key] = seen.get(key, 0) + 1
    lines = [
        "# Words of the Mondo Disease Ontology's labels and synonyms and Orphanet's disease names (github monarch-initiative/mondo",
        f"# at {COMMIT}: subject_label of the {n_sssom} src/ontology/mappings/*.sssom.tsv, label and synonyms of",
        "# src/ontology/reports/{new,old}-rare-diseases.tsv, Orphanet's object_label of mondo_exactmatch_orphanet.sssom.tsv),",
        f"# {len(texts)} distinct names and synonyms; licence CC BY 4.0 (the ontology's LICENSE; Orphanet's nomenclature is CC BY 4.0).",
        "# Made by extract-mondo.py; word<TAB>lower|capital|opening (how it is written: in lower case, capitalised mid-name,",
        "# or as a name's first word)<TAB>in how many distinct names and synonyms it is written so.",
    ]
    lines += [f"{w}\t{h}\t{seen[(w, h)]}" for w, h in sorted(seen, key=lambda p: (p[0].lower(), p[0], p[1]))]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(seen)} words of {len(texts)} names and synonyms -> {OUT}")


if __name__ == "__main__":
    main()

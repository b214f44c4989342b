#!/usr/bin/env python3
"""Every (article, word) of a split that Hunspell en_US or en_GB does not accept, whatever the article's locale.

A later guidepress (its rules and vocabulary change after a split is labelled) can only newly flag a word that is
not in an ordinary dictionary; Hunspell's two English dictionaries flag a superset of those. Labelling these too
(tools/label_spelling_heldout3.py) means a later binary never meets an unlabelled flag on the split. The text is the
bench's (benches/precision.py plain_text: what a reader reads, no markup or link targets); words are lower-cased as
the bench keys its labels. Letter runs of a flagged word with digits in it are listed as well (KRT14 -> krt),
since some tools split words there.
Usage: tools/hunspell_words.py SPLIT_DIR OUT_TSV   (e.g. tests/corpus/heldout3 /tmp/superset.tsv)"""
import collections
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def main():
    split_dir, out_path = os.path.abspath(sys.argv[1]), sys.argv[2]
    sys.dont_write_bytecode = True  # leave no __pycache__ in benches/
    spec = importlib.util.spec_from_file_location("precision", os.path.join(ROOT, "benches", "precision.py"))
    precision = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(precision)
    ids = [line.split("\t")[0] for line in open(os.path.join(split_dir, "MANIFEST.tsv"), encoding="utf-8")][1:]
    pairs = collections.defaultdict(set)
    with tempfile.TemporaryDirectory(prefix="hunspell-words-") as tmp:
        for item in ids:
            with open(os.path.join(split_dir, "articles", item + ".md"), encoding="utf-8") as f:
                text = precision.plain_text(f.read())
            path = os.path.join(tmp, item + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            for dic in ("en_US", "en_GB"):
                proc = subprocess.run(["hunspell", "-l", "-d", dic, "-i", "utf-8", path], capture_output=True,
                                      text=True, check=True)
                for w in proc.stdout.split("\n"):
                    if w.strip():
                        pairs[(item, w.strip().lower())].add(dic)
                        # A tool may split a word at its digits (cspell reads KRT14 as KRT): the letter runs too.
                        if re.search(r"\d", w):
                            for part in re.findall(r"[^\W\d_]{2,}", w.strip().lower()):
                                pairs[(item, part)].add(dic + "-part")
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("id\tword\ttools\n")
        for (i, w), dics in sorted(pairs.items()):
            out.write(f"{i}\t{w}\thunspell-{'+'.join(sorted(dics))}\n")
    print(f"{len(pairs)} (article, word) pairs not in Hunspell en_US or en_GB", file=sys.stderr)


if __name__ == "__main__":
    main()

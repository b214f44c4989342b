#!/usr/bin/env python3
"""measure-typos.py BINARY [LANGUAGE] [-v]: how many of the 18,981 single-edit typos of
PROVENANCE.md a guidepress binary accepts (does not flag) in a guide of LANGUAGE (en-US).

The typos are those of measure-scowl-sizes.py (random deletion, insertion, substitution or
transposition, seed 7, in 20,000 words of five letters or more of SCOWL size 50, Debian
wamerican; a typo that is itself a size-50 word is dropped). They are written one per bullet
into a temporary guide and linted with `BINARY lint --format json`; a typo is accepted when
neither `spelling` nor `misspelling` flags it. Compare two binaries to measure what a change
of the lexicon hides; with -v every accepted typo is printed.
"""
import os
import random
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the lists
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lint_words import flagged_words  # noqa: E402

D = Path("/usr/share/dict")


def typos():
    base = {w for w in (D / "american-english").read_text().split("\n") if w and not w.endswith("'s")}
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

    return {e for e in (edit(w) for w in words[:20000]) if e not in base_lower}


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    binary = os.path.abspath(args[0]) if os.sep in args[0] else args[0]
    language = args[1] if len(args) > 1 else "en-US"
    sample = sorted(typos())
    flagged = flagged_words(binary, sample, language, "typo-sample", "Typo sample", "Typos of common words.")
    accepted = [w for w in sample if w not in flagged]
    print(f"{len(accepted)} of {len(sample)} typos accepted in {language} ({100 * len(accepted) / len(sample):.2f} %)")
    if "-v" in sys.argv[1:]:
        print(" ".join(accepted))


if __name__ == "__main__":
    main()

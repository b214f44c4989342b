#!/usr/bin/env python3
"""measure-british.py BINARY [DIC] [N] [SEED]: how many of a random sample of Hunspell en_GB's
lower-case stems a guidepress binary rejects in an en-GB guide.

Hunspell en_GB (Debian hunspell-en-gb, /usr/share/hunspell/en_GB.dic) is LGPL and is never
embedded; it is only the measuring stick for British spelling. The sample: N (default 3,000)
stems of lower-case letters only, drawn with random.seed(SEED) (7)
from the sorted stems. They are written one per bullet into a temporary en-GB guide and
linted with `BINARY lint --format json`; a stem is rejected when `spelling` or `misspelling`
flags it. Prints the count, and with -v every rejected stem.
"""
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the lists
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lint_words import flagged_words  # noqa: E402


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    binary = os.path.abspath(args[0]) if os.sep in args[0] else args[0]
    dic = args[1] if len(args) > 1 else "/usr/share/hunspell/en_GB.dic"
    n = int(args[2]) if len(args) > 2 else 3000
    seed = int(args[3]) if len(args) > 3 else 7
    stems = set()
    with open(dic, encoding="utf-8") as f:
        next(f)
        for line in f:
            w = line.split("/", 1)[0].strip()
            if re.fullmatch(r"[a-z]+", w):
                stems.add(w)
    random.seed(seed)
    sample = random.sample(sorted(stems), n)
    rejected = flagged_words(binary, sample, "en-GB", "british-sample", "British sample", "Stems of Hunspell en_GB.")
    rejected &= set(sample)
    print(f"{len(rejected)} of {n} Hunspell en_GB stems rejected in en-GB ({100 * len(rejected) / n:.1f} %; seed {seed})")
    if verbose:
        print(" ".join(sorted(rejected)))


if __name__ == "__main__":
    main()

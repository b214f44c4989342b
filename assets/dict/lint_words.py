"""Shared by the measuring scripts of assets/dict (measure-typos.py, measure-british.py): which of a list of
words a guidepress binary flags, each word written as one bullet of a temporary guide and linted with
`BINARY lint --format json`; a word is flagged when `spelling` or `misspelling` reports it."""
import json
import os
import re
import subprocess
import sys
import tempfile


def flagged_words(binary, words, language, guide_id, title, summary):
    """The lower-cased words of `words` that `binary` flags in a guide in `language`."""
    guide = [
        f"id: {guide_id}",
        f'title: "{title}"',
        f"summary: {summary}",
        f"language: {language}",
        "version: 0.1.0",
        "authors:",
        "  - name: Measure",
        "sections:",
        "  - id: words",
        "    title: Words",
        "    blocks:",
        "      - bullets:",
    ] + [f'          - "{w}"' for w in words]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"{guide_id}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(guide) + "\n")
        out = subprocess.run([binary, "lint", "--format", "json", path], capture_output=True, cwd=tmp)
    if out.returncode not in (0, 1):
        sys.exit(f"{binary} exited {out.returncode}: {out.stderr.decode()}")
    flagged = set()
    for d in json.loads(out.stdout)["diagnostics"]:
        if d["code"] in ("spelling", "misspelling"):
            m = re.match(r"unknown word `([^`]*)`|`([^`]*)` is a misspelling", d["message"])
            if m:
                flagged.add((m.group(1) or m.group(2)).lower())
    return flagged

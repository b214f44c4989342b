#!/usr/bin/env python3
"""What a sentence model's pairwise score would flag in real guides: every sentence (at least 6
words) of a paragraph, list item or callout is compared with every earlier sentence in another
section; a sentence is flagged when its best match reaches the threshold the model needs for
precision 0.9 on pairs.tsv (evaluate_models.py). Prints, per guide, sentences and flagged ones,
and for tests/corpus guides the flagged sentences that the corpus labels
(tests/corpus/labels/rules.tsv, near-duplicate rows) call useful or noise.

    python3 assets/embeddings/evaluate_guides.py /tmp/models all-mpnet-base-v2 0.739 GUIDE.yaml...
"""
import os
import re
import sys

import numpy as np
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)


def sentences(guide):
    """(section index, sentence) of a guide's prose, in order."""
    out = []

    def blocks(sec, k):
        for b in sec.get("blocks") or []:
            texts = []
            if isinstance(b, dict):
                for key in ("paragraph", "callout", "note", "warning", "tip"):
                    v = b.get(key)
                    if isinstance(v, str):
                        texts.append(v)
                    elif isinstance(v, dict) and isinstance(v.get("text"), str):
                        texts.append(v["text"])
                for key in ("list", "bullets", "steps", "items"):
                    v = b.get(key)
                    if isinstance(v, list):
                        texts += [x for x in v if isinstance(x, str)]
                    elif isinstance(v, dict) and isinstance(v.get("items"), list):
                        texts += [x for x in v["items"] if isinstance(x, str)]
            for t in texts:
                for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", " ".join(t.split())):
                    if len(re.findall(r"[A-Za-z]+", s)) >= 6:
                        out.append((k, s))
        for sub in sec.get("sections") or []:
            blocks(sub, k)

    for k, sec in enumerate(guide.get("sections") or []):
        blocks(sec, k)
    return out


def main():
    folder, name, threshold = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if name == "all-mpnet-base-v2":
        from mpnet import Mpnet as Model
    else:
        from minilm import MiniLM as Model
    model = Model(os.path.join(folder, name))
    labels = {}
    path = os.path.join(ROOT, "tests/corpus/labels/rules.tsv")
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) > 5 and f[1] == "near-duplicate":
            labels[(f[0], f[2])] = f[5]
    total = {"sentences": 0, "flagged": 0, "useful": 0, "noise": 0, "unlabelled": 0}
    for g in sys.argv[4:]:
        gid = os.path.splitext(os.path.basename(g))[0]
        sents = sentences(yaml.safe_load(open(g, encoding="utf-8")))
        if not sents:
            continue
        vec = model.encode([s for _, s in sents])
        sim = vec @ vec.T
        flagged = []
        for i, (ki, s) in enumerate(sents):
            best = max((sim[i, j] for j in range(i) if sents[j][0] != ki), default=0.0)
            if best >= threshold:
                flagged.append(s)
        lab = [labels.get((gid, s[:200]), "unlabelled") for s in flagged]
        total["sentences"] += len(sents)
        total["flagged"] += len(flagged)
        for l in lab:
            total[l if l in total else "unlabelled"] += 1
        print(f"{gid}: {len(sents)} sentences, {len(flagged)} flagged "
              f"({lab.count('useful')} useful, {lab.count('noise')} noise by the corpus labels)", flush=True)
    print("total:", total)


if __name__ == "__main__":
    main()

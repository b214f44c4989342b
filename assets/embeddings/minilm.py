#!/usr/bin/env python3
"""all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) in numpy, with the same interface as
mpnet.py: BERT, 6 layers, 384 wide, 12 heads; mean pooling, L2-normalised."""
import math
import os

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from mpnet import _gelu, _layer_norm


class MiniLM:
    def __init__(self, folder, max_len=128):
        w = load_file(os.path.join(folder, "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in w.items()}
        self.tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(max_len)
        self.heads = 12

    def _lin(self, x, name):
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _ln(self, x, name):
        return _layer_norm(x, self.w[name + ".weight"], self.w[name + ".bias"], 1e-12)

    def forward(self, ids):
        w = self.w
        ids = np.asarray(ids)
        n = len(ids)
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._ln(x, "embeddings.LayerNorm")
        h = self.heads
        d = x.shape[1] // h
        for i in range(6):
            p = f"encoder.layer.{i}."
            q = self._lin(x, p + "attention.self.query").reshape(n, h, d).transpose(1, 0, 2)
            k = self._lin(x, p + "attention.self.key").reshape(n, h, d).transpose(1, 0, 2)
            v = self._lin(x, p + "attention.self.value").reshape(n, h, d).transpose(1, 0, 2)
            s = q @ k.transpose(0, 2, 1) / math.sqrt(d)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            c = (s @ v).transpose(1, 0, 2).reshape(n, h * d)
            x = self._ln(x + self._lin(c, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            f = _gelu(self._lin(x, p + "intermediate.dense"))
            x = self._ln(x + self._lin(f, p + "output.dense"), p + "output.LayerNorm")
        return x

    def encode(self, texts, tokens=False):
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

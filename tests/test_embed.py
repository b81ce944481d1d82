"""The embedder (kb/embed.py) runs all-MiniLM-L6-v2 with transformers directly (mean pooling, normalisation):
its vectors must be sentence-transformers' own for the same model files, or the index and the queries drift."""

from __future__ import annotations

import numpy as np
import pytest

TEXTS = [
    "visual.TextStim(win, text='Hello World', pos=(0.0, 0.0))",  # a signature
    "How do I record a reaction time with the Keyboard?",  # a question
    "",  # empty text
    "word " * 400,  # longer than 256 tokens: truncated the same way
    "Ünïcode — ümlauts and dashes",
    "frame timing: win.flip() returns the time of the flip",
]


@pytest.mark.slow
def test_vectors_match_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    from psychopy_lsp.kb.embed import Embedder, model_path

    ours = Embedder(threads=1).encode(TEXTS, batch_size=4)
    reference = SentenceTransformer(str(model_path()), device="cpu", local_files_only=True).encode(
        TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    assert np.abs(ours - reference).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)

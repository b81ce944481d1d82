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


def test_encode_one_keeps_recent_questions_and_hands_out_copies(monkeypatch):
    from psychopy_lsp.kb import embed

    monkeypatch.setattr(embed, "QUERY_CACHE", 2)
    embedder = embed.Embedder(threads=1)
    first = embedder.encode_one("How do I draw a circle?")
    assert np.array_equal(first, embedder.encode(["How do I draw a circle?"])[0])  # the same vector as a batch
    first[:] = 0  # a caller's change does not reach the kept vector
    again = embedder.encode_one("How do I draw a circle?")
    assert np.abs(again).sum() > 0
    embedder.encode_one("wait for a key")
    embedder.encode_one("play a sound")
    assert list(embedder._cache) == ["wait for a key", "play a sound"]  # the least recently used went out

"""A learned map from the way people ask to the way PsychoPy's records are written (issue 17).

Students say "let go of the key" where the record says `waitRelease`, "spokes" where it says cycles: the question's
embedding (all-MiniLM-L6-v2) lands near records that use the student's words, not the answer's. A linear map on the
question side only, q -> normalise(q + q·A), trained so that a question's vector moves toward the records that
answer it (training/query_adapter.py: softmax over every record of the index, an L2 penalty that keeps A small, so
an unseen question moves little), leaves the index as it was built (records are not re-embedded) and costs one
384x384 product per search. The matrix ships as QUERY_ADAPTER (float16); without it the search is the plain one.

Pure: `adapt` reads only its arguments.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

QUERY_ADAPTER = Path(__file__).with_name("query_adapter.npy")


def adapt(vectors: np.ndarray, matrix: np.ndarray | None) -> np.ndarray:
    """Question vectors (one row each, or one vector) moved by the adapter, unit length; unchanged without one
    (or with one made for another embedding size)."""
    if matrix is None or matrix.shape[0] != vectors.shape[-1]:
        return vectors
    moved = vectors + vectors @ matrix.astype(np.float32)
    norm = np.linalg.norm(moved, axis=-1, keepdims=True)
    return (moved / np.where(norm == 0, 1, norm)).astype(np.float32)


@lru_cache(maxsize=1)
def default_adapter() -> np.ndarray | None:
    """The shipped matrix, or None when it is missing or not square (a damaged file: the plain search)."""
    try:
        matrix = np.load(QUERY_ADAPTER)
    except (OSError, ValueError):
        return None
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        return None
    return matrix.astype(np.float32)

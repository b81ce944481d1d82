"""Shared fixtures: the real psychopy source, its API index, and one real knowledge base built per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def psychopy_install():
    from psychopy_lsp.kb.locate import find_psychopy

    return find_psychopy()


@pytest.fixture(scope="session")
def api_index(psychopy_install):
    from psychopy_lsp.kb.index import index_from_source

    return index_from_source(psychopy_install)


@pytest.fixture(scope="session")
def kb_root(tmp_path_factory, psychopy_install) -> Path:
    """A real build (real extraction, real embeddings, real LanceDB) into a temporary folder, once per session."""
    from psychopy_lsp.kb.store import build

    root = tmp_path_factory.mktemp("kb")
    build(psychopy_install, root)
    return root


@pytest.fixture(scope="session")
def built_kb(kb_root, psychopy_install):
    from psychopy_lsp.kb.store import KnowledgeBase, index_dir

    return KnowledgeBase(index_dir(kb_root, psychopy_install.version))

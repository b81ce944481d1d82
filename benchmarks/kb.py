"""Knowledge-base figures: build time, exact lookup p50/p99, hybrid search p50 and hit@3 on a question table, and
the question search `psychopy.ask` runs (kb/query.find) per question with the embedder's question cache
(Embedder.encode_one) beside the same search embedding every time.

    .venv/bin/python benchmarks/kb.py [--kb-dir DIR] [--rebuild]

Figures are printed, never asserted. The baseline for lookups is the same query answered by LanceDB directly
(a BTree-indexed `where symbol = ...` scan), in the same process. The question search's baseline is the same
search with every vector embedded afresh, alternating per question, the cache cleared before each (a question is
new when it is asked).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from psychopy_lsp.kb.locate import find_psychopy
from psychopy_lsp.kb.store import KnowledgeBase, build, default_root, index_dir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_store import QUESTIONS  # noqa: E402  (one question table for the tests and the figures)

EXTRA_QUESTIONS = [
    ("pause the experiment for half a second", {"psychopy.clock.wait"}),
    ("save the responses to a csv file", {"psychopy.data.experiment.ExperimentHandler.saveAsWideText",
                                          "psychopy.data.trial.TrialHandler.saveAsWideText"}),
    ("present an image", {"psychopy.visual.image.ImageStim"}),
    ("how do I measure reaction times", {"psychopy.hardware.keyboard.Keyboard", "psychopy.clock.Clock",
                                         "psychopy.hardware.keyboard.KeyPress"}),
]
LOOKUPS = ["visual.TextStim", "visual.TextStim.pos", "visual.TextStim.setColor", "core.wait", "event.getKeys",
           "data.TrialHandler", "hardware.keyboard.Keyboard.getKeys", "visual.Window.flip", "visual.Rect",
           "sound.Sound"]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb-dir")
    parser.add_argument("--rebuild", action="store_true", help="time a full build into a temporary folder")
    args = parser.parse_args()
    install = find_psychopy()
    if args.rebuild:
        root = Path(tempfile.mkdtemp())
        t0 = time.perf_counter()
        build(install, root)
        print(f"build: {time.perf_counter() - t0:.1f} s (extract + embed + write)")
    else:
        root = Path(args.kb_dir) if args.kb_dir else default_root()
        build(install, root)
    kb = KnowledgeBase(index_dir(root, install.version))
    print(f"rows: {kb.rows()}  (psychopy {kb.psychopy_version}; built in {kb.meta['build_seconds']} s)")

    times = []
    for _ in range(200):
        for symbol in LOOKUPS:
            t0 = time.perf_counter()
            kb.lookup(symbol)
            times.append((time.perf_counter() - t0) * 1e6)
    base = []
    for _ in range(20):
        for symbol in LOOKUPS:
            canonical = kb.index.canonical(symbol) or symbol
            t0 = time.perf_counter()
            kb.table.search().where(f"symbol = '{canonical}'").limit(1).to_list()
            base.append((time.perf_counter() - t0) * 1e6)
    print(f"lookup (in-memory index): p50 {pct(times, .5):.1f} us, p99 {pct(times, .99):.1f} us; "
          f"LanceDB BTree where-query baseline p50 {pct(base, .5) / 1000:.2f} ms "
          f"({pct(base, .5) / pct(times, .5):.0f}x slower)")

    kb.search("warm up")
    questions = QUESTIONS + EXTRA_QUESTIONS
    search_times, hits = [], 0
    for question, expected in questions:
        t0 = time.perf_counter()
        found = [r.symbol for r, _ in kb.search(question, k=3)]
        search_times.append((time.perf_counter() - t0) * 1000)
        hit = bool(expected & set(found))
        hits += hit
        print(f"  {'hit ' if hit else 'MISS'} {question!r}: {found}")
    print(f"hybrid search: p50 {pct(search_times, .5):.1f} ms, p99 {pct(search_times, .99):.1f} ms; "
          f"hit@3 {hits}/{len(questions)}")
    question_search(kb)
    return 0


def question_search(kb) -> None:
    """kb/query.find per question of hand-written sets 9 and 10, cached encode_one vs embedding afresh."""
    from psychopy_lsp.kb.embed import Embedder
    from psychopy_lsp.kb.query import find

    folder = Path(__file__).resolve().parent / "heldout" / "questions"
    asked = [q["q"] for name in ("questions-9.json", "questions-10.json")
             for q in json.loads((folder / name).read_text())["questions"]]
    cached = Embedder.encode_one

    def afresh(self, text):
        return self.encode([text])[0]

    find(kb, "warm up")
    times, same = {"cached": [], "afresh": []}, 0
    try:
        for i, question in enumerate(asked):
            found = {}
            for mode in ("cached", "afresh") if i % 2 else ("afresh", "cached"):
                Embedder.encode_one = cached if mode == "cached" else afresh
                kb.embedder._cache.clear()
                t0 = time.perf_counter()
                found[mode] = [r.symbol for r in find(kb, question)]
                times[mode].append((time.perf_counter() - t0) * 1000)
            same += found["cached"] == found["afresh"]
    finally:
        Embedder.encode_one = cached
    print(f"question search (kb.query.find, {len(asked)} questions of sets 9-10): with the question cache p50 "
          f"{statistics.median(times['cached']):.0f} ms, mean {statistics.mean(times['cached']):.0f} ms; "
          f"embedding afresh p50 {statistics.median(times['afresh']):.0f} ms, mean "
          f"{statistics.mean(times['afresh']):.0f} ms; same top 3 for {same}/{len(asked)}")


if __name__ == "__main__":
    sys.exit(main())

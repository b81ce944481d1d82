"""Inline-completion quality on held-out scripts (CrossCodeEval-style), several models side by side in one run.

    .venv/bin/python benchmarks/completion_quality.py                          # >= 200 cut points, 3 systems
    .venv/bin/python benchmarks/completion_quality.py --cuts 40 --system new   # quick look
    .venv/bin/python benchmarks/completion_quality.py --previous /tmp/adapter-v1.gguf --json out.json

Cut points come from the scripts the training data holds out (training/data.py's split by file hash: coder
demos, compiled Builder demos) and from experiments written for this benchmark alone (benchmarks/heldout/: a
visual search with ExperimentHandler, a simple RT task with the hardware Keyboard), drawn with their own seed, where editors ask: statement starts (top level and on
an empty line inside a block, indentation typed), part-way into the first word, after `.`, after `(` / `, `
inside a call (half of them with the closing brackets an editor auto-inserts right of the cursor), after `=`.
The whole document is around the cursor, as an editor sends it. Each system answers through the server's own
engine (prompt, whole-line generation, constraint, repeat and checker filters).

Printed per system: exact match and edit similarity of the first line shown (a dropped or empty suggestion
counts as a miss, similarity 0), the same for the model's raw line before the filters, the share of cut points
each filter emptied, and the figures per cut kind. Figures are printed, never asserted.

Systems: `base` (the embedded Gemma 3 270M, no adapter, fill-in-the-middle prompt), `base-prefix` (no adapter,
the first release's prefix-only prompt), `previous` (the adapter shipped before, on the prefix-only prompt it was
trained on: `--previous FILE`), `new` (the adapter in server/adapters, or `--adapter FILE`, on the prompt its
metadata names: server/model/files.py's prompt_format_for).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path


HERE = Path(__file__).resolve().parent


def edit_similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / length of the longer string (1.0 for two empty strings)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1.0 - prev[-1] / max(len(a), len(b))


def heldout_cases(n: int, seed: int) -> list[dict]:
    """About `n` cut points spread over the held-out scripts, sorted by script and position (a document's
    prompts then share their head, as typing in one file does)."""
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.training.data import collect_scripts, completion_case, cut_points, heldout_group

    from psychopy_lsp.training.data import Script

    scripts = [s for s in collect_scripts(find_psychopy(), builder=True) if heldout_group(s.name, 0.12)]
    # and experiments written for this benchmark alone (benchmarks/heldout/), in styles the demos do not use
    scripts += [Script(f"ours/{p.name}", p.read_text()) for p in sorted((HERE / "heldout").glob("*.py"))]
    rng = random.Random(seed)
    per_script = max(1, -(-n // max(1, len(scripts))))
    cases = []
    for script in scripts:
        lines = script.source.split("\n")
        spots = cut_points(lines, rng)
        for i, col, kind in sorted(rng.sample(spots, min(per_script, len(spots)))):
            before, after, target = completion_case(lines, i, col, autoclose=rng.random() < 0.5)
            if target.strip():
                cases.append({"script": script.name, "line": i, "col": col, "kind": kind, "before": before,
                              "after": after, "target": target})
    return cases


def evaluate(engine, cases: list[dict], index, progress: str) -> list[dict]:
    from lsprotocol import types as lsp
    from tqdm import tqdm

    from psychopy_lsp.server.documents import Snapshot
    from psychopy_lsp.server.model.context import (api_context, check_codes_with, document_names,
                                                   static_candidates)

    rows = []
    engine.backend.reset()
    for case in tqdm(cases, desc=progress, file=sys.stderr):
        text = case["before"] + case["after"]
        snap = Snapshot.build("file:///heldout.py", 1, 1, text, index)
        line_prefix = case["before"].rsplit("\n", 1)[-1]
        position = lsp.Position(case["before"].count("\n"), len(line_prefix.encode("utf-16-le")) // 2)
        started = time.perf_counter()
        suggestion = engine.suggest(case["before"], case["after"], api_context(snap.analysis),
                                    check_codes_with(snap.analysis), use_cache=False,
                                    baseline=[(f.span[0], f.code) for f in snap.findings()],
                                    candidates=static_candidates(snap, position),
                                    names=document_names(snap.analysis, position.line + 1))
        shown = suggestion.text.split("\n", 1)[0].rstrip()
        raw = suggestion.raw.split("\n", 1)[0].rstrip()
        target = case["target"].rstrip()
        rows.append({**{k: case[k] for k in ("script", "line", "col", "kind", "target")}, "shown": shown,
                     "raw": raw, "dropped": suggestion.dropped, "replaced": suggestion.replaced,
                     "em": shown == target, "es": edit_similarity(shown, target), "raw_em": raw == target,
                     "raw_es": edit_similarity(raw, target), "seconds": time.perf_counter() - started})
    return rows


def summary(rows: list[dict]) -> dict:
    n = len(rows) or 1
    drops = Counter(r["dropped"] for r in rows if r["dropped"])
    kinds = defaultdict(list)
    for r in rows:
        kinds[r["kind"]].append(r)
        kinds["(in benchmarks/heldout)" if r["script"].startswith("ours/") else "(in psychopy's demos)"].append(r)
    return {"n": len(rows), "em": sum(r["em"] for r in rows) / n, "es": sum(r["es"] for r in rows) / n,
            "raw_em": sum(r["raw_em"] for r in rows) / n, "raw_es": sum(r["raw_es"] for r in rows) / n,
            "shown": sum(bool(r["shown"]) for r in rows) / n, "dropped": {k: v / n for k, v in drops.items()},
            "replaced": sum(bool(r["replaced"]) for r in rows) / n,
            "by_kind": {k: (len(v), sum(r["em"] for r in v) / len(v), sum(r["es"] for r in v) / len(v))
                        for k, v in sorted(kinds.items())},
            "seconds_per_cut": sum(r["seconds"] for r in rows) / n}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cuts", type=int, default=220, help="cut points (about; spread over held-out files)")
    parser.add_argument("--seed", type=int, default=2026, help="not the training data's seed (0)")
    parser.add_argument("--system", action="append", choices=["base", "base-prefix", "previous", "new"],
                        help="repeatable; default: base, previous (when given), new")
    parser.add_argument("--adapter", default="", help="the new adapter (default: the shipped one)")
    parser.add_argument("--previous", default="", help="the adapter shipped before (prefix-only prompt)")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--prefix-tokens", type=int, default=0, help="tokens before the cursor (default: the server's)")
    parser.add_argument("--json", default="", help="write every case's result here")
    args = parser.parse_args(argv)

    from psychopy_lsp.kb.index import index_from_source
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.model.backends import LlamaCppBackend
    from psychopy_lsp.server.model.completer import InlineEngine
    from psychopy_lsp.server.model.files import ensure_default_model, prompt_format_for, shipped_adapter_path

    systems = args.system or (["base", "previous", "new"] if args.previous else ["base", "new"])
    adapters = {"base": (None, "fim"), "base-prefix": (None, "prefix"),
                "previous": (args.previous or None, "prefix"),
                "new": (args.adapter or str(shipped_adapter_path()),
                        prompt_format_for(Path(args.adapter or shipped_adapter_path())))}
    from completion import cpu_times, steal_share

    cpu_start = cpu_times()
    index = index_from_source(find_psychopy())
    cases = heldout_cases(args.cuts, args.seed)
    print(f"{len(cases)} cut points in {len({c['script'] for c in cases})} held-out scripts: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(c['kind'] for c in cases).items())))
    results, figures = {}, {}
    for system in systems:
        adapter, fmt = adapters[system]
        if system == "previous" and not adapter:
            continue
        backend = LlamaCppBackend(ensure_default_model(), adapter, n_ctx=2048, threads=args.threads)
        engine = InlineEngine(backend, max_tokens=64, prompt_format=fmt,
                              **({"prefix_tokens": args.prefix_tokens} if args.prefix_tokens else {}))
        results[system] = evaluate(engine, cases, index, system)
        figures[system] = summary(results[system])
        del engine, backend
    print("\n| system | exact match | edit similarity | raw EM | raw ES | shown | dropped (unfinished / "
          "constraint / repeat / checker) | replaced | s/cut |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for system, f in figures.items():
        d = f["dropped"]
        print(f"| {system} | {f['em']:.1%} | {f['es']:.3f} | {f['raw_em']:.1%} | {f['raw_es']:.3f} | "
              f"{f['shown']:.0%} | {d.get('unfinished', 0):.1%} / {d.get('constraint', 0):.1%} / "
              f"{d.get('repeat', 0):.1%} / {d.get('checker', 0):.1%} | {f['replaced']:.1%} | "
              f"{f['seconds_per_cut']:.2f} |")
    kinds = sorted({k for f in figures.values() for k in f["by_kind"]})
    print("\nexact match / edit similarity by cut kind (n):")
    for kind in kinds:
        cells = [f"{s} {f['by_kind'][kind][1]:.0%}/{f['by_kind'][kind][2]:.2f}" for s, f in figures.items()
                 if kind in f["by_kind"]]
        n = next(f["by_kind"][kind][0] for f in figures.values() if kind in f["by_kind"])
        print(f"  {kind} ({n}): " + " | ".join(cells))
    print(f"CPU steal during the run: {steal_share(cpu_start, cpu_times()):.0%} (seconds per cut depend on it)")
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures, "cases": results}, indent=1))
    return figures


if __name__ == "__main__":
    main()

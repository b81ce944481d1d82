"""Inline completion with the real embedded model: replayed typing sessions, measured side by side in one run.

    .venv/bin/python benchmarks/completion.py [--lines 4] [--every 3] [--threads 2]

For each sample experiment, a few code lines are "typed" again character by character; every `--every`
characters the editor asks for a completion of the document up to the cursor. The same requests are answered
twice, in this process, by the same model:

- ours: the server's engine (server/inline_engine.py): llama.cpp keeps the KV cache of the previous prompt, so a
  request reprocesses only what changed after the shared prefix; the suggestion cache answers typing along a
  suggestion without the model;
- fresh: the same pipeline with the KV cache reset and the suggestion cache off before every request (what
  lsp-ai does: rebuild the context each time).

Printed: p50/p95 latency, time to first token, cache hits, the share of raw completions the API-validity filter
caught, the cancel latency (a request cancelled mid-prompt returns after how long), and RSS with the model and the
embedding model loaded. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from pathlib import Path


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process (this one by default), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def samples() -> list[tuple[str, str]]:
    from psychopy_lsp.kb.locate import find_psychopy

    here = Path(__file__).resolve().parent.parent
    demos = find_psychopy().path / "demos" / "coder"
    paths = [here / "server" / "samples" / "stroop.py", demos / "stimuli" / "textStimuli.py",
             demos / "stimuli" / "shapes.py"]
    return [(p.name, p.read_text()) for p in paths if p.exists()]


def typing_requests(source: str, n_lines: int, every: int) -> list[tuple[str, str]]:
    """(before, after) pairs: the cursor moving along `n_lines` code lines as they are typed."""
    lines = source.split("\n")
    candidates = [i for i, line in enumerate(lines)
                  if len(line.strip()) >= 16 and not line.strip().startswith(("#", '"', "'")) and i > 8]
    step = max(1, len(candidates) // n_lines)
    out = []
    for i in candidates[::step][:n_lines]:
        line = lines[i]
        indent = len(line) - len(line.lstrip())
        after = "\n" + "\n".join(lines[i + 1:])
        for col in range(indent + 1, len(line) + 1, every):
            out.append(("\n".join(lines[:i] + [line[:col]]), after))
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def run(engine, requests, api_lines, check_codes, fresh: bool) -> dict:
    latencies, first, hits, nonempty, filtered = [], [], 0, 0, 0
    for before, after in requests:
        if fresh:
            engine.backend.reset()
        suggestion = engine.suggest(before, after, api_lines, check_codes, use_cache=not fresh)
        latencies.append(suggestion.total_s)
        if suggestion.first_token_s is not None:
            first.append(suggestion.first_token_s)
        hits += suggestion.cached
        if suggestion.raw.strip():
            nonempty += 1
            filtered += suggestion.filtered
    return {"p50": pct(latencies, 0.5), "p95": pct(latencies, 0.95), "ttft": pct(first, 0.5), "hits": hits,
            "n": len(requests), "nonempty": nonempty, "filtered": filtered, "mean": statistics.mean(latencies)}


def cancel_latency(backend, prompt: str, after_s: float = 0.05, tries: int = 5) -> float:
    from psychopy_lsp.server.model.backends import Cancelled

    worst = 0.0
    for _ in range(tries):
        backend.reset()
        cancel = threading.Event()
        timer = threading.Timer(after_s, cancel.set)
        started = time.perf_counter()
        timer.start()
        try:
            list(backend.generate(prompt, 32, (), cancel))
        except Cancelled:
            pass
        worst = max(worst, time.perf_counter() - started - after_s)
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=4, help="lines typed per sample")
    parser.add_argument("--every", type=int, default=3, help="characters typed between requests")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--context", type=int, default=2048)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--budget-ms", type=int, default=600)
    args = parser.parse_args()

    from psychopy_lsp.kb.embed import Embedder
    from psychopy_lsp.kb.index import index_from_source
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.analysis import Analysis
    from psychopy_lsp.server.model.backends import LlamaCppBackend
    from psychopy_lsp.server.model.completer import InlineEngine
    from psychopy_lsp.server.model.context import api_context, check_codes_with
    from psychopy_lsp.server.model.files import adapter_for, ensure_default_model
    from psychopy_lsp.server.settings import Settings

    rss_start = rss_mb()
    index = index_from_source(find_psychopy())
    embedder = Embedder(threads=1)
    embedder.encode_one("warm the embedding model")
    # what the server loads by default: the embedded model with our shipped adapter
    adapter = adapter_for(Settings())
    backend = LlamaCppBackend(ensure_default_model(), adapter, n_ctx=args.context, threads=args.threads)
    engine = InlineEngine(backend, args.max_tokens, args.context, args.budget_ms / 1000)
    print(f"adapter: {adapter.name if adapter else 'none'}")
    print(f"RSS: {rss_start:.0f} MB at start, {rss_mb():.0f} MB with API index + embeddings + model loaded")

    totals: dict[str, list] = {"ours": [], "fresh": []}
    for name, source in samples():
        analysis = Analysis(source, index)
        api_lines = api_context(analysis)
        check_codes = check_codes_with(analysis)
        requests = typing_requests(source, args.lines, args.every)
        engine.cache.clear()
        backend.reset()
        ours = run(engine, requests, api_lines, check_codes, fresh=False)
        fresh = run(engine, requests, api_lines, check_codes, fresh=True)
        totals["ours"].append(ours)
        totals["fresh"].append(fresh)
        print(f"{name}: {len(requests)} requests | ours p50 {ours['p50'] * 1000:.0f} ms p95 "
              f"{ours['p95'] * 1000:.0f} ms (cache hits {ours['hits']}) | fresh p50 {fresh['p50'] * 1000:.0f} ms p95 "
              f"{fresh['p95'] * 1000:.0f} ms")

    def merged(key: str, mode: str) -> float:
        return sum(r[key] for r in totals[mode])

    print("\nall samples:")
    for mode in ("ours", "fresh"):
        runs = totals[mode]
        print(f"  {mode:5s}: p50 {statistics.median(r['p50'] for r in runs) * 1000:.0f} ms, "
              f"p95 {max(r['p95'] for r in runs) * 1000:.0f} ms, mean {statistics.mean(r['mean'] for r in runs) * 1000:.0f} ms, "
              f"time to first token p50 {statistics.median(r['ttft'] for r in runs) * 1000:.0f} ms, "
              f"cache hits {merged('hits', mode):.0f}/{merged('n', mode):.0f}, "
              f"filter caught {merged('filtered', mode):.0f}/{merged('nonempty', mode):.0f} non-empty completions")
    ratio = statistics.mean(r['mean'] for r in totals["fresh"]) / statistics.mean(r['mean'] for r in totals["ours"])
    print(f"  mean latency, fresh / ours: {ratio:.1f}x")
    long_prompt = samples()[0][1][:4000]
    print(f"cancel: returned within {cancel_latency(backend, long_prompt) * 1000:.0f} ms (worst of 5) of the cancel")
    print(f"RSS at the end: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

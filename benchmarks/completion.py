"""Inline completion with the real embedded model: replayed typing sessions, measured side by side in one run.

    .venv/bin/python benchmarks/completion.py [--lines 4] [--every 3] [--threads 2] [--budget-ms 600]

For each sample (our Stroop sample, two coder demos, and the longest compiled Builder demo, ~1,900 lines) a few
code lines are "typed" again character by character; every `--every` characters the editor asks for a completion
with the whole document around the cursor. The same requests are answered twice, in this process, by the same
model:

- ours: the server's engine (server/model/completer.py): fill-in-the-middle prompt whose head moves by whole
  chunks, llama.cpp's KV cache of the previous prompt, the suggestion cache for typing along a suggestion, and
  the warm start (the document's prompt head processed when it is opened, before the first request);
- fresh: the same pipeline with the KV cache reset and the suggestion cache off before every request (what
  lsp-ai does: rebuild the context each time).

Printed: p50/p95 of the time to a whole line (what the engine takes) and of the time the editor waits (the
handler stops waiting after --budget-ms and shows nothing; the line still lands in the cache), the share of
requests that showed a line, cache hits, the first request after open (after the warm start, and cold), the
cancel latency, and RSS with the API index, the embedding model and the model loaded. Figures are printed, never
asserted.
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


def cpu_times() -> list[int]:
    """The machine's CPU counters (user, nice, system, idle, iowait, irq, softirq, steal) from /proc/stat."""
    return [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]


def steal_share(start: list[int], end: list[int]) -> float:
    """Share of CPU time the hypervisor gave to other guests meanwhile: figures on a VM are only comparable with
    it beside them."""
    delta = [b - a for a, b in zip(start, end)]
    return delta[7] / max(1, sum(delta))


def samples() -> list[tuple[str, str]]:
    from psychopy_lsp.kb.locate import find_psychopy

    here = Path(__file__).resolve().parent.parent
    demos = find_psychopy().path / "demos" / "coder"
    paths = [here / "server" / "samples" / "stroop.py", demos / "stimuli" / "textStimuli.py",
             demos / "stimuli" / "shapes.py"]
    out = [(p.name, p.read_text()) for p in paths if p.exists()]
    return out + [longest_builder_script()]


def longest_builder_script() -> tuple[str, str]:
    """The longest Builder demo compiled to Python (psyexpCompile, cached per psychopy version)."""
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.model.files import cache_dir
    from psychopy_lsp.training.data import builder_scripts

    install = find_psychopy()
    scripts = builder_scripts(install, cache_dir() / "builder-py" / install.version)
    longest = max(scripts, key=lambda s: s.source.count("\n"))
    return f"{longest.name.rsplit('/', 1)[-1]} (compiled, {longest.source.count(chr(10))} lines)", longest.source


def typing_requests(source: str, n_lines: int, every: int) -> list[tuple[str, str]]:
    """(before, after) pairs: the cursor moving along `n_lines` code lines as they are typed (in a long script,
    lines in its second half: where the prompt window no longer holds the whole document)."""
    lines = source.split("\n")
    first = len(lines) // 2 if len(lines) > 600 else 8
    candidates = [i for i, line in enumerate(lines)
                  if len(line.strip()) >= 16 and not line.strip().startswith(("#", '"', "'")) and i > first]
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


def run(engine, requests, api_lines, check_codes, fresh: bool, budget_s: float) -> dict:
    latencies, waits, first, hits, shown = [], [], [], 0, 0
    for before, after in requests:
        if fresh:
            engine.backend.reset()
        suggestion = engine.suggest(before, after, api_lines, check_codes, use_cache=not fresh)
        latencies.append(suggestion.total_s)
        waits.append(min(suggestion.total_s, budget_s))
        ready = suggestion.total_s <= budget_s
        if suggestion.first_token_s is not None:
            first.append(suggestion.first_token_s)
        hits += suggestion.cached
        shown += bool(suggestion.text) and ready
    return {"p50": pct(latencies, 0.5), "p95": pct(latencies, 0.95), "wait_p50": pct(waits, 0.5),
            "wait_p95": pct(waits, 0.95), "ttft": pct(first, 0.5), "hits": hits, "n": len(requests),
            "shown": shown, "mean": statistics.mean(latencies)}


def first_request(engine, source: str, api_lines, check_codes, warm: bool) -> tuple[float, float]:
    """(seconds the warm start took, seconds of the first request after open) for a cursor at the start of a
    line in the middle of the document, with the KV cache empty before the open."""
    lines = source.split("\n")
    i = next(k for k in range(len(lines) // 2, len(lines)) if lines[k].strip())
    indent = len(lines[i]) - len(lines[i].lstrip())
    before = "\n".join(lines[:i] + [lines[i][:indent]])
    after = "\n" + "\n".join(lines[i + 1:])
    engine.backend.reset()
    engine.cache.clear()
    started = time.perf_counter()
    if warm:
        engine.warm(source, api_lines)
    warmed = time.perf_counter() - started
    suggestion = engine.suggest(before, after, api_lines, check_codes)
    return warmed, suggestion.total_s


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
    from psychopy_lsp.server.model.files import adapter_for, ensure_default_model, prompt_format_for
    from psychopy_lsp.server.settings import Settings

    rss_start = rss_mb()
    cpu_start = cpu_times()
    index = index_from_source(find_psychopy())
    embedder = Embedder(threads=1)
    embedder.encode_one("warm the embedding model")
    # what the server loads by default: the embedded model with our shipped adapter
    adapter = adapter_for(Settings())
    backend = LlamaCppBackend(ensure_default_model(), adapter, n_ctx=args.context, threads=args.threads)
    engine = InlineEngine(backend, args.max_tokens, prompt_format=prompt_format_for(adapter))
    budget_s = args.budget_ms / 1000
    print(f"adapter: {adapter.name if adapter else 'none'} ({engine.prompt_format} prompt); editor waits at most {args.budget_ms} ms")
    print(f"RSS: {rss_start:.0f} MB at start, {rss_mb():.0f} MB with API index + embeddings + model loaded")

    totals: dict[str, list] = {"ours": [], "fresh": []}
    for name, source in samples():
        analysis = Analysis(source, index)
        api_lines = api_context(analysis)
        check_codes = check_codes_with(analysis)
        requests = typing_requests(source, args.lines, args.every)
        warmed, first_warm = first_request(engine, source, api_lines, check_codes, warm=True)
        _, first_cold = first_request(engine, source, api_lines, check_codes, warm=False)
        engine.cache.clear()
        backend.reset()
        engine.warm(source, api_lines)  # as after didOpen
        ours = run(engine, requests, api_lines, check_codes, fresh=False, budget_s=budget_s)
        fresh = run(engine, requests, api_lines, check_codes, fresh=True, budget_s=budget_s)
        ours.update(first_warm=first_warm, first_cold=first_cold, warm_s=warmed)
        totals["ours"].append(ours)
        totals["fresh"].append(fresh)
        print(f"{name}: {len(requests)} requests | ours: whole line p50 {ours['p50'] * 1000:.0f} ms p95 "
              f"{ours['p95'] * 1000:.0f} ms, cache hits {ours['hits']}, shown {ours['shown']} | fresh: p50 "
              f"{fresh['p50'] * 1000:.0f} ms p95 {fresh['p95'] * 1000:.0f} ms | first request after open "
              f"{first_warm * 1000:.0f} ms (warm start took {warmed * 1000:.0f} ms in the background), "
              f"{first_cold * 1000:.0f} ms without it")

    def merged(key: str, mode: str) -> float:
        return sum(r[key] for r in totals[mode])

    print("\nall samples (p50: median of the samples' p50; p95: the worst sample's):")
    for mode in ("ours", "fresh"):
        runs = totals[mode]
        print(f"  {mode:5s}: whole line p50 {statistics.median(r['p50'] for r in runs) * 1000:.0f} ms, "
              f"p95 {max(r['p95'] for r in runs) * 1000:.0f} ms, mean {statistics.mean(r['mean'] for r in runs) * 1000:.0f} ms"
              f" | editor waits p50 {statistics.median(r['wait_p50'] for r in runs) * 1000:.0f} ms, p95 "
              f"{max(r['wait_p95'] for r in runs) * 1000:.0f} ms | shown {merged('shown', mode):.0f}/"
              f"{merged('n', mode):.0f} | cache hits {merged('hits', mode):.0f} | time to first token p50 "
              f"{statistics.median(r['ttft'] for r in runs) * 1000:.0f} ms")
    long_run = totals["ours"][-1]
    print(f"  long script (ours): p50 {long_run['p50'] * 1000:.0f} ms, p95 {long_run['p95'] * 1000:.0f} ms")
    print(f"  first request after open: p50 {statistics.median(r['first_warm'] for r in totals['ours']) * 1000:.0f}"
          f" ms with the warm start, {statistics.median(r['first_cold'] for r in totals['ours']) * 1000:.0f} ms "
          f"without (worst {max(r['first_warm'] for r in totals['ours']) * 1000:.0f} / "
          f"{max(r['first_cold'] for r in totals['ours']) * 1000:.0f} ms)")
    ratio = statistics.mean(r['mean'] for r in totals["fresh"]) / statistics.mean(r['mean'] for r in totals["ours"])
    print(f"  mean latency, fresh / ours: {ratio:.1f}x")
    long_prompt = samples()[0][1][:4000]
    print(f"cancel: returned within {cancel_latency(backend, long_prompt) * 1000:.0f} ms (worst of 5) of the cancel")
    print(f"RSS at the end: {rss_mb():.0f} MB; CPU steal during the run {steal_share(cpu_start, cpu_times()):.0%}")


if __name__ == "__main__":
    main()

"""Static features, measured side by side with jedi-language-server (the peer users have today).

    .venv/bin/python benchmarks/static.py [--lines 2000] [--repeat 3]

Both servers are real processes driven over stdio by the same client, on the same 2,000-line experiment, at the
same hover and completion positions, warm (each position asked once before timing). Also: time from an edit to
published diagnostics for our server, and the checker's own time in this process. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

BLOCK = """
# block {i}
stim{i} = visual.TextStim(win, text="trial {i}", height=0.05, pos=(0, 0.1))
rect{i} = visual.Rect(win, width=0.2, height=0.2, fillColor="red")
stim{i}.setColor("blue")
stim{i}.draw()
rect{i}.draw()
win.flip()
core.wait(0.01)
keys = event.getKeys(keyList=["space", "escape"])
if keys and "escape" in keys:
    core.quit()
"""
HEADER = "from psychopy import visual, core, event\nwin = visual.Window([800, 600], units='height')\n"


def make_script(n_lines: int) -> str:
    parts, i = [HEADER], 0
    while sum(p.count("\n") for p in parts) < n_lines:
        parts.append(BLOCK.format(i=i))
        i += 1
    return "".join(parts)


def positions(text: str, needle: str, offset: int, limit: int) -> list[lsp.Position]:
    out, start = [], 0
    while len(out) < limit:
        index = text.find(needle, start)
        if index < 0:
            break
        line = text.count("\n", 0, index)
        col = index - (text.rfind("\n", 0, index) + 1) + offset
        out.append(lsp.Position(line=line, character=col))
        start = index + 1
    return out


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))]


async def measure(cmd: list[str], text: str, uri: str, hovers, completions, options: dict, repeat: int,
                  ready_notification: str | None) -> dict:
    client = LanguageClient("bench", "1")
    status_ready = asyncio.Event()
    published = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diag(params):
        published.set()

    if ready_notification:
        @client.feature(ready_notification)
        def on_status(params):
            status = params._asdict() if hasattr(params, "_asdict") else params
            if status.get("index"):
                status_ready.set()

    await client.start_io(*cmd)
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       initialization_options=options,
                                                       root_uri=Path(uri[7:]).parent.as_uri()))
    client.initialized(lsp.InitializedParams())
    if ready_notification:
        await asyncio.wait_for(status_ready.wait(), 300)
    started = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    first_diag = None
    if ready_notification:
        await asyncio.wait_for(published.wait(), 300)
        first_diag = time.perf_counter() - started
    doc = lsp.TextDocumentIdentifier(uri=uri)
    result = {"first_diagnostics_s": first_diag}
    for name, points, call in [
        ("hover", hovers, lambda p: client.text_document_hover_async(lsp.HoverParams(text_document=doc, position=p))),
        ("completion", completions, lambda p: client.text_document_completion_async(
            lsp.CompletionParams(text_document=doc, position=p))),
    ]:
        for p in points:  # warm-up: each position once
            await call(p)
        times, answered = [], 0
        for _ in range(repeat):
            for p in points:
                t0 = time.perf_counter()
                answer = await call(p)
                times.append((time.perf_counter() - t0) * 1000)
                answered += answer is not None and answer != []
        result[name] = {"p50_ms": pct(times, 0.5), "p99_ms": pct(times, 0.99), "n": len(times),
                        "answered": answered}
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return result


async def main_async(args) -> None:
    text = make_script(args.lines)
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "experiment.py"
    path.write_text(text)
    uri = path.as_uri()
    hovers = positions(text, "TextStim(", 2, 25) + positions(text, "setColor(", 2, 25)
    completions = positions(text, "stim1.draw", len("stim1."), 10) + positions(text, "core.wait", len("core."), 10)
    print(f"script: {text.count(chr(10))} lines; {len(hovers)} hover and {len(completions)} completion positions, "
          f"x{args.repeat}")

    # the checker alone, in this process
    from psychopy_lsp.kb.index import index_from_source
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.analysis import Analysis
    from psychopy_lsp.server.checks import check

    index = index_from_source(find_psychopy())
    # side by side in this process: the parse alone, the API families alone (the checker before the timing and
    # logic families), every family but pyflakes, and everything (what the server runs)
    variants = {"parse + resolve only": (), "API families (before)": ("api",),
                "all but pyflakes": ("api", "timing", "keys", "data", "display"), "all families": None}
    # the floor under any checker that parses the text and runs pyflakes (which the issue asks for): what
    # CPython's parser and pyflakes take on their own, on this machine, now
    import ast

    from pyflakes.checker import Checker as Pyflakes
    for label, work in {"ast.parse alone": lambda: ast.parse(text),
                        "ast.parse + pyflakes": lambda: Pyflakes(ast.parse(text), "experiment.py")}.items():
        runs = []
        for _ in range(7):
            t0 = time.perf_counter()
            work()
            runs.append((time.perf_counter() - t0) * 1000)
        print(f"floor in-process on {args.lines} lines, {label:<24}: p50 {statistics.median(runs):6.1f} ms")
    for label, families in variants.items():
        runs = []
        for _ in range(7):
            t0 = time.perf_counter()
            analysis = Analysis(text, index)
            findings = check(analysis, families) if families != () else []
            runs.append((time.perf_counter() - t0) * 1000)
        print(f"checker in-process on {args.lines} lines, {label:<22}: p50 {statistics.median(runs):6.1f} ms "
              f"({len(findings)} findings)")

    ours = await measure([sys.executable, "-m", "psychopy_lsp.server.cli"], text, uri, hovers, completions,
                         {"debounceMs": 0, **({"kbDir": args.kb_dir} if args.kb_dir else {})}, args.repeat,
                         "psychopy/status")
    jedi_cmd = shutil.which("jedi-language-server", path=str(Path(sys.executable).parent))
    peer = await measure([jedi_cmd], text, uri, hovers, completions, {}, args.repeat, None) if jedi_cmd else None
    print(f"psychopy-lsp: open -> diagnostics published {ours['first_diagnostics_s'] * 1000:.0f} ms")
    print(f"{'':14}{'psychopy-lsp p50/p99':>24}{'jedi-language-server p50/p99':>32}{'ratio (p50)':>14}")
    for name in ("hover", "completion"):
        a = ours[name]
        if peer:
            b = peer[name]
            ratio = b["p50_ms"] / a["p50_ms"] if a["p50_ms"] else float("inf")
            print(f"{name:14}{a['p50_ms']:>12.1f} /{a['p99_ms']:>7.1f} ms{b['p50_ms']:>18.1f} /{b['p99_ms']:>7.1f} ms"
                  f"{ratio:>12.1f}x   answered {a['answered']}/{a['n']} vs {b['answered']}/{b['n']}")
        else:
            print(f"{name:14}{a['p50_ms']:>12.1f} /{a['p99_ms']:>7.1f} ms   (jedi-language-server not installed)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kb-dir")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()

"""Document handling over stdio: code-action latency and diagnostics time on a 2,000-line experiment, and the
server's memory after many open/edit/close cycles. Figures are printed, never asserted.

    .venv/bin/python benchmarks/documents.py [--lines 2000] [--cycles 500] [--baseline-tree DIR]

`--baseline-tree` names a checkout of another commit (e.g. `git worktree add /tmp/before HEAD~1`): its server
runs in the same benchmark process, on the same script and positions, beside this one. Code actions are asked
the way VS Code asks them, on every cursor move: once per line with no diagnostic in the context, and once per
diagnostic with it in the context (each position once to warm up, then timed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from completion import rss_mb  # noqa: E402
from static import make_script, pct  # noqa: E402 - the same 2,000-line experiment as benchmarks/static.py

# mistakes with quick fixes, sprinkled through the script so code actions have work to do
MISTAKES = ["stim0.setColour('red')\n", "bad = visual.TextStim(win, colour='red')\n",
            "w2 = visual.Window(units='pixels')\n", "keys = event.getKeys(keyList='space')\n"]


def script(n_lines: int) -> str:
    lines = make_script(n_lines).splitlines(keepends=True)
    blocks = [i for i, line in enumerate(lines) if line.startswith("# block")]  # top level: safe to insert before
    for i, at in enumerate(reversed(blocks[::max(len(blocks) // 20, 1)])):
        lines.insert(at, MISTAKES[i % len(MISTAKES)])
    return "".join(lines)


async def measure(name: str, cmd: list[str], env: dict, text: str, uri: str, options: dict, cycles: int) -> dict:
    client = LanguageClient("bench", "1")
    ready, published = asyncio.Event(), asyncio.Event()
    diagnostics: dict[str, list] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diag(params):
        diagnostics[params.uri] = params.diagnostics
        published.set()

    @client.feature("psychopy/status")
    def on_status(params):
        status = params._asdict() if hasattr(params, "_asdict") else params
        if status.get("index"):
            ready.set()

    await client.start_io(*cmd, env=env)
    pid = client._server.pid
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       initialization_options=options))
    client.initialized(lsp.InitializedParams())
    await asyncio.wait_for(ready.wait(), 300)
    open_times = []
    for version in range(1, 4):  # open (cold), then two edits of the whole text: diagnostics each time
        published.clear()
        t0 = time.perf_counter()
        if version == 1:
            client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
                uri=uri, language_id="python", version=1, text=text)))
        else:
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text + f"x = {version}\n")]))
        while True:
            await asyncio.wait_for(published.wait(), 300)
            published.clear()
            found = diagnostics.get(uri) or []
            if found and all((d.data or {}).get("version") == version for d in found):
                break
        open_times.append((time.perf_counter() - t0) * 1000)
    found = diagnostics[uri]
    doc = lsp.TextDocumentIdentifier(uri=uri)
    n_lines = text.count("\n")

    def at_line(line: int, context: list) -> asyncio.Future:
        return client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=doc, range=lsp.Range(start=lsp.Position(line=line, character=0),
                                               end=lsp.Position(line=line, character=0)),
            context=lsp.CodeActionContext(diagnostics=context)))

    cursor_lines = list(range(0, n_lines, max(n_lines // 100, 1)))
    result = {"name": name, "diagnostics_ms": open_times, "findings": len(found)}
    for label, calls in [("cursor", [(line, []) for line in cursor_lines]),
                         ("diagnostic", [(d.range.start.line, [d]) for d in found])]:
        times, offered = [], 0
        for first in (True, False):  # warm-up pass, then the timed one (a cursor returns to a line)
            for line, context in calls:
                t0 = time.perf_counter()
                actions = await at_line(line, context)
                if not first:
                    times.append((time.perf_counter() - t0) * 1000)
                    offered += len(actions or [])
        result[label] = {"p50_ms": pct(times, 0.5), "p99_ms": pct(times, 0.99), "n": len(times),
                         "actions": offered}
    # open/edit/close cycles on small documents: nothing may stay behind for closed ones
    small = text[:2000]
    rss_before = rss_mb(pid)
    for i in range(cycles):
        other = f"file:///tmp/psychopy-lsp-bench/cycle_{i}.py"
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
            uri=other, language_id="python", version=1, text=small)))
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=other, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=small + "x = 1\n")]))
        await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=other),
                                                               position=lsp.Position(line=1, character=8)))
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(
            text_document=lsp.TextDocumentIdentifier(uri=other)))
    await client.text_document_hover_async(lsp.HoverParams(text_document=doc, position=lsp.Position(line=1,
                                                                                                   character=8)))
    result["rss_mb"] = (rss_before, rss_mb(pid))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return result


def baseline_env(tree: Path) -> dict:
    """Run another checkout's server with this venv: its folders mapped under psychopy_lsp like the install."""
    shim = Path(tempfile.mkdtemp(prefix="psychopy-lsp-baseline-")) / "psychopy_lsp"
    shim.mkdir()
    for name in ("server", "kb", "training"):
        (shim / name).symlink_to(tree / name)
    return {**os.environ, "PYTHONPATH": str(shim.parent)}


async def main_async(args) -> None:
    text = script(args.lines)
    path = Path(tempfile.mkdtemp()) / "experiment.py"
    path.write_text(text)
    options = {"debounceMs": 0, "modelBackend": "off", **({"kbDir": args.kb_dir} if args.kb_dir else {})}
    cmd = [sys.executable, "-m", "psychopy_lsp.server.cli"]
    runs = [("this tree", cmd, dict(os.environ))]
    if args.baseline_tree:
        runs.insert(0, ("baseline", cmd, baseline_env(Path(args.baseline_tree).resolve())))
    print(f"script: {text.count(chr(10))} lines; {args.cycles} open/edit/close cycles")
    results = [await measure(name, c, env, text, path.as_uri(), options, args.cycles) for name, c, env in runs]
    print(f"{'':34}" + "".join(f"{r['name']:>24}" for r in results))
    rows = [("open -> diagnostics (ms)", lambda r: f"{r['diagnostics_ms'][0]:.0f}"),
            ("edit -> diagnostics p50 (ms)", lambda r: f"{statistics.median(r['diagnostics_ms'][1:]):.0f}"),
            ("findings", lambda r: str(r["findings"])),
            ("codeAction, cursor p50/p99 (ms)", lambda r: f"{r['cursor']['p50_ms']:.1f} / {r['cursor']['p99_ms']:.1f}"),
            ("codeAction, diagnostic p50/p99", lambda r: f"{r['diagnostic']['p50_ms']:.1f} / "
                                                         f"{r['diagnostic']['p99_ms']:.1f}"),
            ("quick fixes offered", lambda r: str(r["diagnostic"]["actions"])),
            ("RSS before/after cycles (MB)", lambda r: f"{r['rss_mb'][0]:.0f} / {r['rss_mb'][1]:.0f}")]
    for label, cell in rows:
        print(f"{label:34}" + "".join(f"{cell(r):>24}" for r in results))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--cycles", type=int, default=500)
    parser.add_argument("--kb-dir")
    parser.add_argument("--baseline-tree", help="a checkout of another commit, run beside this one")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()

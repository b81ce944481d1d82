"""`generate` on held-out descriptions (benchmarks/heldout/generation/descriptions.json: written for this
evaluation only, paradigms and combinations the composer's tests and the training data never name; each with the
values it states written by hand). Every generated script is judged by the verifier a user would apply, with the
hand-written values (not the ones the system read): parses, no checker error, runs headless with the emulated
participant, every stated colour, duration, key, trial count and stimulus kind used. Prints one row per system
beside each other, and the seconds per experiment. Asserts nothing.

Systems: `system` (the pipeline: spec reader, composer, the model's instructions, repairs, the model's own
candidate when the rest fails), `composer` (the same without the model), `model` (the model's own candidate
alone: retrieved demo + real signatures + the description; the baseline the issue measured at 0/6).

    .venv/bin/python benchmarks/generation.py [--systems system,composer,model] [--limit N] [--json FILE]
    .venv/bin/python benchmarks/generation.py --set benchmarks/heldout/generation/descriptions-2.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HELDOUT = Path(__file__).parent / "heldout" / "generation" / "descriptions.json"


def stated(case: dict) -> dict:
    return {k: case.get(k, []) for k in ("colours", "durations", "frames", "keys", "kinds")} | \
        {"trials": case.get("trials")}


def main() -> int:
    from psychopy_lsp.kb.index import index_from_source
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.generate.pipeline import _generate, generate, model_script_prompt, SCRIPT_END
    from psychopy_lsp.server.generate.retrieval import api_lines
    from psychopy_lsp.server.generate.verify import verify
    from psychopy_lsp.server.model.backends import make_backend
    from psychopy_lsp.server.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--systems", default="system,composer,model")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", default="")
    parser.add_argument("--set", default=str(HELDOUT), help="a held-out file (descriptions-2.json: the second set, "
                        "written before the composer's second round of changes)")
    args = parser.parse_args()
    systems = args.systems.split(",")
    install = find_psychopy()
    index = index_from_source(install)
    backend = make_backend(Settings()) if {"system", "model"} & set(systems) else None
    cases = json.loads(Path(args.set).read_text())[: args.limit or None]
    rows = []
    for case in cases:
        for system in systems:
            started = time.monotonic()
            if system == "model":
                raw = _generate(backend, model_script_prompt(case["description"], "", api_lines(index)), 700,
                                [SCRIPT_END], None)
                code = f'"""{case["description"]}"""\nfrom psychopy import core, data, visual\n' \
                       "from psychopy.hardware import keyboard\n" + raw
                origin = "model"
                budget = 15.0
            else:
                result = generate(case["description"], index, install.python,
                                  backend if system == "system" else None, api_lines=api_lines(index))
                code = result.code
                origin = result.candidates[-1].origin if result.candidates else "none"
                budget = max(15.0, result.run_timeout_s)  # the run a user's verification gets
            seconds = time.monotonic() - started
            verdict = verify(code, stated(case), index, install.python, timeout_s=budget)
            rows.append({"case": case["name"], "system": system, "passed": verdict.passed, "seconds": seconds,
                         "origin": origin, **verdict.to_dict()})
            print(f"{case['name']:28s} {system:9s} {'PASS' if verdict.passed else 'fail'} {seconds:5.1f} s  "
                  f"{'; '.join(verdict.problems())[:150]}", flush=True)
    print("\nsystem     passed          median s  max s")
    for system in systems:
        mine = [r for r in rows if r["system"] == system]
        passed = sum(r["passed"] for r in mine)
        secs = [r["seconds"] for r in mine]
        print(f"{system:10s} {passed:2d}/{len(mine):2d} ({100 * passed / max(1, len(mine)):3.0f}%)  "
              f"{statistics.median(secs):8.1f}  {max(secs):5.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())

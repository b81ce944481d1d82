"""Repairing runtime errors, measured the way a user meets them: each held-out script
(benchmarks/heldout/debugging/, written before the runtime fixes it measures, used nowhere else) is run in the
sandbox, headless, with the emulated participant; the real traceback goes to each repairer; the repaired script
is run again. Prints one row per script and repairer, then the figures side by side. Asserts nothing.

Repairers:
- `none`: the script as written (the baseline: how many run at all);
- `deterministic`: server.sandbox.repair.prove_rule_fix (what "Run" offers without the model: the rules' fix, re-run,
  extended to the same mistake on later lines);
- `model`: the model alone, with the shipped adapter (or --adapter): its first answer given the traceback's
  message, then the alternatives (its own and model/edits.py's generic edits, ranked by its likelihood), up to
  --samples re-runs after the first, the first a re-run proves (fix.first_proved, as "Fix with the PsychoPy
  model" does);
- `branches`: the same without the generic edits (the model's own alternatives only: the policy before them);
- `base`: the same with the adapter off (the base Gemma 3 270M);
- `system`: the deterministic fix, else the model (what a user gets);
- `candidate`: `model` with the adapter --candidate names (a new one measured beside the shipped one).

Repaired (strict) = the re-run reaches its end or its time budget with no exception, after one repair and after
up to --rounds repairs in a row (each on the next error, as a user who re-runs meets it, kept only when compare
says the run got further); `compare` (the server's own proof, which also accepts a run that now stops later at a
different error) of the first repair is printed beside it.

    .venv/bin/python benchmarks/debugging.py [--repairers none,deterministic,base,model,system] [--json FILE]
    .venv/bin/python benchmarks/debugging.py --set benchmarks/heldout/debugging-2
    .venv/bin/python benchmarks/debugging.py --set benchmarks/heldout/debugging-5 --adapter /tmp/repair.gguf
    .venv/bin/python benchmarks/debugging.py --set benchmarks/heldout/debugging-9 --repairers base,model,candidate \
        --candidate /tmp/repair.gguf
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from pathlib import Path

HELDOUT = Path(__file__).parent / "heldout" / "debugging"
RAN = ("ok", "exit", "timeout")


def main() -> int:
    from psychopy_lsp.kb.index import index_from_source
    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.model.backends import make_backend
    from psychopy_lsp.server.model.fix import prove_runtime_fix, replace_region
    from psychopy_lsp.server.sandbox.repair import compare, prove_rule_fix
    from psychopy_lsp.server.sandbox.runner import run_script
    from psychopy_lsp.server.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--repairers", default="none,deterministic,base,model,system")
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--rounds", type=int, default=3, help="repairs in a row, each on the re-run's new error")
    parser.add_argument("--json", default="")
    parser.add_argument("--samples", type=int, default=-1, help="sampled answers after the model's first one, "
                        "each re-run (default: the fixSamples setting; 0: the first answer only)")
    parser.add_argument("--adapter", default="", help="a GGUF LoRA adapter for the model and system repairers "
                        "(default: the shipped one), e.g. one trained on training/repair_data.py's pairs")
    parser.add_argument("--candidate", default="", help="a GGUF LoRA adapter measured as the repairer `candidate` "
                        "beside `model` (the shipped adapter) in the same process, e.g. a newly trained one")
    parser.add_argument("--no-raised", action="store_true", help="re-run candidates that still evaluate the "
                        "expression that raised (the policy before that screen)")
    parser.add_argument("--set", default=str(HELDOUT), help="a folder of scripts (heldout/debugging-2: written after "
                        "the runtime rules, by varying the mistakes and adding kinds they do not read)")
    args = parser.parse_args()
    repairers = args.repairers.split(",")
    install = find_psychopy()
    index = index_from_source(install)
    backend = make_backend(Settings(adapter_path=args.adapter)) if {"model", "system", "branches"} & set(repairers) \
        else None
    base_backend = make_backend(Settings(adapter_path="off")) if "base" in repairers else None
    if "candidate" in repairers and not args.candidate:
        parser.error("the repairer `candidate` needs --candidate FILE")
    candidate_backend = make_backend(Settings(adapter_path=args.candidate)) if "candidate" in repairers else None
    rows = []

    def run(path: Path, source: str):
        return run_script(path, install.python, timeout_s=args.timeout, headless="always", source=source)

    def deterministic(path, source, before):
        # what "Run" offers (server/handlers/commands.py): the rule's fix, proved by a re-run, extended to the same
        # mistake on later lines
        fix, why = prove_rule_fix(before, source, index, lambda fixed: run(path, fixed))
        return (fix.apply(source), fix.title) if fix is not None else (None, why)

    samples = Settings().fix_samples if args.samples < 0 else args.samples

    def by_model(path, source, before, backend=None, edits=True):
        # what "Fix with the PsychoPy model" does for an error from a run: the first answer, then the ranked
        # alternatives, the first that a re-run proves (server/handlers/code_action_resolve.py)
        backend = backend or main_backend
        if not before.line:
            return None, "no line to fix"

        def rerun(fixed):
            after = run(path, fixed)
            return (*compare(before, after), after)

        found = prove_runtime_fix(source, before, index, backend, rerun, samples, edits=edits,
                                  use_raised=not args.no_raised)
        tried = " [tried: " + " || ".join(found.tried or []) + "]"  # every candidate and its fate, for the JSON
        if found.outcome is None:
            return None, found.proof + tried
        return replace_region(source.split("\n"), found.outcome.region, found.outcome.new_text), \
            f"the model's rewrite ({found.tried[-1].split(' `')[0]})" + tried

    def system(path, source, before):
        fixed, why = deterministic(path, source, before)  # offered only when its re-run proved it (prove_rule_fix)
        return (fixed, why) if fixed is not None else by_model(path, source, before)

    main_backend = backend
    repair = {"deterministic": deterministic, "model": by_model, "system": system,
              "branches": lambda path, source, before: by_model(path, source, before, edits=False),
              "base": lambda path, source, before: by_model(path, source, before, base_backend),
              "candidate": lambda path, source, before: by_model(path, source, before, candidate_backend)}
    for path in sorted(Path(args.set).glob("*.py")):
        source = path.read_text()
        before = run(path, source)
        error = f"{before.error_type}: {before.message}"[:90] if before.status == "error" else before.status
        for name in repairers:
            started = time.monotonic()
            first = after = None
            hows = []
            if name == "none":
                first = after = before
                hows = ["as written"]
            elif before.status != "error":
                first = after = before
                hows = ["nothing to repair"]
            else:
                # a user re-runs after each fix and meets the next error: up to --rounds repairs, each one
                # kept only when its re-run got further (compare), as the server's own proof requires
                current, now = source, before
                final = source
                for _ in range(args.rounds):
                    fixed, how = repair[name](path, current, now)
                    hows.append(how)
                    if fixed is None:
                        break
                    after = run(path, fixed)
                    first = first or after
                    final = fixed
                    if after.status != "error" or not compare(now, after)[0]:
                        break
                    current, now = fixed, after
            strict = first is not None and first.status in RAN
            rounds = after is not None and after.status in RAN
            proved = first is not None and before.status == "error" and name != "none" and \
                compare(before, first)[0]
            seconds = time.monotonic() - started
            how = " / ".join(hows)
            change = [] if name == "none" or before.status != "error" else [
                d for d in difflib.unified_diff(source.split("\n"), final.split("\n"), lineterm="", n=0)
                if d[:1] in "+-" and d[:3] not in ("+++", "---")]
            rows.append({"case": path.stem, "repairer": name, "error": error, "repaired": strict, "change": change,
                         "repaired_rounds": rounds, "rounds": len(hows), "proved": proved, "how": how,
                         "after": after.status if after is not None else "no fix", "seconds": round(seconds, 1)})
            print(f"{path.stem:24s} {name:13s} {'REPAIRED' if strict else 'no      '} "
                  f"{'REPAIRED' if rounds else 'no      '} {seconds:5.1f} s  {error[:55]:55s} | {how[:90]}",
                  flush=True)
    print(f"\nrepairer       repaired in 1 round   in <= {args.rounds} rounds   proved by compare  median s")
    for name in repairers:
        mine = [r for r in rows if r["repairer"] == name]
        ok = sum(r["repaired"] for r in mine)
        ok_n = sum(r["repaired_rounds"] for r in mine)
        proved = sum(r["proved"] for r in mine)
        print(f"{name:13s}  {ok:2d}/{len(mine):2d} ({100 * ok / max(1, len(mine)):3.0f}%)     "
              f"{ok_n:2d}/{len(mine):2d} ({100 * ok_n / max(1, len(mine)):3.0f}%)     "
              f"{proved:2d}/{len(mine):2d}            {statistics.median(r['seconds'] for r in mine):6.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

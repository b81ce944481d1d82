"""The emulated participant on held-out experiments (benchmarks/heldout/participant/, written apart from the
tests and never used for anything else): each declares how many trials a participant answers and whether the
script scores a key pressed between trials (`# expect: answers=N stale=yes|no`). Runs each in the sandbox,
headless, and prints whether its trials were answered (RESPONSE lines with a key), the reaction times the
participant produced, and whether a stale key was reported exactly where expected. Asserts nothing.

    .venv/bin/python benchmarks/participant.py [--budget 30]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from psychopy_lsp.server.sandbox.runner import run_script

HELDOUT = Path(__file__).parent / "heldout" / "participant"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", type=float, default=30.0)
    args = parser.parse_args()
    rows = []
    for path in sorted(HELDOUT.glob("*.py")):
        source = path.read_text()
        expect = re.search(r"# expect: answers=(\d+) stale=(yes|no)", source)
        want_answers, want_stale = int(expect.group(1)), expect.group(2) == "yes"
        result = run_script(path, sys.executable, timeout_s=args.budget, headless="always")
        responses = re.findall(r"^RESPONSE (.*)$", result.stdout, re.M)
        answered = sum(1 for r in responses if not r.startswith("None"))
        rts = [p["rt"] for p in result.presses if p.get("kind") == "answer"]
        stale = bool(result.stale_keys)
        rows.append((path.name, result.status, answered, want_answers, stale, want_stale, rts,
                     result.keyboard_backend))
        print(f"{path.name:<36} {result.status:<7} answered {answered}/{want_answers}  stale "
              f"{'yes' if stale else 'no '} (expected {'yes' if want_stale else 'no'})  RTs "
              f"{', '.join(f'{rt * 1000:.0f}' for rt in rts[:5])} ms  keyboard {result.keyboard_backend or '-'}",
              flush=True)
    answered = sum(min(r[2], r[3]) for r in rows)
    wanted = sum(r[3] for r in rows)
    complete = sum(1 for r in rows if r[2] >= r[3] and r[1] in ("ok", "exit"))
    stale_right = sum(1 for r in rows if r[4] == r[5])
    stale_tp = sum(1 for r in rows if r[4] and r[5])
    stale_fp = sum(1 for r in rows if r[4] and not r[5])
    all_rts = [rt for r in rows for rt in r[6]]
    print("\n== figures")
    print(f"held-out experiments: {len(rows)}; run to their end with every trial answered: {complete}/{len(rows)}; "
          f"trials answered {answered}/{wanted}")
    print(f"stale keys: reported where expected {stale_tp}/{sum(1 for r in rows if r[5])}, on scripts that clear "
          f"the buffer {stale_fp}/{sum(1 for r in rows if not r[5])}; verdict right on {stale_right}/{len(rows)}")
    if all_rts:
        print(f"participant RTs: median {statistics.median(all_rts) * 1000:.0f} ms, range "
              f"{min(all_rts) * 1000:.0f}-{max(all_rts) * 1000:.0f} ms over {len(all_rts)} answers")
    return 0


if __name__ == "__main__":
    sys.exit(main())

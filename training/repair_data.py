"""Runtime-repair pairs at scale: plant a mistake in a script that runs, run it for real, keep it when Python
raised at the planted line; the prompt carries the real exception (as "Fix with the PsychoPy model" sends it after
a run), the answer the original region.

Scripts: the composer's scripts for drawn descriptions (training/generation_data.describe, kept when they run
clean), PsychoPy's coder demos and our samples. Mistakes: training/runtime_mutations.py's generic operators plus
the runtime ones of training/mutations.py, at most one per operator and script so no operator floods the data.
Split by script (a script's pairs are all train or all held-out). Then a mixed data folder for training/sft.py:
the repair pairs beside a sample of training/data.py's examples, so the adapter keeps its other jobs.

    .venv/bin/python -m psychopy_lsp.training.repair_data --descriptions 6 --demos 4 --out_dir /tmp/r  # a minute
    .venv/bin/python -m psychopy_lsp.training.repair_data      # ~25 min on 2 cores -> training/out/repair
    .venv/bin/python -m psychopy_lsp.training.repair_data --remix true --repair_copies 2   # seconds
    .venv/bin/python -m psychopy_lsp.training.sft --config cpu --data_dir training/out/repair/mixed \\
        --output_dir training/out/sft-repair --epochs 0 --max_steps 250

benchmarks/heldout/debugging* are never read here.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .args import parse_args

RAN = ("ok", "exit", "timeout")


@dataclass
class RepairDataArguments:
    out_dir: str = field(default="training/out/repair", metadata={"help": "repair JSONL and the mixed folder"})
    descriptions: int = field(default=50, metadata={"help": "drawn descriptions whose composed script is mutated"})
    demos: int = field(default=60, metadata={"help": "coder demos and samples to mutate (0: none)"})
    per_script: int = field(default=7, metadata={"help": "mutations tried per script (one per operator)"})
    run_timeout_s: float = field(default=10.0, metadata={"help": "sandbox budget per run"})
    workers: int = field(default=2, metadata={"help": "sandbox runs at once"})
    heldout_share: float = field(default=0.12, metadata={"help": "share of scripts held out"})
    standard_dir: str = field(default="training/out/data", metadata={"help": "training/data.py's output to mix in"})
    standard_examples: int = field(default=640, metadata={"help": "standard training examples in the mix"})
    repair_copies: int = field(default=1, metadata={"help": "times each repair pair appears in the mix"})
    remix: bool = field(default=False, metadata={"help": "only rebuild the mixed folder from out_dir/repair.jsonl "
                                                      "(other --standard_examples or --repair_copies)"})
    seed: int = field(default=0)


def candidates(source: str, per_script: int, rng: random.Random) -> list:
    """Up to `per_script` mutations of `source`, at most one per operator, in a seeded order."""
    from .mutations import mutations
    from .runtime_mutations import runtime_mutations

    found = list(runtime_mutations(source)) + [m for m in mutations(source) if m.category == "runtime"]
    rng.shuffle(found)
    chosen, seen = [], set()
    for mutation in found:
        if mutation.operator in seen or mutation.source == source:
            continue
        seen.add(mutation.operator)
        chosen.append(mutation)
        if len(chosen) >= per_script:
            break
    return chosen


def held_out(name: str, share: float) -> bool:
    return int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def scripts(args: RepairDataArguments, rng: random.Random, install, index) -> list:
    from ..server.generate.compose import compose
    from ..server.generate.spec import read_spec
    from .data import Script, collect_scripts
    from .generation_data import describe

    names = set(index.vocab.get("colorNames", []))
    out = []
    for i in range(args.descriptions):
        description, _ = describe(rng)
        out.append(Script(f"composed/{args.seed}-{i}", compose(read_spec(description, names)).source))
    demos = collect_scripts(install, builder=False)
    rng.shuffle(demos)
    return out + demos[:args.demos]


def main(argv: list[str] | None = None) -> None:
    from tqdm import tqdm

    from ..kb.index import index_from_source
    from ..kb.locate import find_psychopy
    from ..server.sandbox.runner import run_script
    from .data import fix_example

    args = parse_args(RepairDataArguments, argv)
    rng = random.Random(args.seed)
    if args.remix:
        pairs = [json.loads(line) for line in (Path(args.out_dir) / "repair.jsonl").open()]
        print(json.dumps(mix(pairs, Path(args.standard_dir), Path(args.out_dir) / "mixed", args, rng)))
        return
    install = find_psychopy()
    index = index_from_source(install)
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def run(name: str, source: str):
        return run_script(Path(name.replace("/", "_")), install.python, timeout_s=args.run_timeout_s,
                          headless="always", source=source)

    pool = ThreadPoolExecutor(args.workers)
    sources = scripts(args, rng, install, index)
    sources = [s for s in sources if _compiles(s.source)]
    originals = list(tqdm(pool.map(lambda s: run(s.name, s.source), sources), total=len(sources),
                          desc="originals"))
    clean = [s for s, r in zip(sources, originals) if r.status in RAN]
    jobs = [(s, m) for s in clean for m in candidates(s.source, args.per_script, rng)]
    results = tqdm(pool.map(lambda job: run(job[0].name, job[1].source), jobs), total=len(jobs), desc="mutations")
    pairs, kept, tried = [], Counter(), Counter()
    for (script, mutation), result in zip(jobs, results):
        tried[mutation.operator] += 1
        if result.status != "error" or result.line != mutation.line + 1:
            continue  # it did not raise where it was planted: not a labelled example
        message = f"{result.error_type}: {result.message}"
        row = fix_example(script, script.source, mutation, message, index)
        row["error_type"] = result.error_type
        row["split"] = "heldout" if held_out(script.name, args.heldout_share) else "train"
        pairs.append(row)
        kept[mutation.operator] += 1
    with open(out_dir / "repair.jsonl", "w") as handle:
        for row in pairs:
            handle.write(json.dumps(row) + "\n")
    mixed = mix(pairs, Path(args.standard_dir), out_dir / "mixed", args, rng)
    summary = {"scripts": len(sources), "clean": len(clean), "runs": len(jobs), "pairs": len(pairs),
               "train_pairs": sum(r["split"] == "train" for r in pairs),
               "heldout_pairs": sum(r["split"] == "heldout" for r in pairs),
               "kept_per_operator": {op: f"{kept[op]}/{tried[op]}" for op in sorted(tried)},
               "error_types": dict(Counter(r["error_type"] for r in pairs).most_common()),
               "mixed": mixed, "seconds": round(time.monotonic() - started, 1), "seed": args.seed}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary, indent=1))


def _compiles(source: str) -> bool:
    try:
        compile(source, "<script>", "exec")
        return True
    except (SyntaxError, ValueError):
        return False


def mix(pairs: list[dict], standard: Path, out: Path, args: RepairDataArguments, rng: random.Random) -> dict:
    """train.jsonl / heldout.jsonl for sft.py: repair pairs plus a sample of the standard examples."""
    def read(name):
        path = standard / name
        return [json.loads(line) for line in path.open()] if path.exists() else []

    train_standard = read("train.jsonl")
    rng.shuffle(train_standard)
    train = train_standard[:args.standard_examples] + \
        [r for r in pairs if r["split"] == "train"] * args.repair_copies
    rng.shuffle(train)
    heldout = [r for r in pairs if r["split"] == "heldout"] + read("heldout.jsonl")
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train.jsonl", train), ("heldout.jsonl", heldout)):
        with open(out / name, "w") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
    return {"train": len(train), "heldout": len(heldout), "kinds": dict(Counter(r["kind"] for r in train))}


if __name__ == "__main__":
    main()

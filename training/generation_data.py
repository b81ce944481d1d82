"""Description -> script pairs and runtime-repair pairs, made from composable parts and run for real.

A description is drawn part by part (the stimulus kind and its colours, where it appears, how long each screen
lasts in seconds or frames, a fixation, the response scheme and the condition each key answers, go/no-go, the
number of trials, an inter-trial interval, feedback, practice), each part in one of several phrasings the way
students write them (short, values inline, lower case, "ms"/"sec"/"frames"). No paradigm is named: the system is
judged on paradigms its data never named. The script is the composer's (server/generate), and a pair enters the
data only when the sandbox ran it headless with the emulated participant and every value the *generator* stated
(not what the reader read) is used.

Repair pairs: runtime mistakes planted in those verified scripts (training/mutations.py, category runtime), run in
the sandbox; the real exception at the planted line becomes the prompt's message, the original region the answer.

    python -m psychopy_lsp.training.generation_data --n 40 --out_dir training/out/generation
    python -m psychopy_lsp.training.generation_data --n 400 --seed 3   # (a long run: ~12 s per pair on 2 cores)

The held-out generation sets (benchmarks/heldout/generation/) are never read here.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from .args import parse_args

KINDS = {"circle": ["circle", "dot", "disc"], "square": ["square", "box"], "triangle": ["triangle"],
         "star": ["star"], "text": ["letter", "word", "digit"], "grating": ["grating", "gabor patch"],
         "rect": ["bar", "rectangle"]}
COLOURS = ["red", "green", "blue", "yellow", "white", "black", "orange", "purple", "cyan", "magenta", "pink",
           "brown", "lime", "navy"]
KEYS = ["f", "j", "z", "m", "a", "l", "s", "k", "d", "left", "right", "1", "2", "q", "p", "e", "i"]
KEY_WORDS = {"left": ["the left arrow", "left arrow"], "right": ["the right arrow", "right arrow"],
             "space": ["space", "the spacebar", "the space bar"]}


@dataclass
class GenerationDataArguments:
    out_dir: str = field(default="training/out/generation", metadata={"help": "where the JSONL files go"})
    n: int = field(default=40, metadata={"help": "descriptions to try"})
    repairs_per_script: int = field(default=1, metadata={"help": "runtime mistakes planted per verified script"})
    run_timeout_s: float = field(default=20.0, metadata={"help": "sandbox budget per run"})
    seed: int = field(default=0)


def _ms(rng: random.Random, seconds: float) -> str:
    ms = int(round(seconds * 1000))
    return rng.choice([f"{ms} ms", f"{ms}ms", f"{seconds:g} s", f"{seconds:g} sec", f"{seconds:g} seconds"]) \
        if ms % 100 == 0 else rng.choice([f"{ms} ms", f"{ms}ms"])


def _key(rng: random.Random, key: str) -> str:
    if key in KEY_WORDS:
        return rng.choice(KEY_WORDS[key])
    return rng.choice([f"'{key}'", key, f'"{key}"'])


def describe(rng: random.Random) -> tuple[str, dict]:
    """A description and the values it states (colours, durations, frames, keys, trials, kinds)."""
    kind = rng.choice(list(KINDS))
    noun = rng.choice(KINDS[kind])
    stated = {"colours": [], "durations": [], "frames": [], "keys": [], "trials": None, "kinds": [kind]}
    parts = []
    scheme = rng.choice(["colour", "side", "single", "nogo_colour"] + (["parity"] if noun == "digit" else []))
    colours = rng.sample(COLOURS, 2)
    keys = rng.sample([k for k in KEYS if k not in ("left", "right")] if scheme != "side" else KEYS, 2)
    if scheme == "side":
        keys = rng.choice([["left", "right"], keys])
    if rng.random() < 0.5:
        fixation_s = rng.choice([0.5, 0.8, 1.0, 0.3])
        parts.append(rng.choice([f"a fixation cross for {_ms(rng, fixation_s)}, then",
                                 f"after a {_ms(rng, fixation_s)} fixation cross",
                                 f"first a fixation cross ({_ms(rng, fixation_s)}), then"]))
        stated["durations"].append(fixation_s)
        stated["kinds"].append("cross")
    use_frames = rng.random() < 0.2
    shown_s = rng.choice([0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0, 1.5])
    frames = rng.choice([3, 6, 12, 18, 30])
    duration = f"for {frames} frames" if use_frames else f"for {_ms(rng, shown_s)}"
    if use_frames:
        stated["frames"].append(frames)
    else:
        stated["durations"].append(shown_s)
    if scheme in ("colour", "nogo_colour"):
        thing = f"a {colours[0]} or {colours[1]} {noun}"
        stated["colours"] += colours
    elif scheme == "parity":
        thing = f"a {noun} from 1 to 9" + (f" in {colours[0]}" if rng.random() < 0.5 else "")
        stated["colours"] += [colours[0]] if " in " in thing else []
    else:
        thing = f"a {colours[0]} {noun}"
        stated["colours"].append(colours[0])
    where = " on the left or right" if scheme == "side" else rng.choice(["", " in the centre", " in the middle"])
    parts.append(f"{thing} appears{where} {duration}.")
    if scheme == "colour":
        parts.append(rng.choice([f"Press {_key(rng, keys[0])} for {colours[0]} and {_key(rng, keys[1])} for "
                                 f"{colours[1]}.",
                                 f"press {_key(rng, keys[0])} if it is {colours[0]}, {_key(rng, keys[1])} if it is "
                                 f"{colours[1]}."]))
        stated["keys"] += keys
    elif scheme == "side":
        parts.append(rng.choice([f"Press {_key(rng, keys[0])} if it is on the left and {_key(rng, keys[1])} if it "
                                 "is on the right.",
                                 f"respond with {_key(rng, keys[0])} for left and {_key(rng, keys[1])} for right."]))
        stated["keys"] += keys
    elif scheme == "parity":
        parts.append(f"Press {_key(rng, keys[0])} for odd and {_key(rng, keys[1])} for even.")
        stated["keys"] += keys
    elif scheme == "nogo_colour":
        parts.append(rng.choice([f"Press {_key(rng, 'space')} for {colours[0]} only.",
                                 f"press {_key(rng, 'space')} when it is {colours[0]}, do nothing when it is "
                                 f"{colours[1]}."]))
        stated["keys"].append("space")
    else:
        parts.append(f"Press {_key(rng, keys[0])} as fast as possible.")
        stated["keys"].append(keys[0])
    if rng.random() < 0.5:
        iti = rng.choice([0.5, 1.0, 1.5, 2.0])
        parts.append(rng.choice([f"{_ms(rng, iti)} between trials.", f"ITI of {_ms(rng, iti)}.",
                                 f"inter-trial interval {_ms(rng, iti)}."]))
        stated["durations"].append(iti)
    if rng.random() < 0.3:
        feedback_s = rng.choice([0.3, 0.5, 1.0])
        parts.append(f"Feedback for {_ms(rng, feedback_s)}.")
        stated["durations"].append(feedback_s)
    trials = rng.choice([10, 20, 24, 30, 40, 48, 60, 80, 100])
    parts.append(rng.choice([f"{trials} trials.", f"{trials} trials, save RT and accuracy.",
                             f"Run {trials} trials and record the RTs."]))
    stated["trials"] = trials
    text = " ".join(parts)
    text = text[0].upper() + text[1:] if rng.random() < 0.6 else text.lower()
    return text, stated


def main(argv: list[str] | None = None) -> None:
    from tqdm import tqdm

    from ..kb.index import index_from_source
    from ..kb.locate import find_psychopy
    from ..server.generate.compose import compose
    from ..server.generate.pipeline import SCRIPT_END, model_script_prompt
    from ..server.generate.retrieval import api_lines
    from ..server.generate.spec import read_spec
    from ..server.generate.verify import verify
    from ..server.sandbox.runner import run_script
    from .data import Script, example, fix_example
    from .mutations import mutations

    args = parse_args(GenerationDataArguments, argv)
    rng = random.Random(args.seed)
    install = find_psychopy()
    index = index_from_source(install)
    names = set(index.vocab.get("colorNames", []))
    lines = api_lines(index)
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs, repairs, rejected = [], [], []
    started = time.monotonic()
    header = "from psychopy import core, data, visual\nfrom psychopy.hardware import keyboard\n"
    for i in tqdm(range(args.n), desc="descriptions"):
        description, stated = describe(rng)
        source = compose(read_spec(description, names)).source
        verdict = verify(source, stated, index, install.python, timeout_s=args.run_timeout_s)
        if not verdict.passed:
            rejected.append({"description": description, "problems": verdict.problems()})
            continue
        body = source[source.index(header) + len(header):] if header in source else source
        prompt = model_script_prompt(description, "", lines)
        pairs.append(example(prompt, "import random\n" + body + SCRIPT_END + "\n", "generate", f"generated/{i}",
                             stated=stated))
        planted = [m for m in mutations(source) if m.category == "runtime"]
        rng.shuffle(planted)
        for mutation in planted[:args.repairs_per_script]:
            run = run_script(Path(f"generated_{i}.py"), install.python, timeout_s=args.run_timeout_s,
                             headless="always", source=mutation.source)
            if run.status != "error" or run.line != mutation.line + 1:
                continue  # the mistake did not raise where it was planted: not a labelled example
            message = f"{run.error_type}: {run.message}"
            repairs.append(fix_example(Script(f"generated/{i}", source), source, mutation, message, index))
    for name, rows in (("generate.jsonl", pairs), ("repair.jsonl", repairs), ("rejected.jsonl", rejected)):
        with open(out_dir / name, "w") as handle:
            for row in rows:
                handle.write(json.dumps(row) + "\n")
    summary = {"descriptions": args.n, "verified_pairs": len(pairs), "repair_pairs": len(repairs),
               "rejected": len(rejected), "seconds": round(time.monotonic() - started, 1), "seed": args.seed}
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=1))
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

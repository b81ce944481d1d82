"""Build the instruction dataset: JSONL of chat `messages` (user = the exact prompt the server sends, assistant = the
answer), plus a dataset card with counts per source and kind.

Sources: PsychoPy's coder demos, its Builder demos compiled to Python (psyexpCompile), our sample experiments, and
the knowledge base's API records. Kinds:
- `completion`: document prefix (with the API signatures in scope, as server/inline.py builds it) -> the next
  lines or the rest of the line;
- `fix`: a mistake planted by training/mutations.py -> the original region (the prompt is server/prompts.py's
  fix_prompt with the checker's real message for static and syntax mistakes, Python's NameError message for
  misspelled variables, the symptom for logic mistakes; the eval harness re-runs its held-out cases for real);
- `qa`: a question about a record, with retrieved docs (the right one among distractors) -> the answer citing it.

Split: by source file (a demo script, or the source file of an API record), so no script lands in both train and
held-out. Deduplicated on (prompt, answer).

    .venv/bin/python -m psychopy_lsp.training.data                       # full build -> training/out/data
    .venv/bin/python -m psychopy_lsp.training.data --limit_scripts 5 --qa_records 50 --out_dir /tmp/d
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ..server.analysis import Analysis
from ..server.model.backends import approx_tokens
from ..server.checks import check
from ..server.model.inline import build_prompt, prefix_prompt
from ..server.model.context import api_context, region_api_lines
from ..server.model.fix import region_for
from ..server.model.prompts import ANSWER_END, FIX_END, answer_prompt, fix_prompt
from .args import parse_args
from .mutations import Mutation, mutations

PROMPT_BUDGET = (128, 448)  # document context in completion prompts, approximate tokens (~0.8 real ones): varied


@dataclass
class DataArguments:
    out_dir: str = field(default="training/out/data", metadata={"help": "where train/heldout JSONL and the card go"})
    heldout_share: float = field(default=0.12, metadata={"help": "share of source files held out"})
    completions_per_script: int = field(default=9, metadata={"help": "completion examples per script"})
    fixes_per_script: int = field(default=2, metadata={"help": "mutation examples per script"})
    qa_records: int = field(default=200, metadata={"help": "API records turned into questions"})
    builder: bool = field(default=True, metadata={"help": "compile and include the Builder demos"})
    limit_scripts: int = field(default=0, metadata={"help": "use only the first N scripts (tests)"})
    completion_format: str = field(default="fim", metadata={"help": "completion prompts: fim (the server's "
                                   "fill-in-the-middle) or prefix (the document up to the cursor, the format of "
                                   "the shipped adapter); export.py --prompt_format must say the same"})
    seed: int = field(default=0)


@dataclass
class Script:
    name: str  # group id for the split: origin/relative path
    source: str


def example(prompt: str, answer: str, kind: str, group: str, **extra) -> dict:
    return {"messages": [{"role": "user", "content": prompt}, {"role": "assistant", "content": answer}],
            "kind": kind, "group": group, **extra}


# ---- sources ------------------------------------------------------------------------------------------------
# psyexpCompile for many files in one interpreter: importing psychopy once instead of once per demo
_COMPILE = """
import sys
from psychopy.scripts.psyexpCompile import compileScript
for infile, outfile in zip(sys.argv[1::2], sys.argv[2::2]):
    try:
        compileScript(infile=infile, outfile=outfile)
    except Exception as exc:
        print(f"could not compile {infile}: {exc}", file=sys.stderr)
"""


def builder_scripts(install, cache: Path) -> list[Script]:
    """Builder demos compiled with psyexpCompile, cached per psychopy version (compiling imports psychopy, so
    the missing ones are compiled in one interpreter)."""
    cache.mkdir(parents=True, exist_ok=True)
    demos = sorted((install.path / "demos" / "builder").rglob("*.psyexp"))
    targets = {exp: cache / (hashlib.sha1(str(exp.relative_to(install.path)).encode()).hexdigest()[:12] + ".py")
               for exp in demos}
    missing = [str(p) for exp, target in targets.items() if not target.exists() for p in (exp, target)]
    if missing:
        print(f"compiling {len(missing) // 2} Builder demos (once per psychopy version)", file=sys.stderr)
        subprocess.run([install.python, "-c", _COMPILE, *missing], capture_output=True, text=True,
                       timeout=60 + 20 * len(missing), cwd=cache)
    return [Script(f"builder/{exp.relative_to(install.path)}", target.read_text(encoding="utf-8-sig",
                                                                               errors="replace"))
            for exp, target in targets.items() if target.exists()]


def collect_scripts(install, builder: bool) -> list[Script]:
    from ..server.model.files import cache_dir

    scripts = []
    for path in sorted((install.path / "demos" / "coder").rglob("*.py")):
        if path.name == "__init__.py" or "_assets" in path.parts:
            continue
        scripts.append(Script(f"coder/{path.relative_to(install.path)}",
                              path.read_text(encoding="utf-8", errors="replace")))
    samples = Path(__file__).resolve().parent.parent / "server" / "samples"
    for path in sorted(samples.glob("*.py")):
        scripts.append(Script(f"sample/{path.name}", path.read_text()))
    if builder:
        scripts += builder_scripts(install, cache_dir() / "builder-py" / install.version)
    return scripts


# ---- examples -------------------------------------------------------------------------------------------------
CUT_KINDS = ("line_start", "block_line", "mid_word", "after_dot", "in_call", "after_eq")
_CLOSER = {"(": ")", "[": "]", "{": "}"}


def open_brackets(code: str) -> str:
    """The closers an editor would have auto-inserted for the brackets still open at the end of `code`
    (innermost first), skipping brackets inside strings; "" when none or when a string is open."""
    stack, quote, i = [], "", 0
    while i < len(code):
        ch = code[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            break
        elif ch in _CLOSER:
            stack.append(_CLOSER[ch])
        elif ch in ")]}" and stack:
            stack.pop()
        i += 1
    return "" if quote else "".join(reversed(stack))


def cut_points(lines: list[str], rng: random.Random) -> list[tuple[int, int, str]]:
    """(line, column, kind) where editors ask for a completion: at the start of a statement (top level, or an
    empty line inside a block with the indentation typed), part-way into its first word, after a `.`, after `(`
    or `, ` inside a call, after `=`. Only code lines (no comments, strings or docstrings at the cut)."""
    from ..server.features.tokens import inside_string_or_comment

    spots = []
    in_doc = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.count('"""') % 2 or stripped.count("'''") % 2:
            in_doc = not in_doc
            continue
        code = line.split("#", 1)[0].rstrip()
        if in_doc or len(code.strip()) < 4 or stripped.startswith(("#", '"', "'", "@")):
            continue
        indent = len(line) - len(line.lstrip())
        spots.append((i, indent, "block_line" if indent else "line_start"))
        word = re.match(r"[A-Za-z_]\w*", code[indent:])
        if word and len(word.group(0)) > 3:
            spots.append((i, indent + rng.randint(1, min(3, len(word.group(0)) - 1)), "mid_word"))
        for kind, pattern in (("after_dot", r"(?<=[A-Za-z_\])])\.(?=[A-Za-z_])"), ("in_call", r"\((?=[^)])|, "),
                              ("after_eq", r"(?<![=!<>])= ?(?!=)")):
            cols = [m.end() for m in re.finditer(pattern, code) if m.end() > indent]
            cols = [c for c in cols if c < len(code) and not inside_string_or_comment(code[:c])]
            if cols:
                spots.append((i, rng.choice(cols), kind))
    return spots


def completion_case(lines: list[str], i: int, col: int, autoclose: bool) -> tuple[str, str, str]:
    """(text before the cursor, text after it, the rest of the line the author wrote) for a cut at (i, col).
    With `autoclose` the closing brackets an editor inserts are right of the cursor, not in the target."""
    line = lines[i]
    target = line[col:].rstrip()
    line_suffix = ""
    if autoclose:
        closers = open_brackets(line[:col])
        if closers and target.endswith(closers) and len(target) > len(closers):
            target, line_suffix = target[: -len(closers)], closers
    before = "\n".join(lines[:i] + [line[:col]])
    after = line_suffix + "\n" + "\n".join(lines[i + 1:])
    return before, after, target


def completion_examples(script: Script, index, n: int, rng: random.Random, fmt: str = "fim") -> list[dict]:
    analysis = Analysis(script.source, index)
    api_lines = api_context(analysis)
    lines = script.source.split("\n")
    spots = cut_points(lines, rng)
    out = []
    for i, col, kind in rng.sample(spots, min(n, len(spots))):
        # a prefix prompt shows nothing right of the cursor, so no auto-inserted closers are taken off the target
        before, after, target = completion_case(lines, i, col, autoclose=fmt == "fim" and rng.random() < 0.5)
        if not target.strip():
            continue
        # varied windows (short ones train the cut-off window start of long scripts), in approximate tokens:
        # training examples stay under 512 real tokens
        budget = rng.randint(*PROMPT_BUDGET)
        prompt = (prefix_prompt(before, api_lines, budget, approx_tokens) if fmt == "prefix" else
                  build_prompt(before, after, api_lines, approx_tokens, prefix_budget=budget))
        out.append(example(prompt.text, target, "completion", script.name, cut=kind))
    return out


def checker_message(source: str, line: int, code: str, index) -> str | None:
    """The server's own diagnostic message for `code` on 0-based `line`, or None if it does not fire there."""
    for finding in check(Analysis(source, index)):
        if finding.code == code and finding.span[0] - 1 <= line <= finding.span[2] - 1:
            return finding.message
    return None


def fix_example(script: Script, original: str, mutation: Mutation, message: str, index) -> dict:
    region = region_for(mutation.source, mutation.line)
    broken = mutation.source.split("\n")
    fixed = original.split("\n")
    analysis = Analysis(mutation.source, index)  # what the server sees: the broken buffer
    prompt = fix_prompt(region.text(broken), message, region_api_lines(analysis, region.start, region.end),
                        "\n".join(broken[max(0, region.start - 6):region.start]))
    answer = "\n".join(fixed[region.start:region.end]) + "\n" + FIX_END
    return example(prompt, answer, "fix", script.name, category=mutation.category, operator=mutation.operator,
                   message=message, line=mutation.line)


def message_for(mutation: Mutation, index) -> str | None:
    if mutation.category in ("static", "syntax"):
        return checker_message(mutation.source, mutation.line, mutation.expect, index)
    if mutation.category == "runtime":
        name = _misspelled_name(mutation)
        return f"NameError: name '{name}' is not defined" if name else None
    return mutation.message


def _misspelled_name(mutation: Mutation) -> str | None:
    import re

    line = mutation.source.split("\n")[mutation.line]
    defined = set(re.findall(r"^\s*([a-z]\w{2,})\s*=[^=]", mutation.source, re.M))
    for word in re.findall(r"\b[a-z]\w{2,}\b", line):
        if word not in defined and word[:-1] in defined and word[-1] == word[-2]:
            return word
    return None


def fix_examples(script: Script, index, n: int, rng: random.Random) -> list[dict]:
    try:
        compile(script.source, script.name, "exec")
    except SyntaxError:
        return []  # only correct scripts are mutated
    found = list(mutations(script.source))
    rng.shuffle(found)
    out, per_operator = [], Counter()
    for mutation in found:
        if len(out) >= n:
            break
        if per_operator[mutation.operator] >= 2:
            continue  # variety: at most two of one operator per script
        message = message_for(mutation, index)
        if not message:
            continue  # the checker does not see this one as planted: not a labelled example
        out.append(fix_example(script, script.source, mutation, message, index))
        per_operator[mutation.operator] += 1
    return out


QUESTIONS = [
    ("What does {name} do in PsychoPy?", "summary"),
    ("What are the parameters of {name}?", "signature"),
    ("What does the `{param}` parameter of {name} control?", "param"),
]


def record_answer(record, what: str, param=None) -> str | None:
    if what == "summary" and record.summary:
        return f"{record.display_name}{record.signature}: {record.summary} [1]"
    if what == "signature" and record.signature and record.params:
        names = ", ".join(p.name for p in record.params[:12])
        return f"{record.display_name}{record.signature}. Its parameters: {names}. [1]"
    if what == "param" and param is not None and param.doc:
        return f"`{param.name}`: {param.doc.split(chr(10))[0].strip()} [1]"
    return None


def qa_examples(index, n: int, rng: random.Random) -> list[dict]:
    from ..server.model.answers import record_text

    records = [r for r in index.records.values()
               if r.source == "api" and r.kind in ("class", "function", "method") and r.summary
               and not r.name.startswith("_") and ".tests." not in r.symbol]
    rng.shuffle(records)
    out = []
    for record in records[:n]:
        template, what = rng.choice(QUESTIONS)
        param = None
        if what == "param":
            documented = [p for p in record.params if p.doc]
            if not documented:
                template, what = QUESTIONS[0]
            else:
                param = rng.choice(documented)
        answer = record_answer(record, what, param)
        if answer is None:
            continue
        question = template.format(name=record.display_name, param=param.name if param else "")
        distractors = rng.sample(records, 1)
        docs = [record] + [d for d in distractors if d.symbol != record.symbol]
        order = list(range(len(docs)))
        rng.shuffle(order)  # the right record is not always [1]
        shown = [docs[k] for k in order]
        right = shown.index(record) + 1
        prompt = answer_prompt(question, [(d.display_name, record_text(d)) for d in shown])
        out.append(example(prompt, answer.replace("[1]", f"[{right}]") + " " + ANSWER_END, "qa",
                           f"api/{record.path}", symbol=record.symbol))
    return out


# ---- assembly -------------------------------------------------------------------------------------------------
def heldout_group(group: str, share: float) -> bool:
    digest = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16)
    return digest / 0xFFFFFFFF < share


def dedupe(examples: list[dict]) -> list[dict]:
    seen, out = set(), []
    for ex in examples:
        key = hashlib.sha1(json.dumps(ex["messages"], sort_keys=True).encode()).hexdigest()
        if key not in seen:
            seen.add(key)
            out.append(ex)
    return out


def split(examples: list[dict], share: float) -> tuple[list[dict], list[dict]]:
    train = [ex for ex in examples if not heldout_group(ex["group"], share)]
    held = [ex for ex in examples if heldout_group(ex["group"], share)]
    return train, held


def card(train: list[dict], held: list[dict], args: DataArguments, psychopy_version: str) -> str:
    def counts(rows: list[dict], key) -> Counter:
        return Counter(key(r) for r in rows)

    origin = lambda r: r["group"].split("/", 1)[0]  # noqa: E731
    lines = [f"# Dataset card: psychopy-lsp instruction data (psychopy {psychopy_version})", "",
             f"{len(train)} train and {len(held)} held-out examples, split by source file "
             f"({len({r['group'] for r in train})} / {len({r['group'] for r in held})} files; none in both).", "",
             "| source | kind | train | held-out |", "| --- | --- | --- | --- |"]
    keys = sorted(set(counts(train, lambda r: (origin(r), r["kind"]))) | set(counts(held, lambda r: (origin(r), r["kind"]))))
    ct, ch = counts(train, lambda r: (origin(r), r["kind"])), counts(held, lambda r: (origin(r), r["kind"]))
    for key in keys:
        lines.append(f"| {key[0]} | {key[1]} | {ct[key]} | {ch[key]} |")
    lines += ["", "Completion cut points (where the cursor is; the answer is the rest of that line):", "",
              "| cut | train | held-out |", "| --- | --- | --- |"]
    cut_t = counts([r for r in train if r["kind"] == "completion"], lambda r: r.get("cut", ""))
    cut_h = counts([r for r in held if r["kind"] == "completion"], lambda r: r.get("cut", ""))
    for key in sorted(set(cut_t) | set(cut_h)):
        lines.append(f"| {key} | {cut_t[key]} | {cut_h[key]} |")
    lines += ["", "Mistakes planted (fix examples), by category and operator:", "",
              "| category | operator | train | held-out |", "| --- | --- | --- | --- |"]
    ft = counts([r for r in train if r["kind"] == "fix"], lambda r: (r["category"], r["operator"]))
    fh = counts([r for r in held if r["kind"] == "fix"], lambda r: (r["category"], r["operator"]))
    for key in sorted(set(ft) | set(fh)):
        lines.append(f"| {key[0]} | {key[1]} | {ft[key]} | {fh[key]} |")
    lines += ["", "Format: one JSON object per line, `messages` = [user: the prompt exactly as the server sends it, "
              "assistant: the answer]; `kind`, `group` (the source file), and for fixes `category`, `operator`, "
              "`message`. Built by `python -m psychopy_lsp.training.data` "
              f"(seed {args.seed}, held-out share {args.heldout_share})."]
    return "\n".join(lines) + "\n"


def build(args: DataArguments) -> tuple[list[dict], list[dict], str]:
    from ..kb.index import index_from_source
    from ..kb.locate import find_psychopy

    if args.completion_format not in ("fim", "prefix"):
        raise SystemExit(f"--completion_format must be fim or prefix, not {args.completion_format!r}")
    rng = random.Random(args.seed)
    install = find_psychopy()
    index = index_from_source(install)
    scripts = collect_scripts(install, args.builder)
    if args.limit_scripts:
        scripts = scripts[: args.limit_scripts]
    examples: list[dict] = []
    for script in tqdm(scripts, desc="scripts", file=sys.stderr):
        examples += completion_examples(script, index, args.completions_per_script, rng, args.completion_format)
        examples += fix_examples(script, index, args.fixes_per_script, rng)
    examples += qa_examples(index, args.qa_records, rng)
    train, held = split(dedupe(examples), args.heldout_share)
    return train, held, card(train, held, args, install.version)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(DataArguments, argv)
    train, held, card_text = build(args)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train.jsonl", train), ("heldout.jsonl", held)):
        with open(out / name, "w") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")
    (out / "card.md").write_text(card_text)
    print(card_text)
    print(f"wrote {out}/train.jsonl ({len(train)}), heldout.jsonl ({len(held)}), card.md")


if __name__ == "__main__":
    main()

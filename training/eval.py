"""Evaluate the model on three jobs with automatic judges, side by side, and write a Markdown report with PNG charts.

Systems: `base` (the embedded GGUF alone), `finetuned` (+ our adapter), `finetuned+rag` (+ the real API signatures
or retrieved docs in the prompt, as the server sends them), and the non-model baselines: `fixer` (the checker's
deterministic quick fixes) for debugging, `retrieval` (the top retrieved record as the answer) for knowledge.

1. generation: prompts in the case study's style with stated colours, positions and timings; the model writes the
   script from its docstring. Passes when it parses, the checker reports no error, it runs headless for its budget
   without an exception (simulated keys), and every stated colour, position and duration appears where it should.
2. debugging: 30 held-out buggy scripts (15 logic/runtime, 15 syntax) planted by training/mutations.py in source
   files the training split never saw. The fix goes through the server's own path (model_fix: region, prompt,
   verification). Fixed: syntax and logic -> the region is the original code again (same AST); runtime -> a real
   headless re-run ends without an exception.
3. knowledge: questions about held-out API records: retrieval hit@1/3/5 of the right record, and whether the answer
   states the key facts (parameter names, the summary's content words).

    .venv/bin/python -m psychopy_lsp.training.eval                      # all jobs -> training/report/
    .venv/bin/python -m psychopy_lsp.training.eval --jobs knowledge --systems finetuned+rag,retrieval
"""

from __future__ import annotations

import ast
import json
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .args import parse_args

MODEL_SYSTEMS = ("base", "finetuned", "finetuned+rag")


@dataclass
class EvalArguments:
    out_dir: str = field(default="training/report", metadata={"help": "REPORT.md, results.json, charts"})
    jobs: str = field(default="generation,debugging,knowledge")
    systems: str = field(default="base,finetuned,finetuned+rag,fixer,retrieval")
    adapter: str = field(default="", metadata={"help": "GGUF LoRA adapter (default: the shipped one)"})
    debug_cases: int = field(default=30, metadata={"help": "half logic/runtime, half syntax"})
    knowledge_cases: int = field(default=30)
    run_budget: float = field(default=5.0, metadata={"help": "seconds per headless run"})
    gen_tokens: int = field(default=320)
    heldout_share: float = field(default=0.12, metadata={"help": "must match the data build's"})
    threads: int = field(default=0)
    seed: int = field(default=0)
    gen_tasks: int = field(default=0, metadata={"help": "only the first N generation tasks (0: all)"})
    kb_dir: str = field(default="", metadata={"help": "knowledge base root (default: the user cache)"})


# ---- 1. generation ----------------------------------------------------------------------------------------------
@dataclass
class GenTask:
    name: str
    description: str
    colors: list[str]
    positions: list[tuple[float, float]]
    durations: list[float]


GEN_TASKS = [
    GenTask("visual search", "Visual search: the target is a red T among green L distractors. The target appears at "
            "(0.3, -0.2). Each display stays up for 2 seconds; press space when you find the target.",
            ["red", "green"], [(0.3, -0.2)], [2.0]),
    GenTask("stroop", "Stroop task: the word RED is drawn in blue at the centre (0, 0) for 1.5 seconds, then a "
            "fixation cross for 0.5 seconds. Respond with the left or right arrow key.",
            ["blue"], [(0, 0)], [1.5, 0.5]),
    GenTask("reaction time", "Simple reaction time: a white circle appears at (0, 0) after a 1 second fixation; "
            "record the reaction time to the space key. Show feedback text in yellow at (0, -0.3).",
            ["white", "yellow"], [(0, 0), (0, -0.3)], [1.0]),
    GenTask("posner cueing", "Posner cueing: a green cue square at (-0.4, 0) for 0.2 seconds, then a red target "
            "circle at (-0.4, 0); respond with the left or right key.",
            ["green", "red"], [(-0.4, 0)], [0.2]),
    GenTask("flanker", "Flanker task: a row of five arrows in white at (0, 0.1), shown for 0.8 seconds, "
            "then a blank screen for 1 second.", ["white"], [(0, 0.1)], [0.8, 1.0]),
    GenTask("go/no-go", "Go/no-go: a green circle means press space, a red circle means do nothing; each circle is "
            "drawn at (0, 0) for 0.5 seconds.", ["green", "red"], [(0, 0)], [0.5]),
]


def gen_prompt(task: GenTask) -> str:
    """What the user typed: the task as the module docstring, and the import line."""
    return f'"""{task.description}\n"""\nfrom psychopy import visual, core, event\n'


def _number(node) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _number(node.operand)
        return -value if value is not None else None
    return None


def spec_checks(source: str, task: GenTask) -> dict[str, bool]:
    """Static checks: colours as colour keyword values, positions as `pos` values, durations as numbers in
    core.wait(...) or compared with a time."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {"colors": False, "positions": False, "durations": False}
    colors, positions, numbers = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg:
            if "color" in node.arg.lower() and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                colors.add(node.value.value.lower())
            if node.arg == "pos" and isinstance(node.value, (ast.Tuple, ast.List)) and len(node.value.elts) == 2:
                pair = tuple(_number(e) for e in node.value.elts)
                if None not in pair:
                    positions.add(pair)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "wait" and node.args:
            value = _number(node.args[0])
            if value is not None:
                numbers.add(value)
        if isinstance(node, ast.Compare):
            for part in [node.left, *node.comparators]:
                value = _number(part)
                if value is not None:
                    numbers.add(value)
    return {"colors": all(c in colors for c in task.colors),
            "positions": all(any(abs(p[0] - q[0]) < 1e-6 and abs(p[1] - q[1]) < 1e-6 for q in positions)
                             for p in task.positions),
            "durations": all(any(abs(d - n) < 1e-6 for n in numbers) for d in task.durations)}


def judge_generation(source: str, task: GenTask, index, python: str, budget: float) -> dict:
    from ..server.analysis import Analysis
    from ..server.checks import check
    from ..server.sandbox.runner import run_script

    result = {"parses": False, "no_checker_errors": False, "runs": False, **{k: False for k in
              ("colors", "positions", "durations")}}
    try:
        ast.parse(source)
    except SyntaxError:
        return {**result, "passed": False}
    result["parses"] = True
    result["no_checker_errors"] = not [f for f in check(Analysis(source, index)) if f.severity == "error"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.py"
        path.write_text(source)
        run = run_script(path, python, timeout_s=budget, headless="always")
    result["runs"] = run.status in ("ok", "exit", "timeout")
    result["run_status"] = f"{run.status} {run.error_type}".strip()
    result.update(spec_checks(source, task))
    result["passed"] = all(result[k] for k in ("parses", "no_checker_errors", "runs", "colors", "positions",
                                                "durations"))
    return result


def write_script(backend, task: GenTask, api_lines: list[str], index, max_tokens: int, rounds: int = 40,
                 stats: dict | None = None) -> str:
    """The model writes the script the way an editor user gets it: whole-line suggestions from the server's own
    completion engine (prompt, postprocess, filters), each accepted and followed by the next, until
    the model has nothing more to add or the token budget is spent."""
    from ..server.analysis import Analysis
    from ..server.model.completer import InlineEngine
    from ..server.model.context import check_codes_with

    stats = stats if stats is not None else {}
    stats.setdefault("filtered", 0)
    from ..server.model.files import prompt_format_for

    adapter = getattr(backend, "adapter_path", None)
    engine = InlineEngine(backend, max_tokens=64, prompt_format=prompt_format_for(adapter))
    source = gen_prompt(task)  # the docstring and the import line: what the user typed
    header = "".join(f"# {line}\n" for line in api_lines)
    spent = 0
    for _ in range(rounds):
        analysis = Analysis(source, index)
        suggestion = engine.suggest(header + source, "", [], check_codes_with(analysis), use_cache=False)
        stats["filtered"] += suggestion.filtered
        new_lines = [line for line in suggestion.text.split("\n") if line.strip()]
        if not new_lines or spent > max_tokens:
            break
        if all(line in source.split("\n") for line in new_lines):
            break  # the model repeats itself: an editor user would stop accepting
        source += suggestion.text.rstrip() + "\n"
        spent += backend.count_tokens(suggestion.raw)
    return source


def generation_job(systems, backends, index, install, args) -> list[dict]:
    rows = []
    for task in tqdm(GEN_TASKS[: args.gen_tasks or None], desc="generation", file=sys.stderr):
        for system in systems:
            backend = backends.get(system)
            if backend is None:
                continue
            api_lines = _task_api_lines(index) if system == "finetuned+rag" else []
            stats: dict = {}
            source = write_script(backend, task, api_lines, index, args.gen_tokens, stats=stats)
            verdict = judge_generation(source, task, index, install.python, args.run_budget)
            written = len([line for line in source.split("\n")[len(gen_prompt(task).split("\n")) - 1:]
                           if line.strip()])
            verdict["writes_code"] = written >= 3  # an empty script also "runs": it must do something
            verdict["passed"] = verdict["passed"] and verdict["writes_code"]
            rows.append({"job": "generation", "system": system, "case": task.name, **verdict,
                         "lines_written": written, "suggestions_filtered": stats["filtered"],
                         "source": source[:2000]})
    return rows


def _task_api_lines(index) -> list[str]:
    lines = []
    for symbol in ("psychopy.visual.TextStim", "psychopy.visual.Circle", "psychopy.visual.Rect",
                   "psychopy.core.wait", "psychopy.event.waitKeys"):
        record = index.lookup(symbol)
        if record is not None:
            lines.append(f"{record.display_name}{record.signature}"[:160])
    return lines


# ---- 2. debugging -----------------------------------------------------------------------------------------------
@dataclass
class DebugCase:
    script: str  # group name
    original: str
    mutation: object  # training.mutations.Mutation
    message: str
    original_runs: bool = False


def debug_cases(index, install, args) -> list[DebugCase]:
    """Mistakes planted in held-out scripts only; runtime ones only in scripts that run cleanly headless."""
    from ..server.sandbox.runner import run_script
    from .data import collect_scripts, heldout_group, message_for
    from .mutations import mutations

    rng = random.Random(args.seed)
    scripts = [s for s in collect_scripts(install, builder=True) if heldout_group(s.name, args.heldout_share)]
    rng.shuffle(scripts)
    want = {"syntax": args.debug_cases // 2, "behaviour": args.debug_cases - args.debug_cases // 2}
    cases: list[DebugCase] = []
    runs_ok: dict[str, bool] = {}
    for script in scripts:
        try:
            compile(script.source, script.name, "exec")
        except SyntaxError:
            continue
        found = list(mutations(script.source))
        rng.shuffle(found)
        per_script = 0
        for mutation in found:
            bucket = "syntax" if mutation.category == "syntax" else (
                "behaviour" if mutation.category in ("runtime", "logic") else None)
            if bucket is None or want[bucket] <= 0 or per_script >= 2:
                continue
            if mutation.category == "runtime":
                if script.name not in runs_ok:
                    with tempfile.TemporaryDirectory() as tmp:
                        path = Path(tmp) / "original.py"
                        path.write_text(script.source)
                        run = run_script(path, install.python, timeout_s=args.run_budget, headless="always")
                    runs_ok[script.name] = run.status in ("ok", "exit", "timeout")
                if not runs_ok[script.name]:
                    continue
            message = message_for(mutation, index)
            if not message:
                continue
            cases.append(DebugCase(script.name, script.source, mutation, message, runs_ok.get(script.name, False)))
            want[bucket] -= 1
            per_script += 1
        if all(v <= 0 for v in want.values()):
            break
    return cases


def _same_code(a: str, b: str) -> bool:
    import textwrap

    try:
        return ast.dump(ast.parse(textwrap.dedent(a))) == ast.dump(ast.parse(textwrap.dedent(b)))
    except SyntaxError:
        return " ".join(a.split()) == " ".join(b.split())


def _calls(code: str) -> list[str]:
    """What a region does, roughly: the dotted names it calls (`msg.draw`, `core.wait`), in order."""
    return re.findall(r"\b([A-Za-z_][\w.]*)\s*\(", code)


def judge_fix(case: DebugCase, fixed_source: str | None, region, install, args) -> dict:
    from ..server.sandbox.runner import run_script

    if fixed_source is None:
        return {"fixed": False, "why": "no verified fix offered"}
    original_region = "\n".join(case.original.split("\n")[region.start:region.end])
    fixed_lines = fixed_source.split("\n")
    new_len = len(fixed_lines) - (len(case.original.split("\n")) - (region.end - region.start))
    fixed_region = "\n".join(fixed_lines[region.start:region.start + new_len])
    if case.mutation.category == "runtime":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "fixed.py"
            path.write_text(fixed_source)
            run = run_script(path, install.python, timeout_s=args.run_budget, headless="always")
        clean = run.status in ("ok", "exit", "timeout")
        same_job = _calls(fixed_region) == _calls(original_region)  # still draws/sets what it did, on the same names
        why = f"re-run: {run.status} {run.error_type}".strip() + ("" if same_job else "; the region's calls changed")
        return {"fixed": clean and same_job, "why": why}
    same = _same_code(original_region, fixed_region)
    return {"fixed": same, "why": "the original code again" if same else "the region differs from the original"}


def debugging_job(systems, backends, index, install, args) -> list[dict]:
    from ..server.analysis import Analysis
    from ..server.model.context import checker_findings, region_api_lines
    from ..server.model.fix import model_fix, region_for

    cases = debug_cases(index, install, args)
    rows = []
    for case in tqdm(cases, desc="debugging", file=sys.stderr):
        broken = case.mutation.source
        region = region_for(broken, case.mutation.line)
        analysis = Analysis(broken, index)

        for system in systems:
            fixed_source = None
            if system == "fixer":
                fixed_source = deterministic_fix(broken, case.mutation.line, analysis)
            elif system in backends:
                api_lines = region_api_lines(analysis, region.start, region.end) if system == "finetuned+rag" else []
                code = case.mutation.expect if case.mutation.category in ("static", "syntax") else None
                outcome = model_fix(broken, case.mutation.line, case.message, code, api_lines, backends[system],
                                    checker_findings(analysis), region=region)
                if outcome.ok:
                    lines = broken.split("\n")
                    fixed_source = "\n".join(lines[:outcome.region.start] + outcome.new_text.split("\n")
                                             + lines[outcome.region.end:])
            else:
                continue
            verdict = judge_fix(case, fixed_source, region, install, args)
            rows.append({"job": "debugging", "system": system, "case": f"{case.script}:{case.mutation.line + 1}",
                         "category": case.mutation.category, "operator": case.mutation.operator, **verdict})
    return rows


def deterministic_fix(source: str, line: int, analysis) -> str | None:
    """The checker's quick fix for a finding on `line` (0-based), applied; None when it has none."""
    from ..server.checks import check
    from ..server.analysis.positions import byte_to_char

    for finding in check(analysis):
        if finding.fix is None or not finding.span[0] - 1 <= line <= finding.span[2] - 1:
            continue
        lines = source.split("\n")
        for (l1, c1, l2, c2), text in sorted(finding.fix.edits, reverse=True):
            a = byte_to_char(lines[l1 - 1], c1)
            b = byte_to_char(lines[l2 - 1], c2)
            merged = lines[l1 - 1][:a] + text + lines[l2 - 1][b:]
            lines[l1 - 1:l2] = merged.split("\n")
        return "\n".join(lines)
    return None


# ---- 3. knowledge -----------------------------------------------------------------------------------------------
STOP = set("the a an of to and or in on for is are be this that with as by it its from at which when".split())


def key_facts(record, what: str, param=None) -> list[str]:
    if what == "signature":
        return [p.name for p in record.params[:5]]
    text = (param.doc if param is not None else record.summary).split(".")[0]
    words = [w.lower() for w in re.findall(r"[A-Za-z]{5,}", text) if w.lower() not in STOP]
    facts = list(dict.fromkeys(words))[:5]
    return ([param.name] if param is not None else []) + facts


def states_facts(answer: str, facts: list[str]) -> bool:
    if not facts:
        return False
    found = sum(1 for f in facts if f.lower() in (answer or "").lower())
    return found >= max(1, (len(facts) + 1) // 2)


def knowledge_cases(index, args) -> list[dict]:
    from .data import QUESTIONS, heldout_group

    rng = random.Random(args.seed)
    records = [r for r in index.records.values()
               if r.source == "api" and r.kind in ("class", "function", "method") and r.summary
               and not r.name.startswith("_") and ".tests." not in r.symbol
               and heldout_group(f"api/{r.path}", args.heldout_share)]
    rng.shuffle(records)
    cases = []
    for record in records:
        template, what = QUESTIONS[len(cases) % len(QUESTIONS)]
        param = None
        if what == "param":
            documented = [p for p in record.params if p.doc and len(p.doc) > 20]
            if not documented:
                continue
            param = rng.choice(documented)
        if what == "signature" and len(record.params) < 2:
            continue
        cases.append({"record": record, "what": what, "param": param,
                      "question": template.format(name=record.display_name, param=param.name if param else ""),
                      "facts": key_facts(record, what, param)})
        if len(cases) >= args.knowledge_cases:
            break
    return cases


def knowledge_job(systems, backends, index, kb, args) -> list[dict]:
    from ..server.model.answers import answer, record_text, retrieve

    rows = []
    for case in tqdm(knowledge_cases(index, args), desc="knowledge", file=sys.stderr):
        hits = [r.symbol for r, _ in kb.search(case["question"], k=5)] if kb is not None else []
        rank = hits.index(case["record"].symbol) + 1 if case["record"].symbol in hits else None
        for system in systems:
            if system == "retrieval":
                records = retrieve(kb, index, case["question"], k=1)
                text = record_text(records[0]) if records else ""
            elif system in backends:
                records = retrieve(kb, index, case["question"], k=3) if system == "finetuned+rag" else []
                text = answer(case["question"], records, backends[system]).answer or ""
            else:
                continue
            rows.append({"job": "knowledge", "system": system, "case": case["question"][:80],
                         "facts": case["facts"], "states_facts": states_facts(text, case["facts"]),
                         "rank": rank, "answer": text[:300]})
    return rows


# ---- report -----------------------------------------------------------------------------------------------------
def summarize(rows: list[dict]) -> dict:
    out: dict = {}
    for job, key in (("generation", "passed"), ("debugging", "fixed"), ("knowledge", "states_facts")):
        for row in (r for r in rows if r["job"] == job):
            cell = out.setdefault(job, {}).setdefault(row["system"], {"n": 0, "ok": 0})
            cell["n"] += 1
            cell["ok"] += bool(row[key])
    debug = [r for r in rows if r["job"] == "debugging"]
    for row in debug:
        kind = "syntax" if row["category"] == "syntax" else "logic/runtime"
        cell = out.setdefault("debugging_by_kind", {}).setdefault(row["system"], {}).setdefault(kind, {"n": 0, "ok": 0})
        cell["n"] += 1
        cell["ok"] += bool(row["fixed"])
    know = {r["case"]: r["rank"] for r in rows if r["job"] == "knowledge"}
    if know:
        ranks = list(know.values())
        out["retrieval"] = {f"hit@{k}": sum(1 for r in ranks if r is not None and r <= k) for k in (1, 3, 5)}
        out["retrieval"]["n"] = len(ranks)
    gen = [r for r in rows if r["job"] == "generation"]
    for row in gen:
        cell = out.setdefault("generation_parts", {}).setdefault(row["system"], {})
        for part in ("writes_code", "parses", "no_checker_errors", "runs", "colors", "positions", "durations"):
            cell[part] = cell.get(part, 0) + bool(row.get(part))
        cell["lines_written"] = cell.get("lines_written", 0) + row.get("lines_written", 0)
        cell["suggestions_filtered"] = cell.get("suggestions_filtered", 0) + row.get("suggestions_filtered", 0)
    return out


def charts(summary: dict, out_dir: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = []
    titles = {"generation": "Generation: scripts passing every judge", "debugging": "Debugging: errors fixed",
              "knowledge": "Knowledge: answers stating the key facts"}
    for job, title in titles.items():
        cells = summary.get(job)
        if not cells:
            continue
        systems = list(cells)
        shares = [100 * cells[s]["ok"] / max(1, cells[s]["n"]) for s in systems]
        fig, ax = plt.subplots(figsize=(6.5, 3.2))
        bars = ax.bar(systems, shares, color=["#9e9e9e", "#5c8dd6", "#2e5fa8", "#d68a3c", "#6aa84f"][:len(systems)])
        for bar, s in zip(bars, systems):
            ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height() + 1, f"{cells[s]['ok']}/{cells[s]['n']}",
                    ha="center", fontsize=9)
        ax.set_ylim(0, 110)
        ax.set_ylabel("%")
        ax.set_title(title)
        fig.tight_layout()
        name = f"{job}.png"
        fig.savefig(out_dir / name, dpi=110)
        plt.close(fig)
        names.append(name)
    return names


def report(summary: dict, rows: list[dict], meta: dict, chart_names: list[str]) -> str:
    lines = ["# Evaluation report", "", f"Generated by `python -m psychopy_lsp.training.eval` on {meta['date']} "
             f"({meta['seconds']:.0f} s, {meta['device']}). Model: {meta['model']}; adapter: {meta['adapter']}.",
             "Held-out sets: debugging and knowledge cases come only from source files the training split excludes "
             "(the same hash split as training/data.py).", ""]
    for job, key in (("generation", "passes"), ("debugging", "fixed"), ("knowledge", "states the key facts")):
        cells = summary.get(job)
        if not cells:
            continue
        lines += [f"## {job.capitalize()}", "", f"| system | {key} |", "| --- | --- |"]
        lines += [f"| {s} | {c['ok']}/{c['n']} ({100 * c['ok'] / max(1, c['n']):.0f}%) |" for s, c in cells.items()]
        lines.append("")
        if job == "generation" and "generation_parts" in summary:
            parts = summary["generation_parts"]
            lines += ["| system | writes code (3+ lines) | parses | no checker errors | runs | colours | positions | "
                      "durations | lines written | suggestions cut by the API filter |",
                      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
            for s, c in parts.items():
                lines.append(f"| {s} | " + " | ".join(str(c[p]) for p in (
                    "writes_code", "parses", "no_checker_errors", "runs", "colors", "positions", "durations",
                    "lines_written", "suggestions_filtered")) + " |")
            lines.append("")
        if job == "debugging" and "debugging_by_kind" in summary:
            lines += ["| system | logic/runtime | syntax |", "| --- | --- | --- |"]
            for s, kinds in summary["debugging_by_kind"].items():
                cell = lambda k: f"{kinds.get(k, {}).get('ok', 0)}/{kinds.get(k, {}).get('n', 0)}"  # noqa: E731
                lines.append(f"| {s} | {cell('logic/runtime')} | {cell('syntax')} |")
            lines.append("")
        if job == "knowledge" and "retrieval" in summary:
            r = summary["retrieval"]
            lines += [f"Retrieval (hybrid search over the knowledge base) found the right record at rank 1 for "
                      f"{r['hit@1']}/{r['n']}, in the top 3 for {r['hit@3']}/{r['n']}, in the top 5 for "
                      f"{r['hit@5']}/{r['n']}.", ""]
        if f"{job}.png" in chart_names:
            lines += [f"![{job}]({job}.png)", ""]
    lines += ["Every case and verdict is in `results.json`."]
    return "\n".join(lines) + "\n"


class FreshContext:
    """A backend that forgets its KV cache before every prompt: greedy output then depends on the prompt alone,
    so a rerun of the evaluation gives the same verdicts (prefix reuse can change greedy output slightly)."""

    def __init__(self, backend):
        self.backend = backend
        self.name = backend.name

    def count_tokens(self, text: str) -> int:
        return self.backend.count_tokens(text)

    def generate(self, prompt, max_tokens=64, stop=(), cancel=None, sample=0):
        self.backend.reset()
        return self.backend.generate(prompt, max_tokens, stop, cancel, sample)

    def score(self, prompt, answers, cancel=None):
        self.backend.reset()
        return self.backend.score(prompt, answers, cancel)


def make_backends(systems: list[str], args) -> dict:
    from ..server.model.backends import LlamaCppBackend
    from ..server.model.files import ensure_default_model, shipped_adapter_path

    wanted = [s for s in systems if s in MODEL_SYSTEMS]
    adapter = Path(args.adapter) if args.adapter else shipped_adapter_path()
    out = {}
    base_model = ensure_default_model()
    if "base" in wanted:
        out["base"] = FreshContext(LlamaCppBackend(base_model, None, 2048, args.threads))
    if any(s.startswith("finetuned") for s in wanted):
        if not adapter.exists():
            raise SystemExit(f"no adapter at {adapter}: train one (training/README.md) or pass --adapter")
        tuned = FreshContext(LlamaCppBackend(base_model, adapter, 2048, args.threads))
        out.update({s: tuned for s in wanted if s.startswith("finetuned")})
    return out


def main(argv: list[str] | None = None, backends: dict | None = None) -> dict:
    """`backends` (system name -> backend) replaces the real models: the harness's own tests pass a fake."""
    from ..kb.index import index_from_source
    from ..kb.locate import find_psychopy
    from ..kb.store import open_or_build

    args = parse_args(EvalArguments, argv)
    started = time.perf_counter()
    systems = [s for s in args.systems.split(",") if s]
    jobs = [j for j in args.jobs.split(",") if j]
    install = find_psychopy()
    index = index_from_source(install)
    kb = open_or_build(install, Path(args.kb_dir) if args.kb_dir else None) if "knowledge" in jobs else None
    fake = backends is not None
    backends = backends if fake else make_backends(systems, args)
    rows: list[dict] = []
    if "generation" in jobs:
        rows += generation_job([s for s in systems if s in MODEL_SYSTEMS], backends, index, install, args)
    if "debugging" in jobs:
        rows += debugging_job([s for s in systems if s in MODEL_SYSTEMS + ("fixer",)], backends, index, install,
                              args)
    if "knowledge" in jobs:
        rows += knowledge_job([s for s in systems if s in MODEL_SYSTEMS + ("retrieval",)], backends, index, kb, args)
    summary = summarize(rows)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    names = charts(summary, out)
    adapter = "fake" if fake else str(Path(args.adapter).name if args.adapter else "shipped")
    meta = {"date": time.strftime("%Y-%m-%d"), "seconds": time.perf_counter() - started, "device": "CPU",
            "model": "fake" if fake else "Gemma 3 270M Q4_K_M (embedded)", "adapter": adapter}
    (out / "results.json").write_text(json.dumps({"meta": meta, "summary": summary, "rows": rows}, indent=1,
                                                 default=str))
    (out / "REPORT.md").write_text(report(summary, rows, meta, names))
    print(json.dumps(summary, indent=1))
    return summary


if __name__ == "__main__":
    main()

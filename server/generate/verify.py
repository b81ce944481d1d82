"""Verify a generated script the way a user would judge it: it parses, the checker reports no error, it runs
headless in the sandbox with the emulated participant answering, and every value the description stated is used
(the colours, durations, keys, trial count and stimulus kinds).

`requirements_met` is pure (source and the stated values in, a verdict per value out): the evaluation calls it
with values written by hand for each held-out description, the pipeline with the values read from the
description.
"""

from __future__ import annotations

import ast
import math
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

# the kinds of stimulus a description names -> the constructors that draw them
KIND_CLASSES = {"text": {"TextStim", "TextBox2"}, "circle": {"Circle", "Polygon", "ShapeStim", "DotStim"},
                "square": {"Rect", "ShapeStim", "Polygon"}, "rect": {"Rect", "ShapeStim"},
                "triangle": {"Polygon", "ShapeStim"}, "line": {"Line", "ShapeStim"},
                "grating": {"GratingStim"}, "star": {"ShapeStim"}, "cross": {"TextStim", "ShapeStim"},
                "arrow": {"TextStim", "ShapeStim"}, "polygon": {"Polygon", "ShapeStim"}}

# a run that reaches its time budget still proves the script works when the participant answered this often
MIN_ANSWERS = 3


def _numbers(tree: ast.AST) -> list[float]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value,
                                                                                                     bool):
            found.append(float(node.value))
    return found


def _strings(tree: ast.AST) -> list[str]:
    """String constants outside docstrings (a docstring repeats the description: it proves nothing)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body and \
                isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant):
            docstrings.add(id(node.body[0].value))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]


def _classes(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def _key_lists(tree: ast.AST) -> set[str]:
    """Keys the script reads: strings in keyList= arguments and in module-level lists of key names."""
    keys: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("keyList", "keys"):
            keys |= {n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and "KEY" in t.id.upper()
                                                for t in node.targets):
            keys |= {n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        if isinstance(node, ast.Dict):  # condition rows: {'correct': 'f'}
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and k.value in ("correct", "corrAns", "key", "correct_key") and \
                        isinstance(v, ast.Constant) and isinstance(v.value, str):
                    keys.add(v.value)
    return keys


def requirements_met(source: str, stated: dict) -> dict[str, list[str]]:
    """{kind: [values not found]} for the stated colours, durations (seconds), frames, keys, trials and kinds;
    an empty list is a requirement met."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {k: ["the script does not parse"] for k in ("colours", "durations", "keys", "trials", "kinds")}
    strings = {s.lower() for s in _strings(tree)}
    numbers = _numbers(tree)
    classes = _classes(tree)
    keys = _key_lists(tree)
    missing: dict[str, list[str]] = {}
    missing["colours"] = [c for c in stated.get("colours", []) if c.lower() not in strings]
    # a duration is used when its seconds (or its milliseconds) are in the code
    missing["durations"] = [f"{d} s" for d in stated.get("durations", [])
                            if not any(math.isclose(d, n, abs_tol=1e-6) or math.isclose(d * 1000, n, abs_tol=1e-6)
                                       for n in numbers)]
    missing["frames"] = [f"{f} frames" for f in stated.get("frames", []) if float(f) not in numbers]
    missing["keys"] = [k for k in stated.get("keys", []) if k not in keys]
    trials = stated.get("trials")
    missing["trials"] = [f"{trials} trials"] if trials and float(trials) not in numbers else []
    missing["kinds"] = [k for k in stated.get("kinds", []) if not (KIND_CLASSES.get(k, set()) & classes)]
    return missing


@dataclass
class Verdict:
    parses: bool = False
    checker_errors: list[str] = field(default_factory=list)  # "line N: CODE message"
    run_status: str = ""  # ok | exit | timeout | error | crash | refused | not run
    run_message: str = ""
    run_line: int | None = None
    error_type: str = ""
    answers: int = 0  # presses of the emulated participant that answered a read
    missing: dict[str, list[str]] = field(default_factory=dict)
    run: object = None  # the RunResult, for repairs

    @property
    def runs(self) -> bool:
        return self.run_status in ("ok", "exit") or (self.run_status == "timeout" and self.answers >= MIN_ANSWERS)

    @property
    def values_used(self) -> bool:
        return not any(self.missing.values())

    @property
    def passed(self) -> bool:
        return self.parses and not self.checker_errors and self.runs and self.values_used

    def problems(self) -> list[str]:
        """What failed, in words, most basic first."""
        out = []
        if not self.parses:
            return ["the script does not parse"]
        out += [f"checker error {e}" for e in self.checker_errors]
        if not self.runs:
            if self.run_status == "timeout":
                out.append(f"the run reached its time budget with only {self.answers} answer(s) from the "
                           "emulated participant")
            else:
                out.append(f"the run ended {self.run_status}: {self.error_type} {self.run_message} "
                           f"(line {self.run_line})".strip())
        for kind, values in self.missing.items():
            if values:
                out.append(f"stated {kind} not used: {', '.join(map(str, values))}")
        return out

    def to_dict(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k != "run"}
        out.update(runs=self.runs, values_used=self.values_used, passed=self.passed, problems=self.problems())
        return out


def static_verdict(source: str, stated: dict, index) -> Verdict:
    from ..analysis import Analysis
    from ..checks import check

    verdict = Verdict()
    try:
        ast.parse(source)
    except SyntaxError as exc:
        verdict.run_status = "not run"
        verdict.run_message = f"{exc.msg} (line {exc.lineno})"
        return verdict
    verdict.parses = True
    verdict.checker_errors = [f"line {f.span[0]}: {f.code} {f.message}" for f in check(Analysis(source, index))
                              if f.severity == "error"]
    verdict.missing = requirements_met(source, stated)
    return verdict


def verify(source: str, stated: dict, index, python: str, timeout_s: float = 15.0,
           isolation_mode: str = "preferred") -> Verdict:
    """The full verdict: static checks, then a headless run with the emulated participant."""
    from ..sandbox.runner import run_script

    verdict = static_verdict(source, stated, index)
    if not verdict.parses:
        return verdict
    with tempfile.TemporaryDirectory(prefix="psychopy-lsp-generate-") as tmp:
        path = Path(tmp) / "experiment.py"
        path.write_text(source, encoding="utf-8")
        result = run_script(path, python, timeout_s=timeout_s, headless="always", source=source,
                            isolation_mode=isolation_mode)
    verdict.run = result
    verdict.run_status, verdict.run_message, verdict.run_line = result.status, result.message, result.line
    verdict.error_type = result.error_type
    verdict.answers = sum(1 for p in result.presses if p.get("kind") == "answer")
    return verdict

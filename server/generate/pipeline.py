"""Write an experiment from a description and verify it by running it: read the description into a Spec, compose a
candidate from parts, let the model write the participant's instructions and a candidate of its own, verify each
(parse, checker, headless run with the emulated participant, every stated value used), repair what fails
(deterministic runtime fixes, then the model given the traceback or the unmet requirement) for a bounded number of
rounds, and return the best candidate with its report. A script is called verified only when its last verdict
passed.

`generate()` runs in a worker thread (the CLI's, or the server's model worker); `cancel` stops it between steps
and inside generation; `report(message, percent)` shows progress.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from .compose import compose
from .spec import Spec, read_spec
from .verify import MIN_ANSWERS, Verdict, verify

# seconds a headless run takes before its first trial: imports, the window, the frame-rate measurement
STARTUP_S = 9.0

INSTRUCTIONS_END = '"'
SCRIPT_END = "# end of experiment"


class GenerationCancelled(Exception):
    pass


@dataclass
class Candidate:
    origin: str  # composed | composed+instructions | model | repaired (...)
    source: str
    verdict: Verdict

    def to_dict(self) -> dict:
        return {"origin": self.origin, **self.verdict.to_dict()}


@dataclass
class Generation:
    description: str
    code: str = ""
    verified: bool = False
    reason: str = ""  # why no candidate passed, or what was verified
    spec: dict = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    model_notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    run_timeout_s: float = 0.0  # the verification run's budget (longer trials get longer runs)

    def to_dict(self) -> dict:
        return {"description": self.description, "code": self.code, "verified": self.verified, "reason": self.reason,
                "spec": self.spec, "assumptions": self.assumptions, "unread": self.unread,
                "candidates": [c.to_dict() for c in self.candidates], "model": self.model_notes,
                "seconds": round(self.seconds, 1), "run_timeout_s": round(self.run_timeout_s, 1)}


def spec_summary(spec: Spec) -> dict:
    return {"stimuli": [{"role": s.role, "kind": s.kind, "colours": s.colours, "texts": s.texts[:6],
                         "positions": s.positions, "count": s.count} for s in spec.stimuli],
            "screens": [{"name": s.name, "seconds": s.seconds, "frames": s.frames} for s in spec.screens],
            "answers": [{"key": a.key, "condition": a.condition} for a in spec.answers], "no_go": spec.no_go,
            "response_s": spec.response_s, "iti_s": spec.iti_s, "trials": spec.trials,
            "feedback_s": spec.feedback_s, "background": spec.background, "free_text": spec.free_text,
            "stated": spec.stated()}


def readable(spec: Spec) -> bool:
    """Whether the description states anything to build from: a stimulus, a response key or a timed screen."""
    return bool(spec.stimuli or spec.answers or spec.screens)


# ---- the model's parts -----------------------------------------------------------------------------------------
# two worked examples: the 270M model copies a pattern far better than it follows an instruction
INSTRUCTION_SHOTS = (
    ("a blue or orange square appears; press z if it is blue and m if it is orange.",
     "Press Z when the square is blue and M when it is orange. Answer quickly."),
    ("a letter appears; press space when it is an X.",
     "Press SPACE whenever you see the letter X. Be fast and accurate."))


def instructions_prompt(spec: Spec) -> str:
    """The participant's instructions as the model continues them, after two worked examples."""
    shots = "".join(f'# Task: {task}\ninstructions_text = "{text}"\n' for task, text in INSTRUCTION_SHOTS)
    task = " ".join(spec.description.split())
    return f'{shots}# Task: {task}\ninstructions_text = "'


def check_instructions(text: str, spec: Spec) -> str | None:
    """The model's instructions when they name every response key, are a plausible length and are not a copy of
    a worked example; else None."""
    text = text.strip()
    if not 10 <= len(text) <= 400 or "import " in text or "=" in text or \
            any(text == shot for _task, shot in INSTRUCTION_SHOTS):
        return None
    for key in spec.keys:
        if not re.search(r"(?<![A-Za-z])" + re.escape(key) + r"(?![A-Za-z])", text, re.I):
            return None
    return text


def model_script_prompt(description: str, example: str, api_lines: list[str]) -> str:
    """The model's own candidate: real signatures, a retrieved example, then the description as a docstring."""
    api = "".join(f"# {line}\n" for line in api_lines)
    return (f"# PsychoPy API:\n{api}# Example:\n{example.strip()}\n{SCRIPT_END}\n\n"
            f'"""{description.strip()}"""\nfrom psychopy import core, data, visual\n'
            "from psychopy.hardware import keyboard\n")


def _generate(backend, prompt: str, max_tokens: int, stop, cancel) -> str:
    from ..model.backends import Cancelled

    try:
        return "".join(backend.generate(prompt, max_tokens, stop, cancel))
    except Cancelled as exc:
        raise GenerationCancelled() from exc


# ---- the loop --------------------------------------------------------------------------------------------------
def generate(description: str, index, python: str, backend=None, *, colour_names=None, attempts: int = 3,
             time_limit_s: float = 60.0, run_timeout_s: float = 15.0, isolation_mode: str = "preferred",
             example: str = "", api_lines: list[str] | None = None, model_candidate: bool = True,
             fix_samples: int = 0, cancel: threading.Event | None = None,
             report: Callable[[str, int], None] | None = None) -> Generation:
    """Write and verify an experiment for `description` (see the module docstring)."""
    from ..sandbox.repair import runtime_fix

    started = time.monotonic()
    cancel = cancel or threading.Event()
    say = report or (lambda _m, _p: None)
    result = Generation(description=description.strip())

    def check_cancel():
        if cancel.is_set():
            raise GenerationCancelled()

    def left() -> float:
        return time_limit_s - (time.monotonic() - started)

    names = set(colour_names if colour_names is not None else (getattr(index, "vocab", {}) or {}).get("colorNames", []))
    spec = read_spec(description, names)
    result.spec = spec_summary(spec)
    stated = spec.stated()
    if not readable(spec):
        result.reason = ("the description states no stimulus, response key or timed screen that could be read; "
                         "say what is shown, for how long, and which keys answer (e.g. 'a red circle for 500 ms; "
                         "press f if ..., j if ...')")
        result.seconds = time.monotonic() - started
        return result

    instructions = ""
    if backend is not None:
        say("the model writes the participant's instructions", 5)
        raw = _generate(backend, instructions_prompt(spec), 60, [INSTRUCTIONS_END, "\n"], cancel)
        checked = check_instructions(raw.replace("\\n", "\n"), spec)
        if checked:
            instructions = checked + "\n\nPress space to start."
            result.model_notes.append("the participant's instructions were written by the model (they name every "
                                      "response key)")
        else:
            result.model_notes.append(f"the model's instructions were not used (they did not name every response "
                                      f"key): {raw.strip()[:120]!r}")
    check_cancel()
    composition = compose(spec, instructions)
    result.assumptions, result.unread = composition.assumptions, composition.unread
    # the run must reach MIN_ANSWERS trials: start-up (imports, window, frame-rate measurement) plus the trials
    budget = max(run_timeout_s, STARTUP_S + (MIN_ANSWERS + 0.5) * composition.trial_s)
    result.run_timeout_s = budget
    pool: list[Candidate] = []

    def try_source(origin: str, source: str) -> Candidate:
        check_cancel()
        say(f"verifying the {origin} script: checker and a headless run", min(90, 20 + 15 * len(pool)))
        verdict = verify(source, stated, index, python, timeout_s=max(5.0, min(budget, left())),
                         isolation_mode=isolation_mode)
        candidate = Candidate(origin, source, verdict)
        pool.append(candidate)
        return candidate

    best = try_source("composed", composition.source)
    rounds = 0
    while not best.verdict.passed and rounds < attempts and left() > 10:
        rounds += 1
        verdict = best.verdict
        run = verdict.run
        fixed = None
        if run is not None and verdict.run_status == "error":
            fix = runtime_fix(run.error_type, run.detail, run.line, best.source, index, run.message)
            if fix is not None:
                fixed = ("repaired (runtime fix: " + fix.title + ")", fix.apply(best.source))
            elif backend is not None:
                proved = _proved_repair(best.source, run, index, backend, fix_samples, cancel, try_source, left)
                # already verified by try_source: kept when no worse, and the next round repairs what it meets next;
                # a worse one would only be searched for again
                if proved is None or _score(proved.verdict) < _score(best.verdict):
                    break
                best = proved
                continue
        elif verdict.checker_errors and backend is not None:
            line = int(verdict.checker_errors[0].split(":")[0].split()[1])
            fixed = _model_repair(best.source, line, verdict.checker_errors[0], index, backend, cancel)
        if fixed is None:
            break
        candidate = try_source(*fixed)
        if _score(candidate.verdict) >= _score(best.verdict):
            best = candidate
    if not best.verdict.passed and backend is not None and model_candidate and left() > 20:
        say("the model writes a candidate of its own", 70)
        raw = _generate(backend, model_script_prompt(description, example, api_lines or []), 700, [SCRIPT_END],
                        cancel)
        source = f'"""{description.strip()}"""\nfrom psychopy import core, data, visual\n' \
                 "from psychopy.hardware import keyboard\n" + raw
        candidate = try_source("model", source)
        if _score(candidate.verdict) > _score(best.verdict):
            best = candidate
    result.candidates = pool
    result.code = best.source
    result.verified = best.verdict.passed
    result.reason = ("verified: parses, no checker error, ran headless with an emulated participant "
                     f"({best.verdict.answers} answers, {best.verdict.run_status}), every stated value used"
                     if result.verified else "no candidate passed verification: " + "; ".join(best.verdict.problems()))
    result.seconds = time.monotonic() - started
    say("done", 100)
    return result


def _score(verdict: Verdict) -> tuple:
    return (verdict.passed, verdict.parses, not verdict.checker_errors, verdict.runs,
            -sum(len(v) for v in verdict.missing.values()))


def _proved_repair(source: str, run, index, backend, samples: int, cancel, try_source, left):
    """The model's repair of the runtime error in `run`, as "Fix with the PsychoPy model" makes it
    (fix.prove_runtime_fix): its greedy answer, then up to `samples` alternatives, each verified by `try_source` (the
    checker and a headless run); the first whose run gets past the error (repair.compare), as a Candidate, or
    None. A candidate is not run once fewer than 10 s of the time limit are `left()`."""
    from ..model.backends import Cancelled
    from ..model.fix import prove_runtime_fix
    from ..sandbox.repair import compare

    if not run.line:
        return None

    def rerun(fixed: str):
        if left() <= 10:
            return False, "not run: the time limit is reached", None
        candidate = try_source("repaired (the model, given the error, proved by a re-run)", fixed)
        after = candidate.verdict.run
        if after is None:
            return False, "; ".join(candidate.verdict.problems()), candidate
        return (*compare(run, after), candidate)

    try:
        proved = prove_runtime_fix(source, run, index, backend, rerun, samples, cancel)
    except Cancelled as exc:
        raise GenerationCancelled() from exc
    return proved.after if proved.outcome is not None else None


def _model_repair(source: str, line: int | None, message: str, index, backend, cancel):
    """The model's rewrite of the statement at 1-based `line`, checked statically (the caller's verify re-runs
    it)."""
    from ..analysis import Analysis
    from ..checks import check
    from ..model.backends import Cancelled
    from ..model.fix import model_fix

    if not line:
        return None

    def check_codes(text: str):
        return [(f.span[0], f.code, f.severity) for f in check(Analysis(text, index))]

    try:
        outcome = model_fix(source, line - 1, message, None, [], backend, check_codes, cancel=cancel)
    except Cancelled as exc:
        raise GenerationCancelled() from exc
    if not outcome.ok:
        return None
    lines = source.split("\n")
    new = lines[:outcome.region.start] + outcome.new_text.split("\n") + lines[outcome.region.end:]
    return "repaired (the model, given the error)", "\n".join(new)

"""Runtime fixes (server/sandbox/repair.py), pure: which tracebacks make a repair certain, what the repaired line
is, and when a re-run proves a fix. The sandboxed re-runs themselves are in test_sandbox_runs.py."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import compare, prove_rule_fix, runtime_fix
from psychopy_lsp.server.sandbox.runner import RunResult

# (error type, detail, line, source, expected new line or None)
FIXES = [
    # Python's own suggestion for a misspelled variable
    ("NameError", {"name": "colr", "suggestion": "color"}, 2, "color = 'red'\nprint(colr)\n", "print(color)"),
    # the name is replaced where it is code, not inside a string on the same line
    ("NameError", {"name": "stim", "suggestion": "stims"}, 2, "stims = []\nprint('stim', stim)\n",
     "print('stim', stims)"),
    # an invented method: the attribute after the dot, not a same-named variable before it
    ("AttributeError", {"name": "setColour", "suggestion": "setColor"}, 1,
     "setColour = 1; stim.setColour('red')\n", "setColour = 1; stim.setColor('red')"),
    # no suggestion from Python: nothing certain
    ("NameError", {"name": "qqq"}, 1, "print(qqq)\n", None),
    # the name is only in a comment on that line: nothing to replace
    ("NameError", {"name": "colr", "suggestion": "color"}, 1, "x = 1  # colr\n", None),
    # a KeyError on a dict with literal keys: the closest key
    ("KeyError", {"key": "'colour'"}, 2, "trial = {'color': 'red', 'word': 'RED'}\nprint(trial['colour'])\n",
     "print(trial['color'])"),
    # dict(...) with keywords counts as literal keys
    ("KeyError", {"key": "'wrd'"}, 2, "trial = dict(color='red', word='RED')\nx = trial['wrd']\n",
     "x = trial['word']"),
    # the user's quotes are kept
    ("KeyError", {"key": "'Left'"}, 2, 'counts = {"left": 0}\nprint(counts["Left"])\n', 'print(counts["left"])'),
    # nothing close among the keys: no guess
    ("KeyError", {"key": "'zzz'"}, 2, "trial = {'color': 'red'}\nprint(trial['zzz'])\n", None),
    # a dict built at run time (keys unknown): no fix
    ("KeyError", {"key": "'colour'"}, 2, "trial = make()\nprint(trial['colour'])\n", None),
    # two targets over a dict: .items()
    ("ValueError", {}, 2, "rts = {'a': 1, 'b': 2}\nfor key, rt in rts:\n    print(key, rt)\n",
     "for key, rt in rts.items():"),
    # a ValueError that is not the unpacking of a dict: nothing
    ("ValueError", {}, 1, "x = int('a')\n", None),
    # an error type with no certain repair
    ("TypeError", {}, 1, "core.wait('0.5')\n", None),
    # no line in the user's script
    ("NameError", {"name": "colr", "suggestion": "color"}, None, "print(colr)\n", None),
]


@pytest.mark.parametrize("error,detail,line,source,expected", FIXES)
def test_runtime_fix(error, detail, line, source, expected):
    fix = runtime_fix(error, detail, line, source)
    assert (fix.new_text if fix else None) == expected
    if fix is not None:  # only the error's line changes
        before, after = source.split("\n"), fix.apply(source).split("\n")
        assert [i for i, (a, b) in enumerate(zip(before, after)) if a != b] == [line - 1]


def run(status: str, error: str = "", line: int | None = None, message: str = "") -> RunResult:
    return RunResult(status, 1.0, error, message, line)


# (before, after, proved, words in the reason)
COMPARES = [
    # the exception is gone and the script ends
    (run("error", "NameError", 5), run("ok"), True, "is gone"),
    # gone; the run reached its time budget (an experiment that keeps going)
    (run("error", "NameError", 5), run("timeout"), True, "time budget"),
    # the same exception at the same place: not fixed
    (run("error", "NameError", 5, "x"), run("error", "NameError", 5, "x"), False, "still"),
    # a new, different exception later in the script: offered, and said
    (run("error", "NameError", 5), run("error", "TypeError", 9, "bad"), True, "stops later, at line 9"),
    # a different exception at the same line (the fix broke the call): not proved
    (run("error", "NameError", 5), run("error", "TypeError", 5), False, "before the old place"),
    # the same message moved down: the fix did not touch the cause
    (run("error", "KeyError", 5, "'a'"), run("error", "KeyError", 8, "'a'"), False, "moved"),
    # the re-run crashed: proves nothing
    (run("error", "NameError", 5), run("crash", message="died"), False, "did not finish"),
]


@pytest.mark.parametrize("before,after,proved,words", COMPARES)
def test_compare(before, after, proved, words):
    ok, reason = compare(before, after)
    assert ok is proved and words in reason, reason


def _exec_run(source: str) -> RunResult:
    """A stand-in for the sandbox's re-run (which test_sandbox_runs.py exercises): the script executed here, its
    exception and the line it surfaced at."""
    import sys
    import traceback
    try:
        exec(compile(source, "<script>", "exec"), {})
    except Exception as exc:  # the script's own error, as the sandbox reports it
        frames = [f for f in traceback.extract_tb(sys.exc_info()[2]) if f.filename == "<script>"]
        return RunResult("error", 0.0, type(exc).__name__, str(exc), line=frames[-1].lineno if frames else None)
    return RunResult("ok", 0.0)


REPEATED = "import time\nt0 = time.clock()\nx = 1\nt1 = time.clock()\nprint(t1 - t0)\n"


def test_the_same_mistake_on_a_later_line_is_fixed_in_the_same_action():
    before = _exec_run(REPEATED)
    fix, proof = prove_rule_fix(before, REPEATED, None, _exec_run)
    assert fix is not None and "gone" in proof
    assert fix.apply(REPEATED) == REPEATED.replace("time.clock()", "time.perf_counter()")
    assert "also on line 4" in fix.title


def test_a_fix_the_rerun_does_not_prove_is_not_offered():
    # the same message at a later line that no rule reads: no fix, and the re-run's word for why
    source = "import time\nt0 = time.clock()\nt1 = getattr(time, 'clock')()\n"
    fix, proof = prove_rule_fix(_exec_run(source), source, None, _exec_run)
    assert fix is None and "line 3" in proof

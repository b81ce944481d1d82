"""Real experiments in the sandbox, headless under Xvfb with every isolation the machine gives: the hardware
Keyboard, the emulated participant (answers with reaction times, a press between trials that exposes stale
keys), frame timing, and runtime fixes proved by a re-run."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from psychopy_lsp.server.sandbox import isolation as isolation_module
from psychopy_lsp.server.sandbox.repair import runtime_fix, verify_by_rerun
from psychopy_lsp.server.sandbox.runner import run_script

pytestmark = pytest.mark.skipif(subprocess.run(["which", "Xvfb"], capture_output=True).returncode != 0,
                                reason="Xvfb is not installed (scripts/system-deps.sh)")

KEYBOARD_RT = """\
from psychopy import visual, core
from psychopy.hardware import keyboard
win = visual.Window([400, 300], units="height")
kb = keyboard.Keyboard()
stim = visual.TextStim(win, text="+")
for trial in range(3):
    stim.draw()
    win.callOnFlip(kb.clock.reset)
    win.flip()
    keys = kb.waitKeys(keyList=["left", "right"], maxWait=4)
    print("ANSWER", keys[0].name, keys[0].rt)
    win.flip()
    core.wait(0.4)
"""


def run(tmp_path, source: str, timeout: float = 40, **kwargs):
    path = tmp_path / "experiment.py"
    path.write_text(source)
    return run_script(path, sys.executable, timeout_s=timeout, headless="always", **kwargs)


def answers(result) -> list[tuple[str, float]]:
    return [(m.group(1), float(m.group(2))) for m in re.finditer(r"ANSWER (\w+) ([-\d.e]+)", result.stdout)]


def test_the_hardware_keyboard_gets_answers_with_reaction_times(tmp_path):
    result = run(tmp_path, KEYBOARD_RT)
    assert result.status == "ok", (result.message, result.stderr[-1500:])
    got = answers(result)
    assert len(got) == 3
    assert all(key in ("left", "right") and 0.2 < rt < 1.6 for key, rt in got), got
    assert result.keyboard_backend in ("ptb", "event")
    if result.keyboard_backend == "event":  # selected for the run: the result says why
        assert "real-time" in result.keyboard_note
    sent = [p for p in result.presses if p["kind"] == "answer"]
    assert len(sent) == 3 and all(p["line"] == 10 for p in sent)


def test_the_event_backend_is_selected_where_real_time_priority_is_refused(tmp_path, monkeypatch):
    guard = isolation_module.isolation()
    if not guard.realtime:
        pytest.skip("real-time priority is never granted here: the default run already selects the event backend")
    # the same isolation without the capability: the ptb backend would abort the interpreter
    monkeypatch.setattr(isolation_module, "_ISOLATION", isolation_module.Isolation(
        guard.prefix, guard.network, guard.filesystem, guard.pid, False, guard.missing))
    monkeypatch.setattr("psychopy_lsp.server.sandbox.runner.isolation", isolation_module.isolation)
    result = run(tmp_path, KEYBOARD_RT)
    assert result.status == "ok", (result.message, result.stderr[-1500:])
    assert result.keyboard_backend == "event" and "real-time" in result.keyboard_note
    assert len(answers(result)) == 3


STALE_TEMPLATE = """\
from psychopy import visual, core, event
from psychopy.hardware import keyboard
win = visual.Window([400, 300], units="height")
kb = keyboard.Keyboard()
for trial in range(3):
    {clear}
    kb.clock.reset()
    keys = []
    while not keys:
        win.flip()
        keys = kb.getKeys(keyList=["f", "j"])
    print("ANSWER", keys[0].name, keys[0].rt)
    win.flip()
    core.wait(0.5)
"""
EVENT_STALE_TEMPLATE = """\
from psychopy import visual, core, event
win = visual.Window([400, 300], units="height")
clock = core.Clock()
for trial in range(3):
    win.flip()
    clock.reset()
    keys = event.waitKeys(keyList=["f", "j"], timeStamped=clock, clearEvents={clear})
    print("ANSWER", keys[0][0], keys[0][1])
    win.flip()
    core.wait(0.5)
"""

# (script, stale key expected, line of the read)
STALE = [
    # the Keyboard polled without clearing at trial start: the press between trials is taken (negative RT)
    (STALE_TEMPLATE.format(clear="pass"), True, 11),
    # right: the buffer cleared when the trial starts
    (STALE_TEMPLATE.format(clear="kb.clearEvents()"), False, None),
    # psychopy.event.waitKeys told not to clear
    (EVENT_STALE_TEMPLATE.format(clear="False"), True, 7),
    # right: waitKeys clears by default
    (EVENT_STALE_TEMPLATE.format(clear="True"), False, None),
]


@pytest.mark.parametrize("source,stale,line", STALE)
def test_a_press_between_trials_exposes_stale_keys(tmp_path, source, stale, line):
    result = run(tmp_path, source)
    assert result.status == "ok", (result.message, result.stderr[-1500:])
    assert any(p["kind"] == "before the trial" for p in result.presses)
    assert len(answers(result)) == 3
    assert bool(result.stale_keys) is stale, result.stale_keys
    if stale:
        assert result.stale_keys[0]["line"] == line
        assert any(rt < 0.1 for _key, rt in answers(result))  # the data really hold the stale answer


FRAMES = """\
from psychopy import visual, core
win = visual.Window([400, 300], units="height")
stim = visual.TextStim(win, text="+")
for frame in range(120):
    stim.draw()
    win.flip()
for frame in range(20):
    if frame % 5 == 0:
        busy_until = core.getTime() + 0.1  # 100 ms of work every fifth frame: timed, so a fast CPU
        while core.getTime() < busy_until:   # cannot shrink it below a frame
            pass
    stim.draw()
    win.flip()
win.flip()
core.wait(0.5)  # a deliberate wait before a flip is not a dropped frame
win.flip()
"""


def test_dropped_frames_are_counted_at_their_flip(tmp_path):
    result = run(tmp_path, FRAMES)
    assert result.status == "ok", (result.message, result.stderr[-1500:])
    by_line = {d["line"]: d for d in result.dropped_frames}
    assert by_line[13]["count"] >= 4 and by_line[13]["worst_ms"] > 50
    assert 16 not in by_line  # the flip after core.wait
    assert by_line.get(6, {"count": 0})["count"] < 12  # a light frame loop drops few (this machine may be busy)
    assert result.flips >= 142


# (script, the fixed line) for errors whose repair is certain
RUNTIME = [
    ("from psychopy import visual, core\nwin = visual.Window([200, 200])\nfixation = visual.TextStim(win, '+')\n"
     "fixaton.draw()\nwin.flip()\n", "fixation.draw()"),
    ("from psychopy import visual\nwin = visual.Window([200, 200])\nstim = visual.TextStim(win, 'x')\n"
     "stim.setColour('red')\nwin.flip()\n", "stim.setColor('red')"),
    ("trial = {'word': 'RED', 'colour': 'red'}\nprint(trial['color'])\n", "print(trial['colour'])"),
]


@pytest.mark.parametrize("source,fixed", RUNTIME)
def test_a_certain_runtime_fix_is_proved_by_a_rerun(tmp_path, source, fixed):
    before = run(tmp_path, source, timeout=30)
    assert before.status == "error"
    fix = runtime_fix(before.error_type, before.detail, before.line, source)
    assert fix is not None and fix.new_text == fixed
    proved, reason, after = verify_by_rerun(before, tmp_path / "experiment.py", sys.executable,
                                            fix.apply(source), timeout_s=30, headless="always")
    assert proved and after.status == "ok", reason


def test_a_fix_that_only_changes_the_error_is_not_proved(tmp_path):
    # Python suggests `draw_trial`, but calling it without its argument fails on the same line
    source = "def draw_trial(n):\n    return n\n\ndraw_trail()\n"
    before = run(tmp_path, source, timeout=20)
    fix = runtime_fix(before.error_type, before.detail, before.line, source)
    assert fix is not None and fix.new_text == "draw_trial()"
    proved, reason, after = verify_by_rerun(before, tmp_path / "experiment.py", sys.executable,
                                            fix.apply(source), timeout_s=20, headless="always")
    assert not proved and after.error_type == "TypeError", reason

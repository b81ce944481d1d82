"""'Fix with the PsychoPy model' (server/model_fix.py): the region chosen, the answer parsed, and verification
refusing anything that does not parse, keeps the error, adds errors, or changes nothing. The model is a fake here;
tests/test_lsp_model.py runs the real one."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from fakes import FakeBackend
from psychopy_lsp.server.checks import check
from psychopy_lsp.server.model.fix import Region, model_fix, parse_answer, region_for, verify
from psychopy_lsp.server.model.prompts import FIX_END, fix_prompt

SCRIPT = """from psychopy import visual, core
win = visual.Window([800, 600])
stim = visual.TextStim(win, text='Hi',
                       colour='red')
for trial in range(3):
    stim.draw()
    win.flip()
core.quit()
"""


@pytest.mark.parametrize("source,line,expected", [
    (SCRIPT, 3, Region(2, 4)),  # a keyword on a call's second line: the whole two-line statement
    (SCRIPT, 4, Region(4, 5)),  # the header of a for loop, not its body
    (SCRIPT, 5, Region(5, 6)),  # one statement inside the loop body
    ("x = (1,\ny = 2\nz = 3\nw = 4\n", 2, Region(1, 4)),  # does not parse: a window of three lines around it
])
def test_region_for(source, line, expected):
    assert region_for(source, line) == expected


@pytest.mark.parametrize("raw,region,expected", [
    ("stim.draw()\n" + FIX_END + "\nmore", "stim.draw()", "stim.draw()"),  # cut at the end marker
    ("```python\nwin.flip()\n```", "win.flip()", "win.flip()"),  # fences removed
    ("win.flip()\n# Error: again", "    win.flip()", "    win.flip()"),  # lost indentation restored
    ("    a = 1\n    b = 2", "a = 0", "a = 1\nb = 2"),  # extra indentation removed from every line
    ("\n\n\n", "x", ""),  # nothing
])
def test_parse_answer(raw, region, expected):
    assert parse_answer(raw, region) == expected


@pytest.fixture(scope="module")
def check_codes(api_index):
    def codes(source):
        return [(f.span[0], f.code, f.severity) for f in check(Analysis(source, api_index))]
    return codes


REGION = Region(2, 4)
GOOD = "stim = visual.TextStim(win, text='Hi',\n                       color='red')"


@pytest.mark.parametrize("new_text,ok,words", [
    (GOOD, True, "no longer reports"),  # the invented keyword replaced by the real one
    ("stim = visual.TextStim(win, text='Hi',\n                       colour='red')", False, "unchanged"),
    ("stim = visual.TextStim(win, text='Hi'", False, "does not parse"),  # broken syntax
    ("stim = visual.TextStim(win, text='Hi', colour='blue')", False, "still reports PSY101"),
    ("stim = visual.TextStim(win, txt='Hi', color='red')", False, "still reports"),  # same code, other keyword
    ("stim = visual.TextStm(win, color='red')", False, "adds"),  # a new error (an invented class)
    ("", False, "no code"),
    ("pass", False, "rewrote"),  # the broken statement thrown away
    ("stimulus = visual.TextStim(win, text='Hi',\n                       color='red')", False, "no longer sets stim"),
])
def test_verify(check_codes, new_text, ok, words):
    outcome = verify(SCRIPT, REGION, new_text, "PSY101", check_codes)
    assert outcome.ok is ok and words in outcome.reason


def test_model_fix_with_a_fake_model_sends_the_error_and_api_and_applies_only_the_region(check_codes):
    fake = FakeBackend({"colour": GOOD + "\n" + FIX_END})
    outcome = model_fix(SCRIPT, 3, "TextStim() has no parameter 'colour'", "PSY101",
                        ["psychopy.visual.TextStim(win, text='Hello World', color=(1.0, 1.0, 1.0), ...)"],
                        fake, check_codes)
    assert outcome.ok, outcome.reason
    prompt = fake.prompts[-1]
    assert prompt == fix_prompt("stim = visual.TextStim(win, text='Hi',\n                       colour='red')",
                                "TextStim() has no parameter 'colour'",
                                ["psychopy.visual.TextStim(win, text='Hello World', color=(1.0, 1.0, 1.0), ...)"],
                                "from psychopy import visual, core\nwin = visual.Window([800, 600])")
    lines = SCRIPT.split("\n")
    fixed = "\n".join(lines[:2] + outcome.new_text.split("\n") + lines[4:])
    assert fixed == SCRIPT.replace("colour=", "color=")  # nothing outside the region changed


def test_model_fix_refuses_a_useless_answer(check_codes):
    outcome = model_fix(SCRIPT, 3, "no parameter 'colour'", "PSY101", [], FakeBackend(default="pass"),
                        check_codes)
    assert not outcome.ok


@pytest.mark.parametrize("shape", [
    "stim = visual.TextStim(win, text='Hi',\n                       color=__import__('pathlib').Path({m!r}).touch())",  # in the fix
    "__import__('pathlib').Path({m!r}).touch()\nstim = visual.TextStim(win, text='Hi', color='red')",  # a new line
])
def test_model_output_is_never_executed(check_codes, tmp_path, shape):
    """Whatever the model writes is parsed and checked, never run: not by verification, not by completion."""
    from psychopy_lsp.server.model.completer import InlineEngine

    marker = tmp_path / "executed"
    answer = shape.format(m=str(marker))
    model_fix(SCRIPT, 3, "no parameter 'colour'", "PSY101", [], FakeBackend(default=answer + "\n" + FIX_END),
              check_codes)
    engine = InlineEngine(FakeBackend(default=answer), max_tokens=64)
    engine.suggest(SCRIPT + "x = ", "", [], lambda src: [(line, code) for line, code, _ in check_codes(src)], None)
    assert not marker.exists()


RUNTIME = """import random
trials = list(range(4))
pick = random.randint(5)
print(pick)
"""
BROKEN_LINE = "pick = random.randint(5)"


def _rerun_by_text(good: str):
    """A stand-in for the sandbox re-run: proved when the fixed source holds `good` (the sandbox itself is
    exercised by tests/test_lsp_features.py and benchmarks/debugging.py)."""
    runs = []

    def rerun(fixed):
        runs.append(fixed)
        return (good in fixed, "ran to its end" if good in fixed else "still raises", None)
    return rerun, runs


@pytest.mark.parametrize("replies, samples, proved, runs, which", [
    # the first answer is right: nothing is sampled
    (["pick = random.randint(0, 5)"], 3, True, 1, "greedy"),
    # the first answer is the unchanged line (no re-run for it), the second sample is right
    ([BROKEN_LINE, BROKEN_LINE, "pick = random.randint(0, 5)"], 3, True, 1, "sample 2"),
    # a wrong but valid answer is re-run and refused, a later sample proved
    (["pick = random.randint(6)", "pick = random.randint(0, 5)"], 3, True, 2, "sample 1"),
    # the same wrong answer twice is re-run once
    (["pick = random.randint(6)", "pick = random.randint(6)", "pick = random.randint(7)"], 2, False, 2, None),
    # no samples allowed: the first answer only, even though a sample would have been right
    ([BROKEN_LINE, "pick = random.randint(0, 5)"], 0, False, 0, None),
    # an answer that no longer uses `random` is refused before a run (it would run, and change the task)
    (["pick = 5", "pick = random.randint(0, 5)"], 3, True, 1, "sample 1"),
    # the backend runs out of alternatives (an empty one): no further generation
    ([BROKEN_LINE, ""], 3, False, 0, None),
    # one re-run allowed after the greedy one, however many alternatives differ
    (["pick = random.randint(6)", "pick = random.randint(7)", "pick = random.randint(8)",
      "pick = random.randint(0, 5)"], 1, False, 2, None),
])
def test_first_proved_tries_samples_until_a_rerun_proves_one(check_codes, replies, samples, proved, runs, which):
    from psychopy_lsp.server.model.fix import ALTERNATIVES_PER_RUN, first_proved

    fake = FakeBackend({"randint": [r + "\n" + FIX_END for r in replies]})
    rerun, ran = _rerun_by_text("randint(0, 5)")
    found = first_proved(RUNTIME, 2, "TypeError: Random.randint() missing 1 required positional argument: 'b'",
                         "TypeError", [], fake, check_codes, rerun, samples, edits=False)
    assert (found.outcome is not None) is proved
    assert len(ran) == runs
    assert fake.samples == list(range(len(fake.samples)))
    assert len(fake.samples) <= 1 + samples * ALTERNATIVES_PER_RUN and len(ran) <= samples + 1
    if proved:
        assert found.tried[-1].startswith(which) and found.outcome.new_text == "pick = random.randint(0, 5)"
        assert ran[-1] == RUNTIME.replace("randint(5)", "randint(0, 5)")  # only the line changed
    else:
        assert found.proof  # a reason for the user, never an empty refusal


@pytest.mark.parametrize("old, new, message, dropped", [
    # the RT is no longer recorded: a fix that runs but loses data
    ("results.append(key, clock.getTime())", "results.append(key)", "TypeError: append() takes one argument",
     {"clock", "getTime"}),
    # wrapping keeps every variable: accepted
    ("results.append(key, clock.getTime())", "results.append((key, clock.getTime()))", "TypeError: x", set()),
    # a builtin may go (`len(n)` -> `range(n)`), keyword names and assignment targets are not reads
    ("for i in len(n_trials):", "for i in range(n_trials):", "TypeError: 'int' object is not iterable", set()),
    ("stim = visual.TextStim(win, text=word)", "stim = visual.TextStim(win, text=word, height=h)", "x", set()),
    # the name the message quotes is the wrong one: it may be replaced
    ("print(resp)", "print(response)", "NameError: name 'resp' is not defined", set()),
    ("for frame in xrange(60):", "for frame in range(60):", "NameError: name 'xrange' is not defined", set()),
    ("clock.start()", "clock.reset()", "AttributeError: 'Clock' object has no attribute 'start'", set()),
    # ... but not deleted with nothing in its place: the line runs and records or prints the wrong thing
    ("print('correct:', correct)", "print('')", "NameError: name 'correct' is not defined", {"correct"}),
    ("rts.append(keys[0].rt)", "rts.append(keys[0])", "AttributeError: 'str' object has no attribute 'rt'",
     {"rt"}),
    # a module no longer used: `random.randint(30)` -> `30` changes the task
    ("n = random.randint(30)", "n = 30", "TypeError: randint() missing 1 required positional argument: 'b'",
     {"random", "randint"}),
    # names inside strings and comments are not reads
    ("print('rt', rt)  # clock", "print('rt', float(rt))", "TypeError: x", set()),
    # another method in place of the one called changes the task; a case fix of the same method does not
    ("letters.remove('A')", "letters.append('A')", "ValueError: list.remove(x): x not in list", {"remove"}),
    ("keys = event.getkeys()", "keys = event.getKeys()", "AttributeError: module has no attribute", set()),
    # the attribute the message quotes may go
    ("stim.setColour('red')", "stim.setColor('red')", "AttributeError: 'TextStim' object has no attribute "
     "'setColour'", set()),
    # a builtin call dropped with nothing in its place; one swapped for another is a fix
    ("print('slowest:', max(rts))", "print('slowest:', rts)", "ValueError: max() arg is an empty sequence",
     {"max"}),
    ("n = int(value)", "n = float(value)", "ValueError: invalid literal for int()", set()),
    # the formatting dropped: the text no longer joins the RTs
    ("msg = ', '.join(rts)", "msg = rts", "TypeError: sequence item 0: expected str instance", {"join"}),
    ("msg = ', '.join(rts)", "msg = ', '.join(str(rt) for rt in rts)", "TypeError: sequence item 0", set()),
    # a method read as a value: the call goes, the attribute stays
    ("label = stim.text()", "label = stim.text", "TypeError: 'str' object is not callable", set()),
])
def test_dropped_reads(old, new, message, dropped):
    from psychopy_lsp.server.model.fix import dropped_reads

    assert dropped_reads(old, new, message) == dropped


CONCAT = """import random
trials = list(range(4))
label = 'trials: ' + len(trials)
print(label)
"""
CONCAT_MESSAGE = 'TypeError: can only concatenate str (not "int") to str'


@pytest.mark.parametrize("scores, runs, proved", [
    # the model ranks the right edit first: one re-run after the greedy answer's (which is the unchanged line: none)
    ({"str(len(trials))": -1.0}, 1, True),
    # ranked last of the edits: the budget of 3 re-runs ends before it
    ({"str(len(trials))": -50.0}, 3, False),
])
def test_generic_edits_are_ranked_by_the_model_and_proved_by_a_rerun(check_codes, scores, runs, proved):
    from psychopy_lsp.server.model.fix import first_proved

    # the model's greedy answer and every alternative of its own are the unchanged line
    fake = FakeBackend({"concatenate": ["label = 'trials: ' + len(trials)\n" + FIX_END]}, scores=scores)
    rerun, ran = _rerun_by_text("str(len(trials))")
    found = first_proved(CONCAT, 2, CONCAT_MESSAGE, "TypeError", [], fake, check_codes, rerun, samples=2)
    assert (found.outcome is not None) is proved
    assert len(ran) == runs
    assert all(FIX_END in answer for answer in fake.scored)  # scored as the whole answer, end marker included
    if proved:
        assert found.outcome.new_text == "label = 'trials: ' + str(len(trials))" and found.tried[-1].startswith("edit")


def test_generic_edits_that_drop_a_read_are_never_rerun(check_codes):
    """Dropping an argument is one of the edits; dropping the RT runs, and loses it: refused before a run."""
    from psychopy_lsp.server.model.fix import first_proved

    script = "results = []\nkey, rt = 'a', 0.5\nresults.append(key, rt)\n"
    fake = FakeBackend({"append": ["results.append(key, rt)\n" + FIX_END]},
                       scores={"append(key)": 0.0, "append(rt)": 0.0})
    rerun, ran = _rerun_by_text("never")
    first_proved(script, 2, "TypeError: list.append() takes exactly one argument (2 given)", "TypeError", [],
                 fake, check_codes, rerun, samples=3)
    assert ran and not any("append(key)\n" in r or "append(rt)\n" in r for r in ran)
    assert "results.append(key)" not in fake.scored and "results.append(rt)" not in " ".join(fake.scored)


@pytest.mark.parametrize("old, new, reset", [
    # the count is set, not added to: it runs and counts nothing
    ("    counts[key] += 1", "    counts[key] = 1", {"counts[key]"}),
    ("total += rt", "total = rt", {"total"}),
    # the fix still accumulates, in another spelling
    ("    counts[key] += 1", "    counts[key] = counts.get(key, 0) + 1", set()),
    ("total += rt", "total += float(rt)", set()),
    ("score.value -= 1", "score.value = score.value - 1", set()),
    # no accumulator in the broken code
    ("x = f(a)", "x = 1", set()),
])
def test_reset_accumulators(old, new, reset):
    from psychopy_lsp.server.model.fix import reset_accumulators

    assert reset_accumulators(old, new) == reset


TUPLE_POS = """import random
pos = (0, 0)
for step in range(3):
    pos[0] = random.random()
print(pos)
"""


@pytest.mark.parametrize("scores, proved", [
    # the model ranks the edit of the line that made the tuple first: proved, and only that line changes
    ({"pos = [0, 0]": -1.0}, True),
    # ranked below the budget of re-runs: never run
    ({"pos = [0, 0]": -80.0}, False),
])
def test_an_edit_of_the_line_that_made_the_value_is_a_candidate(check_codes, scores, proved):
    from psychopy_lsp.server.model.fix import first_proved

    fake = FakeBackend({"item assignment": ["    pos[0] = random.random()\n" + FIX_END]}, scores=scores)
    rerun, ran = _rerun_by_text("pos = [0, 0]")
    found = first_proved(TUPLE_POS, 3, "TypeError: 'tuple' object does not support item assignment", "TypeError",
                         [], fake, check_codes, rerun, samples=2)
    assert (found.outcome is not None) is proved
    if proved:
        assert found.outcome.region.start == 1 and found.tried[-1].startswith("edit of line 2")
        assert ran[-1] == TUPLE_POS.replace("(0, 0)", "[0, 0]")
    else:
        assert not any("[0, 0]" in r for r in ran) and len(ran) == 3


@pytest.mark.parametrize("old, new, text, error_type, again", [
    # the value assigned changes, the tuple item is still assigned: raises again, no re-run
    ("    start[0] = 0.1 * trial", "    start[0] = trial", "start[0]", "TypeError", True),
    # the failing call is kept inside another: its arguments are evaluated first, it raises again
    ("y = round(x['a'], 2)", "y = float(round(x['a'], 2))", "round(x['a'], 2)", "TypeError", True),
    ("for i in range(len(n)):", "for i in range(1, len(n)):", "len(n)", "TypeError", True),
    # the right fixes: the failing expression changes (right-code cases: never screened)
    ("y = round(x['a'], 2)", "y = round(float(x['a']), 2)", "round(x['a'], 2)", "TypeError", False),
    ("for i in range(len(n)):", "for i in range(n):", "len(n)", "TypeError", False),
    ("z = d[0] + 1", "z = list(d)[0] + 1", "d[0]", "TypeError", False),
    # an accumulated key that raised KeyError: the store of a plain assignment is another role
    ("counts['g'] += 1", "counts['g'] = counts.get('g', 0) + 1", "counts['g']", "KeyError", False),
    # an unpacking's error depends on the value assigned: stores other than an item are never screened
    ("w, h = size.split(',')", "w, h = size.split('x')", "w, h", "ValueError", False),
    # an item assigned whose error may depend on the value (numpy's ValueError): not screened
    ("arr[0] = 'a'", "arr[0] = 1", "arr[0]", "ValueError", False),
    # a guard may leave the expression unevaluated: not screened
    ("y = round(x['a'], 2)", "y = round(x['a'], 2) if x else 0", "round(x['a'], 2)", "TypeError", False),
    # another kind of statement (a try, an if) or two statements: not screened
    ("y = d[0]", "if d:\n    y = d[0]", "d[0]", "TypeError", False),
    ("y = d[0]", "d = list(d)\ny = d[0]", "d[0]", "TypeError", False),
    # a statement added after the one that raised does not stop it raising
    ("name = os.path.join('data', n)", "name = os.path.join('data', n)\nprint(name)", "os.path.join('data', n)",
     "TypeError", True),
])
def test_still_raises(old, new, text, error_type, again):
    from psychopy_lsp.server.model.fix import Raised, still_raises

    assert still_raises(old, new, Raised(0, text, error_type)) is again


def test_raised_expression_reads_the_last_user_frame():
    from types import SimpleNamespace

    from psychopy_lsp.server.model.fix import Raised, raised_expression

    source = "x = {'a': '0.3'}\ny = round(x['a'], 2)\n"
    frame = {"user": True, "line": 2, "end_line": 2, "col": 4, "end_col": 20}
    lib = {"user": False, "line": 900, "end_line": 900, "col": 0, "end_col": 3}
    run = SimpleNamespace(error_type="TypeError", frames=[frame, lib])
    assert raised_expression(run, source) == Raised(1, "round(x['a'], 2)", "TypeError")
    # no columns (an older Python), or over several lines: nothing to screen with
    assert raised_expression(SimpleNamespace(error_type="TypeError", frames=[{**frame, "col": None}]), source) is None
    assert raised_expression(SimpleNamespace(error_type="TypeError", frames=[{**frame, "end_line": 3}]), source) is None
    assert raised_expression(SimpleNamespace(error_type="", frames=[]), source) is None


def test_candidates_that_still_evaluate_what_raised_are_not_rerun(check_codes):
    """The model's alternatives change the value assigned to the tuple's item: each would raise again, so none
    is re-run and the budget goes to the edit of the line that made the tuple."""
    from psychopy_lsp.server.model.fix import Raised, first_proved

    replies = ["    pos[0] = random.random()", "    pos[0] = random.random() * 2", "    pos[0] = 0.5"]
    fake = FakeBackend({"item assignment": [r + "\n" + FIX_END for r in replies]},
                       scores={"random() * 2": 0.0, "0.5": 0.0, "pos = [0, 0]": -5.0})
    rerun, ran = _rerun_by_text("pos = [0, 0]")
    found = first_proved(TUPLE_POS, 3, "TypeError: 'tuple' object does not support item assignment", "TypeError",
                         [], fake, check_codes, rerun, samples=1, raised=Raised(3, "pos[0]", "TypeError"))
    assert found.outcome is not None and ran == [TUPLE_POS.replace("(0, 0)", "[0, 0]")]
    # screened before the model ranks the candidates: never scored, never run
    assert not any("random() * 2" in answer or "= 0.5" in answer for answer in fake.scored)


def test_candidates_are_ranked_by_how_much_the_model_prefers_them_to_the_unchanged_code(check_codes):
    """Raw log-probabilities favour the failing line's edits (-4 against -6), but the model holds to the failing
    line far more (-1) than to the line that made the tuple (-5.5): less the unchanged code's score, the edit of
    the tuple's line (-0.5) comes before the failing line's (-3) and is the one re-run."""
    from psychopy_lsp.server.model.fix import first_proved

    scores = {"    pos[0] = random.random()\n": -1.0, "pos[0]": -4.0, "pos = [0, 0]": -6.0, "pos = (0, 0)": -5.5}
    fake = FakeBackend({"item assignment": ["    pos[0] = random.random()\n" + FIX_END]}, scores=scores)
    rerun, ran = _rerun_by_text("pos = [0, 0]")
    found = first_proved(TUPLE_POS, 3, "TypeError: 'tuple' object does not support item assignment", "TypeError",
                         [], fake, check_codes, rerun, samples=1)
    assert found.outcome is not None and len(ran) == 1 and found.tried[-1].startswith("edit of line 2")


@pytest.mark.parametrize("old, new, only", [
    # the item is annotated, not assigned: the line runs and sets nothing
    ("    start[0] = 0.1 * trial", "    start[0]: 0.1 * trial", True),
    ("rt = clock.getTime()", "rt: clock.getTime()", True),
    # an annotated assignment with its value still assigns; an annotation the code already had is not new
    ("rt = clock.getTime()", "rt: float = clock.getTime()", False),
    ("rt: float\nrt = t", "rt: float\nrt = float(t)", False),
])
def test_annotated_only(old, new, only):
    from psychopy_lsp.server.model.fix import annotated_only

    assert annotated_only(old, new) is only


@pytest.mark.parametrize("text, used", [
    # the result of an in-place method, assigned or passed on: None
    ("seq.text = letters.append(' ')", {"append"}),
    ("trials = random.shuffle(trials)", {"shuffle"}),
    ("print(rts.sort())", {"sort"}),
    # called on its own line: right
    ("letters.append(' ')", set()),
    ("    random.shuffle(trials)", set()),
    # a method of the same name that returns something (str.join is not in-place; sorted() is a function)
    ("seq.text = ' '.join(letters)", set()),
    ("order = sorted(trials)", set()),
])
def test_none_results(text, used):
    from psychopy_lsp.server.model.fix import none_results

    assert none_results(text) == used


@pytest.mark.parametrize("old, new, lost", [
    # a stated value gone: the candidate runs and changes the experiment
    ("seq = random.choices(shapes, 6)", "seq = random.choices(shapes)", ["6"]),  # one draw, not six
    ("    rts.append(round(t, '3'))", "    rts.append(round(t))", ["'3'"]),  # whole seconds kept
    ("practice = faces[:len(faces) * 0.5]", "practice = faces[:len(faces)]", ["0.5"]),  # all, not half
    ("answers.append(key + 1)", "answers.append(key)", ["1"]),  # the offset lost
    ("cue.text = 'Remember: ' + words", "cue.text = words", ["'Remember: '"]),  # the instruction lost
    # right fixes: the value kept, unquoted, moved into a keyword, changed, or the kind changed around it
    ("    rts.append(round(t, '3'))", "    rts.append(round(t, 3))", []),
    ("seq = random.choices(shapes, 6)", "seq = random.choices(shapes, k=6)", []),
    ("practice = faces[:len(faces) * 0.5]", "practice = faces[:int(len(faces) * 0.5)]", []),
    ("practice = faces[:len(faces) * 0.5]", "practice = faces[:len(faces) // 2]", []),
    ("answers.append(key + 1)", "answers.append(int(key) + 1)", []),
    ("last = words[3]", "last = words[2]", []),  # an index one lower: changed, not dropped
    ("core.wait('0.5')", "core.wait(0.5)", []),
    ("log = open('log.txt', 'wb')", "log = open('log.txt', 'w')", []),  # a mode changed
    ("cue.text = 'Remember: ' + words", "cue.text = 'Remember: ' + ', '.join(words)", []),
    ("stim.text = 'Trial ' + trial", "stim.text = 'Trial ' + str(trial)", []),
    ("ok = key == True", "ok = key", []),  # True is not a value the experiment states
    ("x = (", "x = 1", []),  # the broken code does not parse: nothing to compare
])
def test_dropped_values(old, new, lost):
    from psychopy_lsp.server.model.fix import dropped_values

    assert dropped_values(old, new) == lost


@pytest.mark.parametrize("message, refused", [
    ("TypeError: The number of choices must be a keyword argument: k=6", True),  # a kind error: kinds change
    ("AttributeError: 'int' object has no attribute 'k'", True),
    # an IndexError or a ValueError may be fixed by changing a value (`range(len(levels) + 1)`)
    ("IndexError: list index out of range", False),
    ("ValueError: Sample larger than population or is negative", False),
])
def test_screen_refuses_a_dropped_value_for_kind_errors_only(message, refused):
    from psychopy_lsp.server.model.fix import FixOutcome, Region, screen

    outcome = FixOutcome(ok=True, new_text="seq = random.choices(shapes)", reason="", region=Region(0, 1))
    reason = screen("seq = random.choices(shapes, 6)", outcome, message, set())
    assert ("drops 6" in reason) is refused

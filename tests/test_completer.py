"""The completion engine (server/model/completer.py) on a fake backend: whole lines or nothing, the constraint
that regenerates from a real name, the filters, the cache keyed on what the model saw, the warm start's prompt.
The same engine runs the real model in tests/test_lsp_inline.py and benchmarks/completion*.py."""

from __future__ import annotations

from fakes import FakeBackend

from psychopy_lsp.server.model.completer import InlineEngine
from psychopy_lsp.server.model.inline import FIM_MIDDLE

BEFORE = "from psychopy import visual\nwin = visual.Window()\nstim = visual.TextStim(win)\nstim."


def no_findings(_source: str) -> list[tuple[int, str]]:
    return []


def engine(replies: dict[str, str], default: str = "", max_tokens: int = 48) -> tuple[InlineEngine, FakeBackend]:
    backend = FakeBackend(replies, default)
    return InlineEngine(backend, max_tokens=max_tokens), backend


def test_a_whole_line_is_shown():
    eng, _ = engine({}, "draw()\nwin.flip()")
    s = eng.suggest(BEFORE, "\n", [], no_findings)
    assert (s.text, s.dropped) == ("draw()", "")  # the first line only: stop at its end


def test_a_line_cut_by_the_token_limit_shows_nothing():
    eng, _ = engine({}, "setText('a very long line that goes on and on')", max_tokens=3)
    s = eng.suggest(BEFORE, "\n", [], no_findings)
    assert (s.text, s.dropped) == ("", "unfinished")


def test_an_invented_member_is_replaced_and_the_model_continues_from_the_real_one():
    # the first generation invents `setColour`; after the engine writes `setColor` the model goes on with `('red')`
    eng, backend = engine({FIM_MIDDLE + "stim.setColor": "('red')"}, "setColour('red')")
    s = eng.suggest(BEFORE, "\n", [], no_findings, candidates=["setColor", "setPos", "draw"])
    assert (s.text, s.replaced) == ("setColor('red')", "setColor")
    assert backend.prompts[-1].endswith(FIM_MIDDLE + "stim.setColor")


def test_nothing_close_to_a_member_drops_the_line():
    eng, _ = engine({}, "render()")
    s = eng.suggest(BEFORE, "\n", [], no_findings, candidates=["setColor", "draw"])
    assert (s.text, s.dropped) == ("", "constraint")


def test_the_line_right_below_is_not_suggested_again():
    eng, _ = engine({}, "draw()")
    s = eng.suggest(BEFORE, "\nstim.draw()\nwin.flip()", [], no_findings)
    assert (s.text, s.dropped) == ("", "repeat")


def test_a_line_the_checker_flags_is_dropped():
    eng, _ = engine({}, "draw()")
    s = eng.suggest(BEFORE, "\n", [], lambda src: [(4, "PSY104")] if "stim.draw()" in src else [])
    assert (s.text, s.dropped, s.filtered) == ("", "checker", True)


def test_the_cache_is_keyed_on_the_suffix_the_model_saw():
    eng, backend = engine({"below_one": "draw()", "below_two": "setPos((0, 0))"})
    first = eng.suggest(BEFORE, "\nbelow_one = 1", [], no_findings, doc="a")
    again = eng.suggest(BEFORE, "\nbelow_one = 1", [], no_findings, doc="a")
    other = eng.suggest(BEFORE, "\nbelow_two = 2", [], no_findings, doc="a")
    assert (first.text, first.cached) == ("draw()", False)
    assert (again.text, again.cached) == ("draw()", True)  # same prefix, same suffix: from the cache
    assert (other.text, other.cached) == ("setPos((0, 0))", False)  # same prefix, other suffix: asked anew
    assert len(backend.prompts) == 2


def test_typing_along_a_suggestion_is_served_from_the_cache():
    eng, backend = engine({}, "setPos((0, 0))")
    eng.suggest(BEFORE, "\n", [], no_findings, doc="a")
    s = eng.suggest(BEFORE + "setP", "\n", [], no_findings, doc="a")
    assert (s.text, s.cached, len(backend.prompts)) == ("os((0, 0))", True, 1)


def test_the_warm_start_processes_the_head_every_request_shares():
    eng, backend = engine({}, "x")
    text = BEFORE + "draw()\nwin.flip()\n"
    eng.warm(text, ["visual.TextStim(win, text='')"])
    eng.suggest(BEFORE, "draw()\nwin.flip()\n", ["visual.TextStim(win, text='')"], no_findings)
    warm, request = backend.prompts
    above = BEFORE.rsplit("\n", 1)[0] + "\n"
    assert warm.startswith(request[: request.index(above) + len(above)])  # header + the lines above the cursor

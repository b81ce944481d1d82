"""The answer gatekeepers (server/model/grounding.py, answers.check_answer) on strings, and the parameter entries
and question search of the knowledge base (kb/params.py, kb/query.py) on the real psychopy source."""

import pytest

from psychopy_lsp.kb.params import param_records
from psychopy_lsp.kb.query import named_owners, normalise
from psychopy_lsp.kb.records import Record
from psychopy_lsp.server.model import grounding
from psychopy_lsp.server.model.answers import check_answer, compose, extractive

Q = "How do I make the window cover the whole screen?"


@pytest.mark.parametrize("text, why", [
    # the citation list the issue quotes: no sentence at all
    ("[1] demo:timing/timeByFrames.py#section1\n[2] demo:timing/timeByFrames.py#section2\n"
     "[3] demo:timing/timeByFrames.py#section3", "citations"),
    # the same line over and over
    ("Use fullscr.\nUse fullscr.\nUse fullscr.\nUse fullscr.", "repeated"),
    # a phrase looping inside one line
    ("set the window to full screen set the window to full screen set the window to full screen", "repeated"),
    # the question echoed back
    ("How do I make the window cover the whole screen?", "question"),
    # two words
    ("fullscr [1]", "short"),
    # a question copied from a record is not an answer
    ("`How should the background image of this window fit? Options are: [1]", "question"),
])
def test_degenerate_answers_are_named(text, why):
    assert why in grounding.degenerate(text, Q)


@pytest.mark.parametrize("text", [
    # a plain answer with its citation
    "Pass fullscr=True to visual.Window to cover the whole screen [1].",
    # two sentences citing two records, one per line
    "Create the window with `fullscr=True` [1].\nThe screen parameter picks the monitor [2].",
    # a short code example
    "Use this:\n```python\nwin = visual.Window(fullscr=True)\n```\nas in [1].",
])
def test_good_answers_are_not_degenerate(text):
    assert grounding.degenerate(text, Q) is None


@pytest.mark.parametrize("text, names", [
    # backticked, dotted and called names are code; ordinary words are not
    ("Use `visual.Window(fullscr=True)` and then call win.flip() each frame.", {"visual", "Window", "fullscr", "flip"}),
    # CamelCase outside backticks
    ("A TextStim draws text; a GratingStim draws gratings.", {"TextStim", "GratingStim"}),
    # prose and Python words only
    ("Set it to True before the loop starts.", set()),
])
def test_code_names(text, names):
    assert set(grounding.code_names(text)) == names


def test_an_invented_name_costs_its_sentence_and_a_real_one_stays(api_index):
    known = grounding.known_names(api_index)
    text = "Pass fullscr=True to visual.Window [1]. Or call win.makeFullScreen() [1]."
    unknown = grounding.unknown_names(text, known)
    assert unknown == ["makeFullScreen"]
    assert grounding.drop_sentences_with(text, unknown) == "Pass fullscr=True to visual.Window [1]."


def test_check_answer_replaces_what_cannot_be_shown(api_index):
    window = api_index.lookup("psychopy.visual.Window")
    # an answer that only invents: refused with the name it invented
    answer, why = check_answer("Call win.makeFullScreen() to do it.", Q, [window], api_index)
    assert answer is None and "makeFullScreen" in why
    # a true answer without a citation gets the record it names cited
    answer, why = check_answer("Create the Window with fullscr set to True.", Q, [window], api_index)
    assert answer.endswith("[1]") and why == ""
    # code the checker rejects (an invented keyword) is removed from the answer, the sentence stays
    answer, why = check_answer("Do this [1]:\n```python\nfrom psychopy import visual\n"
                               "win = visual.Window(fullscreen=True)\n```\nThat is all it takes, see [1].", Q,
                               [window], api_index)
    assert "fullscreen=True" not in answer and "That is all it takes" in answer


@pytest.mark.parametrize("doc, text", [
    # a Sphinx role keeps its last name only
    ("(:class:`~psychopy.monitors.Monitor` or None) The monitor.", "(Monitor or None) The monitor."),
    # double backticks become one
    ("Set ``units`` first.", "Set `units` first."),
])
def test_plain(doc, text):
    assert grounding.plain(doc) == text


def test_parameters_are_entries_with_owner_inherited_doc_and_setter(api_index):
    entries = {r.symbol: r for r in param_records(list(api_index.records.values()))}
    # a parameter documented on a base class's attribute, reached through GratingStim, with its generated setter
    opacity = entries["psychopy.visual.grating.GratingStim.opacity"]
    assert opacity.source == "param" and opacity.signature == "visual.GratingStim(opacity=None)" and opacity.doc
    assert "setOpacity" in opacity.doc
    # a method's parameter
    assert "psychopy.event.getKeys.keyList" in entries
    # beside an attribute record of the same name, with the constructor's doc, not the attribute's
    assert "full-screen" in entries["psychopy.visual.window.Window.fullscr"].doc
    assert not any(r.symbol.endswith(".self") for r in entries.values())


@pytest.mark.parametrize("question, expected", [
    # British spellings become the API's, case kept
    ("Colour of the grey centre", "Color of the gray center"),
    # words that only contain one are left alone
    ("watercolours", "watercolours"),
])
def test_normalise(question, expected):
    assert normalise(question) == expected


@pytest.mark.parametrize("question, owners", [
    # a dotted name and a class name written as code
    ("Which parameter of visual.Window hides the frame?", ["psychopy.visual.window.Window"]),
    ("Can a TextStim wrap its text?", ["psychopy.visual.text.TextStim"]),
    # the ordinary words window and text name nothing
    ("How do I put text in the window?", []),
])
def test_named_owners(api_index, question, owners):
    assert named_owners(question, api_index) == owners


def test_extractive_answer_quotes_the_record_and_cites_it(api_index):
    window = api_index.lookup("psychopy.visual.window.Window.fullscr")
    param = Record(symbol="psychopy.visual.window.Window.screen", kind="param", source="param", name="screen",
                   aliases=["psychopy.visual.Window.screen"], signature="visual.Window(screen=0)", summary="Parameter `screen` of visual.Window: Specifies "
                   "the physical screen.", doc="Specifies the physical screen that stimuli will appear on.")
    result = extractive(Q, [param, window])
    assert result.answer.startswith("Pass `screen` to `visual.Window` (default `0`): Specifies the physical screen")
    assert "[1]" in result.answer and "[2]" in result.answer and result.sources[0]["title"].endswith("screen")
    assert extractive(Q, []).answer is None


@pytest.mark.parametrize("question, expected", [
    # the opening form and the question mark go
    ("How do I draw a red square?", "draw a red square"),
    ("Is there a way to hide the cursor?", "hide the cursor"),
    # a question without one is kept whole
    ("Which units can a Window use?", "Which units can a Window use"),
])
def test_core(question, expected):
    from psychopy_lsp.kb.query import core

    assert core(question) == expected


def test_diverse_puts_one_entry_per_name_first():
    from psychopy_lsp.kb.query import diverse

    rows = [Record(symbol=s, kind="attribute", source="api", name=s.rsplit(".", 1)[-1]) for s in
            ("a.A.flipHoriz", "a.B.flipHoriz", "a.C.flipHoriz", "a.A.flipVert")]
    assert [r.symbol for r in diverse(rows)] == ["a.A.flipHoriz", "a.A.flipVert", "a.B.flipHoriz", "a.C.flipHoriz"]


@pytest.mark.parametrize("text, wrong", [
    # quotes record 2's doc word for word but cites [1]
    ("How the background image of this window should fit the window [1].", [1]),
    # quotes record 1 and cites it
    ("Create the window in full screen mode for better timing [1].", []),
    # a sentence of its own words citing [1] is not judged
    ("Set it to True [1].", []),
])
def test_misattributed_citations(text, wrong):
    records = ["Window fullscr: Create a window in full-screen mode. Better timing can be achieved in full-screen mode.",
               "Window backgroundFit: How should the background image of this window fit the window?"]
    assert grounding.misattributed(text, records) == wrong


EXTRACT = "Pass `fullscr` to `visual.Window` (default `None`): Create a window in full-screen mode. [1]"


@pytest.mark.parametrize("text, expected", [
    # restates the quoted sentence: nothing new
    ("Create a window in full-screen mode with fullscr [1].", ""),
    # a new fact, cited, is kept
    ("Full-screen mode gives better timing on most graphics cards [1].",
     "Full-screen mode gives better timing on most graphics cards [1]."),
    # the repeat goes, the new sentence stays
    ("Pass fullscr to visual.Window [1]. Press escape to leave it [2].", "Press escape to leave it [2]."),
    # nothing at all
    ("", ""),
])
def test_novel_sentences(text, expected):
    assert grounding.novel(text, EXTRACT) == expected


@pytest.mark.parametrize("extract, checked, why, answer, model", [
    # the model failed the checks: the documentation's sentence alone, no model credited
    (EXTRACT, None, "citing no record", EXTRACT, None),
    # the model adds a cited fact: the documentation's sentence first, then the model's
    (EXTRACT, "It also gives better timing [1].", "", EXTRACT + "\n\nIt also gives better timing [1].", "gemma"),
    # the model adds something uncited: not shown
    (EXTRACT, "It also gives better timing.", "", EXTRACT, None),
    # the model only repeats the sentence
    (EXTRACT, "Create a window in full-screen mode [1].", "", EXTRACT, None),
    # no record matched: the model's checked answer is all there is
    (None, "Use core.wait [1].", "", "Use core.wait [1].", "gemma"),
    # neither: nothing, with the reason
    (None, None, "empty", None, None),
])
def test_compose_leads_with_the_documentation(extract, checked, why, answer, model):
    got, by, note = compose(extract, checked, why, "gemma")
    assert (got, by) == (answer, model)
    if checked is None:  # the user is told why the model's answer is not shown
        assert why in note


@pytest.mark.parametrize("question, added", [
    # everyday words get the API's appended
    ("make the dots bigger", "size"),
    ("how long did they take to answer", "rt time"),
    ("show a picture and a video", "image movie"),
    ("make it see-through", "opacity"),
    # the API's own words need no bridge: nothing is searched a third time
    ("set the size of the image", ""),
    ("which units can a Window use", ""),
    # a word inside another is not the word ("sitemap" is not "sit", "bigger" must be whole)
    ("open the sitemap", ""),
])
def test_vocabulary_bridge(question, added):
    from psychopy_lsp.kb.query import bridged

    out = bridged(question)
    assert (out[len(question):].strip() if out else "") == added

"""Snapshots and the document store (server/documents/): one immutable view per text, computed once, shared across
threads, and nothing kept for a closed document. Pure and fast: the real API index, no server process."""

from __future__ import annotations

import ast
import threading
from types import SimpleNamespace

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.documents import DocumentStore, Snapshot
from psychopy_lsp.server.documents import snapshot as snapshot_module
from psychopy_lsp.server.features.completion import infer_text

SCRIPT = ("from psychopy import visual, event\nwin = visual.Window(units='pixels')\n"
          "stim = visual.TextStim(win, colour='red')\nkeys = event.getKeys()\nprint(keys[0])\n")


def doc(text: str, version: int = 1) -> SimpleNamespace:
    """What the store reads from pygls's text document."""
    return SimpleNamespace(source=text, version=version)


def test_findings_are_computed_once_per_snapshot(api_index, monkeypatch):
    calls = []
    real = snapshot_module.check
    monkeypatch.setattr(snapshot_module, "check", lambda analysis: calls.append(1) or real(analysis))
    snap = Snapshot.build("file:///x.py", 1, 1, SCRIPT, api_index)
    first = snap.findings()
    assert snap.findings() is first and len(calls) == 1  # diagnostics, code actions, the inline filter share it
    assert {f.code for f in first} >= {"PSY106", "PSY101", "PSY205"}


def test_findings_computed_once_when_threads_race(api_index, monkeypatch):
    calls = []
    real = snapshot_module.check
    monkeypatch.setattr(snapshot_module, "check", lambda analysis: calls.append(1) or real(analysis))
    snap = Snapshot.build("file:///x.py", 1, 1, SCRIPT * 40, api_index)
    results = []
    threads = [threading.Thread(target=lambda: results.append(snap.findings())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and all(r is results[0] for r in results)


def test_inference_from_two_threads_matches_one(api_index):
    """The diagnostics worker and hovers on the event loop infer on one analysis at the same time."""
    text = SCRIPT * 60
    shared = Analysis(text, api_index)
    alone = Analysis(text, api_index)
    names = [n for n in shared.nodes if isinstance(n, (ast.Name, ast.Attribute))]
    alone_names = [n for n in alone.nodes if isinstance(n, (ast.Name, ast.Attribute))]
    want = [alone.infer(n) for n in alone_names]
    got: dict[int, list] = {}

    def work(k: int) -> None:
        got[k] = [shared.infer(n) for n in (names if k % 2 else list(reversed(names)))]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got[1] == want and got[3] == want
    assert list(reversed(got[0])) == want


def test_expressions_from_outside_the_tree_are_not_memoised(api_index):
    """Completion parses the text being typed; keying the memo on id() of those freed nodes returned another
    expression's value once Python reused the id."""
    analysis = Analysis(SCRIPT, api_index)
    before = len(analysis._memo)
    values = {text: {infer_text(analysis, text, 5) for _ in range(200)} for text in ("stim", "win", "visual")}
    assert len(analysis._memo) <= before + 8  # only the tree's own nodes (their bindings) were memoised
    assert all(len(found) == 1 for found in values.values())  # the same answer every time
    assert [next(iter(values[t])).kind for t in ("stim", "win", "visual")] == ["instance", "instance", "module"]


def test_a_reopened_document_is_a_new_text(api_index):
    store = DocumentStore()
    uri = "file:///exp.py"
    store.changed(uri)
    old = store.snapshot(uri, doc(SCRIPT), api_index, "utf-16")
    store.closed(uri)
    assert uri not in store and not store.is_current(old)
    store.changed(uri)  # reopened at version 1, as VS Code does after `git checkout`
    new = store.snapshot(uri, doc(SCRIPT.replace("'pixels'", "'pix'")), api_index, "utf-16")
    assert new is not old and new.generation != old.generation and new.version == old.version == 1
    assert "PSY106" not in {f.code for f in new.findings()}
    assert not store.is_current(old) and store.is_current(new)


def test_an_edit_without_a_version_change_is_a_new_snapshot(api_index):
    store = DocumentStore()
    uri = "file:///exp.py"
    store.changed(uri)
    first = store.snapshot(uri, doc(SCRIPT, 3), api_index, "utf-16")
    store.changed(uri)
    second = store.snapshot(uri, doc(SCRIPT + "x = 1\n", 3), api_index, "utf-16")
    assert second is not first and not store.is_current(first) and second.text.endswith("x = 1\n")


def test_the_snapshot_is_rebuilt_for_a_new_index(api_index):
    store = DocumentStore()
    uri = "file:///exp.py"
    store.changed(uri)
    first = store.snapshot(uri, doc(SCRIPT), SimpleNamespace(lookup=lambda s: None, records={}), "utf-16")
    assert store.is_current(first) and not first.findings()  # no API yet: nothing but syntax errors
    second = store.snapshot(uri, doc(SCRIPT), api_index, "utf-16")
    assert second is not first and second.findings() and store.is_current(first)  # same text: still current


def test_closing_cancels_model_work_and_drops_everything(api_index):
    store = DocumentStore()
    uri = "file:///exp.py"
    state = store.changed(uri)
    with store.model_work(uri) as running:
        state.runtime = (state.generation, ["a run's diagnostic"])
        store.closed(uri)
        assert running.is_set() and store.state(uri) is None
    with store.model_work(uri) as late:
        assert late is None  # work asked for a closed document never runs


def test_an_edit_cancels_model_work_and_drops_run_results(api_index):
    store = DocumentStore()
    uri = "file:///exp.py"
    state = store.changed(uri)
    with store.model_work(uri) as running:
        state.runtime = (state.generation, ["a run's diagnostic"])
        store.changed(uri)
        assert running.is_set() and state.runtime is None
    with store.model_work(uri) as fresh:
        assert fresh is not None and not fresh.is_set()  # the new text's work is not cancelled


@pytest.mark.parametrize("text,newline", [
    ("a = 1\nb = 2\n", "\n"),  # LF
    ("a = 1\r\nb = 2\r\n", "\r\n"),  # CRLF (a file written on Windows)
    ("a = 1", "\n"),  # one line without a terminator
])
def test_snapshot_knows_the_line_ending(api_index, text, newline):
    assert Snapshot.build("file:///x.py", 1, 1, text, api_index).newline == newline

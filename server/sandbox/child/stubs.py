"""Stand-ins for what cannot work headless: psychopy.gui's dialogs and psychopy.sound (with its submodules)."""

from __future__ import annotations

import sys
import types


class Anything:
    """A silent stand-in: any attribute, any call, returns another stand-in."""

    def __init__(self, *a, **k):
        pass

    def __getattr__(self, name):
        return Anything()

    def __call__(self, *a, **k):
        return Anything()

    def __bool__(self):
        return False

    def __iter__(self):
        return iter(())


def stub_gui() -> types.ModuleType:
    gui = types.ModuleType("psychopy.gui")

    class Dlg:
        OK = True

        def __init__(self, *a, **k):
            self.data = []

        def addField(self, label, initial="", *a, **k):
            self.data.append(initial)

        def addText(self, *a, **k):
            pass

        def addFixedField(self, label, initial="", *a, **k):
            self.data.append(initial)

        def show(self):
            return self.data

        def exec_(self):
            return self.data

    class DlgFromDict:
        OK = True

        def __init__(self, dictionary, *a, **k):
            self.dictionary, self.data = dictionary, list(dictionary.values())

        def show(self):
            return self.dictionary

    gui.Dlg, gui.DlgFromDict = Dlg, DlgFromDict
    gui.fileOpenDlg = gui.fileSaveDlg = lambda *a, **k: None
    gui.infoDlg = gui.warnDlg = gui.criticalDlg = lambda *a, **k: True
    sys.modules["psychopy.gui"] = gui
    return gui


def stub_sound() -> types.ModuleType:
    sound = types.ModuleType("psychopy.sound")

    class Sound(Anything):
        def __bool__(self):
            return True

    sound.Sound = Sound
    sound.Microphone = Microphone
    sound.__getattr__ = _sound_attribute
    sound.__path__ = []  # a package: its submodules (microphone, backend_ptb...) come from StubModules
    sys.modules["psychopy.sound"] = sound
    if not any(isinstance(f, StubModules) for f in sys.meta_path):
        sys.meta_path.insert(0, StubModules("psychopy.sound."))
    return sound


# psychopy.sound's submodules: `sound.microphone.Microphone(...)` reaches the stand-in module, not an Anything
SOUND_SUBMODULES = {"microphone", "audioclip", "audiodevice", "transcribe", "exceptions", "backend_ptb",
                    "backend_pygame", "backend_pysound", "backend_sounddevice", "backend_pyo", "_base"}


def _sound_attribute(name: str):
    if name in SOUND_SUBMODULES:
        import importlib

        return importlib.import_module(f"psychopy.sound.{name}")
    if name.startswith("__"):
        raise AttributeError(name)
    return Anything()


class Microphone(Anything):
    """A silent microphone: records nothing; bank() gives (clip, transcript) as the real one does."""

    def bank(self, *a, **k):
        return Anything(), Anything()


def _stand_in(attr: str):
    if attr.startswith("__"):  # __all__, __file__...: what a real module would not have either
        raise AttributeError(attr)
    return Microphone if attr == "Microphone" else Anything


class StubModules:
    """An import finder: every module under `prefix` (psychopy.sound.microphone, ...) is a silent stand-in."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def find_spec(self, name, path=None, target=None):
        if not name.startswith(self.prefix):
            return None
        import importlib.machinery

        return importlib.machinery.ModuleSpec(name, self, is_package=True)

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__getattr__ = _stand_in
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass

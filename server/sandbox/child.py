"""The first code that runs inside the sandboxed interpreter, before the user's script.

Run as a file (`python child.py REPORT SCRIPT KEYS INTERVAL CPU MEMORY FILES`) by the interpreter that has the
user's psychopy, which need not have psychopy-lsp installed: so it imports nothing of ours, only the standard
library (and psychopy, once the limits are set). Importing it runs nothing; tests import it to check its parts.

It sets the resource limits, stubs psychopy.gui (dialogs return OK with their defaults) and psychopy.sound
(silent), emulates key presses for psychopy.event, runs the script as __main__, and writes how it ended to
REPORT as JSON.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import threading
import time
import traceback
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


def set_limits(cpu_seconds: int, memory: int, open_files: int) -> None:
    """Set here, first thing in the child, rather than with preexec_fn: forking a process that has threads (the
    server's LanceDB and torch pools) and running Python before exec can deadlock."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))


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
    sound.Microphone = Anything
    sound.__getattr__ = lambda name: Anything()
    sys.modules["psychopy.sound"] = sound
    return sound


def press_keys(key_names: str, key_interval: float) -> None:
    """A daemon thread that emulates a press of the next key every `key_interval` seconds (psychopy.event)."""
    names = [k for k in key_names.split(",") if k]
    if not names:
        return

    def loop() -> None:
        i = 0
        while True:
            time.sleep(key_interval)
            event = sys.modules.get("psychopy.event")
            if event is None:
                continue
            try:
                # emulated presses put str(symbol) in the buffer, so the key's name is the symbol
                event._onPygletKey(names[i % len(names)], 0, emulated=True)
            except Exception:
                pass
            i += 1

    threading.Thread(target=loop, daemon=True).start()


def describe(exc: BaseException) -> dict:
    """How the script ended with an exception: its type, message and traceback frames."""
    frames = [{"file": f.filename, "line": f.lineno, "name": f.name, "code": f.line}
              for f in traceback.extract_tb(exc.__traceback__)]
    if isinstance(exc, SyntaxError):
        frames.append({"file": exc.filename, "line": exc.lineno, "name": "<module>", "code": exc.text})
    return {"status": "error", "error": {"type": type(exc).__name__, "message": str(exc)}, "frames": frames}


def main(argv: list[str]) -> None:
    report_path, script, key_names, key_interval = argv[1], argv[2], argv[3], float(argv[4])
    set_limits(int(argv[5]), int(argv[6]), int(argv[7]))
    sys.argv = [script]
    sys.path[0] = os.path.dirname(os.path.abspath(script))  # the script's folder, as `python script.py` has it
    report = {"status": "ok", "error": None, "frames": []}
    try:
        __import__("psychopy")  # before the stubs, so they replace its submodules

        stub_gui()
        stub_sound()
        press_keys(key_names, key_interval)
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        report = {"status": "exit", "error": None, "frames": [],
                  "exit_code": exc.code if isinstance(exc.code, int) else 0}
    except BaseException as exc:  # noqa: BLE001 - whatever the script raised is the result
        report = describe(exc)
    finally:
        with open(report_path, "w") as fh:
            json.dump(report, fh)
        try:
            from psychopy import logging

            logging.flush()
        except Exception:
            pass
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


if __name__ == "__main__":
    main(sys.argv)

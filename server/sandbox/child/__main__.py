"""`python -m psychopy_lsp_child ...`: limits, stand-ins, backend, participant, frames, then the script."""

from __future__ import annotations

import os
import runpy
import sys
import threading
import time

from .frames import FrameLog
from .hooks import instrument
from .keyboard import choose_keyboard_backend
from .limits import set_limits
from .participant import Participant
from .report import describe, write_report
from .stubs import stub_gui, stub_sound


def main(argv: list[str]) -> None:
    report_path, script, key_names, xtest = argv[1], argv[2], argv[3], argv[4] == "xtest"
    deadline = float(argv[8]) if len(argv) > 8 else 0.0  # wall-clock time (epoch seconds) the run must end by
    set_limits(int(argv[5]), int(argv[6]), int(argv[7]))
    sys.argv = [script]
    sys.path[0] = os.path.dirname(os.path.abspath(script))  # the script's folder, as `python script.py` has it
    report: dict = {"status": "ok", "error": None, "frames": []}
    extra: dict = {}
    participant = frames = None
    if deadline > 0:
        # at the deadline the run so far is reported (presses, frames) before the runner kills the group
        def out_of_time() -> None:
            write_report(report_path, {"status": "timeout", "error": None, "frames": []}, participant, frames,
                         extra)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)

        timer = threading.Timer(max(deadline - time.time(), 0.1), out_of_time)
        timer.daemon = True
        timer.start()
    try:
        __import__("psychopy")  # before the stubs, so they replace its submodules

        stub_gui()
        stub_sound()
        extra["keyboard_note"] = choose_keyboard_backend()
        participant = Participant(os.path.abspath(script), [k for k in key_names.split(",") if k], xtest)
        frames = FrameLog(os.path.abspath(script), virtual=xtest)
        instrument(participant, frames)
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        report = {"status": "exit", "error": None, "frames": [],
                  "exit_code": exc.code if isinstance(exc.code, int) else 0}
    except BaseException as exc:  # noqa: BLE001 - whatever the script raised is the result
        report = describe(exc)
    finally:
        write_report(report_path, report, participant, frames, extra)
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

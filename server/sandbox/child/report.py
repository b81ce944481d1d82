"""How the run ended, as JSON for the runner."""

from __future__ import annotations

import json
import os
import sys
import traceback


def suggestion(exc: BaseException) -> str:
    """Python's own "Did you mean" for a NameError or AttributeError (3.10+ prints it from the interpreter's
    exception display, which is not in str(exc)): the display is captured, not re-implemented."""
    if not isinstance(exc, (NameError, AttributeError)):
        return ""
    import io
    import re

    buffer, saved = io.StringIO(), sys.stderr
    sys.stderr = buffer
    try:
        sys.__excepthook__(type(exc), exc, exc.__traceback__)
    except Exception:  # noqa: BLE001
        return ""
    finally:
        sys.stderr = saved
    lines = buffer.getvalue().strip().splitlines()
    found = re.search(r"Did you mean: '([^']+)'\?", lines[-1]) if lines else None
    return found.group(1) if found else ""


def describe(exc: BaseException) -> dict:
    """How the script ended with an exception: its type, message, traceback frames, and what a fix needs (the
    missing name and Python's suggestion, a KeyError's key)."""
    # the columns (Python 3.11+) say which expression raised: a fix that still evaluates it is refused unrun
    frames = [{"file": f.filename, "line": f.lineno, "name": f.name, "code": f.line,
               "end_line": getattr(f, "end_lineno", None), "col": getattr(f, "colno", None),
               "end_col": getattr(f, "end_colno", None)}
              for f in traceback.extract_tb(exc.__traceback__)]
    if isinstance(exc, SyntaxError):
        frames.append({"file": exc.filename, "line": exc.lineno, "name": "<module>", "code": exc.text})
    error = {"type": type(exc).__name__, "message": str(exc)}
    if isinstance(exc, (NameError, AttributeError)):
        error.update(name=getattr(exc, "name", None) or "", suggestion=suggestion(exc))
    if isinstance(exc, KeyError) and exc.args:
        error["key"] = repr(exc.args[0])
    return {"status": "error", "error": error, "frames": frames}


def write_report(report_path: str, report: dict, participant, frames, extra: dict) -> None:
    try:
        if participant is not None:
            extra.update(participant.report())
        if frames is not None:
            extra.update(frames.report())
        keyboard = sys.modules.get("psychopy.hardware.keyboard")
        extra["keyboard_backend"] = getattr(getattr(keyboard, "KeyboardDevice", None), "_backend", None) or ""
    except Exception:  # noqa: BLE001 - the report itself must be written
        pass
    report.update(extra)
    with open(report_path + ".part", "w") as fh:
        json.dump(report, fh)
    os.replace(report_path + ".part", report_path)  # whole or absent: the runner never reads half a report

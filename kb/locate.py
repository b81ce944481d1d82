"""Find which psychopy to index: the server's own, or the one another interpreter would import.

Students often run experiments in another environment or in the standalone app, so the psychopy that matters is
the one *their* Python imports. We ask that interpreter where psychopy lives and what version it is, without
importing psychopy (find_spec + distribution metadata only: importing it can open windows or probe audio).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Runs inside the target interpreter; imports nothing from psychopy itself.
_PROBE = r"""
import importlib.util, json, sys
spec = importlib.util.find_spec("psychopy")
out = {"python": sys.executable, "python_version": sys.version.split()[0], "path": None, "version": None}
if spec is not None and spec.submodule_search_locations:
    out["path"] = list(spec.submodule_search_locations)[0]
    try:
        from importlib.metadata import version
        out["version"] = version("psychopy")
    except Exception:
        try:
            out["version"] = version("psychopy-lib")
        except Exception:
            pass
print(json.dumps(out))
"""


class PsychopyNotFound(RuntimeError):
    """psychopy is not importable by the interpreter we were pointed at."""


@dataclass(frozen=True)
class PsychopyInstall:
    path: Path  # the psychopy package folder (…/site-packages/psychopy)
    version: str
    python: str  # the interpreter that imports it

    def to_dict(self) -> dict:
        return {"path": str(self.path), "version": self.version, "python": self.python}


def find_psychopy(python: str | None = None, timeout: float = 30.0) -> PsychopyInstall:
    """Locate psychopy for `python` (default: this interpreter). Raises PsychopyNotFound with the fix."""
    exe = python or sys.executable
    if python is None:
        info = json.loads(_run_probe_here())
    else:
        try:
            proc = subprocess.run([exe, "-c", _PROBE], capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PsychopyNotFound(f"could not run the Python interpreter {exe!r}: {exc}. "
                                   "Check the psychopyPython setting / --python flag.") from exc
        if proc.returncode != 0:
            raise PsychopyNotFound(f"{exe!r} failed to report on psychopy: {proc.stderr.strip()[-300:]}")
        info = json.loads(proc.stdout.strip().splitlines()[-1])
    if not info.get("path"):
        raise PsychopyNotFound(
            f"psychopy is not installed for {info.get('python', exe)}. Install it there "
            "(`pip install psychopy`, or run `make demo` to set up .venv), or point --python / the "
            "psychopyPython setting at an interpreter that has it.")
    path = Path(info["path"])
    version = info.get("version") or _version_from_source(path)
    return PsychopyInstall(path=path, version=version, python=info.get("python") or exe)


def _run_probe_here() -> str:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(_PROBE, "<probe>", "exec"), {})
    return buf.getvalue().strip()


def _version_from_source(path: Path) -> str:
    """Last resort: psychopy's own VERSION file or 'unknown'."""
    for candidate in (path / "VERSION", path.parent / "VERSION"):
        if candidate.is_file():
            return candidate.read_text().strip()
    return "unknown"

"""Run an experiment script in a sandboxed subprocess and map its traceback onto the user's lines.

Used by the `psychopy.runScript` command (workspace/executeCommand) and `psychopy-lsp run FILE`; the server
never runs user code unless asked. What the sandbox does:

- a separate process (its own session, killed with its whole process group at the time budget), run by the
  interpreter that has the user's psychopy (`psychopyPython`);
- headless under a private Xvfb display when there is no display or when asked;
- psychopy.gui dialogs stubbed (they return OK with their defaults) and psychopy.sound stubbed (silent no-ops);
- key presses simulated for psychopy.event (a key every `key_interval` seconds) so waitKeys loops advance;
- a temporary working directory holding a copy of the script and links to its neighbours (so relative paths to
  images and conditions files work, while new files such as data/ outputs land in the temporary folder);
- a scrubbed environment and resource limits (address space, CPU seconds, open files);
- where Linux allows it without root (user namespaces): no network, and a read-only view of every file system
  but the temporary folder, with the folders that hold keys and tokens hidden (see `isolation`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import process_groups
from .isolation import SECRET_DIRS, isolation
from .xvfb import VirtualDisplay, XvfbMissing

CHILD = Path(__file__).with_name("child.py")  # runs first in the sandboxed interpreter

MEMORY_LIMIT = 4 << 30  # bytes of address space
OPEN_FILES = 1024
SAFE_ENV = ("PATH", "LANG", "LC_ALL", "TZ")


@dataclass
class RunResult:
    status: str  # ok | exit | error | timeout | crash
    duration_s: float
    error_type: str = ""
    message: str = ""
    line: int | None = None  # 1-based line in the user's script where the error surfaced
    frames: list[dict] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    headless: bool = False
    network_isolated: bool = False  # ran in its own network namespace (no interfaces but a down loopback)
    filesystem_isolated: bool = False  # could write only its temporary folder; secret folders hidden

    def to_dict(self) -> dict:
        return asdict(self)


def _workdir(script: Path, source: str | None) -> tuple[Path, Path]:
    tmp = Path(tempfile.mkdtemp(prefix="psychopy-lsp-run-"))
    target = tmp / script.name
    target.write_text(source if source is not None else script.read_text(encoding="utf-8", errors="replace"),
                      encoding="utf-8")
    if script.parent.is_dir():
        for entry in script.parent.iterdir():
            if entry.name in (script.name, "data", "__pycache__") or (tmp / entry.name).exists():
                continue
            try:
                (tmp / entry.name).symlink_to(entry)
            except OSError:
                pass
    return tmp, target


def run_script(script: Path, python: str, timeout_s: float = 20.0, headless: str = "auto",
               keys: tuple[str, ...] = ("space",), key_interval: float = 0.5, source: str | None = None
               ) -> RunResult:
    """Run `script` (or `source` as if it were that file) and report how it ended."""
    script = Path(script)
    use_xvfb = headless == "always" or (headless == "auto" and not os.environ.get("DISPLAY"))
    display = VirtualDisplay() if use_xvfb else None
    workdir, target = _workdir(script, source)
    report_path = workdir / ".psychopy-lsp-report.json"
    bootstrap = workdir / ".psychopy-lsp-bootstrap.py"
    shutil.copyfile(CHILD, bootstrap)
    env = {k: os.environ[k] for k in SAFE_ENV if k in os.environ}
    env.update({"HOME": str(workdir), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1",
                "MPLBACKEND": "Agg", "XDG_RUNTIME_DIR": str(workdir), "TMPDIR": str(workdir)})
    started = time.perf_counter()
    try:
        if display is not None:
            display.__enter__()
            env["DISPLAY"] = display.display
        elif os.environ.get("DISPLAY"):
            env["DISPLAY"] = os.environ["DISPLAY"]
        guard = isolation()
        if guard.filesystem:
            home = Path(os.path.expanduser("~"))
            env["SANDBOX_HIDE"] = " ".join(str(home / d) for d in SECRET_DIRS if (home / d).is_dir()
                                           and " " not in str(home / d))
        proc = subprocess.Popen(
            [*guard.command(workdir), python, str(bootstrap), str(report_path), str(target), ",".join(keys), str(key_interval),
             str(int(timeout_s) + 5), str(MEMORY_LIMIT), str(OPEN_FILES)],
            cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=True)
        process_groups.started(proc.pid)
        try:
            stdout, stderr = proc.communicate(timeout=timeout_s)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            timed_out = True
        finally:
            process_groups.ended(proc.pid)
        duration = time.perf_counter() - started
        result = _interpret(report_path, target, script, timed_out, duration, stdout, stderr)
        result.headless = display is not None
        result.network_isolated = guard.network
        result.filesystem_isolated = guard.filesystem
        return result
    except XvfbMissing as exc:
        return RunResult("crash", time.perf_counter() - started, "XvfbMissing", str(exc))
    finally:
        if display is not None:
            display.__exit__(None, None, None)
        shutil.rmtree(workdir, ignore_errors=True)


def _interpret(report_path: Path, target: Path, script: Path, timed_out: bool, duration: float, stdout: str,
               stderr: str) -> RunResult:
    try:
        report = json.loads(report_path.read_text())
    except (OSError, ValueError):
        report = None
    tail_out, tail_err = stdout[-4000:], stderr[-4000:]
    if report is None:
        status = "timeout" if timed_out else "crash"
        message = f"no result within {duration:.0f} s" if timed_out else "the script's process died " \
            "(killed by a resource limit or a crash in native code)"
        return RunResult(status, duration, message=message, stdout=tail_out, stderr=tail_err)
    frames = report.get("frames", [])
    for frame in frames:  # report paths as the user's own file
        if frame.get("file") and Path(frame["file"]).resolve() == target.resolve():
            frame["file"] = str(script)
            frame["user"] = True
    user_frames = [f for f in frames if f.get("user")]
    error = report.get("error") or {}
    return RunResult(report["status"], duration, error.get("type", ""), error.get("message", ""),
                     user_frames[-1]["line"] if user_frames else None, frames, tail_out, tail_err)


def to_diagnostics(result: RunResult, lines, version: int | None):
    """LSP diagnostics (source `psychopy-run`) for a run that failed, on the line of the user's code where the
    error surfaced (the whole line), or on line 1 when it surfaced elsewhere (e.g. a timeout)."""
    from lsprotocol import types as lsp

    if result.status in ("ok", "exit"):
        return []
    line0 = (result.line or 1) - 1
    text = lines.line(line0)
    start = len(text) - len(text.lstrip())
    rng = lsp.Range(start=lsp.Position(line0, lines.client_col(line0, start)),
                    end=lsp.Position(line0, lines.client_col(line0, len(text))))
    if result.status == "error":
        message = f"{result.error_type}: {result.message}" if result.message else result.error_type
        if result.line is None and result.frames:
            last = result.frames[-1]
            message += f" (raised in {last.get('file')}:{last.get('line')})"
    else:
        message = f"the script did not finish: {result.message}"
    return [lsp.Diagnostic(range=rng, message=message, severity=lsp.DiagnosticSeverity.Error,
                           source="psychopy-run", code=result.error_type or result.status,
                           data={"version": version, "fixable": False})]

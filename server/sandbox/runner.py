"""Run an experiment script in a sandboxed subprocess and map its traceback onto the user's lines.

Used by the `psychopy.runScript` command (workspace/executeCommand) and `psychopy-lsp run FILE`; the server
never runs user code unless asked. What the sandbox does:

- a separate process (its own session, killed with its whole process group at the time budget), run by the
  interpreter that has the user's psychopy (`psychopyPython`);
- headless under a private Xvfb display when there is no display or when asked;
- psychopy.gui dialogs stubbed (they return OK with their defaults) and psychopy.sound stubbed (silent no-ops);
- an emulated participant: the keys each read asks for (its keyList) are pressed after a plausible reaction time,
  through the X server on the private display (so psychopy.event and every Keyboard backend receive them), plus
  one press between trials that exposes a script which scores a stale key; the Keyboard's ptb backend where the
  sandbox allows real-time priority, its event backend (said in the result) where not;
- every window's frame intervals recorded; dropped frames counted at the line whose flip() they precede;
- a temporary working directory holding a copy of the script and links to its neighbours (so relative paths to
  images and conditions files work, while new files such as data/ outputs land in the temporary folder);
- a scrubbed environment and resource limits (address space, CPU seconds, open files);
- where Linux allows it (as root, or without root through user namespaces): no network, a read-only view of every
  file system but the temporary folder, with the folders that hold keys and tokens hidden, and a PID namespace
  (see `isolation`). Elsewhere (macOS, Windows, no util-linux) the script still runs, and the result says what
  was not enforced; `isolation="required"` refuses to run instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import process_groups
from .isolation import SECRET_DIRS, Isolation, isolation
from .xvfb import VirtualDisplay, XvfbMissing

CHILD = Path(__file__).with_name("child")  # the package that runs first in the sandboxed interpreter
CHILD_NAME = "psychopy_lsp_child"  # its name in the run's folder (no user module is called that)

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
    not_enforced: list[str] = field(default_factory=list)  # isolation this machine could not give, in words
    keyboard_backend: str = ""  # the hardware.keyboard backend the run used ('' when no Keyboard was made)
    keyboard_note: str = ""  # why a backend was selected for the run
    participant: str = ""  # how the emulated presses were delivered
    presses: list[dict] = field(default_factory=list)  # {key, kind: answer|before the trial, t, rt, line}
    stale_keys: list[dict] = field(default_factory=list)  # reads that took the press made before their trial
    flips: int = 0
    dropped_frames: list[dict] = field(default_factory=list)  # {line, count, worst_ms, period_ms}
    median_frame_ms: float = 0.0  # headless: the run's median frame (the machine's pace, the baseline for drops)
    psychopy_dropped_frames: int = 0  # PsychoPy's own count (win.nDroppedFrames; includes deliberate waits)
    detail: dict = field(default_factory=dict)  # what a fix needs: the missing name, Python's suggestion, a key

    def to_dict(self) -> dict:
        return asdict(self)


def cpu_seconds(timeout_s: float) -> int:
    """The CPU-time limit: every core busy for the whole budget, and some. It only stops a script that forks
    or spins past the wall-clock budget; a tighter one killed Builder experiments, whose rendering threads
    (Mesa's llvmpipe) and keyboard thread keep both cores busy under Xvfb."""
    return int(timeout_s * max(os.cpu_count() or 1, 1)) + 10


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
               keys: tuple[str, ...] = ("space",), source: str | None = None, isolation_mode: str = "preferred"
               ) -> RunResult:
    """Run `script` (or `source` as if it were that file) and report how it ended. `keys`: what the participant
    presses for a read that names no keys. `isolation_mode`: required (refuse to run without every isolation),
    preferred (the strongest this machine gives), off (a plain subprocess)."""
    script = Path(script)
    guard = isolation() if isolation_mode != "off" else Isolation(missing=("every isolation (runIsolation off)",))
    if isolation_mode == "required" and guard.missing:
        return RunResult("refused", 0.0, "IsolationUnavailable",
                         "runIsolation is 'required' and this machine cannot enforce: " + "; ".join(guard.missing),
                         not_enforced=list(guard.missing))
    use_xvfb = headless == "always" or (headless == "auto" and not os.environ.get("DISPLAY")
                                        and sys.platform.startswith("linux"))
    display = VirtualDisplay() if use_xvfb else None
    workdir, target = _workdir(script, source)
    report_path = workdir / ".psychopy-lsp-report.json"
    shutil.copytree(CHILD, workdir / CHILD_NAME, ignore=shutil.ignore_patterns("__pycache__"))
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
        env.update(guard.env())
        if guard.filesystem:
            home = Path(os.path.expanduser("~"))
            env["SANDBOX_HIDE"] = " ".join(str(home / d) for d in SECRET_DIRS if (home / d).is_dir()
                                           and " " not in str(home / d))
        # presses through XTEST only on our own display: never typed into a user's desktop
        delivery = "xtest" if display is not None else "inprocess"
        proc = subprocess.Popen(
            [*guard.command(workdir), python, "-m", CHILD_NAME, str(report_path), str(target), ",".join(keys),
             delivery, str(cpu_seconds(timeout_s)), str(MEMORY_LIMIT), str(OPEN_FILES), f"{time.time() + timeout_s:.3f}"],
            cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, start_new_session=os.name == "posix")
        process_groups.started(proc.pid)
        try:
            # the child reports at its budget itself (with what it saw); the grace is for it to write that
            stdout, stderr = proc.communicate(timeout=timeout_s + 2.0)
            timed_out = False
        except subprocess.TimeoutExpired:
            process_groups.kill(proc)
            stdout, stderr = proc.communicate()
            timed_out = True
        finally:
            process_groups.ended(proc.pid)
        duration = time.perf_counter() - started
        result = _interpret(report_path, target, script, timed_out, duration, stdout, stderr, proc.returncode)
        result.headless = display is not None
        result.network_isolated = guard.network
        result.filesystem_isolated = guard.filesystem
        result.not_enforced = list(guard.missing)
        return result
    except XvfbMissing as exc:
        return RunResult("crash", time.perf_counter() - started, "XvfbMissing", str(exc))
    finally:
        if display is not None:
            display.__exit__(None, None, None)
        shutil.rmtree(workdir, ignore_errors=True)


def _ended_by(returncode: int | None) -> str:
    """How a process that left no report ended, in words (a signal's name says which limit or crash)."""
    if returncode is None or returncode >= 0:
        return f"exit status {returncode}" if returncode else "no exit status"
    import signal

    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = f"signal {-returncode}"
    why = {"SIGSEGV": "a crash in native code", "SIGABRT": "an abort in native code",
           "SIGKILL": "killed (the memory limit, or from outside)", "SIGXCPU": "the CPU-time limit",
           "SIGBUS": "a crash in native code"}.get(name, "a signal")
    return f"{name}: {why}"


def _interpret(report_path: Path, target: Path, script: Path, timed_out: bool, duration: float, stdout: str,
               stderr: str, returncode: int | None = None) -> RunResult:
    try:
        report = json.loads(report_path.read_text())
    except (OSError, ValueError):
        report = None
    tail_out, tail_err = stdout[-4000:], stderr[-4000:]
    if report is None:
        status = "timeout" if timed_out else "crash"
        message = f"no result within {duration:.0f} s" if timed_out else \
            f"the script's process died ({_ended_by(returncode)})"
        return RunResult(status, duration, message=message, stdout=tail_out, stderr=tail_err)
    frames = report.get("frames", [])
    for frame in frames:  # report paths as the user's own file
        if frame.get("file") and Path(frame["file"]).resolve() == target.resolve():
            frame["file"] = str(script)
            frame["user"] = True
    user_frames = [f for f in frames if f.get("user")]
    error = report.get("error") or {}
    result = RunResult(report["status"], duration, error.get("type", ""), error.get("message", ""),
                       user_frames[-1]["line"] if user_frames else None, frames, tail_out, tail_err)
    result.detail = {k: error[k] for k in ("name", "suggestion", "key") if error.get(k)}
    if result.status == "timeout":
        result.message = f"still running at its time budget ({duration:.0f} s)"
    for name in ("keyboard_backend", "keyboard_note", "participant", "presses", "stale_keys", "flips",
                 "dropped_frames", "median_frame_ms", "psychopy_dropped_frames"):
        if report.get(name) is not None:
            setattr(result, name, report[name])
    return result


def to_diagnostics(result: RunResult, lines, version: int | None):
    """LSP diagnostics (source `psychopy-run`) of a run: the error on the line of the user's code where it
    surfaced (or line 1 when it surfaced elsewhere, e.g. a timeout); dropped frames (information) at the line
    whose flip() they preceded; a stale key (warning) at the read that took a press made before its trial."""
    from lsprotocol import types as lsp

    def line_range(line1: int | None) -> lsp.Range:
        line0 = min(max((line1 or 1) - 1, 0), max(len(lines.lines) - 1, 0))
        text = lines.line(line0)
        start = len(text) - len(text.lstrip())
        return lsp.Range(start=lsp.Position(line0, lines.client_col(line0, start)),
                         end=lsp.Position(line0, lines.client_col(line0, len(text))))

    out = []
    if result.status not in ("ok", "exit"):
        if result.status == "error":
            message = f"{result.error_type}: {result.message}" if result.message else result.error_type
            if result.line is None and result.frames:
                last = result.frames[-1]
                message += f" (raised in {last.get('file')}:{last.get('line')})"
        elif result.status == "refused":
            message = f"not run: {result.message}"
        else:
            message = f"the script did not finish: {result.message}"
        severity = lsp.DiagnosticSeverity.Information if result.status == "timeout" else \
            lsp.DiagnosticSeverity.Error
        out.append(lsp.Diagnostic(range=line_range(result.line), message=message, severity=severity,
                                  source="psychopy-run", code=result.error_type or result.status,
                                  data={"version": version, "fixable": result.status == "error"}))
    for drop in result.dropped_frames:
        out.append(lsp.Diagnostic(
            range=line_range(drop.get("line")), severity=lsp.DiagnosticSeverity.Information,
            source="psychopy-run", code="dropped-frames", data={"version": version, "fixable": False},
            message=f"{drop['count']} dropped frame{'s' if drop['count'] != 1 else ''} at this flip in the run "
                    f"(worst {drop['worst_ms']:.0f} ms for a {drop['period_ms']:.1f} ms frame): the work since "
                    "the previous flip took longer than a frame, so the screen before stayed up longer"
                    + (f" (measured headless on an emulated 60 Hz retrace, and over twice this run's median "
                       f"frame of {result.median_frame_ms:.0f} ms)" if result.headless else "")))
    for stale in result.stale_keys:
        out.append(lsp.Diagnostic(
            range=line_range(stale.get("line")), severity=lsp.DiagnosticSeverity.Warning,
            source="psychopy-run", code="stale-key", data={"version": version, "fixable": False},
            message=f"in the run, this read returned '{stale['key']}' pressed {stale['pressed_before_s']:.2f} s "
                    "before the read began (between trials): a key pressed early is scored as this trial's "
                    "response. Clear the buffer when the trial starts (kb.clearEvents() / event.clearEvents())"))
    return out

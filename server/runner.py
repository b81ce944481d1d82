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
from .xvfb import VirtualDisplay, XvfbMissing

# Runs inside the sandboxed interpreter, before the user's script.
BOOTSTRAP = r'''
import json, os, runpy, sys, threading, time, traceback, types

report_path, script, key_names, key_interval = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
cpu_seconds, memory, open_files = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
sys.argv = [script]
# Limits are set here, first thing in the child, rather than with preexec_fn: forking a process that has
# threads (the server's LanceDB and torch pools) and running Python before exec can deadlock.
import resource
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
resource.setrlimit(resource.RLIMIT_NOFILE, (open_files, open_files))
report = {"status": "ok", "error": None, "frames": []}


def write():
    with open(report_path, "w") as fh:
        json.dump(report, fh)


class _Anything:
    """A silent stand-in: any attribute, any call, returns another stand-in."""
    def __init__(self, *a, **k): pass
    def __getattr__(self, name): return _Anything()
    def __call__(self, *a, **k): return _Anything()
    def __bool__(self): return False
    def __iter__(self): return iter(())


def _stub_gui():
    gui = types.ModuleType("psychopy.gui")
    class Dlg:
        OK = True
        def __init__(self, *a, **k): self.data = []
        def addField(self, label, initial="", *a, **k): self.data.append(initial)
        def addText(self, *a, **k): pass
        def addFixedField(self, label, initial="", *a, **k): self.data.append(initial)
        def show(self): return self.data
        def exec_(self): return self.data
    class DlgFromDict:
        OK = True
        def __init__(self, dictionary, *a, **k): self.dictionary, self.data = dictionary, list(dictionary.values())
        def show(self): return self.dictionary
    gui.Dlg, gui.DlgFromDict = Dlg, DlgFromDict
    gui.fileOpenDlg = gui.fileSaveDlg = lambda *a, **k: None
    gui.infoDlg = gui.warnDlg = gui.criticalDlg = lambda *a, **k: True
    sys.modules["psychopy.gui"] = gui


def _stub_sound():
    sound = types.ModuleType("psychopy.sound")
    class Sound(_Anything):
        def __bool__(self): return True
    sound.Sound = Sound
    sound.Microphone = _Anything
    sound.__getattr__ = lambda name: _Anything()
    sys.modules["psychopy.sound"] = sound


def _press_keys():
    names = [k for k in key_names.split(",") if k]
    if not names:
        return
    def loop():
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


try:
    import psychopy
    _stub_gui()
    _stub_sound()
    _press_keys()
    runpy.run_path(script, run_name="__main__")
except SystemExit as exc:
    report["status"] = "exit"
    report["exit_code"] = exc.code if isinstance(exc.code, int) else 0
except BaseException as exc:
    report["status"] = "error"
    report["error"] = {"type": type(exc).__name__, "message": str(exc)}
    frames = traceback.extract_tb(exc.__traceback__)
    report["frames"] = [{"file": f.filename, "line": f.lineno, "name": f.name, "code": f.line} for f in frames]
    if isinstance(exc, SyntaxError):
        report["frames"].append({"file": exc.filename, "line": exc.lineno, "name": "<module>", "code": exc.text})
finally:
    write()
    try:
        from psychopy import logging
        logging.flush()
    except Exception:
        pass
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
'''

MEMORY_LIMIT = 4 << 30  # bytes of address space
OPEN_FILES = 1024
SAFE_ENV = ("PATH", "LANG", "LC_ALL", "TZ")


# Runs first inside the new mount namespace (as root there): the temporary folder stays writable, every other
# mount becomes read-only, secrets in the home folder are hidden, then the interpreter replaces the shell with
# no capabilities left (setpriv, util-linux like unshare).
# Kernel filesystems (/proc, /sys, /dev incl. /dev/shm) keep their flags: Python and Mesa need them.
FS_GUARD = r"""
set -e
work="$1"; shift
mount --bind "$work" "$work"
cd "$work"  # the working directory was entered before the bind mount: re-enter it through the mount
for m in $(awk '{print $5}' /proc/self/mountinfo | sort -u); do
  case "$m" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/*|"$work") ;; *) mount -o remount,bind,ro "$m" 2>/dev/null || true ;; esac
done
for d in $SANDBOX_HIDE; do [ -d "$d" ] && mount -t tmpfs -o size=64k,mode=700 tmpfs "$d" || true; done
unset SANDBOX_HIDE
# drop every capability, so the script (root inside its namespace) cannot remount anything writable again
exec setpriv --no-new-privs --inh-caps=-all --bounding-set=-all -- "$@"
"""
# Where keys and tokens live; hidden (an empty folder) from the script. Missing ones are skipped.
SECRET_DIRS = (".ssh", ".gnupg", ".aws", ".azure", ".kube", ".docker", ".config/gcloud", ".config/gh",
               ".password-store", ".local/share/keyrings")


@dataclass(frozen=True)
class Isolation:
    """What the sandbox could enforce on this machine (probed once)."""
    prefix: tuple[str, ...] = ()  # unshare ... before the interpreter
    network: bool = False  # an empty network namespace: no interfaces but a down loopback
    filesystem: bool = False  # a mount namespace: everything read-only but the temporary folder, secrets hidden

    def command(self, workdir: Path) -> list[str]:
        if not self.prefix:
            return []
        if self.filesystem:
            return [*self.prefix, "sh", "-c", FS_GUARD, "psychopy-lsp-sandbox", str(workdir)]
        return list(self.prefix)


_ISOLATION: Isolation | None = None


def isolation() -> Isolation:
    """The strongest isolation Linux gives here without asking for root: `unshare -mn` as root, `unshare -rmn`
    (a user namespace too) otherwise, then network only, then nothing (no util-linux, user namespaces disabled).
    Probed once by running the real guard on a scratch folder and checking that a write outside it fails and
    that the file system cannot be remounted writable from inside (no setpriv: no file-system claim).
    X still works inside: Xvfb's socket is a file in /tmp/.X11-unix, not a network address, and connecting to a
    socket is allowed on a read-only mount."""
    global _ISOLATION
    if _ISOLATION is None:
        _ISOLATION = Isolation()
        if shutil.which("unshare"):
            root = os.geteuid() == 0
            candidates = [(("unshare", "-mn") if root else ("unshare", "-rmn"), True),
                          (("unshare", "-n") if root else ("unshare", "-rn"), False)]
            for prefix, filesystem in candidates:
                if _probe(Isolation(prefix, True, filesystem)):
                    _ISOLATION = Isolation(prefix, True, filesystem)
                    break
    return _ISOLATION


def _probe(candidate: Isolation) -> bool:
    scratch = Path(tempfile.mkdtemp(prefix="psychopy-lsp-probe-"))
    outside = scratch.parent / f"{scratch.name}-outside"
    try:
        check = f"touch {scratch}/inside"
        if candidate.filesystem:  # nothing outside is writable, and the script cannot make it writable again
            check += f" && ! touch {outside} 2>/dev/null && ! mount -o remount,bind,rw / 2>/dev/null"
        proc = subprocess.run([*candidate.command(scratch), "sh", "-c", check], capture_output=True, timeout=10,
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
        return proc.returncode == 0 and (scratch / "inside").exists() and not outside.exists()
    except (OSError, subprocess.TimeoutExpired):
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        outside.unlink(missing_ok=True)


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
    bootstrap.write_text(BOOTSTRAP)
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

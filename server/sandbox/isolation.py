"""What the sandbox can enforce on this machine, probed once: a network namespace, a mount namespace in which
every file system but the run's temporary folder is read-only and the folders that hold keys are hidden, and a
PID namespace (the script sees and signals only its own processes).

Real-time priority: PsychoPy's ptb Keyboard starts its input thread at SCHED_FIFO priority and the interpreter
aborts when that is refused (psychtoolbox reports the refusal from that thread without the GIL). Running as root
with a PID namespace, the one capability that grants it (CAP_SYS_NICE) is kept: inside its own PID namespace the
script can renice only its own processes, and RLIMIT_RTTIME (set by the child) kills a real-time thread that
spins. Everywhere else every capability is dropped and the child selects the Keyboard's event backend."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

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
keep="$SANDBOX_KEEP_CAPS"; unset SANDBOX_KEEP_CAPS
# drop every capability (but real-time scheduling, in a PID namespace), so the script (root inside its
# namespace) cannot remount anything writable again
exec setpriv --no-new-privs --inh-caps=-all --bounding-set=-all$keep -- "$@"
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
    pid: bool = False  # a PID namespace: the script sees and signals only its own processes
    realtime: bool = False  # CAP_SYS_NICE kept (root, PID namespace): the ptb Keyboard's input thread works
    missing: tuple[str, ...] = ()  # what could not be enforced here, in words (for the result and doctor)

    def env(self) -> dict[str, str]:
        """What the guard reads from the environment."""
        return {"SANDBOX_KEEP_CAPS": ",+sys_nice" if self.realtime else ""}

    def command(self, workdir: Path) -> list[str]:
        if not self.prefix:
            return []
        if self.filesystem:
            return [*self.prefix, "sh", "-c", FS_GUARD, "psychopy-lsp-sandbox", str(workdir)]
        return list(self.prefix)


_ISOLATION: Isolation | None = None
_PROBED_PATH: str | None = None


def isolation() -> Isolation:
    """The strongest isolation Linux gives here: `unshare -mnp` as root (`-rmnp`, a user namespace too, otherwise),
    then without the PID namespace, then network only, then nothing (no util-linux, user namespaces disabled, or
    not Linux). Probed once by running the real guard on a scratch folder and checking that a write outside it
    fails and that the file system cannot be remounted writable from inside (no setpriv: no file-system claim).
    X still works inside: Xvfb's socket is a file in /tmp/.X11-unix, not a network address, and connecting to a
    socket is allowed on a read-only mount."""
    global _ISOLATION, _PROBED_PATH
    path = os.environ.get("PATH", "")
    if _ISOLATION is None or path != _PROBED_PATH:  # probed again only if the tools on PATH may differ
        _PROBED_PATH = path
        _ISOLATION = Isolation(missing=_not_enforced(Isolation()))
        if sys.platform.startswith("linux") and shutil.which("unshare"):
            root = hasattr(os, "geteuid") and os.geteuid() == 0
            user = () if root else ("-r",)
            pid = ("-p", "--fork", "--mount-proc")
            candidates = [(("unshare", *user, "-mn", *pid), True, True),
                          (("unshare", *user, "-mn"), True, False),
                          (("unshare", *user, "-n"), False, False)]
            for prefix, filesystem, in_pid in candidates:
                candidate = Isolation(prefix, True, filesystem, in_pid, realtime=root and in_pid and filesystem)
                if _probe(candidate):
                    _ISOLATION = replace(candidate, missing=_not_enforced(candidate))
                    break
    return _ISOLATION


def _not_enforced(guard: Isolation) -> tuple[str, ...]:
    missing = []
    if not guard.network:
        missing.append("network access (no network namespace)")
    if not guard.filesystem:
        missing.append("writes outside the run's folder and reads of secret folders (no mount namespace)")
    if not guard.pid:
        missing.append("signals to other processes (no PID namespace)")
    if os.name != "posix":
        missing.append("memory, CPU and open-file limits (no POSIX resource limits)")
    return tuple(missing)


def _probe(candidate: Isolation) -> bool:
    scratch = Path(tempfile.mkdtemp(prefix="psychopy-lsp-probe-"))
    outside = scratch.parent / f"{scratch.name}-outside"
    try:
        check = f"touch {scratch}/inside"
        if candidate.filesystem:  # nothing outside is writable, and the script cannot make it writable again
            check += f" && ! touch {outside} 2>/dev/null && ! mount -o remount,bind,rw / 2>/dev/null"
        proc = subprocess.run([*candidate.command(scratch), "sh", "-c", check], capture_output=True, timeout=10,
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **candidate.env()})
        return proc.returncode == 0 and (scratch / "inside").exists() and not outside.exists()
    except (OSError, subprocess.TimeoutExpired):
        return False
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        outside.unlink(missing_ok=True)

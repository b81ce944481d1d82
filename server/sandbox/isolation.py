"""What the sandbox can enforce on this machine, probed once: a network namespace, and a mount namespace in which
every file system but the run's temporary folder is read-only and the folders that hold keys are hidden."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
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

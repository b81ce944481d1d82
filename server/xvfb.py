"""A private virtual X display (Xvfb) for running PsychoPy scripts headless.

Xvfb picks a free display number itself and reports it on a pipe (-displayfd), so parallel runs never collide
and we never guess at lock files.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess


class XvfbMissing(RuntimeError):
    """Xvfb is not installed."""


class VirtualDisplay:
    def __init__(self, size: str = "1280x1024x24", timeout: float = 10.0):
        self.size = size
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.display: str = ""

    def __enter__(self) -> "VirtualDisplay":
        exe = shutil.which("Xvfb")
        if exe is None:
            raise XvfbMissing("Xvfb is not installed: `apt-get install xvfb libgl1-mesa-dri libglu1-mesa` "
                              "(scripts/system-deps.sh) to run scripts headless")
        read_fd, write_fd = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [exe, "-displayfd", str(write_fd), "-screen", "0", self.size, "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL, start_new_session=True)
            os.close(write_fd)
            write_fd = -1
            ready, _, _ = select.select([read_fd], [], [], self.timeout)
            number = os.read(read_fd, 64).decode().strip() if ready else ""
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        if not number:
            self.__exit__(None, None, None)
            raise RuntimeError(f"Xvfb did not start within {self.timeout} s")
        self.display = f":{number}"
        return self

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

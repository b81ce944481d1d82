"""A private virtual X display (Xvfb) for running PsychoPy scripts headless."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import time

from . import process_groups


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
        # Pick a free number ourselves (Xvfb's -displayfd proved racy here: it sometimes fails to report it);
        # if another server takes the number first, ours exits at once and we try the next one.
        for number in range(random.randint(100, 400), 1000):
            if os.path.exists(f"/tmp/.X{number}-lock") or os.path.exists(f"/tmp/.X11-unix/X{number}"):
                continue
            self.proc = subprocess.Popen(
                [exe, f":{number}", "-screen", "0", self.size, "-nolisten", "tcp", "-noreset"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                start_new_session=True)
            process_groups.started(self.proc.pid)
            if self._wait_until_accepting(number):
                self.display = f":{number}"
                return self
            self.__exit__(None, None, None)
        raise RuntimeError("could not start Xvfb on any display number")

    def _wait_until_accepting(self, number: int) -> bool:
        """True once the server accepts a connection on its socket; False if it exited (number taken)."""
        path = f"/tmp/.X11-unix/X{number}"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                return False
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                try:
                    sock.connect(path)
                    return True
                except OSError:
                    pass
            time.sleep(0.02)
        return False

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None:
            process_groups.ended(self.proc.pid)
        self.proc = None

"""A minimal JSON-RPC-over-stdio LSP client for fuzzing: it can send anything, malformed frames included, which a
well-behaved client library refuses to. A reader thread collects responses and notifications."""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import threading
import time


class RawLsp:
    def __init__(self, cmd: list[str], cwd: str | None = None):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     cwd=cwd)
        self._ids = itertools.count(1)
        self.responses: dict[object, dict] = {}
        self.notifications: "queue.Queue[dict]" = queue.Queue()
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # ---- wire ---------------------------------------------------------------------------------------------
    def send_raw(self, body: bytes, length: int | None = None) -> None:
        header = f"Content-Length: {len(body) if length is None else length}\r\n\r\n".encode()
        self.proc.stdin.write(header + body)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        self.send_raw(json.dumps(message).encode("utf-8"))

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return  # the server exited
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            message = json.loads(stream.read(length or 0))
            if "id" in message and "method" not in message:
                with self._cond:
                    self.responses[message["id"]] = message
                    self._cond.notify_all()
            elif "id" in message:  # a request from the server (progress create, ...): answer it
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                self.notifications.put(message)

    # ---- protocol -----------------------------------------------------------------------------------------
    def request_async(self, method: str, params: object = None) -> int:
        msg_id = next(self._ids)
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return msg_id

    def wait(self, msg_id: object, timeout: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout
        with self._cond:
            while msg_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise TimeoutError(f"no response to {msg_id} (server alive: {self.proc.poll() is None})")
                self._cond.wait(left)
            return self.responses.pop(msg_id)

    def request(self, method: str, params: object = None, timeout: float = 60.0) -> dict:
        return self.wait(self.request_async(method, params), timeout)

    def notify(self, method: str, params: object = None) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_notification(self, predicate, timeout: float = 120.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no matching notification")
            message = self.notifications.get(timeout=left)
            if predicate(message):
                return message

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit")
            self.proc.wait(10)
        except Exception:  # noqa: BLE001 - a dead server is killed below
            pass
        if self.proc.poll() is None:
            self.proc.kill()

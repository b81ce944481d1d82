"""The OpenAI-compatible backend against a real server (llama-cpp-python's `llama_cpp.server` on loopback, serving
the embedded Gemma GGUF), and against broken servers: down, garbage, stalled. Each fault is a BackendError with a
clear message after a bounded number of tries."""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from psychopy_lsp.server.model.backends import BackendError, Cancelled, OpenAIBackend, make_backend
from psychopy_lsp.server.model.files import ensure_default_model
from psychopy_lsp.server.settings import Settings

from lsp_helpers import free_port


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    port = free_port()
    # llama.cpp logs the whole model on load: a file, not a pipe nobody drains (a full pipe blocks the server)
    log = open(tmp_path_factory.mktemp("llama_server") / "server.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(ensure_default_model()),
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "1024", "--n_threads", "2"],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while True:  # wait until the server answers (or died)
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"llama_cpp.server exited: {log.read()[-2000:]}")
        try:
            urllib.request.urlopen(url + "/models", timeout=1).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                pytest.fail("llama_cpp.server did not come up in 120 s")
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(10)
    log.close()


def test_real_server_streams_a_completion(server_url):
    backend = make_backend(Settings(model_backend="openai", remote_url=server_url.removesuffix("/v1")))
    pieces = list(backend.generate("from psychopy import visual, core\nwin = visual.Window(", max_tokens=12))
    print(f"remote completion: {''.join(pieces)!r} in {len(pieces)} pieces")
    assert len(pieces) > 1 and "".join(pieces).strip()  # streamed, not one blob


def test_real_server_honours_stop_and_cancel(server_url):
    backend = OpenAIBackend(server_url)
    text = "".join(backend.generate("x = 1\ny = 2\nz =", max_tokens=24, stop=["\n"]))
    assert "\n" not in text
    cancel = threading.Event()
    stream = backend.generate("for i in range(10):\n   ", max_tokens=64, cancel=cancel)
    next(stream)
    cancel.set()
    with pytest.raises(Cancelled):
        list(stream)


def test_server_down_is_a_clear_error_after_bounded_retries():
    backend = OpenAIBackend(f"http://127.0.0.1:{free_port()}", timeout=1, retries=2)
    started = time.perf_counter()
    with pytest.raises(BackendError, match="after 3 tries"):
        list(backend.generate("x = "))
    assert time.perf_counter() - started < 10  # bounded: three quick refusals and short back-offs


class _Handler(http.server.BaseHTTPRequestHandler):
    mode = "garbage"

    def do_POST(self):  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.mode == "stall":
            time.sleep(3)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.wfile.write(b"data: {this is not json}\n\n")

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("mode,words", [
    ("garbage", "not a completion"),  # a server that answers nonsense
    ("stall", "no answer"),  # a server that never answers within the timeout
])
def test_broken_servers_are_clear_errors(mode, words):
    handler = type("H", (_Handler,), {"mode": mode})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        backend = OpenAIBackend(f"http://127.0.0.1:{httpd.server_address[1]}", timeout=0.5, retries=1)
        with pytest.raises(BackendError, match=words):
            list(backend.generate("x = "))
    finally:
        httpd.shutdown()


def test_missing_url_is_a_clear_error():
    with pytest.raises(BackendError, match="remoteUrl"):
        make_backend(Settings(model_backend="openai"))

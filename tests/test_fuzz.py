"""Fuzzing the server over its real stdio transport with hypothesis: random documents and edits (positions past
the end, inside surrogate pairs, reversed ranges), malformed JSON-RPC frames, unknown methods, wrong parameter
types, interleaved requests and cancels, garbage command arguments and code-action data. The server must answer
every request (a result or an error), never exit, and still answer a hover afterwards. Figures are printed."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lsp_helpers import SERVER_CMD
from lsp_raw import RawLsp

pytestmark = pytest.mark.slow

SNIPPETS = ["from psychopy import visual, core, event\n", "win = visual.Window([800, 600], units='pix')\n",
            "stim = visual.TextStim(win, text='é😀', colour='red')\n", "for i in range(3):\n    stim.draw()\n",
            "keys = event.waitKeys(keyList='space')\n", "def f(:\n", "\x00\x01", "\ud800", "𝔘𝔫𝔦\n", "\t\t  ",
            "win.flip\n", "core.wait('0.5')\n", "'''unterminated\n", ")]}", "\r\n", "import psychopy.visual.TextStim\n"]

texts = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=40)), max_size=12).map("".join)
positions = st.fixed_dictionaries({"line": st.integers(0, 60), "character": st.integers(0, 300)})
ranges = st.fixed_dictionaries({"start": positions, "end": positions})
junk = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=12)),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=8)

URIS = [f"file:///tmp/fuzz/doc{i}.py" for i in range(3)]

op = st.one_of(
    st.tuples(st.just("open"), st.sampled_from(URIS), texts),
    st.tuples(st.just("change"), st.sampled_from(URIS), ranges, texts),
    st.tuples(st.just("full_change"), st.sampled_from(URIS), texts),
    st.tuples(st.just("close"), st.sampled_from(URIS)),
    st.tuples(st.just("request"), st.sampled_from([
        "textDocument/hover", "textDocument/completion", "textDocument/codeAction", "textDocument/inlineCompletion",
        "textDocument/definition", "workspace/symbol", "custom/unknownMethod"]), st.sampled_from(URIS), positions,
        ranges),
    st.tuples(st.just("cancel_next"), st.sampled_from(URIS), positions),
    st.tuples(st.just("malformed"), st.sampled_from([
        b"{not json", b'{"jsonrpc": "2.0", "id": 99999}', b'{"jsonrpc": "2.0", "method": 5}', b"[]", b"null",
        b'{"jsonrpc": "2.0", "id": 424242, "method": "textDocument/hover", "params": {"position": "x"}}',
        "{\"jsonrpc\": \"2.0\", \"method\": \"textDocument/didOpen\", \"params\": {\"textDocument\": 3}}".encode()])),
    st.tuples(st.just("command"), st.sampled_from(["psychopy.ask", "psychopy.explain", "psychopy.nonexistent"]), junk),
    st.tuples(st.just("resolve"), junk),
)


class Fuzz:
    def __init__(self, server: RawLsp):
        self.server = server
        self.versions = {uri: 0 for uri in URIS}
        self.requests = 0
        self.ops = 0
        self.errors = 0

    def apply(self, operation: tuple) -> None:
        kind, *rest = operation
        s = self.server
        self.ops += 1
        if kind == "open":
            uri, text = rest
            self.versions[uri] += 1
            s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python",
                                                               "version": self.versions[uri], "text": text}})
        elif kind in ("change", "full_change"):
            uri = rest[0]
            self.versions[uri] += 1
            change = {"range": rest[1], "text": rest[2]} if kind == "change" else {"text": rest[1]}
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": self.versions[uri]},
                                                "contentChanges": [change]})
        elif kind == "close":
            s.notify("textDocument/didClose", {"textDocument": {"uri": rest[0]}})
        elif kind == "request":
            method, uri, position, rng = rest
            params = {"textDocument": {"uri": uri}, "position": position}
            if method == "textDocument/codeAction":
                params = {"textDocument": {"uri": uri}, "range": rng, "context": {"diagnostics": []}}
            elif method == "textDocument/inlineCompletion":
                params["context"] = {"triggerKind": 1}
            elif method == "workspace/symbol":
                params = {"query": "stim"}
            self._answered(s.request_async(method, params))
        elif kind == "cancel_next":
            uri, position = rest
            msg_id = s.request_async("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
            s.notify("$/cancelRequest", {"id": msg_id})
            self._answered(msg_id)
        elif kind == "malformed":
            s.send_raw(rest[0])
        elif kind == "command":
            command, args = rest
            self._answered(s.request_async("workspace/executeCommand", {"command": command,
                                                                        "arguments": [args]}))
        elif kind == "resolve":
            self._answered(s.request_async("codeAction/resolve", {"title": "x", "data": rest[0]}))

    def _answered(self, msg_id: int) -> None:
        response = self.server.wait(msg_id, timeout=60)
        self.requests += 1
        assert "result" in response or "error" in response
        if "error" in response:
            self.errors += 1
            assert response["error"]["code"] != -32603 or "Traceback" not in json.dumps(response), response


@pytest.fixture(scope="module")
def server(kb_root):
    s = RawLsp(SERVER_CMD)
    s.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                             "initializationOptions": {"kbDir": str(kb_root), "debounceMs": 0,
                                                       "modelBackend": "off"}})
    s.notify("initialized", {})
    s.wait_notification(lambda m: m.get("method") == "psychopy/status" and m["params"].get("state") == "ready")
    yield s
    s.close()


@pytest.fixture(scope="module")
def fuzz(server):
    state = Fuzz(server)
    yield state
    print(f"\nfuzz: {state.ops} operations, {state.requests} requests answered ({state.errors} as JSON-RPC errors), "
          f"server alive: {server.proc.poll() is None}")


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(operations=st.lists(op, min_size=1, max_size=25))
def test_random_traffic_never_kills_the_server(fuzz, operations):
    for operation in operations:
        fuzz.apply(operation)
    assert fuzz.server.proc.poll() is None


def test_hover_still_answers_afterwards(server, fuzz):
    uri = "file:///tmp/fuzz/after.py"
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                            "text": "from psychopy import visual\nvisual.TextStim\n"}})
    response = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                     "position": {"line": 1, "character": 10}})
    assert "TextStim" in json.dumps(response["result"])
    assert fuzz.ops > 0 and server.proc.poll() is None


def test_huge_and_binary_documents(server):
    """A 2.7 MB experiment (80,000 lines) and a document of raw bytes: every request is answered, nothing hangs."""
    import random
    import time

    rng = random.Random(3)
    body = "".join(SNIPPETS[:5]) + "stim.setColour('red')\n"
    huge = body * (80_000 // body.count("\n"))
    binary = bytes(rng.randrange(256) for _ in range(200_000)).decode("latin-1")
    for name, text in (("huge", huge), ("binary", binary)):
        uri = f"file:///tmp/fuzz/{name}.py"
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1,
                                                                "text": text}})
        started = time.perf_counter()
        answered = []
        for method, params in [
                ("textDocument/hover", {"position": {"line": 2, "character": 16}}),
                ("textDocument/completion", {"position": {"line": 40_000, "character": 12}}),
                ("textDocument/codeAction", {"range": {"start": {"line": 5, "character": 0},
                                                       "end": {"line": 5, "character": 10}},
                                             "context": {"diagnostics": []}})]:
            response = server.request(method, {"textDocument": {"uri": uri}, **params}, timeout=120)
            assert "result" in response or "error" in response
            answered.append(method.split("/")[1])
        published = server.wait_notification(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout=300)
        print(f"\n{name}: {len(text) / 1e6:.1f} MB, {text.count(chr(10)) + 1} lines: {', '.join(answered)} answered "
              f"and {len(published['params']['diagnostics'])} diagnostics published in "
              f"{time.perf_counter() - started:.1f} s")
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert server.proc.poll() is None

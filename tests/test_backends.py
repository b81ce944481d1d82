"""Model backends: the fake (unit) and the real llama.cpp model with the embedded Gemma 3 270M GGUF."""

from __future__ import annotations

import threading
import time

import pytest

from psychopy_lsp.server.backends import Cancelled, FakeBackend, LlamaCppBackend, make_backend
from psychopy_lsp.server.model_files import ModelFileError, ensure_default_model
from psychopy_lsp.server.settings import Settings


def test_fake_is_deterministic_and_honours_stop_and_cancel():
    fake = FakeBackend({"TextStim": "win, text='hi')\nwin.flip()"}, default="pass")
    assert "".join(fake.generate("stim = visual.TextStim(", stop=["\n"])) == "win, text='hi')"
    assert "".join(fake.generate("other")) == "pass"
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        list(fake.generate("stim = visual.TextStim(", cancel=cancel))


@pytest.fixture(scope="module")
def llama():
    return LlamaCppBackend(ensure_default_model(), n_ctx=1024, threads=2)


def test_real_model_generates(llama):
    text = "".join(llama.generate("from psychopy import visual, core\nwin = visual.Window(", max_tokens=12))
    assert text.strip()


def test_cancel_stops_prompt_processing_and_the_next_call_works(llama):
    prompt = "from psychopy import visual\n" + "# a long comment line to make prompt processing take a while\n" * 60
    cancel = threading.Event()
    threading.Timer(0.05, cancel.set).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        list(llama.generate(prompt + "win = visual.Window(", max_tokens=32, cancel=cancel))
    elapsed = time.perf_counter() - started
    print(f"cancelled after {elapsed * 1000:.0f} ms")
    # the model is usable right after an abort
    assert "".join(llama.generate("x = 1\ny =", max_tokens=4)).strip()


@pytest.mark.parametrize("path,words", [
    ("/nonexistent/model.gguf", "not found"),  # a missing file names the setting to fix
    (__file__, "not a GGUF"),  # not a GGUF file at all
])
def test_bad_model_files_are_clear_errors(path, words):
    with pytest.raises(ModelFileError, match=words):
        make_backend(Settings(model_path=path))


def test_truncated_gguf_is_refused_cleanly(tmp_path):
    model = ensure_default_model()
    truncated = tmp_path / "truncated.gguf"
    with open(model, "rb") as src:
        truncated.write_bytes(src.read(1 << 20))  # the header survives, the tensors do not
    with pytest.raises(ModelFileError):
        LlamaCppBackend(truncated, n_ctx=256, threads=1)


def test_off_means_no_backend():
    assert make_backend(Settings(model_backend="off")) is None

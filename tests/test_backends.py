"""Model backends: the fake (unit) and the real llama.cpp model with the embedded Gemma 3 270M GGUF."""

from __future__ import annotations

import os
import threading
import time

import pytest

from fakes import FakeBackend
from psychopy_lsp.server.model.backends import Cancelled, LlamaCppBackend, make_backend
from psychopy_lsp.server.model.files import ModelFileError, ensure_default_model
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
    prompt += "win = visual.Window("
    tokens = llama.count_tokens(prompt)
    cancel = threading.Event()
    threading.Timer(0.05, cancel.set).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        list(llama.generate(prompt, max_tokens=32, cancel=cancel))
    elapsed = time.perf_counter() - started
    print(f"cancelled after {elapsed * 1000:.0f} ms, {llama.llm.n_tokens} of {tokens} prompt tokens processed")
    # stopped inside prompt processing: only llama.cpp's abort callback can do that (checking the event between
    # generated tokens would first process the whole prompt)
    assert llama.llm.n_tokens < tokens
    # the model is usable right after an abort
    assert "".join(llama.generate("x = 1\ny =", max_tokens=4)).strip()


def test_a_cancelled_request_never_waits_for_the_model(llama):
    """A request cancelled while another holds the model (a fix running) gives up at once, without the lock."""
    outcome: list = []
    cancel = threading.Event()

    def request() -> None:
        try:
            list(llama.generate("x = 1\ny =", max_tokens=4, cancel=cancel))
            outcome.append("ran")
        except Cancelled:
            outcome.append("cancelled")

    with llama._lock:  # the running fix
        thread = threading.Thread(target=request)
        thread.start()
        threading.Timer(0.05, cancel.set).start()  # the user typed on
        thread.join(10)
    assert outcome == ["cancelled"]


FIX_PROMPT = """# Error: TypeError: write() argument must be str, not float
# Broken code:
out.write(clock.getTime())
# Fixed code:
"""


def test_alternatives_branch_from_the_greedy_answer(llama):
    """sample k > 0 on llama.cpp: the greedy answer up to its k-th most doubtful token, then that token's runner-up
    (model/branching.py): each differs from the greedy answer, the same k gives the same text, and the greedy
    answer is unchanged afterwards (the trace left the context consistent for the prefix cache)."""
    stop = ("\n\n", "# end fix")
    greedy = "".join(llama.generate(FIX_PROMPT, 24, stop))
    alternatives = ["".join(llama.generate(FIX_PROMPT, 24, stop, sample=k)) for k in (1, 2, 3)]
    print(repr(greedy), alternatives)
    assert all(alt and alt != greedy for alt in alternatives)
    assert len(set(alternatives)) == 3
    assert "".join(llama.generate(FIX_PROMPT, 24, stop, sample=2)) == alternatives[1]
    assert "".join(llama.generate(FIX_PROMPT, 24, stop)) == greedy


def test_alternatives_are_cancellable_mid_trace(llama):
    """Cancelling while the greedy trace is decoded token by token stops it at the next token; the model works
    right after, and the half-made trace is not reused."""
    cancel = threading.Event()
    prompt = FIX_PROMPT.replace("float", "Timestamp")  # not the cached trace
    threading.Timer(0.3, cancel.set).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        list(llama.generate(prompt, 400, (), cancel, sample=1))  # no stop: a trace of seconds
    print(f"cancelled after {(time.perf_counter() - started) * 1000:.0f} ms")
    assert "".join(llama.generate("x = 1\ny =", max_tokens=4)).strip()
    assert "".join(llama.generate(prompt, 24, ("\n\n",), sample=1)).strip()


def test_scores_rank_the_models_own_answer_above_garbage_and_leave_the_cache_right(llama):
    """score(): the log-probability of each answer after the prompt, end marker included: finite and negative,
    the same twice, the model's own greedy answer above a garbled one, and generation unchanged afterwards (the
    batch decode kept the context's prefix-cache bookkeeping right)."""
    stop = ("# end fix",)
    greedy = "".join(llama.generate(FIX_PROMPT, 24, stop))
    answers = [greedy + "# end fix", "out.write(clock.getTime()))) zz qq\n# end fix", greedy + "# end fix"]
    scores = llama.score(FIX_PROMPT, answers)
    print(greedy, scores)
    assert all(-1e4 < s < 0 for s in scores)
    assert scores[0] == pytest.approx(scores[2], abs=1e-3)
    assert scores[0] > scores[1]
    assert "".join(llama.generate(FIX_PROMPT, 24, stop)) == greedy
    assert llama.score(FIX_PROMPT, answers[:1]) == pytest.approx(scores[:1], abs=1e-3)


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


def test_a_model_larger_than_free_memory_is_refused(tmp_path):
    """A (sparse) 'GGUF' of 4 TiB: refused with a message before llama.cpp tries to map it."""
    huge = tmp_path / "huge.gguf"
    with open(ensure_default_model(), "rb") as src, open(huge, "wb") as dst:
        dst.write(src.read(1 << 16))
    os.truncate(huge, 4 << 40)
    with pytest.raises(ModelFileError, match="GiB of memory and only"):
        make_backend(Settings(model_path=str(huge)))


def test_a_mismatched_adapter_is_a_clear_error(tmp_path):
    """An adapter trained for another model (a tiny 2-layer Gemma 3) on top of the embedded one."""
    from test_training import tiny_gemma
    from peft import LoraConfig, get_peft_model

    from psychopy_lsp.training.export import write_adapter_gguf

    peft_model = get_peft_model(tiny_gemma(), LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]))
    peft_model.save_pretrained(tmp_path / "adapter")
    adapter = write_adapter_gguf(tmp_path / "adapter", tmp_path / "other.gguf", n_layers=2)
    with pytest.raises(ModelFileError, match="adapter must be trained for this very model"):
        LlamaCppBackend(ensure_default_model(), adapter, n_ctx=256, threads=1)

"""Model backends behind one small Protocol: `generate(prompt, max_tokens, stop, cancel) -> Iterator[str]`.

- LlamaCppBackend: one in-process llama.cpp model (the embedded Gemma 3 270M GGUF by default, plus an adapter when
  given). The Llama object is not thread-safe, so calls are serialised by a lock and meant to run off the event
  loop. Cancellation uses llama.cpp's abort callback, which stops prompt processing within milliseconds (breaking
  out of a token stream only acts after the whole prompt has been processed).
- FakeBackend: deterministic canned text, for unit tests only.

Building the prompt (knowledge-base snippets, diagnostics) is not done here: backends only generate.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from .model_files import ModelFileError, check_gguf, ensure_default_model


class Cancelled(Exception):
    """Generation was stopped by its cancel event."""


class ModelBackend(Protocol):
    name: str

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None) -> Iterator[str]:
        """Yield text pieces as they are generated; raise Cancelled when `cancel` is set meanwhile.
        Consume the iterator to the end or close() it: a llama.cpp backend holds its lock until then."""
        ...


class FakeBackend:
    """Deterministic backend for unit tests: answers each prompt with the first canned reply whose key it
    contains (or the default), token by token (one word at a time)."""

    name = "fake"

    def __init__(self, replies: dict[str, str] | None = None, default: str = ""):
        self.replies = replies or {}
        self.default = default
        self.prompts: list[str] = []

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None) -> Iterator[str]:
        self.prompts.append(prompt)
        text = next((reply for key, reply in self.replies.items() if key in prompt), self.default)
        for stop_text in stop:
            if stop_text and stop_text in text:
                text = text[: text.index(stop_text)]
        pieces = text.split(" ")
        for i, piece in enumerate(pieces[:max_tokens]):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            yield piece if i == len(pieces) - 1 else piece + " "


class LlamaCppBackend:
    """One llama.cpp model, serialised by a lock, abortable mid-prompt."""

    name = "llamacpp"

    def __init__(self, model_path: str | Path, adapter_path: str | Path | None = None, n_ctx: int = 2048,
                 threads: int = 0):
        from llama_cpp import Llama

        model_path = Path(model_path)
        check_gguf(model_path)
        if adapter_path:
            check_gguf(Path(adapter_path))
        n_threads = threads or os.cpu_count() or 1
        self.model_path = model_path
        self._lock = threading.Lock()
        self._cancel: threading.Event | None = None
        try:
            self.llm = Llama(model_path=str(model_path), lora_path=str(adapter_path) if adapter_path else None,
                             n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads, verbose=False)
        except (ValueError, RuntimeError) as exc:  # llama.cpp refuses a damaged file with a bare message
            raise ModelFileError(f"llama.cpp could not load {model_path}: {exc}") from exc
        self._install_abort_callback()

    def _install_abort_callback(self) -> None:
        import llama_cpp

        def should_abort(_data: ctypes.c_void_p) -> bool:
            event = self._cancel
            return bool(event is not None and event.is_set())

        # keep a reference: llama.cpp holds only the C pointer
        self._abort_cb = llama_cpp.ggml_abort_callback(should_abort)
        llama_cpp.llama_set_abort_callback(self.llm._ctx.ctx, self._abort_cb, None)

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None) -> Iterator[str]:
        with self._lock:
            self._cancel = cancel
            try:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                stream = self.llm.create_completion(prompt, max_tokens=max_tokens, stop=list(stop) or None,
                                                    temperature=0.0, top_k=1, stream=True)
                for chunk in stream:
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    text = chunk["choices"][0]["text"]
                    if text:
                        yield text
            except RuntimeError as exc:
                # an aborted decode surfaces as "llama_decode returned 2"; the next call works normally
                if cancel is not None and cancel.is_set():
                    raise Cancelled() from exc
                raise
            finally:
                self._cancel = None


def make_backend(settings) -> ModelBackend | None:
    """The backend the settings ask for; None when the model is off. Raises ModelFileError with the fix."""
    if settings.model_backend == "off":
        return None
    if settings.model_backend == "fake":
        return FakeBackend()
    if settings.model_backend == "llamacpp":
        path = Path(settings.model_path) if settings.model_path else ensure_default_model()
        return LlamaCppBackend(path, settings.adapter_path or None, settings.context_size, settings.threads)
    raise ModelFileError(f"the {settings.model_backend!r} backend is not available yet")

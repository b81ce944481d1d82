"""Model backends behind one small Protocol: `generate(prompt, max_tokens, stop, cancel) -> Iterator[str]`.

- LlamaCppBackend: one in-process llama.cpp model (the embedded Gemma 3 270M GGUF by default, plus an adapter when
  given). The Llama object is not thread-safe, so calls are serialised by a lock and meant to run off the event
  loop. Cancellation uses llama.cpp's abort callback, which stops prompt processing within milliseconds (breaking
  out of a token stream only acts after the whole prompt has been processed).
- OpenAIBackend: any OpenAI-compatible server (llama.cpp server, vLLM, Ollama) over HTTP `/v1/completions` with
  server-sent events; timeouts and a bounded number of retries before the first token; cancel closes the stream.

Building the prompt (knowledge-base snippets, diagnostics) is not done here: backends only generate.
"""

from __future__ import annotations

import ctypes
import json
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator, Protocol, Sequence

from .files import (ADAPTER_HINT, ModelFileError, adapter_for, check_adapter_fits, check_fits_in_memory,
                          check_gguf, ensure_default_model)


class Cancelled(Exception):
    """Generation was stopped by its cancel event."""


class BackendError(RuntimeError):
    """The backend failed (server down, garbage answer); the message says what to check."""


def approx_tokens(text: str) -> int:
    """A deliberately high estimate (code runs ~3.5 characters a token) for backends that cannot count."""
    return len(text) // 3 + 1


SAMPLE_TEMPERATURE = 0.8  # alternatives to the greedy answer: varied enough to differ, most still well formed


def sampling(sample: int) -> dict:
    """llama.cpp completion options for `sample` (see ModelBackend.generate)."""
    if not sample:
        return {"temperature": 0.0, "top_k": 1}
    return {"temperature": SAMPLE_TEMPERATURE, "top_k": 40, "top_p": 0.95, "seed": sample}


class ModelBackend(Protocol):
    name: str

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes in this model's vocabulary (an upper estimate where the model cannot tell)."""
        ...

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None, sample: int = 0) -> Iterator[str]:
        """Yield text pieces as they are generated; raise Cancelled when `cancel` is set meanwhile.
        Consume the iterator to the end or close() it: a llama.cpp backend holds its lock until then.
        `sample` 0: greedy (the most likely text); k > 0: the k-th alternative, the same text for the same k, for
        verifiers that try several: llama.cpp branches at the greedy answer's k-th most doubtful token
        (model/branching.py), a server samples (temperature SAMPLE_TEMPERATURE, seed k)."""
        ...

    def score(self, prompt: str, answers: Sequence[str],
              cancel: threading.Event | None = None) -> list[float] | None:
        """The log-probability of each answer right after `prompt` (its own tokens, end marker included), for
        ranking candidates the model did not write; None when the backend cannot tell."""
        ...


class LlamaCppBackend:
    """One llama.cpp model, serialised by a lock, abortable mid-prompt."""

    name = "llamacpp"

    def __init__(self, model_path: str | Path, adapter_path: str | Path | None = None, n_ctx: int = 2048,
                 threads: int = 0):
        from llama_cpp import Llama

        model_path = Path(model_path)
        check_gguf(model_path)
        check_fits_in_memory(model_path)
        if adapter_path:
            check_gguf(Path(adapter_path))
            check_adapter_fits(model_path, Path(adapter_path))
        n_threads = threads or os.cpu_count() or 1
        self.model_path = model_path
        self.adapter_path = Path(adapter_path) if adapter_path else None
        self._lock = threading.Lock()
        self._cancel: threading.Event | None = None
        # the last greedy trace branched from: (prompt, max_tokens, stop) -> prompt tokens, answer tokens, order
        self._trace: tuple[tuple, list[int], list[int], list] | None = None
        try:
            self.llm = Llama(model_path=str(model_path), lora_path=str(adapter_path) if adapter_path else None,
                             n_ctx=n_ctx, n_threads=n_threads, n_threads_batch=n_threads, verbose=False)
        except (ValueError, RuntimeError) as exc:  # llama.cpp refuses a damaged file with a bare message
            what = f"{model_path} with the adapter {adapter_path}" if adapter_path else str(model_path)
            hint = f" ({ADAPTER_HINT})" if adapter_path else ""
            raise ModelFileError(f"llama.cpp could not load {what}: {exc}{hint}") from exc
        self._install_abort_callback()

    def count_tokens(self, text: str) -> int:
        # tokenizing reads only the vocabulary, not the context: safe without the lock
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def reset(self) -> None:
        """Forget the KV cache (the next prompt is processed from scratch)."""
        with self._lock:
            self.llm.reset()

    def _install_abort_callback(self) -> None:
        import llama_cpp

        def should_abort(_data: ctypes.c_void_p) -> bool:
            event = self._cancel
            return bool(event is not None and event.is_set())

        # keep a reference: llama.cpp holds only the C pointer
        self._abort_cb = llama_cpp.ggml_abort_callback(should_abort)
        llama_cpp.llama_set_abort_callback(self.llm._ctx.ctx, self._abort_cb, None)

    def _acquire(self, cancel: threading.Event | None) -> None:
        """Take the model's lock, giving up as soon as `cancel` is set: a request that became moot while it
        waited never runs."""
        while not self._lock.acquire(timeout=0.01):
            if cancel is not None and cancel.is_set():
                raise Cancelled()

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None, sample: int = 0) -> Iterator[str]:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        self._acquire(cancel)
        try:
            self._cancel = cancel
            try:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                if sample:
                    text = self._branch(prompt, max_tokens, tuple(stop), cancel, sample)
                    if text:
                        yield text
                    return
                stream = self.llm.create_completion(prompt, max_tokens=max_tokens, stop=list(stop) or None,
                                                    stream=True, **sampling(sample))
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
        finally:
            self._lock.release()


    # -- alternatives by branching (model/branching.py); called with the lock held --

    def _feed(self, tokens: list[int]) -> None:
        """Bring the context to `tokens`, re-using the cached prefix; the last token is always evaluated, so its
        logits are the next token's."""
        from llama_cpp import Llama

        keep = Llama.longest_token_prefix(self.llm._input_ids.tolist(), tokens)
        keep = min(keep, len(tokens) - 1)
        self.llm.n_tokens = keep
        self.llm.eval(tokens[keep:])

    def _greedy_steps(self, tokens: list[int], max_tokens: int, stop: tuple[str, ...],
                      cancel: threading.Event | None) -> tuple[list[int], list]:
        """Greedy decoding token by token, keeping each step's runner-up, up to a stop string, EOS or
        max_tokens."""
        import numpy as np

        from .branching import Step, cut_at_stop

        self._feed(tokens)
        out: list[int] = []
        steps: list[Step] = []
        eos = self.llm.token_eos()
        for _ in range(max_tokens):
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            logits = np.ctypeslib.as_array(self.llm._ctx.get_logits(), shape=(self.llm.n_vocab(),))
            best, second = (int(t) for t in np.argsort(logits)[-2:][::-1])
            if best == eos:
                break
            logprob = float(logits[second] - np.logaddexp.reduce(logits.astype(np.float64)))
            out.append(best)
            steps.append(Step(best, second, logprob, self._text([second])))
            if cut_at_stop(self._text(out), stop)[1]:
                break
            self.llm.eval([best])
        return out, steps

    def _text(self, tokens: list[int]) -> str:
        return self.llm.detokenize(tokens).decode("utf-8", errors="ignore")

    def _branch(self, prompt: str, max_tokens: int, stop: tuple[str, ...], cancel: threading.Event | None,
                k: int) -> str:
        """The k-th alternative to the greedy answer (1-based), "" when the answer has fewer branch points."""
        from .branching import branch_order, cut_at_stop

        key = (prompt, max_tokens, stop)
        if self._trace is None or self._trace[0] != key:
            tokens = self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
            out, steps = self._greedy_steps(tokens, max_tokens, stop, cancel)
            self._trace = (key, tokens, out, [(i, steps[i].runner_up) for i in branch_order(steps)])
        _, tokens, out, order = self._trace
        if k > len(order):
            return ""
        at, token = order[k - 1]
        head = out[:at] + [token]
        if cut_at_stop(self._text(head), stop)[1]:
            return cut_at_stop(self._text(head), stop)[0]
        rest, _ = self._greedy_steps(tokens + head, max(1, max_tokens - len(head)), stop, cancel)
        return cut_at_stop(self._text(head + rest), stop)[0]

    def score(self, prompt: str, answers: Sequence[str],
              cancel: threading.Event | None = None) -> list[float]:
        """Each answer's tokens scored in one batch over the cached prompt (logits of every position of that batch
        only: the context keeps no logits of its own, and n_ctx rows of a 262k vocabulary would not fit)."""
        import numpy as np
        from llama_cpp import Llama

        self._acquire(cancel)
        try:
            prompt_tokens = self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
            scores = []
            for answer in answers:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                tokens = self.llm.tokenize((prompt + answer).encode("utf-8"), add_bos=True, special=True)
                start = Llama.longest_token_prefix(prompt_tokens, tokens)  # the answer's first token
                if start == 0 or start >= len(tokens):
                    scores.append(float("-inf"))
                    continue
                keep = min(Llama.longest_token_prefix(self.llm._input_ids.tolist(), tokens), start - 1)
                logits = self._decode_all(tokens[keep:], keep)
                rows = logits[start - 1 - keep:len(tokens) - 1 - keep].astype(np.float64)
                chosen = rows[np.arange(len(rows)), tokens[start:]]
                scores.append(float((chosen - np.logaddexp.reduce(rows, axis=1)).sum()))
            return scores
        finally:
            self._lock.release()

    def _decode_all(self, tokens: list[int], n_past: int):
        """Decode `tokens` after the first `n_past` of the context, returning every position's logits; the
        context's own bookkeeping (input_ids, n_tokens) is kept as Llama.eval keeps it, so the prefix cache stays
        right for the next request."""
        import numpy as np

        llm = self.llm
        llm._ctx.kv_cache_seq_rm(-1, n_past, -1)
        llm.n_tokens = n_past
        llm._batch.set_batch(batch=tokens, n_past=n_past, logits_all=True)
        llm._ctx.decode(llm._batch)
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(len(tokens), llm.n_vocab())).copy()
        llm.input_ids[n_past:n_past + len(tokens)] = tokens
        llm.n_tokens = n_past + len(tokens)
        return logits


class OpenAIBackend:
    """An OpenAI-compatible completions endpoint. Connection failures before the first token are retried
    `retries` times with a short back-off; a stream that stalls longer than `timeout` seconds is an error."""

    name = "openai"

    def __init__(self, base_url: str, model: str = "", timeout: float = 30.0, retries: int = 2,
                 api_key: str | None = None):
        if not base_url.startswith(("http://", "https://")):
            raise BackendError(f"remoteUrl must start with http:// or https://, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/v1"):
            self.base_url += "/v1"
        self.model = model
        self.timeout = timeout
        self.retries = retries
        self.api_key = api_key if api_key is not None else os.environ.get("PSYCHOPY_LSP_API_KEY", "")

    def count_tokens(self, text: str) -> int:
        return approx_tokens(text)

    def _open(self, body: dict, cancel: threading.Event | None = None):
        request = urllib.request.Request(
            self.base_url + "/completions", data=json.dumps(body).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json", "Accept": "text/event-stream",
                     **({"Authorization": f"Bearer {self.api_key}"} if self.api_key else {})})
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:  # back off between tries, never after the last; a cancel ends the wait at once
                if (cancel or threading.Event()).wait(min(0.2 * 2 ** (attempt - 1), 2.0)):
                    raise Cancelled()
            elif cancel is not None and cancel.is_set():
                raise Cancelled()
            try:
                return urllib.request.urlopen(request, timeout=self.timeout)
            except urllib.error.HTTPError as exc:
                detail = exc.read(300).decode("utf-8", "replace")
                if exc.code < 500:  # our request is wrong: retrying will not help
                    raise BackendError(f"{self.base_url} refused the request (HTTP {exc.code}): {detail}") from exc
                last = exc
            except (urllib.error.URLError, OSError) as exc:
                last = exc
        raise BackendError(f"no answer from {self.base_url} after {self.retries + 1} tries: {last}")

    def score(self, prompt: str, answers: Sequence[str],
              cancel: threading.Event | None = None) -> None:
        """None: prompt log-probabilities (`echo` with `logprobs`) are not served alike by llama.cpp's server,
        vLLM and others, so candidates keep the order they were made in."""
        return None

    def generate(self, prompt: str, max_tokens: int = 64, stop: Sequence[str] = (),
                 cancel: threading.Event | None = None, sample: int = 0) -> Iterator[str]:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        options = sampling(sample)
        body = {"prompt": prompt, "max_tokens": max_tokens, "temperature": options["temperature"], "stream": True}
        if sample:  # the OpenAI API's own names (top_k is not one of them); servers that ignore seed still vary
            body.update(top_p=options["top_p"], seed=options["seed"])
        if self.model:
            body["model"] = self.model
        if stop:
            body["stop"] = list(stop)[:4]  # the OpenAI API takes at most four
        response = self._open(body, cancel)
        try:
            for raw in response:
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                line = raw.decode("utf-8", "replace").strip()
                if not line or line.startswith(":") or not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                try:
                    choice = json.loads(data)["choices"][0]
                    text = choice.get("text")
                    if text is None:  # chat-style servers stream deltas
                        text = (choice.get("delta") or {}).get("content") or ""
                except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
                    raise BackendError(f"{self.base_url} sent something that is not a completion: {data[:200]!r}") from exc
                if not isinstance(text, str):
                    raise BackendError(f"{self.base_url} sent a non-text completion: {data[:200]!r}")
                if text:
                    yield text
        except (TimeoutError, OSError) as exc:
            raise BackendError(f"{self.base_url} stopped answering mid-stream: {exc}") from exc
        finally:
            response.close()


def make_backend(settings) -> ModelBackend | None:
    """The backend the settings ask for; None when the model is off. Raises ModelFileError with the fix."""
    if settings.model_backend == "off":
        return None
    if settings.model_backend == "llamacpp":
        path = Path(settings.model_path) if settings.model_path else ensure_default_model()
        return LlamaCppBackend(path, adapter_for(settings), settings.context_size, settings.threads)
    if settings.model_backend == "openai":
        if not settings.remote_url:
            raise BackendError("modelBackend is `openai` but remoteUrl is empty: set it to the server's base URL")
        return OpenAIBackend(settings.remote_url, settings.remote_model, settings.remote_timeout_s)
    raise ModelFileError(f"unknown model backend {settings.model_backend!r}")

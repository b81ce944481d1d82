"""workspace/executeCommand `psychopy.ask` / `psychopy.explain`: argument parsing and the off-loop call into
answers.py. Retrieval needs the search index; before it is ready, exact symbol lookups still answer explain."""

from __future__ import annotations

import asyncio
import threading

from .answers import Answer, answer, retrieve
from .backends import BackendError, Cancelled
from .prompts import explain_question


def _nothing(note: str, question: str = "") -> dict:
    """A result with no answer and no records, only the reason."""
    return Answer(question=question, answer=None, note=note).to_dict()


def first_arg(args) -> object:
    """Clients send `arguments: [x]`; pygls hands the handler either x or [x]."""
    while isinstance(args, (list, tuple)) and len(args) == 1:
        args = args[0]
    return args[0] if isinstance(args, (list, tuple)) and args else args


async def _answer(ls, question: str, symbols: list[str]) -> dict:
    backend = await ls.get_backend() if ls.settings.model_backend != "off" else None
    cancel = threading.Event()

    def work() -> Answer:
        records = retrieve(ls.kb, ls.index, question, symbols)
        try:
            return answer(question, records, backend, max(ls.settings.max_tokens, 200), cancel)
        except BackendError as exc:
            result = answer(question, records, None)
            result.note = f"the model failed ({exc}): these are the documentation records that match"
            return result

    try:
        result = await asyncio.to_thread(work)
    except asyncio.CancelledError:
        cancel.set()
        raise
    except Cancelled:
        return _nothing("cancelled", question)
    return result.to_dict()


async def ask(ls, args) -> dict:
    arg = first_arg(args)
    question = arg.get("question") if isinstance(arg, dict) else arg
    if not isinstance(question, str) or not question.strip():
        return _nothing("ask needs a question")
    return await _answer(ls, question.strip(), [])


def _symbols_in(analysis, start: int, end: int) -> list[str]:
    """PsychoPy symbols that names on 0-based lines [start, end] resolve to, in order of appearance."""
    return list(dict.fromkeys(value.symbol for _node, value in analysis.values_on_lines(start + 1, end + 1)))


async def explain(ls, args) -> dict:
    arg = first_arg(args)
    if not isinstance(arg, dict) or not isinstance(arg.get("uri"), str):
        return _nothing("explain needs {uri, range} or {uri, diagnostic}")
    found = ls.analysis_for(arg["uri"])
    if found is None:
        return _nothing(f"unknown document {arg['uri']}")
    _, analysis, lines = found
    diagnostic = arg.get("diagnostic") if isinstance(arg.get("diagnostic"), dict) else None
    rng = (diagnostic or {}).get("range") or arg.get("range") or {}
    try:
        start = int(rng["start"]["line"])
        end = int(rng["end"]["line"])
    except (KeyError, TypeError, ValueError):
        return _nothing("explain needs a range")
    start, end = max(0, start), min(max(start, end), len(lines.lines) - 1)
    code = "\n".join(lines.lines[start:end + 1])[:1500]
    question = explain_question(code, (diagnostic or {}).get("message", ""))
    return await _answer(ls, question, _symbols_in(analysis, start, end))

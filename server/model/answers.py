"""workspace/executeCommand `psychopy.ask` and `psychopy.explain`: retrieve from the knowledge base (exact symbols
first, then the question's search: kb/query.py), lead with the extractive answer (a true sentence quoted from the
best record, cited), then add what the model says over the same records when it passes the checks
(grounding.py): not degenerate, cites a record, names nothing PsychoPy lacks, and says something the quoted
sentence does not. Extractive first because it beat the model's answer on every question set (issue 17: set 3
extractive 11/30 vs model-led system 5/30); the model elaborates, it does not replace. With the model off or
failing, the extractive answer is the answer."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from . import grounding
from .backends import ModelBackend
from .prompts import ANSWER_END, answer_prompt

DOC_CHARS = 500  # per record in the prompt: a small model reads three short records better than five long ones


@dataclass
class Answer:
    question: str
    answer: str | None  # None when no model answered
    sources: list[dict] = field(default_factory=list)
    docs: str = ""  # the retrieved records as Markdown
    model: str | None = None
    note: str = ""

    def to_dict(self) -> dict:
        return {"question": self.question, "answer": self.answer, "sources": self.sources, "docs": self.docs,
                "model": self.model, "note": self.note}


def record_text(record) -> str:
    """What the model and the user read of a record: its signature, summary and documented parameters."""
    if record.source == "param":  # its call and its doc (the summary repeats the doc's first line)
        return f"{record.signature}\n{grounding.plain(record.doc)}"[:DOC_CHARS]
    parts = []
    if record.signature:
        parts.append(f"{record.display_name}{record.signature}")
    if record.summary:
        parts.append(record.summary)
    params = [f"- {p.name}: {p.doc.split(chr(10))[0]}" for p in record.params if p.doc][:8]
    parts.extend(params)
    if not parts and record.doc:
        parts.append(record.doc)
    return "\n".join(parts)[:DOC_CHARS]


def retrieve(kb, index, query: str, symbols: list[str] = (), k: int = 3, weights="default") -> list:
    """Records for the exact symbols first (from the code itself), then search hits (kb/query.find, re-ranked
    with `weights`), without repeats."""
    from ...kb.query import find

    found, seen = [], set()
    for symbol in symbols:
        record = index.lookup(symbol) if index is not None else None
        if record is not None and record.symbol not in seen:
            found.append(record)
            seen.add(record.symbol)
    if kb is not None and len(found) < k:
        for record in find(kb, query, k=k, weights=weights):
            if record.symbol not in seen:
                found.append(record)
                seen.add(record.symbol)
    return found[:k]


def cleanup(raw: str) -> str:
    text = raw.split(ANSWER_END, 1)[0].split("\nQuestion:", 1)[0]
    return text.strip()


_KNOWN: dict[int, tuple[object, set[str]]] = {}


def known_names(index) -> set[str] | None:
    """The API's names, computed once per index (a few thousand records)."""
    if index is None:
        return None
    cached = _KNOWN.get(id(index))
    if cached is None or cached[0] is not index:
        cached = (index, grounding.known_names(index))
        _KNOWN.clear()
        _KNOWN[id(index)] = cached
    return cached[1]


def _code_passes(code: str, index) -> bool:
    from ..analysis import Analysis
    from ..checks import ERROR, check

    try:
        return not any(f.severity == ERROR for f in check(Analysis(code, index)))
    except Exception:  # noqa: BLE001 - a checker failure must not cost the answer
        return True


def check_answer(text: str, question: str, records: list, index=None) -> tuple[str | None, str]:
    """(the answer as it may be shown, "") or (None, why it may not)."""
    if not text:
        return None, "empty"
    why = grounding.degenerate(text, question)
    if why:
        return None, why
    if index is not None:
        # code that the checker rejects is removed, not shown as an example
        for block in re.findall(r"```(?:python)?\n(.*?)```", text, flags=re.S):
            if not _code_passes(block, index):
                text = text.replace(block, "").replace("```python\n```", "").replace("```\n```", "").strip()
        unknown = grounding.unknown_names(text, known_names(index))
        if unknown:
            text = grounding.drop_sentences_with(text, unknown)
            if not text or grounding.degenerate(text, question):
                return None, f"naming what PsychoPy does not have ({', '.join(unknown[:3])})"
    text = grounding.add_citations(text, records)
    if records and not grounding.cited(text, len(records)):
        return None, "citing no record"
    if records and grounding.misattributed(text, [f"{r.display_name} {record_text(r)}" for r in records]):
        return None, "quoting one record while citing another"
    return text, ""


def _sources(records: list) -> list[dict]:
    return [{"n": i, "symbol": r.symbol, "title": r.display_name if r.source in ("api", "param") else r.symbol,
             "source": r.source, "path": r.path, "line": r.line} for i, r in enumerate(records, 1)]


def extractive(question: str, records: list) -> Answer:
    """The answer without a model: composed from the records (what the model-off server returns)."""
    sources = _sources(records)
    docs_md = "\n\n".join(f"**[{s['n']}] {s['title']}**\n\n```\n{record_text(r)}\n```"
                           for s, r in zip(sources, records))
    result = Answer(question=question, answer=grounding.extractive(records) or None, sources=sources, docs=docs_md)
    if not records:
        result.note = "nothing in the knowledge base matches"
    return result


def answer(question: str, records: list, backend: ModelBackend | None, max_tokens: int = 200,
           cancel: threading.Event | None = None, grounded: bool = True, index=None) -> Answer:
    """The model's answer over `records`, checked when `grounded` (names against `index`); the extractive
    answer when the model is off, answers nothing usable, or fails the checks."""
    result = extractive(question, records)
    if backend is None:
        result.note = result.note or "the model is off: the answer is composed from the documentation records"
        return result
    extract, result.answer = result.answer, None
    prompt = answer_prompt(question, [(s["title"], record_text(r)) for s, r in zip(result.sources, records)])
    text = cleanup("".join(backend.generate(prompt, max_tokens, (ANSWER_END, "\nQuestion:"), cancel)))
    result.model = backend.name
    if not grounded:
        result.answer = text or None
        return result
    checked, why = check_answer(text, question, records, index)
    result.answer, result.model, note = compose(extract, checked, why, backend.name)
    result.note = result.note or note  # "nothing in the knowledge base matches" says more
    return result


def compose(extract: str | None, checked: str | None, why: str, model: str) -> tuple[str | None, str | None, str]:
    """(answer, model that contributed, note) from the extractive answer and the model's checked one (None with
    `why` when it failed the checks). Pure, so the policy is tested on strings."""
    if not extract:
        return checked, model if checked else None, "" if checked else f"the model gave no usable answer ({why})"
    if checked is None:
        return extract, None, f"the model's answer was {why}: the answer is the documentation's"
    extra = grounding.novel(checked, extract)
    if not extra or not grounding.CITE.search(extra):  # nothing new, or the new part cites nothing
        return extract, None, "the model's answer repeated the documentation's"
    return f"{extract}\n\n{extra}", model, ""

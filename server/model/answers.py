"""workspace/executeCommand `psychopy.ask` and `psychopy.explain`: retrieve from the knowledge base (exact symbols
first, then hybrid search), answer with the model citing the records used, or return the retrieved docs
themselves when the model is off or fails."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

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


def retrieve(kb, index, query: str, symbols: list[str] = (), k: int = 3) -> list:
    """Records for the exact symbols first (from the code itself), then search hits, without repeats."""
    found, seen = [], set()
    for symbol in symbols:
        record = index.lookup(symbol) if index is not None else None
        if record is not None and record.symbol not in seen:
            found.append(record)
            seen.add(record.symbol)
    if kb is not None and len(found) < k:
        for record, _score in kb.search(query, k=k):
            if record.symbol not in seen:
                found.append(record)
                seen.add(record.symbol)
    return found[:k]


def cleanup(raw: str) -> str:
    text = raw.split(ANSWER_END, 1)[0].split("\nQuestion:", 1)[0]
    return text.strip()


def answer(question: str, records: list, backend: ModelBackend | None, max_tokens: int = 200,
           cancel: threading.Event | None = None) -> Answer:
    sources = [{"n": i, "symbol": r.symbol, "title": r.display_name if r.source == "api" else r.symbol,
                "source": r.source, "path": r.path, "line": r.line} for i, r in enumerate(records, 1)]
    docs_md = "\n\n".join(f"**[{i}] {s['title']}**\n\n```\n{record_text(r)}\n```"
                          for i, (s, r) in enumerate(zip(sources, records), 1))
    result = Answer(question=question, answer=None, sources=sources, docs=docs_md)
    if not records:
        result.note = "nothing in the knowledge base matches"
    if backend is None:
        result.note = result.note or "the model is off: these are the documentation records that match"
        return result
    prompt = answer_prompt(question, [(s["title"], record_text(r)) for s, r in zip(sources, records)])
    text = cleanup("".join(backend.generate(prompt, max_tokens, (ANSWER_END, "\nQuestion:"), cancel)))
    result.model = backend.name
    if text:
        result.answer = text
    else:
        result.note = "the model gave no answer: these are the documentation records that match"
    return result

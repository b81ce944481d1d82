"""Gatekeepers for answers from the docs (issue 17), pure and tested on strings: what makes a model's answer
unusable (a list of citations, repetition, an echo of the question, no sentence), which PsychoPy names in it the
knowledge base does not have, which records it cites, and the extractive answer composed from the records when
the model's answer cannot be shown. The extractive answer is true by construction: it quotes the records.
"""

from __future__ import annotations

import difflib
import re

from ...kb.params import short_name

# roles and markup in PsychoPy's docstrings -> plain text (":class:`~psychopy.monitors.Monitor`" -> "Monitor")
_ROLE = re.compile(r":[a-z]+:`~?([^`<]*?)(?:\s*<[^>]*>)?`")
CITE = re.compile(r"\[(\d+)\]")
# words an answer may use that look like code but are not PsychoPy names
PYTHON_WORDS = {"True", "False", "None", "self", "print", "range", "len", "int", "float", "str", "list", "dict",
                "tuple", "for", "while", "if", "else", "import", "from", "def", "return", "in", "and", "or", "not",
                "is", "with", "as", "value", "stim", "win", "kb", "psychopy", "np", "numpy", "random", "os",
                "time", "sys", "math", "csv", "PsychoPy", "Python", "Builder", "Coder", "CSV", "Excel", "RGB",
                "Hz", "ms", "ID", "OK", "GPU", "USB", "LSL", "HID", "MRI", "EEG", "fMRI"}


def plain(doc: str) -> str:
    """A docstring line as readable text: Sphinx roles reduced to their last name, double backticks to one."""
    text = _ROLE.sub(lambda m: m.group(1).strip().rsplit(".", 1)[-1], doc or "")
    return re.sub(r"``([^`]+)``", r"`\1`", text).strip()


def first_sentence(text: str, limit: int = 240) -> str:
    text = " ".join(plain(text).split())
    match = re.search(r"(?<=[a-z0-9\)\]'`])\.(?:\s|$)", text)
    sentence = text[:match.start() + 1] if match else text
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + " ..."


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z0-9_]*", CITE.sub(" ", text))


def degenerate(text: str, question: str) -> str | None:
    """Why `text` is not an answer a person can use, or None. Checks what a small model produces when it fails:
    only citations (or lines that are mostly citations), the same line or phrase over and over, the question
    repeated back, or too few words to be a sentence."""
    stripped = (text or "").strip()
    if len(_words(stripped)) < 4:
        return "too short to be an answer"
    lines = [line.strip() for line in stripped.splitlines() if line.strip()]
    # a line that opens with its citation ("[2] demo:timing/x.py#section3") or is little more than one
    citing = [line for line in lines if CITE.match(line) or (CITE.search(line) and len(_words(line)) <= 2)]
    if len(citing) >= max(2, (len(lines) + 1) // 2):
        return "a list of citations, not a sentence"
    if len(lines) >= 3 and len(set(lines)) <= len(lines) // 2:
        return "the same line repeated"
    words = [w.lower() for w in _words(stripped)]
    grams = [tuple(words[i:i + 4]) for i in range(len(words) - 3)]
    if grams and max(grams.count(g) for g in set(grams)) >= 3:
        return "the same phrase repeated"
    if difflib.SequenceMatcher(None, stripped.lower(), question.strip().lower()).ratio() > 0.75:
        return "the question repeated back"
    first = re.split(r"(?<=[.!?])\s", CITE.sub("", stripped).strip(), maxsplit=1)[0].rstrip()
    if first.endswith("?"):
        return "a question, not an answer"
    return None


STOP = set("this that with from have will when what which your into then than there their they them also only "
           "used uses using should could would about each more most other such some been being does done".split())


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _words(text) if len(w) >= 4 and w.lower() not in STOP}


def misattributed(text: str, record_texts: list[str]) -> list[int]:
    """Citations [n] on sentences that quote another record instead: a sentence sharing at least half its content
    words with record m, and at most a third as many with the record it cites, cites the wrong one."""
    wrong = []
    words = [content_words(t) for t in record_texts]
    for sentence in re.split(r"(?<=[.!?\]])\s+", text):
        own = content_words(sentence)
        refs = [int(n) for n in CITE.findall(sentence) if 1 <= int(n) <= len(words)]
        if len(own) < 3 or not refs:
            continue
        overlap = [len(own & w) for w in words]
        best = max(range(len(words)), key=lambda i: overlap[i])
        cited_best = max(overlap[n - 1] for n in refs)
        if best + 1 not in refs and overlap[best] >= len(own) / 2 and cited_best * 3 <= overlap[best]:
            wrong += refs
    return wrong


def code_names(text: str) -> list[str]:
    """Names written as code: in backticks, dotted (visual.TextStim), CamelCase, called or assigned (foo(, foo=)."""
    found: list[str] = []
    for tick in re.findall(r"`([^`\n]+)`", text):
        found += re.findall(r"[A-Za-z_][A-Za-z0-9_]*", tick)
    prose = re.sub(r"`[^`\n]*`", " ", text)
    found += [part for dotted in re.findall(r"\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+", prose)
              for part in dotted.split(".")]
    found += re.findall(r"\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b", prose)
    found += re.findall(r"\b([A-Za-z_]\w*)\s*(?:\(|=(?!=))", prose)
    return list(dict.fromkeys(n for n in found if n not in PYTHON_WORDS and not n.isdigit()))


def known_names(index) -> set[str]:
    """Every name the API has: records, their members and parameters, the parts of their dotted paths."""
    names: set[str] = set()
    for record in index.records.values():
        for symbol in (record.symbol, *record.aliases):
            names.update(symbol.split("."))
        names.update(m.name for m in record.members)
        names.update(p.name for p in record.params)
    for values in index.vocab.values():
        names.update(str(v) for v in values)
    return names


def unknown_names(text: str, known: set[str]) -> list[str]:
    return [n for n in code_names(text) if n not in known and n.lower() not in known]


def drop_sentences_with(text: str, names: list[str]) -> str:
    """The answer without the sentences that use a name the API does not have."""
    if not names:
        return text
    sentences = re.split(r"(?<=[.!?])\s+", text)
    keep = [s for s in sentences if not any(re.search(rf"\b{re.escape(n)}\b", s) for n in names)]
    return " ".join(keep).strip()


STOP = frozenset("a an and are as at be by can do does for from how i if in is it its of on or that the this to "
                 "use with you your".split())


def _content(sentence: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]+", CITE.sub("", sentence))} - STOP


def novel(text: str, known: str, overlap: float = 0.7) -> str:
    """The sentences of `text` that say something `known` does not: a sentence whose content words are mostly
    (`overlap`) already in `known` repeats it. Keeps the model from restating the quoted record beneath it."""
    seen = _content(known)
    keep = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        words = _content(sentence)
        if words and len(words & seen) / len(words) < overlap:
            keep.append(sentence.strip())
            seen |= words
    return " ".join(keep).strip()


def cited(text: str, n_records: int) -> list[int]:
    return sorted({int(n) for n in CITE.findall(text or "") if 1 <= int(n) <= n_records})


def add_citations(text: str, records: list) -> str:
    """An answer that cites nothing gets the records whose names it uses cited at its end."""
    if cited(text, len(records)):
        return text
    names = set(code_names(text)) | set(_words(text))
    refs = [i for i, r in enumerate(records, 1) if r.name and r.name in names]
    return f"{text.rstrip()} {''.join(f'[{i}]' for i in refs)}" if refs else text


def _short(record) -> str:
    return short_name(record.display_name)


def _owner(record) -> str:
    return _short(record).rsplit(".", 1)[0]


def describe(record, n: int) -> str:
    """One true sentence about a record, citing it as [n]."""
    text = first_sentence(record.summary or record.doc)
    if record.kind == "param":
        doc = first_sentence(record.doc)
        how = re.search(r"Change it later with .*?\.$", record.doc)
        default = record.signature.split("=", 1)[1].rstrip(")") if "=" in record.signature else "..."
        extra = f" {how.group(0)}" if how else ""
        return f"Pass `{record.name}` to `{_owner(record)}` (default `{default}`): {doc}{extra} [{n}]"
    if record.kind == "attribute":
        return f"`{_short(record)}`: {text} [{n}]"
    if record.kind in ("method", "function"):
        return f"Call `{_short(record)}{record.signature}`: {text} [{n}]"
    if record.kind == "class":
        return f"Use `{_short(record)}`: {text} [{n}]"
    if record.source == "demo":
        return f"PsychoPy's demo {record.path or record.symbol} shows it: {text} [{n}]"
    return f"{text} [{n}]"


def extractive(records: list, limit: int = 2) -> str:
    """The answer composed from the best records: a sentence for the first, then the next ones of another
    owner as further reading."""
    if not records:
        return ""
    parts = [describe(records[0], 1)]
    for i, record in enumerate(records[1:], 2):
        if len(parts) >= limit:
            break
        if record.kind in ("param", "attribute", "method", "class", "function"):
            parts.append(describe(record, i))
    return "\n".join(parts)

"""Per-parameter docs from the docstring styles PsychoPy mixes.

Seen in psychopy's source: numpy (``Parameters`` + dashes), sphinx (``:param name:``), google (``Args:``), the old
PsychoPy style (``:Parameters:`` then ``name : type`` or ``**name**`` entries with indented descriptions), and bare
``**name**`` definition entries anywhere in the text (TextStim's ``languageStyle``).
"""

from __future__ import annotations

import re

_SPHINX_PARAM = re.compile(r"^\s*:param\s+(?:[^:]*?\s+)?\*{0,2}(\w+)\s*:\s*(.*)$")
_SPHINX_TYPE = re.compile(r"^\s*:type\s+(\w+)\s*:\s*(.*)$")
_NUMPY_HEADERS = ("parameters", "other parameters", "keyword arguments", "kwargs")
_GOOGLE_HEADERS = ("args:", "arguments:", "parameters:", "keyword args:", "keyword arguments:", "kwargs:")
_OLD_HEADERS = (":parameters:", ":params:", ":arguments:")
# One entry of a definition list: `name`, `name : type`, `a, b : type`, `name (type): desc`, `**name**`.
_ENTRY = re.compile(
    r"^(?:\*\*)?\*{0,2}(?P<name>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)(?:\*\*)?"
    r"(?:\s*\((?P<ptype>[^)]*)\))?"
    r"(?:(?P<spaced>\s+:\s*|\s*:\s+|\s*:$)(?P<rest>.*))?\s*$"
)
_BOLD_ENTRY = re.compile(r"^\*\*(?P<name>[A-Za-z_]\w*)\*\*\s*(?::\s*(?P<rest>.*))?$")


def summary(doc: str) -> str:
    """The first paragraph of a docstring, on one line."""
    para: list[str] = []
    lines = (doc or "").strip().splitlines()
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and re.fullmatch(r"\s*-{3,}\s*", lines[i + 1]):
            break  # a numpy section header ("Parameters" + dashes) is not a summary
        if not line.strip():
            if para:
                break
            continue
        para.append(line.strip())
    return " ".join(para)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _clean(lines: list[str]) -> str:
    text = " ".join(line.strip() for line in lines if line.strip())
    return re.sub(r"\s+", " ", text).strip()


def _definition_list(lines: list[str], start: int, stop_at_header_indent: int | None) -> dict[str, str]:
    """Parse entries from lines[start:], where an entry line is followed by more-indented description lines."""
    out: dict[str, str] = {}
    i = start
    n = len(lines)
    while i < n and not lines[i].strip():
        i += 1
    if i >= n:
        return out
    entry_indent = _indent(lines[i])
    if stop_at_header_indent is not None and entry_indent < stop_at_header_indent:
        return out
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        ind = _indent(line)
        if ind < entry_indent:
            break
        if ind > entry_indent:  # stray continuation
            i += 1
            continue
        stripped = line.strip()
        # A new numpy section ("Returns" + dashes) or a new `:Field:` ends the list.
        if i + 1 < n and re.fullmatch(r"\s*-{3,}\s*", lines[i + 1]):
            break
        if re.match(r"^:\w[\w ]*:\s*$", stripped):
            break
        match = _ENTRY.match(stripped)
        if not match:
            break
        name = match.group("name")
        head = []
        rest = (match.group("rest") or "").strip()
        spaced = match.group("spaced") or ""
        ptype = match.group("ptype")
        if rest:
            # `name : type` (numpy/old style: the part after a spaced colon is the type/default);
            # `name: desc` / `name (type): desc` (google: the description).
            if spaced.startswith(" ") and not ptype:
                head.append(f"({rest})")
            else:
                head.append(rest)
        if ptype:
            head.insert(0, f"({ptype})")
        j = i + 1
        body = []
        while j < n and (not lines[j].strip() or _indent(lines[j]) > entry_indent):
            body.append(lines[j])
            j += 1
        text = _clean(head + body)
        for one in re.split(r"\s*,\s*", name):  # numpy allows `width, height : float`
            if one not in out and text:
                out[one] = text
        i = j
    return out


def param_docs(doc: str) -> dict[str, str]:
    """Map parameter name -> its one-paragraph description, from every style found in `doc`."""
    if not doc:
        return {}
    lines = doc.expandtabs().splitlines()
    found: dict[str, str] = {}

    def merge(new: dict[str, str]) -> None:
        for key, value in new.items():
            found.setdefault(key, value)

    for i, line in enumerate(lines):
        stripped = line.strip()
        low = stripped.lower()
        # sphinx
        m = _SPHINX_PARAM.match(line)
        if m:
            body = [m.group(2)]
            j = i + 1
            while j < len(lines) and lines[j].strip() and _indent(lines[j]) > _indent(line) \
                    and not lines[j].strip().startswith(":"):
                body.append(lines[j])
                j += 1
            text = _clean(body)
            if text:
                found.setdefault(m.group(1), text)
            continue
        # numpy
        if low in _NUMPY_HEADERS and i + 1 < len(lines) and re.fullmatch(r"\s*-{3,}\s*", lines[i + 1]):
            merge(_definition_list(lines, i + 2, _indent(line)))
        # old PsychoPy `:Parameters:` and google `Args:`
        elif low in _OLD_HEADERS or low in _GOOGLE_HEADERS:
            merge(_definition_list(lines, i + 1, _indent(line)))
        # a bare `**name**` entry followed by an indented description
        else:
            bold = _BOLD_ENTRY.match(stripped)
            if bold and i + 1 < len(lines) and lines[i + 1].strip() and _indent(lines[i + 1]) > _indent(line):
                merge(_definition_list(lines, i, None))
    # sphinx `:type x:` lines only add information when the description exists
    return found

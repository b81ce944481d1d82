"""PsychoPy's docstrings (reStructuredText with Sphinx roles, numpy/google/`:Parameters:` field lists, directives,
simple tables, doctest) as Markdown an editor renders, and the online page of a record.

Why not `docstring-to-markdown` (PyPI, used by python-lsp-server and jedi-language-server): measured on the 3,851
class and function docstrings of psychopy 2026.2.5 (benchmarks/docmarkdown.py) it gives up on 32% of them
(UnknownFormatError: they mix styles) and leaves Sphinx/reST markup in 11.8% (ours: 0%, 0.4%); a docstring shown
raw then renders its indented lines as code blocks. This converter never raises and always returns
something: what it does not recognise stays as text, dedented, so Markdown does not turn it into code.
"""

from __future__ import annotations

import re

DOCS = "https://www.psychopy.org/api"
# the pages of docs/source/api/visual in psychopy's repository (one per class); others live on their module's page
VISUAL_PAGES = frozenset(
    "aperture bufferimagestim circle custommouse dotstim elementarraystim form gratingstim imagestim line moviestim "
    "noisestim patchstim pie polygon progressbar radialstim ratingscale rect secondorder shapestim simpleimagestim "
    "slider textbox textbox2 textstim vlcmoviestim window windowframepack windowwarp".split())
MODULE_PAGES = {"core": "core", "clock": "clock", "event": "event", "data": "data", "gui": "gui",
                "logging": "logging", "monitors": "monitors", "sound": "sound", "filters": "filters",
                "misc": "misc", "parallel": "parallel", "hardware.keyboard": "hardware/keyboard",
                "tools.monitorunittools": "tools/monitorunittools", "tools.colorspacetools": "tools/colorspacetools",
                "tools.coordinatetools": "tools/coordinatetools", "tools.mathtools": "tools/mathtools"}

ROLE = re.compile(r":(?:py:)?(\w+):`([^`]+)`")
LITERAL = re.compile(r"``(.+?)``")
SECTION = re.compile(r"^(Parameters|Other Parameters|Returns|Yields|Raises|Examples?|Notes?|See Also|Attributes|"
                     r"Methods|Warnings?|References|Args|Arguments|Keyword Args|Kwargs)\s*:?\s*$", re.I)
UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+])\1{2,}\s*$")
FIELD = re.compile(r"^:(param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|except|"
                   r"var|ivar|cvar)\b\s*([^:]*):\s*(.*)$")
OLD_FIELD = re.compile(r"^:([A-Za-z][\w ]*):(?!`)\s*(.*)$")  # PsychoPy's `:Parameters:` / `:Author:` headings
ENTRY = re.compile(r"^(\*{0,2}[A-Za-z_][\w, ]*?\*{0,2})\s*(?::\s*(.*)|\(([^)]*)\)\s*:\s*(.*))$")
DIRECTIVE = re.compile(r"^\.\.\s+([\w-]+)::\s*(.*)$")
TABLE_RULE = re.compile(r"^\s*(=+\s+)+=+\s*$|^\s*\+[-=+]+\+\s*$")
ADMONITIONS = {"note": "Note", "warning": "Warning", "tip": "Tip", "important": "Important", "hint": "Hint",
               "caution": "Caution", "attention": "Attention", "danger": "Danger", "seealso": "See also",
               "versionadded": "New in version", "versionchanged": "Changed in version",
               "deprecated": "Deprecated since version", "todo": "To do"}
CODE = {"code", "code-block", "sourcecode", "doctest", "testcode"}
DROPPED = {"image", "figure", "only", "autosummary", "toctree", "raw", "include", "index", "plot"}


def online_url(symbol: str, display_name: str = "") -> str | None:
    """The psychopy.org page (and anchor) that documents `symbol`, where the docs have one."""
    name = (display_name or symbol).removeprefix("psychopy.")
    parts = name.split(".")
    if parts[0] == "visual" and len(parts) >= 2 and parts[1].lower() in VISUAL_PAGES:
        return f"{DOCS}/visual/{parts[1].lower()}.html#psychopy.{name}"
    for i in range(min(len(parts), 2), 0, -1):
        page = MODULE_PAGES.get(".".join(parts[:i]))
        if page:
            return f"{DOCS}/{page}.html#psychopy.{name}" if len(parts) > i else f"{DOCS}/{page}.html"
    return None


def _role(match: re.Match) -> str:
    role, text = match.group(1), match.group(2).strip()
    shown = re.match(r"(.*?)\s*<([^>]+)>$", text)
    if shown:  # `text <target>`: the text is what the author meant readers to see
        return f"`{shown.group(1)}`" if role not in ("ref", "doc") else shown.group(1)
    if role in ("ref", "doc", "term"):
        return text.replace("-", " ").replace("_", " ") if role == "ref" else text
    if role == "math":
        return f"`{text}`"
    full = text.lstrip("~!.")
    code = f"`{full.rsplit('.', 1)[-1] if text.startswith('~') else full}`"  # `~`: Sphinx shows the last part
    linked = role in ("class", "func", "meth", "attr", "mod", "obj") and full.startswith("psychopy.")
    url = online_url(full) if linked else None
    return f"[{code}]({url})" if url else code


def inline(text: str) -> str:
    """Roles and literals of one line as Markdown."""
    text = ROLE.sub(_role, text)
    text = LITERAL.sub(lambda m: f"`{m.group(1)}`", text)
    return re.sub(r"(?<![\w`])\|(\w+)\|(?![\w`])", r"\1", text)  # |substitution| references


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _block(lines: list[str], start: int, base: int) -> tuple[list[str], int]:
    """The lines from `start` indented deeper than `base` (blank lines inside kept), and where they end."""
    out, i = [], start
    while i < len(lines):
        line = lines[i]
        if line.strip() and _indent(line) <= base:
            break
        out.append(line)
        i += 1
    while out and not out[-1].strip():
        out.pop()
        i -= 1
    return out, i


def _dedent(lines: list[str]) -> list[str]:
    depth = min((_indent(l) for l in lines if l.strip()), default=0)
    return [l[depth:] for l in lines]


def _fence(lines: list[str], lang: str = "") -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    return [f"```{lang}", *_dedent(lines), "```"]


def _entries(lines: list[str], typed: bool = False) -> list[str]:
    """`name : type` (numpy, old PsychoPy) or `name (type): desc` (google) entries with indented descriptions,
    as a Markdown list; lines that are not entries stay prose."""
    out: list[str] = []
    body = _dedent(lines)
    i = 0
    while i < len(body):
        line = body[i]
        if not line.strip():
            i += 1
            continue
        m = ENTRY.match(line.strip()) if _indent(line) == 0 else None
        desc, i = _block(body, i + 1, 0)
        text = " ".join(inline(l.strip()) for l in desc if l.strip())
        if typed and desc and (m is None or m.group(2) is None):  # numpy Returns/Raises: a type, then its text
            out.append(f"- *{inline(line.strip())}*: {text}")
        elif m:
            names = m.group(1).strip("* ")
            kind = (m.group(2) if m.group(2) is not None else m.group(3) or "").strip()
            rest = (m.group(4) or "").strip()
            if m.group(3) is None and m.group(2) is not None and not desc and " " in kind and ":" not in line[:2]:
                # google style without a type: `name: description`
                kind, rest = "", kind
            label = ", ".join(f"`{n.strip()}`" for n in names.split(","))
            kind = f" ({inline(kind)})" if kind else ""
            joined = " ".join(x for x in (inline(rest), text) if x)
            out.append(f"- {label}{kind}{': ' + joined if joined else ''}")
        else:
            out.append(f"- {inline(line.strip())}{' ' + text if text else ''}")
    return out


def to_markdown(doc: str) -> str:
    """Markdown for a docstring. Never raises; unknown constructs stay as dedented text."""
    if not doc or not doc.strip():
        return ""
    lines = _dedent(doc.expandtabs(4).strip("\n").splitlines())
    out: list[str] = []
    fields: dict[str, list[str]] = {}
    i = list_base = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            if out and out[-1] != "":
                out.append("")
            i += 1
            continue
        if stripped.startswith(">>>"):  # a doctest runs until a blank line
            block, j = [], i
            while j < len(lines) and lines[j].strip():
                block.append(lines[j])
                j += 1
            out += _fence(block, "python") + [""]
            i = j
            continue
        if TABLE_RULE.match(line):  # simple or grid table: keep its layout
            block, j = [], i
            while j < len(lines) and lines[j].strip():
                block.append(lines[j])
                j += 1
            out += _fence(block) + [""]
            i = j
            continue
        if UNDERLINE.match(nxt) and not UNDERLINE.match(line) and _indent(line) == _indent(nxt):
            title = stripped.rstrip(":")
            i += 2
            if SECTION.match(title) and title.lower().rstrip("s") in ("parameter", "other parameter", "attribute",
                                                                      "raise", "return", "yield", "method"):
                block, i = _section_body(lines, i, _indent(line))
                typed = title.lower().rstrip("s") in ("return", "yield", "raise")
                out += [f"**{title}**", ""] + _entries(block, typed) + [""]
            else:
                out += [f"**{inline(title)}**", ""]
            continue
        m = SECTION.match(stripped)
        if m and stripped.endswith(":") and nxt.strip() and _indent(nxt) > _indent(line):  # google `Args:`
            block, i = _block(lines, i + 1, _indent(line))
            title = stripped.rstrip(":")
            out += [f"**{title}**", ""] + (_entries(block) if title.lower() not in ("examples", "example", "notes",
                                                                                      "note") else
                                            [inline(l.strip()) for l in block if l.strip()]) + [""]
            continue
        m = DIRECTIVE.match(stripped)
        if m:
            name, arg = m.group(1).lower(), m.group(2).strip()
            block, i = _block(lines, i + 1, _indent(line))
            block = [l for l in block if not re.match(r"^\s*:\w[\w-]*:", l)]  # directive options
            if name in CODE:
                out += _fence(block, arg or "python") + [""]
            elif name in ADMONITIONS:
                text = " ".join(inline(l.strip()) for l in block if l.strip())
                head = ADMONITIONS[name]
                out += [f"> **{head}{' ' + inline(arg) if arg and name.startswith(('version', 'deprec')) else ''}:**"
                        f"{' ' + inline(arg) if arg and not name.startswith(('version', 'deprec')) else ''}"
                        f"{' ' + text if text else ''}", ""]
            elif name in DROPPED:
                pass
            else:
                out += [inline(l.strip()) for l in block if l.strip()] + [""]
            continue
        m = FIELD.match(stripped)
        if m:
            kind, name, text = m.group(1).lower(), m.group(2).strip(), m.group(3).strip()
            block, i = _block(lines, i + 1, _indent(line))
            text = " ".join([inline(text)] + [inline(l.strip()) for l in block if l.strip()]).strip()
            _field(fields, kind, name, text)
            continue
        m = OLD_FIELD.match(stripped)
        if m and not m.group(2):  # `:Parameters:` then indented entries
            title = m.group(1).strip()
            block, i = _block(lines, i + 1, _indent(line))
            entries = _entries(block) if title.lower() in ("parameters", "params", "arguments", "attributes") else \
                [inline(l.strip()) for l in block if l.strip()]
            out += [f"**{title}**", ""] + entries + [""]
            continue
        if m:  # `:Author: Jon` and other one-line fields
            out += [f"**{m.group(1).strip()}:** {inline(m.group(2))}", ""]
            i += 1
            continue
        if stripped.endswith("::") and not stripped.startswith(".."):  # a literal block follows
            text = stripped[:-1] if not stripped[:-2].endswith(" ") and stripped != "::" else stripped[:-2].rstrip()
            if text:
                out.append(inline(text))
            block, i = _block(lines, i + 1, _indent(line))
            if any(l.strip() for l in block):
                out += ["", *_fence([l for l in block], "python"), ""]
            continue
        if re.match(r"^\s*([-*+]|\d+[.)])\s+", line):  # list items keep their marker; one level of nesting
            if not (out and re.match(r"^\s*([-*+]|\d+[.)])\s+", out[-1])):
                list_base = _indent(line)  # a list's first item: reST may indent it, Markdown must not
            out.append(("  " if _indent(line) > list_base else "") + inline(stripped))
            i += 1
            continue
        out.append(inline(stripped))  # dedented: Markdown would render an indented line as code
        i += 1
    if fields:
        if out and out[-1] != "":
            out.append("")
        out += _render_fields(fields)
    text = "\n".join(out).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _section_body(lines: list[str], i: int, base: int) -> tuple[list[str], int]:
    """A numpy section's lines: up to the next underlined heading."""
    block = []
    while i < len(lines):
        if i + 1 < len(lines) and UNDERLINE.match(lines[i + 1]) and lines[i].strip() and _indent(lines[i]) <= base:
            break
        block.append(lines[i])
        i += 1
    while block and not block[-1].strip():
        block.pop()
    return block, i


def _field(fields: dict, kind: str, name: str, text: str) -> None:
    if kind in ("param", "parameter", "arg", "argument", "key", "keyword"):
        parts = name.split()
        pname = parts[-1] if parts else name
        kind_note = f" ({' '.join(parts[:-1])})" if len(parts) > 1 else ""
        fields.setdefault("Parameters", []).append((pname, kind_note, text))
    elif kind == "type":
        for entry in fields.get("Parameters", []):
            if entry[0] == name and not entry[1]:
                fields["Parameters"][fields["Parameters"].index(entry)] = (name, f" ({text})", entry[2])
                return
    elif kind in ("returns", "return"):
        fields.setdefault("Returns", []).append(("", "", text))
    elif kind == "rtype":
        fields.setdefault("Returns", []).append(("", "", f"({text})"))
    elif kind in ("raises", "raise", "except"):
        fields.setdefault("Raises", []).append((name, "", text))
    else:
        fields.setdefault("Attributes", []).append((name.split()[-1] if name else "", "", text))


def _render_fields(fields: dict) -> list[str]:
    out = []
    for title, entries in fields.items():
        out += [f"**{title}**", ""]
        for name, kind, text in entries:
            label = f"`{name}`{kind}: " if name else ""
            out.append(f"- {label}{text}".rstrip(": "))
        out.append("")
    return out


def clip(markdown: str, limit: int) -> str:
    """At most about `limit` characters, cut between paragraphs, never inside a fence left open."""
    if len(markdown) <= limit:
        return markdown
    cut = markdown.rfind("\n\n", 0, limit)
    text = markdown[:cut if cut > limit // 2 else limit].rstrip()
    last = text.rsplit("\n\n", 1)
    if len(last) == 2 and re.fullmatch(r"\*\*[^*]+\*\*", last[1].strip()):
        text = last[0].rstrip()  # a heading whose section was cut off
    if text.count("```") % 2:
        text += "\n```"
    return text + "\n\n…"

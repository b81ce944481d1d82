"""Non-API sources for the knowledge base: the coder demos and the alerts catalogue.

Demos are chunked the way people search them: one chunk per top-level function or class, and the module-level
script split into sections at blank-line-separated comment headers, each chunk small enough to embed well.
"""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from .records import Record

MAX_CHUNK_LINES = 60


def _chunk_script(lines: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """Split lines[first:last] (0-based, end exclusive) into sections of at most MAX_CHUNK_LINES, cutting at a
    blank line followed by a comment when one is near, so a section starts at its explanation."""
    spans = []
    start = first
    while start < last:
        end = min(start + MAX_CHUNK_LINES, last)
        if end < last:
            for cut in range(end, start + MAX_CHUNK_LINES // 3, -1):
                if not lines[cut - 1].strip() and lines[cut].lstrip().startswith("#"):
                    end = cut
                    break
        if any(line.strip() for line in lines[start:end]):
            spans.append((start, end))
        start = end
    return spans


def demo_usage(psychopy_dir: Path) -> dict[str, int]:
    """For every name the coder demos use in code (a variable, an attribute, a keyword argument), the number of
    demo files that use it: PsychoPy's own examples are the best evidence of which of its thousands of names
    people reach for (`Window`, `flip`, `fullscr`) and which are internal (`Rift`, `SoundPySoundCard`)."""
    counts: dict[str, int] = {}
    demo_root = psychopy_dir / "demos" / "coder"
    for path in sorted(demo_root.rglob("*.py")) if demo_root.is_dir() else []:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except (SyntaxError, ValueError):
            continue
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.rsplit(".", 1)[-1])
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


def demo_records(psychopy_dir: Path, version: str) -> list[Record]:
    demo_root = psychopy_dir / "demos" / "coder"
    records: list[Record] = []
    if not demo_root.is_dir():
        return records
    for path in sorted(demo_root.rglob("*.py")):
        if path.name == "__init__.py" or "_assets" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(demo_root).as_posix()
        lines = text.splitlines()
        try:
            tree = ast.parse(text)
        except SyntaxError:
            tree = None
        doc = ast.get_docstring(tree) if tree else ""
        title = (doc or "").strip().splitlines()[0] if doc and doc.strip() else rel
        spans: list[tuple[str, int, int]] = []
        covered: set[int] = set()
        if tree is not None:
            for node in tree.body:
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    start = min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1
                    spans.append((node.name, start, node.end_lineno))
                    covered.update(range(start, node.end_lineno))
        rest = [i for i in range(len(lines)) if i not in covered]
        # contiguous runs of module-level lines become sections
        runs: list[tuple[int, int]] = []
        for i in rest:
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
        for first, last in runs:
            for n, (s, e) in enumerate(_chunk_script(lines, first, last)):
                spans.append((f"section{s + 1}", s, e))
        for name, start, end in sorted(spans, key=lambda s: s[1]):
            body = "\n".join(lines[start:end]).strip()
            if len(body) < 40:
                continue
            records.append(Record(
                symbol=f"demo:{rel}#{name}", kind="demo", source="demo", name=f"{rel} {name}",
                summary=title, doc=body, path=f"psychopy/demos/coder/{rel}", line=start + 1,
                psychopy_version=version))
    return records


def alert_records(psychopy_dir: Path, version: str) -> list[Record]:
    catalogue = psychopy_dir / "alerts" / "alertsCatalogue"
    records: list[Record] = []
    if not catalogue.is_dir():
        return records
    for path in sorted(catalogue.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
        except yaml.YAMLError:
            continue
        if not isinstance(data, dict) or "code" not in data:
            continue
        parts = [f"{key.title()}: {str(data[key]).strip()}" for key in ("synopsis", "details", "solutions")
                 if data.get(key)]
        records.append(Record(
            symbol=f"alert:{data['code']}", kind="alert", source="alert", name=str(data.get("label") or ""),
            module=str(data.get("cat") or ""), summary=str(data.get("msg") or "").strip(), doc="\n\n".join(parts),
            path=f"psychopy/alerts/alertsCatalogue/{path.name}", line=1, psychopy_version=version))
    return records

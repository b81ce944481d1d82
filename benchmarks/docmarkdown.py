"""Docstrings as Markdown: server/features/docmarkdown.py beside `docstring-to-markdown` (the converter of
python-lsp-server and jedi-language-server), on every class and function docstring of the installed psychopy.
Asserts nothing; prints, for each converter:

- gave up: raised (docstring-to-markdown's UnknownFormatError); an editor then shows the docstring raw;
- markup left: Sphinx/reST that reaches the user as text (`:class:`, ``literal``, `.. note::`, `:param x:`,
  `Parameters` + `----------` underlines);
- code by accident: lines outside a fence indented 4+ spaces after a blank line, which Markdown shows as code;
- the median time per docstring.

    .venv/bin/python benchmarks/docmarkdown.py [--show N] [--json training/runs/docmarkdown.json]
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import statistics
import time
from pathlib import Path

MARKUP = re.compile(r":(?:py:)?(?:class|func|meth|ref|attr|mod|obj|data|math|doc|term):`|``\S|^\s*\.\. [\w-]+::|"
                    r"^\s*:(?:param|type|returns?|rtype|raises?)\b|^\s*-{3,}\s*$|^\s*={3,}\s*$|^:\w[\w ]*:\s*$", re.M)


def docstrings(root: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "demos" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node)
                if doc and len(doc) > 40:
                    out.append((f"{path.relative_to(root.parent)}:{node.lineno} {node.name}", doc))
    return out


def prose(markdown: str) -> str:
    """The text outside fenced code (markup inside an example is the example's)."""
    return re.sub(r"^```.*?^```", "", markdown, flags=re.S | re.M)


def accidental_code(markdown: str) -> bool:
    fenced, previous_blank = False, True
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("    ") and line.strip() and previous_blank:
            return True
        previous_blank = not line.strip()
    return False


def main() -> int:
    import docstring_to_markdown

    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.server.features.docmarkdown import to_markdown

    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0, help="print the first N outputs where the two differ")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    root = find_psychopy().path
    docs = docstrings(root)

    def theirs(doc: str) -> str | None:
        try:
            return docstring_to_markdown.convert(doc)
        except docstring_to_markdown.UnknownFormatError:
            return None

    summary = {"docstrings": len(docs), "with_markup": sum(bool(MARKUP.search(d)) for _, d in docs)}
    print(f"{len(docs)} docstrings of psychopy at {root}; {summary['with_markup']} contain Sphinx/reST markup\n")
    print(f"{'converter':24} {'gave up':>14} {'markup left':>14} {'code by accident':>18} {'median ms':>10}")
    shown = 0
    for name, convert in (("docstring-to-markdown", theirs), ("psychopy-lsp", to_markdown)):
        failed = markup = code = 0
        times = []
        for where, doc in docs:
            started = time.perf_counter()
            out = convert(doc)
            times.append(time.perf_counter() - started)
            if out is None:  # shown raw
                failed += 1
                out = doc
            markup += bool(MARKUP.search(prose(out)))
            code += accidental_code(out)
        n = len(docs)
        summary[name] = {"gave_up": failed, "markup_left": markup, "accidental_code": code,
                         "median_ms": round(1000 * statistics.median(times), 3)}
        print(f"{name:24} {failed:>6} ({100 * failed / n:4.1f}%) {markup:>6} ({100 * markup / n:4.1f}%) "
              f"{code:>8} ({100 * code / n:4.1f}%) {1000 * statistics.median(times):10.3f}")
    for where, doc in docs:
        if shown >= args.show:
            break
        ours = to_markdown(doc)
        if MARKUP.search(prose(ours)) or accidental_code(ours):
            shown += 1
            hit = MARKUP.search(prose(ours))
            print(f"\n--- {where}: {hit.group(0) if hit else 'code by accident'!r}\n{doc[:600]}\n=== ours\n{ours[:600]}")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

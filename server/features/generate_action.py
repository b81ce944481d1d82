"""The "Write this experiment" code action: offered on a module docstring or a block of comment lines that
describes an experiment (the spec reader finds a stimulus, a key or a timed screen in it). Listing it never runs
anything: the action carries the `psychopy.generate` command with the description, the document's version and the
block's lines, and the command applies the script only once it is verified, replacing that block alone.
"""

from __future__ import annotations

import ast
import re

from lsprotocol import types as lsp

from ..documents import Snapshot
from ..generate.pipeline import readable
from ..generate.spec import read_spec

TITLE = "Write this experiment (PsychoPy model, verified by running it)"
MIN_WORDS = 8  # shorter comments are notes, not descriptions


def description_block(source: str, line: int) -> tuple[str, int, int] | None:
    """(description, first line, last line + 1), 0-based, of the module docstring or the comment block holding
    0-based `line`; None when `line` is in neither."""
    lines = source.split("\n")
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is not None and tree.body and isinstance(tree.body[0], ast.Expr) and \
            isinstance(tree.body[0].value, ast.Constant) and isinstance(tree.body[0].value.value, str):
        node = tree.body[0]
        if node.lineno - 1 <= line <= node.end_lineno - 1:
            return node.value.value.strip(), node.lineno - 1, node.end_lineno
    if not 0 <= line < len(lines) or not lines[line].lstrip().startswith("#"):
        return None
    first = last = line
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].lstrip().startswith("#"):
        last += 1
    text = " ".join(re.sub(r"^\s*#+\s?", "", lines[i]) for i in range(first, last + 1)).strip()
    return text, first, last + 1


def generate_actions(snapshot: Snapshot, params: lsp.CodeActionParams, colour_names) -> list[lsp.CodeAction]:
    only = params.context.only
    if only and not any(str(kind).startswith(("refactor", "source")) for kind in only):
        return []
    found = description_block(snapshot.text, params.range.start.line)
    if found is None:
        return []
    description, first, end = found
    if len(description.split()) < MIN_WORDS or not readable(read_spec(description, colour_names)):
        return []
    arguments = {"description": description, "uri": snapshot.uri, "version": snapshot.version,
                 "lines": [first, end]}
    return [lsp.CodeAction(title=TITLE, kind=lsp.CodeActionKind.RefactorRewrite,
                           command=lsp.Command(title=TITLE, command="psychopy.generate", arguments=[arguments]))]

"""What the timing and logic families share: which objects a script's names are (a window, a clock, a keyboard,
a data handler, a stimulus), which calls flip, draw or read keys, which loops are frame loops, and the order of
statements in a block.

A *frame loop* is a `for`/`while` whose own body (not a nested loop's, not a function's) calls `win.flip()` once
and never blocks (no waitKeys, no core.wait): one iteration is one screen refresh. A loop around a frame loop is a *trial loop*. Everything is decided from the
tree and the resolver; a name the resolver cannot place is not a PsychoPy object, except that `win`-like names
calling `.flip()` count as windows (Builder exports pass the window into functions, where it is a parameter).
"""

from __future__ import annotations

import ast
import re
from typing import Iterator

from .context import CheckContext

LOOPS = (ast.For, ast.While, ast.AsyncFor)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_WINDOW_NAME = re.compile(r"^(my)?_?win(dow)?\d*$", re.I)

# role of an instance, by the class symbol the resolver gives (prefix match on the module for stimuli)
ROLES = {
    "psychopy.visual.window.Window": "window",
    "psychopy.clock.Clock": "clock",
    "psychopy.clock.MonotonicClock": "clock",
    "psychopy.clock.CountdownTimer": "timer",
    "psychopy.hardware.keyboard.Keyboard": "keyboard",
    "psychopy.data.experiment.ExperimentHandler": "experiment",
    "psychopy.data.staircase.StairHandler": "staircase",
    "psychopy.data.staircase.QuestHandler": "staircase",
    "psychopy.data.staircase.QuestPlusHandler": "staircase",
    "psychopy.data.staircase.PsiHandler": "staircase",
    "psychopy.data.staircase.MultiStairHandler": "staircase",
    "psychopy.event.Mouse": "mouse",
    "psychopy.parallel.ParallelPort": "port",
}


def method_call(node: ast.AST) -> tuple[ast.expr, str] | None:
    """(receiver, method) for `receiver.method(...)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.value, node.func.attr
    return None


def calls_in(stmt: ast.AST) -> Iterator[ast.Call]:
    for node in ast.walk(stmt):
        if isinstance(node, ast.Call):
            yield node


def own_nodes(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every node under `body` that runs in the same iteration: nested loops, functions and classes are yielded
    themselves but not entered."""
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, LOOPS + SCOPES):
            continue
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def position(node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.col_offset


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def is_false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in (False, None, 0)


def blocks(nodes: list[ast.AST]) -> Iterator[list[ast.stmt]]:
    """Every statement list among `nodes` (module, function and class bodies, loop and branch bodies...)."""
    for node in nodes:
        if not isinstance(node, (ast.stmt, ast.Module, ast.ExceptHandler, ast.match_case)):
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                yield block


def _branch(node: ast.If | ast.IfExp, child: ast.AST) -> str | None:
    """Which branch of the if `child` is in ('body', 'orelse'; None for the test)."""
    for field in ("body", "orelse"):
        value = getattr(node, field)
        if child is value or (isinstance(value, list) and child in value):
            return field
    return None


class Timeline(CheckContext):
    """Roles of expressions and the loop structure, computed lazily once per check run."""

    def __init__(self, analysis):
        super().__init__(analysis)
        self._roles: dict[int, str | None] = {}
        self._frame_loops: dict[int, bool] = {}
        self._calls_of: dict[int, list[ast.Call]] = {}
        self._flips: dict[int, bool] = {}
        self.defined_functions: set[str] = set()
        self.calls: list[ast.Call] = []
        self.loops: list[ast.AST] = []
        for node in analysis.nodes:  # one pass for what every family iterates
            if isinstance(node, ast.Call):
                self.calls.append(node)
            elif isinstance(node, LOOPS):
                self.loops.append(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.defined_functions.add(node.name)
        self._frame_loop_list: list[ast.AST] | None = None
        # the calls under each node, from the parent links (one climb per call instead of a walk per statement:
        # the flow rules look at the same statements from several places)
        parents = analysis.parents
        for call in self.calls:
            node = call
            while node is not None:
                self._calls_of.setdefault(id(node), []).append(call)
                node = parents.get(id(node))

    # ---- what things are ------------------------------------------------------------------------------------
    def role(self, expr: ast.expr) -> str | None:
        key = id(expr)
        if key not in self._roles:
            self._roles[key] = self._role(expr)
        return self._roles[key]

    def _role(self, expr: ast.expr) -> str | None:
        try:
            value = self.a.infer(expr)
        except Exception:  # noqa: BLE001 - inference on salvaged code
            value = None
        if value is not None:
            if value.kind == "instance":
                if value.symbol in ROLES:
                    return ROLES[value.symbol]
                if value.symbol.startswith("psychopy.visual.") and value.symbol.rsplit(".", 1)[-1] != "Window":
                    return "stim"
                if value.symbol.startswith("psychopy.sound."):
                    return "sound"
                return None
            if value.kind == "attribute" and value.symbol == "psychopy.hardware.keyboard.Keyboard.clock":
                return "clock"
            if value.kind == "module":
                return "module:" + value.symbol
            return None
        return None

    def is_window(self, expr: ast.expr) -> bool:
        if self.role(expr) == "window":
            return True
        # unresolved (a function parameter, self.win): a window-like name
        if isinstance(expr, ast.Name):
            return bool(_WINDOW_NAME.match(expr.id)) and self.a.infer(expr) is None
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
            return bool(_WINDOW_NAME.match(expr.attr))
        return False

    def is_module(self, expr: ast.expr, module: str) -> bool:
        return self.role(expr) == f"module:{module}"

    def is_flip(self, node: ast.AST) -> bool:
        key = id(node)
        found = self._flips.get(key)
        if found is None:
            mc = method_call(node)
            found = self._flips[key] = mc is not None and mc[1] == "flip" and self.is_window(mc[0])
        return found

    def calls_of(self, node: ast.AST) -> list[ast.Call]:
        """Every call under `node` (itself included), computed once per node: the flow rules scan the same
        statements from several places (forward from a reset, back from a flip)."""
        found = self._calls_of.get(id(node))
        if found is None:
            # a node without calls, or one not from this tree (a salvaged fragment): walk it
            found = [] if id(node) in self.a.own_ids else list(calls_in(node))
        return found

    def flips_in(self, node: ast.AST) -> bool:
        return any(self.is_flip(c) for c in self.calls_of(node))

    def is_draw(self, node: ast.AST) -> bool:
        mc = method_call(node)
        return mc is not None and mc[1] == "draw" and not self.is_window(mc[0])

    def key_read(self, node: ast.AST) -> str | None:
        """'event' or the keyboard's source text, for a getKeys call (a polling read)."""
        mc = method_call(node)
        if mc is None or mc[1] != "getKeys":
            return None
        if self.is_module(mc[0], "psychopy.event"):
            return "event"
        if self.role(mc[0]) == "keyboard":
            return ast.unparse(mc[0])
        return None

    def is_wait_keys(self, node: ast.AST) -> bool:
        mc = method_call(node)
        return mc is not None and mc[1] == "waitKeys" and (
            self.is_module(mc[0], "psychopy.event") or self.role(mc[0]) == "keyboard")

    def is_core_wait(self, node: ast.AST) -> bool:
        if not isinstance(node, ast.Call):
            return False
        try:
            value = self.a.infer(node.func)
        except Exception:  # noqa: BLE001
            return False
        return value is not None and value.symbol in ("psychopy.core.wait", "psychopy.clock.wait")

    # ---- loops ----------------------------------------------------------------------------------------------
    def is_frame_loop(self, loop: ast.AST) -> bool:
        key = id(loop)
        if key not in self._frame_loops:
            body = [*loop.body, *loop.orelse] if isinstance(loop, LOOPS) else []
            calls = [n for n in own_nodes(body) if isinstance(n, ast.Call)]
            flips = [c for c in calls if self.is_flip(c)]
            # one iteration is one refresh: it flips once (or in exclusive branches) and never blocks; a trial
            # loop that shows a fixation, then a stimulus, then waits for a key is not one
            self._frame_loops[key] = bool(flips) and all(
                self.exclusive(a, b) for i, a in enumerate(flips) for b in flips[i + 1:]) and not any(
                self.is_wait_keys(c) or self.is_core_wait(c) for c in calls)
        return self._frame_loops[key]

    @property
    def frame_loops(self) -> list[ast.AST]:
        """The document's frame loops, in tree order (shared by the families that look inside them)."""
        if self._frame_loop_list is None:
            self._frame_loop_list = [loop for loop in self.loops if self.is_frame_loop(loop)]
        return self._frame_loop_list

    def enclosing(self, node: ast.AST) -> Iterator[ast.AST]:
        """The loops around `node`, innermost first, up to its function."""
        parent = self.parents.get(id(node))
        while parent is not None and not isinstance(parent, SCOPES):
            if isinstance(parent, LOOPS) and node not in getattr(parent, "orelse", []):
                yield parent
            node, parent = parent, self.parents.get(id(parent))

    def under_if(self, node: ast.AST, stop: ast.AST) -> bool:
        """Whether a branch (if, try, with a condition) lies between `node` and the enclosing `stop`."""
        parent = self.parents.get(id(node))
        while parent is not None and parent is not stop:
            if isinstance(parent, (ast.If, ast.IfExp, ast.Try, ast.Match)) or (
                    isinstance(parent, ast.BoolOp)):
                return True
            parent = self.parents.get(id(parent))
        return False

    def block_of(self, stmt: ast.stmt) -> list[ast.stmt] | None:
        parent = self.parents.get(id(stmt))
        if parent is None:
            return None
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and stmt in block:
                return block
        return None

    def exclusive(self, a: ast.AST, b: ast.AST) -> bool:
        """Whether `a` and `b` sit in different branches of one if (they never both run in one pass)."""
        chain_a = self._chain(a)
        child_b: ast.AST = b
        parent = self.parents.get(id(b))
        while parent is not None and id(parent) not in chain_a:  # up to the lowest common ancestor
            child_b, parent = parent, self.parents.get(id(parent))
        if not isinstance(parent, (ast.If, ast.IfExp)):
            return False
        branches = {_branch(parent, chain_a[id(parent)]), _branch(parent, child_b)}
        return branches == {"body", "orelse"}

    def _chain(self, node: ast.AST) -> dict[int, ast.AST]:
        """id(ancestor) -> the child of that ancestor on the way to `node`."""
        chain = {}
        parent = self.parents.get(id(node))
        while parent is not None:
            chain[id(parent)] = node
            node, parent = parent, self.parents.get(id(parent))
        return chain

    def bound_value(self, name: ast.Name) -> ast.expr | None:
        """The expression `name` was last assigned at or above its line (None: unbound, or not an assignment)."""
        binding = self.a.binding_at(name.id, name.lineno)
        return binding if isinstance(binding, ast.expr) else None

    def text(self, node: ast.AST) -> str:
        """The node's source as the user wrote it (ast columns are UTF-8 byte offsets)."""
        lines = [line.encode("utf-8") for line in self.source_lines[node.lineno - 1:node.end_lineno]]
        if not lines:
            return ast.unparse(node)
        if len(lines) == 1:
            return lines[0][node.col_offset:node.end_col_offset].decode("utf-8", "replace")
        lines[0], lines[-1] = lines[0][node.col_offset:], lines[-1][:node.end_col_offset]
        return b"\n".join(lines).decode("utf-8", "replace")

    def line_indent(self, line1: int) -> str:
        line = self.source_lines[line1 - 1] if 0 < line1 <= len(self.source_lines) else ""
        return line[:len(line) - len(line.lstrip())]

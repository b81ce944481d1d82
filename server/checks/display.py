"""Display: stimuli that are never seen, attributes that do not change, windows left open (PSY341-PSY343).

A stimulus's `pos` and `size` are in its units (the window's when it sets none, `norm` by default): in `norm` the
screen spans -1..1, in `height` the screen is 1 high, in `pix` a size of 0.5 is half a pixel. Attributes such as
`pos` are set by assignment; changing one element of the array in place does not tell the stimulus.
"""

from __future__ import annotations

import ast

from .findings import HINT, WARNING, Fix, span_of
from .timeline import Timeline, keyword, method_call

ARRAY_ATTRS = ("pos", "size", "color", "fillColor", "lineColor", "scale", "vertices")


def _numbers(node: ast.expr | None) -> list[float] | None:
    """A number or a tuple/list of numbers written as literals (negative ones included), as floats."""
    try:
        value = ast.literal_eval(node) if node is not None else None
    except (ValueError, SyntaxError, TypeError):
        return None
    values = list(value) if isinstance(value, (tuple, list)) else [value]
    if not values or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return None
    return [float(v) for v in values]


class DisplayChecks(Timeline):
    FAMILY = "display"
    HANDLES = {ast.Module: "check_display"}

    def check_display(self, _module: ast.Module) -> None:
        windows: dict[str, ast.Call] = {}
        for call in self.calls:
            value = self.a.infer(call.func)
            if value is None or value.kind != "class":
                continue
            if value.symbol == "psychopy.visual.window.Window":
                parent = self.parents.get(id(call))
                if isinstance(parent, ast.Assign) and isinstance(parent.targets[0], ast.Name):
                    windows[parent.targets[0].id] = call
            elif value.symbol.startswith("psychopy.visual."):
                self._visible(call)
        for node in self.a.nodes:
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                self._element_assignment(node)
        self._left_open(windows)

    # ---- PSY341: a stimulus placed or sized where it cannot be seen -----------------------------------------
    def _window_of(self, call: ast.Call) -> ast.Call | None:
        win = keyword(call, "win") or (call.args[0] if call.args else None)
        node = self.bound_value(win) if isinstance(win, ast.Name) else None
        if isinstance(node, ast.Call):
            value = self.a.infer(node.func)
            if value is not None and value.symbol == "psychopy.visual.window.Window":
                return node
        return None

    def _visible(self, call: ast.Call) -> None:
        window = self._window_of(call)
        record = self.index.lookup(self.a.infer(call.func).symbol)
        if window is None or record is None or record.plugin or keyword(call, "anchor") is not None:
            return  # (an anchor moves the stimulus off its pos)
        units_node = keyword(call, "units")
        if units_node is None:
            units_node = keyword(window, "units")
            if units_node is None and len(window.args) < 15:
                units_node = ast.Constant("norm")  # the preference's default
        units = units_node.value if isinstance(units_node, ast.Constant) else None
        size = _numbers(keyword(window, "size") or (window.args[0] if window.args else None)) or [800.0, 600.0]
        if units not in ("norm", "height", "pix") or len(size) != 2 or not all(size):
            return
        half = {"norm": (1.0, 1.0), "height": (0.5 * size[0] / size[1], 0.5),
                "pix": (size[0] / 2, size[1] / 2)}[units]
        pos = _numbers(keyword(call, "pos"))
        extent = _numbers(keyword(call, "size")) or _numbers(keyword(call, "height")) or _numbers(
            keyword(call, "radius"))
        if pos is not None and len(pos) == 2:
            reach = [(extent[min(i, len(extent) - 1)] / 2 if extent else 0.0) for i in range(2)]
            # strictly beyond the edge by its own extent, or by a tenth of the screen when the extent is unknown
            outside = [abs(p) - r > h if extent else abs(p) > 1.1 * h for p, r, h in zip(pos, reach, half)]
            if any(outside):
                self.add("PSY341", f"pos={ast.unparse(keyword(call, 'pos'))} is off the screen in '{units}' units "
                         f"(the screen spans ±{half[0]:g} × ±{half[1]:g}{' at ' + 'x'.join(f'{s:g}' for s in size) if units != 'norm' else ''}): "
                         "the stimulus is drawn where no one sees it, silently", keyword(call, "pos"), WARNING)
                return
        if extent is not None:
            node = keyword(call, "size") or keyword(call, "height") or keyword(call, "radius")
            if units == "pix" and max(abs(e) for e in extent) < 2:
                self.add("PSY341", f"{ast.unparse(node)} in 'pix' units is under 2 pixels: the stimulus is "
                         "invisible (a size meant for 'height' or 'norm' units?)", node, WARNING)

    # ---- PSY342: one element of an attribute changed in place -------------------------------------------------
    def _element_assignment(self, node: ast.Assign | ast.AugAssign) -> None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Attribute)
                    and target.value.attr in ARRAY_ATTRS and self.role(target.value.value) == "stim"):
                continue
            stim = self.text(target.value.value)
            attr = target.value.attr
            index = target.slice
            fix = None
            if attr in ("pos", "size") and isinstance(index, ast.Constant) and index.value in (0, 1) and \
                    len(targets) == 1 and node.lineno == node.end_lineno:
                value = self.text(node.value)
                if isinstance(node, ast.AugAssign):
                    op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}.get(type(node.op))
                    if op is None:
                        continue
                    value = f"{stim}.{attr}[{index.value}] {op} {value}"
                parts = [value if i == index.value else f"{stim}.{attr}[{i}]" for i in (0, 1)]
                new = f"{stim}.{attr} = ({parts[0]}, {parts[1]})"
                fix = Fix(f"Assign the whole {attr}: {new}", [(span_of(node), new)])
            self.add("PSY342", f"`{stim}.{attr}[{ast.unparse(index)}] = ...` changes the array in place, which the "
                     f"stimulus is not told about: it is drawn where (or as) it was. Assign the whole value: "
                     f"`{stim}.{attr} = (...)`", node, WARNING, fix)

    # ---- PSY343: a window never closed ------------------------------------------------------------------------
    def _left_open(self, windows: dict[str, ast.Call]) -> None:
        if not windows:
            return
        closed = any(mc and mc[1] in ("close", "quit") for c in self.calls if (mc := method_call(c)))
        if closed or "quit(" in self.a.source:
            return
        name, call = next(iter(windows.items()))
        if self.parents.get(id(self.parents.get(id(call)))) is not self.a.tree:
            return  # made inside a function: it may be closed by its caller
        self.add("PSY343", f"`{name}` is never closed and the script never calls core.quit(): the window can "
                 "linger, and the last data and log lines may not be flushed. End with "
                 f"`{name}.close()` and `core.quit()`", call.func, HINT)

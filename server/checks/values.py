"""Argument values: closed sets (units, colour spaces: PSY106), colour names (PSY109), 0-255 colours in a -1..1 space (PSY110), strings for numbers (PSY203), keyList strings (PSY204)."""

from __future__ import annotations

import ast

from ...kb.records import Param, Record
from .context import CheckContext
from .findings import (COLOR_PARAMS, KEYLIST_PARAMS, RGB_RANGE_SPACES, WARNING, Fix, did_you_mean, is_numeric_param,
                       number_text, quoted, span_of)


class ValueChecks(CheckContext):
    FAMILY = "api"
    HANDLES = {}

    def check_values(self, call: ast.Call, record: Record, matched: list[tuple[Param, ast.expr]]) -> None:
        kwargs = {k.arg: k.value for k in call.keywords if k.arg}
        for param, node in matched:
            literal = node.value if isinstance(node, ast.Constant) else None
            if isinstance(literal, str):
                self._check_string_value(param, node, literal, kwargs)
            if param.name in COLOR_PARAMS and isinstance(node, (ast.Tuple, ast.List)):
                self._check_rgb_range(param, node, kwargs, record, call)

    def _check_string_value(self, param: Param, node: ast.Constant, text: str, kwargs: dict) -> None:
        name = param.name
        if name in KEYLIST_PARAMS and len(text) > 1:  # a one-letter string only matches itself
            fix = Fix(f"Wrap in a list: [{ast.unparse(node)}]", [(span_of(node), f"[{ast.unparse(node)}]")])
            self.add("PSY204", f"{name}={ast.unparse(node)} is a string, so each character counts as a key "
                     f"('s' matches {ast.unparse(node)}): pass a list", node, WARNING, fix)
            return
        if name == "units" and "units" in self.vocab and text not in self.vocab["units"]:
            allowed = [u for u in self.vocab["units"] if u]
            guess = did_you_mean(text, allowed)
            fix = Fix(f"Change to '{guess}'", [(span_of(node), quoted(node, guess, self.source_lines))]) \
                if guess else None
            self.add("PSY106", f"Unit type '{text}' not recognised, must be one of: {allowed}", node, fix=fix)
            return
        if name.endswith(("colorSpace", "ColorSpace")) and "colorSpaces" in self.vocab and \
                text not in self.vocab["colorSpaces"]:
            guess = did_you_mean(text, self.vocab["colorSpaces"])
            fix = Fix(f"Change to '{guess}'", [(span_of(node), quoted(node, guess, self.source_lines))]) \
                if guess else None
            self.add("PSY106", f"color space '{text}' not recognised, must be one of: {self.vocab['colorSpaces']}",
                     node, fix=fix)
            return
        if name in COLOR_PARAMS and "colorNames" in self.vocab:
            space = kwargs.get("colorSpace")
            space = space.value if isinstance(space, ast.Constant) else None
            if space in (None, "named") and not text.startswith("#") and text.lower() not in self.vocab["colorNames"] \
                    and text.strip():
                guess = did_you_mean(text.lower(), self.vocab["colorNames"])
                fix = Fix(f"Change to '{guess}'", [(span_of(node), quoted(node, guess, self.source_lines))]) \
                    if guess else None
                self.add("PSY109", f"'{text}' is not a PsychoPy color name: PsychoPy only logs this and draws "
                         f"without the color" + (f"; did you mean '{guess}'?" if guess else ""), node, WARNING, fix)
            return
        number = number_text(text)
        if number is not None and is_numeric_param(param):
            fix = Fix(f"Use the number {number}", [(span_of(node), number)])
            self.add("PSY203", f"'{param.name}' expects a number, got the string {ast.unparse(node)}", node, fix=fix)

    def _check_rgb_range(self, param: Param, node: ast.Tuple | ast.List, kwargs: dict, record: Record,
                         call: ast.Call) -> None:
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if len(values) != len(node.elts) or not all(isinstance(v, (int, float)) for v in values):
            return
        space_node = kwargs.get("colorSpace") or kwargs.get(f"{param.name}Space")
        space = space_node.value if isinstance(space_node, ast.Constant) else ("rgb" if space_node is None else None)
        if space in RGB_RANGE_SPACES and any(v > 1 for v in values):
            fix = None
            # right after the value, a keyword is valid unless positional arguments follow it
            later_positional = node in call.args and call.args.index(node) + 1 < len(call.args)
            if space_node is None and record.param("colorSpace") is not None and not later_positional:
                end = span_of(node)
                fix = Fix("Declare colorSpace='rgb255'", [((end[2], end[3], end[2], end[3]), ", colorSpace='rgb255'")])
            self.add("PSY110", f"{param.name}={ast.unparse(node)} is outside the '{space}' color space (-1 to 1): "
                     "for 0-255 values add colorSpace='rgb255'", node, WARNING, fix)

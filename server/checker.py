"""The PsychoPy API checker: mistakes caught against PsychoPy's real signatures before the experiment runs.

Pure: `check(analysis) -> list[Finding]`, each with a stable code and, where the repair is certain, a Fix (edits in
ast coordinates, each inside the finding's own span). Everything that cannot be proved to be PsychoPy is left
alone: precision matters as much as recall (PsychoPy's own demos must come out clean).
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field

from ..kb.records import Param, Record
from .analysis import Analysis, Value

ERROR, WARNING = "error", "warning"

CODES = {
    "PSY001": "syntax-error",
    "PSY101": "unknown-keyword",
    "PSY102": "missing-argument",
    "PSY103": "too-many-positional",
    "PSY104": "unknown-attribute",
    "PSY105": "unknown-module-member",
    "PSY106": "invalid-value",
    "PSY107": "moved-to-plugin",
    "PSY108": "wrong-import",
    "PSY109": "unknown-color-name",
    "PSY110": "color-out-of-range",
    "PSY201": "not-called",
    "PSY202": "class-not-instantiated",
    "PSY203": "string-for-number",
    "PSY204": "keylist-string",
    "PSY205": "unguarded-key-index",
}

# Spellings people carry over from British English or other toolkits.
SPELLING = {"colour": "color", "grey": "gray", "centre": "center", "normalised": "norm", "normalized": "norm",
            "pixels": "pix", "pixel": "pix", "px": "pix", "degrees": "deg", "degree": "deg"}
COLOR_PARAMS = ("color", "fillColor", "lineColor", "borderColor", "foreColor", "backColor")
RGB_RANGE_SPACES = ("rgb", "rgba", "srgb", "srgba", "rgb1", "rgba1")
KEYLIST_PARAMS = ("keyList", "ignoreKeys")

Span = tuple[int, int, int, int]  # line1, byte col, end line1, end byte col


@dataclass
class Fix:
    title: str
    edits: list[tuple[Span, str]]
    preferred: bool = True


@dataclass
class Finding:
    code: str
    message: str
    severity: str
    span: Span
    fix: Fix | None = None
    related: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return CODES[self.code]


def _not_a_module(dotted: str, record: Record) -> str:
    parent, _, leaf = dotted.rpartition(".")
    return f"no module named '{dotted}': {leaf} is a {record.kind} in {parent} (from {parent} import {leaf})"


def span_of(node: ast.AST) -> Span:
    return node.lineno, node.col_offset, node.end_lineno, node.end_col_offset


def did_you_mean(name: str, choices: list[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    fixed = name
    for wrong, right in SPELLING.items():
        fixed = fixed.replace(wrong, right).replace(wrong.title(), right.title())
    if fixed in choices:
        return fixed
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.75)
    return close[0] if close else None


def _quoted(node: ast.Constant, new: str, source_lines: list[str]) -> str:
    """`new` as a string literal in the quote style the user wrote `node` with."""
    line = source_lines[node.lineno - 1].encode("utf-8") if node.lineno - 1 < len(source_lines) else b""
    quote = line[node.col_offset:node.col_offset + 1].decode("utf-8", errors="ignore")
    if quote in ("'", '"') and quote not in new and "\\" not in new:
        return f"{quote}{new}{quote}"
    return repr(new)


def _number_text(text: str) -> str | None:
    try:
        float(text.strip())
    except ValueError:
        return None
    return text.strip()


def _is_numeric_param(param: Param) -> bool:
    if param.default is not None:
        try:
            value = ast.literal_eval(param.default)
        except (ValueError, SyntaxError):
            return False
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    doc = param.doc.lower().lstrip("(")
    return doc.startswith(("float", "int", "number", "seconds"))


class Checker:
    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.index = analysis.index
        self.vocab = getattr(analysis.index, "vocab", {}) or {}
        self.findings: list[Finding] = []
        self.source_lines = analysis.source.splitlines()
        self.parents: dict[int, ast.AST] = {}
        # attribute names the script assigns somewhere: `stim.myFlag = 1` makes `stim.myFlag` legitimate
        self.stored_attrs: set[str] = set()
        for node in analysis.nodes:
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
                self.stored_attrs.add(node.attr)

    def add(self, code: str, message: str, node_or_span, severity: str = ERROR, fix: Fix | None = None) -> None:
        span = node_or_span if isinstance(node_or_span, tuple) else span_of(node_or_span)
        self.findings.append(Finding(code, message, severity, span, fix))

    # ---- entry ------------------------------------------------------------------------------------------------
    def run(self) -> list[Finding]:
        if self.a.syntax_error is not None:
            self.add_syntax_error(self.a.syntax_error)
        if not getattr(self.index, "records", None):
            return self.findings  # no API known yet (knowledge base loading): only Python's own errors
        for node in self.a.nodes:
            if isinstance(node, ast.ImportFrom):
                self.check_import_from(node)
            elif isinstance(node, ast.Import):
                self.check_import(node)
            elif isinstance(node, ast.Call):
                self.check_call(node)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
                self.check_attribute(node)
            elif isinstance(node, ast.Expr):
                self.check_not_called(node)
            elif isinstance(node, ast.Assign):
                self.check_class_assignment(node)
            elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
                self.check_key_index(node)
        self.findings.sort(key=lambda f: f.span)
        return self.findings

    def add_syntax_error(self, err: SyntaxError) -> None:
        line = err.lineno or 1
        text = err.text or ""
        # SyntaxError.offset counts characters (1-based) in err.text; convert to bytes for our spans
        col = max((err.offset or 1) - 1, 0)
        byte_col = len(text[:col].encode("utf-8"))
        end_line = err.end_lineno or line
        end_col = err.end_offset - 1 if err.end_offset and err.end_offset > (err.offset or 0) else col + 1
        end_byte = len(text[:end_col].encode("utf-8")) if end_line == line else byte_col + 1
        self.findings.append(Finding("PSY001", f"SyntaxError: {err.msg}", ERROR,
                                     (line, byte_col, line, max(end_byte, byte_col + 1))))

    # ---- imports ------------------------------------------------------------------------------------------
    def _suggest_location(self, name: str) -> list[str]:
        """Where a name really lives: modules or classes called `name` anywhere in the API."""
        found = []
        for record in getattr(self.index, "records", {}).values():
            if record.name == name and record.kind in ("module", "class", "function"):
                found.append(record.display_name)
        return sorted(set(found), key=lambda s: (s.count("."), s))

    def _top_level_ok(self, name: str) -> bool:
        return name in set(self.vocab.get("psychopy_top", [])) or self.index.lookup(f"psychopy.{name}") is not None

    def check_import_from(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module or not node.module.startswith("psychopy"):
            return
        if node.module == "psychopy":
            for alias in node.names:
                if alias.name == "*" or self._top_level_ok(alias.name):
                    continue
                places = [p for p in self._suggest_location(alias.name) if p.startswith("psychopy.")]
                if places:
                    parent, _, leaf = places[0].rpartition(".")
                    as_part = f" as {alias.asname}" if alias.asname else ""
                    rest = [ast.unparse(a) for a in node.names if a is not alias]
                    indent = " " * node.col_offset
                    moved = f"from {parent} import {leaf}{as_part}"
                    text = f"from psychopy import {', '.join(rest)}\n{indent}{moved}" if rest else moved
                    fix = Fix(f"Import from {parent}", [(span_of(node), text)])
                    self.add("PSY108", f"cannot import name '{alias.name}' from 'psychopy': it lives in {parent} "
                             f"({moved})", node, fix=fix)
                else:
                    self.add("PSY108", f"cannot import name '{alias.name}' from 'psychopy'", alias)
            return
        module = self.index.lookup(node.module)
        if module is None or module.kind != "module":
            if module is None and self._module_exists_prefix(node.module):
                self.add("PSY108", f"no module named '{node.module}'", node)
            elif module is not None and node.module.startswith("psychopy."):
                self.add("PSY108", _not_a_module(node.module, module), node)
            return
        names = [m.name for m in module.members]
        for alias in node.names:
            if alias.name == "*" or alias.name in names or alias.name in module.names or "*" in module.names \
                    or self.index.lookup(f"{node.module}.{alias.name}"):
                continue
            record = self._plugin_stub_named(alias.name)
            if record is not None:
                self.add("PSY107", _plugin_message(record), alias)
                continue
            guess = did_you_mean(alias.name, names)
            fix = Fix(f"Change to '{guess}'", [(_alias_name_span(alias), guess)]) if guess else None
            self.add("PSY105", f"'{alias.name}' is not in {node.module}" + (f"; did you mean '{guess}'?" if guess else ""),
                     _alias_name_span(alias), fix=fix)

    def _plugin_stub_named(self, name: str) -> Record | None:
        for record in getattr(self.index, "records", {}).values():
            if record.name == name and record.plugin:
                return record
        return None

    def _module_exists_prefix(self, dotted: str) -> bool:
        """True when the parent package is known, so the missing module is really missing (not just unindexed)."""
        parent = dotted.rpartition(".")[0]
        if parent == "psychopy":
            return not self._top_level_ok(dotted.split(".")[1])
        record = self.index.lookup(parent)
        # a plain module (core.py, not a package's __init__.py) has no submodules at all
        return bool(record is not None and record.kind == "module" and record.path.endswith(".py")
                    and not record.path.endswith("__init__.py"))

    def check_import(self, node: ast.Import) -> None:
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] != "psychopy" or len(parts) < 2:
                continue
            if not self._top_level_ok(parts[1]):
                places = [p for p in self._suggest_location(parts[1]) if p.startswith("psychopy.")]
                hint = f": it is {places[0]}" if places else ""
                self.add("PSY108", f"no module named '{alias.name}'{hint}", alias)
                continue
            record = self.index.lookup(alias.name) if len(parts) > 2 else None
            if record is not None and record.kind != "module":
                self.add("PSY108", _not_a_module(alias.name, record), alias)

    # ---- calls --------------------------------------------------------------------------------------------
    def callee(self, call: ast.Call) -> tuple[Value, Record] | None:
        value = self.a.infer(call.func)
        if value is None or value.kind not in ("class", "function", "method"):
            return None
        record = self.index.lookup(value.symbol)
        if record is None:
            return None
        return value, record

    def check_call(self, call: ast.Call) -> None:
        found = self.callee(call)
        if found is None:
            return
        value, record = found
        label = f"{record.name}()"
        if record.plugin:
            self.add("PSY107", _plugin_message(record), call.func)
            return
        params = list(record.params)
        if not params and not record.signature.startswith("("):
            return
        var_kw = any(p.kind == "var_keyword" for p in params)
        var_pos = any(p.kind == "var_positional" for p in params)
        positional = [p for p in params if p.kind in ("positional_only", "positional_or_keyword")]
        by_name = {p.name: p for p in params if p.kind not in ("var_positional", "var_keyword", "positional_only")}
        has_star = any(isinstance(a, ast.Starred) for a in call.args)
        has_star_kw = any(k.arg is None for k in call.keywords)
        matched: list[tuple[Param, ast.expr]] = []
        for i, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            if i < len(positional):
                matched.append((positional[i], arg))
        if not has_star and not var_pos and len(call.args) > len(positional):
            extra = call.args[len(positional)]
            self.add("PSY103", f"{label} takes {len(positional)} positional argument"
                     f"{'s' if len(positional) != 1 else ''} but {len(call.args)} were given", extra)
        for kw in call.keywords:
            if kw.arg is None:
                continue
            if kw.arg in by_name:
                matched.append((by_name[kw.arg], kw.value))
            elif not var_kw:
                guess = did_you_mean(kw.arg, list(by_name))
                span = (kw.lineno, kw.col_offset, kw.lineno, kw.col_offset + len(kw.arg))
                fix = Fix(f"Rename to '{guess}'", [(span, guess)]) if guess and guess not in {
                    k.arg for k in call.keywords} else None
                self.add("PSY101", f"{label} got an unexpected keyword argument '{kw.arg}'"
                         + (f"; did you mean '{guess}'?" if guess else ""), span, fix=fix)
        if not has_star and not has_star_kw:
            given = {p.name for p, _ in matched}
            missing = [p for p in params if p.required and p.name not in given]
            if missing:
                names = ", ".join(f"'{p.name}'" for p in missing)
                fix = self._missing_win_fix(call, missing)
                self.add("PSY102", f"{label} missing {len(missing)} required argument{'s' if len(missing) > 1 else ''}: "
                         f"{names}", call, fix=fix)
        self.check_values(call, record, matched)

    def _missing_win_fix(self, call: ast.Call, missing: list[Param]) -> Fix | None:
        if [p.name for p in missing] != ["win"] or call.args:
            return None
        name = self._window_variable(call.lineno)
        if name is None:
            return None
        open_paren = (call.func.end_lineno, call.func.end_col_offset)
        insert = f"{name}, " if call.keywords else name
        line_text = self.a.source.splitlines()[open_paren[0] - 1] if self.a.source else ""
        raw = line_text.encode("utf-8")
        pos = raw.find(b"(", open_paren[1])
        if pos < 0:
            return None
        at = (open_paren[0], pos + 1, open_paren[0], pos + 1)
        return Fix(f"Pass the window '{name}'", [(at, insert)])

    def _window_variable(self, line: int) -> str | None:
        scope = self.a.scope_for_line(line)
        while scope is not None:
            for name in scope.bindings:
                value = self.a.resolve_name(name, line, scope)
                if value is not None and value.kind == "instance" and value.symbol.endswith(".Window"):
                    return name
            scope = scope.parent
        return None

    def check_values(self, call: ast.Call, record: Record, matched: list[tuple[Param, ast.expr]]) -> None:
        kwargs = {k.arg: k.value for k in call.keywords if k.arg}
        for param, node in matched:
            literal = node.value if isinstance(node, ast.Constant) else None
            if isinstance(literal, str):
                self._check_string_value(param, node, literal, kwargs)
            if param.name in COLOR_PARAMS and isinstance(node, (ast.Tuple, ast.List)):
                self._check_rgb_range(param, node, kwargs, record)

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
            fix = Fix(f"Change to '{guess}'", [(span_of(node), _quoted(node, guess, self.source_lines))]) \
                if guess else None
            self.add("PSY106", f"Unit type '{text}' not recognised, must be one of: {allowed}", node, fix=fix)
            return
        if name.endswith(("colorSpace", "ColorSpace")) and "colorSpaces" in self.vocab and \
                text not in self.vocab["colorSpaces"]:
            guess = did_you_mean(text, self.vocab["colorSpaces"])
            fix = Fix(f"Change to '{guess}'", [(span_of(node), _quoted(node, guess, self.source_lines))]) \
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
                fix = Fix(f"Change to '{guess}'", [(span_of(node), _quoted(node, guess, self.source_lines))]) \
                    if guess else None
                self.add("PSY109", f"'{text}' is not a PsychoPy color name: PsychoPy only logs this and draws "
                         f"without the color" + (f"; did you mean '{guess}'?" if guess else ""), node, WARNING, fix)
            return
        number = _number_text(text)
        if number is not None and _is_numeric_param(param):
            fix = Fix(f"Use the number {number}", [(span_of(node), number)])
            self.add("PSY203", f"'{param.name}' expects a number, got the string {ast.unparse(node)}", node, fix=fix)

    def _check_rgb_range(self, param: Param, node: ast.Tuple | ast.List, kwargs: dict, record: Record) -> None:
        values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        if len(values) != len(node.elts) or not all(isinstance(v, (int, float)) for v in values):
            return
        space_node = kwargs.get("colorSpace") or kwargs.get(f"{param.name}Space")
        space = space_node.value if isinstance(space_node, ast.Constant) else ("rgb" if space_node is None else None)
        if space in RGB_RANGE_SPACES and any(v > 1 for v in values):
            fix = None
            if space_node is None and record.param("colorSpace") is not None:
                end = span_of(node)
                fix = Fix("Declare colorSpace='rgb255'", [((end[2], end[3], end[2], end[3]), ", colorSpace='rgb255'")])
            self.add("PSY110", f"{param.name}={ast.unparse(node)} is outside the '{space}' color space (-1 to 1): "
                     "for 0-255 values add colorSpace='rgb255'", node, WARNING, fix)

    # ---- attributes -----------------------------------------------------------------------------------------
    def check_attribute(self, node: ast.Attribute) -> None:
        base = self.a.infer(node.value)
        if base is None:
            return
        if base.kind == "module" and base.symbol.startswith("psychopy."):
            module = self.index.lookup(base.symbol)
            if module is None or module.kind != "module":
                return
            names = [m.name for m in module.members]
            if node.attr in names or node.attr in module.names or "*" in module.names \
                    or self.index.lookup(f"{base.symbol}.{node.attr}") is not None:
                return
            span = (node.end_lineno, node.end_col_offset - len(node.attr), node.end_lineno, node.end_col_offset)
            stub = self._plugin_stub_named(node.attr)
            if stub is not None:
                self.add("PSY107", _plugin_message(stub), span)
                return
            guess = did_you_mean(node.attr, names)
            fix = Fix(f"Change to '{guess}'", [(span, guess)]) if guess else None
            self.add("PSY105", f"module '{base.symbol}' has no attribute '{node.attr}'"
                     + (f"; did you mean '{guess}'?" if guess else ""), span, fix=fix)
        elif base.kind in ("instance", "class"):
            cls = self.index.lookup(base.symbol)
            if cls is None or cls.kind != "class" or cls.plugin or not cls.members:
                return
            if node.attr.startswith("_") or node.attr in self.stored_attrs or cls.member(node.attr):
                return
            names = [m.name for m in cls.members]
            span = (node.end_lineno, node.end_col_offset - len(node.attr), node.end_lineno, node.end_col_offset)
            guess = did_you_mean(node.attr, names)
            fix = Fix(f"Change to '{guess}'", [(span, guess)]) if guess else None
            self.add("PSY104", f"'{cls.name}' object has no attribute '{node.attr}'"
                     + (f"; did you mean '{guess}'?" if guess else ""), span, fix=fix)

    def check_not_called(self, stmt: ast.Expr) -> None:
        node = stmt.value
        if not isinstance(node, (ast.Attribute, ast.Name)):
            return
        value = self.a.infer(node)
        if value is None or value.kind not in ("method", "function"):
            return
        text = ast.unparse(node)
        end = span_of(node)
        fix = Fix(f"Call it: {text}()", [((end[2], end[3], end[2], end[3]), "()")])
        self.add("PSY201", f"`{text}` is referenced but not called, so nothing happens: add ()", node, WARNING, fix)

    def check_class_assignment(self, node: ast.Assign) -> None:
        if not (len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            return
        value = self.a.infer(node.value) if isinstance(node.value, (ast.Attribute, ast.Name)) else None
        if value is None or value.kind != "class":
            return
        record = self.index.lookup(value.symbol)
        if record is None:
            return
        name = node.targets[0].id
        used_as_instance = False
        for use in self.a.nodes:
            if (isinstance(use, ast.Call) and isinstance(use.func, ast.Attribute)
                    and isinstance(use.func.value, ast.Name) and use.func.value.id == name
                    and use.lineno > node.lineno):
                member = record.member(use.func.attr)
                if member is not None and member.kind in ("method", "generated_getter", "generated_setter"):
                    used_as_instance = True
                    break
        if not used_as_instance:
            return
        end = span_of(node.value)
        needs_args = any(p.required for p in record.params)
        fix = None if needs_args else Fix(f"Create an instance: {ast.unparse(node.value)}()",
                                          [((end[2], end[3], end[2], end[3]), "()")])
        self.add("PSY202", f"`{name}` is the class {record.name}, not an instance: call it "
                 f"({ast.unparse(node.value)}()) before using its methods", node.value, WARNING, fix)

    def check_key_index(self, node: ast.Subscript) -> None:
        if not isinstance(node.value, ast.Name):
            return
        value = self.a.infer(node.value)
        if value is None or value.kind != "keylist":
            return
        name = node.value.id
        child: ast.AST = node
        parent = self.parents.get(id(node))
        while parent is not None:
            tests = []
            if isinstance(parent, (ast.If, ast.While, ast.IfExp)) and child is not parent.test:
                tests.append(parent.test)
            if isinstance(parent, ast.BoolOp):
                index = parent.values.index(child) if child in parent.values else 0
                tests.extend(parent.values[:index])
            if isinstance(parent, ast.Try) and any(
                    h.type is None or "IndexError" in ast.unparse(h.type) or "Exception" in ast.unparse(h.type)
                    for h in parent.handlers):
                return
            if isinstance(parent, (ast.For, ast.comprehension)) and name in {
                    n.id for n in ast.walk(parent.iter if hasattr(parent, "iter") else parent) if isinstance(n, ast.Name)}:
                return
            if any(isinstance(n, ast.Name) and n.id == name for t in tests for n in ast.walk(t)):
                return
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                break
            child, parent = parent, self.parents.get(id(parent))
        self.add("PSY205", f"`{name}` may be empty (no key was pressed): check `if {name}:` before indexing it",
                 node, WARNING)


def _alias_name_span(alias: ast.alias) -> Span:
    return alias.lineno, alias.col_offset, alias.lineno, alias.col_offset + len(alias.name)


def _plugin_message(record: Record) -> str:
    return (f"{record.name} has moved to the plugin {record.plugin}: install it (pip install {record.plugin}) "
            f"or PsychoPy raises PluginRequiredError")


def check(analysis: Analysis) -> list[Finding]:
    return Checker(analysis).run()

"""Generic Python mistakes from pyflakes (undefined names, unused imports and variables, redefinitions, `is` with
a literal...), as findings with source `pyflakes` and flake8's F-codes, run on the tree we already parsed.

An undefined name that PsychoPy provides gets the import PsychoPy documents: `from psychopy import core` for a
module (added to an existing `from psychopy import ...` line when there is one), `from psychopy.visual import
TextStim` for a class.
"""

from __future__ import annotations

import ast
import re

from pyflakes import checker as pyflakes_checker
from pyflakes import messages as m

from .context import CheckContext
from .findings import ERROR, HINT, INFO, WARNING, Finding, Fix

# flake8's codes for pyflakes' messages (what ruff and flake8 users know them by)
F_CODES = {
    m.UnusedImport: "F401", m.ImportShadowedByLoopVar: "F402", m.ImportStarUsed: "F403",
    m.LateFutureImport: "F404", m.ImportStarUsage: "F405", m.ImportStarNotPermitted: "F406",
    m.FutureFeatureNotDefined: "F407", m.PercentFormatInvalidFormat: "F501", m.StringDotFormatInvalidFormat: "F521",
    m.FStringMissingPlaceholders: "F541", m.MultiValueRepeatedKeyLiteral: "F601",
    m.MultiValueRepeatedKeyVariable: "F602", m.TooManyExpressionsInStarredAssignment: "F621",
    m.TwoStarredExpressions: "F622", m.AssertTuple: "F631", m.IsLiteral: "F632", m.InvalidPrintSyntax: "F633",
    m.IfTuple: "F634", m.BreakOutsideLoop: "F701", m.ContinueOutsideLoop: "F702", m.YieldOutsideFunction: "F704",
    m.ReturnOutsideFunction: "F706", m.DefaultExceptNotLast: "F707", m.DoctestSyntaxError: "F721",
    m.ForwardAnnotationSyntaxError: "F722", m.RedefinedWhileUnused: "F811", m.UndefinedName: "F821",
    m.UndefinedExport: "F822", m.UndefinedLocal: "F823", m.DuplicateArgument: "F831", m.UnusedVariable: "F841",
    m.UnusedAnnotation: "F842", m.RaiseNotImplemented: "F901",
}
# fail at run time
ERRORS = {"F821", "F822", "F823", "F831", "F701", "F702", "F704", "F706", "F633"}
# a risk more than a mistake (a code component re-importing a name the export imported)
INFOS = {"F811"}
# names a script creates at run time, which no static check can see (Builder exports turn each column of the
# conditions file into a variable with exec)
_DYNAMIC_NAMES = re.compile(r"\bexec\(|\b(globals|locals|vars)\(\)\s*\[|\b(globals|locals|vars)\(\)\.update\(")
# unused code: faded, not flagged (Builder exports import everything they might need)
UNNECESSARY = {"F401", "F841", "F842"}


class GenericChecks(CheckContext):
    FAMILY = "pyflakes"
    HANDLES = {ast.Module: "check_generic"}

    def check_generic(self, module: ast.Module) -> None:
        if self.a.syntax_error is not None:
            return  # pyflakes on a salvaged tree reports the blanked lines' names: say only the syntax error
        try:
            flakes = pyflakes_checker.Checker(module, filename="<buffer>")
        except Exception:  # noqa: BLE001 - a pyflakes failure (a RecursionError...) must not cost our findings
            return
        dynamic = bool(_DYNAMIC_NAMES.search(self.a.source))
        for message in sorted(flakes.messages, key=lambda msg: (msg.lineno, msg.col)):
            code = F_CODES.get(type(message), type(message).__name__)
            if code == "F821" and dynamic:
                continue
            line = message.lineno
            col = message.col or 0
            text = message.message % message.message_args
            span = self._span(line, col, message)
            severity = ERROR if code in ERRORS else HINT if code in UNNECESSARY else INFO if code in INFOS \
                else WARNING
            fix = self._import_fix(message.message_args[0], span) if code == "F821" else None
            self.findings.append(Finding(code, text, severity, span, fix, source="pyflakes",
                                         unnecessary=code in UNNECESSARY))

    def _span(self, line: int, col: int, message) -> tuple[int, int, int, int]:
        """The name the message is about, else to the end of the line."""
        source = self.source_lines[line - 1].encode("utf-8") if 0 < line <= len(self.source_lines) else b""
        name = message.message_args[0] if message.message_args and isinstance(message.message_args[0], str) else ""
        name = name.split(".")[-1].split(" ")[0].strip("'")
        if name:
            at = source.find(name.encode("utf-8"), col)
            if at >= 0:
                return line, at, line, at + len(name.encode("utf-8"))
        return line, col, line, max(len(source), col + 1)

    def _import_fix(self, name: str, span) -> Fix | None:
        vocab_top = set(self.vocab.get("psychopy_top") or ())
        record = self.index.lookup(f"psychopy.{name}") if name in vocab_top else None
        if record is not None and record.kind == "module":
            return self._add_from_psychopy(name)
        module = self._module_of_class(name) or self._parent_of_module(name)
        if module is not None:
            return self._new_import_line(f"from {module} import {name}")
        return None

    def _parent_of_module(self, name: str) -> str | None:
        """The package of the shortest public PsychoPy module named `name` (keyboard: psychopy.hardware)."""
        found = [r.symbol for r in getattr(self.index, "records", {}).values() if r.kind == "module" and
                 r.symbol.startswith("psychopy.") and r.symbol.rsplit(".", 1)[-1] == name and not r.plugin and
                 not any(part.startswith("_") for part in r.symbol.split("."))]
        return min(found, key=len).rsplit(".", 1)[0] if found else None

    def _module_of_class(self, name: str) -> str | None:
        """The shortest public path to a PsychoPy class or function named `name` (psychopy.visual.TextStim)."""
        best = None
        for record in getattr(self.index, "records", {}).values():
            if record.name != name or record.kind not in ("class", "function") or record.plugin:
                continue
            for path in (*getattr(record, "aliases", ()), record.symbol):
                module = path.rsplit(".", 1)[0]
                if path.startswith("psychopy.") and (best is None or len(module) < len(best)) and \
                        not any(part.startswith("_") for part in path.split(".")):
                    best = module
        return best

    def _add_from_psychopy(self, name: str) -> Fix:
        for stmt in self.a.tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "psychopy" and stmt.level == 0 and \
                    not any(a.name == "*" for a in stmt.names) and stmt.lineno == stmt.end_lineno:
                last = stmt.names[-1]
                end = (last.end_lineno, last.end_col_offset)
                return Fix(f"Import it: from psychopy import {name}", [((*end, *end), f", {name}")],
                           extent=(stmt.lineno, stmt.col_offset, stmt.end_lineno, stmt.end_col_offset))
        return self._new_import_line(f"from psychopy import {name}")

    def _new_import_line(self, line: str) -> Fix:
        """A new import line after the module's last top-level import (or its docstring)."""
        after = 0
        for i, stmt in enumerate(self.a.tree.body):
            if isinstance(stmt, (ast.Import, ast.ImportFrom)) or (
                    i == 0 and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
                after = stmt.end_lineno
            else:
                break
        at = (after + 1, 0, after + 1, 0)
        return Fix(f"Import it: {line}", [(at, line + "\n")], extent=at)

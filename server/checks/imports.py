"""Imports: names and modules that are not where the script imports them from (PSY105, PSY107, PSY108)."""

from __future__ import annotations

import ast
import re

from .context import CheckContext
from .findings import Fix, alias_name_span, did_you_mean, not_a_module, plugin_message


class ImportChecks(CheckContext):
    FAMILY = "api"
    HANDLES = {ast.ImportFrom: "check_import_from", ast.Import: "check_import"}

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
                    moved = f"from {parent} import {leaf}{as_part}"
                    fix = self._move_import_fix(node, alias, parent, moved)
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
                self.add("PSY108", not_a_module(node.module, module), node)
            return
        names = [m.name for m in module.members]
        for alias in node.names:
            if alias.name == "*" or alias.name in names or alias.name in module.names or "*" in module.names \
                    or self.index.lookup(f"{node.module}.{alias.name}"):
                continue
            record = self.plugin_stub_named(alias.name)
            if record is not None:
                self.add("PSY107", plugin_message(record), alias)
                continue
            guess = did_you_mean(alias.name, names)
            fix = Fix(f"Change to '{guess}'", [(alias_name_span(alias), guess)]) if guess else None
            self.add("PSY105", f"'{alias.name}' is not in {node.module}" + (f"; did you mean '{guess}'?" if guess else ""),
                     alias_name_span(alias), fix=fix)

    def _move_import_fix(self, node: ast.ImportFrom, alias: ast.alias, parent: str, moved: str) -> Fix | None:
        """Edits that touch only the tokens they must (comments, parentheses and the other names stay): the
        module name when the statement imports only this name, else this name (with its comma) removed and the
        moved import inserted on a line of its own above the statement."""
        line = self.source_lines[node.lineno - 1] if node.lineno - 1 < len(self.source_lines) else ""
        raw = line.encode("utf-8")
        if len(node.names) == 1:
            match = re.compile(rb"from\s+(psychopy)\b").match(raw, node.col_offset)
            if match is None:
                return None
            return Fix(f"Import from {parent}", [((node.lineno, match.start(1), node.lineno, match.end(1)), parent)])
        names = node.names
        i = names.index(alias)
        if i + 1 < len(names):  # `keyboard, ` with the spaces after its comma (a comment after it stays)
            end_line = self.source_lines[alias.end_lineno - 1].encode("utf-8")
            comma = re.compile(rb"[ \t]*,[ \t]*").match(end_line, alias.end_col_offset)
            cut = (alias.lineno, alias.col_offset, alias.end_lineno, comma.end()) if comma else \
                (alias.lineno, alias.col_offset, names[i + 1].lineno, names[i + 1].col_offset)
        else:  # `, keyboard` from the end of the previous name
            cut = (names[i - 1].end_lineno, names[i - 1].end_col_offset, alias.end_lineno, alias.end_col_offset)
        indent = raw[:node.col_offset].decode("utf-8", errors="ignore")
        at = (node.lineno, node.col_offset, node.lineno, node.col_offset)
        return Fix(f"Import from {parent}", [(at, f"{moved}\n{indent}"), (cut, "")])

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
                self.add("PSY108", not_a_module(alias.name, record), alias)

"""Read a package's modules with `ast` and resolve names across them, without importing anything.

PsychoPy cannot be imported cheaply (it opens windows, probes audio, needs a display) and may live in another
interpreter, so the knowledge base reads its source. This module knows Python's binding rules well enough for
PsychoPy: imports (absolute, relative, aliased, star), top-level defs inside `if`/`try`, simple aliases
(`Foo = Bar`) and the `lazyImports` string in `psychopy/visual/__init__.py`, which holds real import statements
that a naive pass would miss.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

# Module-level string assignments whose contents are import statements executed lazily at runtime.
LAZY_IMPORT_STRINGS = ("lazyImports",)


@dataclass
class Module:
    """One parsed module: its top-level bindings, nothing evaluated."""

    name: str
    path: Path
    is_package: bool
    tree: ast.Module
    defs: dict[str, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef] = field(default_factory=dict)
    # local name -> (module, attribute or None); `import a.b as x` -> ("a.b", None)
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)
    # local name -> expression it was assigned from, for `Foo = Bar` / `Foo = mod.Bar`
    aliases: dict[str, ast.expr] = field(default_factory=dict)
    # other public module-level assignments (constants), name -> line
    constants: dict[str, int] = field(default_factory=dict)
    all_names: list[str] | None = None

    @property
    def docstring(self) -> str:
        return ast.get_docstring(self.tree) or ""


@dataclass(frozen=True)
class Target:
    """What a name resolves to: a module, or a top-level def inside one."""

    module: str
    name: str | None  # None: the module itself
    node: ast.AST | None = None

    @property
    def qualname(self) -> str:
        return self.module if self.name is None else f"{self.module}.{self.name}"


class SourceTree:
    """Lazily parsed modules of one package root (e.g. site-packages/psychopy)."""

    def __init__(self, package_dir: Path, package: str = "psychopy"):
        self.package_dir = Path(package_dir)
        self.package = package
        self._modules: dict[str, Module | None] = {}

    # ---- locating and parsing -------------------------------------------------------------------------------
    def path_of(self, modname: str) -> tuple[Path, bool] | None:
        if modname != self.package and not modname.startswith(self.package + "."):
            return None
        rel = modname.split(".")[1:]
        base = self.package_dir.joinpath(*rel)
        if (base / "__init__.py").is_file():
            return base / "__init__.py", True
        py = base.with_suffix(".py")
        if rel and py.is_file():
            return py, False
        return None

    def module(self, modname: str) -> Module | None:
        if modname in self._modules:
            return self._modules[modname]
        self._modules[modname] = None  # guards against import cycles while parsing
        found = self.path_of(modname)
        if found is None:
            return None
        path, is_package = found
        try:
            source = path.read_text(encoding="utf-8", errors="replace")
            tree = ast.parse(source, filename=str(path))
        except (SyntaxError, ValueError, OSError):
            return None
        mod = Module(modname, path, is_package, tree)
        self._collect(mod, tree.body)
        self._modules[modname] = mod
        return mod

    def iter_module_names(self, skip: tuple[str, ...] = ()) -> list[str]:
        """All importable module names under the package root, sorted, minus `skip` prefixes."""
        names = []
        for path in sorted(self.package_dir.rglob("*.py")):
            rel = path.relative_to(self.package_dir).with_suffix("")
            parts = [self.package, *rel.parts]
            if parts[-1] == "__init__":
                parts = parts[:-1]
            if any(not p.isidentifier() for p in parts):
                continue
            name = ".".join(parts)
            if any(name == s or name.startswith(s + ".") for s in skip):
                continue
            names.append(name)
        return names

    def _absolute(self, mod: Module, level: int, module: str | None) -> str:
        if level == 0:
            return module or ""
        parts = mod.name.split(".")
        if not mod.is_package:
            parts = parts[:-1]
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        base = ".".join(parts)
        return f"{base}.{module}" if module else base

    def _collect(self, mod: Module, body: list[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                mod.defs.setdefault(stmt.name, stmt)
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.asname:
                        mod.imports.setdefault(alias.asname, (alias.name, None))
                    else:
                        top = alias.name.split(".")[0]
                        mod.imports.setdefault(top, (top, None))
            elif isinstance(stmt, ast.ImportFrom):
                source = self._absolute(mod, stmt.level, stmt.module)
                for alias in stmt.names:
                    if alias.name == "*":
                        mod.star_imports.append(source)
                    else:
                        mod.imports.setdefault(alias.asname or alias.name, (source, alias.name))
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                self._collect_assign(mod, stmt)
            elif isinstance(stmt, ast.If):
                self._collect(mod, stmt.body)
                self._collect(mod, stmt.orelse)
            elif isinstance(stmt, ast.Try):
                self._collect(mod, stmt.body)
                for handler in stmt.handlers:
                    self._collect(mod, handler.body)
                self._collect(mod, stmt.orelse)

    def _collect_assign(self, mod: Module, stmt: ast.Assign | ast.AnnAssign) -> None:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        value = stmt.value
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            name = target.id
            if name == "__all__" and isinstance(value, (ast.List, ast.Tuple)):
                mod.all_names = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            elif name in LAZY_IMPORT_STRINGS and isinstance(value, ast.Constant) and isinstance(value.value, str):
                try:
                    self._collect(mod, ast.parse(value.value).body)
                except SyntaxError:
                    pass
            elif isinstance(value, (ast.Name, ast.Attribute)):
                mod.aliases.setdefault(name, value)
            elif value is not None and not name.startswith("_"):
                mod.constants.setdefault(name, stmt.lineno)

    # ---- resolving --------------------------------------------------------------------------------------------
    def resolve(self, modname: str, name: str, _seen: frozenset = frozenset()) -> Target | None:
        """What `name` means at the top level of module `modname`."""
        key = (modname, name)
        if key in _seen:
            return None
        seen = _seen | {key}
        mod = self.module(modname)
        if mod is None:
            return None
        if name in mod.defs:
            return Target(modname, name, mod.defs[name])
        if name in mod.imports:
            source, attr = mod.imports[name]
            if attr is None:
                return Target(source, None) if self.module(source) else None
            found = self.resolve(source, attr, seen)
            if found is not None:
                return found
            sub = f"{source}.{attr}"
            return Target(sub, None) if self.module(sub) else None
        if name in mod.aliases:
            return self.resolve_expr(modname, mod.aliases[name], seen)
        if name in mod.constants:
            return Target(modname, name, None)
        for source in mod.star_imports:
            found = self.resolve(source, name, seen)
            if found is not None:
                return found
        if mod.is_package and self.module(f"{modname}.{name}"):
            return Target(f"{modname}.{name}", None)
        return None

    def resolve_expr(self, modname: str, expr: ast.expr, _seen: frozenset = frozenset()) -> Target | None:
        if isinstance(expr, ast.Name):
            return self.resolve(modname, expr.id, _seen)
        if isinstance(expr, ast.Attribute):
            base = self.resolve_expr(modname, expr.value, _seen)
            if base is not None and base.name is None:
                return self.resolve(base.module, expr.attr, _seen)
        return None

    def resolve_dotted(self, dotted: str) -> Target | None:
        """Resolve `psychopy.visual.TextStim`-style paths: the longest importable module, then attributes."""
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            modname = ".".join(parts[:cut])
            if self.module(modname) is None:
                continue
            target = Target(modname, None)
            for attr in parts[cut:]:
                if target is None or target.name is not None:
                    return None
                target = self.resolve(target.module, attr)
            return target
        return None

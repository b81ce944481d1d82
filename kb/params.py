"""Parameters as searchable entries of their own (issue 17): a question names what a parameter does ("cover the
whole screen"), not the class it belongs to, and a class record's vector stands for the class's summary alone, so
`Window(fullscr=...)` was never found. One entry per documented parameter of an API class, function or method,
carrying its owner, its (possibly inherited) doc and how to change it after construction (the attribute, the
generated setter). Search only: these rows are not API records (source "param"), so lookups, hover and the
checker never see them.
"""

from __future__ import annotations

from .docstrings import summary
from .records import Record

SKIP_KINDS = ("var_positional", "var_keyword")


def short_name(symbol: str) -> str:
    """A dotted name as a script writes it, without the `psychopy.` prefix."""
    return symbol[len("psychopy."):] if symbol.startswith("psychopy.") else symbol


def _owner_aliases(owner: Record, by_symbol: dict[str, Record]) -> list[str]:
    """Public names of the owner: its own aliases, or for a method its class's aliases plus the method name."""
    if owner.aliases or owner.kind != "method":
        return list(owner.aliases)
    cls_symbol, method = owner.symbol.rsplit(".", 1)
    cls = by_symbol.get(cls_symbol)
    return [f"{alias}.{method}" for alias in cls.aliases] if cls is not None else []


def _how_to_change(owner: Record, name: str) -> str:
    """After construction: the attribute itself and the setter AttributeGetSetMixin generates, where they exist."""
    if owner.kind != "class":
        return ""
    ways = []
    attr = owner.member(name)
    if attr is not None and attr.kind in ("attribute", "property", "instance_attribute") and attr.settable:
        ways.append(f"`.{name} = value`")
    setter = owner.member(f"set{name[:1].upper()}{name[1:]}")
    if setter is not None:
        ways.append(f"`.{setter.name}(value)`")
    return f"Change it later with {' or '.join(ways)}." if ways else ""


def param_records(api: list[Record]) -> list[Record]:
    by_symbol = {r.symbol: r for r in api}
    out: list[Record] = []
    for owner in api:
        if owner.kind not in ("class", "function", "method") or owner.plugin or owner.name.startswith("_"):
            continue
        if ".tests." in owner.symbol:
            continue
        aliases = _owner_aliases(owner, by_symbol)
        owner_name = short_name(min([owner.symbol, *aliases], key=lambda n: (n.count("."), len(n))))
        for param in owner.params:
            if not param.doc or param.kind in SKIP_KINDS or param.name in ("self", "cls"):
                continue
            # also where an attribute record of that name exists: its doc says what the attribute returns
            # ("whether the window is in fullscreen mode"), the parameter's what passing it does
            symbol = f"{owner.symbol}.{param.name}"
            call = f"{owner_name}({param.name}={param.default})" if param.default is not None else \
                f"{owner_name}({param.name}=...)"
            how = _how_to_change(owner, param.name)
            doc = f"{param.doc}\n\n{how}".strip()
            out.append(Record(
                symbol=symbol, kind="param", source="param", name=param.name, module=owner.module,
                signature=call, summary=f"Parameter `{param.name}` of {owner_name}: {summary(param.doc)}",
                doc=doc, aliases=[f"{alias}.{param.name}" for alias in aliases], path=owner.path, line=owner.line,
                psychopy_version=owner.psychopy_version))
    return out

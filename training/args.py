"""Dataclass arguments -> command line (`--name value`, booleans as `--flag true|false`), with named configs:
`--config NAME` first loads a preset, then explicit flags override it. Kept dependency-free so the data builder
runs without transformers."""

from __future__ import annotations

import argparse
from dataclasses import MISSING, fields, replace
from typing import Any, TypeVar

T = TypeVar("T")


def _bool(text: str) -> bool:
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"expected true or false, got {text!r}")


def parse_args(cls: type[T], argv: list[str] | None = None, configs: dict[str, dict[str, Any]] | None = None) -> T:
    parser = argparse.ArgumentParser(description=(cls.__doc__ or "").strip())
    if configs:
        parser.add_argument("--config", choices=sorted(configs), help="a named preset; flags override it")
    for f in fields(cls):
        kind = type(f.default) if f.default is not MISSING else str
        parser.add_argument(f"--{f.name}", type=_bool if kind is bool else kind, default=None,
                            help=f"{f.metadata.get('help', '')} (default: {f.default!r})")
    ns = parser.parse_args(argv)
    args = cls()
    if configs and getattr(ns, "config", None):
        args = replace(args, **configs[ns.config])
    explicit = {f.name: getattr(ns, f.name) for f in fields(cls) if getattr(ns, f.name) is not None}
    return replace(args, **explicit)

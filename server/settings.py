"""The server's one typed Settings object, parsed once from initializationOptions (camelCase on the wire) and again
on workspace/didChangeConfiguration. Invalid values are reported and replaced by their defaults; they never stop
the server."""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any

# the checker's rule families (each family class declares its FAMILY; findings.family_of maps codes to them)
CHECK_FAMILIES = ("api", "timing", "keys", "data", "display", "pyflakes")


def _doc(text: str, **kw) -> Any:
    return field(metadata={"doc": text}, **kw)


@dataclass(frozen=True)
class Settings:
    kb_dir: str = _doc("Folder of the knowledge base index. Empty: the user cache folder "
                       "(~/.cache/psychopy-lsp/kb on Linux).", default="")
    psychopy_python: str = _doc("Python interpreter whose psychopy is indexed and used to run scripts (e.g. the "
                                "standalone app's). Empty: the server's own interpreter.", default="")
    diagnostics: bool = _doc("Publish syntax and PsychoPy API diagnostics.", default=True)
    checks: dict = _doc("Rule families to report, each `true` or `false`: `api` (PsychoPy signatures, "
                        "attributes, values), `timing` (flips, frames, clocks), `keys` (key buffers, key names, "
                        "RT clocks), `data` (rows, staircases, files), `display` (units, positions), `pyflakes` "
                        "(generic Python). Families left out stay on.",
                        default_factory=lambda: dict.fromkeys(CHECK_FAMILIES, True))
    debounce_ms: int = _doc("Delay after the last edit before diagnostics run, in milliseconds.", default=250)
    hover: bool = _doc("Show PsychoPy docs on hover.", default=True)
    completion: bool = _doc("Offer PsychoPy members, keyword arguments and values as completions.", default=True)
    model_backend: str = _doc("Model backend: `llamacpp` (in-process GGUF), `openai` (an OpenAI-compatible server), "
                              "or `off`.", default="llamacpp")
    model_path: str = _doc("GGUF model file. Empty: the embedded Gemma 3 270M (Q4_K_M).", default="")
    adapter_path: str = _doc("GGUF LoRA adapter applied on top of the model. Empty: our shipped adapter (on the "
                             "embedded model only); `off`: none.", default="")
    remote_url: str = _doc("Base URL of an OpenAI-compatible server (llama.cpp server, vLLM, Ollama), e.g. "
                           "http://127.0.0.1:8080/v1.", default="")
    remote_model: str = _doc("Model name sent to the OpenAI-compatible server.", default="")
    remote_timeout_s: float = _doc("Seconds to wait for the OpenAI-compatible server before giving up (each of up "
                                   "to 3 tries).", default=30.0)
    context_size: int = _doc("Model context window in tokens.", default=2048)
    threads: int = _doc("CPU threads for the model (prompt and generation). 0: all cores.", default=0)
    max_tokens: int = _doc("Most tokens a model completion may generate (a line needing more is not shown).", default=64)
    inline_completion: bool = _doc("Offer model completions as inline (ghost text) completions.", default=True)
    inline_time_budget_ms: int = _doc("How long an inline completion waits for the model's whole line; when it "
                                      "needs longer nothing is shown, and the line is finished in the background "
                                      "for the suggestion cache (never a cut-off fragment).", default=600)
    model_completion_items: str = _doc("Add the model's suggestion to the completion list: `auto` (only for "
                                       "clients without inline completion), `always`, or `never`.", default="auto")
    model_fixes: bool = _doc("Offer \"Fix with the PsychoPy model\" for diagnostics (verified before it is "
                             "applied).", default=True)
    run_timeout_s: float = _doc("Time budget for `psychopy.runScript` in seconds.", default=20.0)
    run_headless: str = _doc("Run scripts under Xvfb: `auto` (when there is no display), `always`, or `never`.",
                             default="auto")
    fix_samples: int = _doc("Alternatives \"Fix with the PsychoPy model\" may re-run after its first answer for an "
                            "error from a run, each verified by re-running the script (0: the first answer "
                            "only).", default=3)
    generate_attempts: int = _doc("Repair rounds `psychopy.generate` may take after its first candidate fails "
                                  "verification.", default=3)
    generate_time_limit_s: float = _doc("Seconds `psychopy.generate` may spend writing, running and repairing one "
                                        "experiment.", default=60.0)
    run_isolation: str = _doc("Isolation of `psychopy.runScript`: `required` (refuse to run unless the network, "
                              "file system and other processes are all walled off), `preferred` (the strongest "
                              "this system gives; the result says what was not enforced), `off` (a plain "
                              "subprocess).", default="preferred")

    @classmethod
    def from_options(cls, options: Any) -> tuple["Settings", list[str]]:
        """Parse camelCase options; returns the settings and one message per ignored or invalid value."""
        errors: list[str] = []
        if options is None:
            return cls(), errors
        if not isinstance(options, dict):
            return cls(), [f"settings must be an object, got {type(options).__name__}; using defaults"]
        # Clients commonly nest the section: {"psychopy": {...}} or {"psychopyLsp": {...}}.
        for section in ("psychopyLsp", "psychopy-lsp", "psychopy"):
            if isinstance(options.get(section), dict) and len(options) == 1:
                options = options[section]
        by_wire = {camel(f.name): f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in options.items():
            f = by_wire.get(key)
            if f is None:
                errors.append(f"unknown setting `{key}` ignored")
                continue
            default = default_of(f)
            if value is None:
                continue
            try:
                values[f.name] = _coerce(value, type(default), f.name)
                if f.name == "checks":
                    unknown = sorted(set(values[f.name]) - set(CHECK_FAMILIES))
                    if unknown:
                        errors.append(f"setting `checks`: unknown famil{'ies' if len(unknown) > 1 else 'y'} "
                                      f"{', '.join(unknown)} ignored (known: {', '.join(CHECK_FAMILIES)})")
                    values[f.name] = {**default, **{k: v for k, v in values[f.name].items()
                                                    if k in CHECK_FAMILIES}}
            except ValueError as exc:
                errors.append(f"setting `{key}`: {exc}; using the default {default!r}")
        settings = cls(**values)
        for name, allowed in CHOICES.items():
            if getattr(settings, name) not in allowed:
                errors.append(f"setting `{camel(name)}` must be one of {', '.join(allowed)}; using the default")
                settings = replace(settings, **{name: getattr(cls(), name)})
        for name in ("debounce_ms", "context_size", "max_tokens", "threads", "inline_time_budget_ms"):
            if getattr(settings, name) < 0:
                errors.append(f"setting `{camel(name)}` must not be negative; using the default")
                settings = replace(settings, **{name: getattr(cls(), name)})
        return settings, errors


# settings with a closed set of values (the first is not necessarily the default)
CHOICES = {
    "model_backend": ("llamacpp", "openai", "off"),
    "run_headless": ("auto", "always", "never"),
    "run_isolation": ("required", "preferred", "off"),
    "model_completion_items": ("auto", "always", "never"),
}
JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", dict: "object"}


def schema() -> dict:
    """The settings, once: camelCase name -> type, default, description (and the allowed values). VS Code's
    package.json, the Neovim plugin's defaults (editors/nvim/lua/psychopy_lsp/settings.lua, generated from this
    by `psychopy-lsp settings --lua`) and the README table are checked against it (tests/test_settings.py)."""
    out = {}
    for f in fields(Settings):
        default = default_of(f)
        entry = {"type": JSON_TYPES[type(default)], "default": default, "description": f.metadata["doc"]}
        if f.name in CHOICES:
            entry["enum"] = list(CHOICES[f.name])
        out[camel(f.name)] = entry
    return out


def _lua(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # Lua has no \\uXXXX escape
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_lua(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "{ " + ", ".join(_lua(v) for v in value) + " }"
    raise TypeError(value)


def lua_module() -> str:
    """editors/nvim/lua/psychopy_lsp/settings.lua: the schema as a Lua table (generated; do not edit)."""
    lines = ["-- Generated by `psychopy-lsp settings --lua` from server/settings.py; do not edit (a test compares).",
             "-- The server's settings: name -> { type, default, description[, enum] }.", "return {"]
    for name, entry in schema().items():
        parts = [f"type = {_lua(entry['type'])}", f"default = {_lua(entry['default'])}"]
        if "enum" in entry:
            parts.append(f"enum = {_lua(entry['enum'])}")
        parts.append(f"description = {_lua(entry['description'])}")
        lines.append(f"  {name} = {{ {', '.join(parts)} }},")
    return "\n".join(lines + ["}"]) + "\n"


def default_of(f) -> Any:
    if f.default is not MISSING:
        return f.default
    return f.default_factory() if f.default_factory is not MISSING else None


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _coerce(value: Any, kind: type, name: str) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ValueError(f"expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise ValueError(f"expected an integer, got {value!r}")
        return int(value)
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"expected a number, got {value!r}")
        return float(value)
    if kind is str:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        return value
    if kind is dict:
        if not isinstance(value, dict) or not all(isinstance(v, bool) for v in value.values()):
            raise ValueError(f"expected an object of true/false values, got {value!r}")
        return dict(value)
    return value


def markdown_table() -> str:
    """The settings table for the README (tests check the README matches)."""
    rows = ["| setting | default | what it does |", "| --- | --- | --- |"]
    for name, entry in schema().items():
        default = entry["default"]
        shown = "`\"\"`" if default == "" else f"`{json.dumps(default)}`" if isinstance(default, (bool, dict)) \
            else f"`{default}`"
        rows.append(f"| `{name}` | {shown} | {entry['description']} |")
    return "\n".join(rows)

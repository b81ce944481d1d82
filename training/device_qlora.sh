#!/usr/bin/env bash
# The GPU QLoRA run, as one prepared script for a lent CUDA machine that has no network (see training/README.md).
# A call carries at most 64 MiB and carried paths do not outlive the call, so the embedded GGUF (253 MB) goes over
# in four warm calls first: `split -n 4 -d` it into .dm0/part ... .dm3/part here, then per call carry one and run
# `mkdir -p /root/g && cp .dmN/part /root/g/pN`; the last call concatenates them into /root/g/gemma.gguf.
# This script's own call carries .whl/*.whl (trl, bitsandbytes, datasets, peft, gguf, dill, multiprocess; the
# machine's torch, transformers and accelerate are used) and training/out/data.
# Writes the figures to $OUT: qlora-metrics.json, qlora.log, lora-metrics.json (bf16 LoRA on the same GPU).
set -euo pipefail
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
export PYTHONPATH=/tmp/site:/tmp/pkg PSYCHOPY_LSP_CACHE_DIR=/tmp/plcache HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
export PYTHONUNBUFFERED=1
mkdir -p /tmp/pkg/psychopy_lsp
for d in server kb training; do ln -sfn "$PWD/$d" "/tmp/pkg/psychopy_lsp/$d"; done
GGUF=${GGUF:-/root/g/gemma.gguf}
[ -f "$GGUF" ] || cat /root/g/p0 /root/g/p1 /root/g/p2 /root/g/p3 > "$GGUF"
cp "$GGUF" /tmp/gemma-3-270m-q4_k_m.gguf
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$OUT/gpu.txt"
python3 -c "import torch, transformers, peft, trl, bitsandbytes; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__, 'trl', trl.__version__, 'bnb', bitsandbytes.__version__)" | tee -a "$OUT/gpu.txt"
EPOCHS=${EPOCHS:-3}
python3 -m psychopy_lsp.training.sft --config gpu-qlora --base /tmp/gemma-3-270m-q4_k_m.gguf \
    --data_dir training/out/data --output_dir /tmp/qlora --epochs "$EPOCHS" 2>&1 | tee "$OUT/qlora.log" | grep -v "it/s]" || true
cp /tmp/qlora/metrics.json "$OUT/qlora-metrics.json"
# the same data and steps as plain bf16 LoRA on the GPU: what 4-bit costs or saves in speed and memory
python3 -m psychopy_lsp.training.sft --config gpu-qlora --quantize_4bit false --base /tmp/gemma-3-270m-q4_k_m.gguf \
    --data_dir training/out/data --output_dir /tmp/lora --epochs 0 --max_steps "${LORA_STEPS:-200}" > "$OUT/lora.log" 2>&1 || true
cp /tmp/lora/metrics.json "$OUT/lora-metrics.json" 2>/dev/null || true
# the QLoRA adapter itself (a few MB) comes back too
cp /tmp/qlora/adapter/adapter_model.safetensors "$OUT/qlora-adapter.safetensors"
cp /tmp/qlora/adapter/adapter_config.json "$OUT/qlora-adapter_config.json"

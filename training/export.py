"""Export a trained adapter for llama.cpp, with the `gguf` package:

- `--adapter_gguf`: the LoRA adapter alone as a GGUF LoRA adapter (what the server loads with `lora_path` on top of
  the base GGUF; a few MB);
- `--merged f16|q8_0`: the base with the adapter merged in, as a full GGUF (architecture and tokenizer metadata
  copied from the base GGUF); `--quantize Q4_K_M` then runs llama.cpp's own quantizer from Python;
- `--check`: fidelity: greedy tokens from transformers and from llama.cpp on fixed prompts, side by side.

    .venv/bin/python -m psychopy_lsp.training.export --adapter training/out/sft/adapter --adapter_gguf out.gguf
    .venv/bin/python -m psychopy_lsp.training.export --adapter training/out/sft/adapter --merged f16 \\
        --merged_path /tmp/merged-f16.gguf --check true

llama.cpp's Gemma convention stores every `*norm.weight` as (weight + 1) (transformers' GGUF loader subtracts the
1 when reading), and Gemma 3 ties the output head to the embedding, so no `output.weight` is written.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .args import parse_args

PROMPTS = [
    "from psychopy import visual, core\nwin = visual.Window([800, 600])\nstim = visual.TextStim(win, ",
    "# Error: NameError: name 'stimm' is not defined\n# Broken code:\nstimm.draw()\n# Fixed code:\n",
    "for trial in range(10):\n    ",
]


@dataclass
class ExportArguments:
    adapter: str = field(default="training/out/sft/adapter", metadata={"help": "peft adapter folder"})
    base_gguf: str = field(default="", metadata={"help": "the GGUF the adapter was trained on (default: embedded)"})
    adapter_gguf: str = field(default="", metadata={"help": "write the adapter alone as a GGUF LoRA here"})
    merged: str = field(default="", metadata={"help": "write the merged model: f16 or q8_0"})
    merged_path: str = field(default="", metadata={"help": "where the merged GGUF goes"})
    quantize: str = field(default="", metadata={"help": "Q4_K_M: quantize the merged GGUF with llama.cpp"})
    check: bool = field(default=False, metadata={"help": "greedy tokens: transformers vs llama.cpp"})
    check_tokens: int = field(default=24)
    prompt_format: str = field(default="fim", metadata={"help": "the completion prompt the adapter was trained on "
                               "(data.py --completion_format): written into the adapter GGUF for the server"})


def _base_gguf(path: str) -> Path:
    if path:
        return Path(path)
    from ..server.model.files import ensure_default_model

    return ensure_default_model()


# llama.cpp's gemma3 hyper-parameters that come from the model's own config (a smaller test model differs from the
# base GGUF it borrows its tokenizer from); the rest (rope, sliding window, tokenizer) is copied from the base
ARCH_KEYS = {"block_count": "num_hidden_layers", "embedding_length": "hidden_size",
             "feed_forward_length": "intermediate_size", "attention.head_count": "num_attention_heads",
             "attention.head_count_kv": "num_key_value_heads", "attention.key_length": "head_dim",
             "attention.value_length": "head_dim"}


def copy_metadata(reader, writer, skip: tuple[str, ...] = (), config=None) -> None:
    """Every key/value of the source GGUF except GGUF bookkeeping and the ones in `skip`; with a transformers
    `config`, the architecture sizes are taken from it instead."""
    from gguf import GGUFValueType

    overrides = {f"gemma3.{key}": int(getattr(config, attr)) for key, attr in ARCH_KEYS.items()} if config else {}
    for key, value in overrides.items():
        writer.add_uint32(key, value)
    for f in reader.fields.values():
        if f.name.startswith("GGUF.") or f.name in skip or f.name == "general.architecture" or f.name in overrides:
            continue
        vtype = f.types[0]
        sub = f.types[-1] if vtype == GGUFValueType.ARRAY else None
        writer.add_key_value(f.name, f.contents(), vtype, sub_type=sub)


def hf_to_gguf_name(name: str, n_layers: int) -> str | None:
    import gguf

    mapping = gguf.get_tensor_name_map(gguf.MODEL_ARCH.GEMMA3, n_layers)
    name = name.removeprefix("base_model.model.")
    if name.endswith(".weight"):
        mapped = mapping.get_name(name[: -len(".weight")])
        return f"{mapped}.weight" if mapped else None
    return mapping.get_name(name)


from ..server.model.files import PROMPT_FORMAT_KEY  # noqa: E402 - after the module docstring's imports


def _adapter_config(adapter: Path) -> dict:
    return json.loads((adapter / "adapter_config.json").read_text())


def write_adapter_gguf(adapter: Path, out: Path, n_layers: int, dtype=np.float16, prompt_format: str = "fim") -> Path:
    """peft LoRA (lora_A: r x in, lora_B: out x r) -> llama.cpp LoRA GGUF (`<tensor>.lora_a` / `.lora_b`), in f16
    by default (half the size; llama.cpp computes the adapter in f32 either way)."""
    import gguf
    from safetensors.numpy import load_file

    config = _adapter_config(adapter)
    tensors = load_file(str(adapter / "adapter_model.safetensors"))
    writer = gguf.GGUFWriter(str(out), "gemma3")
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", float(config["lora_alpha"]))
    # the completion prompt the adapter was trained on: the server builds that one (server/model/files.py)
    writer.add_string(PROMPT_FORMAT_KEY, prompt_format)
    written = 0
    for name, value in sorted(tensors.items()):
        # base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight -> blk.0.attn_q.weight.lora_a
        for peft_part, suffix in ((".lora_A.weight", ".lora_a"), (".lora_B.weight", ".lora_b")):
            if name.endswith(peft_part):
                target = hf_to_gguf_name(name[: -len(peft_part)] + ".weight", n_layers)
                if target is None:
                    raise ValueError(f"no llama.cpp name for adapter tensor {name}")
                writer.add_tensor(target + suffix, value.astype(dtype))
                written += 1
    if not written:
        raise ValueError(f"{adapter} holds no LoRA tensors")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return out


def write_merged_gguf(model, base_gguf: Path, out: Path, kind: str) -> Path:
    """A transformers Gemma 3 model (adapter merged) -> GGUF, metadata from the base GGUF."""
    import gguf

    qtype = {"f16": gguf.GGMLQuantizationType.F16, "q8_0": gguf.GGMLQuantizationType.Q8_0}[kind]
    file_type = {"f16": gguf.LlamaFileType.MOSTLY_F16, "q8_0": gguf.LlamaFileType.MOSTLY_Q8_0}[kind]
    reader = gguf.GGUFReader(str(base_gguf))
    n_layers = model.config.get_text_config().num_hidden_layers
    writer = gguf.GGUFWriter(str(out), "gemma3")
    copy_metadata(reader, writer, skip=("general.file_type", "general.quantization_version"),
                  config=model.config.get_text_config())
    writer.add_file_type(file_type)
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
    for name, tensor in model.state_dict().items():
        if name == "lm_head.weight":
            continue  # tied to the embedding
        target = hf_to_gguf_name(name, n_layers)
        if target is None:
            raise ValueError(f"no llama.cpp name for {name}")
        data = tensor.detach().float().cpu().numpy()
        if name.endswith("norm.weight"):
            writer.add_tensor(target, (data + 1.0).astype(np.float32))  # llama.cpp's Gemma norm convention
        elif data.ndim == 1:
            writer.add_tensor(target, data.astype(np.float32))
        elif qtype == gguf.GGMLQuantizationType.F16:
            writer.add_tensor(target, data.astype(np.float16))
        else:
            q = gguf.quants.quantize(data, qtype)
            writer.add_tensor(target, q, raw_shape=q.shape, raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return out


def quantize_with_llama(src: Path, dst: Path, ftype: str = "Q4_K_M", threads: int = 0) -> Path:
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{ftype.upper()}")
    params.nthread = threads or os.cpu_count() or 1
    rc = llama_cpp.llama_model_quantize(str(src).encode(), str(dst).encode(), params)
    if rc != 0:
        raise RuntimeError(f"llama.cpp's quantizer failed ({rc}) on {src}")
    return dst


def merged_model(adapter: Path | None, base_checkpoint: str):
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(base_checkpoint, dtype=torch.float32)
    if adapter is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload()
    return model.eval()


def greedy_transformers(model, tokenizer, prompt: str, n: int) -> list[int]:
    import torch

    ids = tokenizer(prompt, return_tensors="pt")["input_ids"]
    with torch.no_grad():
        out = model.generate(ids, max_new_tokens=n, do_sample=False)
    return out[0, ids.shape[1]:].tolist()


def greedy_llama(gguf_path: Path, prompt: str, n: int, lora: Path | None = None) -> list[int]:
    from llama_cpp import Llama

    llm = Llama(model_path=str(gguf_path), lora_path=str(lora) if lora else None, n_ctx=512, verbose=False,
                n_threads=os.cpu_count() or 1)
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=False)
    out = []
    for token in llm.generate(tokens, top_k=1, temp=0.0, reset=True):
        if token == llm.token_eos() or len(out) >= n:
            break
        out.append(token)
    return out


def agreement(a: list[int], b: list[int]) -> int:
    """Tokens that agree before the first difference."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def main(argv: list[str] | None = None) -> dict:
    from .sft import resolve_base

    args = parse_args(ExportArguments, argv)
    base_gguf = _base_gguf(args.base_gguf)
    adapter = Path(args.adapter) if args.adapter else None
    report: dict = {}
    checkpoint = resolve_base(str(base_gguf))
    import json as _json

    n_layers = _json.loads((Path(checkpoint) / "config.json").read_text()).get("num_hidden_layers") or \
        _json.loads((Path(checkpoint) / "config.json").read_text())["text_config"]["num_hidden_layers"]
    if args.adapter_gguf:
        path = write_adapter_gguf(adapter, Path(args.adapter_gguf), n_layers, prompt_format=args.prompt_format)
        report["adapter_gguf"] = {"path": str(path), "bytes": path.stat().st_size}
    model = None
    if args.merged:
        model = merged_model(adapter, checkpoint)
        out = Path(args.merged_path or f"merged-{args.merged}.gguf")
        write_merged_gguf(model, base_gguf, out, args.merged)
        report["merged"] = {"path": str(out), "bytes": out.stat().st_size}
        if args.quantize:
            q = quantize_with_llama(out, out.with_name(out.stem + f"-{args.quantize.lower()}.gguf"), args.quantize)
            report["quantized"] = {"path": str(q), "bytes": q.stat().st_size}
    if args.check and args.merged:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(checkpoint)
        rows = []
        for prompt in PROMPTS:
            ours = greedy_transformers(model, tokenizer, prompt, args.check_tokens)
            theirs = greedy_llama(Path(report["merged"]["path"]), prompt, args.check_tokens)
            rows.append({"prompt": prompt[:40], "agree": agreement(ours, theirs), "of": min(len(ours), len(theirs))})
        report["fidelity"] = rows
    print(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()

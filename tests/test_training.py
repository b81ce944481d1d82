"""Training pipeline on small inputs: mutation operators, the data builder (counts, no train/held-out leak),
a smoke fine-tune that lowers the held-out loss, GGUF export round trips that llama.cpp loads and agrees with,
and the eval harness's judges and its run on a fake backend."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from psychopy_lsp.server.analysis import Analysis
from psychopy_lsp.training import data as data_mod
from psychopy_lsp.training.mutations import mutations

SCRIPT = """from psychopy import visual, core, event
win = visual.Window([800, 600], units='height')
msg = visual.TextStim(win, text='Press space', color='white', pos=(0, 0.2))
for trial in range(3):
    msg.draw()
    win.flip()
    core.wait(0.5)
    keys = event.waitKeys(keyList=['space', 'escape'])
    if 'escape' in keys:
        core.quit()
"""


@pytest.mark.parametrize("operator,category,line,expect_text", [
    ("keyword_alias", "static", 2, "colour='white'"),  # an invented British spelling of a keyword
    ("method_invention", "static", 4, "msg.render()"),  # a method PsychoPy does not have
    ("module_invention", "static", 2, "visual.Text("),  # a class PsychoPy does not have
    ("not_called", "static", 5, "    win.flip\n"),  # a method named, never called
    ("string_for_number", "static", 6, "core.wait('0.5')"),  # seconds as a string
    ("missing_paren", "syntax", 6, "core.wait(0.5\n"),  # an unclosed call
    ("missing_colon", "syntax", 3, "for trial in range(3)\n"),  # a block opener without its colon
    ("misspelled_variable", "runtime", 4, "msgg.draw()"),  # NameError when the line runs
    ("wait_in_milliseconds", "logic", 6, "core.wait(500)"),  # milliseconds where seconds are meant
    ("capitalised_key", "logic", 8, "'Escape' in keys"),  # key names are lower case
    ("list_compared_to_key", "logic", 8, "if keys == 'escape':"),  # a list compared with a string
])
def test_mutation_operators(operator, category, line, expect_text):
    found = [m for m in mutations(SCRIPT) if m.operator == operator and m.line == line]
    assert found, f"{operator} planted nothing on line {line}"
    mutation = found[0]
    assert mutation.category == category and expect_text in mutation.source
    assert mutation.source.count("\n") == SCRIPT.count("\n")  # line count kept: the fix is the original region


def test_static_and_syntax_mutations_carry_the_checkers_message(api_index):
    for mutation in mutations(SCRIPT):
        message = data_mod.message_for(mutation, api_index)
        if mutation.category in ("static", "syntax"):
            assert message, f"the checker does not see {mutation.operator} on line {mutation.line}"


@pytest.fixture(scope="module")
def small_data(tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    data_mod.main(["--limit_scripts", "12", "--qa_records", "60", "--builder", "false", "--out_dir", str(out)])
    return out


def test_data_builder_counts_and_no_leak(small_data):
    train = [json.loads(line) for line in (small_data / "train.jsonl").read_text().splitlines()]
    held = [json.loads(line) for line in (small_data / "heldout.jsonl").read_text().splitlines()]
    kinds = {r["kind"] for r in train + held}
    assert kinds == {"completion", "fix", "qa"}
    assert not {r["group"] for r in train} & {r["group"] for r in held}  # no source file in both
    assert all(r["messages"][0]["role"] == "user" and r["messages"][1]["content"].strip() for r in train)
    keys = [json.dumps(r["messages"]) for r in train + held]
    assert len(keys) == len(set(keys))  # deduplicated
    card = (small_data / "card.md").read_text()
    assert f"{len(train)} train and {len(held)} held-out" in card


def test_fix_examples_use_the_servers_prompt(small_data):
    from psychopy_lsp.server.model.prompts import FIX_END

    fixes = [json.loads(line) for line in (small_data / "train.jsonl").read_text().splitlines()
             if '"kind": "fix"' in line]
    assert fixes
    for row in fixes:
        assert "# Error: " in row["messages"][0]["content"] and row["messages"][0]["content"].endswith("# Fixed code:\n")
        assert row["messages"][1]["content"].endswith(FIX_END)


def test_completion_examples_are_the_servers_fill_in_the_middle_prompt(small_data):
    from psychopy_lsp.server.model.inline import FIM_MIDDLE, FIM_PREFIX, FIM_SUFFIX

    rows = [json.loads(line) for line in (small_data / "train.jsonl").read_text().splitlines()
            if '"kind": "completion"' in line]
    assert {r["cut"] for r in rows} <= set(data_mod.CUT_KINDS) and len({r["cut"] for r in rows}) >= 4
    for row in rows:
        prompt, answer = row["messages"][0]["content"], row["messages"][1]["content"]
        assert prompt.count(FIM_PREFIX) == prompt.count(FIM_SUFFIX) == prompt.count(FIM_MIDDLE) == 1
        assert "\n" not in prompt.split(FIM_MIDDLE)[1]  # after the middle marker: the cursor's line as typed
        assert "\n" not in answer and answer.strip()  # the rest of one line: whole lines, never more
        middle = prompt.split(FIM_PREFIX)[1]
        suffix, typed = middle.split(FIM_SUFFIX)[1].split(FIM_MIDDLE)
        line = typed + answer
        # the answer's line is not in the suffix the model is shown (else it learns to copy from below)
        assert line.strip() not in [s.strip() for s in suffix.split("\n")[1:2]]


def test_prefix_completion_examples_are_the_servers_prefix_prompt(api_index):
    """--completion_format prefix: the prompt the server builds for an adapter without fill-in-the-middle
    metadata (the shipped one), ending at the cursor; the answer is the whole rest of the line (nothing right of
    the cursor is shown, so no auto-inserted closers are taken off it)."""
    import random

    from psychopy_lsp.server.model.inline import FIM_MIDDLE, FIM_PREFIX, FIM_SUFFIX

    source = ("from psychopy import visual, core\nwin = visual.Window()\n"
              "stim = visual.TextStim(win, text='hi', height=0.1)\nfor i in range(3):\n    stim.draw()\n"
              "    win.flip()\ncore.wait(0.5)\n")
    script = data_mod.Script("sample/x.py", source)
    rows = data_mod.completion_examples(script, api_index, 9, random.Random(0), "prefix")
    assert rows
    for row in rows:
        prompt, answer = row["messages"][0]["content"], row["messages"][1]["content"]
        assert not any(marker in prompt for marker in (FIM_PREFIX, FIM_SUFFIX, FIM_MIDDLE))
        typed = prompt.split("\n")[-1]
        assert typed + answer in source.split("\n")  # the cursor's line as typed + the answer = the real line
        assert "\n" not in answer and answer.strip()


def test_data_refuses_an_unknown_completion_format():
    with pytest.raises(SystemExit, match="fim or prefix"):
        data_mod.main(["--completion_format", "suffix", "--limit_scripts", "1"])


CUTS = [
    ("    win.flip()", "block_line"),  # an empty line inside a block, indentation typed
    ("stim = visual.TextStim(win, text='hi')", "after_eq"),
    ("stim.setPos((0, 0))", "after_dot"),
]


@pytest.mark.parametrize("line,kind", CUTS)
def test_cut_points_of_each_kind(line, kind):
    import random

    spots = data_mod.cut_points(["for i in range(3):", line], random.Random(0))
    assert kind in {k for i, _c, k in spots if i == 1}


def test_autoclosed_brackets_go_right_of_the_cursor():
    lines = ["stim = visual.TextStim(win, text='hi')"]
    before, after, target = data_mod.completion_case(lines, 0, len("stim = visual.TextStim("), autoclose=True)
    assert (target, after) == ("win, text='hi'", ")\n")
    assert data_mod.completion_case(lines, 0, 23, autoclose=False)[2] == "win, text='hi')"


@pytest.mark.slow
def test_an_interrupted_fine_tune_resumes_from_its_checkpoint(small_data, tmp_path):
    from psychopy_lsp.training.sft import main

    args = ["--config", "smoke", "--data_dir", str(small_data), "--output_dir", str(tmp_path), "--save_steps", "2"]
    main(args + ["--max_steps", "2"])  # "interrupted" after 2 steps: checkpoint-2 is on disk
    assert (tmp_path / "checkpoint-2").is_dir()
    metrics = main(args + ["--max_steps", "4"])
    assert metrics["resumed_from"].endswith("checkpoint-2") and metrics["steps"] == 4


@pytest.mark.slow
def test_smoke_fine_tune_lowers_the_heldout_loss(small_data, tmp_path):
    from psychopy_lsp.training.sft import main

    metrics = main(["--config", "smoke", "--data_dir", str(small_data), "--output_dir", str(tmp_path)])
    print(f"smoke: held-out loss {metrics['heldout_loss_before']:.3f} -> {metrics['heldout_loss_after']:.3f}")
    assert metrics["steps"] == 4 and metrics["heldout_loss_after"] < metrics["heldout_loss_before"]
    assert (tmp_path / "adapter" / "adapter_model.safetensors").exists()


def tiny_gemma(seed: int = 0):
    import torch
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig

    torch.manual_seed(seed)
    config = Gemma3TextConfig(
        vocab_size=262144, hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=1, head_dim=32, max_position_embeddings=32768, sliding_window=512,
        initializer_range=0.3, query_pre_attn_scalar=32, rms_norm_eps=1e-6, tie_word_embeddings=True,
        layer_types=["sliding_attention", "sliding_attention"])
    model = Gemma3ForCausalLM(config).eval()
    return model.to(torch.float16).to(torch.float32)  # the f16 export then loses nothing


def argmax_agreement(model, gguf: Path, prompt: str, lora: Path | None = None) -> tuple[float, float]:
    """Teacher-forced next-token argmax at every prompt position: transformers vs llama.cpp; and the largest
    absolute logit difference."""
    import torch
    from llama_cpp import Llama

    llm = Llama(model_path=str(gguf), lora_path=str(lora) if lora else None, n_ctx=256, logits_all=True,
                verbose=False, n_threads=2)
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=False)
    llm.eval(tokens)
    theirs = np.array(llm.scores[: len(tokens)])
    with torch.no_grad():
        ours = model(torch.tensor([tokens])).logits[0].numpy()
    return float((ours.argmax(-1) == theirs.argmax(-1)).mean()), float(np.abs(ours - theirs).max())


PROMPTS = ["from psychopy import visual, core\nwin = visual.Window([800, 600])\nstim = visual.TextStim(win, ",
           "for trial in range(10):\n    stim.draw()\n    win.flip()\n"]


@pytest.mark.parametrize("prompt", PROMPTS)
def test_export_f16_round_trip_agrees_with_transformers(prompt, tmp_path):
    from psychopy_lsp.server.model.files import ensure_default_model
    from psychopy_lsp.training.export import write_merged_gguf

    model = tiny_gemma()
    out = write_merged_gguf(model, ensure_default_model(), tmp_path / "tiny-f16.gguf", "f16")
    share, diff = argmax_agreement(model, out, prompt)
    print(f"f16 export: argmax agreement {share:.2f}, max |logit diff| {diff:.4f}")
    assert share == 1.0 and diff < 0.05


def test_adapter_gguf_matches_the_merged_model(tmp_path):
    import torch
    from peft import LoraConfig, get_peft_model

    from psychopy_lsp.server.model.files import ensure_default_model
    from psychopy_lsp.training.export import write_adapter_gguf, write_merged_gguf

    base = tiny_gemma()
    base_gguf = write_merged_gguf(base, ensure_default_model(), tmp_path / "tiny-base.gguf", "f16")
    peft_model = get_peft_model(tiny_gemma(), LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]))
    with torch.no_grad():
        for name, param in peft_model.named_parameters():
            if "lora_B" in name:
                param.normal_(0, 0.5)  # peft starts B at zero: give the adapter something to change
    peft_model.save_pretrained(tmp_path / "adapter")
    adapter = write_adapter_gguf(tmp_path / "adapter", tmp_path / "adapter.gguf", n_layers=2)
    merged = peft_model.merge_and_unload().eval()
    share, diff = argmax_agreement(merged, base_gguf, PROMPTS[0], lora=adapter)
    unchanged, _ = argmax_agreement(merged, base_gguf, PROMPTS[0])
    print(f"adapter GGUF: agreement {share:.2f} (max diff {diff:.4f}); without the adapter {unchanged:.2f}")
    assert share == 1.0 and diff < 0.05
    assert unchanged < 1.0  # the adapter really changes the model: the check is not vacuous
    # the completion prompt it was trained on travels in the file, and the server builds that one
    from psychopy_lsp.server.model.files import prompt_format_for
    prefix = write_adapter_gguf(tmp_path / "adapter", tmp_path / "prefix.gguf", n_layers=2, prompt_format="prefix")
    assert (prompt_format_for(adapter), prompt_format_for(prefix)) == ("fim", "prefix")


@pytest.mark.parametrize("source,expected", [
    # every stated colour, position and duration in place
    ("from psychopy import visual, core\nwin = visual.Window()\n"
     "t = visual.TextStim(win, text='T', color='red', pos=(0.3, -0.2))\n"
     "d = visual.TextStim(win, text='L', color='green')\ncore.wait(2.0)\n",
     {"colors": True, "positions": True, "durations": True}),
    # the wrong colour and a missing duration
    ("from psychopy import visual\nwin = visual.Window()\nt = visual.TextStim(win, color='blue', pos=(0.3, -0.2))\n",
     {"colors": False, "positions": True, "durations": False}),
    # a duration compared with a clock counts; a colour in a comment does not
    ("from psychopy import visual, core\n# red green\nc = core.Clock()\nwhile c.getTime() < 2:\n    pass\n",
     {"colors": False, "positions": False, "durations": True}),
])
def test_generation_spec_checks(source, expected):
    from psychopy_lsp.training.eval import GEN_TASKS, spec_checks

    assert spec_checks(source, GEN_TASKS[0]) == expected


@pytest.mark.slow
def test_eval_harness_on_a_fake_backend(tmp_path, kb_root):
    from fakes import FakeBackend
    from psychopy_lsp.training.eval import main

    summary = main(["--jobs", "debugging,knowledge", "--debug_cases", "4",
                    "--knowledge_cases", "4", "--out_dir", str(tmp_path), "--kb_dir", str(kb_root),
                    "--systems", "finetuned+rag,fixer,retrieval"],
                   backends={"finetuned+rag": FakeBackend(default="win.flip()\n# end fix")})
    assert summary["debugging"]["finetuned+rag"]["n"] == 4 and summary["knowledge"]["retrieval"]["n"] == 4
    assert summary["retrieval"]["n"] == 4
    report = (tmp_path / "REPORT.md").read_text()
    assert "## Debugging" in report and "## Knowledge" in report
    assert (tmp_path / "debugging.png").stat().st_size > 1000 and (tmp_path / "results.json").exists()

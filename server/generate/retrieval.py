"""What the model sees before it writes a candidate: the closest demo from the knowledge base (PsychoPy's own
examples, chunked by function) and the real signatures of the classes the script needs. Separate from generation:
the pipeline takes these as strings."""

from __future__ import annotations

# the classes a composed or written experiment uses; their real signatures go in the prompt
CORE_SYMBOLS = ("psychopy.visual.Window", "psychopy.visual.TextStim", "psychopy.visual.Circle",
                "psychopy.visual.Rect", "psychopy.hardware.keyboard.Keyboard.getKeys",
                "psychopy.data.ExperimentHandler.addData")
EXAMPLE_CHARS = 1200  # the demo excerpt: a prompt of ~1,000 tokens leaves room to write


def api_lines(index, symbols=CORE_SYMBOLS) -> list[str]:
    lines = []
    for symbol in symbols:
        record = index.lookup(symbol)
        if record is not None:
            lines.append(f"{record.display_name}{record.signature}"[:160])
    return lines


def context_for(description: str, kb, index) -> tuple[str, list[str]]:
    """(the closest demo's text, signature lines). Without a built knowledge base: no example."""
    example = ""
    if kb is not None:
        try:
            hits = kb.search(description, k=1, source="demo")
        except Exception:  # a damaged index must not stop generation: the model just gets no example
            hits = []
        if hits:
            example = (hits[0][0].doc or "")[:EXAMPLE_CHARS]
    return example, api_lines(index)

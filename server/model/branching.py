"""Alternatives to a greedy answer by branching at its most doubtful tokens (pure ranking; the backend decodes).

A 270M model asked to fix a line usually copies it: sampling at any temperature the model's confident copy comes
back unchanged. Where it hesitates is where a fix would start (`append(` -> `append((`, `write(` ->
`write(str(`). So the k-th alternative is the greedy answer up to the k-th most likely token it did not choose,
that token, then greedy again. The answers are deterministic, and whether any is right is left to the verifier
(for a runtime error, a re-run of the script).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One greedy decoding step: the token chosen and the most likely one it was chosen over."""
    token: int
    runner_up: int
    runner_up_logprob: float
    runner_up_text: str


def branch_order(steps: list[Step]) -> list[int]:
    """Positions to branch at, most likely alternative first. A runner-up that is only whitespace is skipped: it
    ends or re-indents the answer where the greedy went on, which gives the same code back."""
    usable = [i for i, step in enumerate(steps) if step.runner_up_text.strip()]
    return sorted(usable, key=lambda i: -steps[i].runner_up_logprob)


def cut_at_stop(text: str, stop: tuple[str, ...] | list[str]) -> tuple[str, bool]:
    """`text` up to its first stop string, and whether one was found."""
    cut = min((text.find(s) for s in stop if s and s in text), default=-1)
    return (text[:cut], True) if cut >= 0 else (text, False)

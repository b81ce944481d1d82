"""Prompt formats for the model's three jobs besides completion: fixing an error, answering a question, explaining
code. One place, because training/data builds its examples with these same functions: the adapter learns exactly
the format the server sends.

The 270M model is a base model without a chat template, so prompts are plain text in the shape of a Python file
with comments, ending where the answer begins.
"""

from __future__ import annotations

FIX_END = "# end fix"
ANSWER_END = "<end_of_answer>"


def api_comment_block(api_lines: list[str]) -> str:
    return "".join(f"# {line}\n" for line in api_lines)


def fix_prompt(region: str, message: str, api_lines: list[str], context_before: str = "") -> str:
    """The region around an error, the error, the real signatures involved; the answer is the fixed region
    followed by FIX_END."""
    head = "# PsychoPy API:\n" + api_comment_block(api_lines) if api_lines else ""
    context = f"# Context:\n{context_before.rstrip()}\n" if context_before.strip() else ""
    error = " ".join(message.split())
    return f"{head}{context}# Error: {error}\n# Broken code:\n{region.rstrip()}\n# Fixed code:\n"


def answer_prompt(question: str, docs: list[tuple[str, str]]) -> str:
    """Documentation excerpts (title, text) then the question; the answer ends with ANSWER_END."""
    parts = ["PsychoPy documentation:"]
    for i, (title, text) in enumerate(docs, 1):
        parts.append(f"[{i}] {title}\n{text.strip()}")
    parts.append(f"Question: {question.strip()}\nAnswer (cite [n]):")
    return "\n\n".join(parts) + "\n"  # a newline, not a space: the answer's first token must not merge with it


def explain_question(code: str, message: str = "") -> str:
    if message:
        return f"Why does this PsychoPy code give the error \"{message}\", and how is it fixed?\n{code.strip()}"
    return f"What does this PsychoPy code do?\n{code.strip()}"

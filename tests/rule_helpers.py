"""The check every runtime-rule table case makes (tests/test_runtime_rules.py, test_type_rules.py,
test_library_rules.py): the repair read off the exception is the expected (line, new text), or none; and a repair
replaces its one line and touches nothing else."""

from __future__ import annotations

from psychopy_lsp.server.sandbox.repair import runtime_fix


def check_rule(error: str, message: str, detail: dict, line: int, source: str, expected) -> None:
    fix = runtime_fix(error, detail, line, source, None, message)
    got = (fix.line, fix.new_text) if fix else None
    assert got == expected
    if fix is not None:  # one line replaced, nothing else touched
        before, after = source.split("\n"), fix.apply(source).split("\n")
        added = fix.new_text.count("\n")
        assert before[:fix.line - 1] == after[:fix.line - 1]
        assert before[fix.line:] == after[fix.line + added:]

"""The ranking behind the llama.cpp backend's alternatives (server/model/branching.py); the decoding itself runs
against the real model in tests/test_real_model.py."""

import pytest

from psychopy_lsp.server.model.branching import Step, branch_order, cut_at_stop


def _steps(*runner_ups):
    return [Step(0, i, logprob, text) for i, (logprob, text) in enumerate(runner_ups)]


@pytest.mark.parametrize("steps, order", [
    # the most likely runner-up first
    (_steps((-3.0, "("), (-1.0, "["), (-2.0, "str")), [1, 2, 0]),
    # whitespace-only runner-ups (an early end, a re-indent) are skipped
    (_steps((-0.5, "\n\n"), (-1.0, ","), (-0.1, "  ")), [1]),
    # an answer of one token that nothing could replace: no alternatives
    (_steps((-0.2, "\n")), []),
    # no steps at all (the model stopped at once)
    ([], []),
])
def test_branch_order(steps, order):
    assert branch_order(steps) == order


@pytest.mark.parametrize("text, stop, expected", [
    # the first stop string wins, whichever comes first in the text
    ("x = 1\n# end fix\n# Error:", ("\n# Error:", "# end fix"), ("x = 1\n", True)),
    # no stop string: all of it
    ("x = 1", ("# end fix",), ("x = 1", False)),
    # an empty stop list
    ("x = 1", (), ("x = 1", False)),
])
def test_cut_at_stop(text, stop, expected):
    assert cut_at_stop(text, stop) == expected

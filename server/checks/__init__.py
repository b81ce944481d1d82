"""The PsychoPy checker: mistakes caught against PsychoPy's real signatures before the experiment runs.

Pure: `check(analysis) -> list[Finding]`. One module per rule family (imports, calls, values, attributes, flow:
the API; timing, keys, data, display: the mistakes that give wrong data without an exception; generic: pyflakes);
each declares the node types it looks at, and one walk over the tree dispatches every node to the families that
want it. Everything that cannot be proved to be PsychoPy is left alone: precision matters as much as recall
(PsychoPy's own demos must come out clean).
"""

from __future__ import annotations

from ..analysis import Analysis
from .attributes import AttributeChecks
from .calls import CallChecks
from .data import DataChecks
from .display import DisplayChecks
from .findings import CODES, ERROR, HINT, INFO, WARNING, Finding, Fix, Span, family_of
from .flow import FlowChecks
from .generic import GenericChecks
from .imports import ImportChecks
from .keys import KeyChecks
from .timing import TimingChecks
from .values import ValueChecks


class Checker(ImportChecks, CallChecks, ValueChecks, AttributeChecks, FlowChecks, TimingChecks, KeyChecks,
              DataChecks, DisplayChecks, GenericChecks):
    """All rule families over one analysis (they share its context: parents, assigned attributes, findings)."""

    def __init__(self, analysis: Analysis, families: tuple[str, ...] | None = None):
        super().__init__(analysis)
        self.dispatch: dict[type, list] = {}
        # the families are the bases: each declares the node types it looks at in its own HANDLES
        for family in type(self).__mro__:
            if families is not None and family.__dict__.get("FAMILY") not in families:
                continue
            for node_type, method in family.__dict__.get("HANDLES", {}).items():
                self.dispatch.setdefault(node_type, []).append(getattr(self, method))

    def run(self) -> list[Finding]:
        if self.a.syntax_error is not None:
            self.add_syntax_error(self.a.syntax_error)
        if not getattr(self.index, "records", None):
            return self.findings  # no API known yet (knowledge base loading): only Python's own errors
        dispatch = self.dispatch
        for node in self.a.nodes:
            for handler in dispatch.get(type(node), ()):
                handler(node)
        # one finding per place: where ours already says what is wrong, pyflakes' generic message is dropped
        ours = {f.span[:2] for f in self.findings if f.source != "pyflakes" and f.severity in (ERROR, WARNING)}
        self.findings = [f for f in self.findings if f.source != "pyflakes" or f.span[:2] not in ours]
        self.findings.sort(key=lambda f: f.span)
        return self.findings


def check(analysis: Analysis, families: tuple[str, ...] | None = None) -> list[Finding]:
    """Every finding (or only those of `families`: the inline filter needs the API's alone)."""
    return Checker(analysis, families).run()


__all__ = ["CODES", "ERROR", "HINT", "INFO", "WARNING", "Checker", "Finding", "Fix", "Span", "check", "family_of"]

"""The PsychoPy checker: mistakes caught against PsychoPy's real signatures before the experiment runs.

Pure: `check(analysis) -> list[Finding]`. One module per rule family (imports, calls, values, attributes, flow);
each declares the node types it looks at, and one walk over the tree dispatches every node to the families that
want it. Everything that cannot be proved to be PsychoPy is left alone: precision matters as much as recall
(PsychoPy's own demos must come out clean).
"""

from __future__ import annotations

from ..analysis import Analysis
from .attributes import AttributeChecks
from .calls import CallChecks
from .findings import CODES, ERROR, WARNING, Finding, Fix, Span
from .flow import FlowChecks
from .imports import ImportChecks
from .values import ValueChecks

class Checker(ImportChecks, CallChecks, ValueChecks, AttributeChecks, FlowChecks):
    """All rule families over one analysis (they share its context: parents, assigned attributes, findings)."""

    def __init__(self, analysis: Analysis):
        super().__init__(analysis)
        self.dispatch: dict[type, list] = {}
        # the families are the bases: each declares the node types it looks at in its own HANDLES
        for family in type(self).__mro__:
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
        self.findings.sort(key=lambda f: f.span)
        return self.findings


def check(analysis: Analysis) -> list[Finding]:
    return Checker(analysis).run()


__all__ = ["CODES", "ERROR", "WARNING", "Checker", "Finding", "Fix", "Span", "check"]

"""Data: what ends up in the file (PSY331-PSY334).

An ExperimentHandler collects `addData` values into the current row until `nextEntry()` starts the next one; a
staircase moves only when told the answer; a script that keeps its results in a list and writes them after the
loop loses them all on escape or a crash.
"""

from __future__ import annotations

import ast
import re

from .findings import HINT, INFO, WARNING, Fix
from .timeline import LOOPS, Timeline, method_call

_RELATIVE_FILE = re.compile(r"^(?![/\\~])(?![A-Za-z]:)[^:*?\"<>|]+\.(xlsx|xls|csv|png|jpe?g|bmp|gif|tiff?|wav|mp3|ogg|"
                            r"flac|mp4|mov|avi|mkv|txt|json)$", re.I)
FILE_PARAMS = ("image", "filename", "fileName", "movie", "conditionsFile", "trialList")


class DataChecks(Timeline):
    FAMILY = "data"
    HANDLES = {ast.Module: "check_data"}

    def check_data(self, _module: ast.Module) -> None:
        self._next_entry()
        self._staircase_responses()
        self._relative_paths()
        self._written_at_end()

    # ---- PSY331: addData without nextEntry ------------------------------------------------------------------
    def _next_entry(self) -> None:
        adds: dict[str, list[ast.Call]] = {}
        entries: set[str] = set()
        for call in self.calls:
            mc = method_call(call)
            if mc and mc[1] in ("addData", "nextEntry") and self.role(mc[0]) == "experiment":
                text = self.text(mc[0])
                if mc[1] == "nextEntry":
                    entries.add(text)
                else:
                    adds.setdefault(text, []).append(call)
        for exp, calls in adds.items():
            if exp in entries:
                continue
            in_loop = [c for c in calls if next(self.enclosing(c), None) is not None]
            if not in_loop:
                continue  # one row for the whole session is what a script without a loop wants
            first = in_loop[0]
            # the trial: the innermost loop that is not a frame loop, else the outermost (a trial loop that
            # draws and flips in sequence is a frame loop too)
            loops = list(self.enclosing(first))
            loop = next((lp for lp in loops if not self.is_frame_loop(lp)), loops[-1])
            fix = None
            if loop is not None and loop.body:
                last = loop.body[-1]
                indent = self.line_indent(loop.body[0].lineno)
                end = len(self.source_lines[last.end_lineno - 1].encode("utf-8"))
                fix = Fix(f"End the trial's row: {exp}.nextEntry()",
                          [((last.end_lineno, end, last.end_lineno, end), f"\n{indent}{exp}.nextEntry()")],
                          extent=(loop.lineno, 0, loop.end_lineno, end))
            self.add("PSY331", f"`{exp}.addData()` fills the current row, and `{exp}.nextEntry()` is never called: "
                     "every trial overwrites the same row, so the data file holds one row with the last trial's "
                     f"values. Call `{exp}.nextEntry()` at the end of each trial", first, WARNING, fix)

    # ---- PSY332: a staircase never told the answer ----------------------------------------------------------
    def _staircase_responses(self) -> None:
        told = {self.text(mc[0]) for c in self.calls if (mc := method_call(c)) and mc[1] in (
            "addResponse", "addData") and self.role(mc[0]) == "staircase"}
        for loop in self.loops:
            if isinstance(loop, (ast.For, ast.AsyncFor)) and self.role(loop.iter) == "staircase":
                stairs = self.text(loop.iter)
                if stairs not in told:
                    self.add("PSY332", f"`{stairs}` is iterated but never told the answer (`{stairs}.addResponse"
                             "(correct)`): the staircase never moves, every trial gets the start value, and the "
                             "threshold estimate is meaningless", loop.iter, WARNING)

    # ---- PSY334: relative paths to files -------------------------------------------------------------------
    def _relative_paths(self) -> None:
        source = self.a.source
        if "os.chdir(" in source or "__file__" in source or "_thisDir" in source:
            return  # the script anchors its folder (Builder exports chdir to their own)
        for call in self.calls:
            value = self.a.infer(call.func)
            if value is None or not value.symbol.startswith("psychopy."):
                continue
            candidates = [k.value for k in call.keywords if k.arg in FILE_PARAMS]
            if value.symbol.endswith("importConditions") and call.args:
                candidates.append(call.args[0])
            if value.symbol.startswith("psychopy.sound.") and call.args:
                candidates.append(call.args[0])
            for node in candidates:
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                        _RELATIVE_FILE.match(node.value):
                    self.add("PSY334", f"'{node.value}' is looked up in the folder the script is started from, "
                             "not the script's own: run from elsewhere (another folder, the Runner, a double "
                             "click) it is not found. Build the path from the script's folder "
                             "(`os.path.join(os.path.dirname(os.path.abspath(__file__)), ...)`)", node, HINT)

    # ---- PSY333: results kept in memory and written once, after the loop ------------------------------------
    def _written_at_end(self) -> None:
        if any(mc[1] in ("saveAsWideText", "saveAsExcel", "saveAsPickle") for c in self.calls
               if (mc := method_call(c))) or any(self._is_experiment_class(c) for c in self.calls):
            return  # PsychoPy's handlers write the data (an ExperimentHandler also on exit)
        trial_loops = [lp for lp in self.loops if self.is_frame_loop(lp) or any(
            self.is_frame_loop(inner) for inner in ast.walk(lp) if isinstance(inner, LOOPS))]
        if not trial_loops:
            return
        for call in self.calls:
            if not (isinstance(call.func, ast.Name) and call.func.id == "open"):
                continue
            mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"),
                                                                None)
            if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "w" in mode.value):
                continue
            if next(self.enclosing(call), None) is not None:
                return  # written inside a loop: row by row
            if any(lp.end_lineno < call.lineno and self._appends(lp) for lp in trial_loops):
                self.add("PSY333", "the results are kept in a list and written only after the trial loop: when "
                         "the participant presses escape or the script crashes, nothing is saved. Write each "
                         "trial as it ends (or use data.ExperimentHandler(dataFileName=...), which also saves on "
                         "exit)", call, INFO)
                return

    def _is_experiment_class(self, call: ast.Call) -> bool:
        value = self.a.infer(call.func)
        return value is not None and value.symbol == "psychopy.data.experiment.ExperimentHandler"

    @staticmethod
    def _appends(loop: ast.AST) -> bool:
        return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "append"
                   for n in ast.walk(loop))

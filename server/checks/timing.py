"""Timing: what decides when a stimulus appears, how long it stays, and what an RT is measured from (PSY301-PSY312).

PsychoPy draws into a back buffer; `win.flip()` waits for the screen's vertical retrace and only then shows what
was drawn, so the stimulus *onset* is the flip, and every duration is a whole number of frames. The checks follow
that: a clock reset before the flip starts the RT early, a `core.wait` after the flip times a stimulus in seconds
that the screen rounds to frames, a trigger sent before the flip leads the onset.
"""

from __future__ import annotations

import ast
import re

from .findings import HINT, INFO, WARNING, Fix, span_of
from .timeline import LOOPS, Timeline, blocks, calls_in, is_false, keyword, method_call, own_nodes

RT_NAME = re.compile(r"(^|_)rt($|_)|reaction|latency|resp(onse)?_?time|RT", re.I)
BRIEF_S = 0.5  # below this a core.wait-timed stimulus is "brief": a frame either way is a large error
TEXTURE_ATTRS = ("image", "tex", "mask")


def _number(node: ast.expr | None) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    return None


class TimingChecks(Timeline):
    FAMILY = "timing"
    HANDLES = {ast.Module: "check_timing"}

    def check_timing(self, _module: ast.Module) -> None:
        rt_clocks = self._rt_clocks()
        for block in blocks(self.a.nodes):
            for i, stmt in enumerate(block):
                call = stmt.value if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) else None
                if call is None:
                    continue
                mc = method_call(call)
                if mc and mc[1] == "reset" and self.text(mc[0]) in rt_clocks:
                    self._reset_before_flip(stmt, call, block[i + 1:])
                elif mc and mc[1] == "callOnFlip" and call.args and isinstance(call.args[0], ast.Attribute) \
                        and call.args[0].attr == "reset" and self.text(call.args[0].value) in rt_clocks:
                    self._reset_before_flip(stmt, call, block[i + 1:], scheduled=True)
                if self.is_flip(call) and i + 1 < len(block):
                    self._wait_timed(block, i)
                self._trigger_before_flip(stmt, call, block[i + 1:])
        for call in self.calls:
            mc = method_call(call)
            if mc and mc[1] == "getActualFrameRate" and self.is_window(mc[0]):
                self._unguarded_rate(call)
            self._hard_coded_rate(call)
            self._time_module(call)
        for loop in self.frame_loops:
            self._in_frame_loop(loop)
            self._clock_bounded(loop)
            self._drawn_once(loop)
        self._autodraw_left_on()

    # ---- PSY301: the RT clock reset before the flip that shows the stimulus ---------------------------------
    def _rt_clocks(self) -> set[str]:
        """Source texts of the clocks that time responses: the Keyboard's own clock, a clock passed as
        timeStamped=, or one whose getTime() is stored as an RT."""
        clocks: set[str] = set()
        for call in self.calls:
            stamp = keyword(call, "timeStamped")
            if stamp is not None and not isinstance(stamp, ast.Constant) and (
                    self.key_read(call) or self.is_wait_keys(call)):
                clocks.add(self.text(stamp))
            mc = method_call(call)
            if mc and mc[1] == "reset" and self.role(mc[0]) == "clock" and isinstance(mc[0], ast.Attribute) \
                    and mc[0].attr == "clock":
                clocks.add(self.text(mc[0]))  # kb.clock: getKeys() times every key from it
        for node in self.a.nodes:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                name = target.id if isinstance(target, ast.Name) else (
                    target.attr if isinstance(target, ast.Attribute) else "")
                if not RT_NAME.search(name):
                    continue
                for call in calls_in(node.value):
                    mc = method_call(call)
                    if mc and mc[1] == "getTime" and self.role(mc[0]) == "clock":
                        clocks.add(self.text(mc[0]))
        return clocks

    def _reset_before_flip(self, stmt: ast.stmt, call: ast.Call, later: list[ast.stmt],
                           scheduled: bool = False) -> None:
        """`clock.reset()` before the onset flip; with `scheduled`, `win.callOnFlip(clock.reset)` placed before
        an earlier flip than the onset (a fixation screen's)."""
        reset = call.args[0] if scheduled else call.func
        clock = self.text(reset.value)
        flips: list[tuple[ast.stmt, ast.Call]] = []  # the statements after the reset that flip, up to the read
        for nxt in later:
            calls = self.calls_of(nxt)
            flip = next((c for c in calls if self.is_flip(c)), None)
            if flip is not None:
                flips.append((nxt, flip))
            if any(self.key_read(c) or self.is_wait_keys(c) or self._reads_clock(c, clock) for c in calls):
                break  # the response is read (or timed) here
            if any(isinstance(c.func, ast.Name) and c.func.id in self.defined_functions for c in calls):
                if not flips:
                    return  # a function of the script's own may flip or read: we cannot tell
                break
        if not flips or (scheduled and len(flips) < 2):
            return  # the response is read before any flip: the reset is not for a stimulus onset
        onset_stmt, onset = flips[-1]  # the screen the response answers is the last one before it is read
        win = self.text(onset.func.value)
        rest = call.args[1:] if scheduled else call.args
        args = "".join(f", {self.text(a)}" for a in rest) + "".join(
            f", {k.arg}={self.text(k.value)}" for k in call.keywords if k.arg)
        on_flip = f"{win}.callOnFlip({clock}.reset{args})"
        if scheduled:
            first = flips[0][1]
            message = (f"`{clock}` is reset on the flip of line {first.lineno}, but the stimulus the response "
                       f"answers appears at the flip of line {onset.lineno}: every RT includes the screens between. "
                       f"Schedule the reset just before that flip")
        else:
            message = (f"`{clock}` is reset before the flip that shows the stimulus (line {onset.lineno}): every RT "
                       "then includes the drawing and the wait for the screen's retrace (up to a frame, varying"
                       f"{', and the screens before it' if len(flips) > 1 else ''}). Reset it on the flip: "
                       f"`{on_flip}` just before that flip")
        if len(flips) == 1:
            fix = Fix(f"Reset on the flip: {on_flip}", [(span_of(call), on_flip)])
        else:  # moved down to just before the onset flip, in the same block
            indent = self.line_indent(onset_stmt.lineno)
            fix = Fix(f"Reset on the flip of line {onset.lineno}: {on_flip}",
                      [((stmt.lineno, 0, stmt.end_lineno + 1, 0), ""),
                       ((onset_stmt.lineno, 0, onset_stmt.lineno, 0), f"{indent}{on_flip}\n")],
                      extent=(stmt.lineno, 0, onset_stmt.end_lineno, onset_stmt.end_col_offset))
        self.add("PSY301", message, stmt, WARNING, fix)

    def _reads_clock(self, call: ast.Call, clock: str) -> bool:
        mc = method_call(call)
        return mc is not None and mc[1] == "getTime" and self.text(mc[0]) == clock

    # ---- PSY302: a brief stimulus timed with core.wait ----------------------------------------------------
    def _wait_timed(self, block: list[ast.stmt], i: int) -> None:
        wait_stmt = block[i + 1]
        call = wait_stmt.value if isinstance(wait_stmt, ast.Expr) else None
        if not self.is_core_wait(call):
            return
        seconds = _number(call.args[0] if call.args else keyword(call, "secs"))
        if seconds is None or not 0 < seconds < BRIEF_S:
            return
        drawn = False
        for stmt in reversed(block[:i]):  # what this flip shows: the draws since the previous flip
            calls = self.calls_of(stmt)
            if self.flips_in(stmt):
                break
            if any(self.is_draw(c) for c in calls):
                drawn = True
                break
        if not drawn or not any(self.flips_in(s) for s in block[i + 2:]):
            return  # a blank screen waited on, or nothing replaces the stimulus: a pause, not a duration
        self.add("PSY302", f"the stimulus stays on screen for `core.wait({seconds:g})` and then until the next "
                 "flip, which waits for the retrace: the duration is rounded up to whole frames and jitters (at "
                 f"60 Hz {seconds * 1000:.0f} ms becomes {-(-seconds * 60 // 1) / 60 * 1000:.0f} ms or more). "
                 "Count frames instead: `for frame in range(n): stim.draw(); win.flip()`", call, WARNING)

    # ---- PSY303: getActualFrameRate() may be None --------------------------------------------------------
    def _unguarded_rate(self, call: ast.Call) -> None:
        parent = self.parents.get(id(call))
        if isinstance(parent, ast.BoolOp) or isinstance(parent, ast.IfExp) or isinstance(parent, ast.Compare):
            return  # `... or 60`, a conditional, a comparison with None
        if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
            if not self._used_unguarded(parent.targets[0].id, parent):
                return
            replacement = f"{self.text(call)} or 60.0"
        elif isinstance(parent, (ast.BinOp, ast.UnaryOp)) or (isinstance(parent, ast.Call) and getattr(
                parent.func, "id", getattr(parent.func, "attr", "")) in ("int", "round", "float", "range", "ceil",
                                                                          "floor")):
            replacement = f"({self.text(call)} or 60.0)"
        else:
            return
        fix = Fix(f"Fall back to 60 Hz: {replacement}", [(span_of(call), replacement)])
        self.add("PSY303", "getActualFrameRate() returns None when the rate cannot be measured (an unstable or "
                 "virtual display), and the arithmetic then fails with a TypeError on that machine only: "
                 "give it a fallback (`or 60.0`)", call, WARNING, fix)

    def _used_unguarded(self, name: str, assign: ast.Assign) -> bool:
        scope = self.a.scope_for_line(assign.lineno)
        root = scope.node if scope.node is not None else self.a.tree
        used = False
        for node in ast.walk(root):
            if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)) and any(
                    isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.test)):
                return False  # tested somewhere: guarded (or at least looked at)
            if isinstance(node, ast.BoolOp) and any(isinstance(v, ast.Name) and v.id == name for v in node.values):
                return False
            if isinstance(node, (ast.BinOp, ast.Call)) and getattr(node, "lineno", 0) >= assign.lineno:
                operands = [node.left, node.right] if isinstance(node, ast.BinOp) else node.args
                if any(isinstance(o, ast.Name) and o.id == name for o in operands) and (
                        isinstance(node, ast.BinOp) or getattr(node.func, "id", "") in ("int", "round", "range")):
                    used = True
        return used

    # ---- PSY304: 60 Hz hard-coded into a frame count --------------------------------------------------------
    def _hard_coded_rate(self, call: ast.Call) -> None:
        func = call.func
        name = func.id if isinstance(func, ast.Name) else (func.attr if isinstance(func, ast.Attribute) else "")
        if name not in ("int", "round", "ceil", "floor", "range") or len(call.args) != 1:
            return
        arg = call.args[0]
        if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mult):
            sixty = [side for side in (arg.left, arg.right) if _number(side) == 60.0]
            other = arg.right if sixty and sixty[0] is arg.left else arg.left
            if sixty and _number(other) != 60.0:
                self.add("PSY304", f"a duration turned into frames at a fixed 60 Hz (`{self.text(arg)}`): on a "
                         "100, 120 or 144 Hz screen it is shown for the wrong time. Use the measured rate "
                         "(`win.getActualFrameRate() or 60.0`)", arg, INFO)

    # ---- PSY312: the time module instead of PsychoPy's clocks -----------------------------------------------
    def _time_module(self, call: ast.Call) -> None:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("sleep", "time") and isinstance(func.value,
                                                                                                  ast.Name)):
            return
        value = self.a.infer(func.value)
        if value is None or value.kind != "external" or value.symbol != "time":
            return
        if func.attr == "sleep":
            core = self._bound_core()
            fix = Fix(f"Use {core}.wait", [(span_of(func), f"{core}.wait")]) if core else None
            self.add("PSY312", "time.sleep() stops everything, window events included, and is not PsychoPy's "
                     "timing: use core.wait() (it keeps the window responsive for its last ms), and frames for "
                     "what is on screen", func, INFO, fix)
        else:
            self.add("PSY312", "time.time() is the wall clock (it can jump, and it is another time base than "
                     "PsychoPy's): use a core.Clock() or core.getTime()", func, INFO)

    def _bound_core(self) -> str | None:
        for name, entries in self.a.module_scope.bindings.items():
            value = self.a.resolve_name(name, None)
            if value is not None and value.kind == "module" and value.symbol == "psychopy.core":
                return name
        return None

    # ---- PSY305-PSY307: work done every frame ----------------------------------------------------------------
    def _in_frame_loop(self, loop: ast.AST) -> None:
        assigned = {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)} if isinstance(
            loop, (ast.For, ast.AsyncFor)) else set()
        body = list(own_nodes(loop.body))
        assigned |= {n.id for n in body if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        for node in body:
            if isinstance(node, ast.Call):
                self._constructed_in_loop(node, loop, assigned)
                mc = method_call(node)
                if mc and self.role(mc[0]) == "stim":
                    if mc[1] in ("setImage", "setTex", "setMask"):
                        self._texture_every_frame(node, mc[0], loop)
                    elif mc[1] == "setText" and not self.under_if(node, loop):
                        self._text_every_frame(node, mc[0], node.args[0] if node.args else None)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0],
                                                                                       ast.Attribute):
                target = node.targets[0]
                if self.role(target.value) != "stim":
                    continue
                if target.attr in TEXTURE_ATTRS:
                    self._texture_every_frame(node, target.value, loop)
                elif target.attr == "text" and not self.under_if(node, loop):
                    self._text_every_frame(node, target.value, node.value)

    def _constructed_in_loop(self, call: ast.Call, loop: ast.AST, assigned: set[str]) -> None:
        try:
            value = self.a.infer(call.func)
        except Exception:  # noqa: BLE001
            return
        if value is None or value.kind != "class" or not value.symbol.startswith("psychopy.visual.") \
                or value.symbol.endswith(".Window"):
            return
        fix = None
        stmt = self.parents.get(id(call))
        uses = {n.id for n in ast.walk(call) if isinstance(n, ast.Name)}
        if isinstance(stmt, ast.Assign) and stmt in loop.body and len(loop.body) > 1 and not uses & assigned \
                and all(isinstance(t, ast.Name) for t in stmt.targets):
            indent = self.line_indent(loop.lineno)
            lines = "\n".join(self.source_lines[stmt.lineno - 1:stmt.end_lineno])
            moved = "\n".join(indent + line[len(self.line_indent(stmt.lineno)):] if line.strip() else line
                              for line in lines.split("\n"))
            fix = Fix("Create it once, before the loop",
                      [((loop.lineno, 0, loop.lineno, 0), moved + "\n"),
                       ((stmt.lineno, 0, stmt.end_lineno + 1, 0), "")],
                      extent=(loop.lineno, 0, loop.end_lineno, loop.end_col_offset))
        self.add("PSY305", f"a new {value.symbol.rsplit('.', 1)[-1]} is built on every frame of this loop: "
                 "building a stimulus takes longer than a frame (textures, text layout), so frames are dropped "
                 "and memory grows. Create it once before the loop and change its attributes inside",
                 call.func, WARNING, fix)

    def _texture_every_frame(self, node: ast.AST, stim: ast.expr, loop: ast.AST) -> None:
        self.add("PSY306", f"`{self.text(stim)}` loads a new image inside the frame loop: loading and uploading a "
                 "texture can take longer than a frame, so the frame it is shown on comes late. Set it before "
                 "the loop (during the fixation or inter-trial interval)", node, INFO)

    def _text_every_frame(self, node: ast.AST, stim: ast.expr, value: ast.expr | None) -> None:
        if isinstance(value, ast.Constant):
            return  # PsychoPy skips the re-layout when the text is unchanged
        self.add("PSY307", f"`{self.text(stim)}`'s text is set on every frame: each change re-lays out the text "
                 "(slow for long strings). Set it only when it changes", node, HINT)

    # ---- PSY308: a clock-bounded display loop ---------------------------------------------------------------
    def _clock_bounded(self, loop: ast.AST) -> None:
        if not isinstance(loop, ast.While) or not isinstance(loop.test, ast.Compare) or len(loop.test.ops) != 1:
            return
        left, op, right = loop.test.left, loop.test.ops[0], loop.test.comparators[0]
        mc = method_call(left)
        if not (mc and mc[1] == "getTime" and self.role(mc[0]) == "clock" and isinstance(op, (ast.Lt, ast.LtE))
                and _number(right) is not None):
            return
        self.add("PSY308", f"the loop ends when `{self.text(left)}` passes {_number(right):g} s, but the test runs "
                 "before each flip: the last frame can start just before the limit and end a frame after it. "
                 "Count frames for exact durations (or stop half a frame early)", loop.test, HINT)

    # ---- PSY309: a trigger or sound started before the flip -------------------------------------------------
    def _trigger_before_flip(self, stmt: ast.stmt, call: ast.Call, later: list[ast.stmt]) -> None:
        mc = method_call(call)
        if mc is None:
            return
        receiver, method = mc
        if method == "setData" and (self.role(receiver) == "port" or self.is_module(receiver, "psychopy.parallel")):
            kind = "trigger"
        elif method == "play" and self.role(receiver) == "sound" and not call.args and not call.keywords:
            kind = "sound"
        else:
            return
        for nxt in later:
            calls = self.calls_of(nxt)
            if isinstance(nxt, ast.Expr) and calls and self.is_draw(calls[0]):
                continue
            if isinstance(nxt, ast.Expr) and calls and self.is_flip(calls[0]):
                win = self.text(calls[0].func.value)
                src = self.text(receiver)
                if kind == "trigger":
                    args = "".join(f", {self.text(a)}" for a in call.args)
                    new = f"{win}.callOnFlip({src}.setData{args})"
                    fix = Fix(f"Send it on the flip: {new}", [(span_of(call), new)])
                    what = "the trigger is sent"
                else:
                    new = f"{src}.play(when={win}.getFutureFlipTime(clock='ptb'))"
                    fix = Fix(f"Start it with the flip: {new}", [(span_of(call), new)])
                    what = "the sound starts"
                self.add("PSY309", f"{what} before the flip (line {calls[0].lineno}) that shows the stimulus, so "
                         "it leads the visual onset by up to a frame, by a different amount each trial. Schedule "
                         f"it on the flip: `{new}`", stmt, WARNING, fix)
            return

    # ---- PSY310: drawn once, then flipped many times -----------------------------------------------------------
    def _drawn_once(self, loop: ast.AST) -> None:
        calls = [n for n in own_nodes(loop.body) if isinstance(n, ast.Call)]
        if any(self.is_draw(c) for c in calls):
            return
        if any(is_false(keyword(c, "clearBuffer")) or (c.args and is_false(c.args[0]))
               for c in calls if self.is_flip(c)):
            return  # flip(clearBuffer=False) keeps what was drawn
        block = self.block_of(loop)
        if block is None:
            return
        for stmt in reversed(block[:block.index(loop)]):
            inner = self.calls_of(stmt)
            if any(self.is_flip(c) for c in inner) or isinstance(stmt, LOOPS):
                return
            draws = [c for c in inner if self.is_draw(c)]
            if isinstance(stmt, ast.Expr) and draws:
                stim = self.text(draws[0].func.value)
                if self._auto_drawn(stim):
                    return
                self.add("PSY310", f"`{stim}` is drawn once before this loop, but the loop flips on every frame "
                         "and never draws it again: after the first flip the screen is cleared, so it is shown "
                         "for one frame. Draw it inside the loop before each flip (or set autoDraw)", draws[0],
                         WARNING)
                return

    def _auto_drawn(self, stim: str) -> bool:
        for node in self.a.nodes:
            if isinstance(node, ast.Attribute) and node.attr in ("autoDraw", "setAutoDraw") and \
                    self.text(node.value) == stim:
                return True
        return False

    # ---- PSY311: autoDraw switched on and never off -----------------------------------------------------------
    def _autodraw_left_on(self) -> None:
        on: dict[str, ast.AST] = {}
        off: set[str] = set()
        for node in self.a.nodes:
            target = value = None
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0],
                                                                                     ast.Attribute) \
                    and node.targets[0].attr == "autoDraw":
                target, value = node.targets[0].value, node.value
            elif isinstance(node, ast.Call) and method_call(node) and method_call(node)[1] == "setAutoDraw" \
                    and node.args:
                target, value = node.func.value, node.args[0]
            if target is None:
                continue
            switched_on = isinstance(value, ast.Constant) and value.value is True
            if self.role(target) != "stim":
                if not switched_on:
                    return  # `for comp in components: comp.setAutoDraw(False)` (Builder): it may be any of them
                continue
            text = self.text(target)
            if switched_on:
                on.setdefault(text, node)
            else:
                off.add(text)
        if any(mc and mc[1] == "stashAutoDraw" for c in self.calls if (mc := method_call(c))):
            return
        for text, node in on.items():
            later_phases = sum(1 for lp in self.frame_loops if lp.lineno > node.lineno
                               and not any(outer.lineno > node.lineno for outer in self.enclosing(lp)))
            if text not in off and (next(self.enclosing(node), None) is not None or later_phases >= 2):
                self.add("PSY311", f"`{text}` is set to draw itself on every flip and never switched off: it stays "
                         "on screen in every later phase (instructions, feedback, the goodbye screen). Set "
                         f"`{text}.autoDraw = False` when it should disappear", node, INFO)

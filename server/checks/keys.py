"""Keys and responses: which press is scored, and what its RT is measured from (PSY321-PSY328).

`event.getKeys()` and `Keyboard.getKeys()` return what is in a buffer that fills whenever a key goes down, so a
press made before the trial starts (during the inter-trial interval) is still there when the trial reads it. A
read without a keyList empties the buffer; a Keyboard times keys from its own clock.
"""

from __future__ import annotations

import ast

from .findings import HINT, INFO, WARNING, Fix, did_you_mean, quoted, span_of
from .timeline import Timeline, keyword, method_call, own_nodes, position

# names people carry over from other toolkits or from the key caps; PsychoPy (pyglet, ptb) never reports them
KEY_ALIASES = {
    "spacebar": "space", "space bar": "space", " ": "space", "esc": "escape", "enter": "return", "ret": "return",
    "ctrl": "lctrl", "control": "lctrl", "shift": "lshift", "alt": "lalt", "del": "delete", "bksp": "backspace",
    "leftarrow": "left", "arrowleft": "left", "left arrow": "left", "arrow_left": "left", "left_arrow": "left",
    "rightarrow": "right", "arrowright": "right", "right arrow": "right", "arrow_right": "right",
    "right_arrow": "right", "uparrow": "up", "arrowup": "up", "up arrow": "up", "arrow_up": "up", "up_arrow": "up",
    "downarrow": "down", "arrowdown": "down", "down arrow": "down", "arrow_down": "down", "down_arrow": "down",
    "pgup": "pageup", "pgdn": "pagedown", "page up": "pageup", "page down": "pagedown",
}


class KeyChecks(Timeline):
    FAMILY = "keys"
    HANDLES = {ast.Module: "check_keys"}

    def check_keys(self, _module: ast.Module) -> None:
        keyboards: dict[str, list[ast.Call]] = {}
        event_reads = False
        for call in self.calls:
            source = self.key_read(call)
            if source == "event" or (self.is_wait_keys(call) and self.is_module(call.func.value, "psychopy.event")):
                event_reads = True
            elif source or self.is_wait_keys(call):
                keyboards.setdefault(self.text(call.func.value), []).append(call)
            self._key_names(call)
        for loop in self.frame_loops:
            self._swallowed(loop)
            self._stale_buffer(loop)
            self._wait_release(loop)
            self._mouse_held(loop)
        for node in self.a.nodes:
            if isinstance(node, ast.Compare):
                self._timestamped_as_names(node)
                self._compared_key_names(node)
        self._keyboard_clock(keyboards)
        if keyboards and not event_reads:
            self._event_clear_with_keyboard(list(keyboards))

    # ---- PSY321: the buffer is not cleared when the trial starts ----------------------------------------------
    def _clears(self, node: ast.AST, source: str) -> bool:
        """Whether `node` empties the buffer that `source` ('event' or a keyboard's text) reads from."""
        mc = method_call(node)
        if mc is None:
            return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in self.defined_functions  # the script's own function: it may clear
        receiver, method = mc
        if method == "callOnFlip" and node.args and isinstance(node.args[0], ast.Attribute) and \
                node.args[0].attr in ("clearEvents", "getKeys"):
            receiver, method = node.args[0].value, node.args[0].attr
        if method == "clearEvents":
            return self._source_of(receiver) == source
        if self.is_wait_keys(node) and self._source_of(receiver) == source:
            return not is_off(keyword(node, "clearEvents")) and not is_off(keyword(node, "clear"))
        if self.key_read(node) == source and isinstance(self.parents.get(id(node)), ast.Expr):
            return True  # a read whose result is dropped: `event.getKeys()` to empty the buffer
        return False

    def _source_of(self, receiver: ast.expr) -> str | None:
        if self.is_module(receiver, "psychopy.event"):
            return "event"
        return self.text(receiver) if self.role(receiver) == "keyboard" else None

    def _stale_buffer(self, loop: ast.AST) -> None:
        reads = [n for n in own_nodes(loop.body) if isinstance(n, ast.Call) and self.key_read(n)
                 and not isinstance(self.parents.get(id(n)), ast.Expr)]
        if not reads:
            return
        first = min(reads, key=position)
        trial = next((outer for outer in self.enclosing(loop)), None)
        if trial is None:
            return  # one response in the whole script: nothing from an earlier trial can be waiting
        source = self.key_read(first)
        for node in ast.walk(trial):
            if isinstance(node, ast.Call) and position(node) < position(first) and self._clears(node, source):
                return
            if isinstance(node, ast.Call) and node is not first and self.key_read(node) == source and \
                    position(node) < position(first) and keyword(node, "keyList") is None and not node.args \
                    and next(self.enclosing(node), None) is not loop:
                return  # an earlier phase of the trial read everything that was waiting
        clear = "event.clearEvents()" if source == "event" else f"{source}.clearEvents()"
        self.add("PSY321", "the key buffer is not cleared when the trial starts: a key pressed during the "
                 "previous trial or the inter-trial interval is still in it, so this read scores it as the answer "
                 f"(RT near 0). Clear it at stimulus onset: `win.callOnFlip({clear.replace('()', '')})` before "
                 f"the first flip, or `{clear}`", first, WARNING)

    # ---- PSY322: a read without keyList empties the buffer for the next read in the same frame ---------------
    def _swallowed(self, loop: ast.AST) -> None:
        reads = sorted((n for n in own_nodes(loop.body) if isinstance(n, ast.Call) and self.key_read(n)),
                       key=position)
        for i, first in enumerate(reads):
            if keyword(first, "keyList") not in (None,) and not is_off(keyword(first, "keyList")):
                continue
            if first.args or is_off(keyword(first, "clear")):
                continue  # a positional keyList, or clear=False
            for later in reads[i + 1:]:
                if self.key_read(later) == self.key_read(first) and not self.exclusive(first, later):
                    self.add("PSY322", f"the getKeys() on line {first.lineno} has no keyList, so it empties the "
                             "whole buffer: this read in the same frame never sees a key (an escape check here "
                             "never fires, or the response is lost). Read once per frame and test the list: "
                             "`keys = ...getKeys(); if 'escape' in keys: ...`", later, WARNING)
                    return

    # ---- PSY323: timestamped results compared with key names --------------------------------------------------
    def _stamped_call(self, node: ast.expr) -> ast.Call | None:
        if isinstance(node, ast.Subscript):
            node = node.value
        if isinstance(node, ast.Name):
            node = self.bound_value(node)
        if isinstance(node, ast.Call) and (self.key_read(node) == "event" or (
                self.is_wait_keys(node) and self.is_module(node.func.value, "psychopy.event"))):
            stamp = keyword(node, "timeStamped")
            modifiers = keyword(node, "modifiers")
            if (stamp is not None and not is_off(stamp)) or (modifiers is not None and not is_off(modifiers)):
                return node
        return None

    def _timestamped_as_names(self, node: ast.Compare) -> None:
        if len(node.ops) != 1:
            return
        left, op, right = node.left, node.ops[0], node.comparators[0]
        if isinstance(op, (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) and isinstance(left.value, str):
            other, indexed = right, False
        elif isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant) and isinstance(right.value,
                                                                                                    str):
            other, indexed = left, True
        else:
            return
        if indexed and not isinstance(other, ast.Subscript):
            return
        call = self._stamped_call(other)
        if call is None:
            return
        self.add("PSY323", f"with timeStamped (or modifiers) getKeys returns (name, time) pairs, so comparing them "
                 f"with {ast.unparse(left if not indexed else right)} is never true: the response is never "
                 "detected. Unpack the pair (`name, t = keys[0]`) or test `[k[0] for k in keys]`", node,
                 WARNING)

    # ---- PSY327: key names PsychoPy never reports -------------------------------------------------------------
    def _key_names(self, call: ast.Call) -> None:
        if not (self.key_read(call) or self.is_wait_keys(call)):
            return
        for arg in ("keyList", "ignoreKeys"):
            value = keyword(call, arg)
            if value is None and arg == "keyList" and call.args and self.key_read(call):
                value = call.args[0]  # getKeys(keyList, ...); waitKeys' first argument is maxWait
            if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                for elt in value.elts:
                    self._one_key_name(elt)

    def _compared_key_names(self, node: ast.Compare) -> None:
        if len(node.ops) != 1:
            return
        left, op, right = node.left, node.ops[0], node.comparators[0]
        if isinstance(op, (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) and self._is_keys(right):
            self._one_key_name(left)
        elif isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant) and self._is_key(left):
            self._one_key_name(right)

    def _is_keys(self, node: ast.expr) -> bool:
        value = self.a.infer(node) if isinstance(node, (ast.Name, ast.Call)) else None
        return value is not None and value.kind == "keylist"

    def _is_key(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Attribute) and node.attr == "name":
            node = node.value
        return isinstance(node, ast.Subscript) and self._is_keys(node.value)

    def _one_key_name(self, node: ast.expr) -> None:
        valid = set(self.vocab.get("keyNames") or ())
        if not valid or not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            return
        name = node.value
        if len(name) == 1 and name != " " or name in valid:
            return
        guess = KEY_ALIASES.get(name.lower())
        if guess is None and name.lower() in valid:
            guess = name.lower()
        if guess is None:
            close = did_you_mean(name.lower(), sorted(valid))
            guess = close if close and len(close) > 1 else None
        if guess is None:
            return  # an unknown name with no near one: perhaps a device's own; say nothing
        fix = Fix(f"Change to '{guess}'", [(span_of(node), quoted(node, guess, self.source_lines))])
        self.add("PSY327", f"PsychoPy never reports a key named '{name}' (key names are lower case, as pyglet and "
                 f"the keyboard tables spell them), so this key is never detected: use '{guess}'", node, WARNING,
                 fix)

    # ---- PSY324: the Keyboard's clock is never reset -----------------------------------------------------------
    def _keyboard_clock(self, keyboards: dict[str, list[ast.Call]]) -> None:
        if not keyboards:
            return
        reset = set()
        for node in self.a.nodes:
            if isinstance(node, ast.Attribute) and node.attr == "reset" and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "clock":
                reset.add(self.text(node.value.value))
            mc = method_call(node)
            if mc and mc[1] in ("reset", "clearEvents") and self.role(mc[0]) == "keyboard":
                reset.add(self.text(mc[0]))  # (Keyboard.reset is not API: the API check reports it)
        rt_reads = [n for n in self.a.nodes if isinstance(n, ast.Attribute) and n.attr == "rt"
                    and isinstance(n.ctx, ast.Load)]
        for kb, calls in keyboards.items():
            if kb in reset or not any(any(True for _ in self.enclosing(c)) for c in calls):
                continue
            reads = [r for r in rt_reads if self._rt_of(r, kb)]
            if reads:
                self.add("PSY324", f"`{kb}` times every key from its own clock, which starts when the Keyboard is "
                         "created and is never reset here: each RT includes everything since then (the RTs grow "
                         f"trial by trial). Reset it at stimulus onset: `win.callOnFlip({kb}.clock.reset)` before "
                         "the flip", reads[0], WARNING)

    def _rt_of(self, node: ast.Attribute, kb: str) -> bool:
        """`.rt` read from a key that came from `kb`: `kb.getKeys()[0].rt`, `keys[-1].rt`, `k.rt` for k in keys."""
        base = node.value
        if isinstance(base, ast.Subscript):
            base = base.value
        if isinstance(base, ast.Call):
            return self.text(base.func.value) == kb if isinstance(base.func, ast.Attribute) else False
        if isinstance(base, ast.Name):
            bound = self.bound_value(base)
            if isinstance(bound, ast.Call) and isinstance(bound.func, ast.Attribute):
                return self.text(bound.func.value) == kb
            for loop in self.loops:  # `for key in keys:` binds the loop target, which the resolver leaves unbound
                if isinstance(loop, ast.For) and isinstance(loop.target, ast.Name) and loop.target.id == base.id:
                    source = self.bound_value(loop.iter) if isinstance(loop.iter, ast.Name) else loop.iter
                    if isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) and \
                            self.text(source.func.value) == kb:
                        return True
        return False

    # ---- PSY325: Keyboard.getKeys waits for the release by default --------------------------------------------
    def _wait_release(self, loop: ast.AST) -> None:
        for node in own_nodes(loop.body):
            if not (isinstance(node, ast.Call) and self.key_read(node) not in (None, "event")):
                continue
            if keyword(node, "waitRelease") is not None or len(node.args) >= 3 or any(
                    k.arg is None for k in node.keywords):
                continue
            end = (node.end_lineno, node.end_col_offset - 1)
            text = ", waitRelease=False" if node.args or node.keywords else "waitRelease=False"
            fix = Fix("Return keys when pressed: waitRelease=False", [((*end, *end), text)], preferred=False)
            self.add("PSY325", f"`{self.text(node.func.value)}.getKeys()` returns a key only once it is released "
                     "(waitRelease=True is the default): polled every frame, the trial ends on the release, and a "
                     "held key ends nothing. Pass waitRelease=False to end on the press (the RT is from the press "
                     "either way)", node, HINT, fix)

    # ---- PSY326: event.clearEvents() does not clear a Keyboard ------------------------------------------------
    def _event_clear_with_keyboard(self, keyboards: list[str]) -> None:
        for call in self.calls:
            mc = method_call(call)
            if not (mc and mc[1] == "clearEvents" and self.is_module(mc[0], "psychopy.event")):
                continue
            eventtype = keyword(call, "eventType") or (call.args[0] if call.args else None)
            if isinstance(eventtype, ast.Constant) and eventtype.value in ("mouse", "joystick"):
                continue
            fix = Fix(f"Clear the Keyboard: {keyboards[0]}.clearEvents()",
                      [(span_of(call), f"{keyboards[0]}.clearEvents()")]) if len(keyboards) == 1 else None
            self.add("PSY326", f"event.clearEvents() clears the event module's buffer, but the keys are read with "
                     f"a Keyboard (`{keyboards[0]}`), which keeps its own: stale presses stay in it. Use "
                     f"`{keyboards[0]}.clearEvents()`", call, WARNING, fix)

    # ---- PSY328: a mouse button held down counts on every frame -----------------------------------------------
    def _mouse_held(self, loop: ast.AST) -> None:
        if any(method_call(n) and method_call(n)[1] in ("clickReset", "isPressedIn") for n in self.calls):
            return
        for node in own_nodes(loop.body):
            if not isinstance(node, (ast.If, ast.While)):
                continue
            presses = [c for c in ast.walk(node.test) if isinstance(c, ast.Call) and method_call(c)
                       and method_call(c)[1] == "getPressed" and self.role(method_call(c)[0]) == "mouse"]
            compares = [c for c in ast.walk(node.test) if isinstance(c, ast.Compare) and not all(
                isinstance(x, ast.Constant) for x in c.comparators)]
            if presses and not compares and isinstance(node, ast.If) and self._ends_trial(node.body):
                self.add("PSY328", "the button state is tested, not a click: a button still held from the "
                         "previous trial counts at once, so one click can end several trials. Wait for the "
                         "release (or compare with the previous frame's state, as Builder does)", presses[0], INFO)
                return

    @staticmethod
    def _ends_trial(body: list[ast.stmt]) -> bool:
        return any(isinstance(n, (ast.Break, ast.Return)) or (
            isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) for t in n.targets)
            and isinstance(n.value, ast.Constant) and n.value.value in (False, True)) for s in body
            for n in ast.walk(s))


def is_off(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in (False, None)

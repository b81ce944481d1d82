"""The emulated participant: presses the keys the experiment asks for, with reaction times."""

from __future__ import annotations

import sys
import threading
import time


SLEEP = time.sleep  # ours, before the experiment's time.sleep is wrapped (a wait of the experiment's own)
# The keys a participant would not press to answer (they end the experiment in most scripts)
QUIT_KEYS = {"escape", "q"}
# X keysym names for PsychoPy's key names where the two differ
KEYSYMS = {"left": "Left", "right": "Right", "up": "Up", "down": "Down", "return": "Return", "enter": "Return",
           "backspace": "BackSpace", "tab": "Tab", "escape": "Escape", "lshift": "Shift_L", "rshift": "Shift_R",
           "lctrl": "Control_L", "rctrl": "Control_R", "lalt": "Alt_L", "ralt": "Alt_R", "delete": "Delete",
           "home": "Home", "end": "End", "pageup": "Prior", "pagedown": "Next", "insert": "Insert"}


def user_line(script: str, direct: bool = False) -> int | None:
    """The line of the user's script the current call came from (the innermost frame in that file); with
    `direct`, only when the script itself made the call (a flip inside Window() measuring the frame rate is
    not the script's)."""
    frame = sys._getframe(3)  # above user_line, its caller in this file, and the wrapper
    while frame is not None:
        if frame.f_code.co_filename == script:
            return frame.f_lineno
        if direct:
            return None
        frame = frame.f_back
    return None


class Participant:
    """An emulated participant: when the experiment starts reading keys (a getKeys poll or a waitKeys), a key it
    asks for is pressed after a plausible reaction time; once per run an extra press lands after a response,
    before the next trial, so a script that does not clear the buffer scores it as the next answer.

    Presses go through the X server (XTEST) on the run's private display, so every backend receives them as
    from a keyboard: psychopy.event, and hardware.keyboard's ptb, iohub and event backends. On a display that
    is not ours (a watched run) nothing is typed into the user's desktop: presses go into psychopy.event's
    buffer in-process, which the event backend of the Keyboard reads too."""

    def __init__(self, script: str, default_keys: list[str], xtest: bool, seed: int = 1):
        import random

        self.script, self.default_keys = script, default_keys or ["space"]
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.request: dict | None = None  # the read waiting for an answer: keys, since, line, due
        self.presses: list[dict] = []
        self.stale: list[dict] = []  # reads that returned the press made before their trial
        self.stale_press: dict | None = None
        self.responses = 0
        self.started = time.monotonic()
        self.display = None
        self.note = ""
        if xtest:
            try:
                from Xlib import display as xdisplay

                self.display = xdisplay.Display()
                if not self.display.get_keyboard_control().led_mask & 2:  # NumLock off: num_1 would be num_end
                    self.press("Num_Lock")
            except Exception as exc:  # noqa: BLE001 - no python-xlib: in-process presses
                self.note = f"presses in-process (psychopy.event only): no XTEST ({type(exc).__name__})"
        else:
            self.note = "presses in-process (psychopy.event and the Keyboard's event backend): not our display"
        threading.Thread(target=self._loop, daemon=True).start()

    # ---- what the experiment asks for ------------------------------------------------------------------------
    def reading(self, key_list) -> None:
        """A read started (or polled again): open a request for its keys if none is open."""
        if isinstance(key_list, str):
            key_list = [key_list]
        keys = [str(k) for k in key_list] if key_list else list(self.default_keys)
        answer = [k for k in keys if k not in QUIT_KEYS]
        if not answer:
            return  # an escape check polled every frame: not a question to the participant
        with self.lock:
            if self.request is None:
                rt = min(max(self.random.lognormvariate(-0.6, 0.25), 0.25), 1.5)  # median ~550 ms
                now = time.monotonic()
                self.request = {"keys": answer, "since": now, "due": now + rt, "sent": False,
                                "explicit": bool(key_list), "line": user_line(self.script)}

    def returned(self, keys) -> None:
        """The read returned keys to the script: the request is answered (or a stale press was taken)."""
        if not keys:
            return
        with self.lock:
            request, self.request = self.request, None
            pending = self.stale_press
            if pending is not None and pending["at"] is not None:
                # taken by a read that began after it and had no answer yet, asking for that very key (a read
                # without a keyList in the inter-trial interval is how scripts clear the buffer)
                if request is not None and not request["sent"] and pending["at"] < request["since"] and \
                        request["explicit"] and pending["key"] in request["keys"]:
                    self.stale.append({"line": request["line"], "key": pending["key"],
                                       "pressed_before_s": round(request["since"] - pending["at"], 3)})
                self.stale_press = None
            self.responses += 1
            if self.responses == 1 and request is not None:  # once: a press after the response, before the next
                self.stale_press = {"key": request["keys"][0], "due": time.monotonic() + 0.15, "at": None}

    # ---- pressing ---------------------------------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            SLEEP(0.005)
            now = time.monotonic()
            with self.lock:
                request, stale = self.request, self.stale_press
                key = None
                if stale is not None and stale["at"] is None and now >= stale["due"]:
                    stale["at"], key, kind = now, stale["key"], "before the trial"
                elif request is not None and not request["sent"] and now >= request["due"]:
                    request["sent"], kind = True, "answer"
                    key = self.random.choice(request["keys"])
                    rt = round(now - request["since"], 3)
            if key is None:
                continue
            self.press(key)
            entry = {"key": key, "kind": kind, "t": round(now - self.started, 3)}
            if kind == "answer":
                entry.update(rt=rt, line=request["line"])
            self.presses.append(entry)

    def press(self, key: str) -> None:
        if self.display is not None:
            try:
                from Xlib import X, XK
                from Xlib.ext import xtest

                name = "KP_" + key[4:] if key.startswith("num_") else KEYSYMS.get(key, key)
                sym = XK.string_to_keysym(name)
                code = self.display.keysym_to_keycode(sym) if sym else 0
                if code:
                    xtest.fake_input(self.display, X.KeyPress, code)
                    self.display.sync()
                    SLEEP(0.08)  # a key held for 80 ms: waitRelease reads see the release
                    xtest.fake_input(self.display, X.KeyRelease, code)
                    self.display.sync()
                    return
            except Exception:  # noqa: BLE001 - fall back to the in-process buffer
                pass
        event = sys.modules.get("psychopy.event")
        if event is not None:
            try:
                # emulated presses put str(symbol) in the buffer, so the key's name is the symbol
                event._onPygletKey(key, 0, emulated=True)
            except Exception:  # noqa: BLE001
                pass

    def report(self) -> dict:
        return {"presses": self.presses[-200:], "stale_keys": self.stale, "participant": self.note or
                "presses through the X server (XTEST): every keyboard backend receives them"}

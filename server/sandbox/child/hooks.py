"""Wrappers installed as psychopy's modules are imported: reads, blocking waits, flips."""

from __future__ import annotations

import sys
import threading
import time

from .frames import FrameLog
from .participant import Participant


class AfterImport:
    """An import finder that runs `hooks[name](module)` right after the module `name` is executed (or at once,
    when it already was): the reads and flips are wrapped only in modules the script really imports, so a script
    without a window never imports pyglet because of us."""

    def __init__(self, hooks: dict):
        self.hooks = dict(hooks)
        for name in list(self.hooks):
            if name in sys.modules:
                self.hooks.pop(name)(sys.modules[name])

    def find_spec(self, name, path=None, target=None):
        hook = self.hooks.get(name)
        if hook is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                break
        else:
            return None
        self.hooks.pop(name)
        execute = spec.loader.exec_module

        def exec_then_hook(module):
            execute(module)
            hook(module)

        spec.loader.exec_module = exec_then_hook  # a source loader is made for this one module
        return spec


def instrument(participant: Participant, frames: FrameLog) -> None:
    """Wrap the reads (so the participant knows what is asked), the blocking waits and the flips (frame
    intervals), as their modules are imported."""
    import functools

    main = threading.main_thread()

    def reads(owner, name: str, key_list_at: int, blocking: bool) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            key_list = kwargs.get("keyList", args[key_list_at] if len(args) > key_list_at else None)
            participant.reading(key_list)
            keys = original(*args, **kwargs)
            participant.returned(keys)
            if blocking:
                frames.blocked = True
            return keys

        setattr(owner, name, wrapper)

    def blocks(owner, name: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            return

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            if threading.current_thread() is main:  # the experiment's own wait, not a helper thread's
                frames.blocked = True
            return original(*args, **kwargs)

        setattr(owner, name, wrapper)

    def event_module(event) -> None:
        reads(event, "getKeys", 0, False)
        reads(event, "waitKeys", 1, True)

    def keyboard_module(keyboard) -> None:
        device = getattr(keyboard, "KeyboardDevice", None)
        if device is not None:
            reads(device, "getKeys", 1, False)
            reads(device, "waitKeys", 2, True)

    def window_module(module) -> None:
        window = getattr(module, "Window", None)
        if window is None:
            return
        init, flip = window.__init__, window.flip

        @functools.wraps(init)
        def window_init(self, *args, **kwargs):
            init(self, *args, **kwargs)
            frames.windows.append(self)
            try:
                self.recordFrameIntervals = True
            except Exception:  # noqa: BLE001
                pass

        @functools.wraps(flip)
        def window_flip(self, *args, **kwargs):
            result = flip(self, *args, **kwargs)
            if frames.virtual:
                frames.wait_for_retrace(self)
            frames.flipped(self)
            return result

        window.__init__, window.flip = window_init, window_flip

    blocks(time, "sleep")
    sys.meta_path.insert(0, AfterImport({
        "psychopy.event": event_module,
        "psychopy.hardware.keyboard": keyboard_module,
        "psychopy.visual.window": window_module,
        "psychopy.clock": lambda clock: blocks(clock, "wait"),
        "psychopy.core": lambda core: blocks(core, "wait"),
    }))

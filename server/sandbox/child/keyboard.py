"""A hardware.keyboard backend that can work in this process."""

from __future__ import annotations

import os
import sys
import threading


def realtime_refused() -> str:
    """Why a thread of this process cannot take real-time priority ('' when it can). PsychoPy's ptb Keyboard
    starts its input thread at SCHED_FIFO priority 1, and when that is refused psychtoolbox reports it from
    that thread without holding the GIL: the interpreter aborts (a segfault or 'PyThreadState_Get')."""
    if not sys.platform.startswith("linux") or not hasattr(os, "sched_setscheduler"):
        return ""
    outcome: list[str] = []

    def probe() -> None:
        try:
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))  # this thread only
            os.sched_setscheduler(0, os.SCHED_OTHER, os.sched_param(0))
        except OSError as exc:
            outcome.append(exc.strerror or str(exc))

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    return outcome[0] if outcome else ""


def choose_keyboard_backend() -> str:
    """'' when the Keyboard may pick its backend as usual; otherwise why the event backend is selected."""
    refused = realtime_refused()
    if not refused:
        return ""
    try:
        from psychopy.hardware import keyboard

        device = keyboard.KeyboardDevice
        if device._backend is None:
            device._backend = "event"
        parse = device.parseMessage

        def parse_event_key(self, message):
            # the event backend hands parseMessage event.getKeys(timeStamped=True)'s [name, time] pair, which
            # becomes the key's name (so no keyList matches), and it never sees a release (so waitRelease=True
            # reads wait forever): the name is taken from the pair, and the press counts as released
            if device._backend != "event":
                return parse(self, message)
            if isinstance(message, (list, tuple)) and message:
                message = message[0]
            response = parse(self, message)
            if response is not None and getattr(response, "duration", None) is None:
                response.duration = 0.0
            return response

        device.parseMessage = parse_event_key
    except Exception:  # noqa: BLE001 - no hardware.keyboard in this psychopy: nothing to choose
        return ""
    return (f"the ptb backend needs real-time priority for its input thread, refused here ({refused}), and "
            "psychtoolbox then aborts the interpreter: this run used the event backend (key names from "
            "psychopy.event, times when read, every press counted as released)")

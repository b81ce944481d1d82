"""Frame intervals, the emulated retrace of a virtual display, dropped frames."""

from __future__ import annotations

import math
import time

from .participant import SLEEP, user_line


class FrameLog:
    """Every flip's interval, on each window, with recordFrameIntervals on. A dropped frame is an interval with no
    blocking wait (waitKeys, core.wait, time.sleep) since the previous flip that is longer than 1.5 frames, and
    on a virtual display (no vsync: flips are paced to an emulated 60 Hz retrace; software rendering, so every
    frame of a busy machine may be slow) also longer than twice the run's median frame: a hitch in the
    experiment, not the machine's pace. Counted at the user's line that called flip()."""

    KEEP = 20_000  # intervals kept (a long run's first ones: the report is about where drops happen)

    def __init__(self, script: str, virtual: bool):
        self.script, self.virtual = script, virtual
        self.last: dict[int, float] = {}
        self.blocked = False
        self.flips = 0
        self.intervals: list[tuple[float, int, float]] = []  # (interval s, line, frame period s)
        self.ticks: dict[int, float] = {}  # each virtual window's last retrace
        self.windows: list = []

    def wait_for_retrace(self, win) -> None:
        """A virtual display has no vsync: flip() returns at once, so frame-counted durations and deadlines
        would run several times too fast. Each flip waits for the next tick of a 60 Hz clock instead (a frame
        whose work overran a tick waits for the one after: the dropped frame a real display shows)."""
        period = 1 / 60
        now = time.perf_counter()
        last = self.ticks.get(id(win), now)
        tick = last + (math.floor((now - last) / period) + 1) * period  # the first tick after now
        SLEEP(tick - now)
        self.ticks[id(win)] = tick

    def flipped(self, win) -> None:
        now = time.perf_counter()
        self.flips += 1
        key = id(win)
        previous = self.last.get(key)
        self.last[key] = now
        blocked, self.blocked = self.blocked, False
        if previous is None or blocked or len(self.intervals) >= self.KEEP:
            return
        line = user_line(self.script, direct=True)
        if line is None:
            return
        # a virtual display has no refresh: its measured rate is how fast the loop ran, so 60 Hz is assumed
        period = 1 / 60 if self.virtual else getattr(win, "monitorFramePeriod", 0) or 1 / 60
        self.intervals.append((now - previous, line, period))

    def report(self) -> dict:
        median = 0.0
        if self.virtual and self.intervals:
            ordered = sorted(i for i, _line, _period in self.intervals)
            median = ordered[len(ordered) // 2]
        dropped: dict[int, dict] = {}
        for interval, line, period in self.intervals:
            if interval <= max(1.5 * period, 2 * median):
                continue
            entry = dropped.setdefault(line, {"line": line, "count": 0, "worst_ms": 0.0,
                                              "period_ms": round(period * 1000, 1)})
            entry["count"] += 1
            entry["worst_ms"] = round(max(entry["worst_ms"], interval * 1000), 1)
        psychopy_dropped = sum(getattr(w, "nDroppedFrames", 0) or 0 for w in self.windows)
        return {"flips": self.flips, "dropped_frames": sorted(dropped.values(), key=lambda d: -d["count"]),
                "median_frame_ms": round(median * 1000, 1), "psychopy_dropped_frames": psychopy_dropped}

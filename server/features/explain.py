"""What a timing or logic finding means, for hover: the mechanism (frames, the flip, the key buffer) in two or
three sentences, in PsychoPy's own words where its docstrings say it, and the PsychoPy docs page for the code."""

from __future__ import annotations

FRAMES = "https://www.psychopy.org/general/timing/detectingFrameDrops.html"
WINDOW = "https://www.psychopy.org/api/visual/window.html"
KEYBOARD = "https://www.psychopy.org/api/hardware/keyboard.html"
EVENT = "https://www.psychopy.org/api/event.html"
DATA = "https://www.psychopy.org/api/data.html"
UNITS = "https://www.psychopy.org/general/units.html"
CLOCK = "https://www.psychopy.org/api/clock.html"

FLIP = ("PsychoPy draws into a back buffer; `win.flip()` waits for the screen's vertical retrace and then shows "
        "what was drawn (\"Flip the front and back buffers after drawing everything for your frame\", "
        "`Window.flip`). The stimulus appears at the flip, and everything on screen lasts a whole number of "
        "frames (16.7 ms at 60 Hz).")

EXPLAIN: dict[str, tuple[str, str]] = {
    "PSY301": (f"{FLIP} A clock reset before the flip starts the RT before the stimulus is on screen. "
               "`win.callOnFlip(clock.reset)` runs the reset \"immediately after the next flip()\" "
               "(`Window.callOnFlip`), so the RT is measured from the onset.", WINDOW),
    "PSY302": (f"{FLIP} `core.wait(d)` after a flip does not end the stimulus: the next flip does, at the first "
               "retrace after `d`, so the duration is `d` rounded up to frames, plus any frame missed. Counting "
               "frames (a loop of `n` draw + flip) fixes the duration to `n` refreshes.", FRAMES),
    "PSY303": ("`Window.getActualFrameRate()` \"measures the actual frames-per-second\" by waiting until enough "
               "frames in a row have identical times; when that never happens (a busy or virtual display) it "
               "returns None, and arithmetic on it raises TypeError only on that machine.", WINDOW),
    "PSY304": (f"{FLIP} A frame count computed for 60 Hz is a different duration on a 100, 120 or 144 Hz "
               "screen; the measured rate (`win.getActualFrameRate()`) gives the count for the screen in use.",
               FRAMES),
    "PSY305": ("Building a stimulus (its textures, its text layout) takes longer than a frame; done inside the "
               "frame loop it makes the flip miss the retrace, so the frame is dropped and the timing of that "
               "frame is lost. Stimuli are built once and changed through their attributes.", FRAMES),
    "PSY306": ("Setting an image loads the file and uploads the texture to the graphics card, which can take "
               "longer than a frame: the frame it is first drawn on comes late. Setting it during the "
               "inter-trial interval keeps the onset on time.", FRAMES),
    "PSY307": ("Changing a TextStim's text re-lays it out and rebuilds its glyphs; doing it on every frame costs "
               "frame time for no change on screen.", FRAMES),
    "PSY308": (f"{FLIP} A `while clock.getTime() < t` loop tests the time before each flip, so the last frame "
               "can start just before `t` and stay a whole frame past it.", FRAMES),
    "PSY309": (f"{FLIP} A trigger or sound started before the flip leads the visual onset by the time left until "
               "the retrace, a different amount each trial. `win.callOnFlip(port.setData, 1)` sends it at the "
               "flip; `sound.play(when=win.getFutureFlipTime(clock='ptb'))` schedules the sound for \"the "
               "expected time of the next screen refresh\" (`Window.getFutureFlipTime`).", WINDOW),
    "PSY310": (f"{FLIP} The flip also clears the back buffer (`clearBuffer=True` by default), so a stimulus drawn "
               "once is shown for one frame; it must be drawn before every flip (or set to autoDraw).", WINDOW),
    "PSY311": ("A stimulus with `autoDraw = True` is drawn by every `win.flip()` until it is set back to False, "
               "whatever screen comes next.", WINDOW),
    "PSY312": ("`time.sleep` blocks the window's event loop and `time.time` is the wall clock (it can be "
               "adjusted while the experiment runs); PsychoPy's clocks (`core.Clock`, `core.getTime`) share one "
               "monotonic time base with the flip and key times.", CLOCK),
    "PSY321": ("Key presses go into a buffer whenever a key goes down, trial or not; `getKeys()` returns what is "
               "in it. Without a clear at the start of the trial, a press from the inter-trial interval is read as "
               "this trial's answer. Builder clears it at onset: `win.callOnFlip(kb.clearEvents, "
               "eventType='keyboard')`.", KEYBOARD),
    "PSY322": ("`getKeys()` without a keyList removes every key from the buffer (\"If the keyList is None, all "
               "keys will be checked and the key buffer will be cleared completely\", `event.getKeys`); a second "
               "call in the same frame finds nothing.", EVENT),
    "PSY323": ("With `timeStamped` (or `modifiers`) `getKeys` \"will return a list of tuples instead of a list of "
               "keynames\" (`event.getKeys`), so a key name is never equal to an element.", EVENT),
    "PSY324": ("A `Keyboard` times every key press from its own `clock`; its `rt` is the time since that clock "
               "was last reset. Reset on the stimulus flip (`win.callOnFlip(kb.clock.reset)`) to get RTs from "
               "onset.", KEYBOARD),
    "PSY325": ("`Keyboard.getKeys(waitRelease=True)`, the default, returns a key only after it is released; "
               "polling with it ends a trial on the release. The RT is from the press either way.", KEYBOARD),
    "PSY326": ("The hardware `Keyboard` (Psychtoolbox backend) keeps its own buffer; `event.clearEvents()` only "
               "empties the event module's, so stale presses stay in the Keyboard.", KEYBOARD),
    "PSY327": ("PsychoPy reports keys by lower-case names from its keyboard tables and pyglet ('space', "
               "'escape', 'return', 'left', 'lshift'); a keyList entry with any other name never matches, and a "
               "`waitKeys` for it never returns.", KEYBOARD),
    "PSY328": ("`mouse.getPressed()` is the button state now, not a click: a button still down from the last "
               "trial counts again on the first frame of the next.", EVENT),
    "PSY331": ("An `ExperimentHandler` adds `addData` values to the current entry \"until the nextEntry() call "
               "is made\" (`ExperimentHandler.addData`); without it every trial writes into the same row.", DATA),
    "PSY332": ("A staircase picks the next intensity from the responses it was told with `addResponse`; never "
               "told, it repeats the start value.", DATA),
    "PSY333": ("Data kept in a list are lost when the run stops early; an `ExperimentHandler` with a "
               "`dataFileName` writes its rows as they end and saves on exit.", DATA),
    "PSY334": ("A relative path is read from the current working folder, which is the script's own only when it "
               "is started from there; Builder exports `os.chdir` to their folder first.", DATA),
    "PSY341": ("Positions and sizes are in the stimulus's units (else the window's; 'norm' by default): 'norm' "
               "spans -1..1, 'height' is 1 screen high, 'pix' counts pixels.", UNITS),
    "PSY342": ("Attributes like `pos` are set by assignment, which is when the stimulus updates; changing one "
               "element of the array in place is not seen.", "https://www.psychopy.org/api/visual/textstim.html"),
    "PSY343": ("`win.close()` and `core.quit()` end the run cleanly (the log and data files are flushed and the "
               "window goes away).", WINDOW),
}


def docs_link(code: str) -> str | None:
    entry = EXPLAIN.get(code)
    return entry[1] if entry else None


def explanation(code: str) -> str | None:
    entry = EXPLAIN.get(code)
    if entry is None:
        return None
    text, link = entry
    return f"**{code}** — {text}\n\n[PsychoPy docs]({link})"

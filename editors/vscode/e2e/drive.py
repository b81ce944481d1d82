"""Drive a real VS Code (code-server) in Debian's Chromium with Playwright, as a user would, and write what was seen.

    python drive.py URL WORKSPACE_FILE SCREENSHOTS_DIR OUT_JSON

Run by tests/test_vscode_browser.py in its own process (Playwright's sync API must not share pytest's event
loop). Every step waits on a condition in the page, never on a fixed sleep; each writes a screenshot named after
it and its findings into OUT_JSON, so one failing step does not hide what the others saw.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import time
import traceback
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

# the flags the machine needs: no sandbox as root, no background connections the closed network refuses
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]
STATUS = ".statusbar-item"
MODEL_READY_S = 300  # the model loads in the server on first start: seconds on 2 cores, more on a loaded CI box


def status_text(page: Page) -> str:
    return " | ".join(t for t in page.locator(STATUS).all_inner_texts() if "PsychoPy" in t)


def wait_text(page: Page, selector: str, pattern: str, timeout_s: float) -> str:
    """The text of the first `selector` element matching `pattern`, once one appears."""
    page.wait_for_function(
        """([sel, pat]) => [...document.querySelectorAll(sel)].some(e => new RegExp(pat).test(e.textContent))""",
        arg=[selector, pattern], timeout=timeout_s * 1000)
    return next(t for t in page.locator(selector).all_text_contents() if re.search(pattern, t))


def go_to(page: Page, line: int, col: int) -> None:
    page.keyboard.press("Control+g")
    page.wait_for_selector(".quick-input-widget input", state="visible")
    page.keyboard.type(f"{line}:{col}")
    page.keyboard.press("Enter")
    page.wait_for_function(
        """(want) => [...document.querySelectorAll('.statusbar-item')].some(e => e.textContent.includes(want))""",
        arg=f"Ln {line}, Col {col}")


def editor_text(page: Page) -> str:
    """The visible lines of the active editor (Monaco renders each line as a .view-line)."""
    return "\n".join(page.locator(".editor-instance .monaco-editor .view-lines .view-line").all_inner_texts()).replace(
        "\u00a0", " ")


def frame_text(page: Page, pattern: str, timeout_s: float) -> str:
    """Text in any frame (the Markdown preview is a webview: iframes inside iframes) matching `pattern`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                text = frame.evaluate("() => document.body ? document.body.innerText : ''")
            except Exception:  # a frame navigating away
                continue
            if re.search(pattern, text):
                return text
        page.wait_for_timeout(250)  # polling the condition, not sleeping on a guess
    raise TimeoutError(f"no frame showed {pattern!r} within {timeout_s} s")


def command(page: Page, title: str) -> None:
    page.keyboard.press("F1")
    page.wait_for_selector(".quick-input-widget input", state="visible")
    page.keyboard.type(title)
    wait_text(page, ".quick-input-list .monaco-list-row", re.escape(title), 30)
    page.keyboard.press("Enter")


def main() -> int:
    url, file_name, shots, out = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
    shots.mkdir(parents=True, exist_ok=True)
    steps: dict[str, dict] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(60_000)

        def step(name: str):
            def run(fn):
                started = time.monotonic()
                try:
                    steps[name] = {"ok": True, **(fn() or {})}
                except Exception as exc:  # recorded: the test names the step that failed and why
                    steps[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:2000],
                                   "trace": traceback.format_exc()[-3000:]}
                steps[name]["s"] = round(time.monotonic() - started, 1)
                shot = shots / f"{len(steps):02d}-{name}.png"
                page.screenshot(path=str(shot))
                steps[name]["screenshot"] = str(shot)
                out.write_text(json.dumps(steps, indent=1))
            return run

        @step("open")
        def _():
            page.goto(url)
            page.wait_for_selector(".monaco-workbench", timeout=120_000)
            page.keyboard.press("Control+p")
            page.wait_for_selector(".quick-input-widget input", state="visible")
            page.keyboard.type(file_name)
            wait_text(page, ".quick-input-list .monaco-list-row", re.escape(file_name), 60)
            page.keyboard.press("Enter")
            wait_text(page, ".tabs-container .tab", re.escape(file_name), 60)
            page.wait_for_selector(".editor-instance .monaco-editor .view-lines")
            return {"text": editor_text(page)}

        @step("status-ready")
        def _():
            wait_text(page, STATUS, r"PsychoPy: ready · model ready", MODEL_READY_S)
            return {"status": status_text(page)}

        @step("problems")
        def _():
            page.keyboard.press("Control+Shift+m")
            row = wait_text(page, ".markers-panel .monaco-list-row", r"PSY101", 120)
            return {"row": row}

        @step("quick-fix")
        def _():
            page.click(".editor-instance .monaco-editor .view-lines")
            go_to(page, 4, 41)  # on `colour`
            page.keyboard.press("Control+.")
            wait_text(page, ".action-widget .monaco-list-row", r"Rename|Fix", 60)
            items = [t.strip() for t in page.locator(".action-widget .monaco-list-row.action").all_inner_texts()]
            page.screenshot(path=str(shots / "03b-quick-fix-menu.png"))
            first = page.locator(".action-widget .monaco-list-row.action").first
            first.click()
            page.wait_for_function(
                """() => [...document.querySelectorAll('.editor-instance .view-line')].some(
                       e => e.textContent.includes('color="red"'))""")
            # the finding goes away once the server re-checks the edited text
            page.wait_for_function(
                """() => !document.querySelector('.markers-panel .monaco-list-row') ||
                       ![...document.querySelectorAll('.markers-panel .monaco-list-row')].some(
                           e => e.textContent.includes('PSY101'))""", timeout=60_000)
            return {"items": items, "line": editor_text(page).splitlines()[3]}

        @step("hover")
        def _():
            go_to(page, 4, 16)  # on TextStim
            page.keyboard.press("Control+k")
            page.keyboard.press("Control+i")
            text = wait_text(page, ".monaco-hover-content", r"TextStim", 60)
            links = page.locator(".monaco-hover-content a").evaluate_all("els => els.map(e => e.href || e.dataset.href)")
            return {"text": text, "links": links}  # left open for the screenshot

        @step("hover-parameter")
        def _():
            page.keyboard.press("Escape")
            go_to(page, 7, 26)  # on keyList=
            page.keyboard.press("Control+k")
            page.keyboard.press("Control+i")
            text = wait_text(page, ".monaco-hover-content", r"Parameter\s+keyList", 60)
            return {"text": text}

        @step("inline-suggestion")
        def _():
            page.keyboard.press("Escape")
            go_to(page, 6, 11)  # the end of `win.flip()`
            page.keyboard.press("End")
            page.keyboard.press("Enter")
            page.keyboard.type("# wait for a key press")
            page.keyboard.press("Enter")  # an empty line under a comment: where a user waits for the model
            before = editor_text(page)
            try:
                ghost = wait_text(page, ".editor-instance [class*='ghost-text']", r"\S", 180)
            except Exception:
                (shots / "inline-dom.html").write_text(page.locator(".editor-instance .monaco-editor").first.inner_html())
                raise
            page.screenshot(path=str(shots / "06b-inline-ghost-text.png"))
            page.keyboard.press("Tab")
            page.wait_for_function(
                """(before) => [...document.querySelectorAll('.editor-instance .view-line')].map(
                       e => e.textContent).join('\\n').replace(/\\u00a0/g, ' ') !== before""", arg=before)
            lines = editor_text(page).splitlines()
            at = next(i for i, l in enumerate(lines) if "# wait for a key press" in l)
            return {"ghost": ghost, "accepted": lines[at + 1] if at + 1 < len(lines) else ""}

        @step("ask")
        def _():
            page.keyboard.press("Escape")
            command(page, "PsychoPy: Ask")
            wait_text(page, ".quick-input-widget", r"Ask the PsychoPy docs", 30)  # its own box, not the palette
            box = page.locator(".quick-input-widget input").first
            box.fill("How do I make the window full screen?")  # focuses the box: typed keys could reach the editor
            box.press("Enter")
            text = frame_text(page, r"Sources: \[1\]", 180)
            return {"text": text[:3000]}

        @step("notifications")
        def _():
            page.keyboard.press("Escape")
            toasts = page.locator(".notification-toast, .notifications-toasts .monaco-list-row").all_inner_texts()
            errors = page.locator(".notifications-toasts .codicon-error, .notifications-toasts .codicon-warning").count()
            return {"toasts": toasts, "errors": errors, "status": status_text(page)}

        browser.close()
    out.write_text(json.dumps(steps, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

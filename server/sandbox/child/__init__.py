"""The first code that runs inside the sandboxed interpreter, before the user's script.

Copied into the run's folder as the package `psychopy_lsp_child` and run as `python -m psychopy_lsp_child REPORT
SCRIPT KEYS xtest|inprocess CPU MEMORY FILES DEADLINE` by the interpreter that has the user's psychopy, which
need not have psychopy-lsp installed: so it imports nothing of ours but its own modules, only the standard
library (and psychopy, once the limits are set). Importing any module of it runs nothing; tests import them.

- `limits`: resource limits;
- `stubs`: psychopy.gui (dialogs return OK with their defaults) and psychopy.sound (silent) stand-ins;
- `keyboard`: a Keyboard backend that can work here;
- `participant`: key presses the experiment asks for, with reaction times, and one between trials;
- `frames`: every flip's interval, the emulated retrace, dropped frames;
- `hooks`: the wrappers, installed as psychopy's modules are imported;
- `report`: how the run ended (exception, Python's suggestion), written to REPORT as JSON;
- `__main__`: all of it in order, then the script as __main__.
"""

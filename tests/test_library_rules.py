"""The repairs for the standard library used the way it does not work (server/sandbox/library_rules.py, through
repair.runtime_fix), pure: on strings. Each case says which line changes to what; the None cases are code the rule
must leave alone. Written after debugging set 12 was measured (its failures showed these kinds), the number
format and Python 2 cases after set 13 was measured (the same); none of their scripts is here."""

from __future__ import annotations

import pytest

from psychopy_lsp.server.sandbox.repair import runtime_fix
from rule_helpers import check_rule

# (error type, message, line, source, (line changed, its new text) or None)
RULES = [
    # a datetime class method called on the module
    ("AttributeError", "module 'datetime' has no attribute 'now'", 2,
     "import datetime\nt = datetime.now().isoformat()\n", (2, "t = datetime.datetime.now().isoformat()")),
    # today(): two classes have it (date and datetime): which one is meant is not said, nothing
    ("AttributeError", "module 'datetime' has no attribute 'today'", 2, "import datetime\nd = datetime.today()\n",
     None),
    # a module that is not a standard one: nothing (the user's own module, or PsychoPy's: other rules)
    ("AttributeError", "module 'stimuli' has no attribute 'make'", 2, "import stimuli\nstimuli.make()\n", None),
    # random.sample of a set
    ("TypeError", "Population must be a sequence.  For dicts or sets, use sorted(d).", 2,
     "s = {'a', 'b'}\npick = random.sample(s, 1)\n", (2, "pick = random.sample(sorted(s), 1)")),
    # randint with fractions (Python 3.11's message)
    ("ValueError", "non-integer arg 1 for randrange()", 1, "core.wait(random.randint(0.5, 1.5))\n",
     (1, "core.wait(random.uniform(0.5, 1.5))")),
    # the same on Python 3.12, imported by name
    ("TypeError", "'float' object cannot be interpreted as an integer", 1, "d = randint(0.5, 2)\n",
     (1, "d = uniform(0.5, 2)")),
    # randint with whole-number constants and a float variable: which bound is fractional is not written; nothing
    ("ValueError", "non-integer arg 1 for randrange()", 1, "d = random.randint(lo, 3)\n", None),
    # json.dump to a file name
    ("AttributeError", "'str' object has no attribute 'write'", 1, "json.dump(data, 'out.json')\n",
     (1, "json.dump(data, open('out.json', 'w'))")),
    # csv.writer on a path
    ("TypeError", 'argument 1 must have a "write" method', 1, "w = csv.writer(os.path.join(d, 'a.csv'))\n",
     (1, "w = csv.writer(open(os.path.join(d, 'a.csv'), 'w', newline=''))")),
    # json.load of a file name: opened for reading
    ("AttributeError", "'str' object has no attribute 'read'", 1, "cfg = json.load('cfg.json')\n",
     (1, "cfg = json.load(open('cfg.json'))")),
    # write() on a str that is not a file name given to a call: nothing
    ("AttributeError", "'str' object has no attribute 'write'", 2, "f = 'log.txt'\nf.write('x')\n", None),
    # writing into a folder that does not exist: made first, os already imported
    ("FileNotFoundError", "[Errno 2] No such file or directory: 'out/a.txt'", 2,
     "import os\nwith open(os.path.join('out', 'a.txt'), 'w') as f:\n    f.write('x')\n",
     (2, "os.makedirs(os.path.dirname(os.path.join('out', 'a.txt')), exist_ok=True)\n"
         "with open(os.path.join('out', 'a.txt'), 'w') as f:")),
    # a number format of text
    ("ValueError", "Unknown format code 'f' for object of type 'str'", 1, "t = 'RT {:.2f}'.format(rt_text)\n",
     (1, "t = 'RT {:.2f}'.format(float(rt_text))")),
    # the same message from a call with two arguments: which one is text is not said, nothing
    ("ValueError", "Unknown format code 'f' for object of type 'str'", 1, "t = '{} {:.2f}'.format(a, b)\n", None),
    # a module function that is a builtin, called
    ("AttributeError", "module 'math' has no attribute 'round'", 2, "import math\nms = math.round(rt * 1000)\n",
     (2, "ms = round(rt * 1000)")),
    # numpy's removed alias, not called: numpy's own message names the builtin
    ("AttributeError", "module 'numpy' has no attribute 'float'.\n`np.float` was a deprecated alias for the builtin "
     "`float`.", 2, "import numpy as np\na = np.zeros(3, dtype=np.float)\n", (2, "a = np.zeros(3, dtype=float)")),
    # a builtin's name read (not called) through a module without such a message (a class attribute): nothing
    ("AttributeError", "module 'datetime' has no attribute 'min'", 2, "import datetime\nt = datetime.min\n", None),
    # a function in another module the script imports: that module's (numpy's mean, where numpy is imported)
    ("AttributeError", "module 'math' has no attribute 'mean'", 3,
     "import math\nimport numpy as np\nm = math.mean(rts)\n", (3, "m = np.mean(rts)")),
    # a submodule's function called on its parent
    ("AttributeError", "module 'numpy' has no attribute 'randint'", 2, "import numpy as np\nx = np.randint(0, 3)\n",
     (2, "x = np.random.randint(0, 3)")),
    ("AttributeError", "module 'os' has no attribute 'exists'", 2, "import os\nok = os.exists(p)\n",
     (2, "ok = os.path.exists(p)")),
    # a file's header row read as a number: skipped before the loop
    ("ValueError", "could not convert string to float: 'duration'", 3,
     "with open(p) as f:\n    for row in f:\n        d = float(row.split(',')[1])\n",
     (2, "    next(f)  # the header row\n    for row in f:")),
    # the lines read into a list: the loop from the second
    ("ValueError", "invalid literal for int() with base 10: 'trial'", 3,
     "rows = open(p).readlines()\nfor r in rows:\n    n = int(r.split(',')[0])\n", (2, "for r in rows[1:]:")),
    # a DictReader reads the header itself: a word there is another mistake, nothing
    ("ValueError", "could not convert string to float: 'slow'", 3,
     "reader = csv.DictReader(f)\nfor row in reader:\n    d = float(row['rt'])\n", None),
    # a word converted outside any loop over a file (an answer typed in): nothing
    ("ValueError", "could not convert string to float: 'abc'", 1, "d = float(answer)\n", None),
    # a misspelt name no module has: nothing
    ("AttributeError", "module 'math' has no attribute 'mena'", 2, "import math\nm = math.mena(rts)\n", None),
    # two imported modules have it (math.floor, np.floor): the author's choice, nothing
    ("AttributeError", "module 'random' has no attribute 'floor'", 4,
     "import math\nimport random\nimport numpy as np\nx = random.floor(2.5)\n", None),
    # numpy's shape given as separate arguments: one tuple
    ("TypeError", "Cannot interpret '2' as a data type", 2, "import numpy as np\nr = np.zeros(n, 2)\n",
     (2, "r = np.zeros((n, 2))")),
    # a dtype given by position after a one-number shape is right: nothing
    ("TypeError", "Cannot interpret 'x' as a data type", 2, "import numpy as np\nr = np.zeros(3, 'x')\n", None),
    # arrays given to concatenate / vstack one by one: one tuple
    ("TypeError", "only integer scalar arrays can be converted to a scalar index", 2,
     "import numpy as np\nall_rts = np.concatenate(rts1, rts2)\n", (2, "all_rts = np.concatenate((rts1, rts2))")),
    ("TypeError", "_vhstack_dispatcher() takes 1 positional argument but 2 were given", 2,
     "import numpy as np\nm = np.vstack(a, b)\n", (2, "m = np.vstack((a, b))")),
    # the arrays already in a tuple, an axis after them: not this mistake, nothing
    ("TypeError", "only integer scalar arrays can be converted to a scalar index", 2,
     "import numpy as np\nm = np.concatenate((a, b), k)\n", None),
    # reading a file that is missing: no folder to make, nothing
    ("FileNotFoundError", "[Errno 2] No such file or directory: 'conds.csv'", 1, "f = open('conds.csv')\n", None),
    # (written after debugging set 14 was measured; none of its scripts)
    # a DictWriter row with a column its fieldnames lack: added in the call
    ("ValueError", "dict contains fields not in fieldnames: 'rt'", 3,
     "w = csv.DictWriter(f, fieldnames=['trial', 'word'])\nw.writeheader()\nw.writerow(row)\n",
     (1, "w = csv.DictWriter(f, fieldnames=['trial', 'word', 'rt'])")),
    # two columns, the fieldnames a name bound to a list display above
    ("ValueError", "dict contains fields not in fieldnames: 'rt', 'acc'", 3,
     "cols = ['trial']\nw = csv.DictWriter(f, cols)\nw.writerow(row)\n", (1, "cols = ['trial', 'rt', 'acc']")),
    # fieldnames read from the rows themselves (not written in the script): nothing
    ("ValueError", "dict contains fields not in fieldnames: 'rt'", 2,
     "w = csv.DictWriter(f, fieldnames=rows[0].keys())\nw.writerow(row)\n", None),
    # (written after debugging set 15 was measured; none of its scripts)
    # os.mkdir of a folder inside a missing one
    ("FileNotFoundError", "[Errno 2] No such file or directory: 'out/s1'", 1, "os.mkdir(os.path.join('out', sid))\n",
     (1, "os.makedirs(os.path.join('out', sid), exist_ok=True)")),
    # strftime given seconds
    ("TypeError", "Tuple or struct_time argument required", 1, "s = time.strftime('%H:%M', t0)\n",
     (1, "s = time.strftime('%H:%M', time.localtime(t0))")),
    # strftime with only the format never raises this; a localtime() already there: nothing
    ("TypeError", "Tuple or struct_time argument required", 1, "s = time.strftime('%H', time.localtime(t))\n",
     None),
    # numpy numbers to json: the dump converts them
    ("TypeError", "Object of type float32 is not JSON serializable", 1, "json.dump(summary, f)\n",
     (1, "json.dump(summary, f, default=float)")),
    ("TypeError", "Object of type ndarray is not JSON serializable", 1, "text = json.dumps(data)\n",
     (1, "text = json.dumps(data, default=lambda a: a.tolist())")),
    # a type of the user's own (not numpy's): which conversion is meant is not known, nothing
    ("TypeError", "Object of type Trial is not JSON serializable", 1, "json.dump(trial, f)\n", None),
    # written after set 18 was measured:
    # a folder made again: exist_ok
    ("FileExistsError", "[Errno 17] File exists: 'results'", 2, "for b in blocks:\n    os.makedirs(out)\n",
     (2, "    os.makedirs(out, exist_ok=True)")),
    # ... os.mkdir too
    ("FileExistsError", "[Errno 17] File exists: 'data'", 1, "os.mkdir('data')\n", (1, "os.makedirs('data', exist_ok=True)")),
    # a file opened exclusively ('x') that exists: not a folder, nothing
    ("FileExistsError", "[Errno 17] File exists: 'a.csv'", 1, "f = open('a.csv', 'x')\n", None),
    # pandas 2's removed append: concat with a one-row frame
    ("AttributeError", "'DataFrame' object has no attribute 'append'", 2,
     "import pandas as pd\nlog = log.append({'rt': rt}, ignore_index=True)\n",
     (2, "log = pd.concat([log, pd.DataFrame([{'rt': rt}])], ignore_index=True)")),
    # ... a frame appended: concat of the two
    ("AttributeError", "'DataFrame' object has no attribute 'append'", 3,
     "import pandas\nextra = pandas.DataFrame(rows)\nall_ = first.append(extra)\n",
     (3, "all_ = pandas.concat([first, extra])")),
    # iteritems: items
    ("AttributeError", "'DataFrame' object has no attribute 'iteritems'", 1, "for c, v in df.iteritems():\n    pass\n",
     (1, "for c, v in df.items():")),
    # pandas not imported by the script (a frame from elsewhere): nothing to concat with
    ("AttributeError", "'DataFrame' object has no attribute 'append'", 1, "t = t.append(row)\n", None),
    # numpy's choice of a list of pairs: one picked by position
    ("ValueError", "a must be 1-dimensional", 2, "for t in range(4):\n    a, b = np.random.choice(cue_pairs)\n",
     (2, "    a, b = cue_pairs[np.random.choice(len(cue_pairs))]")),
    # ... several picked (size): nothing (a list of items, not one)
    ("ValueError", "a must be 1-dimensional", 1, "picks = np.random.choice(pairs, size=3)\n", None),
    # written after set 19 was measured:
    # a file read that was opened for writing: 'r' where it is opened
    ("UnsupportedOperation", "not readable", 2, "with open(p, 'w') as fh:\n    cfg = json.load(fh)\n",
     (1, "with open(p, 'r') as fh:")),
    # ... opened for appending: 'r'
    ("UnsupportedOperation", "not readable", 2, "log = open('log.txt', 'a')\nlines = log.readlines()\n",
     (1, "log = open('log.txt', 'r')")),
    # written where opened for reading (no mode): 'w' added
    ("UnsupportedOperation", "not writable", 2, "f = open(name)\nf.write('rt\\n')\n", (1, "f = open(name, 'w')")),
    # two files on the line: which one is not known, nothing
    ("UnsupportedOperation", "not readable", 3, "a = open(p, 'w')\nb = open(q, 'w')\nx = a.read() + b.read()\n",
     None),
    # lines of a file opened 'rb' split by text: opened as text
    ("TypeError", "a bytes-like object is required, not 'str'", 3,
     "with open(p, 'rb') as f:\n    for row in f:\n        cells = row.split(',')\n", (1, "with open(p, 'r') as f:")),
    # time.time() minus a time tuple: the tuple taken as seconds where it is set
    ("TypeError", "unsupported operand type(s) for -: 'float' and 'time.struct_time'", 3,
     "import time\nt0 = time.localtime()\nelapsed = time.time() - t0\n", (2, "t0 = time.time()")),
    # a tuple from elsewhere (not bound in the script): nothing
    ("TypeError", "unsupported operand type(s) for -: 'float' and 'time.struct_time'", 1,
     "elapsed = time.time() - stamp\n", None),
]


@pytest.mark.parametrize("error,message,line,source,expected", RULES)
def test_library_rule(error, message, line, source, expected):
    check_rule(error, message, {}, line, source, expected)


def test_a_folder_for_a_script_without_os_imports_it():
    source = "import json\nf = open('out/a.txt', 'w')\n"
    fix = runtime_fix("FileNotFoundError", {}, 2, source, None, "[Errno 2] No such file or directory: 'out/a.txt'")
    assert fix.apply(source) == ("import json\nimport os\nos.makedirs(os.path.dirname('out/a.txt'), exist_ok=True)\n"
                                 "f = open('out/a.txt', 'w')\n")


def test_a_function_from_a_standard_module_brings_its_import():
    # math has no mean and numpy is not imported: the statistics module's, imported
    source = "import math\nm = math.mean(rts)\n"
    fix = runtime_fix("AttributeError", {}, 2, source, None, "module 'math' has no attribute 'mean'")
    assert fix.apply(source) == "import math\nimport statistics\nm = statistics.mean(rts)\n"

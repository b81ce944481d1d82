"""The knowledge base's record types: what every source (API, demos, alerts) is turned into."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field


@dataclass
class Param:
    """One parameter of a callable, with its doc and where that doc was found."""

    name: str
    kind: str  # positional_only | positional_or_keyword | var_positional | keyword_only | var_keyword
    default: str | None = None  # source text of the default; None when required
    doc: str = ""
    doc_from: str = ""  # qualified name whose docstring gave `doc` (an attribute's doc for inherited params)

    @property
    def required(self) -> bool:
        return self.default is None and self.kind in ("positional_only", "positional_or_keyword", "keyword_only")


@dataclass
class Member:
    """A public member of a class as seen through its MRO (what `dir(cls)` would list)."""

    name: str
    kind: str  # method | attribute | property | constant | generated_setter | generated_getter
    owner: str  # qualified name of the class that defines it (the attribute's owner for generated methods)
    signature: str = ""
    summary: str = ""
    settable: bool = False
    of: str = ""  # for generated setX/getX: the attribute they wrap


@dataclass
class Record:
    """One searchable entry. API records fill every field; demo and alert chunks use symbol/title/doc/path."""

    symbol: str  # canonical id: psychopy.visual.text.TextStim, demo:coder/stimuli/textStimuli.py#main, alert:4115
    kind: str  # module | class | function | method | attribute | demo | alert
    source: str  # api | demo | alert
    name: str = ""
    module: str = ""
    signature: str = ""
    summary: str = ""
    doc: str = ""
    params: list[Param] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    mro: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    path: str = ""  # source file relative to site-packages
    line: int = 0
    plugin: str = ""  # for classes moved to a plugin: the plugin's package name
    # modules only: every name bound at module level (imports included); "*" when the module also makes names
    # at run time (globals(), `global` in functions, __getattr__), so a missing name proves nothing
    names: list[str] = field(default_factory=list)
    psychopy_version: str = ""
    # how many of PsychoPy's coder demos use this name and its owner's (kb/sources.demo_usage): what people use
    usage: int = 0

    @property
    def display_name(self) -> str:
        """The shortest public name (psychopy.visual.TextStim rather than psychopy.visual.text.TextStim)."""
        names = [self.symbol, *self.aliases]
        return min(names, key=lambda n: (n.count("."), len(n)))

    def member(self, name: str) -> Member | None:
        for member in self.members:
            if member.name == name:
                return member
        return None

    def param(self, name: str) -> Param | None:
        for param in self.params:
            if param.name == name:
                return param
        return None

    def to_row(self) -> dict:
        row = asdict(self)
        for key in ("params", "bases", "mro", "members", "aliases", "names"):
            row[key] = json.dumps(row[key])
        return row

    @classmethod
    def from_row(cls, row: dict) -> "Record":
        data = {k: row[k] for k in cls.__dataclass_fields__ if k in row}
        for key in ("bases", "mro", "aliases", "names"):
            data[key] = json.loads(data.get(key) or "[]")
        data["params"] = [Param(**p) for p in json.loads(data.get("params") or "[]")]
        data["members"] = [Member(**m) for m in json.loads(data.get("members") or "[]")]
        return cls(**data)

    def embedding_text(self) -> str:
        """What the vector stands for: the public name, what it is, its summary and the start of its doc.
        No signature (parameter lists drown the meaning), ~400 characters (MiniLM reads 256 tokens at most)."""
        if self.source == "param":
            # the owner and the parameter's own doc: "cover the whole screen" must reach Window(fullscr=...)
            words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", self.name).lower()
            return f"{self.signature} ({words}): {self.summary}"[:400].strip()
        if self.source == "api":
            # name and summary only: the rest of a docstring (parameters, caveats) pulls every query towards
            # long internal docstrings; full text search still sees all of it
            words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", self.name).lower()  # getPos -> "get pos"
            text = f"{self.display_name} ({self.kind}, {words}): {self.summary or self.doc[:200]}"
        else:
            text = f"{self.name}: {self.summary}\n{self.doc}"
        return text[:400].strip()

    def search_text(self) -> str:
        """What full-text search sees: every name it may be asked by, then the docs."""
        names = " ".join({self.symbol, *self.aliases, self.name})
        params = " ".join(f"{p.name} {p.doc}" for p in self.params)
        return f"{names}\n{self.signature}\n{self.summary}\n{self.doc}\n{params}"

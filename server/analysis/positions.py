"""Column conversions between the ways positions are counted.

`ast` counts UTF-8 bytes, Python strings count code points, and LSP counts UTF-16 code units unless the client
negotiated utf-8 or utf-32. Client units <-> code points is pygls's PositionCodec; the byte columns of `ast` are
ours (pygls never sees an ast). A script with an emoji or a non-Latin word in a string gets columns wrong by one
or two if these are mixed up.
"""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.workspace import PositionCodec

UTF16 = "utf-16"


def byte_to_char(line: str, byte_col: int) -> int:
    """ast col_offset (UTF-8 bytes) -> index into the Python string."""
    return len(line.encode("utf-8", errors="surrogatepass")[:byte_col].decode("utf-8", errors="ignore"))


def split_lines(source: str) -> list[str]:
    """The document's lines without their terminators (LF or CRLF), as LSP counts them."""
    return [line[:-1] if line.endswith("\r") else line for line in source.split("\n")]


def line_starts(text: str) -> list[int]:
    """The string offset at which each line of `text` starts (a CRLF's \\r counted, as the text has it)."""
    starts, offset = [], 0
    for line in text.split("\n"):
        starts.append(offset)
        offset += len(line) + 1
    return starts


class LineIndex:
    """Lines of one document version, converting ast (1-based line, byte col) <-> LSP (0-based line, client col).
    Immutable once built; shared by every feature that answers for that version."""

    def __init__(self, source: str, encoding: str = UTF16):
        self.lines = split_lines(source)
        self.encoding = str(getattr(encoding, "value", encoding) or UTF16)
        self.codec = PositionCodec(self.encoding)

    def line(self, line0: int) -> str:
        return self.lines[line0] if 0 <= line0 < len(self.lines) else ""

    def lsp(self, lineno1: int, byte_col: int) -> tuple[int, int]:
        """ast coordinates -> (line, character) for the client."""
        line0 = max(lineno1 - 1, 0)
        text = self.line(line0)
        return line0, self.client_col(line0, byte_to_char(text, byte_col))

    def char_col(self, line0: int, col: int) -> int:
        """A client column -> string index; positions past the end clamp to the end, inside a multi-unit
        character to the character after it."""
        text = self.line(line0)
        if col <= 0:
            return 0
        if col >= self.codec.client_num_units(text):
            return len(text)  # pygls would clamp one character short of the end
        # a fresh Position: the codec writes to the one it is given
        return self.codec.position_from_client_units([text], lsp.Position(line=0, character=col)).character

    def byte_col(self, line0: int, col: int) -> int:
        text = self.line(line0)
        return len(text[: self.char_col(line0, col)].encode("utf-8", errors="surrogatepass"))

    def client_col(self, line0: int, char_col: int) -> int:
        return self.codec.client_num_units(self.line(line0)[:char_col])

"""Column conversions between the ways positions are counted.

`ast` counts UTF-8 bytes, Python strings count code points, and LSP counts UTF-16 code units unless the client
negotiated utf-8 or utf-32. A script with an emoji or a non-Latin word in a string gets columns wrong by one or
two if these are mixed up.
"""

from __future__ import annotations

UTF16, UTF8, UTF32 = "utf-16", "utf-8", "utf-32"


def byte_to_char(line: str, byte_col: int) -> int:
    """ast col_offset (UTF-8 bytes) -> index into the Python string."""
    return len(line.encode("utf-8", errors="surrogatepass")[:byte_col].decode("utf-8", errors="ignore"))


def char_to_units(line: str, char_col: int, encoding: str = UTF16) -> int:
    prefix = line[:char_col]
    if encoding == UTF8:
        return len(prefix.encode("utf-8", errors="surrogatepass"))
    if encoding == UTF32:
        return len(prefix)
    return len(prefix.encode("utf-16-le", errors="surrogatepass")) // 2


def units_to_char(line: str, units: int, encoding: str = UTF16) -> int:
    """A client column -> string index; clamps positions past the end or inside a multi-unit character."""
    if encoding == UTF32:
        return max(0, min(units, len(line)))
    count = 0
    for index, ch in enumerate(line):
        if count >= units:
            return index
        if encoding == UTF8:
            count += len(ch.encode("utf-8", errors="surrogatepass"))
        else:
            count += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


class LineIndex:
    """Lines of one document version, converting ast (1-based line, byte col) <-> LSP (0-based line, client col)."""

    def __init__(self, source: str, encoding: str = UTF16):
        self.lines = source.split("\n")
        self.lines = [line[:-1] if line.endswith("\r") else line for line in self.lines]
        self.encoding = str(encoding)

    def line(self, line0: int) -> str:
        return self.lines[line0] if 0 <= line0 < len(self.lines) else ""

    def lsp(self, lineno1: int, byte_col: int) -> tuple[int, int]:
        """ast coordinates -> (line, character) for the client."""
        line0 = max(lineno1 - 1, 0)
        text = self.line(line0)
        return line0, char_to_units(text, byte_to_char(text, byte_col), self.encoding)

    def char_col(self, line0: int, col: int) -> int:
        return units_to_char(self.line(line0), col, self.encoding)

    def byte_col(self, line0: int, col: int) -> int:
        text = self.line(line0)
        return len(text[: units_to_char(text, col, self.encoding)].encode("utf-8", errors="surrogatepass"))

    def client_col(self, line0: int, char_col: int) -> int:
        return char_to_units(self.line(line0), char_col, self.encoding)

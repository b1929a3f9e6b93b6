"""Say what a file that is not UTF-8 really is, so that the fix offered is the one that works.

Excel's "Unicode Text" and some editors save UTF-16, which is neither Latin-1 nor Windows-1252;
calling it that sends the officer to the wrong menu. The signatures below are the cases seen in
practice; anything else is described by the first byte that is not UTF-8.
"""

from __future__ import annotations

_BYTE_ORDER_MARKS = [
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
]
_SIGNATURES = [
    (b"PK\x03\x04", "a zip file (an Excel workbook saved as .xlsx?), not CSV text"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel workbook (.xls), not CSV text"),
    (b"%PDF", "a PDF, not CSV text"),
]


def _utf16_without_mark(data: bytes) -> bool:
    """Mostly-ASCII UTF-16 has a NUL in every other byte, which no text in UTF-8 or Latin-1 has."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


# A text file with a stray NUL or two is text with a bad cell, which the cell-characters check names
# by row and column; many NULs mean the file is not text at all.
_FEW_NULS = 8


def not_text(data: bytes) -> str | None:
    """Why ``data`` is no UTF-8 text even if it decodes (UTF-16 of plain ASCII, a workbook's zip
    header and NUL bytes are all valid UTF-8), or None."""
    for mark, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return f"the file is {name} text, not UTF-8"
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return f"the file is {what}"
    if _utf16_without_mark(data):
        return "the file is UTF-16 text (it has a NUL in every other byte), not UTF-8"
    if data[:4096].count(b"\x00") > _FEW_NULS:
        return "the file holds binary data (NUL bytes), not CSV text"
    return None


def undecodable_text(data: bytes, position: int) -> tuple[str, int | None]:
    """Why ``data`` is not UTF-8 (it fails at byte ``position``), and on which line if lines mean anything."""
    if why := not_text(data):
        return why, None
    line = data[:position].count(b"\n") + 1
    try:
        data.decode("cp1252")
        guess = "it looks like it was saved as Latin-1 or Windows-1252"
    except UnicodeDecodeError:
        guess = "its encoding is neither UTF-8 nor Latin-1 or Windows-1252"
    return f"the file is not UTF-8 text (byte 0x{data[position]:02x} on line {line}; {guess})", line

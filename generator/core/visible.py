"""Quote text from a file so that a reader sees every character of it.

A header `value ` (trailing space) or an area code with a zero-width space in it looks exactly like
the right one when printed, so a message saying it is wrong reads as nonsense. Quoted with
``shown``, such characters are spelled out: ``'value␠'``, ``'E10000018\\u200b'``.
"""

from __future__ import annotations

import unicodedata

SPACE_SIGN = "␠"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Control, format (zero-width, bidi, byte-order mark), separators other than the plain space,
# private use and unassigned characters: none of them shows as itself.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}


def _spelled(character: str) -> str:
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with invisible characters spelled out and spaces at either end shown as ␠."""
    body = text.strip(" ")
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text) - len(text.rstrip(" ")) if body else 0
    spelled = "".join(
        _spelled(c) if c != " " and unicodedata.category(c) in _HIDDEN_CATEGORIES else c for c in body
    )
    return SPACE_SIGN * lead + spelled + SPACE_SIGN * trail


def shown(value: object) -> str:
    """``value`` as a message quotes it: in single quotes, every character visible."""
    return f"'{visible(str(value))}'"

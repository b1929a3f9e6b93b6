"""Text from data files made safe to print: no control character reaches a terminal or a CI log.

A cell holding an escape sequence could recolour, hide or rewrite what the validator printed, and a
line break could forge a line such as "Valid."; each such character is shown as its escape instead.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the Unicode controls that reorder or hide text (bidirectional
# embeddings, overrides and isolates, zero-width marks, line and paragraph separators).
UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as its escape (\\x1b, \\n is \\x0a, \\u202e)."""
    return UNPRINTABLE.sub(_escape, text)

"""What a JSON document's text alone says about the characters of its strings.

A descriptor is read from its text; whether any of its strings can hold a character no page can
show (checks/descriptor_text.py) is mostly known from that text, at the cost of a search or two
through it, without writing the document out as JSON again to look.
"""

from __future__ import annotations

import re

# The escapes that spell a character below space, or any character at all (\u and four hex digits:
# NUL or a surrogate among them).
_ESCAPE = re.compile(r"\\[bfnrtu]")
# The characters of terminal.UNPRINTABLE that JSON lets a string hold as they are: a raw control
# below space is not valid JSON inside a string, and outside strings only spaces and line ends are.
_RAW = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def strings_are_plain(text: str) -> bool:
    """True when no key or string of the JSON document ``text`` can hold a control, NUL, lone
    surrogate, invisible or bidirectional character (terminal.UNPRINTABLE): it spells none as an
    escape and holds none as it is. False says only that the strings must be looked at."""
    if _ESCAPE.search(text):
        return False
    if text.isascii():  # known without reading the text: str keeps it
        return "\x7f" not in text
    return _RAW.search(text) is None

"""What a source's web address may be: a plain http(s) URL, which can only ever be a link.

The address is written into a report page as a Markdown link and into its HTML; a ``)`` would end
the link early and let whatever follows become raw HTML, a quote would end the href. `transparency
new`, the import and the validator all refuse anything but a plain URL with this one rule.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL_CHARS = 2_000
# Printable ASCII except space, brackets, quotes, backslash and the characters Markdown or HTML treat
# specially; anything else in a real address is written percent-encoded (%20 for a space).
_PLAIN_URL = re.compile(r"https?://[!#$%&*+,\-./0-9:;=?@A-Z_a-z~]+")


def url_problem(raw: object) -> str | None:
    """Why ``raw`` is not a source address this site will link to, or None when it is one."""
    if not isinstance(raw, str):
        return "is not text"
    if len(raw) > MAX_URL_CHARS:
        return f"is {len(raw):,} characters long, more than the {MAX_URL_CHARS:,} an address may have"
    if not _PLAIN_URL.fullmatch(raw) or not urlsplit(raw).hostname:
        return (
            "is not a plain http:// or https:// web address "
            "(no spaces, brackets, quotes or control characters)"
        )
    return None

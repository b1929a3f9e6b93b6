"""csv.Sniffer's dialect for a sample, found without the four regular expressions that made it slow.

Frictionless's CSV parser asks csv.Sniffer for the dialect of each file's first 100 lines, and
shared_schema.py asks it the same to read the rows as Frictionless would. The sniffer first looks
for a quoted field with four patterns such as ``(?P<delim>[^\\w\\n"'])(?P<space> ?)(?P<quote>["']).*?
(?P=quote)(?P=delim)`` (dot matching line ends too). In a report's CSV every apostrophe ("column
'last year'") opens such a field, and from each the pattern's lazy ``.*?`` runs on to the end of
the sample: 4.6 ms a file, half of Frictionless's time at England scale.

What each pattern matches can only start at a quote (or the one or two characters before it), and
the field it matches ends at the first later place where the same quote is followed by what the
pattern asks for: a string search. ``findall`` gives, for each pattern, exactly what
``re.findall`` gives; everything else is csv.Sniffer's own code. tests/test_sniffing.py holds the
two to the same answer, pattern by pattern and dialect by dialect.
"""

from __future__ import annotations

import csv
import re

_DELIM = re.compile(r"[^\w\n\"']")  # the patterns' delimiter: no word character, line end or quote
_QUOTES = re.compile("[\"']")
# csv.Sniffer._guess_quote_and_delimiter's patterns, in its order (Python 3.11's csv.py).
_BETWEEN_DELIMITERS, _AT_LINE_START, _AT_LINE_END, _WHOLE_LINE = range(4)
_PATTERNS = (
    r'(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?(?P=quote)(?P=delim)',
    r'(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?P<delim>[^\w\n"\'])(?P<space> ?)',
    r'(?P<delim>[^\w\n"\'])(?P<space> ?)(?P<quote>["\']).*?(?P=quote)(?:$|\n)',
    r'(?:^|\n)(?P<quote>["\']).*?(?P=quote)(?:$|\n)',
)
_COMPILED = [re.compile(pattern, re.DOTALL | re.MULTILINE) for pattern in _PATTERNS]


def _openings(data: str, kind: int) -> list[tuple[int, int, str, str]]:
    """Where a match of the pattern may start, in order: (start, opening quote, delimiter, space).

    After a delimiter (kinds 0 and 2): the delimiter, an optional space, the quote. The space is
    greedy and the only choice (a quote is not a space), so each start has one opening. At a line
    start (kinds 1 and 3): the quote at the start of the sample or after a line end."""
    found = []
    for quote in (m.start() for m in _QUOTES.finditer(data)):
        if kind in (_AT_LINE_START, _WHOLE_LINE):
            if quote == 0:
                found.append((0, 0, "", ""))
            elif data[quote - 1] == "\n":
                found.append((quote - 1, quote, "", ""))
            continue
        if quote >= 2 and data[quote - 1] == " " and _DELIM.match(data, quote - 2):
            found.append((quote - 2, quote, data[quote - 2], " "))
        if quote >= 1 and _DELIM.match(data, quote - 1):
            found.append((quote - 1, quote, data[quote - 1], ""))
    return sorted(found)


def _closing(data: str, kind: int, opening: int, delim: str) -> tuple[int, tuple[str, ...]] | None:
    """Where the match from this opening quote ends (the first place after it that closes it), and
    the groups the closing gives (the delimiter and space after a field at a line start); None if
    nothing closes it."""
    quote, first = data[opening], opening + 1
    if kind == _BETWEEN_DELIMITERS:
        at = data.find(quote + delim, first)
        return None if at < 0 else (at + 2, ())
    if kind == _AT_LINE_START:
        at = data.find(quote, first)
        while at >= 0:
            if _DELIM.match(data, at + 1):
                space = " " if data[at + 2 : at + 3] == " " else ""
                return at + 2 + len(space), (data[at + 1], space)
            at = data.find(quote, at + 1)
        return None
    # The quote, then a line end: $ matches just before it, so the line end is not part of the match.
    at = data.find(quote + "\n", first)
    if at < 0 and len(data) - 1 >= first and data.endswith(quote):
        at = len(data) - 1
    return None if at < 0 else (at + 1, ())


def findall(kind: int, data: str) -> list:
    """re.findall(_PATTERNS[kind], data, re.DOTALL | re.MULTILINE): the same list, found by
    string searches from each quote rather than by trying the pattern at every character."""
    found: list = []
    resume = 0
    # What closes a field depends only on its quote (and, between delimiters, the delimiter), and is
    # searched for from the opening on: once nothing closes one, nothing closes a later one.
    unclosed: set[tuple[str, str]] = set()
    for start, opening, delim, space in _openings(data, kind):
        # At a line start, ^ may still match at the quote itself once the line end is passed.
        if start < resume and not (kind in (_AT_LINE_START, _WHOLE_LINE) and opening >= resume):
            continue
        closes = (data[opening], delim if kind == _BETWEEN_DELIMITERS else "")
        if closes in unclosed:
            continue
        closed = _closing(data, kind, opening, delim)
        if closed is None:
            unclosed.add(closes)
            continue
        resume, tail = closed
        quote = data[opening]
        if kind in (_BETWEEN_DELIMITERS, _AT_LINE_END):
            found.append((delim, space, quote))
        elif kind == _AT_LINE_START:
            found.append((quote, *tail))
        else:
            found.append(quote)
    return found


class Sniffer(csv.Sniffer):
    """csv.Sniffer with its search for quoted fields done by ``findall``; the rest is its own."""

    def _guess_quote_and_delimiter(self, data, delimiters):
        # csv.Sniffer._guess_quote_and_delimiter (Python 3.11), with findall for regexp.findall.
        matches: list = []
        for kind in range(len(_PATTERNS)):
            matches = findall(kind, data)
            if matches:
                break
        if not matches:
            return ("", False, None, 0)
        quotes: dict[str, int] = {}
        delims: dict[str, int] = {}
        spaces = 0
        groupindex = _COMPILED[kind].groupindex
        for m in matches:
            n = groupindex["quote"] - 1
            key = m[n]
            if key:
                quotes[key] = quotes.get(key, 0) + 1
            try:
                n = groupindex["delim"] - 1
                key = m[n]
            except KeyError:
                continue
            if key and (delimiters is None or key in delimiters):
                delims[key] = delims.get(key, 0) + 1
            try:
                n = groupindex["space"] - 1
            except KeyError:
                continue
            if m[n]:
                spaces += 1
        quotechar = max(quotes, key=quotes.get)
        if delims:
            delim = max(delims, key=delims.get)
            skipinitialspace = delims[delim] == spaces
            if delim == "\n":  # most likely a file with a single column
                delim = ""
        else:
            # there is *no* delimiter, it's a single column of quoted data
            delim = ""
            skipinitialspace = 0
        # if we see an extra quote between delimiters, we've got a double quoted format
        dq_regexp = re.compile(
            r"(({delim})|^)\W*{quote}[^{delim}\n]*{quote}[^{delim}\n]*{quote}\W*(({delim})|$)".format(
                delim=re.escape(delim), quote=quotechar
            ),
            re.MULTILINE,
        )
        doublequote = bool(dq_regexp.search(data))
        return (quotechar, doublequote, delim, skipinitialspace)

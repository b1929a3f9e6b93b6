"""The engine's pages without the indentation of its templates, which no reader sees.

Material's templates indent every element: on a report's page some 4 KB of every 78 KB was spaces
and blank lines (issue 15 asks for a median page of at most 60 KB). In HTML, any run of white
space in text or between elements is drawn as one space, or as nothing between blocks; so a run
that holds a line break can be one line break, and the page is drawn the same. The elements whose
white space is kept as written are left exactly as they are: ``pre`` (and ``code`` and ``kbd``,
which the theme prints as written), ``textarea``, and ``script`` and ``style``, whose text is code
(and whose hashes the content security policy lists). Both engines' pages go through ``collapse``:
MkDocs's as it writes each (engines/mkdocs.py), Zensical's once its build is done (``collapse_files``).
"""

from __future__ import annotations

import re
from pathlib import Path

# The start of an element whose text is kept as written; it is kept up to its end tag (none of
# them nests in itself in the theme's pages or ours: a <pre> holds a <code>, never another <pre>).
_KEPT_AS_WRITTEN = ("pre", "code", "kbd", "textarea", "script", "style")
_VERBATIM = re.compile(rf"<({'|'.join(_KEPT_AS_WRITTEN)})[\s>]", re.IGNORECASE)
_END = {tag: re.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _KEPT_AS_WRITTEN}
# A line break and the white space after it. (Spaces before a break stay: the theme writes none.)
_BROKEN_RUN = re.compile(r"\n[ \t\r\n\f]+")


def collapse(html: str) -> str:
    """``html`` with each line break and the white space after it made one line break, outside
    the elements whose white space is kept (see the module's docstring)."""
    parts: list[str] = []
    start = 0
    while kept := _VERBATIM.search(html, start):
        parts.append(_BROKEN_RUN.sub("\n", html[start : kept.start()]))
        end = _END[kept[1].lower()].search(html, kept.end())
        if end is None:  # never closed: the rest of the page is the element's, as a browser reads it
            parts.append(html[kept.start() :])
            return "".join(parts)
        parts.append(html[kept.start() : end.end()])
        start = end.end()
    parts.append(_BROKEN_RUN.sub("\n", html[start:]))
    return "".join(parts)


def collapse_files(site: Path) -> None:
    """Every HTML file of a built site, collapsed in place (written anew, never through a link)."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8", errors="surrogateescape")
        lean = collapse(text)
        if lean != text:
            new = page.with_name(page.name + ".lean")
            new.write_text(lean, encoding="utf-8", errors="surrogateescape")
            new.replace(page)

"""Escaping where text lands: one Jinja filter per context, named in the template that uses it.

Pages are Markdown with embedded HTML, and most of their text comes from pull requests. Autoescape
is on, so a value shown without a filter is HTML-escaped; each other context is a filter, so a
reviewer reading a template sees how every field is escaped:

- ``| md``: Markdown text (paragraph, heading, list item, table cell);
- ``| attr``: an HTML attribute value, ``| html``: text inside a raw HTML block;
- ``| link``: a web address as a Markdown link's destination;
- ``| json_script``: a document inside ``<script type="application/json">``.

Contexts hold plain values. Text that is deliberately pre-rendered (hand-written Markdown from
``content/``) is marked ``markupsafe.Markup`` where it is read, with the reason beside it.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

import jinja2
from markupsafe import Markup

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~!])")
# html.escape's references (the bytes the site has always had), and Markdown's characters as numbers.
_REFERENCES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    **{c: f"&#{ord(c)};" for c in "\\`*_[]{}|#~!"},
}
_NEEDS_REFERENCE = re.compile("[" + re.escape("".join(_REFERENCES)) + "]")
# Texts remembered by each escaping function: the names, titles and periods that recur on every page
# stay, the figures' own notes (each written once or twice) make way. A worker that remembered 65,536
# texts held some 40 MB more at England scale x4, for a few more hits.
_REMEMBERED = 8192

_SCRIPT_ESCAPES = [(c, f"\\u{ord(c):04x}") for c in "<>&\u2028\u2029"]


def _one_line(value: object) -> str:
    """Line breaks from a data file would end a table row, a list item or an HTML block."""
    return " ".join(str(value).split())


@lru_cache(maxsize=_REMEMBERED)
def markdown_text(value: object) -> Markup:
    """Data text made inert in Markdown and in the HTML Markdown becomes: ``| md``.

    Markdown's characters are backslash-escaped (so ``|`` cannot split a table cell and
    ``[x](javascript:...)`` is no link), then ``& < >`` are HTML-escaped. Cached: area names,
    titles and periods recur on thousands of table rows."""
    return Markup(html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(value)), quote=False))


@lru_cache(maxsize=_REMEMBERED)
def html_text(value: object) -> Markup:
    """Data text for an HTML attribute (``| attr``) or a raw HTML block (``| html``) in a page.

    Quotes are escaped, so the text cannot leave a quoted attribute. Markdown's own characters become
    character references: Markdown reads an inline tag (the figure links in a table row) for links,
    code and ``|`` before it sees the tag, and a link made inside an attribute would close it. The
    browser reads ``&#91;`` as ``[``, so the text is the same wherever the HTML ends up."""
    return Markup(_NEEDS_REFERENCE.sub(lambda m: _REFERENCES[m[0]], _one_line(value)))


def link_target(url: object) -> Markup:
    """A web address from a data file as the destination of a Markdown link: ``| link``.

    Spaces, brackets, quotes, backslashes and ``|`` are percent-encoded, so the address cannot end
    the link early and start another (``x) [y](javascript:...``) or split a table cell."""
    return Markup(quote(_one_line(url), safe="/:?#@!$&*+,;=%~"))


def json_script(document: object) -> Markup:
    """A document as JSON that cannot end its ``<script>`` element or open another one.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, and so are U+2028 and U+2029, which
    older JavaScript parsers treat as line ends. Keys are sorted: the same data gives the same bytes.
    NaN and Infinity, which JSON has no word for and browsers refuse, raise here instead."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False, sort_keys=True, allow_nan=False)
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return Markup(text)


FILTERS = {
    "md": markdown_text,
    "attr": html_text,
    "html": html_text,
    "link": link_target,
    "json_script": json_script,
}


def markdown_environment(loader: jinja2.BaseLoader, **layout: bool) -> jinja2.Environment:
    """The Jinja environment of every Markdown template (site pages and the pull-request report).

    A missing variable is an error, never a blank on the page; ``layout`` sets how blocks trim."""
    environment = jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        **layout,
    )
    environment.filters.update(FILTERS)
    return environment

"""Markdown from pull requests, made safe to render on the site's origin.

A package's NOTES.md and a report's summary (content/reports/<slug>.md) are written by contributors
and rendered by MkDocs, which passes raw HTML through and links to whatever address a link gives,
`javascript:` included. Here raw HTML is escaped so that it shows as the text it is, attribute lists
are disarmed, and a link, image or reference whose address is not http(s) or relative stops being
one; headings, lists, tables and code render as before.

The escaping follows Markdown's grammar only roughly (code spans and blocks are left alone), so it is
not what makes the result safe: the result is rendered with Python-Markdown and the site's extensions
and every tag, attribute and address in it is checked. Anything unexpected, and the text is shown
entirely literally instead.
"""

from __future__ import annotations

import html
import re
from functools import cache
from html.parser import HTMLParser

import markdown

# mkdocs.yml's markdown_extensions plus those MkDocs always adds (toc, tables, fenced_code): the
# raw blocks extension too, so that a summary's HTML is checked as the site would show it.
EXTENSIONS = [
    "tables",
    "attr_list",
    "md_in_html",
    "admonition",
    "toc",
    "fenced_code",
    "generator.outputs.site.raw_blocks",
]
_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote"),
    *("ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "div"),
}
_ATTRIBUTES = {"href", "src", "alt", "title", "id", "class", "style"}
_ALIGNMENT = re.compile(r"text-align: (left|right|center);")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]")
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<https?://[^<>\s]*>", re.IGNORECASE)
_REFERENCE = re.compile(r"^( {0,3})\[([^\[\]]*)\]:[ \t]*(\S*)", re.MULTILINE)
_LINK_OPENING = re.compile(r"\]\([ \t]*\n?[ \t]*")
_UNESCAPED_BRACE = re.compile(r"(?<!\\)\{")
_MARKUP_SIGNS = re.compile(r"[<&{\[]")
_LITERAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def safe_url(url: str) -> bool:
    """An http(s) or relative address, as a browser would read it (entities decoded, the tabs,
    newlines and controls it ignores dropped)."""
    text = "".join(c for c in html.unescape(url) if ord(c) > 32 and ord(c) != 127)
    scheme = _SCHEME.match(text)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


def _destination(text: str, start: int) -> str:
    """The address of an inline link whose ``](`` ends just before ``start``."""
    if text.startswith("<", start):
        end = text.find(">", start)
        return text[start + 1 : end] if end != -1 else text[start:]
    depth, end = 0, start
    while end < len(text) and not text[end].isspace():
        if text[end] == "(":
            depth += 1
        elif text[end] == ")":
            if depth == 0:
                break
            depth -= 1
        end += 1
    return text[start:end]


def _disarm_links(text: str) -> str:
    """``](`` of a link to an unsafe address becomes ``]\\(``, which is no link."""
    pieces, last = [], 0
    for match in _LINK_OPENING.finditer(text):
        if not safe_url(_destination(text, match.end())):
            pieces.append(text[last : match.start()] + "]\\(")
            last = match.start() + 2
    return "".join(pieces) + text[last:]


def _escape_html(text: str) -> str:
    pieces, last = [], 0
    for match in re.finditer("<", text):
        if match.start() < last:
            continue
        autolink = _AUTOLINK.match(text, match.start())
        pieces.append(text[last : match.start()] + (autolink.group(0) if autolink else "&lt;"))
        last = autolink.end() if autolink else match.end()
    return "".join(pieces) + text[last:]


def _disarm_reference(match: re.Match[str]) -> str:
    indent, _label, address = match.groups()
    return match.group(0) if safe_url(address) else f"{indent}\\{match.group(0)[len(indent) :]}"


def _escape_outside_code(text: str) -> str:
    return _UNESCAPED_BRACE.sub(r"\\{", _escape_html(_disarm_links(text)))


def _escape_prose(text: str) -> str:
    """One run of lines between blank lines: everything outside its code spans escaped."""
    text = _REFERENCE.sub(_disarm_reference, text)
    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        pieces.append(_escape_outside_code(text[last : span.start()]) + span.group(0))
        last = span.end()
    return "".join(pieces) + _escape_outside_code(text[last:])


def escape_markdown(text: str) -> str:
    """``text`` with raw HTML, attribute lists and unsafe links escaped, code left as it is."""
    out: list[str] = []
    prose: list[str] = []
    fence: str | None = None
    in_code = in_list = False
    previous_blank = True

    def flush() -> None:
        out.append(_escape_prose("".join(prose)))
        prose.clear()

    for line in text.splitlines(keepends=True):
        blank, indented = not line.strip(), bool(_INDENTED.match(line))
        if fence is not None:
            out.append(line)
            fence = None if line.rstrip("\r\n").rstrip(" ") == fence else fence
        elif opening := _FENCE.match(line):
            flush()
            fence = opening.group(1)
            out.append(line)
        elif (in_code and (blank or indented)) or (indented and previous_blank and not in_list):
            flush()
            in_code = True
            out.append(line)
        elif blank:
            flush()
            out.append(line)
        else:
            in_code = False
            if not indented and _LIST_ITEM.match(line):
                in_list = True
            elif not indented and previous_blank:
                in_list = False
            prose.append(line)
        previous_blank = blank
    flush()
    return "".join(out)


def _attribute_is_plain(name: str, value: str) -> bool:
    if name in ("href", "src"):
        return safe_url(value)
    if name == "style":
        return bool(_ALIGNMENT.fullmatch(value))
    return name in _ATTRIBUTES


class _MarkupCheck(HTMLParser):
    """Whether rendered HTML holds only what plain Markdown makes, with safe addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.safe = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _TAGS:
            self.safe = False
        for name, value in attrs:
            if not _attribute_is_plain(name, value or ""):
                self.safe = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.safe = False

    def handle_decl(self, decl: str) -> None:
        self.safe = False

    def handle_pi(self, data: str) -> None:
        self.safe = False

    def unknown_decl(self, data: str) -> None:
        self.safe = False


@cache
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})


def renders_safely(text: str) -> bool:
    """Whether Markdown ``text``, rendered as the site renders it, is plain markup with safe links."""
    renderer = _renderer()
    renderer.reset()
    check = _MarkupCheck()
    check.feed(renderer.convert(text))
    check.close()
    return check.safe and all(safe_url(url) for url, _title in renderer.references.values())


def literal_markdown(text: str) -> str:
    """``text`` as Markdown that shows every character as written and makes no markup at all."""
    lines = (html.escape(_LITERAL.sub(r"\\\1", line.strip()), quote=False) for line in text.splitlines())
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def safe_markdown(text: str) -> str:
    """Contributors' Markdown as it may be rendered on the site: unchanged when it is plain."""
    if not _MARKUP_SIGNS.search(text):
        return text  # no tag, entity, attribute list or link can be made without one of these
    escaped = escape_markdown(text)
    return escaped if renders_safely(escaped) else literal_markdown(text)

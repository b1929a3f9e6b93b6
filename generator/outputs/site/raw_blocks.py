"""The generator's own HTML blocks (a chart, its data, its table, a long table) reach the page as written.

Python-Markdown's md_in_html parses every raw HTML block into a tree and writes it out again, which
was a third of the engine's time on an area page (tens of charts, each an HTML table) and changed
nothing a reader sees: the same elements with their attributes reordered. Its table extension and
the inline processing of every cell were most of the rest: two thirds of the Markdown time of the
national site went on the long pipe tables of area, indicator and report pages. So the templates
write those as HTML too. A block the templates write (site_templates/pages/_chart.md.j2, and the
``<div class="stack ...">`` of a table with a row per figure, measure, council or report) starts a
paragraph with one of STARTS, holds no blank line and no ``markdown`` attribute, and closes every
``div``, ``script`` and ``table`` it opens; such a block is set aside whole, as Python-Markdown sets
aside raw HTML, before its HTML parser runs. Anything else (a hand-written page's HTML, a block that
does not balance, a ``markdown="1"`` block) takes Python-Markdown's usual way.
The values inside were escaped for HTML by the template (``| html``, ``| attr``: escaping.py).

Its links are written as Markdown links are, to the .md file relative to the page's own
(addresses.link), because the two engines treat links in HTML differently. Zensical rewrites and
checks every relative link in the page's HTML itself, raw HTML included, reading it relative to the
source file. MkDocs rewrites and checks only the links of Markdown, in its ``relpath``
treeprocessor; so when that is present each ``href`` of a block is passed through it here, as it
would pass a Markdown link (Material's preview extension reaches it the same way). Either way the
page gets the address a Markdown link got, and a link to a missing page still stops a strict build.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# A chart's element, table and download buttons; its JSON; a long table (class "stack", and for a
# report's figures "stack figures ...").
STARTS = ('<div class="chart', '<script type="application/json"', '<div class="stack')
_TAGS = ("div", "script", "table")
# Before Python-Markdown's raw HTML step (html_block, 20), which md_in_html replaces.
_PRIORITY = 25
# An href attribute's value as the templates write it (a value they escaped cannot hold a quote).
_HREF = re.compile(r'(?<=\shref=")[^"]*(?=")')


def _balanced(block: str) -> bool:
    return "markdown=" not in block and all(
        len(re.findall(rf"<{tag}[\s>]", block)) == block.count(f"</{tag}>") for tag in _TAGS
    )


def _engine_links(md: Markdown) -> Callable[[str], str] | None:
    """How MkDocs rewrites a Markdown link on the page it is rendering (None outside MkDocs)."""
    if "relpath" not in md.treeprocessors:
        return None
    return getattr(md.treeprocessors["relpath"], "path_to_url", None)


def _with_links(block: str, rewrite: Callable[[str], str]) -> str:
    def one(match: re.Match[str]) -> str:
        url = html.unescape(match[0])
        new = rewrite(url)
        return match[0] if new == url else html.escape(new)

    return _HREF.sub(one, block)


class _GeneratedBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        rewrite = _engine_links(self.md)
        kept: list[str] = []
        start, count = 0, len(lines)
        while start < count:
            line = lines[start]
            if line.startswith(STARTS) and (start == 0 or not lines[start - 1].strip()):
                end = start
                while end < count and lines[end].strip():
                    end += 1
                block = "\n".join(lines[start:end])
                if _balanced(block):
                    if rewrite is not None and 'href="' in block:
                        block = _with_links(block, rewrite)
                    kept.append(self.md.htmlStash.store(block))
                    start = end
                    continue
            kept.append(line)
            start += 1
        return kept


class GeneratedBlocksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_GeneratedBlocks(md), "generated_blocks", _PRIORITY)


def makeExtension(**kwargs) -> GeneratedBlocksExtension:
    """Python-Markdown's entry point for an extension named by its module."""
    return GeneratedBlocksExtension(**kwargs)

"""The generator's own HTML blocks (a chart, its data, its table) reach the page as written.

Python-Markdown's md_in_html parses every raw HTML block into a tree and writes it out again, which
was a third of the engine's time on an area page (tens of charts, each an HTML table) and changed
nothing a reader sees: the same elements with their attributes reordered. A block the templates
write (site_templates/pages/_chart.md.j2) starts a paragraph with one of STARTS, holds no blank
line and no ``markdown`` attribute, and closes every element it opens; such a block is set aside
whole, as Python-Markdown sets aside raw HTML, before its HTML parser runs. Anything else (a
hand-written page's HTML, a block that does not balance) takes Python-Markdown's usual way.
The values inside were escaped for HTML by the template (escaping.py), as they had to be already.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

STARTS = ('<div class="chart', '<script type="application/json"')
_TAGS = ("div", "script", "table")
# Before Python-Markdown's raw HTML step (html_block, 20), which md_in_html replaces.
_PRIORITY = 25


def _balanced(block: str) -> bool:
    return "markdown=" not in block and all(
        len(re.findall(rf"<{tag}[\s>]", block)) == block.count(f"</{tag}>") for tag in _TAGS
    )


class _GeneratedBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
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

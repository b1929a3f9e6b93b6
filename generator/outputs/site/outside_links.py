"""Links to other sites carry rel="noopener noreferrer" (a Python-Markdown extension, in mkdocs.yml).

Package metadata from many hands puts addresses on the pages (a report's source document), and
hand-written pages link to other sites. ``noopener`` keeps a page opened from one of those links,
in a new tab, from reaching back into ours through ``window.opener``; ``noreferrer`` keeps the
address of the page a reader was on (which council's figures they were reading) from the other
site. Any rel an author gave with attr_list is kept. Raw HTML in the Markdown is not rewritten;
the page templates write their outside links as Markdown.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

OUTSIDE_REL = ("noopener", "noreferrer")
# After inline links exist (inline, 20) and after attr_list (8) has set any rel an author gave.
_PRIORITY = 5


def is_outside(href: str) -> bool:
    """An address on another site: absolute http(s), or scheme-relative."""
    return href.strip().lower().startswith(("http://", "https://", "//"))


def with_outside_rel(rel: str) -> str:
    tokens = rel.split()
    return " ".join(tokens + [token for token in OUTSIDE_REL if token not in tokens])


class _OutsideLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if is_outside(link.get("href", "")):
                link.set("rel", with_outside_rel(link.get("rel", "")))


class OutsideLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_OutsideLinks(md), "outside_links", _PRIORITY)


def makeExtension(**kwargs) -> OutsideLinksExtension:
    """Python-Markdown's entry point for an extension named by its module."""
    return OutsideLinksExtension(**kwargs)

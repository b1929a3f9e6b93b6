"""Both engines' pages lose their templates' indentation and nothing a browser draws."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from generator.outputs.engines import html_whitespace, mkdocs
from generator.outputs.engines.html_whitespace import collapse
from generator.outputs.engines.site_config import write_yaml

KEPT = ("pre", "code", "kbd", "textarea", "script", "style")


class _Drawn(HTMLParser):
    """What a browser draws from a page: its elements and their attributes, in order, and its
    text, with each run of white space as one space, but as written inside the kept elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self._verbatim = 0

    def handle_starttag(self, tag, attrs):
        self._verbatim += tag in KEPT
        self.events.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self._verbatim -= tag in KEPT
        self.events.append(("end", tag))

    def handle_data(self, data):
        text = data if self._verbatim else " ".join(data.split())
        if text:
            self.events.append(("text", text))

    def handle_comment(self, data):
        self.events.append(("comment", data))


def drawn(html: str) -> list[tuple]:
    parser = _Drawn()
    parser.feed(html)
    parser.close()
    return parser.events


def indented_lines_outside_kept_elements(html: str) -> list[str]:
    outside = re.sub(rf"<({'|'.join(KEPT)})[\s>].*?</\1\s*>", "kept", html, flags=re.DOTALL | re.IGNORECASE)
    return re.findall(r"\n\s[^\n]*", outside)  # a line that starts with white space, or a blank one


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <style>
      p { color: red; }
    </style>
    <script>var a = "x\n    y";</script>
  </head>
  <body>
    <p>Two
       words   stay apart</p>

    <pre><code>def f():
    return 1
</code></pre>
    <p>Inline <code>a  \n   b</code> and <kbd>Ctrl  +\n  C</kbd>.</p>
    <TEXTAREA name="q">  one
   two</TEXTAREA>
  </body>
</html>
"""


def test_a_page_is_drawn_the_same_without_its_indentation():
    lean = collapse(PAGE)
    assert drawn(lean) == drawn(PAGE)
    assert len(lean) < len(PAGE)
    assert indented_lines_outside_kept_elements(lean) == []
    assert "<p>Two\nwords   stay apart</p>" in lean  # spaces without a line break stay as written
    for kept in (
        "<pre><code>def f():\n    return 1\n</code></pre>",
        "<code>a  \n   b</code>",
        "<kbd>Ctrl  +\n  C</kbd>",
        '<TEXTAREA name="q">  one\n   two</TEXTAREA>',
        "<style>\n      p { color: red; }\n    </style>",
        '<script>var a = "x\n    y";</script>',
    ):
        assert kept in lean


def test_an_element_never_closed_keeps_the_rest_of_the_page_as_written():
    page = "<div>\n   <p>a</p>\n   <pre>unclosed\n   text\n   <p>b</p>"
    assert collapse(page) == "<div>\n<p>a</p>\n<pre>unclosed\n   text\n   <p>b</p>"
    assert collapse("") == "" and collapse("no breaks at all") == "no breaks at all"


def _material_site(folder, *, collapsed: bool, monkeypatch):
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "# Children's services\n\nSee [the next page](next.md).\n\n"
        "```\nindented:\n    code stays\n```\n\nSome `inline  code` here.\n",
        encoding="utf-8",
    )
    (docs / "next.md").write_text("## Part\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    config = {"site_name": "t", "theme": {"name": "material"}, "plugins": ["search"]}
    if not collapsed:
        monkeypatch.setattr(mkdocs, "_CollapseWhitespace", mkdocs.BasePlugin)
    mkdocs.run_mkdocs(write_yaml(config, folder / "mkdocs.yml"), docs, folder / "site", epoch="0")
    monkeypatch.undo()
    return folder / "site"


def test_mkdocs_writes_each_page_and_its_404_page_drawn_the_same_without_indentation(tmp_path, monkeypatch):
    plain = _material_site(tmp_path / "plain", collapsed=False, monkeypatch=monkeypatch)
    lean = _material_site(tmp_path / "lean", collapsed=True, monkeypatch=monkeypatch)
    pages = sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*.html"))
    assert "404.html" in pages and "next/index.html" in pages
    for name in pages:
        before = (plain / name).read_text(encoding="utf-8")
        after = (lean / name).read_text(encoding="utf-8")
        assert after == collapse(before), name
        assert drawn(after) == drawn(before), name
        assert indented_lines_outside_kept_elements(after) == [], name
        assert len(after) < 0.97 * len(before), name
    assert "indented:\n    code stays" in (lean / "index.html").read_text(encoding="utf-8")


def test_collapsing_a_site_writes_each_page_anew_and_never_through_a_link(tmp_path):
    published = tmp_path / "published.html"
    published.write_text("<p>\n   a</p>\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "deep").mkdir(parents=True)
    (site / "deep" / "index.html").hardlink_to(published)
    (site / "data.csv").write_text("a,\n   b\n", encoding="utf-8")
    html_whitespace.collapse_files(site)
    assert (site / "deep" / "index.html").read_text(encoding="utf-8") == "<p>\na</p>\n"
    assert published.read_text(encoding="utf-8") == "<p>\n   a</p>\n"  # the link's other name
    assert (site / "data.csv").read_text(encoding="utf-8") == "a,\n   b\n"  # only HTML
    assert sorted(p.name for p in site.rglob("*")) == ["data.csv", "deep", "index.html"]


@pytest.mark.slow  # reads the browser tests' builds
@pytest.mark.parametrize("build", ["hostile_build", "zensical_build"])
def test_every_page_either_engine_publishes_is_without_indentation(request, build):
    site = request.getfixturevalue(build) / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert indented_lines_outside_kept_elements(html) == [], page

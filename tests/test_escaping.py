"""Text from a pull request shows as text wherever it lands on a page, and never becomes markup.

The filters are tested through Markdown as MkDocs runs it, and a site is built from packages and a
registry whose every text field is hostile, so a template field without its filter fails here.
"""

import csv
import html
import json
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import pytest

from generator.build import build_site
from generator.outputs.site.escaping import html_text, json_script, link_target, markdown_environment
from generator.outputs.site.raw_blocks import STARTS
from generator.project import Project
from support import GOOD_ROW, ROOT, built_once, copy_project, write_package

MKDOCS_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
ATTACKS = (
    '</title><script>alert(1)</script> [x](javascript:alert(1)) " onmouseover="alert(1) '
    "[y](http://onmouseover=alert(1)//) `code` **bold** | {: onclick=alert(1) }"
)


def hostile(field: str) -> str:
    """A field's own attack text, so a failure names the field that lost its filter."""
    return f"{field} {ATTACKS}"


class Page(HTMLParser):
    """Roughly what a browser makes of a page: visible text, attributes and script bodies."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.texts: dict[str, str] = {}  # the text of each <span> with an id (names by reference)
        self._span: str | None = None
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))
        if tag == "span" and dict(attrs).get("id"):
            self._span = dict(attrs)["id"]
            self.texts[self._span] = ""

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None
        if tag == "span":
            self._span = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.text.append(data)
            if self._span is not None:
                self.texts[self._span] += data

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())

    def attribute(self, name: str) -> list[str]:
        return [value for _, n, value in self.attributes if n == name]


def assert_inert(page: Page) -> None:
    """Nothing from the data became an element, an event handler, a javascript: link or a script."""
    assert [(t, n) for t, n, _ in page.attributes if n.startswith("on")] == []
    links = page.attribute("href") + page.attribute("src")
    assert [link for link in links if link.strip().lower().startswith("javascript:")] == []
    for attrs, body in page.scripts:
        if attrs.get("type") == "application/json":
            json.loads(body)  # a block that something closed early would not parse
        else:
            assert "alert(" not in body


def markdown_page(source: str) -> Page:
    return Page(markdown.markdown(source, extensions=MKDOCS_EXTENSIONS))


def render(template: str, **context) -> str:
    return markdown_environment(jinja2.DictLoader({"t": template})).get_template("t").render(**context)


def test_a_value_without_a_filter_is_html_escaped():
    assert render("{{ x }}", x="<script>") == "&lt;script&gt;"


def test_md_keeps_markdown_text_as_text_in_a_table_cell():
    page = markdown_page(render("| a | b |\n|---|---|\n| {{ x | md }} | end |\n", x=ATTACKS))
    assert_inert(page)
    assert page.visible == f"a b {ATTACKS} end"
    assert page.attributes == []  # no link, no emphasis, no code, and the row kept its two cells


def test_attr_keeps_an_attribute_whole_inside_a_markdown_table_row():
    # The figure links of a report sit in a table row: Markdown reads [y](...) inside the tag.
    source = render(
        '| a |\n|---|\n| <a href="#f" aria-label="Figure: {{ x | attr }}">#</a> |\n', x=hostile("label")
    )
    page = markdown_page(source)
    assert_inert(page)
    assert page.attribute("aria-label") == [f"Figure: {hostile('label')}"]


def test_attr_and_html_keep_text_as_text_in_a_raw_html_block():
    template = '<div aria-label="{{ x | attr }}"><table><tr><td>{{ x | html }}</td></tr></table></div>\n'
    source = render(template, x=ATTACKS)
    page = markdown_page(source)
    assert_inert(page)
    assert page.attribute("aria-label") == [ATTACKS]
    assert page.visible == ATTACKS


def test_a_line_break_cannot_end_the_row_or_the_block():
    assert str(html_text("one\n\ntwo")) == "one two"
    page = markdown_page(render("| a |\n|---|\n| {{ x | md }} |\n", x="one\n\n# two"))
    assert page.visible == "a one # two"


def test_json_script_cannot_close_its_block():
    document = {"name": "</script><script>alert(1)</script> & \u2028\u2029"}
    text = str(json_script(document))
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == document


def test_link_keeps_a_web_address_one_link():
    url = "https://example.org/a) [z](javascript:alert(1)) | x"
    page = markdown_page(render("| a |\n|---|\n| [report]({{ u | link }}) |\n", u=url))
    assert_inert(page)
    assert page.attribute("href") == [str(link_target(url))]
    assert page.visible == "a report"


def _rename(table: Path, key: str, changes: dict[str, dict[str, str]]) -> None:
    with table.open(newline="", encoding="utf-8") as source:
        reader = csv.DictReader(source)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        row.update(changes.get(row[key], {}))
    with table.open("w", newline="", encoding="utf-8") as target:
        writer = csv.DictWriter(target, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The real project with hostile registry names, and two hostile reports that disagree."""
    return built_once(tmp_path_factory, "hostile-site", _hostile_site)


def _on_two_lines(field: str) -> str:
    """A field's attack, then a line break and a line of its own."""
    return f"{hostile(field)}\n\n{field} on a line of its own"


def _shown(field: str) -> str:
    """That field as a page shows it: on one line."""
    return " ".join(_on_two_lines(field).split())


def _hostile_site(root: Path) -> Path:
    """Every text field holds its attack and then a line break (a CSV cell may hold one), which must
    not end the table row, the list item or the HTML block it lands in."""
    copy_project(ROOT, root)
    registry = root / "datapackages/registry"
    _rename(registry / "authorities.csv", "code", {"E10000018": {"name": _on_two_lines("area")}})
    _rename(
        registry / "indicators.csv",
        "id",
        {
            "cp_plans": {
                "title": _on_two_lines("indicator"),
                "definition": _on_two_lines("definition"),
                "why_it_matters": _on_two_lines("why"),
                "national_definition": _on_two_lines("national"),
            }
        },
    )
    figures = [
        {**GOOD_ROW, "period": "2020-04-17", "value": "510"},
        {**GOOD_ROW, "period": "2020-03-17", "value": "505"},  # three periods: a trend line
        {**GOOD_ROW, "note": _on_two_lines("note"), "provenance": _on_two_lines("provenance")},
        {**GOOD_ROW, "authority_code": "E92000001", "value": "52000"},
        # a dimension is a code, which validation keeps on one line (cell-characters)
        {**GOOD_ROW, "breakdown_dimension": hostile("dimension"), "breakdown_category": "x", "value": "12"},
    ]
    meta = {
        "description": _on_two_lines("description"),
        "publisher": _on_two_lines("publisher"),
        "committee": _on_two_lines("committee"),
        "meeting_date_note": _on_two_lines("meeting"),
    }
    # A path that could break out of its link is refused by validation (the source-url check); the
    # `| link` filter that would stop it anyway is tested in test_escaping_by_context.py.
    source = {"title": _on_two_lines("source"), "path": "https://example.org/a?x=1&y=2"}
    write_package(
        root / "datapackages/hostile-a",
        figures,
        title=_on_two_lines("title"),
        sources=[{**source, "agenda_item": _on_two_lines("agenda")}],
        **meta,
    )
    write_package(
        root / "datapackages/hostile-b",
        [{**GOOD_ROW, "value": "600", "provenance": _on_two_lines("other")}],
        title=_on_two_lines("other title"),
        **meta,
    )
    build_site(Project(root))
    return root / "site"


SHOWN = {
    "reports/hostile-a/": [
        "title", "description", "publisher", "committee", "meeting", "source", "agenda", "area",
        "indicator", "dimension", "note", "provenance",
    ],
    "reports/": ["title", "other title"],
    "authorities/E10000018/": ["area", "indicator", "title", "other title"],
    "authorities/": ["area"],
    "indicators/cp_plans/": [
        "indicator", "definition", "why", "national", "area", "dimension", "note", "provenance", "title",
    ],
    "indicators/": ["indicator"],
    "discrepancies/": ["indicator", "area", "title", "other title", "provenance", "other"],
    "": ["title", "area"],
}  # fmt: skip


@pytest.mark.parametrize("path", SHOWN)
def test_hostile_fields_show_as_text_and_nothing_becomes_markup(site, path):
    page = Page((site / path / "index.html").read_text(encoding="utf-8"))
    assert_inert(page)
    missing = [field for field in SHOWN[path] if hostile(field) not in page.visible]
    assert missing == []


def test_attributes_and_chart_data_hold_the_hostile_text_whole(site):
    page = Page((site / "reports/hostile-a/index.html").read_text(encoding="utf-8"))
    # A permalink's name is made of words the page holds once each (aria-labelledby).
    names = [" ".join(page.texts[i] for i in ids.split()) for ids in page.attribute("aria-labelledby")]
    assert any(hostile("dimension") in name and hostile("area") in name for name in names)
    # A chart's name is the summary under it, which holds the text whole.
    assert any(name.startswith(f"{_shown('indicator')}: {_shown('area')}") for name in names)
    citation = page.attribute("data-citation")
    assert len(citation) == 1 and citation[0].startswith(f"{_shown('publisher')} (2020). {_shown('title')}")
    [source] = [href for href in page.attribute("href") if href.startswith("https://example.org/")]
    assert source == "https://example.org/a?x=1&y=2"
    charts = [json.loads(body) for attrs, body in page.scripts if attrs.get("id", "").startswith("chart-")]
    # A long name is broken into lines (<br>) between its words, each line escaped.
    names = [" ".join(trace["name"].replace("<br>", " ").split()) for trace in charts[0]["data"]]
    assert charts and html.escape(_shown("area")) in names


def test_every_generated_html_block_reaches_the_page_whole(site):
    """The long tables and the charts are HTML blocks that raw_blocks passes through as written,
    which it does only for a block without a blank line: a field escaped with | html or | attr
    stays on one line, so a line break from a data file cannot split one (the table would then
    take Python-Markdown's slow way, and a template field that lost its filter shows here)."""
    for page in sorted((site.parent / "build/docs").rglob("*.md")):
        renderer = markdown.Markdown(extensions=["generator.outputs.site.raw_blocks"])
        lines = renderer.preprocessors["generated_blocks"].run(page.read_text(encoding="utf-8").split("\n"))
        assert [line for line in lines if line.startswith(STARTS)] == [], page.name

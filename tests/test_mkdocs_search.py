"""MkDocs's search plugin reads each page without a report's figures table, and indexes the same."""

from __future__ import annotations

from generator.outputs.engines import mkdocs
from generator.outputs.engines.mkdocs import without_figures_tables
from generator.outputs.engines.site_config import write_yaml

# A report's figures section as report.md.j2 writes it: rows without their optional end tags.
ROWS = "".join(
    f'<tr><td><a id="f-{i:016x}" href="#f-{i:016x}" aria-labelledby="fl0 fl1">#</a> Referrals'
    f"<td>202{i % 10}<td>{i}<td>para {i}\n"
    for i in range(300)
)
FIGURES = (
    '<div class="stack figures" data-rows="300">\n<table>\n<thead>\n<tr>\n<th>Measure</th>\n'
    "<th>Period</th>\n<th>Value</th>\n<th>Where in the report</th>\n</tr>\n</thead>\n<tbody>\n"
    f'{ROWS}</tbody>\n</table>\n<div hidden><span id="fl0">Link to this figure:</span>'
    '<span id="fl1">Referrals,</span></div>\n</div>'
)
PAGE = (
    "# A report\n\nWords to find.\n\n## Every figure in this report { data-search-exclude }\n\n"
    f"Values as printed.\n\n{FIGURES}\n\n## Cite this report {{ data-search-exclude }}\n\nCite it.\n\n"
    "## Afterwards\n\nMore words to find.\n"
)


def test_a_pages_figures_tables_are_taken_out_and_nothing_else():
    html = f"<p>before</p>\n{FIGURES}\n<p>between</p>\n{FIGURES}\n<h2>after</h2>"
    assert without_figures_tables(html) == "<p>before</p>\n\n<p>between</p>\n\n<h2>after</h2>"
    assert without_figures_tables("<p>no table</p>") == "<p>no table</p>"
    unfinished = FIGURES.replace("</div>\n</div>", "")  # not the block the template writes
    assert without_figures_tables(unfinished) == unfinished


def _site(folder, monkeypatch, *, skipping: bool):
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    config = {
        "site_name": "t",
        "theme": {"name": "material"},
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "md_in_html", "generator.outputs.site.raw_blocks"],
    }
    if not skipping:
        monkeypatch.setattr(mkdocs, "_SearchSkipsFiguresTables", mkdocs.BasePlugin)
        monkeypatch.setattr(mkdocs, "_WholePageBack", lambda _search: mkdocs.BasePlugin())
    mkdocs.run_mkdocs(write_yaml(config, folder / "mkdocs.yml"), docs, folder / "site", epoch="0")
    monkeypatch.undo()
    return folder / "site"


def test_the_search_index_and_the_pages_are_those_made_with_the_table_in_view(tmp_path, monkeypatch):
    skipping = _site(tmp_path / "skipping", monkeypatch, skipping=True)
    seeing = _site(tmp_path / "seeing", monkeypatch, skipping=False)
    index = (skipping / "search/search_index.json").read_text(encoding="utf-8")
    assert index == (seeing / "search/search_index.json").read_text(encoding="utf-8")
    assert "More words to find" in index and "Words to find" in index and "Referrals" not in index
    page = (skipping / "index.html").read_text(encoding="utf-8")
    assert page == (seeing / "index.html").read_text(encoding="utf-8")
    assert page.count("<tr><td><a id=") == 300  # the page itself keeps its table

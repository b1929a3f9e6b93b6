"""The generator's HTML blocks (charts, long tables) pass through Python-Markdown as written, and
their links get the addresses Markdown links get, with either engine."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.outputs.site.raw_blocks import STARTS

EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc", "generator.outputs.site.raw_blocks"]
TABLE = """<div class="stack figures" data-rows="1">
<table>
<thead>
<tr>
<th>Measure</th>
</tr>
</thead>
<tbody>
<tr>
<td><a href="../indicators/cp_plans.md">Plans</a> <details><summary>Where</summary>para *16*</details></td>
</tr>
</tbody>
</table>
</div>"""


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def test_a_long_table_is_set_aside_as_written():
    assert TABLE.startswith(STARTS)
    assert convert(f"Intro\n\n{TABLE}\n\nAfter") == f"<p>Intro</p>\n{TABLE}\n<p>After</p>"


@pytest.mark.parametrize(
    "source",
    [
        "Intro\n\n" + TABLE.replace('data-rows="1">', 'data-rows="1" markdown="1">'),  # Markdown inside
        "Intro\n\n" + TABLE.replace("</div>", ""),  # does not balance
        "Intro\n\n" + TABLE.replace("<tbody>", "\n<tbody>"),  # a blank line ends the block
        "Intro\n" + TABLE,  # does not start a paragraph
    ],
)
def test_anything_else_takes_python_markdowns_usual_way(source):
    renderer = markdown.Markdown(extensions=["generator.outputs.site.raw_blocks"])
    lines = renderer.preprocessors["generated_blocks"].run(source.split("\n"))
    assert '<div class="stack figures" data-rows="1"' in "\n".join(lines)  # not set aside
    assert len(renderer.htmlStash.rawHtmlBlocks) == 0


def _site(tmp_path: Path, link: str) -> Path:
    docs = tmp_path / "docs"
    (docs / "authorities").mkdir(parents=True)
    (docs / "indicators").mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "indicators/cp_plans.md").write_text('# Plans\n\n<span id="f-1"></span>\n', encoding="utf-8")
    (docs / "authorities/E10000018.md").write_text(
        f"# Leicestershire\n\n{TABLE.replace('../indicators/cp_plans.md', link)}\n", encoding="utf-8"
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\nuse_directory_urls: true\nstrict: true\nmarkdown_extensions:\n"
        + "".join(f"  - {e}\n" for e in EXTENSIONS),
        encoding="utf-8",
    )
    return config


@pytest.mark.slow  # runs MkDocs
def test_mkdocs_rewrites_and_checks_a_blocks_links_as_a_markdown_links(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    build(load_config(str(_site(tmp_path, "../indicators/cp_plans.md#f-1"))))
    page = (tmp_path / "site/authorities/E10000018/index.html").read_text(encoding="utf-8")
    assert '<a href="../../indicators/cp_plans/#f-1">Plans</a>' in page
    with pytest.raises(Abort, match="warning"):  # strict: a link to a missing page stops the build
        build(load_config(str(_site(tmp_path / "missing", "../indicators/missing.md"))))

"""An indicator page leads a reader from a report measure to the official one for every council, and back."""

import pytest

from generator.model.tidy import build_model
from generator.outputs.site.pages.indicator import indicator_pages
from generator.outputs.site.render import render_page
from generator.validation.validate import validate
from support import ROOT, write_package

OFFICIAL = {
    "publisher": "Department for Education",
    "publication": "Children looked after in England",
    "official_statistics": True,
    "authorities": ["E92000001"],
    "committee": None,
    "meeting_date": None,
    "meeting_date_note": "official statistics, not a committee report",
}


def _row(indicator: str, value: str, area: str = "E10000018") -> dict:
    return {
        "authority_code": area,
        "indicator_id": indicator,
        "period": "2018-03-31",
        "value": value,
        "provenance": "fixture",
    }


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("equivalents")
    packages = [
        write_package(root / "datapackages/report", [_row("children_in_care_rate_per_10k", "41.0")]),
        write_package(
            root / "datapackages/dfe-fixture",
            [
                _row("dfe_children_looked_after_rate_per_10k", "41.2"),
                _row("dfe_children_looked_after_rate_per_10k", "70.0", area="E06000017"),
            ],
            **OFFICIAL,
        ),
    ]
    validation = validate(packages, root=root, registry_parent=ROOT / "datapackages")
    assert validation.ok, validation.problems
    model = build_model(validation)
    return {p.path: render_page(p, ROOT / "site_templates") for p in indicator_pages(model)}


def _top(page: str) -> str:
    """The page down to its first section: what a reader sees first."""
    return page.split("\n## ")[0]


def test_the_report_measure_says_where_every_councils_figure_is(pages):
    top = _top(pages["indicators/children_in_care_rate_per_10k.md"])
    assert (
        "**For every council, see DfE's [Children looked after per 10,000 children (DfE official "
        "statistics)](dfe_children_looked_after_rate_per_10k.md).**" in top
    )


def test_the_official_measure_links_back_in_words_a_search_for_children_in_care_finds(pages):
    top = _top(pages["indicators/dfe_children_looked_after_rate_per_10k.md"])
    assert (
        "Committee reports give this measure as [Children in care per 10,000 children]"
        "(children_in_care_rate_per_10k.md)" in top
    )
    assert "For every council" not in top

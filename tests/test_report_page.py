"""A report page as a resident reads it: its areas and source are links, and it says what it lacks."""

import pytest

from generator.model.tidy import build_model
from generator.outputs.site.page import made
from generator.outputs.site.pages.report import report_pages
from generator.outputs.site.render import render_page
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, write_package

JUNE_2020 = "leicestershire-2020-06-02-help-and-protection"


def _page(model, name: str) -> str:
    [page] = [p for p in report_pages(model, ROOT / "content") if p.path == f"reports/{name}.md"]
    return render_page(page, ROOT / "site_templates")


@pytest.fixture(scope="module")
def june_2020(real_model) -> str:
    return _page(real_model, JUNE_2020)


def test_the_areas_a_report_covers_link_to_their_pages(june_2020):
    assert "| Areas | [Leicestershire](../authorities/E10000018.md) |" in june_2020


def test_a_source_with_no_web_address_says_so(june_2020):
    source = "| Source document | Children in Need of Help and Protection (no web address recorded) |"
    assert source in june_2020


@pytest.mark.parametrize("address", ["https://example.org/report.pdf", "http://example.org/report.pdf"])
def test_a_source_web_address_is_a_link(tmp_path, address):
    """Validation accepts http:// as well as https:// (core/web_address.py): both are links."""
    datapackages = tmp_path / "datapackages"
    folder = write_package(
        datapackages / "linked-report", [GOOD_ROW], sources=[{"title": "The report", "path": address}]
    )
    model = build_model(validate([folder], root=tmp_path, registry_parent=ROOT / "datapackages"))
    page = _page(model, "linked-report")
    assert f"| Source document | [The report]({address}) |" in page


def test_a_report_says_which_themes_and_measures_it_gives_no_figure_for(real_model, june_2020):
    """What did the June 2020 report say about caseloads? Nothing: the page says so."""
    [context] = [
        made(p).context["report"] for p in report_pages(real_model, ROOT / "content") if JUNE_2020 in p.path
    ]
    lacks = context["not_given"]
    assert lacks["themes"][:2] == ["children in care", "care leavers"]  # in the site's theme order
    assert "front door and assessment" not in lacks["themes"]  # it gives referrals
    assert "workforce" not in lacks["themes"]  # and turnover, vacancies, agency staff
    workforce = next(t["measures"] for t in lacks["measures"] if t["theme"] == "Workforce")
    assert workforce == ["Average social worker caseload"]
    given = {f.indicator_title for f in real_model.index.by_package[JUNE_2020] if f.value}
    assert not given & {m for t in lacks["measures"] for m in t["measures"]}
    assert "This report gives no figures on: children in care, care leavers," in june_2020
    assert "- Workforce: Average social worker caseload\n" in june_2020

"""Rendered Markdown of representative pages, compared with checked-in files.

A change to templates or formatting shows up here as a readable diff. When the change is intended,
run `UPDATE_GOLDEN=1 make test` and review the updated files in tests/golden/ before committing.

Each page is checked twice: rendered straight from the model (fast, for the quick test loop), and
as the build wrote it to build/docs (slow: it needs the whole site built).
"""

import os
from pathlib import Path

import pytest

from generator.outputs.site.page_map import all_pages
from generator.outputs.site.render import render_page
from support import ROOT

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "reports/stockton-2018-10-24-children-in-need-review.md",
    "authorities/E06000004.md",
    "indicators/cin_cases_closed.md",
    # a comparison chart of the latest period and a trend line; an area page with both and a headline
    "indicators/care_proceedings_rate_per_10k_0_18.md",
    "authorities/E10000003.md",
    "discrepancies.md",
]


@pytest.fixture(scope="module")
def from_model(real_model) -> dict[str, str]:
    pages = {page.path: page for page in all_pages(real_model, ROOT / "content") if page.path in PAGES}
    return {path: render_page(page, ROOT / "site_templates") for path, page in pages.items()}


@pytest.fixture(scope="module")
def from_build(real_build) -> dict[str, str]:
    return {page: (real_build / "build/docs" / page).read_text(encoding="utf-8") for page in PAGES}


@pytest.mark.parametrize("source", ["from_model", pytest.param("from_build", marks=pytest.mark.slow)])
@pytest.mark.parametrize("page", PAGES)
def test_rendered_page_matches_golden_file(request, source, page):
    actual = request.getfixturevalue(source)[page]
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file for {page}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")

"""Rendered Markdown of representative pages, compared with checked-in files.

A change to templates or formatting shows up here as a readable diff. When the change is intended,
run `UPDATE_GOLDEN=1 make test` and review the updated files in tests/golden/ before committing.
"""

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "reports/stockton-2018-10-24-children-in-need-review.md",
    "authorities/E06000004.md",
    "indicators/cin_cases_closed.md",
    "discrepancies.md",
]


@pytest.fixture(scope="module")
def rendered(real_build):
    return real_build / "build/docs"


@pytest.mark.parametrize("page", PAGES)
def test_rendered_page_matches_golden_file(rendered, page):
    actual = (rendered / page).read_text(encoding="utf-8")
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file for {page}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")

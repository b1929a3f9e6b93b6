"""Long tables in real Chromium (sortable-tables.js): a filter box and sortable columns added by
JavaScript, and without it the plain table with every row in its published order."""

import re

import pytest

from support import ON_THE_DEFAULT_ENGINE

pytestmark = pytest.mark.slow  # a whole site, in Chromium

INDICATOR = "indicators/care_proceedings_rate_per_10k_0_18/"
FIGURES = "#every-published-figure ~ .stack table"  # one row per published figure, over 20
# Each body row's cells as the reader sees them, without the labels a stacked row shows on a phone.
ROWS = """table => [...table.tBodies[0].rows].filter(row => !row.hidden).map(row =>
  [...row.cells].map(cell => {
    const label = cell.querySelector('.cell-label');
    return cell.textContent.replace(label ? label.textContent : '', '').trim();
  }))"""


def _value(cell: str) -> float | None:
    """The figure a Value cell starts with, or None for a marker ("x (not available)")."""
    number = re.match(r"-?[\d,]*\.?\d+", cell)
    return float(number.group().replace(",", "")) if number else None


@ON_THE_DEFAULT_ENGINE
@pytest.mark.parametrize("width", [390, 1280])
def test_sorting_by_value_puts_the_lowest_then_the_highest_figure_first(page_at, site_url, width):
    page = page_at(width, 900)
    page.goto(site_url + INDICATOR)
    table = page.locator(FIGURES)
    rows = table.evaluate(ROWS)
    assert len(rows) > 20
    values = sorted(v for v in (_value(row[2]) for row in rows) if v is not None)
    header = table.locator("thead th").nth(2)
    header.locator("button").click()  # a button in the header: the keyboard reaches it too
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = table.evaluate(ROWS)
    assert _value(ascending[0][2]) == values[0]
    assert _value(ascending[-1][2]) is None  # markers after every figure, in either order
    header.locator("button").press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    sorted_rows = table.evaluate(ROWS)
    assert _value(sorted_rows[0][2]) == values[-1]
    assert _value(sorted_rows[-1][2]) is None
    assert sorted(map(tuple, sorted_rows)) == sorted(map(tuple, rows))  # the same rows, reordered


@ON_THE_DEFAULT_ENGINE
def test_filtering_by_a_council_name_leaves_only_its_rows(page, site_url):
    page.goto(site_url + INDICATOR)
    table = page.locator(FIGURES)
    every = table.evaluate(ROWS)
    page.get_by_label("Show only rows containing").first.fill("Hampshire")
    shown = table.evaluate(ROWS)
    assert 0 < len(shown) < len(every)
    assert all("Hampshire" in row[0] for row in shown)
    assert len(shown) == sum("Hampshire" in " ".join(row) for row in every)
    assert page.get_by_role("status").filter(has_text="rows shown").first.inner_text() == (
        f"{len(shown)} of {len(every)} rows shown."
    )
    page.get_by_label("Show only rows containing").first.fill("")
    assert table.evaluate(ROWS) == every


def test_without_javascript_a_long_table_is_the_plain_table_with_every_row(browser, site_url, page):
    page.goto(site_url + INDICATOR)
    with_script = page.locator(FIGURES).evaluate(ROWS)
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site_url + INDICATOR)
    table = plain.locator(FIGURES)
    assert table.locator("thead button").count() == 0 and plain.locator(".table-filter").count() == 0
    assert table.evaluate(ROWS) == with_script  # every row, in the published order
    assert table.evaluate("t => [...t.tBodies[0].rows].every(row => row.getClientRects().length)")
    context.close()

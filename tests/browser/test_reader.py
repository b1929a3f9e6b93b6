"""The reader's experience (issue 14) in real Chromium: charts drawn only as they come near, no page
type wider than a phone or a laptop, no serious accessibility problem, the answer in words."""

import csv
import io
from pathlib import Path

import pytest

from generator.outputs.engines import DEFAULT_ENGINE, ENGINES
from support import ON_THE_DEFAULT_ENGINE

pytestmark = pytest.mark.slow  # a whole site, in Chromium

LEICESTERSHIRE = "authorities/E10000018/"
INDICATOR = "indicators/care_proceedings_rate_per_10k_0_18/"  # over 20 councils and figures
# One page of every kind the site has, and a second example of a kind where its pages differ in what
# they hold (a report with charts or without, a council with many or few figures, a measure most
# councils give or few do, another guide page).
PAGE_TYPES = [
    "",
    "reports/",
    "reports/leicestershire-2018-09-10-q1-performance/",
    "reports/cambridgeshire-2020-12-01-service-director-report/",
    "reports/leicestershire-2020-06-02-help-and-protection/",
    "authorities/",
    LEICESTERSHIRE,
    "authorities/E10000003/",
    "indicators/",
    "indicators/care_proceedings_rate_per_10k_0_18/",
    "indicators/sw_agency_pct/",
    "data/",
    "data/api/",
    "revisions/",
    "discrepancies/",
    "methodology/",
    "glossary/",
    "publish-your-data/",
]
SECOND_EXAMPLES = {
    "reports/cambridgeshire-2020-12-01-service-director-report/",
    "reports/leicestershire-2020-06-02-help-and-protection/",
    "authorities/E10000003/",
    "indicators/sw_agency_pct/",
    "data/api/",
}
# Every page above on the default engine's site; on another engine's, one page of each kind. The
# pages' Markdown, and so their articles, are the same on both engines (tests/test_engines.py); what
# an engine changes is the theme around them, which the first page of each kind shows.
ENGINE_PAGES = [
    pytest.param(
        engine, path, marks=() if engine == DEFAULT_ENGINE else pytest.mark.slow, id=f"{engine}-{path}"
    )
    for engine in ENGINES
    for path in PAGE_TYPES
    if engine == DEFAULT_ENGINE or path not in SECOND_EXAMPLES
]
# Every table wider than the element it sits in, and how wide the document is.
OVERFLOW = """() => ({
  document: document.documentElement.scrollWidth,
  viewport: window.innerWidth,
  tables: [...document.querySelectorAll('article table')]
    .filter(t => t.getBoundingClientRect().width > t.closest('article').clientWidth + 1
                 || t.scrollWidth > t.clientWidth + 1)
    .map(t => (t.querySelector('th') || t).textContent.trim().slice(0, 40)),
})"""


# Table cells (of the body) too narrow for their longest word, which the browser then splits.
BROKEN_WORDS = """() => [...document.querySelectorAll('article tbody td, article tbody th')]
  .filter(cell => cell.getClientRects().length)
  .map(cell => {
    const word = cell.textContent.split(/\\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    const probe = document.createElement('span');
    probe.style.whiteSpace = 'nowrap';
    probe.textContent = word;
    cell.appendChild(probe);
    const wide = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return wide > room + 1 ? word : null;
  })
  .filter(Boolean)"""


# A drawn chart's tick labels, axis titles and legend entries that stick out of the chart (clipped,
# where a reader cannot see them), and whether the legend starts above the foot of the x-axis title.
CHART_LABELS = """chart => {
  const box = chart.getBoundingClientRect();
  const labels = '.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .legendtext';
  const outside = [...chart.querySelectorAll(labels)]
    .map(text => [text.textContent, text.getBoundingClientRect()])
    .filter(([, r]) => r.width && (r.left < box.left - 1 || r.right > box.right + 1
                                   || r.top < box.top - 1 || r.bottom > box.bottom + 1))
    .map(([text]) => text);
  const title = chart.querySelector('.g-xtitle text').getBoundingClientRect();
  const legend = chart.querySelector('.legend');  // none for a single line
  const over = !!legend && legend.getBoundingClientRect().top < title.bottom - 1;
  return {outside: outside, legendOverTitle: over};
}"""


def _drawn(page) -> int:
    return page.evaluate("() => document.querySelectorAll('.chart--drawn').length")


@ON_THE_DEFAULT_ENGINE
def test_no_chart_is_drawn_before_it_is_near_the_viewport(page_at, site_url, draw_chart):
    page = page_at(390, 844)
    page.goto(site_url + LEICESTERSHIRE)
    page.wait_for_load_state("networkidle")
    charts = page.locator("[data-chart]")
    assert charts.count() > 2
    # The page opens on its headline block: no chart is near, so none is drawn and plotly.js
    # has not even been fetched.
    assert _drawn(page) == 0
    assert page.evaluate("() => typeof window.Plotly") == "undefined"
    scripts = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    assert not any("plotly" in name for name in scripts)
    last = charts.nth(charts.count() - 1)
    draw_chart(page, last)  # opening its theme, as a reader does
    # Only the charts near where the reader is are drawn; the first is far above.
    assert not charts.first.evaluate("c => c.classList.contains('chart--drawn')")


# Whether the browser draws an element now, or skips it as content-visibility: auto lets it.
_RENDERED = "e => e.checkVisibility({contentVisibilityAuto: true})"


@ON_THE_DEFAULT_ENGINE
def test_a_long_table_is_laid_out_only_as_it_comes_near(page_at, site_url):
    page = page_at(390, 844)
    page.goto(site_url + INDICATOR)
    page.wait_for_load_state("networkidle")
    far = page.locator(".stack").last  # the figures table, far below the first screen
    rows = far.locator("tbody tr")
    assert rows.count() > 20
    assert not rows.first.evaluate(_RENDERED)  # skipped until near
    last = rows.nth(rows.count() - 1)
    last.scroll_into_view_if_needed()
    page.wait_for_function(_RENDERED, arg=last.element_handle(), timeout=5000)  # drawn once there
    assert last.is_visible()
    # A skipped table still holds every row for find in page and screen readers: the row count the
    # page wrote for its height is the table's own.
    assert far.get_attribute("data-rows") == str(rows.count())


def test_the_search_index_is_fetched_when_a_reader_opens_search(page, site_url, site_engine, search):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + LEICESTERSHIRE)
    page.wait_for_load_state("networkidle")
    index = site_engine.search_index.as_posix()
    if site_engine.name == "mkdocs":  # search-on-demand.js holds back Material's index only
        assert not any(url.endswith(index) for url in requests)  # not on every page's load
    hrefs = search(page, site_url, "Rutland")  # opening search fetches it, and search answers
    assert any(url.endswith(index) for url in requests)
    assert any("authorities/E06000017/" in href for href in hrefs), hrefs


@ON_THE_DEFAULT_ENGINE
def test_an_area_page_lists_its_themes_and_opens_a_themes_charts_on_request(page_at, site_url):
    page = page_at(390, 844)
    page.goto(site_url + LEICESTERSHIRE)
    links = page.locator("nav.themes a")
    assert links.count() > 2
    for index in range(links.count()):  # every theme in the list is a heading on the page
        target = links.nth(index).get_attribute("href")
        assert page.locator(f"h3{target}").count() == 1, target
    theme = page.locator("details.theme-charts").first
    assert not theme.evaluate("d => d.open")
    theme.locator("summary").scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # time enough for charts.js to draw a chart it could see
    assert _drawn(page) == 0  # a closed theme's charts are not drawn
    theme.locator("summary").click()
    page.wait_for_function("d => d.querySelector('.chart--drawn') !== null", arg=theme.element_handle())
    # An address naming a chart inside a closed theme opens that theme.
    heading = page.locator("details.theme-charts").last.locator("h4").first.get_attribute("id")
    page.goto(site_url + LEICESTERSHIRE + "#" + heading)
    assert page.locator(f"#{heading}").evaluate("h => h.closest('details').open")
    assert page.locator(f"#{heading}").is_visible()


@ON_THE_DEFAULT_ENGINE
def test_drawing_a_chart_does_not_move_the_page(page, site_url):
    page.goto(site_url + LEICESTERSHIRE)
    chart = page.locator("[data-chart]").first
    page.locator("details.theme-charts > summary").first.click()  # the theme the first chart is in
    before = chart.evaluate("c => c.getBoundingClientRect().height")
    chart.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.chart--drawn') !== null", timeout=20000)
    after = chart.evaluate("c => c.getBoundingClientRect().height")
    assert before >= 240 and after == before  # the height was reserved before drawing


def _fits(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["document"] <= found["viewport"], found
    assert found["tables"] == [], found


@pytest.mark.parametrize(("site_engine", "path"), ENGINE_PAGES, indirect=["site_engine"])
def test_no_page_type_needs_sideways_scrolling_on_a_phone(page_at, site_url, path):
    """A load at each width (here and below): widening a loaded page would measure the theme's
    transitions between layouts (its drawer sliding away), not the layout a reader gets."""
    page = page_at(390, 900)
    page.goto(site_url + path)  # returns on the load event, once every script has run
    _fits(page)


@pytest.mark.parametrize(("site_engine", "path"), ENGINE_PAGES, indirect=["site_engine"])
def test_on_a_laptop_no_page_type_scrolls_sideways_and_axe_finds_nothing_serious(
    page, site_url, path, serious_violations
):
    """One load for both checks, which each read the page as it is once it has settled."""
    assert serious_violations(page, site_url + path) == []
    _fits(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chart_label_shows_whole_on_a_phone_and_a_laptop(page_at, site_url, width, draw_chart):
    page = page_at(width, 900)
    page.goto(site_url + LEICESTERSHIRE)
    charts = page.locator("[data-chart]")
    assert charts.count() > 2
    for index in range(charts.count()):  # line charts and bar charts
        chart = charts.nth(index)
        draw_chart(page, chart)
        assert chart.evaluate(CHART_LABELS) == {"outside": [], "legendOverTitle": False}, index


@pytest.mark.parametrize("path", ["reports/", "indicators/sw_agency_pct/", LEICESTERSHIRE])
def test_no_table_splits_a_word_on_a_phone(page_at, site_url, path):
    page = page_at(390, 900)
    page.goto(site_url + path)
    assert page.evaluate(BROKEN_WORDS) == []


WORDS = ("Better than", "Worse than", "Similar to", "Higher than", "Lower than", "Improving", "Getting worse")
WORDS += ("Little change", "Rising", "Falling", "Not compared")


@ON_THE_DEFAULT_ENGINE
@pytest.mark.parametrize("path", [LEICESTERSHIRE, "authorities/E10000003/"])
def test_the_headline_block_says_better_or_worse_in_words_not_colour(page, site_url, path):
    page.goto(site_url + path)
    block = page.locator(".headline")
    assert block.count() == 1
    top = block.evaluate("b => b.getBoundingClientRect().top + window.scrollY")
    detail = page.locator("#every-measure-by-theme")
    assert top < detail.evaluate("h => h.getBoundingClientRect().top + window.scrollY")  # answer first
    judgements = block.locator(".judgement")
    assert judgements.count() > 0
    for index in range(judgements.count()):
        judgement = judgements.nth(index)
        words = judgement.inner_text().lstrip("✔✘≈▲▼ ")
        assert words.startswith(WORDS), words
        icons = judgement.locator("[aria-hidden='true']")
        for i in range(icons.count()):  # an icon only repeats the words
            assert icons.nth(i).inner_text() in "✔✘≈▲▼"
    assert "Improving over 2 periods" in block.inner_text() or "Not compared" in block.inner_text()


@ON_THE_DEFAULT_ENGINE
def test_a_chart_downloads_exactly_its_table_as_csv(page, site_url):
    page.goto(site_url + "indicators/care_proceedings_rate_per_10k_0_18/")
    chart = page.locator("[data-chart]").first
    chart.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.chart--drawn') !== null", timeout=20000)
    box = page.locator(f"[data-chart-downloads='{chart.get_attribute('id')}']")
    assert box.is_visible()
    with page.expect_download() as download:
        box.locator("[data-download='csv']").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = box.locator("xpath=following-sibling::div[contains(@class,'chart-table')][1]//table")
    rows = table.locator("tr")
    expected = [rows.nth(i).locator("th, td").all_inner_texts() for i in range(rows.count())]
    assert list(csv.reader(io.StringIO(text))) == expected
    with page.expect_download() as picture:
        box.locator("[data-download='svg']").click()
    assert picture.value.suggested_filename.endswith(".svg")


# The labels a phone shows in each row of a report's figures come from the stylesheet by column.
CELL_LABELS = """() => [...document.querySelectorAll('.figures tbody tr')].slice(0, 3).map(row =>
  [...row.children].slice(1, 4).map(cell => getComputedStyle(cell, '::before').content))"""
AREA_PERIOD_VALUE = ['"Area: "', '"Period: "', '"Value: "']
PERIOD_VALUE = ['"Period: "', '"Value: "', '"Where in the report: "']  # the last column, by its place


@pytest.mark.parametrize(
    ("path", "labels"),
    [
        ("reports/leicestershire-2018-09-10-q1-performance/", AREA_PERIOD_VALUE),  # England beside it
        ("reports/hostile-fixture/", PERIOD_VALUE),  # one area: no Area column
    ],
)
def test_a_reports_figures_are_labelled_on_a_phone_and_not_on_a_laptop(page_at, site_url, path, labels):
    for width, expected in ((390, labels), (1280, ["none"] * 3)):
        page = page_at(width, 900)
        page.goto(site_url + path)
        rows = page.evaluate(CELL_LABELS)
        assert len(rows) == 3 and all(row == expected for row in rows), (width, rows)


# A chart's data table on a phone: each row a block of lines, each labelled with its column's
# heading; a row heading's label ("Period", or "Area" in a table of a row per area) from site.css.
# A table of one column of values fits a phone as it is: it stays a table, unlabelled.
CHART_TABLE_LABELS = """() => [...document.querySelectorAll('.chart-table')].map(box => {
  const headings = [...box.querySelectorAll('thead th')].map(th => th.textContent);
  const row = box.querySelector('tbody tr');
  return [headings, [...row.children].map(cell => getComputedStyle(cell, '::before').content),
          getComputedStyle(row).display];
})"""


@pytest.mark.parametrize(
    "path", ["reports/leicestershire-2020-06-02-help-and-protection/", "authorities/E10000003/"]
)
def test_a_charts_table_is_labelled_by_its_headings_on_a_phone_and_not_on_a_laptop(page_at, site_url, path):
    for width in (390, 1280):
        page = page_at(width, 900)
        page.goto(site_url + path)
        tables = page.evaluate(CHART_TABLE_LABELS)
        assert tables, path
        for headings, labels, display in tables:
            stacked = width == 390 and len(headings) > 2
            expected = [f'"{heading}: "' for heading in headings] if stacked else ["none"] * len(headings)
            assert labels == expected, (width, headings, labels)
            assert display == ("block" if stacked else "table-row"), (width, headings)
        assert any(len(headings) == 2 for headings, _, _ in tables), path  # a narrow table too
        if width == 390:  # both kinds of table are on an area page
            assert {headings[0] for headings, _, _ in tables} >= (
                {"Period", "Area"} if "authorities" in path else {"Period"}
            )


# An indicator's long tables on a phone: each cell after the area's is labelled by the stylesheet.
INDICATOR_LABELS = """table => [...document.querySelectorAll(table + ' tbody tr')].slice(0, 3).map(row =>
  [...row.children].slice(1).map(cell => getComputedStyle(cell, '::before').content))"""


@pytest.mark.parametrize(
    ("selector", "labels"),
    [
        (".latest-values", ['"Latest value:"', '"Period:"', '"Source:"']),
        (".indicator-figures", ['"Period:"', '"Value:"', '"Compared with:"', '"Report:"']),
    ],
)
def test_an_indicators_tables_are_labelled_on_a_phone_and_not_on_a_laptop(
    page_at, site_url, selector, labels
):
    for width, expected in ((390, labels), (1280, ["none"] * len(labels))):
        page = page_at(width, 900)
        page.goto(site_url + "indicators/care_proceedings_rate_per_10k_0_18/")
        rows = page.evaluate(INDICATOR_LABELS, selector)
        assert rows and all(row == expected for row in rows), (width, rows)

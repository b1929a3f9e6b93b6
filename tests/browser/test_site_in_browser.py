"""The built site as people use it: charts, tables without JavaScript, search, safety (accessibility:
test_reader.py, on every page type)."""

import pytest

from support import ON_THE_DEFAULT_ENGINE

AUTHORITY = "authorities/E10000018/"
INDICATOR = "indicators/care_proceedings_rate_per_10k_0_18/"
REPORT = "reports/leicestershire-2020-06-02-help-and-protection/"

pytestmark = pytest.mark.slow  # a whole site, in Chromium

# Each permalink's name, as aria-labelledby makes it: the words it refers to, joined by spaces.
PERMALINK_NAMES = """() => [...document.querySelectorAll('.figures a[id]')].map(link =>
  link.getAttribute('aria-labelledby').split(' ')
    .map(id => document.getElementById(id).textContent).join(' '))"""
# Each row's cells as text, a line break (measure<br>breakdown) as one.
ROW_CELLS = """rows => rows.map(row => [...row.cells].map(cell => {
  const copy = cell.cloneNode(true);
  copy.querySelectorAll('br').forEach(br => br.replaceWith('\\n'));
  return copy.textContent.trim();
}))"""
LINE_HOVER, BAR_HOVER = "%{text}: %{y}<extra>%{fullData.name}</extra>", "%{y}: %{text}<extra></extra>"
DRAWN_STYLE = """gd => ({
  font: gd._fullLayout.font.family,
  margin: [gd._fullLayout.margin.l, gd._fullLayout.margin.t, gd._fullLayout.margin.b],
  hover: gd._fullData[0].hovertemplate, mode: gd._fullData[0].mode, orientation: gd._fullData[0].orientation,
})"""


@pytest.mark.parametrize("path", [REPORT, AUTHORITY, INDICATOR])
def test_every_chart_renders_with_traces_and_has_its_table(page, site_url, path, draw_chart):
    page.goto(site_url + path)
    charts = page.locator("[data-chart]")
    count = charts.count()
    assert count > 0
    for index in range(count):
        chart = charts.nth(index)
        # Charts are drawn as they come near the viewport (charts.js): bring each one there.
        draw_chart(page, chart)
        assert chart.locator("svg.main-svg").count() > 0
        assert chart.locator(".scatterlayer .trace, .barlayer .trace").count() > 0
        # drawn with the style every chart shares, which its JSON leaves to charts.js
        drawn = chart.evaluate(DRAWN_STYLE)
        assert drawn["font"] == "Roboto, Arial, sans-serif" and drawn["margin"][:3] == [10, 10, 10], drawn
        assert drawn["hover"] in (LINE_HOVER, BAR_HOVER), drawn
        assert drawn["mode"] == "lines+markers" or drawn["orientation"] == "h", drawn
        # its accessible name is the sentence under it, word for word (charts.py's summary)
        summary = page.locator(f"#{chart.get_attribute('aria-labelledby')}")
        sentence = summary.inner_text()
        assert ": " in sentence and sentence.endswith("."), sentence  # "Title: what the lines do."
        assert summary.evaluate("s => s.parentElement.tagName") == "P"  # the paragraph under it
        assert page.get_by_role("img", name=sentence, exact=True).count() == 1
        table = chart.locator("xpath=following-sibling::div[contains(@class,'chart-table')][1]//table")
        assert table.locator("tbody tr").count() > 0
    assert page.script_errors == []


def test_without_javascript_the_table_is_what_shows(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + INDICATOR)
    assert page.locator(".chart svg").count() == 0
    table = page.locator(".chart-table table").first
    assert table.is_visible()
    assert "Cambridgeshire" in table.inner_text()
    context.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Rutland", "authorities/E06000017/"),
        ("Re-referrals within 12 months", "indicators/re_referrals_12m_pct/"),
        ("private fostering", "glossary/"),
    ],
)
def test_search_finds_authorities_indicators_and_glossary_terms(page, site_url, search, query, expected):
    hrefs = search(page, site_url, query)
    assert any(expected in href for href in hrefs), hrefs


def test_keyboard_focus_reaches_the_chart_tables(page, site_url):
    page.goto(site_url + INDICATOR)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chart-table')"):
            break
    else:
        pytest.fail("Tab never reached a chart's data table")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith("Data table:")


@pytest.mark.parametrize("path", [REPORT, AUTHORITY])
def test_each_scrolling_table_is_named_by_the_heading_it_sits_under(page, site_url, path):
    """A wide table's scrolling region (tables.js) is a landmark; a page of several named only
    "Table" gives a screen reader's landmark list the same name again and again (axe: landmark-unique)."""
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    labels = page.eval_on_selector_all(
        ".md-typeset__scrollwrap[role='region']", "wraps => wraps.map(w => w.getAttribute('aria-label'))"
    )
    assert labels and all(label.startswith("Table: ") for label in labels), labels


def test_hostile_text_shows_as_text_and_runs_nothing(page, site_url):
    page.goto(site_url + "reports/hostile-fixture/")
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []
    assert page.script_errors == []
    # notes and provenance are in each row's <details>: open them as a reader would
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => { d.open = true; })")
    body = page.locator("article").inner_text()
    assert '<script>alert("note")</script>' in body
    assert "<img src=x onerror=" in body
    assert page.locator("article img[src='x']").count() == 0
    links = page.locator(".figures a[id]")
    for index in range(links.count()):
        links.nth(index).hover()  # a handler smuggled into a figure link's label would run now
    assert page.dialogs == []
    labels = page.evaluate(PERMALINK_NAMES)
    assert any('[y](http://onmouseover=alert(2)//) " onmouseover="alert(3)' in label for label in labels)
    page.goto(site_url + "authorities/E10000018/")
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []


def test_a_figure_permalinks_name_says_which_figure_it_is_in_the_words_its_row_shows(page, site_url):
    page.goto(site_url + REPORT)
    names = page.evaluate(PERMALINK_NAMES)
    rows = page.eval_on_selector_all(".figures tbody tr", ROW_CELLS)
    assert len(names) == len(rows) > 20 and len(set(names)) == len(names)  # one figure each
    for name, cells in zip(names, rows, strict=True):
        measure = ", ".join(cells[0].removeprefix("# ").split("\n"))  # and its breakdown, if any
        area, period = (
            (cells[1], cells[2])
            if "figures--area" in page.locator(".figures").get_attribute("class")
            else ("Leicestershire", cells[1])
        )
        if ", " in measure:  # the name gives the area before the breakdown
            measure, breakdown = measure.split(", ", 1)
            area = f"{area}, {breakdown}"
        assert name == f"Link to this figure: {measure}, {area}, {period}", (name, cells)
    for name in (names[0], names[len(names) // 2]):  # the name the browser computes, word for word
        assert page.get_by_role("link", name=name, exact=True).count() == 1


def test_a_figure_permalink_opened_in_a_new_tab_lands_on_the_highlighted_row(browser, page, site_url):
    # Find a figure well down the table, so landing on it needs real scrolling.
    page.goto(site_url + REPORT)
    ids = page.eval_on_selector_all(".figures a[id]", "links => links.map(a => a.id)")
    assert len(ids) > 20
    figure = ids[len(ids) // 2]

    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = fresh.new_page()
    tab.goto(f"{site_url}{REPORT}#{figure}")
    tab.wait_for_load_state("networkidle")
    row = tab.locator(f"tr:has(a#{figure})")
    assert row.count() == 1
    assert tab.evaluate(f"document.querySelector('tr:has(a#{figure}:target)') !== null")
    box = row.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    outline = row.evaluate("r => getComputedStyle(r).outlineStyle")
    background = row.locator("td").first.evaluate("c => getComputedStyle(c).backgroundColor")
    assert outline == "solid" and background == "rgb(255, 244, 194)"
    fresh.close()


@ON_THE_DEFAULT_ENGINE
def test_selecting_a_figure_link_shows_its_address_and_a_citation(page, site_url):
    page.goto(site_url + REPORT)
    link = page.locator(".figures a[id]").nth(3)
    figure = link.get_attribute("id")
    link.click()
    status = page.locator(".figure-status")
    status.wait_for()
    text = status.inner_text()
    assert f"{REPORT}#{figure}" in text
    assert "Cite as: Leicestershire County Council (2020)." in text and "Accessed:" in text
    assert page.url.endswith(f"#{figure}")


@ON_THE_DEFAULT_ENGINE
def test_pandas_reads_an_areas_data_address_with_the_numbers_the_page_shows(page, site_url):
    import pandas as pd

    data = pd.read_csv(site_url + AUTHORITY + "data.csv", dtype=str, keep_default_na=False)
    cp = data[(data["indicator_id"] == "cp_plans") & (data["breakdown"] == "")]
    latest = cp.sort_values(["period_end", "meeting_date"]).iloc[-1]
    page.goto(site_url + AUTHORITY)
    row = page.locator("tr", has=page.locator("a[href$='indicators/cp_plans/']")).first
    row.scroll_into_view_if_needed()  # a table is drawn as it comes near (site.css), as a reader sees it
    page.wait_for_function("r => r.checkVisibility({contentVisibilityAuto: true})", arg=row.element_handle())
    cells = row.locator("td").all_inner_texts()
    assert cells[1].startswith(f"{int(latest['value']):,}"), (cells, latest["value"])
    assert cells[2] == latest["period_label"]  # the unit is beside the value, not a column

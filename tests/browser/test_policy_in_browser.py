"""Under the site's content security policy, every page works and asks nothing of another site."""

from urllib.parse import urlsplit

import pytest
from test_site_in_browser import AUTHORITY, INDICATOR, REPORT

# Recorded from the first script of every page, before the page's own.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    [event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" ")
  );
});
"""
pytestmark = pytest.mark.slow  # a whole site, in Chromium

PAGES = {"home": "", "report": REPORT, "area": AUTHORITY, "indicator": INDICATOR, "data": "data/"}


@pytest.fixture
def watched(fresh_page, site_url):
    """A page in a context that has fetched nothing yet (so every request it makes goes out and is
    seen), with every request and console message it makes recorded."""
    page = fresh_page
    page.requests, page.console = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: page.console.append(f"{message.type}: {message.text}"))
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _assert_within_policy(page, site_url):
    assert page.requests, "no request was recorded"
    assert [url for url in page.requests if _origin(url) != _origin(site_url)] == []
    assert page.evaluate("window.__violations") == []
    assert [line for line in page.console if line.startswith(("error", "warning"))] == []
    assert page.script_errors == []


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_each_kind_of_page_loads_within_the_policy_and_asks_no_other_site(
    watched, site_url, path, draw_chart
):
    watched.goto(site_url + path)
    watched.wait_for_load_state("networkidle")
    _draw_every_chart(watched, draw_chart)
    _assert_within_policy(watched, site_url)


def _draw_every_chart(page, draw_chart) -> None:
    """Charts are drawn as they come near the viewport (charts.js): bring each one there."""
    charts = page.locator("[data-chart]")
    for index in range(charts.count()):
        draw_chart(page, charts.nth(index))


def test_charts_draw_with_their_styles_and_hover_labels_under_the_policy(watched, site_url, draw_chart):
    watched.goto(site_url + INDICATOR)
    _draw_every_chart(watched, draw_chart)
    # plotly.js styles its charts through a stylesheet it fills itself; the policy lets it in.
    rules = watched.evaluate("document.getElementById('plotly.js-style-global').sheet.cssRules.length")
    assert rules > 0
    point = watched.locator(".chart--drawn .scatterlayer .point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    watched.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    watched.wait_for_selector(".chart--drawn .hoverlayer .hovertext")
    _assert_within_policy(watched, site_url)


def test_search_works_under_the_policy(watched, site_url, site_engine, search):
    hrefs = search(watched, site_url, "Rutland")
    assert any("authorities/E06000017/" in href for href in hrefs), hrefs
    assert any(url.endswith(site_engine.search_index.as_posix()) for url in watched.requests)
    _assert_within_policy(watched, site_url)


def test_the_policy_refuses_a_script_put_into_the_page(watched, site_url):
    # What an injection that got past the escaping would try: the policy stops it, and says so.
    watched.goto(site_url + REPORT)
    watched.wait_for_load_state("networkidle")
    ran = watched.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.appendChild(script);
          return window.__injected === true;
        }"""
    )
    assert ran is False
    watched.wait_for_function("() => window.__violations.length > 0")
    assert watched.evaluate("window.__violations")[0].startswith("script-src-elem inline")

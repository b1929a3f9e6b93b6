"""A real site, served over HTTP, opened in Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep Chromium from calling out to the network, which this machine and CI do not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def built_site(engine_build) -> Path:
    """The real packages plus the hostile fixture packages, built once by each site engine
    (tests/conftest.py, site_engine): every browser test runs on both engines' sites."""
    return engine_build / "site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM.exists(), "Debian's chromium package is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def shared_contexts(browser):
    """One browsing context per screen size, kept for the whole session: each test gets a page of
    its own, and pages after the first reuse the scripts and styles already fetched and compiled
    (about 40% less work for a test than a context of its own). Tests of what a page asks of the
    network, of a first visit, or without JavaScript make a context of their own (fresh_page,
    browser.new_context)."""
    contexts = {}

    def context_for(width: int, height: int) -> object:
        if (width, height) not in contexts:
            contexts[width, height] = browser.new_context(viewport={"width": width, "height": height})
        return contexts[width, height]

    yield context_for
    for context in contexts.values():
        context.close()


def _watch(page):
    page.script_errors = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


@pytest.fixture
def page_at(shared_contexts):
    """``page_at(width, height=900)``: a new page of that size in the shared context for it, with its
    script errors and dialogs recorded; closed after the test."""
    pages = []

    def open_page(width: int, height: int = 900):
        pages.append(_watch(shared_contexts(width, height).new_page()))
        return pages[-1]

    yield open_page
    for page in pages:
        page.close()


@pytest.fixture
def page(page_at):
    """A new laptop-sized page in the shared context."""
    return page_at(**LAPTOP)


@pytest.fixture
def fresh_page(browser):
    """A page in a context of its own, which has fetched nothing yet."""
    context = browser.new_context(viewport=LAPTOP)
    yield _watch(context.new_page())
    context.close()


def _last_word(query: str) -> str:
    """The query's last word as both engines split it ("re-referrals" is "re" and "referrals"),
    which a result's highlight parameter (?h=) carries once the results answer the whole query
    (an address itself may hold it sooner: indicators/re_referrals_12m_pct answers "re-re")."""
    return re.split(r"[\s\-]+", query.strip().lower())[-1]


def _search_material(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    # Selecting the search box fetches the index (search-on-demand.js) into a web worker; what is
    # typed before it is ready is searched once it is, so a person types at once, as here.
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)  # Material searches on key events, as a person types
    results = page.locator(".md-search-result__item a")
    last_word = _last_word(query)
    # Results update as each key is pressed; read them once they answer the whole query.
    page.wait_for_function(
        "w => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some(a => (new URL(a.href).searchParams.get('h') || '').includes(w))",
        arg=last_word,
        timeout=20000,
    )
    return [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 10))]


# Zensical's search is a dialog of its own in a shadow root (Playwright's locators see into it;
# document.querySelector does not); each result's address carries the query, as ?h=.
_ZENSICAL_RESULTS = "dialog[aria-label='Search'] [role='listbox'] a[role='option']"
_ZENSICAL_ANSWERED = """w => [...document.querySelectorAll('body > div')].some(d => d.shadowRoot &&
  [...d.shadowRoot.querySelectorAll("[role='listbox'] a")].some(a => a.href.toLowerCase().includes(w)))"""


def _search_zensical(page, site_url: str, query: str) -> list[str]:
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()  # the header's search field opens the dialog
    page.locator("dialog[aria-label='Search'] input[role='combobox']").wait_for()
    page.keyboard.type(query, delay=20)
    last_word = _last_word(query)
    page.wait_for_function(_ZENSICAL_ANSWERED, arg=last_word, timeout=20000)
    return _settled(page.locator(_ZENSICAL_RESULTS))


def _settled(results, *, reads: int = 40) -> list[str]:
    """The first ten results once two readings 250 ms apart agree: Zensical answers each keystroke,
    so the list seen just after the last word appears can still be the answer to a shorter query."""
    previous: list[str] | None = None
    for _ in range(reads):
        current = [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 10))]
        if current == previous:
            return current
        previous = current
        results.page.wait_for_timeout(250)
    return previous or []


@pytest.fixture(scope="session")
def search(site_engine):
    """``search(page, site_url, query)`` types the query into the site's search as a person does and
    returns the first ten results' addresses, through each engine's own search interface."""
    return _search_zensical if site_engine.name == "zensical" else _search_material


# After the load event: the browser's next idle moment, when charts.js starts watching (a callback
# asked for now runs after its own), then one frame, then every chart near the viewport drawn. A
# chart inside a closed <details> has no box and is not waited for.
_IDLE_THEN_FRAME = "() => new Promise(done => requestIdleCallback(() => requestAnimationFrame(() => done())))"
_NEAR_CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-chart]')].every(chart => {
  const box = chart.getBoundingClientRect();
  const near = box.width > 0 && box.bottom > -200 && box.top < window.innerHeight + 200;
  return !near || chart.classList.contains('chart--drawn');
})"""


def settle(page) -> None:
    """Wait, once a page has loaded, until it is as a reader sees it: what charts.js draws on load is
    drawn. Quicker than waiting for the network to be idle for half a second, and it says what is
    waited for."""
    page.evaluate(_IDLE_THEN_FRAME)
    page.wait_for_function(_NEAR_CHARTS_DRAWN, timeout=20000)


@pytest.fixture(scope="session")
def serious_violations():
    """``serious_violations(page, url)``: axe-core's serious and critical findings on the page at
    ``url``, loaded as a reader loads it, as (rule, impact, how many elements)."""

    def run(page, url: str) -> list[tuple[str, str, int]]:
        page.goto(url)
        settle(page)
        results = Axe().run(page)
        return [
            (v["id"], v["impact"], len(v["nodes"]))
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    return run


# Opens the closed <details> a chart sits in (an area page's theme charts), as a reader does by
# selecting its summary. A function, not an expression: the site's policy refuses eval.
_OPEN_AROUND = """element => {
  for (let d = element.closest('details'); d; d = d.parentElement.closest('details')) {
    if (!d.open) d.querySelector(':scope > summary').click();
  }
}"""


@pytest.fixture(scope="session")
def draw_chart():
    """``draw_chart(page, chart)``: bring a chart (a locator) into view as a reader does, opening
    the theme it sits in if need be, and wait until charts.js has drawn it."""

    def run(page, chart) -> None:
        chart.evaluate(_OPEN_AROUND)
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "id => document.getElementById(id).classList.contains('chart--drawn')",
            arg=chart.get_attribute("id"),
            timeout=20000,
        )

    return run

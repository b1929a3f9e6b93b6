"""Retake the screenshots of the "Publish your data" guide from the built site.

The guide shows officers what their report will look like once published. Pictures of the site go
stale when the site's pages change, so they are taken by this script rather than by hand: run
`make site`, then `.venv/bin/python scripts/guide_screenshots.py`, and look at each picture before
committing it. It serves site/ on 127.0.0.1 with `python -m http.server` (nothing leaves the
machine) and drives Debian's Chromium through Playwright, as the browser tests do.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "assets" / "images" / "guide"
CHROMIUM = "/usr/bin/chromium"
REPORT = "reports/leicestershire-2020-06-02-help-and-protection/"
AUTHORITY = "authorities/E10000018/"
# The figure the guide follows from the report to the site: 529 children on plans, para 16.
FIGURE = "Children on child protection plans, Leicestershire, 17 May 2020"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
MAX_BYTES = 150_000


def _port() -> int:
    """8000, the port of `transparency serve`, so addresses in the pictures match the guide's; else any."""
    for wanted in (8000, 0):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", wanted))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port on 127.0.0.1")


@contextmanager
def served(site: Path):
    """site/ over HTTP, as a reader's browser gets it; the server is stopped however we leave."""
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _save(page: Page, name: str, **options) -> Path:
    """A PNG when it is small enough (sharp text), else a JPEG of the same view."""
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), **options)
    if path.stat().st_size > MAX_BYTES:
        path.unlink()
        path = OUT / f"{name}.jpg"
        page.screenshot(path=str(path), type="jpeg", quality=80, **options)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1000} KB")
    return path


def _main_column(page: Page) -> dict[str, float]:
    """The visible part of the page's main column, below the header: the sidebars are noise here."""
    box = page.locator(".md-content").bounding_box()
    header = page.locator(".md-header").bounding_box()["height"]
    viewport = page.viewport_size
    return {"x": box["x"], "y": header, "width": box["width"], "height": viewport["height"] - header}


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    # No animations, and no "Back to top" button, which appears over the content after any scroll up.
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important; } .md-top { display: none; }"
    )


def report_top(page: Page, base: str) -> None:
    """The report's details and summary: what the Report sheet and the summary file become."""
    _open(page, base + REPORT)
    _save(page, "report-page", clip=_main_column(page))


def figure_link(page: Page, base: str) -> None:
    """One figure's row, highlighted after selecting its # link, with the citation box it shows."""
    _open(page, base + REPORT)
    link = page.get_by_role("link", name=f"Link to this figure: {FIGURE}", exact=True)
    link.click()
    page.locator(".figure-status").wait_for(state="visible")
    top = page.locator("tr", has=link).bounding_box()["y"]
    page.evaluate(f"window.scrollBy(0, {top - 140})")
    column = _main_column(page)
    # From the main column to the right edge, where the citation box sits.
    _save(page, "report-figure-link", clip={**column, "width": page.viewport_size["width"] - column["x"]})


def authority_reports(page: Page, base: str) -> None:
    """The council's page, where a newly published report joins the list of reports."""
    _open(page, base + AUTHORITY)
    heading = page.locator("h2#reports")
    heading.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -120)")
    _save(page, "authority-reports", clip=_main_column(page))


SHOTS = ((report_top, DESKTOP), (figure_link, DESKTOP), (authority_reports, DESKTOP))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (make site)")
    site = parser.parse_args().site
    if not (site / REPORT / "index.html").is_file():
        print(f"{site} has no {REPORT}: run `make site` first.", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for old in (*OUT.glob("*.png"), *OUT.glob("*.jpg")):
        old.unlink()
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            for shot, viewport in SHOTS:
                page = browser.new_page(viewport=viewport, bypass_csp=True)  # _open's style tag
                shot(page, base)
                page.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

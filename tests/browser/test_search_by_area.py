"""Search for a council and a topic, as a resident types it, on each engine's own search."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.slow  # a whole site, in Chromium


def test_a_council_and_a_measure_find_that_councils_measure(page, site_url, search):
    """Each measure on an area page has a heading for search alone ("Leicestershire Re-referrals
    within 12 months"), just above the theme's table that holds it."""
    hrefs = search(page, site_url, "Leicestershire re-referrals")
    found = [
        href
        for href in hrefs
        if urlsplit(href).path.endswith("/authorities/E10000018/")
        and urlsplit(href).fragment.startswith("re_referrals")
    ]
    assert found, hrefs
    page.goto(found[0])
    anchor = page.locator(f"[id='{urlsplit(found[0]).fragment}']")
    table = anchor.locator("xpath=following-sibling::div[contains(@class,'stack')][1]")
    assert "Re-referrals" in table.inner_text()
    # the search heading is for search alone: neither seen nor read out
    assert anchor.get_attribute("aria-hidden") == "true"
    assert anchor.bounding_box()["width"] <= 1

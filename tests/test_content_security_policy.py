"""Every built page carries the content security policy, and nothing on it needs more than it allows.

The browser tests (tests/browser/test_policy_in_browser.py) check the same pages running;
these read every page of the real build, so a theme upgrade that adds an inline script, or a
template that adds a style attribute, fails here with the page and the hash to review.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator.outputs.site.outside_links import is_outside
from support import ROOT

CSP = "content-security-policy"
# What a browser fetches by itself as it reads a page (links are followed only when chosen).
FETCHED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src")}
FETCHED_LINKS = {"stylesheet", "icon", "preconnect", "preload", "prefetch", "dns-prefetch", "modulepreload"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.order: list[str] = []  # the head's elements, in order
        self.in_head = False
        self.policies: list[str] = []
        self.inline_scripts: list[tuple[dict, str]] = []
        self.styles: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.links: list[dict] = []
        self._text: list[str] | None = None
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "head":
            self.in_head = True
        if self.in_head:
            self.order.append(tag)
        if tag == "meta" and attributes.get("http-equiv", "").lower() == CSP:
            self.policies.append(attributes.get("content", ""))
            self.order[-1] = "csp"
        self.attributes += [(tag, name, value) for name, value in attributes.items()]
        if tag == "a":
            self.links.append(attributes)
        if tag in ("script", "style"):
            self._open, self._text = (tag, attributes), []

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if self._open and tag == self._open[0]:
            kind, attributes = self._open
            text = "".join(self._text or [])
            if kind == "style":
                self.styles.append(text)
            elif "src" not in attributes:
                self.inline_scripts.append((attributes, text))
            self._open, self._text = None, None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {name: sources for name, *sources in parts}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def pages(engine_build) -> dict[str, _Page]:
    parsed = {}
    for path in sorted((engine_build / "site").rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(engine_build / "site").as_posix()] = page
    assert len(parsed) > 100
    return parsed


def test_every_page_states_one_policy_before_anything_it_governs(pages):
    policies = {name: page.policies for name, page in pages.items()}
    assert {name: len(found) for name, found in policies.items() if len(found) != 1} == {}
    assert len({found[0] for found in policies.values()}) == 1  # the same policy everywhere
    for name, page in pages.items():
        governed = [i for i, tag in enumerate(page.order) if tag in ("script", "style", "link")]
        assert page.order.index("csp") < min(governed), name


def test_the_policy_allows_only_this_site(pages):
    policy = _directives(next(iter(pages.values())).policies[0])
    assert policy["default-src"] == ["'none'"]
    for directive, sources in policy.items():
        assert not [s for s in sources if "://" in s or s in ("*", "https:", "http:")], directive
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, directive
    assert policy["script-src"][0] == "'self'"
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]


def test_every_inline_script_is_data_or_allowed_by_its_hash(pages):
    refused = set()
    for name, page in pages.items():
        allowed = _directives(page.policies[0])["script-src"]
        for attributes, text in page.inline_scripts:
            if attributes.get("type") == "application/json":
                continue  # a data block: browsers never run it
            if _sha256(text) not in allowed:
                refused.add((name.rsplit("/", 1)[0], _sha256(text), text[:60]))
    assert sorted(refused)[:5] == []


def test_no_page_needs_inline_style_handlers_or_javascript_addresses(pages):
    for name, page in pages.items():
        policy = _directives(page.policies[0])
        assert [text for text in page.styles if _sha256(text) not in policy["style-src"]] == [], name
        inline = [
            (tag, attribute)
            for tag, attribute, value in page.attributes
            if attribute == "style" or attribute.startswith("on") or value.strip().startswith("javascript:")
        ]
        assert inline == [], name


def test_pages_fetch_nothing_from_another_site(pages):
    for name, page in pages.items():
        outside = [
            (tag, value)
            for tag, attribute, value in page.attributes
            if (tag, attribute) in FETCHED and is_outside(value)
        ]
        assert outside == [], name
    # The policy would refuse such requests anyway; the theme is told not to make them.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["font"] == "false"


def test_links_in_the_head_fetch_nothing_from_another_site(engine_build):
    for path in (engine_build / "site").rglob("*.html"):
        for tag in re.findall(r"<link [^>]*>", path.read_text(encoding="utf-8")):
            rel = set(re.search(r'rel="([^"]*)"', tag).group(1).split())
            href = re.search(r'href="([^"]*)"', tag).group(1)
            assert not (rel & FETCHED_LINKS and is_outside(href)), (path.name, tag)


def test_every_link_to_another_site_has_noopener(pages):
    outside = [
        (name, link)
        for name, page in pages.items()
        for link in page.links
        if is_outside(link.get("href", ""))  # Zensical's skip target is an <a> without href
    ]
    assert len(outside) > 3  # the theme's own credit, and the hand-written pages' links
    assert [(name, link) for name, link in outside if "noopener" not in link.get("rel", "").split()] == []
    written = [link for _, link in outside if "frictionlessdata.io" in link["href"]]
    assert written and written[0]["rel"] == "noopener noreferrer"


def test_markdown_links_to_other_sites_get_noopener_noreferrer_and_keep_their_rel():
    text = (
        "[a](https://example.org/r.pdf) [b](../data.md) [c](//example.org) "
        "[d](HTTP://x.org){rel=me} [e](#top)"
    )
    html = markdown.markdown(text, extensions=["attr_list", "generator.outputs.site.outside_links"])
    assert re.findall(r"<a ([^>]*)>", html) == [
        'href="https://example.org/r.pdf" rel="noopener noreferrer"',
        'href="../data.md"',
        'href="//example.org" rel="noopener noreferrer"',
        'href="HTTP://x.org" rel="me noopener noreferrer"',
        'href="#top"',
    ]


def test_the_scope_script_is_still_the_themes_own_code():
    # partials/javascripts/base.html moves the theme's one page-specific inline script to a file;
    # after a theme upgrade, this says whether that file needs its code again.
    import material

    theme = Path(material.__file__).parent / "templates/partials/javascripts/base.html"
    inline = re.search(r"<script>(.*)</script>", theme.read_text(encoding="utf-8")).group(1)
    ours = (ROOT / "site_templates/assets/js/theme-scope.js").read_text(encoding="utf-8")
    code = [line for line in ours.splitlines() if not line.startswith("//")]
    expected = inline.replace(
        '"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.mdScope"
    )
    assert code == [expected]

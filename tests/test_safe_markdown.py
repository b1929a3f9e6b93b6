"""Contributors' Markdown is rendered with its raw HTML shown as text and only http(s) or relative
links; plain Markdown is left exactly as written."""

import pytest
import yaml

from generator.outputs.safe_markdown import EXTENSIONS, renders_safely, safe_markdown, safe_url
from support import ROOT

HOSTILE = [
    "<script>alert(1)</script>",
    "Hi <img src=x onerror=alert(1)> there",
    '<div markdown="1" onclick="alert(1)">*x*</div>',
    "<!-- hidden -->",
    "[x](javascript:alert(1))",
    "[x](JavaScript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( java\tscript:alert(1))",
    "![i](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    'A paragraph\n{: onclick="alert(1)" }',
    "# A heading {: onmouseover=alert(1) }",
    '!!! note "<script>alert(1)</script>"\n    body',
    "<mailto:someone@example.org>",
    "```\nan unclosed fence <script>alert(1)</script>",
    "- item\n\n    <script>alert(1)</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_made_safe(text):
    assert not renders_safely(text)  # as written, the site would run or link it
    assert renders_safely(safe_markdown(text))


def test_raw_html_shows_as_text_and_code_is_untouched():
    text = "See `<slug>.csv` and <slug>.csv.\n\n```\n<b>kept</b>\n```\n"
    assert safe_markdown(text) == "See `<slug>.csv` and &lt;slug>.csv.\n\n```\n<b>kept</b>\n```\n"


def test_safe_links_and_plain_markdown_are_left_as_written():
    text = (
        "# Notes\n\n- [source](https://example.org/report.pdf) and [page](../reports/x.md)\n"
        "- <https://example.org/>\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n**bold** `code` _em_\n"
    )
    assert safe_markdown(text) == text


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org", True),
        ("HTTP://example.org", True),
        ("../x.md", True),
        ("#anchor", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("&#x6A;avascript:alert(1)", False),
        ("vbscript:x", False),
        ("mailto:a@b", False),
    ],
)
def test_only_http_and_relative_addresses_are_safe(url, safe):
    assert safe_url(url) is safe


def test_the_check_renders_with_every_extension_the_site_uses():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    # The site's own extension only adds rel="noopener noreferrer" to outside links: it cannot make
    # markup unsafe, and the check refuses every rel attribute it would add.
    names.discard("generator.outputs.site.outside_links")
    assert names | {"toc", "tables", "fenced_code"} == set(EXTENSIONS)

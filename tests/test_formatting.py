"""How a value reads on a page: its unit, the digits the report printed, and a marker in words."""

import pytest

from generator.outputs.site.escaping import markdown_text
from generator.outputs.site.formatting import format_value

FORMATTED = [
    # (value, unit, marker, flag, shown)
    ("22184", "count", "", "", "22,184"),
    ("999", "count", "", "", "999"),
    ("1000000", "count", "", "", "1,000,000"),
    ("0", "count", "", "", "0"),
    ("-1500", "count", "", "", "-1,500"),
    ("1234.5", "count", "", "", "1,234.5"),
    ("95.8", "percent", "", "", "95.8%"),
    ("95.80", "percent", "", "", "95.80%"),  # the report's digits, never rounded or padded
    ("100", "percent", "", "", "100%"),
    ("213700", "gbp", "", "", "£213,700"),
    ("-1500", "gbp", "", "", "-£1,500"),
    ("29.2", "rate_per_10k_0_17", "", "", "29.2"),
    ("17.5", "per_fte", "", "", "17.5"),
    ("3650", "days", "", "", "3,650"),
    ("", "count", "c", "", "c (confidential)"),
    ("", "count", "x", "", "x (not available)"),
    ("", "percent", "z", "", "z (not applicable)"),
    ("", "gbp", "low", "", "low (rounds to zero)"),
    ("", "count", "", "", "x (not available)"),
    ("12", "count", "u", "", "12 (low reliability)"),
    ("12", "count", "", "p", "12 (provisional)"),
    ("12", "count", "", "r", "12 (revised)"),
    ("12", "count", "", "e", "12 (estimated)"),
    ("85.1", "percent", "u", "r", "85.1% (low reliability, revised)"),
    ("2500", "gbp", "", "e", "£2,500 (estimated)"),
    # a qualified figure reads as the report qualified it, never as exact
    ("5500", "count", "", "almost", "almost 5,500"),
    ("400", "count", "", "over", "over 400"),
    ("50", "count", "", "about", "about 50"),
    ("3000", "gbp", "", "over", "over £3,000"),
    ("10", "percent", "", "under", "under 10%"),
    ("3", "count", "u", "at_least", "at least 3 (low reliability)"),
]


@pytest.mark.parametrize(("value", "unit", "marker", "flag", "shown"), FORMATTED)
def test_a_value_reads_as_the_report_printed_it_in_its_unit(value, unit, marker, flag, shown):
    assert format_value(value, unit, marker, flag) == shown


@pytest.mark.parametrize("marker", ["c", "x", "z", "low", ""])
@pytest.mark.parametrize("unit", ["count", "percent", "gbp", "rate_per_10k_0_18"])
def test_a_missing_value_is_never_shown_as_a_number(unit, marker):
    shown = format_value("", unit, marker)
    assert shown.startswith(f"{marker or 'x'} (") and not any(c.isdigit() for c in shown)


ESCAPED = [
    # (text from a data file, as it lands in a Markdown table cell)
    ("Para 16", "Para 16"),
    ("table 2 | row 3", "table 2 \\| row 3"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("**bold** `code` [link](x)", "\\*\\*bold\\*\\* \\`code\\` \\[link\\](x)"),
    ("a\nb\t  c", "a b c"),
    ("Tom & Jerry", "Tom &amp; Jerry"),
    ("#1 ~ !", "\\#1 \\~ \\!"),
]


@pytest.mark.parametrize(("text", "escaped"), ESCAPED)
def test_data_text_is_inert_in_markdown_and_html(text, escaped):
    assert markdown_text(text) == escaped

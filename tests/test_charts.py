"""The words every chart comes with: the summary a screen reader or a reader without JavaScript
gets instead of the picture, and the table beside it."""

import json
import re
from pathlib import Path

import pytest

from generator.outputs.site import chart_style
from generator.outputs.site.charts import LEGEND_WIDTH, Series, build_chart, summarise
from generator.outputs.site.comparison import COMPARATOR, THIS, Bar, comparison_chart
from support import figure

TITLE = "Children on child protection plans"
ENGLAND = {"authority_code": "E92000001", "authority_name": "England", "authority_type": "country"}


def line(name: str, points: list[tuple[str, str]], kind: str = "county", **fields) -> Series:
    """A chart line of (period, value) points; "" is a period with a marker instead of a value."""
    figures = [
        figure(authority_name=name, authority_type=kind, period=period, value=value, **fields)
        for period, value in points
    ]
    return Series(name, kind, figures)


SUMMARIES = [
    # (what, series, unit, polarity, summary)
    (
        "a count that rose",
        [line("Leicestershire", [("2019-05", "443"), ("2020-05-17", "529")])],
        "count",
        "no_polarity",
        f"{TITLE}: Leicestershire rose from 443 in May 2019 to 529 in 17 May 2020, up 19%. "
        "For this measure neither higher nor lower is better.",
    ),
    (
        "a count that fell",
        [line("Stockton-on-Tees", [("FY2016/17", "2500"), ("FY2017/18", "2334")])],
        "count",
        "lower_is_better",
        f"{TITLE}: Stockton-on-Tees fell from 2,500 in Financial year 2016/17 to 2,334 in Financial "
        "year 2017/18, down 7%. For this measure lower is better.",
    ),
    (
        "a percentage moves in percentage points",
        [line("Leicestershire", [("FY2017/18", "80"), ("FY2018/19", "85.5")])],
        "percent",
        "higher_is_better",
        f"{TITLE}: Leicestershire rose from 80% in Financial year 2017/18 to 85.5% in Financial year "
        "2018/19, up 5.5 percentage points. For this measure higher is better.",
    ),
    (
        "unchanged",
        [line("Leicestershire", [("2019", "50"), ("2020", "50")])],
        "count",
        "no_polarity",
        f"{TITLE}: Leicestershire was 50 in 2019 and the same, 50 in 2020. "
        "For this measure neither higher nor lower is better.",
    ),
    (
        "a rise from zero has no percentage",
        [line("Rutland", [("2019", "0"), ("2020", "5")])],
        "count",
        "no_polarity",
        f"{TITLE}: Rutland rose from 0 in 2019 to 5 in 2020, up. "
        "For this measure neither higher nor lower is better.",
    ),
    (
        "one figure",
        [line("Leicestershire", [("2020-05-17", "529")])],
        "count",
        "no_polarity",
        f"{TITLE}: Leicestershire: 529 in 17 May 2020. For this measure neither higher nor lower is better.",
    ),
    (
        "only markers",
        [line("Leicestershire", [("2019", ""), ("2020", "")], marker="x")],
        "count",
        "no_polarity",
        f"{TITLE}: Leicestershire: no published value. For this measure neither higher nor lower is better.",
    ),
    (
        "a gap is skipped, not read as zero",
        [line("Leicestershire", [("2018", "40"), ("2019", ""), ("2020", "44")])],
        "count",
        "no_polarity",
        f"{TITLE}: Leicestershire rose from 40 in 2018 to 44 in 2020, up 10%. "
        "For this measure neither higher nor lower is better.",
    ),
    (
        "amounts in pounds",
        [line("Leicestershire", [("FY2018/19", "213700"), ("FY2019/20", "170000")])],
        "gbp",
        "lower_is_better",
        f"{TITLE}: Leicestershire fell from £213,700 in Financial year 2018/19 to £170,000 in "
        "Financial year 2019/20, down 20%. For this measure lower is better.",
    ),
    (
        "a council and England, one sentence each, in the order given",
        [
            line("Leicestershire", [("FY2017/18", "80"), ("FY2018/19", "85.5")]),
            line("England", [("FY2017/18", "82"), ("FY2018/19", "83")], kind="country"),
        ],
        "percent",
        "higher_is_better",
        f"{TITLE}: Leicestershire rose from 80% in Financial year 2017/18 to 85.5% in Financial year "
        "2018/19, up 5.5 percentage points. England rose from 82% in Financial year 2017/18 to 83% in "
        "Financial year 2018/19, up 1.0 percentage points. For this measure higher is better.",
    ),
    (
        "no polarity recorded, no sentence about it",
        [line("Leicestershire", [("2020-05-17", "529")])],
        "count",
        "",
        f"{TITLE}: Leicestershire: 529 in 17 May 2020.",
    ),
]


@pytest.mark.parametrize(
    ("what", "series", "unit", "polarity", "summary"), SUMMARIES, ids=[s[0] for s in SUMMARIES]
)
def test_a_chart_summary_says_in_words_what_the_lines_do(what, series, unit, polarity, summary):
    assert summarise(series, unit, polarity, TITLE) == summary


def test_a_chart_holds_its_title_and_summary_as_plain_text_for_the_template_to_escape():
    """Escaping happens where the text lands (site_templates, tests/test_escaping.py), not here."""
    series = [line("Hinckley & <Bosworth>", [("2019", "1"), ("2020", "2")])]
    chart = build_chart("chart-1", "Plans | by area", series, unit="count", polarity="no_polarity")
    assert chart.title == "Plans | by area"
    assert chart.summary == summarise(series, "count", "no_polarity", "Plans | by area")
    assert "Hinckley & <Bosworth>" in chart.summary


def test_a_chart_table_shows_markers_in_words_and_notes_the_gaps():
    leicestershire = [figure(period="2018", value="40"), figure(period="2019", value="", marker="x")]
    series = [
        Series("Leicestershire", "county", leicestershire),
        line("England", [("2019", "44")], kind="country"),
    ]
    chart = build_chart("chart-2", TITLE, series, unit="count", polarity="no_polarity")
    assert chart.table_header == ["Period", "Leicestershire", "England"]
    assert chart.table_rows == [["2018", "40", ""], ["2019", "x (not available)", "44"]]
    assert "never drawn as zero" in chart.gap_note
    drawn = chart.figure["data"]
    assert drawn[0]["y"] == [40.0, None] and drawn[0]["connectgaps"] is False
    assert drawn[1]["line"]["dash"] == "dash"  # a comparator differs by line style, not hue alone


def test_a_chart_without_gaps_says_nothing_about_them():
    chart = build_chart("c", TITLE, [line("Rutland", [("2019", "1")])], unit="count", polarity="")
    assert chart.gap_note == ""


def test_a_percentage_line_fits_its_axis_to_the_data_so_a_change_of_a_few_points_shows():
    series = [line("Leicestershire", [("2019", "17"), ("2020", "30"), ("2021", "25")])]
    chart = build_chart("c", TITLE, series, unit="percent", polarity="lower_is_better")
    axis = chart.figure["layout"]["yaxis"]
    assert "range" not in axis and axis["rangemode"] == "normal"  # not 0-100
    assert axis["automargin"] and chart.figure["layout"]["xaxis"]["automargin"]  # labels never clipped


def test_a_line_whose_lowest_value_is_near_zero_starts_its_axis_at_zero():
    series = [line("Leicestershire", [("2019", "4"), ("2020", "30")])]
    chart = build_chart("c", TITLE, series, unit="count", polarity="no_polarity")
    assert chart.figure["layout"]["yaxis"]["rangemode"] == "tozero"


def test_bars_always_start_at_zero_and_fit_their_largest_value():
    bars = [
        Bar(figure(authority_name="Leicestershire", value="25.5"), THIS),
        Bar(figure(**ENGLAND, value="22.6"), COMPARATOR),
    ]
    chart = comparison_chart("c", TITLE, bars, unit="percent", polarity="lower_is_better")
    axis = chart.figure["layout"]["xaxis"]
    assert axis["rangemode"] == "tozero" and "range" not in axis  # zero, but not 0-100


def test_a_long_legend_name_is_broken_into_lines_that_fit_a_phone_and_stays_escaped():
    name = "Statistical neighbours of Hinckley & Bosworth (average calculated by this site)"
    chart = build_chart("c", TITLE, [line(name, [("2019", "1")])], unit="count", polarity="")
    lines = chart.figure["data"][0]["name"].split("<br>")
    assert len(lines) > 1 and all(len(text) <= LEGEND_WIDTH + 4 for text in lines)  # "&amp;"
    assert "Hinckley &amp; Bosworth" in "<br>".join(lines).replace("<br>", " ")
    assert chart.figure["layout"]["legend"]["yref"] == "container"  # below the axis titles


CHARTS_JS = Path(__file__).parents[1] / "site_templates" / "assets" / "js" / "charts.js"


def _charts_js_style() -> dict:
    script = CHARTS_JS.read_text(encoding="utf-8")
    literal = re.search(r"^  var STYLE = (\{.*?^  \});$", script, re.MULTILINE | re.DOTALL)
    assert literal, "charts.js has no STYLE"
    return json.loads(literal[1])


def test_charts_js_holds_the_style_the_pages_leave_out_key_for_key():
    assert _charts_js_style() == chart_style.STYLE


def _charts() -> list:
    series = [
        line("Leicestershire", [("FY2018/19", "40"), ("FY2019/20", "")]),
        line("England", [("FY2018/19", "44"), ("FY2019/20", "45.5")], kind="country"),
    ]
    bars = [
        Bar(figure(authority_name="Leicestershire", value="25.5"), THIS),
        Bar(figure(**ENGLAND, value="22.6"), COMPARATOR),
    ]
    return [
        build_chart("c", TITLE, series, unit="count", polarity="no_polarity"),
        comparison_chart("b", TITLE, bars, unit="percent", polarity="lower_is_better"),
    ]


@pytest.mark.parametrize("chart", _charts(), ids=["line", "bar"])
def test_a_page_carries_only_what_differs_and_charts_js_draws_the_figure_built(chart):
    carried = chart.on_page
    assert chart_style.expand(carried) == chart.figure  # the same figure, key for key
    text = json.dumps(carried)
    assert "Roboto" not in text and "margin" not in text and "hovertemplate" not in text
    assert len(text) < len(json.dumps(chart.figure)) * 0.7
    # what each chart has of its own stays: its data, colours, line styles and names
    for own, built in zip(carried["data"], chart.figure["data"], strict=True):
        assert own["x"] == built["x"] and own["y"] == built["y"] and own["name"] == built["name"]
    assert carried["layout"]["height"] == chart.figure["layout"]["height"]
    if chart.figure["data"][0].get("type", "scatter") == "scatter":
        # the council's own line is the style's; England's says how it differs
        first, england = carried["data"]
        assert "line" not in first and "marker" not in first
        assert england["line"] == {"color": "#D55E00", "dash": "dash", "width": 2}
        assert england["marker"] == {"color": "#D55E00", "symbol": "square"}
        # the periods, in order, once: the first line's, not again as the axis's categories
        assert (
            "xaxis" not in carried["layout"]
            and chart.figure["layout"]["xaxis"]["categoryarray"] == first["x"]
        )
    else:
        assert all(
            own["marker"]["color"] == built["marker"]["color"]
            for own, built in zip(carried["data"], chart.figure["data"], strict=True)
        )


def test_a_line_charts_categories_are_kept_when_its_first_line_lacks_a_period():
    series = [
        line("Leicestershire", [("FY2019/20", "40")]),
        line("England", [("FY2018/19", "44"), ("FY2019/20", "45.5")], kind="country"),
    ]
    chart = build_chart("c", TITLE, series, unit="count", polarity="")
    carried = chart.on_page
    assert carried["layout"]["xaxis"]["categoryarray"] == ["2018/19", "2019/20"]
    assert chart_style.expand(carried) == chart.figure


def test_a_figure_without_a_setting_its_kind_shares_is_refused_not_drawn_with_it():
    built = _charts()[0].figure
    del built["layout"]["xaxis"]["type"]  # charts.js would make it a category axis again
    with pytest.raises(chart_style.StyleError, match=r"layout\.xaxis has no type"):
        chart_style.on_page(built)


def test_a_setting_that_only_looks_the_same_is_kept():
    built = _charts()[0].figure
    built["data"][0]["connectgaps"] = 0  # not False: Plotly reads them alike, JSON does not
    assert chart_style.on_page(built)["data"][0]["connectgaps"] == 0


def test_a_chart_tables_row_heading_is_one_the_stylesheet_labels_on_a_phone():
    """site.css labels a row heading "Period", or "Area" in a table of class chart-table--areas
    (_chart.md.j2): those are the only first headings a chart's table has."""
    many = [line(f"Council {i}", [("2019", "1"), ("2020", "2")]) for i in range(6)]
    wide = build_chart("w", TITLE, many, unit="count", polarity="")  # more lines than periods
    assert wide.table_header[0] == "Area"
    assert [chart.table_header[0] for chart in _charts()] == ["Period", "Area"]


def test_a_whole_number_is_carried_without_its_point_and_a_fraction_as_it_is():
    series = [line("Leicestershire", [("2019", "443"), ("2020", "52.5")])]
    chart = build_chart("c", TITLE, series, unit="count", polarity="")
    assert json.dumps(chart.on_page["data"][0]["y"]) == "[443, 52.5]"  # the same numbers to Plotly

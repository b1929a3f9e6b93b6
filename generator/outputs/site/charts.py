"""Charts as plain Plotly figure dicts, with the text summary and data table every chart must have.

Figures are built as dicts (not plotly.graph_objects) and written as compact JSON (``| json_script``
in _chart.md.j2): building a graph object per chart costs milliseconds each, which is minutes at
England scale, for the same JSON. One small script (site_templates/assets/js/charts.js) draws every
chart on a page. Everything else here is plain text; the template escapes it.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from generator.core.vocabulary import COUNTRY, POLARITY_LABELS, REGION, STATISTICAL_NEIGHBOUR_AVERAGE
from generator.model.figure_index import Figure
from generator.outputs.site import chart_style
from generator.outputs.site.chart_style import FONT, LEGEND, plotly_number
from generator.outputs.site.formatting import format_value, unit_label

# Okabe–Ito palette: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
# Comparators differ by line style and marker too, never by hue alone.
COMPARATOR_STYLE = {
    COUNTRY: ("dash", "square"),
    STATISTICAL_NEIGHBOUR_AVERAGE: ("dot", "diamond"),
    REGION: ("dashdot", "triangle-up"),
}
COUNCIL_MARKERS = ["circle", "x", "star", "triangle-down", "cross", "hexagon", "pentagon", "hourglass"]


@dataclass(frozen=True)
class Series:
    name: str
    kind: str  # authority type
    points: list[Figure]  # one per period, in time order


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str  # the paragraph under the chart, and the chart's accessible name
    figure: dict  # the Plotly figure
    table_header: list[str]
    table_rows: list[list[str]]
    gap_note: str
    # The drawn height in pixels, a multiple of HEIGHT_STEP: the stylesheet reserves it (class
    # chart--h<height>) before the chart is drawn, so drawing never moves the page.
    height: int = 0
    file_name: str = "chart"  # what the chart's downloads are called

    @property
    def on_page(self) -> dict:
        """The figure as the page carries it, without the style charts.js adds (chart_style.py)."""
        return chart_style.on_page(self.figure)


# A data table has a column per line up to this many lines; past it, and past its number of
# periods, a row per line instead.
MAX_TABLE_SERIES = 4
HEIGHT_STEP = 40
MIN_HEIGHT, MAX_HEIGHT = 240, 720  # site.css has a rule for every step between
_PERIOD_PREFIXES = ("Financial year ", "Academic year ")


def axis_label(period_label: str) -> str:
    """A period as a category axis shows it: 'Financial year 2017/18' -> '2017/18',
    'Q1 2018/19 (Apr–Jun 2018)' -> 'Q1 2018/19'; one chart's points all have one length of period,
    so the short form is never ambiguous, and hover and the table give the whole label."""
    for prefix in _PERIOD_PREFIXES:
        if period_label.startswith(prefix):
            return period_label.removeprefix(prefix)
    if period_label.startswith("Q") and " (" in period_label:
        return period_label.split(" (", 1)[0]
    return period_label


def stepped_height(height: int) -> int:
    steps = -(-height // HEIGHT_STEP) * HEIGHT_STEP
    return max(MIN_HEIGHT, min(MAX_HEIGHT, steps))


def file_name(title: str) -> str:
    """A download's file name from a chart's title: lower case letters, digits and hyphens."""
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words)[:80] or "chart"


# Both are asked about the same few names (areas, periods, measures) thousands of times a page:
# an area page has about fifty charts, each naming the same areas, and textwrap is slow.
_REMEMBERED = 8192


@lru_cache(maxsize=_REMEMBERED)
def plotly_text(text: str) -> str:
    """Plotly reads trace names, hover text and axis titles as HTML (it draws <b>, <br>, <a>):
    data text in a figure is escaped for Plotly, whatever the page then does with the JSON."""
    return html.escape(text)


@lru_cache(maxsize=_REMEMBERED)
def wrapped(text: str, width: int) -> str:
    """Plotly never wraps a legend entry or a category label: a long one ("Statistical neighbours
    of Leicestershire (average calculated by this site)") runs off a phone's screen unless it is
    broken into lines, each escaped for Plotly. Lines break only between words, so the words are
    the name's own and joining the lines with spaces gives the name back."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(plotly_text(line) for line in lines) or plotly_text(text)


def value_axis(values: list[float], *, bars: bool) -> dict:
    """Where a value axis starts. A bar's length is its value, so bars start at zero. A line is read
    by its shape, so its axis fits the data: a change of a few points is not flattened against a
    0-100 axis. It starts at zero anyway when the lowest value is under a third of the highest,
    where the fitted axis would reach nearly to zero. Either way the axis grows its margins
    (automargin) so tick labels and its title are never clipped, on a phone least of all."""
    starts_at_zero = bars or bool(values and 0 <= min(values) <= max(values) / 3)
    return {"rangemode": "tozero" if starts_at_zero else "normal", "automargin": True}


LEGEND_WIDTH = 32  # characters in a legend line: one entry fits a 390 px phone


def _change_phrase(first: float, last: float, unit: str) -> str:
    direction = "up" if last > first else "down"
    if unit == "percent":
        return f"{direction} {abs(last - first):.1f} percentage points"
    if first == 0:
        return direction
    return f"{direction} {abs(last - first) / abs(first) * 100:.0f}%"


def summarise(series: list[Series], unit: str, polarity: str, title: str) -> str:
    """A sentence a screen reader or a reader without JavaScript gets instead of the picture."""
    sentences = []
    for s in series:
        points = [p for p in s.points if not math.isnan(p.value_number)]
        if not points:
            sentences.append(f"{s.name}: no published value.")
            continue
        first, last = points[0], points[-1]
        last_text = f"{format_value(last.value, unit)} in {last.period_label}"
        if len(points) == 1:
            sentences.append(f"{s.name}: {last_text}.")
            continue
        if last.value_number == first.value_number:
            # "stayed from 86 to 86, unchanged" read oddly to a resident: say it was the same.
            sentences.append(
                f"{s.name} was {format_value(first.value, unit)} in {first.period_label} "
                f"and the same, {last_text}."
            )
            continue
        verb = "rose" if last.value_number > first.value_number else "fell"
        change = _change_phrase(first.value_number, last.value_number, unit)
        sentences.append(
            f"{s.name} {verb} from {format_value(first.value, unit)} in {first.period_label} "
            f"to {last_text}, {change}."
        )
    polarity_text = POLARITY_LABELS.get(polarity, "")
    return (
        f"{title}: " + " ".join(sentences) + (f" For this measure {polarity_text}." if polarity_text else "")
    )


def _trace(s: Series, index: int) -> dict:
    dash, symbol = COMPARATOR_STYLE.get(s.kind, ("solid", COUNCIL_MARKERS[index % len(COUNCIL_MARKERS)]))
    color = PALETTE[index % len(PALETTE)]
    values = [None if math.isnan(p.value_number) else plotly_number(float(p.value_number)) for p in s.points]
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": wrapped(s.name, LEGEND_WIDTH),
        "x": [plotly_text(axis_label(p.period_label)) for p in s.points],
        "y": values,
        "text": [plotly_text(p.period_label) for p in s.points],
        "hovertemplate": "%{text}: %{y}<extra>%{fullData.name}</extra>",
        "connectgaps": False,
        "line": {"color": color, "dash": dash, "width": 2.5 if dash == "solid" else 2},
        "marker": {"symbol": symbol, "size": 8, "color": color},
    }


def _figure(series: list[Series], unit: str) -> dict:
    values = [p.value_number for s in series for p in s.points if not math.isnan(p.value_number)]
    yaxis = {"title": {"text": plotly_text(unit_label(unit))}, **value_axis(values, bars=False)}
    legend_rows = sum(wrapped(s.name, LEGEND_WIDTH).count("<br>") + 1 for s in series) // 2 + 1
    ends: dict[str, str] = {}
    for s in series:
        for p in s.points:
            ends.setdefault(plotly_text(axis_label(p.period_label)), p.period_end)
    # Periods as categories in time order: "2017/18", not month ticks between annual figures.
    categories = sorted(ends, key=lambda label: (ends[label], label))
    return {
        "data": [_trace(s, i) for i, s in enumerate(series)],
        "layout": {
            "xaxis": {
                "title": {"text": "Period"},
                "type": "category",
                "categoryorder": "array",
                "categoryarray": categories,
                "automargin": True,
            },
            "yaxis": yaxis,
            "legend": LEGEND,
            "margin": {"l": 10, "r": 20, "t": 10, "b": 10},
            "height": stepped_height(330 + 24 * legend_rows),
            "font": FONT,
        },
    }


def _table(series: list[Series], unit: str) -> tuple[list[str], list[list[str]]]:
    periods: dict[str, str] = {}  # label -> period end, first seen wins
    cells: list[dict[str, str]] = []
    for s in series:
        by_label: dict[str, str] = {}
        for p in s.points:
            periods.setdefault(p.period_label, p.period_end)
            by_label.setdefault(p.period_label, format_value(p.value, unit, p.marker, p.flag))
        cells.append(by_label)
    ordered = sorted(periods, key=lambda label: (periods[label], label))
    if len(series) > max(len(ordered), MAX_TABLE_SERIES):
        # More lines than periods (a council, ten neighbours and England over four years): a row
        # per area, so the table is as narrow as the chart's periods, not as wide as its legend.
        return ["Area", *ordered], [
            [s.name, *(by.get(label, "") for label in ordered)] for s, by in zip(series, cells, strict=True)
        ]
    header = ["Period", *[s.name for s in series]]
    rows = [[label, *(by_label.get(label, "") for by_label in cells)] for label in ordered]
    return header, rows


def build_chart(chart_id: str, title: str, series: list[Series], *, unit: str, polarity: str) -> Chart:
    header, rows = _table(series, unit)
    gaps = any(math.isnan(p.value_number) for s in series for p in s.points)
    figure = _figure(series, unit)
    return Chart(
        id=chart_id,
        title=title,
        summary=summarise(series, unit, polarity, title),
        figure=figure,
        table_header=header,
        table_rows=rows,
        gap_note=(
            "Gaps in the lines are periods where the report gives a marker (such as x, not "
            "available) instead of a value; they are never drawn as zero."
            if gaps
            else ""
        ),
        height=figure["layout"]["height"],
        file_name=file_name(title),
    )

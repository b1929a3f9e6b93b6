"""Charts as plain Plotly figure dicts, with the text summary and data table every chart must have.

Figures are built as dicts (not plotly.graph_objects) and written as compact JSON: building a graph
object per chart costs milliseconds each, which is minutes at England scale, for the same JSON.
One small script (site_templates/assets/js/charts.js) draws every chart on a page.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

from generator.inputs.registry import POLARITY_LABELS
from generator.model.figure_index import Figure
from generator.outputs.site.formatting import format_value, markdown_text, unit_label

# Okabe–Ito palette: distinguishable with the common forms of colour blindness.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
# Comparators differ by line style and marker too, never by hue alone.
COMPARATOR_STYLE = {
    "country": ("dash", "square"),
    "statistical_neighbour_average": ("dot", "diamond"),
    "region": ("dashdot", "triangle-up"),
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
    summary: str  # Markdown, for the paragraph under the chart
    label: str  # the same sentence escaped for an HTML attribute (the chart's accessible name)
    figure_json: str
    table_header: list[str]
    table_rows: list[list[str]]
    gap_note: str


def _script_safe(document: object) -> str:
    """JSON that cannot end its <script> element or open another one, and that every browser parses:
    NaN or Infinity (which JSON has no word for) raise here instead of breaking the page."""
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False, sort_keys=True, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _change_phrase(first: float, last: float, unit: str) -> str:
    if last == first:
        return "unchanged"
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
        verb = (
            "rose"
            if last.value_number > first.value_number
            else "fell"
            if last.value_number < first.value_number
            else "stayed"
        )
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
    values = [None if math.isnan(p.value_number) else float(p.value_number) for p in s.points]
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": html.escape(s.name),
        "x": [p.period_end for p in s.points],
        "y": values,
        "text": [html.escape(p.period_label) for p in s.points],
        "hovertemplate": "%{text}: %{y}<extra>%{fullData.name}</extra>",
        "connectgaps": False,
        "line": {"color": color, "dash": dash, "width": 2.5 if dash == "solid" else 2},
        "marker": {"symbol": symbol, "size": 8, "color": color},
    }


def _figure(series: list[Series], unit: str) -> dict:
    values = [p.value_number for s in series for p in s.points if not math.isnan(p.value_number)]
    yaxis: dict = {"title": {"text": html.escape(unit_label(unit))}, "rangemode": "tozero"}
    if unit == "percent" and (not values or max(values) <= 100):
        yaxis["range"] = [0, 100]
    legend_rows = (len(series) + 1) // 2
    return {
        "data": [_trace(s, i) for i, s in enumerate(series)],
        "layout": {
            "xaxis": {"title": {"text": "End of period"}, "type": "date"},
            "yaxis": yaxis,
            "legend": {"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top", "yref": "paper"},
            "margin": {"l": 60, "r": 20, "t": 10, "b": 70 + 24 * legend_rows},
            "height": 330 + 24 * legend_rows,
            "font": {"family": "Roboto, Arial, sans-serif", "size": 14},
        },
    }


def _table(series: list[Series], unit: str) -> tuple[list[str], list[list[str]]]:
    periods: dict[str, str] = {}  # label -> period end, first seen wins
    cells: list[dict[str, str]] = []
    for s in series:
        by_label: dict[str, str] = {}
        for p in s.points:
            periods.setdefault(p.period_label, p.period_end)
            by_label.setdefault(p.period_label, html.escape(format_value(p.value, unit, p.marker, p.flag)))
        cells.append(by_label)
    header = ["Period", *[html.escape(s.name) for s in series]]
    rows = [
        [html.escape(label), *(by_label.get(label, "") for by_label in cells)]
        for label in sorted(periods, key=lambda label: (periods[label], label))
    ]
    return header, rows


def build_chart(chart_id: str, title: str, series: list[Series], *, unit: str, polarity: str) -> Chart:
    header, rows = _table(series, unit)
    gaps = any(math.isnan(p.value_number) for s in series for p in s.points)
    summary = summarise(series, unit, polarity, title)
    return Chart(
        id=chart_id,
        title=markdown_text(title),
        summary=markdown_text(summary),
        label=html.escape(" ".join(summary.split()), quote=True),
        figure_json=_script_safe(_figure(series, unit)),
        table_header=header,
        table_rows=rows,
        gap_note=(
            "Gaps in the lines are periods where the report gives a marker (such as x, not "
            "available) instead of a value; they are never drawn as zero."
            if gaps
            else ""
        ),
    )

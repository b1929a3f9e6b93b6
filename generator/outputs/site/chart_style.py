"""The style every chart of a kind shares, sent once in the site's chart script, not in every chart.

A page carries each chart's Plotly figure as JSON (``_chart.md.j2``). Fonts, margins, the legend's
place, axis settings and each trace's mode and hover text were the same in every chart, word for
word: half of a chart's JSON, and a page of thirty charts carried them thirty times. So the page
carries only what differs (``on_page``), and charts.js, which holds the same ``STYLE``, puts the
rest back before drawing (``expand`` is the same merge, for the tests): the figure drawn is the one
``charts.py`` and ``comparison.py`` built, key for key. ``tests/test_charts.py`` checks that
charts.js holds this ``STYLE`` exactly.

A chart's kind is its first trace's type: line charts over time (``scatter``, Plotly's default
type, so a line chart's traces carry no type) and the bar charts comparing areas (``bar``).
"""

from __future__ import annotations

# A legend laid out across the foot of the chart, below the axis titles however much room their
# tick labels take (yref "container": Plotly reserves the legend's rows and then lays out the axes).
LEGEND = {"orientation": "h", "x": 0, "y": 0, "yanchor": "bottom", "yref": "container"}
FONT = {"family": "Roboto, Arial, sans-serif", "size": 14}
DEFAULT_KIND = "scatter"

STYLE: dict[str, dict[str, dict]] = {
    "scatter": {
        "layout": {
            "font": FONT,
            "legend": LEGEND,
            "margin": {"l": 10, "r": 20, "t": 10, "b": 10},
            # Periods as categories in the order each chart gives (its categoryarray).
            "xaxis": {
                "title": {"text": "Period"},
                "type": "category",
                "categoryorder": "array",
                "automargin": True,
            },
            "yaxis": {"automargin": True},
        },
        "trace": {
            "type": "scatter",
            "mode": "lines+markers",
            "hovertemplate": "%{text}: %{y}<extra>%{fullData.name}</extra>",
            "connectgaps": False,
            # A chart's first line, the council's own (charts.py): most charts have no other.
            "line": {"color": "#0072B2", "dash": "solid", "width": 2.5},
            "marker": {"size": 8, "color": "#0072B2", "symbol": "circle"},
        },
    },
    "bar": {
        "layout": {
            "barmode": "overlay",
            "font": FONT,
            "legend": LEGEND,
            "margin": {"l": 10, "r": 60, "t": 10, "b": 10},
            "xaxis": {"automargin": True},
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "autorange": "reversed",
                "automargin": True,
            },
        },
        "trace": {
            "orientation": "h",
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{text}<extra></extra>",
        },
    },
}


def plotly_number(value: float) -> int | float:
    """A value as a chart's JSON carries it: a whole number without its ".0" (143, not 143.0),
    which JavaScript reads as the same number, so the chart is drawn and hovered the same."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


class StyleError(ValueError):
    """A figure lacks a setting its kind's style has: charts.js would add it, drawing another chart."""


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and a == b  # False is not 0, nor 2 2.0, for Plotly


def _less(own: dict, shared: dict, *where: str) -> dict:
    """``own`` less what ``shared`` says; ``where`` is the path to it, joined only for an error
    (a page's charts make some 20,000 of these calls, nearly all without one)."""
    missing = [key for key in shared if key not in own]
    if missing:
        place = ".".join(where)
        raise StyleError(f"{place} has no {', '.join(missing)}, which every chart of its kind has")
    rest = {}
    for key, value in own.items():
        if key not in shared:
            rest[key] = value
        elif isinstance(value, dict) and isinstance(shared[key], dict):
            if left := _less(value, shared[key], *where, key):
                rest[key] = left
        elif not _same(value, shared[key]):
            rest[key] = value
    return rest


def _kind(traces: list[dict]) -> str:
    return traces[0].get("type", DEFAULT_KIND) if traces else DEFAULT_KIND


def _first_lines_periods(figure: dict) -> list | None:
    """A line chart's first line's periods, in order (None for any other chart). When they are
    its categoryarray too, the page says them once, not twice (most charts have one line)."""
    traces = figure["data"]
    return traces[0].get("x") if traces and _kind(traces) == DEFAULT_KIND else None


def on_page(figure: dict) -> dict:
    """The figure as a page carries it: what its kind's STYLE does not already say, nor the
    periods its first line gives in the same order."""
    style = STYLE[_kind(figure["data"])]
    layout = _less(figure["layout"], style["layout"], "layout")
    axis = layout.get("xaxis", {})
    periods = _first_lines_periods(figure)
    if periods is not None and axis.get("categoryarray") == periods:
        axis = {key: value for key, value in axis.items() if key != "categoryarray"}
        layout = {key: value for key, value in layout.items() if key != "xaxis"} | (
            {"xaxis": axis} if axis else {}
        )
    return {
        "data": [_less(trace, style["trace"], f"trace {i}") for i, trace in enumerate(figure["data"])],
        "layout": layout,
    }


def _merged(shared: dict, own: dict) -> dict:
    result = {key: _merged(value, {}) if isinstance(value, dict) else value for key, value in shared.items()}
    for key, value in own.items():
        both = isinstance(value, dict) and isinstance(result.get(key), dict)
        result[key] = _merged(result[key], value) if both else value
    return result


def expand(carried: dict) -> dict:
    """The figure charts.js draws from what a page carries (charts.js's own ``expand``)."""
    style = STYLE[_kind(carried["data"])]
    figure = {
        "data": [_merged(style["trace"], trace) for trace in carried["data"]],
        "layout": _merged(style["layout"], carried["layout"]),
    }
    periods = _first_lines_periods(figure)
    if periods is not None and "categoryarray" not in figure["layout"]["xaxis"]:
        figure["layout"]["xaxis"]["categoryarray"] = list(periods)
    return figure

"""The chart that answers "how does this council compare?": one period, one bar per area.

A council, its statistical neighbours, their average and England for the latest period the council
has a comparable figure for; only figures of that same period are drawn (never a "latest
available" comparator beside a quarter). The council's bar is highlighted by colour, an outline
and its name ("this council"), never by colour alone; every bar carries its value as text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.core.vocabulary import (
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    POLARITY_LABELS,
    STATISTICAL_NEIGHBOUR_AVERAGE,
)
from generator.model.figure_index import Figure
from generator.outputs.site.chart_style import plotly_number
from generator.outputs.site.charts import (
    FONT,
    LEGEND,
    PALETTE,
    Chart,
    file_name,
    plotly_text,
    stepped_height,
    value_axis,
    wrapped,
)
from generator.outputs.site.formatting import format_value, unit_label
from generator.outputs.site.judgement import judge, judged_phrase

THIS, NEIGHBOUR, COMPARATOR = "this", "neighbour", "comparator"
LABEL_WIDTH = 24  # characters in a line of an area's name beside its bar, so the bars keep room
_STYLE = {  # role -> (legend name, colour, pattern)
    THIS: ("this council", PALETTE[0], ""),
    NEIGHBOUR: ("councils", "#8c8c8c", ""),
    COMPARATOR: ("averages and England", PALETTE[1], ""),
}


@dataclass(frozen=True)
class Bar:
    figure: Figure
    role: str  # THIS, NEIGHBOUR or COMPARATOR


def _order(bars: list[Bar], polarity: str) -> list[Bar]:
    """Best first by polarity; highest first when the measure has none."""
    return sorted(
        bars,
        key=lambda b: -b.figure.value_number if polarity != LOWER_IS_BETTER else b.figure.value_number,
    )


def _name(bar: Bar) -> str:
    if bar.role == THIS:
        return f"{bar.figure.authority_name} (this council)"
    if bar.figure.authority_type == STATISTICAL_NEIGHBOUR_AVERAGE:
        return "Statistical neighbours (average)"  # the whole name is too long for a phone's axis
    return bar.figure.authority_name


def _ranking_summary(title: str, bars: list[Bar], unit: str, polarity: str) -> str:
    """For bars with no council of its own (an indicator page): the first and the last, in words."""
    first, last = bars[0].figure, bars[-1].figure
    top, bottom = (
        ("Best", "worst") if polarity in (HIGHER_IS_BETTER, LOWER_IS_BETTER) else ("Highest", "lowest")
    )
    text = (
        f"{title}, {first.period_label}, {len(bars)} areas. {top}: {first.authority_name} "
        f"({format_value(first.value, unit)}); {bottom}: {last.authority_name} "
        f"({format_value(last.value, unit)})."
    )
    return text + (f" For this measure {POLARITY_LABELS[polarity]}." if polarity in POLARITY_LABELS else "")


def _summary(title: str, bars: list[Bar], unit: str, polarity: str) -> str:
    if not any(b.role == THIS for b in bars):
        return _ranking_summary(title, bars, unit, polarity)
    this = next(b for b in bars if b.role == THIS).figure
    value = format_value(this.value, unit, this.marker, this.flag)
    sentences = [f"{title}, {this.period_label}: {this.authority_name} {value}."]
    for b in bars:
        if b.role == COMPARATOR:
            word = judge(this.value_number, b.figure.value_number, unit, polarity)
            other = format_value(b.figure.value, unit, b.figure.marker, b.figure.flag)
            sentences.append(f"{judged_phrase(word).capitalize()} {b.figure.authority_name} ({other}).")
    councils = [b for b in bars if b.role in (THIS, NEIGHBOUR)]
    if len(councils) > 1:
        place = [b.role for b in councils].index(THIS) + 1
        order = "highest" if polarity not in (HIGHER_IS_BETTER, LOWER_IS_BETTER) else "best"
        sentences.append(
            f"{place} of the {len(councils)} councils here (it and its statistical neighbours), "
            f"{order} first."
        )
    if polarity in POLARITY_LABELS:
        sentences.append(f"For this measure {POLARITY_LABELS[polarity]}.")
    return " ".join(sentences)


def _traces(bars: list[Bar], unit: str) -> list[dict]:
    traces = []
    for role in (THIS, NEIGHBOUR, COMPARATOR):
        shown = [b for b in bars if b.role == role]
        if not shown:
            continue
        legend, colour, pattern = _STYLE[role]
        marker: dict = {"color": colour, "line": {"color": "#000000", "width": 1 if role == THIS else 0}}
        if pattern:
            marker["pattern"] = {"shape": pattern, "fgcolor": "#ffffff", "size": 8}
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": plotly_text(legend),
                "y": [wrapped(_name(b), LABEL_WIDTH) for b in shown],
                "x": [plotly_number(float(b.figure.value_number)) for b in shown],
                "text": [plotly_text(format_value(b.figure.value, unit)) for b in shown],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra></extra>",
                "marker": marker,
            }
        )
    return traces


def comparison_chart(chart_id: str, title: str, bars: list[Bar], *, unit: str, polarity: str) -> Chart | None:
    """A bar per area for one period, best first, or None with fewer than two values. Bars are
    this council's, its neighbours' and comparators' (an area page), or every council's with the
    comparators (an indicator page, where no bar is THIS)."""
    bars = [b for b in bars if b.figure.value != "" and not math.isnan(b.figure.value_number)]
    if len(bars) < 2:
        return None
    bars = _order(bars, polarity)
    values = [b.figure.value_number for b in bars]
    xaxis = {"title": {"text": plotly_text(unit_label(unit))}, **value_axis(values, bars=True)}
    height = stepped_height(110 + 34 * len(bars))
    period = bars[0].figure.period_label
    figure = {
        "data": _traces(bars, unit),
        "layout": {
            "barmode": "overlay",
            "xaxis": xaxis,
            "yaxis": {
                "type": "category",
                "categoryorder": "array",
                "categoryarray": [wrapped(_name(b), LABEL_WIDTH) for b in bars],
                "autorange": "reversed",
                "automargin": True,
            },
            "legend": LEGEND,
            "margin": {"l": 10, "r": 60, "t": 10, "b": 10},
            "height": height,
            "font": FONT,
        },
    }
    return Chart(
        id=chart_id,
        title=f"{title}, {period}",
        summary=_summary(title, bars, unit, polarity),
        figure=figure,
        table_header=["Area", f"{period} ({unit_label(unit)})"],
        table_rows=[
            [_name(b), format_value(b.figure.value, unit, b.figure.marker, b.figure.flag)] for b in bars
        ],
        gap_note="",
        height=height,
        file_name=file_name(f"{title} {period}"),
    )

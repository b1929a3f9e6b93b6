"""Pick the figures a chart or a comparison needs out of a list of figure records.

Records arrive in the model's time order (see model.TIME_ORDER), so "latest" is always "last".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator.model.figure_index import Figure, FigureIndex, one_per_period
from generator.outputs.site.charts import Series
from generator.outputs.site.formatting import format_value
from generator.outputs.site.judgement import ICONS, SIMILAR, judge, judged_phrase


def whole_area(figures: Iterable[Figure]) -> list[Figure]:
    return [f for f in figures if f.breakdown_dimension == ""]


def with_value(figures: Iterable[Figure]) -> list[Figure]:
    return [f for f in figures if f.value != ""]


def comparable(figures: Iterable[Figure]) -> list[Figure]:
    """The figures a line, a trend or a better/worse judgement may use: of a calendar period and
    given as exact. A comparator quoted as "the most recent" or a figure "almost 5,500" is shown in
    tables with its wording, and never set against another figure as if the two were alike."""
    return [f for f in figures if f.comparable]


def main_period_class(figures: list[Figure]) -> str:
    """The period length most comparable figures use (the latest breaks a tie): what a chart draws."""
    counts: dict[str, tuple[int, str]] = {}
    for f in comparable(figures) or figures:
        size, latest = counts.get(f.period_class, (0, ""))
        counts[f.period_class] = (size + 1, max(latest, f.period_end))
    return max(counts, key=lambda c: (*counts[c], c))


def _series(codes: list[str], points_of: Callable[[str], list[Figure]]) -> list[Series]:
    """One series per area that has points, in the order of ``codes``."""
    result = []
    for code in codes:
        points = points_of(code)
        if points:
            result.append(Series(points[0].authority_name, points[0].authority_type, points))
    return result


def area_series(figures: list[Figure], codes: list[str], period_class: str) -> list[Series]:
    """Whole-area series of one period length for the given areas, in the order given."""
    by_area: dict[str, list[Figure]] = {}
    for f in figures:
        if f.comparable and f.period_class == period_class and f.breakdown_dimension == "":
            by_area.setdefault(f.authority_code, []).append(f)
    return _series(codes, lambda code: one_per_period(by_area.get(code, [])))


def indexed_area_series(
    index: FigureIndex, indicator_id: str, codes: list[str], period_class: str
) -> list[Series]:
    """What ``area_series`` gives for the index's figures of one measure, from remembered lines."""
    return _series(codes, lambda code: index.area_points(code, indicator_id, period_class))


def describe_against(row, other, unit: str, polarity: str, what: str) -> str:
    """'▲ worse than England (20%)' in words and an icon, never colour alone, by the one rule
    (judgement.judge). The icon shows which way the value differs, the words whether that is
    better: a fall can be better, and its icon still points down."""
    word = judge(row.value_number, other.value_number, unit, polarity)
    icon = ICONS[SIMILAR] if word == SIMILAR else "▲" if row.value_number > other.value_number else "▼"
    value = format_value(other.value, unit, other.marker, other.flag)
    return f"{icon} {judged_phrase(word)} {what} ({value})"

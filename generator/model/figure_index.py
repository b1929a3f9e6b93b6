"""The model's figures as plain records, grouped once by package, area and indicator.

Pages are built from these records rather than from pandas selections: a page needs a few dozen
rows, and a boolean mask over the whole table per page (or per chart) made page generation grow with
pages × figures. One pass over the table builds every group; each page then reads only its own.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from generator.core.memory import collection_paused

Figure = Any  # a namedtuple of the model's columns (plus Index), from DataFrame.itertuples


def one_per_period(figures: list[Figure]) -> list[Figure]:
    """One point per period; where reports disagree, the newest report's figure is drawn and the
    disagreement is listed on the page and on the discrepancies page."""
    last = {f.period: i for i, f in enumerate(figures)}
    return [figures[i] for i in sorted(last.values())]


@dataclass(frozen=True)
class FigureIndex:
    figures: list[Figure]  # every figure, in the model's time order
    by_package: dict[str, list[Figure]]
    by_authority: dict[str, list[Figure]]
    by_indicator: dict[str, list[Figure]]
    # (indicator_id, period, authority_code) -> the newest whole-area figure with a value that may be
    # compared: one of a calendar period, given as exact (model.tidy's ``comparable``)
    latest_value: dict[tuple[str, str, str], Figure]
    by_area_indicator: dict[tuple[str, str], list[Figure]]
    _points: dict[tuple[str, str, str], list[Figure]] = field(default_factory=dict, compare=False, repr=False)

    def area_points(self, code: str, indicator_id: str, period_class: str) -> list[Figure]:
        """An area's whole-area line for one measure and period length, one figure per period.

        Remembered: every council's page charts England and its region against itself, and
        England's figures for a measure come from every council's reports (thousands of records).
        """
        key = (code, indicator_id, period_class)
        points = self._points.get(key)
        if points is None:
            rows = self.by_area_indicator.get((code, indicator_id), [])
            points = one_per_period(
                [
                    f
                    for f in rows
                    if f.comparable and f.period_class == period_class and f.breakdown_dimension == ""
                ]
            )
            self._points[key] = points
        return points

    @classmethod
    @collection_paused()
    def from_frame(cls, observations: pd.DataFrame) -> FigureIndex:
        # Like itertuples(name="Figure"), but reading each column once as Python objects: iterating
        # pandas string arrays value by value dominated this at England scale.
        record = namedtuple("Figure", ["Index", *observations.columns], rename=True)
        columns = [observations.index.tolist(), *(observations[c].tolist() for c in observations.columns)]
        figures = list(map(record._make, zip(*columns, strict=True)))
        by_package: dict[str, list[Figure]] = defaultdict(list)
        by_authority: dict[str, list[Figure]] = defaultdict(list)
        by_indicator: dict[str, list[Figure]] = defaultdict(list)
        latest_value: dict[tuple[str, str, str], Figure] = {}
        by_area_indicator: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        for f in figures:
            by_area_indicator[(f.authority_code, f.indicator_id)].append(f)
            by_package[f.source_package].append(f)
            by_authority[f.authority_code].append(f)
            by_indicator[f.indicator_id].append(f)
            if f.value != "" and f.breakdown_dimension == "" and f.comparable:
                latest_value[(f.indicator_id, f.period, f.authority_code)] = f
        return cls(
            figures,
            dict(by_package),
            dict(by_authority),
            dict(by_indicator),
            latest_value,
            dict(by_area_indicator),
        )

"""The model's figures as plain records, grouped once by package, area and indicator.

Pages are built from these records rather than from pandas selections: a page needs a few dozen
rows, and a boolean mask over the whole table per page (or per chart) made page generation grow with
pages × figures. One pass over the table builds every group; each page then reads only its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd

Figure = Any  # a namedtuple of the model's columns (plus Index), from DataFrame.itertuples


@dataclass(frozen=True)
class FigureIndex:
    figures: list[Figure]  # every figure, in the model's time order
    by_package: dict[str, list[Figure]]
    by_authority: dict[str, list[Figure]]
    by_indicator: dict[str, list[Figure]]
    # (indicator_id, period, authority_code) -> the newest whole-area figure with a value
    latest_value: dict[tuple[str, str, str], Figure]

    @classmethod
    def from_frame(cls, observations: pd.DataFrame) -> FigureIndex:
        figures = list(observations.itertuples(index=True, name="Figure"))
        by_package: dict[str, list[Figure]] = defaultdict(list)
        by_authority: dict[str, list[Figure]] = defaultdict(list)
        by_indicator: dict[str, list[Figure]] = defaultdict(list)
        latest_value: dict[tuple[str, str, str], Figure] = {}
        for f in figures:
            by_package[f.source_package].append(f)
            by_authority[f.authority_code].append(f)
            by_indicator[f.indicator_id].append(f)
            if f.value != "" and f.breakdown_dimension == "":
                latest_value[(f.indicator_id, f.period, f.authority_code)] = f
        return cls(figures, dict(by_package), dict(by_authority), dict(by_indicator), latest_value)

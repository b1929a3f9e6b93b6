"""Comparators DfE does not publish, calculated by this site from its figures, labelled as such.

- A council's statistical neighbours' average, as LAIT computes it: for each official figure of a
  council, the mean of its ten neighbours' figures for the same measure, period and breakdown, in
  the DfE model in force for that year (neighbour_models.csv: the 2021 groupings before 2025, the
  2025 model from then). A neighbour whose figure is suppressed or missing is left out, and the
  note says how many of the ten the average covers; with none, there is no average. The average
  is an area of its own, ``SNCALC-<council>``, in the package ``calculated-comparators``, whose
  provenance names the model. Only for measures that are shares or rates: an average of counts
  (referrals, social workers in post) says nothing, because councils differ so much in size.
- A council's quartile among all councils for the measure and period, by polarity (1 = the best
  quarter; none for a measure with no polarity): 1 + the integer part of 4 x (the number of
  councils with a better figure) / (the number of councils with a figure). It is written in the
  official figure's quartile column, and its note says the quartile was calculated here.

Neighbours are matched by DfE code, which a council keeps when its GSS code changes, so the 2021
model applied to 2015 finds Buckinghamshire County Council's figure.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable

from generator.core.vocabulary import (
    CALCULATED_NEIGHBOUR_AVERAGE_PREFIX,
    COUNCIL_TYPES,
    COUNT,
    GBP,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    calculated_neighbour_average_code,
)
from generator.inputs.official.areas import COMBINED, NEIGHBOURS
from generator.inputs.official.mappings import NeighbourModel

CALCULATED_PREFIX = CALCULATED_NEIGHBOUR_AVERAGE_PREFIX
PACKAGE = "calculated-comparators"
MIN_COUNCILS_FOR_QUARTILES = 4
NOT_AVERAGED = frozenset({COUNT, "fte", GBP})


calculated_code = calculated_neighbour_average_code


def calculated_area(council: dict[str, str]) -> dict[str, str]:
    return {
        "code": calculated_code(council["code"]),
        "dfe_code": "",
        "name": f"Statistical neighbours of {council['name']} (average calculated by this site)",
        "type": "statistical_neighbour_average",
        "region_code": council["region_code"],
        "comparator_of": council["code"],
        "first_year": "",
        "last_year": "",
    }


def _councils(observations: Iterable[dict], areas: dict[str, dict[str, str]]):
    for o in observations:
        area = areas[o["authority_code"]]
        if area["type"] in COUNCIL_TYPES and area["type"] != COMBINED:
            yield o, area


def _groups(observations: list[dict], areas: dict[str, dict[str, str]]) -> dict[tuple, list]:
    groups: dict[tuple, list] = defaultdict(list)
    for o, area in _councils(observations, areas):
        key = (o["indicator_id"], o["period"], o["breakdown_dimension"], o["breakdown_category"])
        groups[key].append((o, area))
    return groups


def _number(mean: float) -> str:
    """The mean to one decimal place, as DfE gives its percentages: 22.6, 1234.5, 15."""
    rounded = f"{mean:.1f}".rstrip("0").rstrip(".")
    return "0" if rounded in ("-0", "") else rounded


def neighbour_averages(
    observations: list[dict],
    areas: dict[str, dict[str, str]],
    models: list[tuple[NeighbourModel, dict[str, list[str]]]],
    package: str,
    units: dict[str, str],
) -> list[dict]:
    """An average row for each council figure of a share or a rate whose model in force names ten
    neighbours, at least one of which has a figure. ``models`` gives each model's neighbours by
    DfE code; ``units`` each indicator's unit."""
    rows = []
    for (indicator, period, dimension, category), members in _groups(observations, areas).items():
        if units.get(indicator) in NOT_AVERAGED:
            continue
        by_dfe = {area["dfe_code"]: o for o, area in members}
        for o, area in members:
            year = o["_year"]
            model = next(((m, n) for m, n in models if m.in_force(year) and area["dfe_code"] in n), None)
            if model is None:
                continue
            about, neighbours = model
            values = [
                float(by_dfe[d]["value"])
                for d in neighbours[area["dfe_code"]]
                if d in by_dfe and by_dfe[d]["value"]
            ]
            if not values:
                continue
            covered = (
                ""
                if len(values) == NEIGHBOURS
                else f"covers {len(values)} of the {NEIGHBOURS} neighbours: the others' figures are "
                "suppressed or not available"
            )
            rows.append(
                {
                    "authority_code": calculated_code(o["authority_code"]),
                    "indicator_id": indicator,
                    "period": period,
                    "breakdown_dimension": dimension,
                    "breakdown_category": category,
                    "value": _number(sum(values) / len(values)),
                    "note": "; ".join(p for p in ("calculated by this site", covered) if p),
                    "provenance": (
                        f"calculated by this site: the mean of the figures of the {NEIGHBOURS} "
                        f"statistical neighbours of {area['name']} in {about.title} (model {about.id}), "
                        f"from {package}"
                    ),
                }
            )
    return rows


def add_quartiles(
    observations: list[dict], areas: dict[str, dict[str, str]], polarity: dict[str, str]
) -> None:
    """The quartile of each council figure with a value, among the councils' figures of its group."""
    for (indicator, *_), members in _groups(observations, areas).items():
        if polarity.get(indicator) not in (HIGHER_IS_BETTER, LOWER_IS_BETTER):
            continue
        valued = [(float(o["value"]), o) for o, _ in members if o["value"]]
        if len(valued) < MIN_COUNCILS_FOR_QUARTILES:
            continue
        sign = 1 if polarity[indicator] == HIGHER_IS_BETTER else -1
        scores = sorted(sign * v for v, _ in valued)
        for value, o in valued:
            better = len(scores) - bisect_right(scores, sign * value)
            o["quartile"] = str(min(4, 1 + math.floor(4 * better / len(valued))))
            said = f"quartile calculated by this site among {len(valued)} councils"
            o["note"] = f"{o['note']}; {said}" if o["note"] else said

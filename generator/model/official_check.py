"""Committee figures held against the official figure for the same area, measure and period.

A report's figure and DfE's are the same figure only when the measure is defined the same way (the
reviewed list in the registry's official_equivalents.csv: a near-equivalent is not the same), the
area is the same (a combined DfE row is neither council) and the period is the same calendar period
(a "latest available" or "recent months" figure meets no official one). Agreement within rounding
is agreement: 23.8 and DfE's 23.82 agree, because the report printed one decimal. Neither figure is
ever changed: the comparison is published beside both.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd

from generator.core.contract import BREAKDOWN

AGREES = "agrees"
DIFFERS = "differs"
WITHHELD = "official figure withheld"

COLUMNS = [
    "figure_id",
    "source_package",
    "source_title",
    "authority_code",
    "authority_name",
    "indicator_id",
    "indicator_title",
    "unit",
    "period",
    "period_label",
    "breakdown",
    "value",
    "official_figure_id",
    "official_package",
    "official_title",
    "official_indicator_id",
    "official_value",
    "official_marker",
    "official_provenance",
    "difference",
    "verdict",
    "why",
]


def decimals(text: str) -> int:
    """Places after the decimal point as printed: the precision a figure was rounded to."""
    try:
        exponent = Decimal(text).as_tuple().exponent
    except InvalidOperation:
        return 0
    return max(0, -exponent) if isinstance(exponent, int) else 0


def verdict(report: str, official: str) -> tuple[str, str]:
    """(difference as printed, verdict) for two values as their publishers printed them.

    The tolerance is half a unit of the coarser of the two roundings: a report's 24 against DfE's
    23.82 agrees, so does a report's 23.8; a report's 7,299 against DfE's 7,555 does not."""
    places = min(decimals(report), decimals(official))
    difference = Decimal(report) - Decimal(official)
    tolerance = Decimal(5).scaleb(-places - 1)
    shown = f"{difference:+f}" if difference else "0"
    return shown, AGREES if abs(difference) <= tolerance else DIFFERS


def official_comparisons(obs: pd.DataFrame, equivalents: pd.DataFrame, official: set[str]) -> pd.DataFrame:
    """Every report figure that has an official counterpart, with the official figure and a verdict.

    ``official`` names the packages of official statistics. Only exact, comparable report figures
    are held against official ones: a qualified ("almost 5,500") or undated ("latest available")
    figure says something other than a number for a period, so it is not compared."""
    if equivalents.empty or not official:
        return pd.DataFrame(columns=COLUMNS)
    is_official = obs["source_package"].isin(official)
    mapping = dict(zip(equivalents["indicator_id"], equivalents["official_indicator_id"], strict=True))
    why = dict(zip(equivalents["indicator_id"], equivalents["why"], strict=True))
    reports = obs[~is_official & obs["comparable"] & (obs["value"] != "") & obs["indicator_id"].isin(mapping)]
    if reports.empty:
        return pd.DataFrame(columns=COLUMNS)
    reports = reports.assign(official_indicator_id=reports["indicator_id"].map(mapping))
    counterparts = obs.loc[
        is_official,
        [
            "authority_code",
            "indicator_id",
            "period",
            *BREAKDOWN,
            "figure_id",
            "source_package",
            "source_title",
            "value",
            "marker",
            "provenance",
        ],
    ].rename(
        columns={
            "indicator_id": "official_indicator_id",
            "figure_id": "official_figure_id",
            "source_package": "official_package",
            "source_title": "official_title",
            "value": "official_value",
            "marker": "official_marker",
            "provenance": "official_provenance",
        }
    )
    pairs = reports.merge(
        counterparts, on=["authority_code", "official_indicator_id", "period", *BREAKDOWN], how="inner"
    )
    if pairs.empty:
        return pd.DataFrame(columns=COLUMNS)
    judged = [
        verdict(r, o) if o != "" else ("", WITHHELD)
        for r, o in zip(pairs["value"], pairs["official_value"], strict=True)
    ]
    pairs["difference"] = [d for d, _ in judged]
    pairs["verdict"] = [v for _, v in judged]
    pairs["why"] = pairs["indicator_id"].map(why)
    return (
        pairs[COLUMNS]
        .sort_values(["authority_code", "indicator_id", "period", "source_package"])
        .reset_index(drop=True)
    )


def largest_differences(comparisons: pd.DataFrame, count: int) -> pd.DataFrame:
    """The differing pairs, largest first relative to the official figure (a count of 7,299 against
    7,555 and a rate of 19.6% against 18.8% are put on one scale)."""
    differing = comparisons[comparisons["verdict"] == DIFFERS]
    if differing.empty:
        return differing
    official = differing["official_value"].astype(float)
    relative = (differing["value"].astype(float) - official).abs() / official.abs().where(official != 0, 1.0)
    return (
        differing.assign(relative=relative)
        .sort_values("relative", ascending=False, kind="stable")
        .head(count)
    )

"""Pick the figures a chart or a comparison needs out of the tidy table."""

from __future__ import annotations

import pandas as pd

from .charts import Series
from .text import format_value

POINT_COLUMNS = ["period_end", "period_label", "value_number", "value", "marker", "flag",
                 "source_package", "source_title"]  # fmt: skip


def whole_area(obs: pd.DataFrame) -> pd.DataFrame:
    return obs[obs["breakdown_dimension"] == ""]


def one_per_period(rows: pd.DataFrame) -> pd.DataFrame:
    """One point per period; where reports disagree, the newest report's figure is drawn and the
    disagreement is listed on the page and on the discrepancies page."""
    return rows.drop_duplicates(["period"], keep="last")  # rows keep the model's time order


def main_period_class(rows: pd.DataFrame) -> str:
    """The period length most figures use (the latest breaks a tie): what a chart draws."""
    counts = rows.groupby("period_class")["period_end"].agg(["size", "max"])
    return str(counts.sort_values(["size", "max"]).index[-1])


def area_series(obs: pd.DataFrame, codes: list[str], period_class: str) -> list[Series]:
    """Whole-area series of one period length for the given areas, in the order given."""
    result = []
    obs = obs[obs["period_class"] == period_class]
    for code in codes:
        rows = whole_area(obs[obs["authority_code"] == code])
        if rows.empty:
            continue
        points = one_per_period(rows)[POINT_COLUMNS].reset_index(drop=True)
        first = rows.iloc[0]
        result.append(Series(first.authority_name, first.authority_type, points))
    return result


def judge(value: float, other: float, polarity: str) -> tuple[str, str, str]:
    """(word, icon, css class): better/worse by polarity, or just higher/lower when it has none."""
    if value == other:
        return "same", "■", "judgement--same"
    higher = value > other
    if polarity == "no_polarity":
        return ("higher", "▲", "judgement--none") if higher else ("lower", "▼", "judgement--none")
    better = higher == (polarity == "higher_is_better")
    icon = "▲" if higher else "▼"
    return ("better", icon, "judgement--better") if better else ("worse", icon, "judgement--worse")


def describe_against(row, other, unit: str, polarity: str, what: str) -> str:
    """'▲ better than England (83%)' in words and an icon, never colour alone."""
    word, icon, _ = judge(row.value_number, other.value_number, polarity)
    value = format_value(other.value, unit, other.marker, other.flag)
    if word == "same":
        return f"{icon} same as {what} ({value})"
    return f"{icon} {word} than {what} ({value})"

"""Two reports publishing different values for one figure is news for readers, not an error.

Both figures stay on the site with their sources; this warning makes sure the maintainer knows.
"""

import numpy as np

from generator.core.problems import WARNING

from .base import Check, CheckContext, row_problems


def _differ_within(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per group (rows sorted by group, ``groups`` where each starts): whether its values are not
    all equal, which for numbers that are never NaN is whether the smallest is not the largest."""
    return np.minimum.reduceat(values, groups) != np.maximum.reduceat(values, groups)


def clashing(figure: np.ndarray, value: np.ndarray, package: np.ndarray) -> np.ndarray:
    """Which rows share their figure with a row of another package that has another value."""
    clash = np.zeros(len(figure), dtype=bool)
    shared = np.bincount(figure)[figure] > 1  # a figure only one row has cannot clash
    rows = np.flatnonzero(shared)
    if len(rows) == 0:
        return clash
    order = rows[np.argsort(figure[rows], kind="stable")]
    sorted_figures = figure[order]
    starts = np.flatnonzero(np.concatenate([[True], sorted_figures[1:] != sorted_figures[:-1]]))
    differ = _differ_within(starts, value[order]) & _differ_within(starts, package[order])
    clash[order] = np.repeat(differ, np.diff(np.append(starts, len(order))))
    return clash


def run(ctx: CheckContext):
    obs = ctx.observations
    number = obs["value_number"].to_numpy()
    has = ~np.isnan(number)
    codes = ctx.codes
    clash = np.zeros(len(obs), dtype=bool)
    clash[has] = clashing(codes.figure[has], number[has], codes.package[has])
    if not clash.any():
        return
    figures = codes.figure[clash]
    others: dict[int, list[tuple[str, str]]] = {}
    for figure, package, value in zip(
        figures.tolist(), obs["_package"].to_numpy()[clash], obs["value"].to_numpy()[clash], strict=True
    ):
        others.setdefault(figure, []).append((package, value))

    def message(r):
        elsewhere = "; ".join(f"{v} in {p}" for p, v in others[r["_figure"]] if p != r["_package"])
        return (
            f"{r['indicator_id']} for {r['authority_code']} in {r['period']} is {r['value']} here "
            f"but {elsewhere}"
        )

    yield from row_problems(
        obs[clash].assign(_figure=figures),
        check=CHECK.id,
        column="value",
        severity=WARNING,
        message=message,
        fix="if both reports really print these figures, keep both: the site shows each with its "
        "source; otherwise correct the one that was mistyped",
    )


CHECK = Check(
    "cross-package-discrepancy",
    "Reports agree",
    "The same (area, indicator, period, breakdown) with different values in two packages.",
    run,
)

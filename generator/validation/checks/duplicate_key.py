"""One package publishes one figure per (area, indicator, period, breakdown); a second is a typo."""

import numpy as np
import pandas as pd

from .base import Check, CheckContext, row_problems


def first_rows(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows repeat an earlier row's code, and for each row the position of the first row with
    its code. ``codes`` are numbered in order of first appearance (codes.combined), so a row is the
    first of its code exactly when its code is above every code before it."""
    before = np.maximum.accumulate(np.concatenate([[-1], codes])[:-1])
    first = codes > before
    return ~first, np.flatnonzero(first)[codes]


def run(ctx: CheckContext):
    obs = ctx.observations
    codes, _ = pd.factorize(ctx.codes.package_figure())
    repeats, first = first_rows(codes)
    if not repeats.any():
        return
    of_first = first[repeats]
    repeated = obs[repeats].assign(
        _first=obs["_row"].to_numpy()[of_first], _first_file=obs["_file"].to_numpy()[of_first]
    )
    yield from row_problems(
        repeated,
        check=CHECK.id,
        column=None,
        message=lambda r: (
            f"row {r['_row']} repeats row {r['_first']}"
            + (f" of {r['_first_file']}" if r["_first_file"] != r["_file"] else "")
            + f": the same area "
            f"({r['authority_code']}), indicator ({r['indicator_id']}), period ({r['period']})"
            + (
                f" and breakdown ({r['breakdown_dimension']}: {r['breakdown_category']})"
                if r["breakdown_dimension"]
                else " for the whole area"
            )
        ),
        fix="delete the repeated row, or if the two figures describe different parts of the "
        "area, say which in breakdown_dimension and breakdown_category",
    )


CHECK = Check(
    "duplicate-key",
    "One figure per key",
    "Within a package, (area, indicator, period, breakdown) appears once.",
    run,
)

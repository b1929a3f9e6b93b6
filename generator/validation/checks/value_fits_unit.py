"""A value must make sense for its indicator's unit: no 120%, no 3.5 children, no negative counts."""

import numpy as np

from generator.core.vocabulary import COUNT, NON_NEGATIVE_UNITS, PERCENT

from .base import Check, CheckContext, row_problems
from .codes import indicator_units


def run(ctx: CheckContext):
    obs = ctx.observations
    indicator = ctx.codes.columns["indicator_id"]
    units = indicator_units(indicator, ctx.registry)
    unit = units[indicator.codes]
    value = obs["value_number"].to_numpy()
    has = ~np.isnan(value)
    percent_out = has & (units == PERCENT)[indicator.codes] & ((value < 0) | (value > 100))
    fractional = has & (units == COUNT)[indicator.codes] & (value != np.round(value))
    non_negative = np.array([u in NON_NEGATIVE_UNITS for u in units], dtype=bool)[indicator.codes]
    negative = has & non_negative & (value < 0) & ~percent_out
    yield from row_problems(
        obs[percent_out],
        check=CHECK.id,
        column="value",
        message=lambda r: f"{r['value']} is outside 0–100, but '{r['indicator_id']}' is a percentage",
        fix="write percentages as numbers from 0 to 100 (95.8 for 95.8%); "
        "if this is a count or a rate, use an indicator with that unit",
    )
    yield from row_problems(
        obs[negative].assign(_unit=unit[negative]),
        check=CHECK.id,
        column="value",
        message=lambda r: (
            f"{r['value']} is negative, but '{r['indicator_id']}' ({r['_unit']}) cannot be below zero"
        ),
        fix="check the sign against the report; a fall is shown by the previous period's row, "
        "not by a negative value",
    )
    yield from row_problems(
        obs[fractional],
        check=CHECK.id,
        column="value",
        message=lambda r: f"{r['value']} is not a whole number, but '{r['indicator_id']}' is a count",
        fix="check the figure against the report; if it is an average or a rate, "
        "use an indicator with that unit",
    )
    for column in ("numerator", "denominator"):
        yield from row_problems(
            obs[obs[f"{column}_number"].to_numpy() < 0],
            check=CHECK.id,
            column=column,
            message=lambda r, c=column: f"the {c} {r[c]} is negative",
            fix=f"a {column} counts people or cases: check it against the report",
        )


CHECK = Check(
    "value-fits-unit",
    "Value fits the unit",
    "Percentages lie in 0–100; counts are whole and not negative; other quantities are not negative.",
    run,
)

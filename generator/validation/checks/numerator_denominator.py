"""A percentage printed with its counts must agree with them, to the precision the report printed."""

import numpy as np

from .base import Check, CheckContext, row_problems


def _printed_precision(text):
    """Half a unit in the last printed digit: 95.8 allows +/-0.05, 12 allows +/-0.5."""
    decimals = text.str.extract(r"\.(\d+)$")[0].str.len().fillna(0)
    return 0.5 * np.power(10.0, -decimals)


def run(ctx: CheckContext):
    obs = ctx.observations
    unit = obs["indicator_id"].map(ctx.registry.indicators["unit"])
    num, den, value = obs["numerator_number"], obs["denominator_number"], obs["value_number"]
    both = num.notna() & den.notna()
    over = both & (num > den)
    complete = both & value.notna() & (unit == "percent") & (den > 0) & ~over
    # Only the percentages with both counts are compared: reading the printed precision out of
    # every row's text was most of this check's time at England scale.
    candidates = obs[complete]
    implied = candidates["numerator_number"] / candidates["denominator_number"] * 100
    off = (implied - candidates["value_number"]).abs() > _printed_precision(candidates["value"]) + 1e-9
    yield from row_problems(
        candidates[off].assign(_implied=implied[off]),
        check=CHECK.id,
        column="value",
        message=lambda r: (
            f"{r['numerator']} of {r['denominator']} is {r['_implied']:.2f}%, but the value is {r['value']}%"
        ),
        fix="check all three figures against the report; if the report itself disagrees, keep "
        "its percentage, leave out the count that does not fit and explain in the note",
    )
    yield from row_problems(
        obs[over],
        check=CHECK.id,
        column="numerator",
        message=lambda r: f"the numerator {r['numerator']} is larger than the denominator {r['denominator']}",
        fix="the numerator is the part (children seen on time), the denominator the whole "
        "(all children due a visit): check they are not swapped",
    )


CHECK = Check(
    "numerator-denominator",
    "Counts agree with the percentage",
    "Where a percentage has both counts, numerator / denominator rounds to the printed value.",
    run,
)

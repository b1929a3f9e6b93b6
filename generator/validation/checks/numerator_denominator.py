"""A percentage printed with its counts must agree with them, to the precision the report printed."""

from itertools import repeat

import numpy as np

from generator.core.vocabulary import PERCENT

from .base import Check, CheckContext, row_problems
from .codes import indicator_units


def _printed_precision(texts: np.ndarray) -> np.ndarray:
    """Half a unit in the last printed digit: 95.8 allows +/-0.05, 12 allows +/-0.5. The texts are
    plain numbers (core/numbers.py: they were read as one), so the digits after the point are all
    there is after it."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    points = np.fromiter(map(str.rfind, texts, repeat(".")), dtype=np.int64, count=len(texts))
    decimals = np.where(points < 0, 0, lengths - points - 1)
    return 0.5 * np.power(10.0, -decimals.astype(np.float64))


def run(ctx: CheckContext):
    obs = ctx.observations
    indicator = ctx.codes.columns["indicator_id"]
    percent = (indicator_units(indicator, ctx.registry) == PERCENT)[indicator.codes]
    num, den = obs["numerator_number"].to_numpy(), obs["denominator_number"].to_numpy()
    value = obs["value_number"].to_numpy()
    both = ~np.isnan(num) & ~np.isnan(den)
    over = both & (num > den)
    complete = both & ~np.isnan(value) & percent & (den > 0) & ~over
    # Only the percentages with both counts are compared: reading the printed precision out of
    # every row's text was most of this check's time at England scale.
    rows = np.flatnonzero(complete)
    implied = num[rows] / den[rows] * 100
    precision = _printed_precision(obs["value"].to_numpy()[rows])
    off = np.abs(implied - value[rows]) > precision + 1e-9
    yield from row_problems(
        obs.iloc[rows[off]].assign(_implied=implied[off]),
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

"""Figures are plain decimal numbers: no NaN, infinity, exponent, underscore or digits of other scripts.

Frictionless reads a number column with Python's Decimal, which accepts all of those, so such a cell
would pass the schema and then stand on the site as no figure at all, or break a chart. Text that
Decimal refuses (85.1%, 1,234) is the schema's type error, with its own fix, and is not repeated here.
"""

from decimal import Decimal, InvalidOperation

import numpy as np

from generator.core.contract import NUMBER_FIELDS
from generator.core.numbers import PLAIN_NUMBER

from .base import Check, CheckContext, row_problems


def _decimal_reads(text: str) -> bool:
    try:
        Decimal(text)
    except (InvalidOperation, ValueError):
        return False
    return True


def run(ctx: CheckContext):
    obs = ctx.observations
    for column in NUMBER_FIELDS:
        unread = obs[np.isnan(obs[f"{column}_number"].to_numpy()) & (obs[column].to_numpy() != "")]
        if unread.empty:
            continue
        accepted = {text for text in unread[column].unique() if _decimal_reads(text)}
        yield from row_problems(
            unread[unread[column].isin(accepted)],
            check=CHECK.id,
            column=column,
            message=lambda r, c=column: (
                f"{r[c]!r} is not a plain number"
                + (" (it is too large to be a figure)" if PLAIN_NUMBER.fullmatch(r[c]) else "")
            ),
            fix="write the figure with the digits 0-9, an optional minus sign and decimal point, as "
            "printed (1234, -5, 95.8): not NaN, infinity, an exponent (1e3), a plus sign or underscores; "
            "leave the cell empty and use a marker if there is no figure",
        )


CHECK = Check(
    "plain-number",
    "Figures are plain numbers",
    "value, numerator, denominator and target hold plain decimal numbers (-?digits, optional decimals).",
    run,
)

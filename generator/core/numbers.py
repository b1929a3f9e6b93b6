"""What counts as a number in a data file: plain decimal digits, nothing Python would also accept.

float() and Decimal() read NaN, inf, 1e309, 2_334 and digits of other scripts (２３３４) as numbers;
a figure written like that is a typing slip or a trick, and NaN or infinity would reach the charts'
JSON, which no browser parses. So a figure is read as a number only when its text is plain.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# A cell of a NUL-joined column that is neither empty nor plain: one C-speed search per column.
_NOT_PLAIN_CELL = re.compile(r"(?:\A|(?<=\x00))(?!(?:-?[0-9]+(?:\.[0-9]+)?)?(?:\x00|\Z))")


def plain_numbers(text: pd.Series) -> pd.Series:
    """The column's plain numbers as floats; NaN where a cell is empty, not plain, or too large
    for a float (a plain number of hundreds of digits is infinity)."""
    values = text.tolist()
    if _NOT_PLAIN_CELL.search("\x00".join(values)):
        text = text.where([bool(PLAIN_NUMBER.fullmatch(v)) for v in values], "")
    number = pd.to_numeric(text.where(text != ""), errors="coerce")
    return number.where(np.isfinite(number))

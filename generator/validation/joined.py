"""A column's cells joined by NUL into one string, so that one pass in C answers for every cell.

Asking 125,000 cells one by one costs a Python call each; the joined text of a column is made once
(validate.observation_frame) and read both to find the columns that need stripping and by
checks/cell_characters.py. Plain ASCII, most columns, is read as bytes by numpy.
"""

from __future__ import annotations

import re

import numpy as np

# Whitespace at the start or end of a cell (re's \s and str.strip agree on whitespace).
_EDGE_SPACE = re.compile(r"\A\s|\s\x00|\x00\s|\s\Z")


def joined(values: list) -> str | None:
    """The cells joined by NUL; None when not all are text."""
    try:
        return "\x00".join(values)
    except TypeError:
        return None


def ascii_octets(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


def _ascii_space(octets: np.ndarray) -> np.ndarray:
    """Which octets are ASCII whitespace: tab to carriage return (9-13), 28-31 and space (32)."""
    return ((octets - np.uint8(9)) <= 4) | ((octets - np.uint8(28)) <= 4)  # below 9 wraps round


def may_need_stripping(text: str) -> bool:
    """False only when no cell of the joined ``text`` starts or ends with whitespace. A cell that
    itself holds a NUL may make it True, which costs a strip that changes nothing."""
    if not text.isascii():
        return True  # str.strip on every cell is cheaper than a regex over them all
    octets = ascii_octets(f"\x00{text}\x00")
    separators = np.flatnonzero(octets == 0)
    # Clipped at the ends, where the neighbour is the added NUL itself.
    around = np.concatenate(
        [octets.take(separators - 1, mode="clip"), octets.take(separators + 1, mode="clip")]
    )
    return bool(_ascii_space(around).any())

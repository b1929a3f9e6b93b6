"""The observation columns that checks compare, as integers made once for all of them.

Comparing or grouping 125,000 strings costs milliseconds every time a check does it, and a dozen
checks did it. A column of codes answers "which rows have an unknown period" by asking it of the
hundred distinct periods and reading each row's answer by its code; a figure's five-part key
(contract.KEY) is one integer, so that finding repeated figures or figures that two packages
disagree about is integer work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from generator.core.contract import KEY
from generator.inputs.registry import Registry

# Codes are combined column by column into one integer; past this they are renumbered first.
_LARGEST_KEY = 2**62


@dataclass(frozen=True)
class Coded:
    """One text column: each row's code, and the distinct texts (in order of first appearance)."""

    codes: np.ndarray
    texts: np.ndarray

    @classmethod
    def of(cls, column: pd.Series) -> Coded:
        codes, texts = pd.factorize(column.to_numpy())
        texts = np.asarray(texts, dtype=object)
        missing = codes < 0
        if missing.any():  # never made by the reader, but a missing cell is a value of its own
            codes[missing] = len(texts)
            texts = np.append(texts, column[missing].iloc[0])
        return cls(codes, texts)

    def rows_where(self, wanted: Callable[[object], bool]) -> np.ndarray:
        """Which rows hold a text ``wanted`` accepts; it is asked once per distinct text."""
        chosen = np.fromiter((bool(wanted(t)) for t in self.texts), dtype=bool, count=len(self.texts))
        return chosen[self.codes]

    def rows_in(self, texts: Iterable[str]) -> np.ndarray:
        return self.rows_where(set(texts).__contains__)


def indicator_units(indicator: Coded, registry: Registry) -> np.ndarray:
    """The unit of each distinct indicator_id (NaN for one the registry does not have)."""
    return pd.Series(indicator.texts, dtype=object).map(registry.indicators["unit"]).to_numpy(dtype=object)


def _renumbered(key: np.ndarray) -> tuple[np.ndarray, int]:
    codes, uniques = pd.factorize(key)
    return codes.astype(np.int64, copy=False), len(uniques)


def combined(columns: list[Coded], rows: int) -> tuple[np.ndarray, int]:
    """One code per row for the columns taken together, numbered in order of first appearance,
    and how many there are: rows share a code exactly when they agree in every column."""
    key, size = np.zeros(rows, dtype=np.int64), 1
    for column in columns:
        width = max(len(column.texts), 1)
        if size * width >= _LARGEST_KEY:
            key, size = _renumbered(key)
        key = key * width + column.codes
        size *= width
    return _renumbered(key)


def _package_codes(names: np.ndarray) -> np.ndarray:
    """One code per package name. Rows come package by package (validate.observation_frame), so
    the names are read once per run of rows rather than once per row."""
    if len(names) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], names[1:] != names[:-1]]))
    run_codes, _ = pd.factorize(names[starts], use_na_sentinel=False)
    lengths = np.diff(np.append(starts, len(names)))
    return np.repeat(run_codes.astype(np.int64), lengths)


@dataclass(frozen=True)
class ObservationCodes:
    """Made once from the observations, before any check runs (CheckContext)."""

    columns: dict[str, Coded]  # each column of contract.KEY
    package: np.ndarray  # per row: the same code for the same _package
    figure: np.ndarray  # per row: the same code for the same five-part key, numbered as first met
    figures: int  # how many distinct keys

    @classmethod
    def of(cls, observations: pd.DataFrame) -> ObservationCodes:
        columns = {column: Coded.of(observations[column]) for column in KEY}
        figure, figures = combined([columns[c] for c in KEY], len(observations))
        package = _package_codes(observations["_package"].to_numpy())
        return cls(columns, package, figure, figures)

    def package_figure(self) -> np.ndarray:
        """One code per (package, key): a figure as one package publishes it."""
        return self.package * max(self.figures, 1) + self.figure

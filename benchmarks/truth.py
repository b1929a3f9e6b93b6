"""The one true synthetic figure for every (area, indicator, year, quarter), drawn once with numpy.

Reports quote from these tables, so two reports quoting the same figure (last year's value, England's
average) agree exactly, as real reports mostly do; the few deliberate disagreements are made later,
on purpose. Every value already fits its unit: percentages lie in 0-100 and agree with their
numerator and denominator to the printed precision; counts are whole and not negative.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .areas import Areas
from .indicators import CATEGORY_SHARES, Spec

FIRST_YEAR = 2012  # FY2012/13: two years before the first report, for "last year" and school years
YEARS = 12
SLOTS = 5  # 0 the year (or its 31 March / 30 September snapshot), 1-4 its quarters


@dataclass
class Figures:
    """Values for councils (n, YEARS, SLOTS), England (YEARS, SLOTS), regions (9, YEARS, SLOTS) and
    each council's neighbour average (n, YEARS, SLOTS); counts behind percentages where there are."""

    spec: Spec
    unit: str
    council: np.ndarray
    england: np.ndarray | None = None
    region: np.ndarray | None = None
    neighbours: np.ndarray | None = None
    numerator: np.ndarray | None = None
    denominator: np.ndarray | None = None


def _time() -> np.ndarray:
    years = np.arange(YEARS, dtype=float)[:, None]
    quarters = np.array([0.5, 0.125, 0.375, 0.625, 0.875])[None, :]
    return years + quarters - YEARS / 2  # centred, so levels stay near the typical size


def _level(spec: Spec, areas: Areas, rng: np.random.Generator) -> np.ndarray:
    """Mean, a council's own level, a gentle trend and year-to-year and quarter-to-quarter noise."""
    n = len(areas.councils)
    own = spec.spread * rng.standard_normal(n)
    slope = spec.spread * 0.06 * rng.standard_normal(n)
    yearly = spec.spread * 0.25 * rng.standard_normal((n, YEARS, 1))
    quarterly = spec.spread * 0.3 * rng.standard_normal((n, YEARS, SLOTS))
    quarterly[:, :, 0] = 0.0
    return spec.size + own[:, None, None] + slope[:, None, None] * _time()[None] + yearly + quarterly


def _comparator_levels(spec: Spec, areas: Areas, rng: np.random.Generator):
    national_slope = spec.spread * 0.04 * rng.standard_normal()
    england = spec.size + national_slope * _time() + spec.spread * 0.08 * rng.standard_normal((YEARS, 1))
    region_own = spec.spread * 0.35 * rng.standard_normal(len(areas.regions))
    region = (
        england[None]
        + region_own[:, None, None]
        + spec.spread * 0.1 * rng.standard_normal((len(areas.regions), YEARS, SLOTS))
    )
    return england, region


def _bounded(values: np.ndarray, unit: str) -> np.ndarray:
    if unit == "percent":
        return np.clip(values, 0.2, 99.8)
    if unit in ("rate_per_10k_0_17", "rate_per_10k_0_18", "rate_per_10k_0_19", "per_fte", "ratio"):
        return np.clip(values, 0.5, None)
    return values


def _counts(spec: Spec, areas: Areas, rng: np.random.Generator) -> np.ndarray:
    """Counts grow with the number of children and with deprivation; flows in a quarter are a
    quarter of the year's."""
    n = len(areas.councils)
    need = 0.6 + 0.8 * areas.deprivation
    own = np.exp(0.25 * rng.standard_normal(n))
    slope = 0.04 * rng.standard_normal(n)
    noise = np.exp(0.08 * rng.standard_normal((n, YEARS, SLOTS)))
    scale = (areas.children / 10_000 * spec.size * need * own)[:, None, None]
    values = scale * np.exp(slope[:, None, None] * _time()[None]) * noise
    if spec.pattern == "quarterly":
        values[:, :, 1:] /= 4
    return np.round(values)


def _with_counts(spec: Spec, areas: Areas, percent: np.ndarray, rng: np.random.Generator):
    """A percentage that is numerator / denominator exactly, for councils whose reports print both."""
    fraction = np.array([1.0, 0.25, 0.25, 0.25, 0.25])[None, None, :]
    base = (areas.children / 10_000 * spec.base_per_10k)[:, None, None] * fraction
    denominator = np.maximum(np.round(base * np.exp(0.1 * rng.standard_normal(percent.shape))), 8)
    numerator = np.minimum(np.round(percent / 100 * denominator), denominator)
    return 100 * numerator / denominator, numerator, denominator


def make_figures(spec: Spec, unit: str, areas: Areas, rng: np.random.Generator) -> Figures:
    if spec.pattern == "categories":
        shares = rng.dirichlet(CATEGORY_SHARES, size=(len(areas.councils), YEARS))
        return Figures(spec, unit, np.round(100 * shares, 1))
    if unit == "count":
        return Figures(spec, unit, _counts(spec, areas, rng))
    council = _bounded(_level(spec, areas, rng), unit)
    figures = Figures(spec, unit, council)
    if spec.base_per_10k:
        figures.council, figures.numerator, figures.denominator = _with_counts(spec, areas, council, rng)
    if spec.comparators:
        england, region = _comparator_levels(spec, areas, rng)
        figures.england = _bounded(england, unit)
        figures.region = _bounded(region, unit)
        # A neighbour average is the average of the neighbours' own published figures; a council
        # with no neighbours gets NaN, which the reports read as "no average to quote".
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            figures.neighbours = figures.council[areas.neighbours].mean(axis=1)
    return figures


def quartiles(values: np.ndarray, polarity: str) -> np.ndarray:
    """National quartile of each council's figure (1 the best quarter), year by year."""
    better_first = -values if polarity == "higher_is_better" else values
    order = np.argsort(np.argsort(better_first, axis=0, kind="stable"), axis=0, kind="stable")
    return 1 + (4 * order) // max(len(values), 1)

"""One synthetic committee performance report: which figures it prints, and how, for one council-year.

A report carries 40-120 figures: quarterly and year-end figures for the year, some with last year's
value beside them, England, region and statistical-neighbour comparators for the nationally
published measures, and, depending on the council's house style, counts behind percentages, targets
with a RAG rating, national quartiles and the report's own "better/worse" words.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from generator.core.vocabulary import ENGLAND, neighbour_average_code

from .areas import Areas, Council
from .indicators import CATEGORIES, Spec
from .truth import FIRST_YEAR, Figures

MIN_FIGURES, MAX_FIGURES = 40, 120
NOTES = [
    "Provisional until the council's annual return is published.",
    "Includes children open to the disabled children's service.",
    "The report rounds this figure; the value is as printed.",
    "The report says performance is being reviewed by the service.",
    "The report's table gives this as a year-to-date figure.",
]


@dataclass
class Style:
    """How one report presents its figures (councils differ, and change their reports over time)."""

    counts: bool
    rag: bool
    quartiles: bool
    directions: bool
    last_year: bool
    provisional: bool
    england: bool
    region: bool
    neighbours: bool

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        return cls(
            counts=rng.random() < 0.6,
            rag=rng.random() < 0.35,
            quartiles=rng.random() < 0.3,
            directions=rng.random() < 0.3,
            last_year=rng.random() < 0.45,
            provisional=rng.random() < 0.25,
            england=rng.random() < 0.8,
            region=rng.random() < 0.4,
            neighbours=rng.random() < 0.6,
        )


@dataclass
class Report:
    council: Council
    index: int  # the council's position in Areas.councils
    year: int  # index into the truth tables' years
    meeting: str
    rows: list[dict] = field(default_factory=list)

    @property
    def financial_year(self) -> str:
        return fy_text(FIRST_YEAR + self.year)

    @property
    def slug(self) -> str:
        """A valid package name (inputs/scaffold.SLUG) from any council's name: the registry's
        real names have commas and full stops ("Bournemouth, Christchurch and Poole")."""
        name = re.sub(r"[^a-z0-9]+", "-", self.council.name.lower().replace("'", "")).strip("-")
        return f"{name}-{self.meeting}-performance"


def fy_text(start: int) -> str:
    return f"FY{start}/{(start + 1) % 100:02d}"


def number_text(value: float, unit: str, decimals: int) -> str:
    if unit == "count":
        return str(int(value))
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _periods(spec: Spec, start: int, year: int) -> list[tuple[str, int, int]]:
    """(period text, year index, slot) for the figures of one indicator in one year's report."""
    end = start + 1
    if spec.pattern == "quarterly":
        return [(f"{fy_text(start)}-Q{q}", year, q) for q in range(1, 5)]
    if spec.pattern == "quarter_end":
        dates = [f"{start}-06-30", f"{start}-09-30", f"{start}-12-31", f"{end}-03-31"]
        return [(d, year, q) for q, d in enumerate(dates, start=1)]
    if spec.pattern == "year":
        return [(fy_text(start), year, 0)]
    if spec.pattern in ("march", "categories"):
        return [(f"{end}-03-31", year, 0)]
    if spec.pattern == "september":
        return [(f"{start}-09-30", year, 0)]
    if spec.pattern == "academic":
        return [(f"AY{start - 1}/{start % 100:02d}", year - 1, 0)]
    raise ValueError(f"unknown pattern {spec.pattern}")


def _judge(value: float, other: float, polarity: str) -> str:
    if abs(value - other) <= max(abs(other) * 0.01, 0.05):
        return "Similar"
    higher = value > other
    if polarity == "no_polarity":
        return "Higher" if higher else "Lower"
    return "Better" if higher == (polarity == "higher_is_better") else "Worse"


def _rag(value: float, target: float, polarity: str) -> str:
    gap = (value - target) if polarity == "higher_is_better" else (target - value)
    if gap >= 0:
        return "G"
    return "A" if -gap <= max(abs(target) * 0.05, 1.0) else "R"


def _previous(figures: Figures, council: int, year: int, slot: int) -> float:
    if slot <= 1:
        return float(figures.council[council, year - 1, 4 if slot == 1 else 0])
    return float(figures.council[council, year, slot - 1])


class ReportWriter:
    """Turns the truth tables into the rows of each report."""

    def __init__(self, areas: Areas, figures: dict[str, Figures], indicators: dict[str, dict], quartile_of):
        self.areas = areas
        self.figures = figures
        self.indicators = indicators
        self.quartile_of = quartile_of  # (indicator id) -> (councils, years) array of quartiles
        self.region_index = areas.region_index()

    def rows(self, report: Report, rng: random.Random) -> list[dict]:
        style = Style.draw(rng)
        order = list(self.figures)
        rng.shuffle(order)
        wanted = rng.randint(MIN_FIGURES, MAX_FIGURES)
        rows: list[dict] = []
        for table, indicator in enumerate(order, start=1):
            block = self._block(indicator, report, style, rng, table)
            if len(rows) + len(block) > MAX_FIGURES:
                continue
            rows.extend(block)
            if len(rows) >= wanted:
                break
        return rows

    def _block(self, indicator: str, report: Report, style: Style, rng: random.Random, table: int):
        figures = self.figures[indicator]
        spec = figures.spec
        polarity = self.indicators[indicator]["polarity"]
        start = FIRST_YEAR + report.year
        if spec.pattern == "categories":
            return self._categories(figures, report, table)
        periods = _periods(spec, start, report.year)
        rows = []
        for number, (period, year, slot) in enumerate(periods, start=1):
            row = self._own_row(figures, report, style, rng, period, year, slot, polarity)
            row["provenance"] = f"table {table}, row {number}"
            if style.provisional and slot == 4:
                row["flag"] = "p" if row["value"] else ""
            rows.append(row)
        if style.last_year and spec.pattern in ("year", "march", "september", "academic"):
            period, year, slot = _periods(spec, start - 1, report.year - 1)[0]
            row = self._own_row(figures, report, style, rng, period, year, slot, polarity, last_year=True)
            row["provenance"] = f"table {table}, column 'last year'"
            rows.append(row)
        if spec.comparators:
            rows.extend(self._comparators(figures, report, style, rng, periods[0], table))
        return rows

    def _own_row(self, figures, report, style, rng, period, year, slot, polarity, *, last_year=False):
        spec, unit, council = figures.spec, figures.unit, report.index
        value = float(figures.council[council, year, slot])
        row = {"authority_code": report.council.code, "indicator_id": spec.id, "period": period}
        row["value"] = number_text(value, unit, spec.decimals)
        if unit == "count" and 1 <= value <= 5:
            # Counts of 1 to 5 are suppressed, as in the national statistics.
            return {**row, "value": "", "marker": "c"}
        roll = rng.random()
        if roll < 0.015:
            return {**row, "value": "", "marker": "x"}
        if roll < 0.018:
            return {**row, "value": "", "marker": "z"}
        if roll < 0.021:
            return {**row, "value": "", "marker": "low"}
        if roll < 0.031:
            row["marker"] = "u"
        if style.counts and figures.numerator is not None:
            row["numerator"] = str(int(figures.numerator[council, year, slot]))
            row["denominator"] = str(int(figures.denominator[council, year, slot]))
        if last_year:
            return row
        if style.rag and spec.target is not None:
            row["target"] = number_text(spec.target, unit, spec.decimals)
            row["rag"] = _rag(value, spec.target, polarity)
        if style.quartiles and spec.comparators and slot == 0 and polarity != "no_polarity":
            row["quartile"] = str(int(self.quartile_of(spec.id)[council, year]))
        if style.directions and year > 0:
            row["direction"] = _judge(value, _previous(figures, council, year, slot), polarity)
        if rng.random() < 0.08:
            row["note"] = rng.choice(NOTES)
        return row

    def _comparators(self, figures, report, style, rng, current, table):
        spec, unit = figures.spec, figures.unit
        period, year, _ = current
        council = report.council
        quoted = []
        if style.england:
            quoted.append((ENGLAND, float(figures.england[year, 0]), "England"))
        if style.region:
            region = self.region_index[council.region]
            quoted.append((council.region, float(figures.region[region, year, 0]), "region"))
        value = float(figures.neighbours[report.index, year, 0])
        if style.neighbours and value == value:  # a council with no neighbours (NaN) has no average to quote
            quoted.append((neighbour_average_code(council.code), value, "statistical neighbours"))
        rows = []
        for code, value, column in quoted:
            row = {"authority_code": code, "indicator_id": spec.id, "period": period}
            if rng.random() < 0.01:
                row.update(marker="x", note="The report says the comparator was not yet published.")
            else:
                row["value"] = number_text(value, unit, spec.decimals)
            row["provenance"] = f"table {table}, column '{column}'"
            rows.append(row)
        return rows

    def _categories(self, figures, report, table):
        start = FIRST_YEAR + report.year
        shares = figures.council[report.index, report.year]
        return [
            {
                "authority_code": report.council.code,
                "indicator_id": figures.spec.id,
                "period": f"{start + 1}-03-31",
                "breakdown_dimension": "category of abuse",
                "breakdown_category": category,
                "value": number_text(float(share), "percent", 1),
                "provenance": f"table {table}, row '{category}'",
            }
            for category, share in zip(CATEGORIES, shares, strict=True)
        ]

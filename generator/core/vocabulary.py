"""The words the figures are written in, defined once: markers, flags, units, polarity, themes, areas.

Checks, the spreadsheet template, pages, charts and the download all import these, so a marker or a
comparator type is never re-typed, and two modules can never disagree about one. The labels are what
readers see on the site. The observation schema (schemas/observations.schema.json) and the
registry's schema hold the same codes for Frictionless; tests/test_vocabulary.py keeps them equal.
"""

from __future__ import annotations

# Government Statistical Service symbols, in the order the schema and the template list them.
MARKER_LABELS = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "low": "rounds to zero",
    "u": "low reliability",
}
MARKERS = tuple(MARKER_LABELS)
NOT_AVAILABLE = "x"
LOW_RELIABILITY = "u"
# The markers that stand in for a missing value; "u" qualifies a value that is there.
BLANKING_MARKERS = tuple(m for m in MARKERS if m != LOW_RELIABILITY)

# A figure the report qualifies ("almost 5,500", "over 400 children") keeps the number printed as
# its value and the qualifier as its flag, so it is never shown or compared as exact: the site writes
# the word before the number and leaves the figure out of charts, trends and better/worse judgements.
# (The one rule for approximations and bounds: content/methodology.md, "Approximations and bounds".)
QUALIFIER_LABELS = {
    "about": "about",
    "almost": "almost",
    "over": "over",
    "under": "under",
    "at_least": "at least",
}
QUALIFIERS = tuple(QUALIFIER_LABELS)
# The report's words for each qualifier, as the qualifier-flag check looks for them beside a number.
QUALIFIER_WORDS = {
    "about": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "around": "about",
    "roughly": "about",
    "circa": "about",
    "almost": "almost",
    "nearly": "almost",
    "just under": "almost",
    "over": "over",
    "more than": "over",
    "in excess of": "over",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "at least": "at_least",
}

FLAG_LABELS = {"p": "provisional", "r": "revised", "e": "estimated", **QUALIFIER_LABELS}
FLAGS = tuple(FLAG_LABELS)

COUNT = "count"
PERCENT = "percent"
GBP = "gbp"
UNIT_LABELS = {
    COUNT: "count",
    PERCENT: "%",
    "rate_per_10k_0_17": "per 10,000 children aged 0–17",
    "rate_per_10k_0_18": "per 10,000 children aged 0–18",
    "rate_per_10k_0_19": "per 10,000 children and young people aged 0–19",
    "per_fte": "cases per worker",
    "days": "days",
    "weeks": "weeks",
    "score": "score",
    GBP: "£",
    "ratio": "ratio",
    "fte": "full-time equivalent",
}
# A score or a ratio may fall below zero; a value in any other unit cannot.
NON_NEGATIVE_UNITS = frozenset(UNIT_LABELS) - {"score", "ratio"}

HIGHER_IS_BETTER = "higher_is_better"
LOWER_IS_BETTER = "lower_is_better"
NO_POLARITY = "no_polarity"
POLARITY_LABELS = {
    HIGHER_IS_BETTER: "higher is better",
    LOWER_IS_BETTER: "lower is better",
    NO_POLARITY: "neither higher nor lower is better",
}

# In the order pages list them.
THEME_LABELS = {
    "front_door_assessment": "Front door and assessment",
    "child_protection": "Child protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "early_help": "Early help",
    "send": "Special educational needs and disabilities",
    "education": "Education",
    "youth_justice": "Youth justice",
    "workforce": "Workforce",
    "complaints": "Complaints and compliments",
    "safeguarding_partnership": "Safeguarding partnership",
}

# Area types of the registry: councils report, comparators are quoted beside them.
COUNTRY = "country"
REGION = "region"
SUB_REGION = "sub_region"  # Inner and Outer London, which DfE reports beside the regions
STATISTICAL_NEIGHBOUR_AVERAGE = "statistical_neighbour_average"
COMPARATOR_TYPES = frozenset({COUNTRY, REGION, SUB_REGION, STATISTICAL_NEIGHBOUR_AVERAGE})
# A combined area is two councils DfE reports together (940 / 941): its figures describe both
# councils at once, so it is an area of its own, never either council, and no report is about it.
COMBINED = "combined"
COUNCIL_TYPES = ("county", "unitary", "metropolitan", "london_borough", COMBINED)

ENGLAND = "E92000001"
NEIGHBOUR_AVERAGE_PREFIX = "SN-"
# The average of a council's neighbours' official figures as this site calculates it
# (inputs/official/calculated.py), never to be mistaken for an average a report quotes (SN-).
CALCULATED_NEIGHBOUR_AVERAGE_PREFIX = "SNCALC-"


def neighbour_average_code(council: str) -> str:
    """The area code of a council's statistical-neighbours average: SN-E10000018."""
    return f"{NEIGHBOUR_AVERAGE_PREFIX}{council}"


def calculated_neighbour_average_code(council: str) -> str:
    """The area code of the neighbours' average this site calculates: SNCALC-E10000018."""
    return f"{CALCULATED_NEIGHBOUR_AVERAGE_PREFIX}{council}"


def in_words(codes: tuple[str, ...] | list[str]) -> str:
    """'c, x, z or low': a list of codes as a message gives them."""
    return f"{', '.join(codes[:-1])} or {codes[-1]}" if len(codes) > 1 else "".join(codes)

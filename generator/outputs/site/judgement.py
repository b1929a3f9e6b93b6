"""Better, worse or similar: the one rule by which every page sets a value against another.

The "At a glance" block, the tables' "Compared with" and "Change" columns, a report's key figures,
a chart's summary and an indicator's standings all ask ``judge``, so the same 24.7% is never
"similar to" the region in a chart's words and "worse than" it in the table beside the chart.
Close values are similar (the methodology page, "Better or worse", states the threshold); past it
the measure's polarity decides, and a measure with none is only higher or lower.
"""

from __future__ import annotations

from generator.core.vocabulary import HIGHER_IS_BETTER, NO_POLARITY, PERCENT

# Within these a difference is "similar": a percentage within one point, anything else within 2%.
SIMILAR_POINTS = 1.0
SIMILAR_SHARE = 0.02

BETTER, WORSE, SIMILAR, HIGHER, LOWER = "better", "worse", "similar", "higher", "lower"
# An icon for each judgement (decorative: the words carry the meaning).
ICONS = {BETTER: "✔", WORSE: "✘", SIMILAR: "≈", HIGHER: "▲", LOWER: "▼"}


def is_similar(value: float, other: float, unit: str) -> bool:
    if unit == PERCENT:
        return abs(value - other) < SIMILAR_POINTS
    return abs(value - other) <= SIMILAR_SHARE * abs(other)


def judge(value: float, other: float, unit: str, polarity: str) -> str:
    """similar when close; else better/worse by polarity, or higher/lower when it has none."""
    if is_similar(value, other, unit):
        return SIMILAR
    higher = value > other
    if polarity == NO_POLARITY:
        return HIGHER if higher else LOWER
    return BETTER if higher == (polarity == HIGHER_IS_BETTER) else WORSE


def judged_phrase(word: str) -> str:
    """How a judgement reads before what it is against: "similar to", "worse than"."""
    return "similar to" if word == SIMILAR else f"{word} than"

"""Better, worse or similar: one rule, and every place that judges a value gives its answer."""

import pandas as pd
import pytest

from generator.core.vocabulary import HIGHER_IS_BETTER, LOWER_IS_BETTER, NO_POLARITY
from generator.model.figure_index import FigureIndex
from generator.outputs.site.comparison import COMPARATOR, THIS, Bar, comparison_chart
from generator.outputs.site.headline import area_headlines, standings
from generator.outputs.site.judgement import BETTER, HIGHER, LOWER, SIMILAR, WORSE, judge
from generator.outputs.site.key_figures import key_figures
from generator.outputs.site.series import describe_against
from support import figure

JUDGED = [
    # (value, other, unit, polarity, word)
    (20.0, 25.0, "percent", LOWER_IS_BETTER, BETTER),
    (30.0, 25.0, "percent", LOWER_IS_BETTER, WORSE),
    (90.0, 80.0, "percent", HIGHER_IS_BETTER, BETTER),
    (70.0, 80.0, "percent", HIGHER_IS_BETTER, WORSE),
    (30.0, 25.0, "percent", NO_POLARITY, HIGHER),
    (20.0, 25.0, "percent", NO_POLARITY, LOWER),
    # a percentage within one point is similar, whichever way
    (24.7, 24.2, "percent", LOWER_IS_BETTER, SIMILAR),
    (24.2, 24.7, "percent", HIGHER_IS_BETTER, SIMILAR),
    (25.9, 25.0, "percent", NO_POLARITY, SIMILAR),
    (26.0, 25.0, "percent", LOWER_IS_BETTER, WORSE),  # a whole point is a difference
    (70.0, 70.0, "percent", HIGHER_IS_BETTER, SIMILAR),
    # anything else within 2% of the other value
    (101.0, 100.0, "rate_per_10k_0_17", LOWER_IS_BETTER, SIMILAR),
    (102.0, 100.0, "rate_per_10k_0_17", NO_POLARITY, SIMILAR),
    (103.0, 100.0, "rate_per_10k_0_17", LOWER_IS_BETTER, WORSE),
    (97.0, 100.0, "count", NO_POLARITY, LOWER),
    (0.0, 0.0, "count", NO_POLARITY, SIMILAR),
    (0.1, 0.0, "per_fte", LOWER_IS_BETTER, WORSE),
]


@pytest.mark.parametrize(("value", "other", "unit", "polarity", "word"), JUDGED)
def test_close_is_similar_and_otherwise_polarity_decides(value, other, unit, polarity, word):
    assert judge(value, other, unit, polarity) == word


LEICESTERSHIRE = "E10000018"
EAST_MIDLANDS = {"authority_code": "E12000004", "authority_name": "East Midlands", "authority_type": "region"}
ENGLAND = {"authority_code": "E92000001", "authority_name": "England", "authority_type": "country"}
RE_REFERRALS = {
    "indicator_id": "re_referrals_12m_pct",
    "indicator_title": "Re-referrals within 12 months",
    "unit": "percent",
    "polarity": LOWER_IS_BETTER,
    "theme": "front_door_assessment",
    "period": "FY2019/20",
}


@pytest.mark.parametrize(
    ("value", "other", "words"),
    [("24.7", "24.2", "similar to"), ("24.7", "22.0", "worse than"), ("21.0", "24.2", "better than")],
)
def test_the_table_the_chart_and_the_key_figures_say_the_same_of_one_pair(value, other, words):
    """The resident's 24.7% against East Midlands: the chart's summary and the table beside it."""
    this = figure(**RE_REFERRALS, value=value)
    region = figure(**RE_REFERRALS, **EAST_MIDLANDS, value=other)
    table = describe_against(this, region, "percent", LOWER_IS_BETTER, "East Midlands")
    chart = comparison_chart(
        "chart-1",
        "Re-referrals",
        [Bar(this, THIS), Bar(region, COMPARATOR)],
        unit="percent",
        polarity=LOWER_IS_BETTER,
    )
    [tile] = key_figures([this, region], [LEICESTERSHIRE])
    assert words in table
    assert f"{words.capitalize()} East Midlands" in chart.summary
    assert any(words in line and "East Midlands" in line for line in tile["comparisons"])


def test_the_at_a_glance_block_and_the_standings_use_the_same_rule():
    rows = [
        {**figure(**RE_REFERRALS, value="24.7")._asdict(), "quartile": "", "source_package": "r"},
        {**figure(**RE_REFERRALS, **ENGLAND, value="24.2")._asdict(), "quartile": "", "source_package": "r"},
    ]
    index = FigureIndex.from_frame(pd.DataFrame(rows))
    areas = {LEICESTERSHIRE: {"type": "county"}, "E92000001": {"type": "country"}}
    [glance] = area_headlines(index, areas, LEICESTERSHIRE)
    assert [j["word"] for j in glance["judgements"]] == [SIMILAR]
    ranked = standings(list(index.by_indicator["re_referrals_12m_pct"]), "year")
    assert [r["word"] for r in ranked["rows"]] == [SIMILAR]

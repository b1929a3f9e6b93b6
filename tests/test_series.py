"""Better or worse: the words, icon and style a comparison gets, by the measure's polarity."""

import pytest

from generator.outputs.site.series import describe_against, judge, main_period_class
from support import figure

JUDGED = [
    # (value, other, polarity, word, icon)
    (80, 70, "higher_is_better", "better", "▲"),
    (60, 70, "higher_is_better", "worse", "▼"),
    (60, 70, "lower_is_better", "better", "▼"),
    (80, 70, "lower_is_better", "worse", "▲"),
    (80, 70, "no_polarity", "higher", "▲"),
    (60, 70, "no_polarity", "lower", "▼"),
    (70, 70, "higher_is_better", "same", "■"),
    (70, 70, "lower_is_better", "same", "■"),
    (70, 70, "no_polarity", "same", "■"),
    (0.1, 0.0, "lower_is_better", "worse", "▲"),
    (-2, -1, "higher_is_better", "worse", "▼"),
]


@pytest.mark.parametrize(("value", "other", "polarity", "word", "icon"), JUDGED)
def test_judgement_follows_polarity_in_words_and_icon(value, other, polarity, word, icon):
    assert judge(value, other, polarity) == (word, icon)


def test_the_icon_shows_the_direction_and_the_word_the_judgement():
    """Colour alone never carries it: a fall can be better, and the icon still points down."""
    for polarity in ("higher_is_better", "lower_is_better", "no_polarity"):
        assert judge(2, 1, polarity)[1] == "▲" and judge(1, 2, polarity)[1] == "▼"
    assert {judge(2, 1, p)[0] for p in ("higher_is_better", "lower_is_better")} == {"better", "worse"}


ENGLAND = {"authority_code": "E92000001", "authority_name": "England", "authority_type": "country"}
DESCRIBED = [
    # (what, row, other, compared with, sentence)
    (
        "higher share on time is better",
        figure(unit="percent", polarity="higher_is_better", value="85.1"),
        figure(**ENGLAND, unit="percent", value="83"),
        "England",
        "▲ better than England (83%)",
    ),
    (
        "higher re-referral rate is worse",
        figure(unit="percent", polarity="lower_is_better", value="22.4"),
        figure(**ENGLAND, unit="percent", value="20"),
        "England",
        "▲ worse than England (20%)",
    ),
    (
        "lower re-referral rate is better",
        figure(unit="percent", polarity="lower_is_better", value="18"),
        figure(**ENGLAND, unit="percent", value="20"),
        "England",
        "▼ better than England (20%)",
    ),
    (
        "a count only rises",
        figure(value="529"),
        figure(value="443", period="2019-05"),
        "May 2019",
        "▲ higher than May 2019 (443)",
    ),
    (
        "a count only falls",
        figure(value="400"),
        figure(value="443", period="2019-05", flag="p"),
        "May 2019",
        "▼ lower than May 2019 (443 (provisional))",
    ),
    (
        "the same figure",
        figure(unit="gbp", polarity="lower_is_better", value="213700"),
        figure(**ENGLAND, unit="gbp", value="213700.0"),
        "England",
        "■ same as England (£213,700.0)",
    ),
]


@pytest.mark.parametrize(
    ("what", "row", "other", "compared_with", "sentence"), DESCRIBED, ids=[d[0] for d in DESCRIBED]
)
def test_a_comparison_is_a_sentence_with_the_other_value(what, row, other, compared_with, sentence):
    assert describe_against(row, other, row.unit, row.polarity, compared_with) == sentence


@pytest.mark.parametrize(
    ("periods", "drawn"),
    [
        (["2020-05-17", "2020-10", "FY2019/20"], "point or month"),
        (["FY2018/19", "FY2019/20", "2020-05-17"], "year"),
        # A tie goes to the length whose figures end latest (FY2019/20 ends on 31 March 2020).
        (["2020-05-17", "FY2019/20"], "point or month"),
        (["2019-05-17", "FY2019/20"], "year"),
    ],
)
def test_a_chart_draws_the_period_length_most_figures_use(periods, drawn):
    assert main_period_class([figure(period=p) for p in periods]) == drawn

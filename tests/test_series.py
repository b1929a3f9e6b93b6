"""Better or worse: the words, icon and style a comparison gets, by the measure's polarity."""

import pytest

from generator.outputs.site.series import describe_against, main_period_class
from support import figure


def test_the_icon_shows_the_direction_and_the_word_the_judgement():
    """Colour alone never carries it: a fall can be better, and the icon still points down."""
    fall = describe_against(figure(value="18"), figure(value="20"), "percent", "lower_is_better", "x")
    rise = describe_against(figure(value="22"), figure(value="20"), "percent", "lower_is_better", "x")
    assert fall.startswith("▼ better") and rise.startswith("▲ worse")


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
        "within one point is similar, with no arrow",
        figure(unit="percent", polarity="lower_is_better", value="24.7"),
        figure(**ENGLAND, unit="percent", value="24.2"),
        "England",
        "≈ similar to England (24.2%)",
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
        "the same figure is similar",
        figure(unit="gbp", polarity="lower_is_better", value="213700"),
        figure(**ENGLAND, unit="gbp", value="213700.0"),
        "England",
        "≈ similar to England (£213,700.0)",
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

"""The answer first: the headline block's judgements, quartile and direction, and the standings."""

import pandas as pd

from generator.core.vocabulary import LOWER_IS_BETTER
from generator.model.figure_index import FigureIndex
from generator.outputs.site.headline import (
    BETTER,
    WORSE,
    area_headlines,
    comparator_codes,
    direction,
    headline,
    standings,
)
from support import figure

LEICESTERSHIRE = "E10000018"
AREAS = {
    LEICESTERSHIRE: {"type": "county", "comparator_of": ""},
    "E10000003": {"type": "county", "comparator_of": ""},
    "E92000001": {"type": "country", "comparator_of": ""},
    "SN-E10000018": {"type": "statistical_neighbour_average", "comparator_of": LEICESTERSHIRE},
}
COMPARATORS = comparator_codes(AREAS, LEICESTERSHIRE)
RE_REFERRALS = {
    "indicator_id": "re_referrals_12m_pct",
    "indicator_title": "Re-referrals within 12 months",
    "unit": "percent",
    "polarity": LOWER_IS_BETTER,
    "theme": "front_door_assessment",
}


def _figure(code: str = LEICESTERSHIRE, quartile: str = "", package: str = "report", **fields):
    names = {LEICESTERSHIRE: "Leicestershire", "E10000003": "Cambridgeshire", "E92000001": "England"}
    kinds = {"E92000001": "country", "SN-E10000018": "statistical_neighbour_average"}
    record = figure(
        **{
            **RE_REFERRALS,
            "authority_code": code,
            "authority_name": names.get(code, code),
            "authority_type": kinds.get(code, "county"),
            **fields,
        }
    )
    return {**record._asdict(), "quartile": quartile, "source_package": package}


def _index(*rows: dict) -> FigureIndex:
    return FigureIndex.from_frame(pd.DataFrame(list(rows)))


def test_neighbours_and_england_are_judged_only_for_the_same_comparable_period():
    index = _index(
        _figure(period="FY2018/19-Q1", value="29.0", quartile="4"),
        _figure("SN-E10000018", period="FY2018/19-Q1", value="24.1"),
        _figure("E92000001", period="FY2017/18-Q4", value="22.0"),
    )
    h = headline(index, LEICESTERSHIRE, "re_referrals_12m_pct", COMPARATORS)
    assert h["value"] == "29.0%" and h["period"] == "Q1 2018/19 (Apr–Jun 2018)"
    assert [(j["against"], j["word"], j["value"]) for j in h["judgements"]] == [
        ("statistical neighbours", WORSE, "24.1%")
    ]
    # England's figure is of another quarter: shown, never judged
    assert h["missing"] == [{"against": "England", "value": "22.0%", "period": "Q4 2017/18 (Jan–Mar 2018)"}]
    assert h["quartile"] == "4" and h["quartile_words"] == "worst quarter of councils"


def test_a_latest_available_comparator_is_never_judged():
    index = _index(
        _figure(period="FY2018/19-Q1", value="29.0"),
        _figure("SN-E10000018", period="latest:2018-09-10", value="24.1"),
    )
    h = headline(index, LEICESTERSHIRE, "re_referrals_12m_pct", COMPARATORS)
    assert h["judgements"] == []
    assert h["missing"][0]["value"] == "24.1%"


def test_an_approximate_latest_value_is_shown_but_not_compared_and_has_no_direction():
    index = _index(
        _figure(period="FY2016/17", value="20"),
        _figure(period="FY2017/18", value="25"),
        _figure(period="FY2018/19", value="30", flag="almost"),
        _figure("SN-E10000018", period="FY2018/19", value="24.1"),
    )
    h = headline(index, LEICESTERSHIRE, "re_referrals_12m_pct", COMPARATORS)
    assert h["value"].startswith("almost")
    assert h["comparable"] is False and h["judgements"] == [] and h["direction"] is None


def test_direction_reads_up_to_five_comparable_periods_by_polarity():
    index = _index(
        *(_figure(period=f"FY20{y}/{y + 1}", value=str(40 - y)) for y in range(10, 18)),
        _figure(period="latest:2018-09-10", value="99"),  # not on a timeline: not the latest comparable
    )
    points = index.area_points(LEICESTERSHIRE, "re_referrals_12m_pct", "year")
    d = direction(points, "percent", LOWER_IS_BETTER)
    assert d["periods"] == 5 and d["from"] == "27%" and d["from_period"] == "Financial year 2013/14"
    assert d["word"] == "improving"
    assert direction(points[:1], "percent", LOWER_IS_BETTER) is None


def test_quartile_comes_from_any_figure_of_the_same_period():
    index = _index(
        _figure(period="FY2018/19-Q1", value="29.0", package="report"),
        _figure(period="FY2018/19-Q1", value="29.0", quartile="2", package="dfe-release"),
    )
    assert headline(index, LEICESTERSHIRE, "re_referrals_12m_pct", COMPARATORS)["quartile"] == "2"


def test_an_area_without_headline_measures_gets_an_empty_block():
    index = _index(_figure(indicator_id="cp_plans", period="2020-05-17", value="529"))
    assert area_headlines(index, AREAS, LEICESTERSHIRE) == []


def test_calculated_neighbour_averages_in_the_registry_are_comparators():
    areas = {
        **AREAS,
        "SNC-E10000018": {"type": "statistical_neighbour_average", "comparator_of": LEICESTERSHIRE},
    }
    assert comparator_codes(areas, LEICESTERSHIRE) == [
        ("SN-E10000018", "statistical neighbours"),
        ("SNC-E10000018", "statistical neighbours"),
        ("E92000001", "England"),
    ]


def test_standings_rank_councils_in_the_latest_shared_period_best_first():
    rows = [
        _figure(period="FY2017/18", value="10"),
        _figure(period="FY2018/19", value="30"),
        _figure("E10000003", period="FY2018/19", value="20", quartile="1"),
        _figure("E92000001", period="FY2018/19", value="25"),
        _figure("E10000003", period="2019-05", value="1"),  # another length of period
    ]
    frame = _index(*rows)
    s = standings(frame.figures, "year")
    assert s["period"] == "Financial year 2018/19" and s["england"] == "25%"
    assert [(r["rank"], r["area"], r["word"]) for r in s["rows"]] == [
        (1, "Cambridgeshire", BETTER),
        (2, "Leicestershire", WORSE),
    ]
    assert s["with_quartile"] and s["order"] == "best first"

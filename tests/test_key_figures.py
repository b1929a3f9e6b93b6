"""The figures a report page leads with: only those the report compares with something, in words."""

import pytest

from generator.outputs.site.key_figures import MAX_TILES, key_figures
from support import figure

LEICESTERSHIRE = ["E10000018"]
ENGLAND = {"authority_code": "E92000001", "authority_name": "England", "authority_type": "country"}
NEIGHBOURS = {
    "authority_code": "SN-E10000018",
    "authority_name": "Leicestershire's statistical neighbours",
    "authority_type": "statistical_neighbour_average",
}
ASSESSMENTS = {
    "indicator_id": "assessments_within_45_days_pct",
    "indicator_title": "Assessments completed within 45 days",
    "unit": "percent",
    "polarity": "higher_is_better",
    "theme": "front_door_assessment",
    "period": "FY2018/19",
}
RATE = {
    "indicator_id": "cp_rate_per_10k_0_17",
    "indicator_title": "Child protection plans per 10,000 children",
    "unit": "rate_per_10k_0_17",
    "polarity": "no_polarity",
}
COALVILLE = {"breakdown_dimension": "locality", "breakdown_category": "Coalville"}


def tile(value: str, period: str, comparisons: list[str], **shown) -> dict:
    return {
        "indicator": shown.get("indicator", "Children on child protection plans"),
        "area": "Leicestershire",
        "value": value,
        "unit": shown.get("unit", ""),
        "period": period,
        "comparisons": comparisons,
    }


CASES = [
    # (what, rows in the model's time order, the tiles shown)
    ("a figure with nothing beside it", [figure()], []),
    (
        "an earlier figure of the same length",
        [figure(period="2019-05", value="443"), figure(value="529")],
        [tile("529", "17 May 2020", ["▲ higher than May 2019 (443)"])],
    ),
    (
        "England in the same period",
        [figure(**ASSESSMENTS, value="85.1"), figure(**ASSESSMENTS, **ENGLAND, value="83")],
        [
            tile(
                "85.1%",
                "Financial year 2018/19",
                ["▲ better than England (83%)"],
                indicator="Assessments completed within 45 days",
            )
        ],
    ),
    (
        "the earlier figure first, then each comparator the report quotes",
        [
            figure(**{**ASSESSMENTS, "period": "FY2017/18"}, value="88"),
            figure(**ASSESSMENTS, value="85.1"),
            figure(**ASSESSMENTS, **ENGLAND, value="83"),
            figure(**ASSESSMENTS, **NEIGHBOURS, value="85.1"),
        ],
        [
            tile(
                "85.1%",
                "Financial year 2018/19",
                [
                    "▼ worse than Financial year 2017/18 (88%)",
                    "▲ better than England (83%)",
                    "≈ similar to Leicestershire's statistical neighbours (85.1%)",
                ],
                indicator="Assessments completed within 45 days",
            )
        ],
    ),
    (
        "an earlier figure of another length is not comparable",
        [figure(period="FY2018/19", value="400"), figure(value="529")],
        [],
    ),
    (
        "a comparator for another period is not comparable",
        [
            figure(**{**ASSESSMENTS, **ENGLAND, "period": "FY2017/18"}, value="83"),
            figure(**ASSESSMENTS, value="85.1"),
        ],
        [],
    ),
    (
        "a neighbour average quoted as the latest available is not of the report's quarter",
        [
            figure(**{**ASSESSMENTS, "period": "FY2018/19-Q1"}, value="85.1"),
            figure(**{**ASSESSMENTS, **NEIGHBOURS, "period": "latest:2018-09-10"}, value="80"),
        ],
        [],
    ),
    (
        "a figure for recent months is no trend point",
        [figure(period="2019-05", value="443"), figure(period="recent:2020-06-02", value="529")],
        [],
    ),
    (
        "a qualified figure is not compared as exact",
        [figure(period="2019-05", value="443"), figure(value="500", flag="almost")],
        [],
    ),
    (
        "a marker is not a figure to lead with",
        [figure(period="2019-05", value="443"), figure(value="", marker="x")],
        [],
    ),
    (
        "a breakdown is not the whole area",
        [figure(**COALVILLE, period="2019-05", value="40"), figure(**COALVILLE, value="52")],
        [],
    ),
    (
        "another council's figures are not this report's",
        [
            figure(authority_code="E06000017", authority_name="Rutland", period="2019-05", value="20"),
            figure(authority_code="E06000017", authority_name="Rutland", value="25"),
        ],
        [],
    ),
    (
        "where two reports give the period, the newest report's figure leads",
        [figure(period="2019-05", value="443"), figure(value="529"), figure(value="530")],
        [tile("530", "17 May 2020", ["▲ higher than May 2019 (443)"])],
    ),
    (
        "a rate says what it counts per",
        [figure(**RATE, period="2019-05", value="41.2"), figure(**RATE, value="39.9")],
        [
            tile(
                "39.9",
                "17 May 2020",
                ["▼ lower than May 2019 (41.2)"],
                indicator="Child protection plans per 10,000 children",
                unit="per 10,000 children aged 0–17",
            )
        ],
    ),
    (
        "text from the registry stays plain text: the template escapes it",
        [
            figure(indicator_title="Plans | <b>new</b>", period="2019-05", value="443"),
            figure(indicator_title="Plans | <b>new</b>", value="1529"),
        ],
        [
            tile(
                "1,529",
                "17 May 2020",
                ["▲ higher than May 2019 (443)"],
                indicator="Plans | <b>new</b>",
            )
        ],
    ),
]


@pytest.mark.parametrize(("what", "rows", "tiles"), CASES, ids=[c[0] for c in CASES])
def test_key_figures_are_the_reports_compared_figures_in_words(what, rows, tiles):
    shown = [
        {k: v for k, v in t.items() if k not in ("rank", "official")}
        for t in key_figures(rows, LEICESTERSHIRE)
    ]
    assert shown == tiles


def _compared(indicator: str, title: str, theme: str, comparators: int = 0) -> list:
    fields = {"indicator_id": indicator, "indicator_title": title, "theme": theme}
    rows = [figure(**fields, period="2019-05", value="1"), figure(**fields, value="2")]
    for number in range(comparators):
        code = f"E1200000{number}"
        rows.append(figure(**fields, authority_code=code, authority_name=code, authority_type="region"))
    return rows


def test_key_figures_follow_the_themes_then_the_most_compared_and_stop_at_six():
    rows = [
        *_compared("complaints", "Complaints", "complaints"),
        *_compared("cin", "Children in need", "front_door_assessment"),
        *_compared("referrals", "Referrals", "front_door_assessment", comparators=2),
        *_compared("contacts", "Contacts", "front_door_assessment"),
        *_compared("cla", "Children in care", "children_in_care"),
        *_compared("cp", "Child protection plans", "child_protection"),
        *_compared("leavers", "Care leavers in touch", "care_leavers"),
        *_compared("workers", "Social workers", "workforce"),
    ]
    shown = [t["indicator"] for t in key_figures(rows, LEICESTERSHIRE)]
    assert MAX_TILES == 6
    assert shown == [
        "Referrals",  # compared with its previous figure and two regions
        "Children in need",
        "Contacts",
        "Child protection plans",
        "Children in care",
        "Care leavers in touch",
    ]


def test_a_release_about_england_does_not_compare_england_with_itself():
    rows = [
        figure(**ENGLAND, period="2019-03-31", value="500"),
        figure(**ENGLAND, period="2020-03-31", value="529"),
    ]
    [only] = key_figures(rows, ["E92000001"])
    assert only["comparisons"] == ["▲ higher than 31 March 2019 (500)"]


def test_a_tile_shows_the_official_figure_for_the_same_area_measure_and_period():
    from types import SimpleNamespace

    rows = [figure(period="2019-05", value="443"), figure(value="529")]
    release = SimpleNamespace(
        value="530",
        value_number=530.0,
        marker="",
        flag="",
        source_title="DfE release",
        source_package="dfe-x",
    )

    def official(f):
        return [release] if f.period == "2020-05-17" else []

    (tile,) = key_figures(rows, LEICESTERSHIRE, official)
    assert tile["official"] == [
        {"value": "530", "source": "DfE release", "source_package": "dfe-x", "agrees": False}
    ]
    (tile,) = key_figures(rows, LEICESTERSHIRE)
    assert tile["official"] == []

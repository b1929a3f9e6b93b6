"""A comparator is never drawn or judged against a figure of a different period (issue 16).

The Q1 2018/19 dashboard quotes each statistical-neighbour average as the "most recent", with no
period; DfE publishes those comparisons for whole years. Dated with the dashboard's quarter, they
were drawn and judged as same-quarter comparisons. Here the real package is built into pages and
every chart point, key figure and better/worse line is checked.
"""

import pytest

from generator.outputs.site.key_figures import key_figures
from generator.outputs.site.pages.authority import authority_page
from generator.outputs.site.pages.report import report_charts

Q1 = "leicestershire-2018-09-10-q1-performance"
LEICESTERSHIRE = "E10000018"
COMPARATORS = ("SN-E10000018", "E92000001")


@pytest.fixture(scope="module")
def q1_figures(real_model):
    return real_model.index.by_package[Q1]


def test_the_dashboards_neighbour_averages_carry_the_period_the_report_gives(q1_figures):
    averages = [f for f in q1_figures if f.authority_code == "SN-E10000018"]
    assert len(averages) == 23
    assert {f.period for f in averages} == {"latest:2018-09-10"}
    assert {f.period_label for f in averages} == {"Latest available on 10 Sep 2018 (period not stated)"}
    assert not any(f.comparable for f in averages)


def test_no_chart_of_the_report_draws_a_comparator_of_another_period(real_model, q1_figures):
    charts = report_charts(q1_figures, [LEICESTERSHIRE])
    for chart in charts:
        for trace in chart.figure["data"]:
            assert all(x for x in trace["x"]), f"{chart.title}: a point with no date is drawn"
            assert not any("Latest available" in t or "as labelled" in t for t in trace["text"]), chart.title
    traced = {t["name"] for chart in charts for t in chart.figure["data"]}
    assert "Leicestershire&#x27;s statistical neighbours" not in traced
    assert not any("statistical neighbours" in name for name in traced)


def test_no_key_figure_judges_the_quarter_against_a_neighbour_average(q1_figures):
    lines = [line for tile in key_figures(q1_figures, [LEICESTERSHIRE]) for line in tile["comparisons"]]
    assert not any("statistical neighbours" in line for line in lines), lines


def test_the_area_page_judges_no_figure_against_a_comparator_of_another_period(real_model):
    page = authority_page(real_model, LEICESTERSHIRE)
    rows = [r for theme in page.context["area"]["themes"] for r in theme["rows"]]
    judged = [r for r in rows if r["comparison"]]
    for r in judged:
        for part in r["comparison"].split("; "):
            # every comparator a line names has a figure of the row's own period
            assert "Latest available" not in part and "Recent months" not in part
    index = real_model.index
    for r in judged:
        own = [f for f in index.by_authority[LEICESTERSHIRE] if f.indicator_id == r["indicator_id"]]
        latest = [f for f in own if f.period_label == r["period"] and f.comparable]
        assert latest, r
        for code in COMPARATORS:
            match = index.latest_value.get((r["indicator_id"], latest[-1].period, code))
            if match is not None:
                assert match.comparable and match.period == latest[-1].period
    for theme in page.context["area"]["themes"]:
        for chart in theme["charts"]:
            for trace in chart.figure["data"]:
                assert all(trace["x"]), chart.title
                assert not any("Latest available" in t or "as labelled" in t for t in trace["text"])


def test_the_report_table_shows_the_neighbour_average_with_the_reports_wording(real_model, q1_figures):
    from generator.outputs.site.figure_table import figure_rows

    rows = [r for r in figure_rows(q1_figures) if r["period"].startswith("Latest available")]
    assert len(rows) == 23


def test_contradicted_reoffending_figures_are_no_trend(q1_figures):
    reoffending = [f for f in q1_figures if f.indicator_id == "youth_reoffences_per_offender"]
    assert {f.period for f in reoffending} == {"contradicted:FY2017/18", "contradicted:FY2016/17"}
    assert report_charts(reoffending, [LEICESTERSHIRE]) == []
    assert key_figures(reoffending, [LEICESTERSHIRE]) == []

from datetime import date

import pytest

from generator.core.periods import PeriodError, resolve_period

CASES = [
    # text, kind, start, end, label
    ("2020-05-17", "date", date(2020, 5, 17), date(2020, 5, 17), "17 May 2020"),
    ("2020-10", "month", date(2020, 10, 1), date(2020, 10, 31), "October 2020"),
    ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29), "February 2020"),
    ("2018", "calendar_year", date(2018, 1, 1), date(2018, 12, 31), "2018"),
    ("2018-Q1", "calendar_quarter", date(2018, 1, 1), date(2018, 3, 31), "Jan–Mar 2018"),
    ("FY2017/18", "financial_year", date(2017, 4, 1), date(2018, 3, 31), "Financial year 2017/18"),
    ("FY1999/00", "financial_year", date(1999, 4, 1), date(2000, 3, 31), "Financial year 1999/00"),
    (
        "FY2018/19-Q1",
        "financial_quarter",
        date(2018, 4, 1),
        date(2018, 6, 30),
        "Q1 2018/19 (Apr–Jun 2018)",
    ),
    (
        "FY2018/19-Q3",
        "financial_quarter",
        date(2018, 10, 1),
        date(2018, 12, 31),
        "Q3 2018/19 (Oct–Dec 2018)",
    ),
    (
        "FY2018/19-Q4",
        "financial_quarter",
        date(2019, 1, 1),
        date(2019, 3, 31),
        "Q4 2018/19 (Jan–Mar 2019)",
    ),
    ("AY2017/18", "academic_year", date(2017, 9, 1), date(2018, 8, 31), "Academic year 2017/18"),
    ("2019-05/2020-04", "month_span", date(2019, 5, 1), date(2020, 4, 30), "May 2019 – Apr 2020"),
    (
        "2018-04-01/2018-06-30",
        "date_span",
        date(2018, 4, 1),
        date(2018, 6, 30),
        "1 Apr 2018 – 30 Jun 2018",
    ),
    # the report gives no calendar period: said as the report says it, with no dates of its own
    (
        "latest:2018-09-10",
        "latest_available",
        None,
        None,
        "Latest available on 10 Sep 2018 (period not stated)",
    ),
    (
        "latest:2018-12",
        "latest_available",
        None,
        None,
        "Latest available in December 2018 (period not stated)",
    ),
    ("recent:2020-06-02", "recent_months", None, None, "Recent months to 2 Jun 2020 (months not stated)"),
    (
        "contradicted:FY2016/17",
        "contradicted",
        date(2016, 4, 1),
        date(2017, 3, 31),
        "Financial year 2016/17, as labelled (the report contradicts it)",
    ),
    (
        "contradicted:2020-10",
        "contradicted",
        date(2020, 10, 1),
        date(2020, 10, 31),
        "October 2020, as labelled (the report contradicts it)",
    ),
]

OFF_TIMELINE = {"latest_available", "recent_months", "contradicted"}


@pytest.mark.parametrize(("text", "kind", "start", "end", "label"), CASES)
def test_every_form_resolves_to_iso_dates_and_a_label(text, kind, start, end, label):
    period = resolve_period(text)
    assert (period.kind, period.start, period.end, period.label) == (kind, start, end, label)
    # only a calendar period may be drawn in a line or compared with another figure's
    assert period.on_timeline == (kind not in OFF_TIMELINE)
    assert (period.length_class == "off the timeline") == (kind in OFF_TIMELINE)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Q1 2018/19", "not a period"),
        ("2017/18", "not a period"),
        ("FY2017/19", "not a pair of consecutive years"),
        ("AY2017/17", "not a pair of consecutive years"),
        ("2020-13", "not a real date"),
        ("2020-02-30", "not a real date"),
        ("2020-05/2019-04", "ends before it starts"),
        ("2018-06-30/2018-04-01", "ends before it starts"),
        ("May 2020", "not a period"),
        ("", "not a period"),
        ("latest:", "write the report's date as YYYY-MM-DD"),
        ("latest:2018", "write the report's date as YYYY-MM-DD"),
        ("latest:2018-13", "not a real date"),
        ("recent:2020-02-30", "not a real date"),
        ("contradicted:2016/17", "one of the calendar forms"),
        ("contradicted:latest:2018-09-10", "one of the calendar forms"),
        ("earliest:2018-09-10", "not a period"),
    ],
)
def test_malformed_periods_say_what_is_wrong(text, reason):
    with pytest.raises(PeriodError, match=reason):
        resolve_period(text)


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("latest:2018-09-10", date(2018, 9, 10)),
        ("latest:2018-12", date(2018, 12, 31)),
        ("recent:2020-06-02", date(2020, 6, 2)),
        ("contradicted:FY2016/17", date(2017, 3, 31)),
        ("FY2018/19-Q1", date(2018, 6, 30)),
    ],
)
def test_every_period_says_the_last_day_it_can_describe(text, as_of):
    """What orders figures in time ("the latest figure"), even one with no calendar period."""
    assert resolve_period(text).as_of == as_of


def test_surrounding_spaces_are_ignored():
    assert resolve_period(" 2018 ").start == date(2018, 1, 1)

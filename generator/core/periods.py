"""The period grammar: every way a council report dates a figure, resolved to ISO dates and a label.

Councils mix snapshot dates, months, financial-year quarters, academic years and rolling twelve
months in one table. Storing the report's wording would make figures impossible to order or compare,
so each figure carries one short, unambiguous period string from this grammar:

=====================  ==========================  =============================  ==========================
form                   example                     start .. end                   label
=====================  ==========================  =============================  ==========================
snapshot date          ``2020-05-17``              2020-05-17 .. 2020-05-17       17 May 2020
month                  ``2020-10``                 2020-10-01 .. 2020-10-31       October 2020
calendar year          ``2018``                    2018-01-01 .. 2018-12-31       2018
calendar quarter       ``2018-Q1``                 2018-01-01 .. 2018-03-31       Jan–Mar 2018
financial year         ``FY2017/18``               2017-04-01 .. 2018-03-31       Financial year 2017/18
financial-year quarter ``FY2018/19-Q1``            2018-04-01 .. 2018-06-30       Q1 2018/19 (Apr–Jun 2018)
academic year          ``AY2017/18``               2017-09-01 .. 2018-08-31       Academic year 2017/18
span of months         ``2019-05/2020-04``         2019-05-01 .. 2020-04-30       May 2019 – Apr 2020
span of dates          ``2018-04-01/2018-06-30``   2018-04-01 .. 2018-06-30       1 Apr 2018 – 30 Jun 2018
=====================  ==========================  =============================  ==========================

A rolling twelve months is a span of months; an "as at" figure is a snapshot date.

Three more forms say what the report says when it gives no calendar period:

===========================  ==============  =========================================================
form                         start .. end    label
===========================  ==============  =========================================================
``latest:2018-09-10``        not stated      Latest available on 10 Sep 2018 (period not stated)
``latest:2018-12``           not stated      Latest available in December 2018 (period not stated)
``recent:2020-06-02``        not stated      Recent months to 2 Jun 2020 (months not stated)
``contradicted:FY2016/17``   as FY2016/17    Financial year 2016/17, as labelled (the report contradicts it)
===========================  ==============  =========================================================

They are used rather than a guessed period: ``latest:`` for a comparator quoted as "the most
recent" on the report's date, ``recent:`` for "in recent months" with the report's date, and
``contradicted:`` around the period the report itself gives a figure when another part of the same
report dates it differently (the note says how). Such a figure is off the timeline (``on_timeline``
is false): it is shown with this wording, never drawn in a line, never used for a trend and never
judged against a figure "of the same period", because its
period is not known to be the same as any other.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from generator.core.visible import shown

MONTH_ABBR = [calendar.month_abbr[m] for m in range(13)]
MONTH_NAME = [calendar.month_name[m] for m in range(13)]


class PeriodError(ValueError):
    """A period string that is not in the grammar; the message says what would be accepted."""


# The forms whose figure has no calendar period of its own that could be compared with another's.
OFF_TIMELINE_KINDS = frozenset({"latest_available", "recent_months", "contradicted"})
OFF_TIMELINE = "off the timeline"


@dataclass(frozen=True)
class Period:
    text: str
    kind: str
    start: date | None  # None when the report states no period (latest:, recent:)
    end: date | None
    label: str
    # The last day the figure can describe: its end, or the date a latest:/recent: figure was current.
    # It orders figures in time ("the latest figure"); it never places one on a line.
    as_of: date | None = None

    def __post_init__(self) -> None:
        if self.as_of is None:
            object.__setattr__(self, "as_of", self.end)

    @property
    def on_timeline(self) -> bool:
        """Whether the figure may be drawn in a line or compared with a figure of the same period."""
        return self.kind not in OFF_TIMELINE_KINDS

    @property
    def length_class(self) -> str:
        """Figures are comparable over time only between periods of like length: a quarter's
        referrals are not 'down' on the year's. Days and months count as points in time. A figure
        off the timeline is in a class of its own, which no line or trend ever uses."""
        if not self.on_timeline or self.start is None or self.end is None:
            return OFF_TIMELINE
        days = (self.end - self.start).days + 1
        if days <= 31:
            return "point or month"
        if 80 <= days <= 100:
            return "quarter"
        if 330 <= days <= 380:
            return "year"
        return f"{days} days"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day_label(d: date) -> str:
    return f"{d.day} {MONTH_NAME[d.month]} {d.year}"


def _short_day_label(d: date) -> str:
    return f"{d.day} {MONTH_ABBR[d.month]} {d.year}"


def _split_year(first: str, second: str, text: str) -> int:
    """Check that '2017/18' names consecutive years and return the first."""
    start = int(first)
    if (start + 1) % 100 != int(second):
        raise PeriodError(
            f"{shown(text)}: {first}/{second} is not a pair of consecutive years; "
            f"write {first}/{(start + 1) % 100:02d}"
        )
    return start


def _date(text: str, year: str, month: str, day: str = "1") -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError as error:
        raise PeriodError(f"{shown(text)} is not a real date ({error})") from None


def _snapshot(m: re.Match[str], text: str) -> Period:
    d = _date(text, m["y"], m["m"], m["d"])
    return Period(text, "date", d, d, _day_label(d))


def _month(m: re.Match[str], text: str) -> Period:
    start = _date(text, m["y"], m["m"])
    end = _month_end(start.year, start.month)
    return Period(text, "month", start, end, f"{MONTH_NAME[start.month]} {start.year}")


def _year(m: re.Match[str], text: str) -> Period:
    y = int(m["y"])
    return Period(text, "calendar_year", date(y, 1, 1), date(y, 12, 31), str(y))


def _calendar_quarter(m: re.Match[str], text: str) -> Period:
    y, q = int(m["y"]), int(m["q"])
    first = 3 * q - 2
    start, end = date(y, first, 1), _month_end(y, first + 2)
    label = f"{MONTH_ABBR[first]}–{MONTH_ABBR[first + 2]} {y}"
    return Period(text, "calendar_quarter", start, end, label)


def _financial_year(m: re.Match[str], text: str) -> Period:
    y = _split_year(m["y"], m["y2"], text)
    label = f"Financial year {y}/{m['y2']}"
    return Period(text, "financial_year", date(y, 4, 1), date(y + 1, 3, 31), label)


def _financial_quarter(m: re.Match[str], text: str) -> Period:
    y = _split_year(m["y"], m["y2"], text)
    q = int(m["q"])
    first_month = 4 + 3 * (q - 1)
    year = y if first_month <= 12 else y + 1
    first_month = (first_month - 1) % 12 + 1
    start, end = date(year, first_month, 1), _month_end(year, first_month + 2)
    label = f"Q{q} {y}/{m['y2']} ({MONTH_ABBR[first_month]}–{MONTH_ABBR[first_month + 2]} {year})"
    return Period(text, "financial_quarter", start, end, label)


def _academic_year(m: re.Match[str], text: str) -> Period:
    y = _split_year(m["y"], m["y2"], text)
    label = f"Academic year {y}/{m['y2']}"
    return Period(text, "academic_year", date(y, 9, 1), date(y + 1, 8, 31), label)


def _month_span(m: re.Match[str], text: str) -> Period:
    start = _date(text, m["y"], m["m"])
    last = _date(text, m["y2"], m["m2"])
    if last < start:
        raise PeriodError(f"{shown(text)}: the span ends before it starts")
    end = _month_end(last.year, last.month)
    label = f"{MONTH_ABBR[start.month]} {start.year} – {MONTH_ABBR[end.month]} {end.year}"
    return Period(text, "month_span", start, end, label)


def _date_span(m: re.Match[str], text: str) -> Period:
    start = _date(text, m["y"], m["m"], m["d"])
    end = _date(text, m["y2"], m["m2"], m["d2"])
    if end < start:
        raise PeriodError(f"{shown(text)}: the span ends before it starts")
    label = f"{_short_day_label(start)} – {_short_day_label(end)}"
    return Period(text, "date_span", start, end, label)


_D = r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
_D2 = r"(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
_FORMS = [
    (re.compile(rf"{_D}/{_D2}"), _date_span),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})/(?P<y2>\d{4})-(?P<m2>\d{2})"), _month_span),
    (re.compile(_D), _snapshot),
    (re.compile(r"(?P<y>\d{4})-Q(?P<q>[1-4])"), _calendar_quarter),
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})"), _month),
    (re.compile(r"(?P<y>\d{4})"), _year),
    (re.compile(r"FY(?P<y>\d{4})/(?P<y2>\d{2})-Q(?P<q>[1-4])"), _financial_quarter),
    (re.compile(r"FY(?P<y>\d{4})/(?P<y2>\d{2})"), _financial_year),
    (re.compile(r"AY(?P<y>\d{4})/(?P<y2>\d{2})"), _academic_year),
]

ACCEPTED_FORMS = (
    "2020-05-17 (date), 2020-10 (month), 2018 (year), 2018-Q1 (calendar quarter), "
    "FY2017/18 (financial year), FY2018/19-Q1 (financial-year quarter), AY2017/18 (academic year), "
    "2019-05/2020-04 (span of months), 2018-04-01/2018-06-30 (span of dates), "
    "latest:2018-09-10 or latest:2018-12 (the latest available on that date, usually the report's; "
    "period not stated), "
    "recent:2020-06-02 (recent months to the report's date), "
    "contradicted:FY2016/17 (the report's own label, which the report contradicts)"
)


def _written(prefix: str, rest: str, text: str) -> tuple[str, date]:
    """When the figure was current, in words ('on 10 Sep 2018', or 'in December 2018' where the
    report gives no day), and its last day."""
    day = re.fullmatch(_D, rest)
    if day:
        d = _date(text, day["y"], day["m"], day["d"])
        return "on " + _short_day_label(d), d
    month = re.fullmatch(r"(?P<y>\d{4})-(?P<m>\d{2})", rest)
    if month:
        start = _date(text, month["y"], month["m"])
        return f"in {MONTH_NAME[start.month]} {start.year}", _month_end(start.year, start.month)
    raise PeriodError(
        f"{shown(text)}: after '{prefix}:' write the report's date as YYYY-MM-DD (or YYYY-MM where "
        f"it gives no day), e.g. {prefix}:2018-09-10"
    )


def _latest(rest: str, text: str) -> Period:
    written, day = _written("latest", rest, text)
    return Period(
        text, "latest_available", None, None, f"Latest available {written} (period not stated)", day
    )


def _recent(rest: str, text: str) -> Period:
    written, day = _written("recent", rest, text)
    written = written.removeprefix("on ").removeprefix("in ")
    return Period(text, "recent_months", None, None, f"Recent months to {written} (months not stated)", day)


def _contradicted(rest: str, text: str) -> Period:
    try:
        stated = _calendar_period(rest)
    except PeriodError:
        raise PeriodError(
            f"{shown(text)}: after 'contradicted:' write the period the report gives the figure, "
            "in one of the calendar forms (e.g. contradicted:FY2016/17)"
        ) from None
    label = f"{stated.label}, as labelled (the report contradicts it)"
    return Period(text, "contradicted", stated.start, stated.end, label)


_PREFIXED = {"latest": _latest, "recent": _recent, "contradicted": _contradicted}


def _calendar_period(cleaned: str) -> Period:
    for pattern, build in _FORMS:
        match = pattern.fullmatch(cleaned)
        if match:
            return build(match, cleaned)
    raise PeriodError(f"{shown(cleaned)} is not a period this site understands; use one of: {ACCEPTED_FORMS}")


@lru_cache(maxsize=65536)
def resolve_period(text: str) -> Period:
    """Resolve a period string, or raise PeriodError saying which forms are accepted."""
    cleaned = text.strip()
    prefix, colon, rest = cleaned.partition(":")
    if colon and prefix in _PREFIXED:
        return _PREFIXED[prefix](rest.strip(), cleaned)
    return _calendar_period(cleaned)

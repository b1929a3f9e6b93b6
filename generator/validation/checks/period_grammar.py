"""Periods must follow the grammar, so that every figure has real start and end dates."""

from generator.core.periods import PeriodError, resolve_period

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    reasons: dict[str, str] = {}
    periods = ctx.codes.columns["period"]
    for text in periods.texts:
        if text == "":
            continue  # a missing period is reported by the schema's required constraint
        try:
            resolve_period(text)
        except PeriodError as error:
            reasons[text] = str(error)
    bad = obs[periods.rows_in(reasons)]
    return row_problems(
        bad,
        check=CHECK.id,
        column="period",
        message=lambda r: reasons[r["period"]],
        fix="write the period in one of the forms listed; 'Q1 2018/19' is FY2018/19-Q1, "
        "'as at 31 March 2018' is 2018-03-31, 'May 2019 - April 2020' is 2019-05/2020-04",
    )


CHECK = Check(
    "period-grammar",
    "Period is understood",
    "The period is written in the documented grammar (see generator/core/periods.py).",
    run,
)

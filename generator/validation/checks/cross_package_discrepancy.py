"""Two reports publishing different values for one figure is news for readers, not an error.

Both figures stay on the site with their sources; this warning makes sure the maintainer knows.
"""

from generator.core.contract import KEY
from generator.core.problems import WARNING

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    published = obs[obs["value_number"].notna()]
    groups = published.groupby(KEY, sort=True)
    spread = groups["value_number"].transform("nunique")
    packages = groups["_package"].transform("nunique")
    clash = published[(spread > 1) & (packages > 1)]
    if clash.empty:
        return
    others = {
        key: list(zip(g["_package"], g["value"], strict=True)) for key, g in clash.groupby(KEY, sort=True)
    }

    def message(r):
        key = tuple(r[k] for k in KEY)
        elsewhere = "; ".join(f"{v} in {p}" for p, v in others[key] if p != r["_package"])
        return (
            f"{r['indicator_id']} for {r['authority_code']} in {r['period']} is {r['value']} here "
            f"but {elsewhere}"
        )

    yield from row_problems(
        clash,
        check=CHECK.id,
        column="value",
        severity=WARNING,
        message=message,
        fix="if both reports really print these figures, keep both: the site shows each with its "
        "source; otherwise correct the one that was mistyped",
    )


CHECK = Check(
    "cross-package-discrepancy",
    "Reports agree",
    "The same (area, indicator, period, breakdown) with different values in two packages.",
    run,
)

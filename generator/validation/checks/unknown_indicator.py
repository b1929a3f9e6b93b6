"""Every figure must point at an indicator in the registry, which carries its unit and polarity."""

from generator.core.visible import shown

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    known = set(ctx.registry.indicators.index)
    bad = obs[ctx.codes.columns["indicator_id"].rows_where(lambda code: code != "" and code not in known)]
    return row_problems(
        bad,
        check=CHECK.id,
        column="indicator_id",
        message=lambda r: f"indicator {shown(r['indicator_id'])} is not in the registry",
        fix="use an id from datapackages/registry/indicators.csv (check the spelling), "
        "or add the indicator there in the same pull request",
    )


CHECK = Check(
    "unknown-indicator",
    "Indicator exists",
    "The indicator_id names an indicator in the registry.",
    run,
)

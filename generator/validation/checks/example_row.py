"""The example row `transparency new` writes is not a figure: it must be replaced, never published."""

from generator.inputs.scaffold import EXAMPLE_NOTE

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    yield from row_problems(
        obs[obs["note"].to_numpy() == EXAMPLE_NOTE],
        check=CHECK.id,
        column="note",
        message=lambda r: (
            f"this is the example row that `transparency new` wrote ({r['indicator_id']} {r['value']} "
            f"in {r['period']}), not a figure from the report"
        ),
        fix="replace the row with the report's figures, one row per figure, or delete it",
    )


CHECK = Check(
    "example-row",
    "Example row replaced",
    "The example row of a new package is replaced by the report's figures.",
    run,
)

"""A breakdown needs both what kind of part it is and which part, or neither."""

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    columns = ctx.codes.columns
    empty = [columns[c].rows_in([""]) for c in ("breakdown_dimension", "breakdown_category")]
    half = empty[0] != empty[1]
    return row_problems(
        obs[half],
        check=CHECK.id,
        column="breakdown_category",
        message=lambda r: "only one of breakdown_dimension and breakdown_category is filled in",
        fix="fill in both (e.g. dimension 'locality', category 'Coalville'), or leave both "
        "empty when the figure covers the whole area",
    )


CHECK = Check(
    "breakdown-pair",
    "Breakdown is complete",
    "breakdown_dimension and breakdown_category are both filled in or both empty.",
    run,
)

"""One package publishes one figure per (area, indicator, period, breakdown); a second is a typo."""

from generator.core.contract import KEY

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    keyed = obs[["_package", *KEY]]
    repeated = obs[keyed.duplicated(keep="first")]
    if repeated.empty:
        return
    firsts = obs[keyed.duplicated(keep=False) & ~keyed.duplicated(keep="first")].set_index(["_package", *KEY])
    keys = [tuple(k) for k in repeated[["_package", *KEY]].itertuples(index=False)]
    rows, files = firsts["_row"], firsts["_file"]
    repeated = repeated.assign(_first=[rows[k] for k in keys], _first_file=[files[k] for k in keys])
    yield from row_problems(
        repeated,
        check=CHECK.id,
        column=None,
        message=lambda r: (
            f"row {r['_row']} repeats row {r['_first']}"
            + (f" of {r['_first_file']}" if r["_first_file"] != r["_file"] else "")
            + f": the same area "
            f"({r['authority_code']}), indicator ({r['indicator_id']}), period ({r['period']})"
            + (
                f" and breakdown ({r['breakdown_dimension']}: {r['breakdown_category']})"
                if r["breakdown_dimension"]
                else " for the whole area"
            )
        ),
        fix="delete the repeated row, or if the two figures describe different parts of the "
        "area, say which in breakdown_dimension and breakdown_category",
    )


CHECK = Check(
    "duplicate-key",
    "One figure per key",
    "Within a package, (area, indicator, period, breakdown) appears once.",
    run,
)

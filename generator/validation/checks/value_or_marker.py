"""Each row has a value or a statistical symbol standing in for it, never both, never neither."""

from generator.core.visible import shown
from generator.core.vocabulary import BLANKING_MARKERS, LOW_RELIABILITY, MARKER_LABELS, in_words

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    has_value = obs["value"].to_numpy() != ""
    blanked = obs["marker"].isin(BLANKING_MARKERS).to_numpy()
    both = has_value & blanked
    neither = ~has_value & ~blanked
    yield from row_problems(
        obs[both],
        check=CHECK.id,
        column="marker",
        message=lambda r: (
            f"the row has both a value ({r['value']}) and the marker "
            f"{shown(r['marker'])}, which means there is no value"
        ),
        fix="keep the value and clear the marker, or clear the value if the report "
        f"shows a symbol ({in_words(BLANKING_MARKERS)}) instead of a figure",
    )
    yield from row_problems(
        obs[neither],
        check=CHECK.id,
        column="value",
        message=lambda r: (
            "the row has no value and no marker saying why"
            + (
                f" (marker '{LOW_RELIABILITY}' means {MARKER_LABELS[LOW_RELIABILITY]} and goes with a value)"
                if r["marker"] == LOW_RELIABILITY
                else ""
            )
        ),
        fix="fill in the value, or put a marker: x not available (also for a dash or blank in "
        "the report), c confidential, z not applicable, low rounds to zero",
    )


CHECK = Check(
    "value-or-marker",
    "Value or marker",
    "A row has a value, or a blanking marker (c, x, z, low), but not both.",
    run,
)

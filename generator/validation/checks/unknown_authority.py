"""Every figure must describe an area in the registry, so that names and regions are never guessed."""

from generator.core.visible import shown
from generator.core.vocabulary import ENGLAND, NEIGHBOUR_AVERAGE_PREFIX

from .base import Check, CheckContext, row_problems


def run(ctx: CheckContext):
    obs = ctx.observations
    known = set(ctx.registry.authorities.index)
    bad = obs[ctx.codes.columns["authority_code"].rows_where(lambda code: code != "" and code not in known)]
    return row_problems(
        bad,
        check=CHECK.id,
        column="authority_code",
        message=lambda r: f"area {shown(r['authority_code'])} is not in the registry",
        fix="use the area's ONS GSS code from datapackages/registry/authorities.csv "
        f"(England is {ENGLAND}; a statistical neighbours average is {NEIGHBOUR_AVERAGE_PREFIX} plus the "
        "council's code), "
        "or add the area to the registry",
    )


CHECK = Check(
    "unknown-authority",
    "Area exists",
    "The authority_code names an area in the registry.",
    run,
)

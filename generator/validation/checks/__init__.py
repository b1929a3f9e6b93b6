"""Our domain checks, one per module; adding a rule is adding a module and a line here."""

from . import (
    breakdown_pair,
    cross_package_discrepancy,
    declared_schema,
    duplicate_key,
    example_row,
    header,
    numerator_denominator,
    package_metadata,
    period_grammar,
    revision_notes,
    unknown_authority,
    unknown_indicator,
    value_fits_unit,
    value_or_marker,
)
from .base import Check, CheckContext

CHECKS: list[Check] = [
    header.CHECK,
    package_metadata.CHECK,
    declared_schema.CHECK,
    unknown_authority.CHECK,
    unknown_indicator.CHECK,
    period_grammar.CHECK,
    value_or_marker.CHECK,
    example_row.CHECK,
    value_fits_unit.CHECK,
    numerator_denominator.CHECK,
    breakdown_pair.CHECK,
    duplicate_key.CHECK,
    cross_package_discrepancy.CHECK,
    revision_notes.CHECK,
]

__all__ = ["CHECKS", "Check", "CheckContext"]

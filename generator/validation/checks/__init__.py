"""Our domain checks, one per module; adding a rule is adding a module and a line here."""

from . import (
    breakdown_pair,
    cell_characters,
    cross_package_discrepancy,
    declared_schema,
    descriptor_text,
    duplicate_key,
    example_row,
    header,
    numerator_denominator,
    package_metadata,
    package_name,
    period_grammar,
    plain_number,
    qualifier_flag,
    revision_notes,
    source_url,
    title_length,
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
    package_name.CHECK,
    descriptor_text.CHECK,
    title_length.CHECK,
    source_url.CHECK,
    cell_characters.CHECK,
    unknown_authority.CHECK,
    unknown_indicator.CHECK,
    period_grammar.CHECK,
    plain_number.CHECK,
    value_or_marker.CHECK,
    qualifier_flag.CHECK,
    example_row.CHECK,
    value_fits_unit.CHECK,
    numerator_denominator.CHECK,
    breakdown_pair.CHECK,
    duplicate_key.CHECK,
    cross_package_discrepancy.CHECK,
    revision_notes.CHECK,
]

__all__ = ["CHECKS", "Check", "CheckContext"]

"""Which heading an area is listed under, wherever areas are grouped: navigation and index pages.

One function, so that the navigation and the authorities page can never put an area in two places.
"""

from __future__ import annotations

from generator.core.vocabulary import COMPARATOR_TYPES

COMPARATORS = "Comparators"
OTHER = "Other"


def region_group(areas: dict[str, dict[str, str]], code: str) -> str:
    """The area's region by name; "Comparators" for England, the regions and the neighbour averages;
    "Other" for a council the registry gives no region, or a code the registry does not know."""
    area = areas.get(code)
    if area is None:
        return OTHER
    if area["type"] in COMPARATOR_TYPES:
        return COMPARATORS
    if not area["region_code"]:
        return OTHER
    return str(areas[area["region_code"]]["name"])


def group_order(label: str) -> tuple[bool, str]:
    """Regions from A to Z, then the comparators, then anything else."""
    return (label in (COMPARATORS, OTHER), label)

"""Which heading an area is listed under, wherever areas are grouped: navigation and index pages.

One function, so that the navigation and the authorities page can never put an area in two places.
"""

from __future__ import annotations

from generator.core.vocabulary import CALCULATED_NEIGHBOUR_AVERAGE_PREFIX, COMPARATOR_TYPES

COMPARATORS = "Comparators"
OTHER = "Other"


def region_group(areas: dict[str, dict[str, str]], code: str) -> str:
    """The area's region by name (also for a neighbours' average this site calculates); "Comparators"
    for England, the regions and the neighbour averages reports quote;
    "Other" for a council the registry gives no region, or a code the registry does not know."""
    area = areas.get(code)
    if area is None:
        return OTHER
    if code.startswith(CALCULATED_NEIGHBOUR_AVERAGE_PREFIX) and area["region_code"] in areas:
        # Beside the councils of its region on the authorities page, where a reader looks for it
        # (the navigation lists no neighbour average: page_map.py).
        return str(areas[area["region_code"]]["name"])
    if area["type"] in COMPARATOR_TYPES:
        return COMPARATORS
    if not area["region_code"]:
        return OTHER
    return str(areas[area["region_code"]]["name"])


def group_order(label: str) -> tuple[bool, str]:
    """Regions from A to Z, then the comparators, then anything else."""
    return (label in (COMPARATORS, OTHER), label)

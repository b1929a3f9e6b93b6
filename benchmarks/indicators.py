"""Which indicators a synthetic performance report carries, how it dates them and how big they are.

Units, polarities and themes are the real registry's (``datapackages/registry/indicators.csv``);
only the typical size of each figure and how a report dates it are chosen here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# How a report dates an indicator, for the financial year it covers (FY2019/20 here):
#   quarterly    FY2019/20-Q1 .. FY2019/20-Q4      (flows within each quarter)
#   quarter_end  2019-06-30 .. 2020-03-31          (counts "as at" each quarter's end)
#   year         FY2019/20
#   march        2020-03-31                        (the national "as at 31 March" snapshot)
#   september    2019-09-30                        (the national workforce census date)
#   academic     AY2018/19                         (the latest published school year)
#   categories   2020-03-31, broken down by category of abuse
PATTERNS = ("quarterly", "quarter_end", "year", "march", "september", "academic", "categories")


@dataclass(frozen=True)
class Spec:
    id: str
    pattern: str
    size: float  # counts: per 10,000 children a year (flows) or at a date (stocks); else the mean
    spread: float = 0.0  # between councils, for everything but counts
    decimals: int = 1
    comparators: bool = False  # reports quote England, region and neighbours beside it
    base_per_10k: float = 0.0  # percentages: the children a percentage is of, per 10,000 a year
    target: float | None = None  # what a council aims for, when its report sets a target


SPECS = [
    # Front door and assessment
    Spec("contacts", "quarterly", 2000),
    Spec("referrals", "quarterly", 540),
    Spec("contacts_to_referral_pct", "quarterly", 27, 6, base_per_10k=2000),
    Spec("re_referrals_12m_pct", "year", 22, 5, comparators=True, base_per_10k=540, target=20),
    Spec("re_referrals_pct", "quarterly", 21, 5, base_per_10k=540),
    Spec("assessments_completed", "quarterly", 530),
    Spec("assessments_within_45_days_pct", "year", 84, 8, comparators=True, base_per_10k=530, target=90),
    Spec("children_in_need", "quarter_end", 330),
    # Child protection
    Spec("cp_plans", "quarter_end", 42),
    Spec("cp_plans_rate_per_10k", "march", 42, 12, comparators=True),
    Spec("cp_plans_second_time_pct", "year", 22, 5, comparators=True, base_per_10k=43, target=20),
    Spec("cp_plans_2_years_plus_pct", "year", 3.5, 1.5, comparators=True, base_per_10k=43, target=3),
    Spec("cp_plans_started", "quarterly", 43),
    Spec("cp_reviews_in_timescale_pct", "quarterly", 92, 5, base_per_10k=80, target=95),
    Spec("cp_visits_in_timescale_pct", "quarterly", 88, 7, base_per_10k=250, target=90),
    Spec("icpc_within_15_days_pct", "year", 78, 12, comparators=True, base_per_10k=60, target=85),
    Spec("s47_enquiries", "quarterly", 165),
    Spec("s47_enquiries_leading_to_icpc", "quarterly", 60),
    Spec("strategy_discussions", "quarterly", 230),
    Spec("children_reported_missing", "year", 25),
    Spec("missing_return_interviews_pct", "quarterly", 70, 15, base_per_10k=40, target=80),
    Spec("cp_plans_category_pct", "categories", 0),
    # Children in care
    Spec("children_in_care", "quarter_end", 67),
    Spec("children_in_care_rate_per_10k", "march", 67, 20, comparators=True),
    Spec(
        "children_in_care_health_assessments_pct", "year", 89, 6, comparators=True, base_per_10k=50, target=95
    ),
    Spec("children_in_care_dental_checks_pct", "year", 85, 8, comparators=True, base_per_10k=50),
    Spec("placement_stability_long_term_pct", "year", 69, 6, comparators=True, base_per_10k=15, target=70),
    Spec("placements_3plus_pct", "year", 10, 2.5, comparators=True, base_per_10k=67, target=9),
    Spec("children_in_care_sdq_average_score", "year", 14, 1.2, comparators=True),
    Spec("care_proceedings_rate_per_10k_0_18", "year", 10, 3, comparators=True),
    # Care leavers
    Spec("care_leavers_eet_pct", "year", 52, 8, comparators=True, base_per_10k=10, target=55),
    Spec(
        "care_leavers_suitable_accommodation_pct", "year", 86, 6, comparators=True, base_per_10k=10, target=90
    ),
    # Early help
    Spec("early_help_families", "quarterly", 250),
    Spec("troubled_families_pbr_target_pct", "year", 75, 15),
    # Education
    Spec("eyfs_good_level_of_development_pct", "academic", 70, 3, comparators=True),
    Spec("ks2_rwm_expected_standard_pct", "academic", 62, 4, comparators=True),
    Spec("ks2_progress_score", "academic", 0.0, 0.8, decimals=2, comparators=True),
    Spec("neet_16_17_pct", "year", 5.5, 1.8, comparators=True, target=5),
    Spec("schools_good_outstanding_pct", "march", 86, 5, comparators=True),
    Spec("pupils_in_good_outstanding_schools_pct", "march", 85, 6, comparators=True),
    # Special educational needs and disabilities
    Spec("ehcp_issued_within_20_weeks_pct", "year", 55, 20, comparators=True, base_per_10k=25, target=60),
    Spec("ehcp_total", "march", 300),
    # Workforce
    Spec("sw_turnover_pct", "september", 16, 4, comparators=True, target=15),
    Spec("sw_vacancy_pct", "september", 17, 6, comparators=True, target=15),
    Spec("sw_agency_pct", "september", 16, 7, comparators=True, target=15),
    Spec("sw_average_caseload", "september", 16, 3, comparators=True),
    # Youth justice
    Spec("first_time_entrants_10_17", "year", 8),
    Spec("youth_custodial_sentences", "year", 0.5),
    Spec("youth_reoffences_per_offender", "year", 3.6, 0.6, decimals=2),
    # Complaints
    Spec("complaints_upheld_pct", "year", 20, 8, base_per_10k=12),
]

CATEGORIES = ["Neglect", "Emotional abuse", "Physical abuse", "Sexual abuse", "Multiple"]
CATEGORY_SHARES = [45.0, 35.0, 8.0, 4.0, 8.0]


def read_registry_indicators(registry: Path) -> dict[str, dict]:
    """The real registry's indicator rows, for the ids the synthetic reports use, as they are."""
    with (registry / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    missing = [s.id for s in SPECS if s.id not in rows]
    if missing:
        raise SystemExit(
            f"benchmarks/indicators.py uses indicators that {registry / 'indicators.csv'} no longer has: "
            f"{', '.join(missing)}. Update SPECS to ids the registry has."
        )
    return {s.id: rows[s.id] for s in SPECS}

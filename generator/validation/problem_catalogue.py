"""Every problem id validation and import can report, with what it means for the person fixing it.

The domain checks declare their ids beside their rules (validation/checks/); every other id is in
core/problem_ids.py. This is the one list of both: `transparency validate --list-checks` prints it,
and content/methodology.md lists every id in it.
"""

from __future__ import annotations

from generator.core.problem_ids import CATALOGUE, ProblemId
from generator.validation.checks import CHECKS


def problem_catalogue() -> list[ProblemId]:
    """The domain checks in the order they run, then every other id (each id once)."""
    checks = [ProblemId(check.id, check.description) for check in CHECKS]
    known = {entry.id for entry in checks}
    return checks + [entry for entry in CATALOGUE if entry.id not in known]


def catalogue_lines() -> list[str]:
    """The catalogue as aligned text: each id, then what it means."""
    entries = problem_catalogue()
    width = max(len(entry.id) for entry in entries)
    return [f"{entry.id:<{width}}  {entry.description}" for entry in entries]

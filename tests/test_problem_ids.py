"""One catalogue of problem ids, each with what it means, listed by the command and on the site.

That every problem a test produces has a catalogued id is checked after each test (conftest.py).
"""

import re

from generator.core.problem_ids import CATALOGUE, FRICTIONLESS_ERRORS, frictionless_id
from generator.validation.checks import CHECKS
from generator.validation.frictionless.translation import FIXES
from generator.validation.problem_catalogue import problem_catalogue
from support import ROOT, run_cli

METHODOLOGY = ROOT / "content" / "methodology.md"


def test_each_id_is_listed_once_with_a_one_line_description():
    ids = [entry.id for entry in problem_catalogue()]
    assert len(ids) == len(set(ids))
    assert len({entry.id for entry in CATALOGUE}) == len(CATALOGUE)
    assert ids[: len(CHECKS)] == [check.id for check in CHECKS]
    for entry in problem_catalogue():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*(/[a-z]+(-[a-z]+)*)?", entry.id), entry.id
        assert "\n" not in entry.description and entry.description.endswith("."), entry.id


def test_every_frictionless_error_we_explain_is_catalogued():
    explained = {frictionless_id(error_type) for error_type in [*FIXES, "constraint-error"]}
    assert explained <= {entry.id for entry in FRICTIONLESS_ERRORS}


def test_validate_lists_every_id_and_what_it_means(tmp_path):
    result = run_cli("validate", "--list-checks", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(problem_catalogue())
    for line, entry in zip(lines, problem_catalogue(), strict=True):
        listed_id, description = line.split(maxsplit=1)
        assert (listed_id, description) == (entry.id, entry.description)
    assert list(tmp_path.iterdir()) == []  # listing validates nothing and writes nothing


def test_the_methodology_page_lists_every_id():
    text = METHODOLOGY.read_text(encoding="utf-8")
    section = text.split("## Problems the validator reports", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)
    assert sorted(listed) == sorted(entry.id for entry in problem_catalogue())

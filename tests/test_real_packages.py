"""The real packages transcribed from the seed reports validate, and their known disagreements show;
their published notes speak to the public, not to our workplace."""

import re

import pytest

from support import ROOT, run_cli


def test_every_seed_package_validates_without_errors(real_validation):
    result = real_validation
    assert result.errors == []
    assert result.summary.packages >= 8
    names = {p.name for p in result.packages}
    assert {
        "leicestershire-2020-06-02-help-and-protection",
        "leicestershire-2018-09-10-q1-performance",
        "leicestershire-rutland-lscb-annual-report-2017-18",
        "leicestershire-complaints-2017-18",
        "leicestershire-2018-09-10-send-early-support",
        "stockton-2018-10-24-children-in-need-review",
        "cambridgeshire-2020-12-01-service-director-report",
        "southend-2018-safeguarding-annual-report",
    } <= names


def test_children_in_care_548_versus_555_is_reported_as_a_discrepancy(real_validation):
    warnings = [p for p in real_validation.problems if p.check == "cross-package-discrepancy"]
    messages = " ".join(p.message for p in warnings)
    assert "children_in_care for E10000018 in 2018-03-31 is 555 here but 548" in messages
    assert "children_in_care for E10000018 in 2018-03-31 is 548 here but 555" in messages


def test_every_observation_says_where_it_stands_in_its_report(real_validation):
    observations = real_validation.observations
    assert (observations["provenance"].str.len() > 0).all()


def test_validate_command_prints_a_summary_and_exits_0():
    result = run_cli("validate", "datapackages", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    last = result.stdout.strip().splitlines()
    assert last[-1] == "Valid."
    assert "14 packages, 14 resources" in last[-2]  # 8 reports, 5 DfE releases, 1 calculated


# Each package's NOTES.md is published as a page and in the package's zip. What a resident must never
# read there: where our files are kept, or the working talk of the people who made the package.
_ABSOLUTE_PATH = re.compile(r"(?<![\w.])(?:/(?:work|home|tmp|Users|root|var|opt|mnt|srv)/|~/|[A-Za-z]:\\)")
_INTERNAL_TALK = re.compile(
    "|".join(
        [
            r"\bthe lead(?:'s| (?:may|might|can|could|should|must|needs?|wants?|prefers?|decides?|has))\b",
            r"\blead:",
            r"\bchecker\b",
            r"\b\w+\.py\b",
            r"\bprints? [`'\"]?(?:OK|\d+ rows checked)",
            r"\bdoes not print OK\b",
            r"\bproposal file\b",
            r"\balready in registry\b",
            r"\bseed (?:file|\d{3})\b",
            r"\b\d{3}_[0-9a-f]{16}\.txt\b",
            r"\b(?:REFERENCE|CONTRACT)\.md\b",
            r"-verify\.csv\b",
            r"\bissue \d+\b",
            r"\bfidelity-(?:\d+|others)\b",
            r"\bcontract rule\b",
            r"\b(?:per|transcriber's) brief\b",
        ]
    ),
    re.IGNORECASE,
)
PACKAGE_NOTES = sorted((ROOT / "datapackages").glob("*/NOTES.md"))


def workplace_words(text: str) -> list[str]:
    return [m.group(0) for pattern in (_ABSOLUTE_PATH, _INTERNAL_TALK) for m in pattern.finditer(text)]


WORKPLACE_TALK = [
    ("Source: /work/shared/seeds/004.txt (whole file).", "/work/"),
    ("a copy at /tmp/verify_southend/", "/tmp/"),
    ("see C:\\Users\\me\\notes.csv", "C:\\"),
    ("Easy to drop if the lead prefers.", "the lead prefers"),
    ("Lead: merge it if you judge the two the same.", "Lead:"),
    ("`python3 check_package.py <pkg>` exits with code 1", "check_package.py"),
    ("The checker reports OK: 88 rows.", "checker"),
    ("It does NOT print OK.", "does NOT print OK"),
    ("It prints `21 rows checked / OK`.", "prints `21 rows checked"),
    ("The proposal file is stale.", "proposal file"),
    ("seven lines of `proposal: <id> already in registry`", "already in registry"),
    ("Source: seed 001, lines 1895-2149.", "seed 001"),
    ("Source: 003_1032f5bd7595acb4.txt, read in full.", "003_1032f5bd7595acb4.txt"),
    ("each checked by name against REFERENCE.md", "REFERENCE.md"),
    ("No new indicators, so there is no `-verify.csv` file.", "-verify.csv"),
    ("## Issue 16: audit findings answered", "Issue 16"),
    ("Each finding of the fidelity audit (`fidelity-001.md`)", "fidelity-001"),
    ("so they take the report period under the contract rule", "contract rule"),
    ("kept as the quarter, per brief", "per brief"),
]
PLAIN_ENGLISH = [
    "One more social worker was recruited as the lead practitioner for the operation.",
    "The contract ended in December 2017, so it ran for April to December 2017 only.",
    "The figures were not rebuilt from scratch; a second reader checked every figure.",
    "A Blossom Project worker (1/2 day), services open 24/7, the 2017/18 financial year.",
]


@pytest.mark.parametrize(("text", "found"), WORKPLACE_TALK)
def test_the_guard_finds_paths_and_workplace_talk(text, found):
    assert workplace_words(text) == [found]


@pytest.mark.parametrize("text", PLAIN_ENGLISH)
def test_the_guard_lets_plain_english_through(text):
    assert workplace_words(text) == []


def test_there_is_a_note_for_every_report_package():
    assert len(PACKAGE_NOTES) >= 8


@pytest.mark.parametrize("notes", PACKAGE_NOTES, ids=lambda path: path.parent.name)
def test_a_published_package_note_names_no_path_and_no_internal_process(notes):
    assert workplace_words(notes.read_text(encoding="utf-8")) == []

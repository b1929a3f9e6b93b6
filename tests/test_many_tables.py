"""Reports' CSV files read together give the tables, headers and problems each gives read alone.

Whatever the files hold (quotes left open, rows too wide or too short, blank lines, carriage
returns, a header that is not the contract's), generator.inputs.many_tables must answer for every
file exactly as generator.inputs.packages.read_table does for it alone.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.core.contract import observation_fields
from generator.inputs import many_tables
from generator.inputs.many_tables import read_many
from generator.inputs.packages import checked_part, read_table
from generator.validation.validate import validate
from support import ROOT

HEADER = ",".join(observation_fields())
FIELDS = observation_fields()
GOOD = ",".join(["E06000016", "referrals", "2020-03-31", "", "", "529", *[""] * (len(FIELDS) - 7), "table 1"])


def _alone(texts: list[str]) -> list:
    return [read_table(text, f"r{i}/observations.csv") for i, text in enumerate(texts)]


def _together(texts: list[str]) -> list:
    files = [f"r{i}/observations.csv" for i in range(len(texts))]
    return read_many(texts, files, read_table, checked_part)


def _same(found: list, expected: list) -> None:
    assert len(found) == len(expected)
    for (table, header, problems), (their_table, their_header, their_problems) in zip(
        found, expected, strict=True
    ):
        assert header == their_header
        assert problems == their_problems
        if their_table is None:
            assert table is None
        else:
            pd.testing.assert_frame_equal(table.table(), their_table, check_index_type=True)


# Cells as spreadsheets write them, and the pieces of CSV that go wrong.
_PLAIN = st.sampled_from(["", "529", "E06000016", '"a, quoted"', 'say ""x""', " ", '"two\nlines"'])
_ANY = st.one_of(_PLAIN, st.sampled_from(["a, unquoted", '"open', "\x1e", "a\rb", '"closed"late']))
_WIDE = st.lists(_PLAIN, min_size=len(FIELDS), max_size=len(FIELDS))  # as wide as the header
_ROW = st.one_of(_WIDE, _WIDE, _WIDE, st.lists(_ANY, min_size=1, max_size=len(FIELDS) + 2)).map(",".join)
_BODY = st.lists(st.one_of(_ROW, st.just(""), st.just(GOOD)), max_size=6).map("\n".join)
_END = st.sampled_from(["\n", "", "\r\n", "\n\n"])
_HEADER = st.sampled_from([HEADER, HEADER + ",extra", "authority_code,value", HEADER.upper()])
_ANY_FILE = st.builds(lambda header, body, end: header + "\n" + body + end, _HEADER, _BODY, _END)
# Most files a build reads have the contract's header and at least one row.
_REPORT = st.builds(lambda first, body: f"{HEADER}\n{first}\n{body}\n", st.one_of(_ROW, st.just(GOOD)), _BODY)
_FILE = st.one_of(_REPORT, _REPORT, _REPORT, _ANY_FILE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FILE, min_size=2, max_size=5))
@example([f"{HEADER}\n{GOOD}\n", f'{HEADER}\n"open,{GOOD}\n', f"{HEADER}\n{GOOD}\n"])  # a quote left open
@example([f"{HEADER}\n{GOOD}\n", f"{HEADER}\n{GOOD},one too many\n"])  # a row wider than the header
@example([f'{HEADER}\n"x', f'{HEADER}\ny",529\n'])  # a quote left open, closed by the next file
@example([f"{HEADER}\n{GOOD},first row wider\n{GOOD}\n", f"{HEADER}\n{GOOD}\n"])  # pandas infers an index
def test_files_read_together_are_read_as_each_alone(texts):
    _same(_together(texts), _alone(texts))


def test_well_formed_reports_are_parsed_in_one_pass(monkeypatch):
    calls = []
    real = many_tables.read_csv_text
    monkeypatch.setattr(many_tables, "read_csv_text", lambda text: calls.append(text) or real(text))
    texts = [f"{HEADER}\n{GOOD}\n{GOOD.replace('529', str(n))}\n" for n in range(50)]
    found = _together(texts)
    assert len(calls) == 1
    _same(found, _alone(texts))
    assert [part.table()["value"].tolist() for part, _, _ in found] == [["529", str(n)] for n in range(50)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FILE, min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_the_rows_of_tables_read_together_stack_as_the_tables_themselves(texts, rng):
    """What validation checks, every report's rows in one table, is the same whether taken out of
    the one read of them all or glued together from each report's own table."""
    parts = [part for part, header, _ in _together(texts) if part is not None and header == FIELDS]
    chosen = sorted(rng.sample(range(len(parts)), rng.randint(0, len(parts))))
    parts = [parts[i] for i in chosen]  # reports left out (header problems) leave gaps
    expected = (
        pd.concat([part.table() for part in parts], ignore_index=True)
        if parts
        else pd.DataFrame({c: [] for c in FIELDS})
    )
    pd.testing.assert_frame_equal(many_tables.stack(parts, FIELDS), expected, check_index_type=True)


def test_validation_reads_every_report_in_one_pass(monkeypatch):
    """The repository's own reports, as `transparency validate` reads them."""
    reads = []
    real = pd.read_csv
    monkeypatch.setattr(
        pd, "read_csv", lambda source, **kw: reads.append(source.getvalue()) or real(source, **kw)
    )
    validation = validate([ROOT / "datapackages"], root=ROOT, registry_parent=ROOT / "datapackages")
    assert validation.ok
    reports = [text for text in reads if text.startswith(HEADER + "\n")]
    assert len(reports) == 1  # one pass for every report
    assert sum(r.rows for p in validation.packages for r in p.resources) == len(validation.observations)

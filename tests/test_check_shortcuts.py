"""The checks' shortcuts answer exactly as the slower reading they stand for: integer codes for the
key columns (checks/codes.py), one pass over a column's joined cells (validation/joined.py,
checks/cell_characters.py) and the integer work of duplicate-key and cross-package-discrepancy."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from generator.core.contract import KEY
from generator.core.terminal import UNPRINTABLE
from generator.validation.checks.cell_characters import NOT_TEXT, _clean_column
from generator.validation.checks.codes import Coded, ObservationCodes, combined
from generator.validation.checks.cross_package_discrepancy import clashing
from generator.validation.checks.duplicate_key import first_rows
from generator.validation.joined import may_need_stripping

# Whitespace of both kinds, NUL, controls, invisible and reordering marks, a lone surrogate, letters.
AWKWARD = " \t\n\x0b\x1c\x1f\x85\xa0\u2028\u3000\x00\x01\x7f\x9f\u200b\u202e\ufeff\ud800ab-£"
cells = st.lists(st.text(alphabet=st.sampled_from(AWKWARD) | st.characters(), max_size=5), max_size=10)


@given(cells)
def test_a_column_is_stripped_whenever_a_cell_has_whitespace_at_an_end(values):
    text = "\x00".join(values)
    needed = any(v != v.strip() for v in values)
    if needed:
        assert may_need_stripping(text)
    if text.isascii() and not any("\x00" in v for v in values):
        assert may_need_stripping(text) == needed


@given(cells, st.booleans())
def test_a_column_is_clean_exactly_when_no_cell_holds_what_its_pattern_finds(values, code):
    pattern = UNPRINTABLE if code else NOT_TEXT
    found = any(pattern.search(v) for v in values)
    assert _clean_column("\x00".join(values), len(values), code) is not found


keys = st.lists(
    st.tuples(st.sampled_from(["p", "q"]), *(st.sampled_from(["", "a", "b"]) for _ in KEY)), max_size=30
)


@given(keys)
def test_rows_share_codes_exactly_when_they_share_the_key_and_repeats_point_at_the_first(rows):
    frame = pd.DataFrame(rows, columns=["_package", *KEY], dtype="str")
    codes = ObservationCodes.of(frame)
    assert codes.figure.tolist() == frame.groupby(KEY, sort=False).ngroup().tolist()
    repeats, first = first_rows(pd.factorize(codes.package_figure())[0])
    assert repeats.tolist() == frame.duplicated(["_package", *KEY]).tolist()
    for row in np.flatnonzero(repeats):
        same = (frame == frame.iloc[row]).all(axis=1).to_numpy()
        assert first[row] == np.flatnonzero(same)[0]


class _ManyTexts:
    """As many distinct texts as a hostile column might hold, without holding them."""

    def __len__(self) -> int:
        return 2**40  # three such columns overflow 64 bits unless renumbered


@given(st.lists(st.lists(st.integers(0, 3), min_size=6, max_size=6), max_size=20))
def test_codes_too_wide_for_one_integer_are_renumbered_without_merging_rows(rows):
    columns = [Coded(np.array([r[i] for r in rows], dtype=np.int64), _ManyTexts()) for i in range(6)]
    key, count = combined(columns, len(rows))
    expected = pd.DataFrame(rows, columns=list(range(6))).groupby(list(range(6)), sort=False).ngroup()
    assert key.tolist() == (expected.tolist() if rows else [])
    assert count == len(set(map(tuple, rows)))


@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.sampled_from([0.0, -0.0, 1.0, 2.5]), st.integers(0, 2)), max_size=30
    )
)
def test_a_clash_is_a_figure_with_more_than_one_value_and_more_than_one_package(rows):
    frame = pd.DataFrame(rows, columns=["figure", "value", "package"]).astype({"figure": int, "package": int})
    groups = frame.groupby("figure")
    expected = (groups["value"].transform("nunique") > 1) & (groups["package"].transform("nunique") > 1)
    found = clashing(*(frame[c].to_numpy() for c in ("figure", "value", "package")))
    assert found.tolist() == expected.tolist()

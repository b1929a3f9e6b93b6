"""A column is guarded (and unguarded) cell by cell only when one search over the joined cells
finds a cell that needs it; the shortcut must never miss such a cell, wherever it is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.core.formula_guard import guard, guard_column, unguard, unguard_column

# Cells made of the characters that matter (formula starts, quotes, the NUL the search joins on)
# and a few that do not, so that starts, quotes and joins meet in every order.
CELL = st.text(alphabet=["=", "+", "-", "@", "\t", "\r", "'", "\x00", "a", "1", " "], max_size=6)


@given(st.lists(CELL, max_size=8))
def test_guarding_a_column_is_guarding_each_cell(cells: list[str]):
    assert guard_column(cells) == [guard(cell) for cell in cells]


@given(st.lists(CELL, max_size=8))
def test_unguarding_a_column_is_unguarding_each_cell(cells: list[str]):
    assert unguard_column(cells) == [unguard(cell) for cell in cells]


@given(st.lists(CELL, max_size=8))
def test_unguarding_undoes_guarding(cells: list[str]):
    assert unguard_column(guard_column(cells)) == cells


def test_a_formula_in_the_first_or_the_last_cell_is_found():
    assert guard_column(["=1", "a"]) == ["'=1", "a"]
    assert guard_column(["a", "b", "''@x"]) == ["a", "b", "'''@x"]
    assert guard_column(["a", "b"]) == ["a", "b"]

"""The figures as last published: a copy of the public download, kept in the repository.

Validation compares packages with it, so a figure that changes after publication cannot change
silently. Maintainers refresh it after each release with `transparency snapshot`; until the file
exists nothing has been published and there is nothing to compare with. (snapshot.py writes it.)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from generator.core import limits
from generator.core.contract import KEY
from generator.core.formula_guard import unguard_column
from generator.core.problem_ids import PUBLISHED_FIGURES
from generator.core.problems import ERROR, Problem
from generator.inputs.packages import display_path, read_table, read_text

COLUMNS = ["source_package", *KEY, "value", "marker"]
_RESTORE = (
    "restore it from git (`git checkout -- {file}`), or write it again from the released packages "
    "with `transparency snapshot`"
)


def read_published(path: Path, root: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The published figures (package, key, value, marker as text), or None if none were published."""
    if not path.exists():
        return None, []
    file = display_path(path, root)
    fix = _RESTORE.format(file=file)
    if not path.is_file():
        return None, [
            Problem(file, None, None, PUBLISHED_FIGURES.id, ERROR, "this is a folder, not a CSV file", fix)
        ]
    text, problems = read_text(path, file, check=PUBLISHED_FIGURES.id)
    if text is None:
        return None, [dataclasses.replace(p, fix=fix) for p in problems]
    # The record is the public CSV, whose text cells may carry one guarding quote (formula_guard.py).
    table, header, problems = read_table(text, file, cell_chars=limits.MAX_CELL_CHARS + 1)
    if table is None:
        return None, [dataclasses.replace(p, fix=fix) for p in problems]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return None, [
            Problem(
                file,
                1,
                None,
                PUBLISHED_FIGURES.id,
                ERROR,
                "the published figures lack the column(s) " + ", ".join(missing) + "; it must be a copy "
                "of the public download downloads/observations.csv",
                fix,
            )
        ]
    table = table[COLUMNS].apply(lambda column: column.str.strip())
    for column in COLUMNS[:-2]:  # text columns; value is a number and marker a code, never guarded
        table[column] = unguard_column(table[column].tolist())
    repeated = table.duplicated(COLUMNS[:6])
    if repeated.any():
        row = int(repeated.to_numpy().argmax()) + 2
        return None, [
            Problem(
                file,
                row,
                None,
                PUBLISHED_FIGURES.id,
                ERROR,
                f"row {row} repeats a figure of an earlier row (same package, area, indicator, period "
                "and breakdown), so the published figures are ambiguous; the record was edited by hand",
                fix,
            )
        ]
    return table, []

"""`transparency import`: a filled spreadsheet template becomes a data package, or nothing at all.

The package is written with scaffold.py's writers, so it is byte for byte the package a person would
write with `transparency new` and an editor. It is written into a hidden folder beside the target and
checked there by the normal validator, which the caller passes in (validation comes after inputs in
the pipeline, so inputs do not import it); only a package without errors is moved into place, in one
rename. Every problem the validator finds is reported at its cell in the workbook (sheet, row,
column), because the workbook is what the officer fixes before importing again.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.core.errors import TransparencyError
from generator.core.problems import Problem, Summary, sort_problems
from generator.inputs.packages import DESCRIPTOR, display_path
from generator.inputs.registry import load_registry
from generator.inputs.scaffold import observations_csv, package_descriptor, write_package_files
from generator.inputs.spreadsheet.content import WorkbookContent
from generator.inputs.spreadsheet.layout import FIGURES, REPORT
from generator.inputs.spreadsheet.reader import read_workbook


class ImportRefused(TransparencyError):
    """A reason to write nothing that is not about a cell: the package exists, the folder is missing."""


class Checked(Protocol):
    """What the validator tells about the staged package (validation.validate.Validation)."""

    problems: list[Problem]
    summary: Summary

    @property
    def ok(self) -> bool:
        """No errors, so the package may be moved into place."""


class Validator(Protocol):
    """The validator's signature as the import calls it (validation.validate.validate)."""

    def __call__(self, paths: list[Path], *, root: Path, registry_parent: Path) -> Checked:
        """Check the packages under ``paths`` against the registry beside ``registry_parent``."""


@dataclass
class ImportResult:
    problems: list[Problem]
    summary: Summary | None = None  # the validator's, when the package was checked
    target: Path | None = None  # set only when the package was written

    @property
    def ok(self) -> bool:
        return self.target is not None


def _refuse_existing(target: Path, root: Path) -> None:
    if target.exists():
        raise ImportRefused(
            f"{display_path(target, root)} already exists; nothing was changed. Import into a new "
            "folder, or delete the old package first if the workbook replaces it"
        )


def _at_cell(problem: Problem, content: WorkbookContent, file: str) -> Problem:
    """A validator problem in the written CSV, moved to the workbook cell the value came from."""
    row = None
    if problem.row is not None and 2 <= problem.row < len(content.rows) + 2:
        row = content.rows[problem.row - 2].sheet_row
    letter = content.columns.get(problem.column or "")
    message = f"cell {letter}{row}: {problem.message}" if letter and row else problem.message
    return dataclasses.replace(problem, file=file, sheet=FIGURES, row=row, message=message)


def _in_workbook(problems: list[Problem], staged: Path, content: WorkbookContent, file: str, root: Path):
    observations = display_path(staged / "observations.csv", root)
    descriptor = display_path(staged / DESCRIPTOR, root)
    moved = []
    for problem in problems:
        if problem.file == observations:
            problem = _at_cell(problem, content, file)
        elif problem.file == descriptor:
            problem = dataclasses.replace(problem, file=file, sheet=REPORT, row=None)
        moved.append(problem)
    return sort_problems(moved)


def _renamed(problems: list[Problem], staged: Path, target: Path, root: Path) -> list[Problem]:
    old, new = display_path(staged, root), display_path(target, root)
    return [
        dataclasses.replace(p, file=new + p.file[len(old) :]) if p.file.startswith(old + "/") else p
        for p in problems
    ]


def import_workbook(
    workbook: Path, target: Path | None, *, root: Path, datapackages: Path, validate: Validator
) -> ImportResult:
    """Read, write into a hidden folder, ``validate``, then move into place; raise ImportRefused early."""
    if target is not None:
        _refuse_existing(target, root)
    file = display_path(workbook, root)
    registry, registry_problems = load_registry(datapackages, root)
    if registry is None:
        first = registry_problems[0] if registry_problems else None
        raise ImportRefused(
            "the registry cannot be read"
            + (f" ({first.location}: {first.message})" if first else "")
            + "; run the command in the project folder, the one holding datapackages/registry"
        )
    content = read_workbook(workbook, file, registry, target)
    if content.problems or content.details is None:
        return ImportResult(content.problems)  # in reading order: Report sheet first, then Figures
    details = content.details
    target = target if target is not None else datapackages / details.slug
    _refuse_existing(target, root)
    if not target.parent.is_dir():
        where = display_path(target.parent, root)
        raise ImportRefused(f"the folder {where} does not exist; nothing was written")
    descriptor = package_descriptor(details, registry.authorities.loc[details.authority, "name"])
    text = observations_csv(row.values for row in content.rows)
    scratch = Path(tempfile.mkdtemp(prefix=".import-", dir=target.parent))
    try:
        staged = scratch / target.name
        write_package_files(staged, descriptor, text)
        validation = validate([staged], root=root, registry_parent=datapackages)
        if not validation.ok:
            problems = _in_workbook(validation.problems, staged, content, file, root)
            return ImportResult(problems, validation.summary)
        _refuse_existing(target, root)
        staged.rename(target)
        return ImportResult(_renamed(validation.problems, staged, target, root), validation.summary, target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

"""Read data packages from disk without trusting them.

Packages arrive as pull requests from people outside the project, so nothing in a descriptor is
followed blindly: resource paths that are absolute, URLs or climb out of the package are refused
before any file is opened, and every way a file can be unreadable becomes a Problem, not a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

import pandas as pd

from generator.core import limits, problem_ids
from generator.core.json_text import strings_are_plain
from generator.core.problems import ERROR, Problem
from generator.core.visible import shown
from generator.inputs import bounds
from generator.inputs.descriptor_references import outside_references
from generator.inputs.encoding import not_text, undecodable_text
from generator.inputs.file_kinds import (
    FILE,
    NotAFile,
    not_a_file_fix,
    not_a_file_message,
    path_kind,
    read_file_bytes,
)
from generator.inputs.many_tables import TablePart, read_csv_text, read_many
from generator.inputs.package_files import (
    DESCRIPTOR,
    NOTES,
    entry_problems,
    folder_problems,
    named_path,
    notes_problems,
    resource_file,
)
from generator.inputs.report_metadata import ReportMetadata, read_report_metadata

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PARSER_LINE = re.compile(r"\bin line (\d+)\b")


@dataclass
class Resource:
    name: str
    file: str  # path for messages, relative to the project root
    path: Path
    part: TablePart  # its rows of the table its file was read into (many_tables.py)
    header: list[str]

    @cached_property
    def table(self) -> pd.DataFrame:
        """Every cell as text; "" where empty."""
        return self.part.table()

    @property
    def rows(self) -> int:
        return self.part.rows


@dataclass
class Package:
    name: str
    directory: Path
    descriptor_file: str
    descriptor: dict
    resources: list[Resource] = field(default_factory=list)
    readable: bool = True  # False when a file could not be read: Frictionless is then skipped
    # True when the text of datapackage.json shows that no string in it can hold a character a page
    # cannot show (core/json_text.py), so checks/descriptor_text.py need not look at its strings.
    plain_descriptor_text: bool = False
    # What the descriptor says about the report, read once: everything after validation reads this.
    metadata: ReportMetadata = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.metadata = read_report_metadata(self.name, self.descriptor_file, self.descriptor)

    @property
    def title(self) -> str:
        return self.metadata.title


def display_path(path: Path, root: Path) -> str:
    return named_path(path, root)


def _problem(file: str, message: str, fix: str, *, check: str, row: int | None = None) -> Problem:
    return Problem(file, row, None, check, ERROR, message, fix)


def unsafe_resource_path(raw: object) -> str | None:
    """Say why a resource path may not be read, or None when it is a plain path inside the package."""
    if not isinstance(raw, str) or not raw.strip():
        return "the resource has no 'path' (inline data is not accepted)"
    if _URL.match(raw) or raw.startswith("//"):
        return f"{shown(raw)} is a URL or has a drive letter; resources must be files inside the package"
    if raw.startswith(("/", "\\")):
        return f"{shown(raw)} is an absolute path; resources must be files inside the package"
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if ".." in parts:
        return f"{shown(raw)} leaves the package folder ('..'); resources must be files inside the package"
    return None


def read_text(
    path: Path, file: str, *, check: str, limit: int | None = None
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a byte-order mark is accepted); explain every other outcome.

    Only a regular file is read: a link, folder, FIFO or device is named for what it is. ``limit`` is
    the most bytes the file may have (default: a CSV's cap); a larger file is not read."""
    try:
        limit = limits.MAX_CSV_BYTES if limit is None else limit
        if path_kind(path) == FILE and (too_big := bounds.oversized(path, file, limit, check=check)):
            return None, [too_big]
        data = read_file_bytes(path)
    except NotAFile as refusal:
        message = not_a_file_message(path.name, refusal.kind)
        return None, [_problem(file, message, not_a_file_fix(refusal.kind), check=check)]
    except OSError as error:
        message = f"the file cannot be read ({error.strerror})"
        return None, [_problem(file, message, "make the file readable", check=check)]
    if not data.strip():
        return None, [
            _problem(
                file,
                "the file is empty",
                "put the content back (at least a header row)",
                check=check,
            )
        ]
    if why := not_text(data):
        fix = "save it again as 'CSV UTF-8' (Excel) or with UTF-8 encoding in your editor"
        return None, [_problem(file, why, fix, check=check)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        message, line = undecodable_text(data, error.start)
        return None, [
            _problem(
                file,
                message,
                "save it again as 'CSV UTF-8' (Excel) or with UTF-8 encoding in your editor",
                check=check,
                row=line,
            )
        ]


def read_descriptor(directory: Path, root: Path) -> tuple[dict | None, list[Problem], bool]:
    """The descriptor, its problems, and whether its text shows its strings are plain (json_text.py)."""
    path = directory / DESCRIPTOR
    file = display_path(path, root)
    text, problems = read_text(path, file, check=problem_ids.DESCRIPTOR.id, limit=limits.MAX_DESCRIPTOR_BYTES)
    if text is None:
        return None, problems, False
    descriptor, problems = _parsed_descriptor(text, file)
    return descriptor, problems, descriptor is not None and strings_are_plain(text)


def _parsed_descriptor(text: str, file: str) -> tuple[dict | None, list[Problem]]:
    if too_deep := bounds.too_deep(text, file):
        return None, [too_deep]
    repeated = bounds.DuplicateKeys()
    try:
        descriptor = json.loads(text, object_pairs_hook=repeated)
    except json.JSONDecodeError as error:
        return None, [
            _problem(
                file,
                f"datapackage.json is not valid JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno}",
                "look for a missing comma, quote or bracket just before that position; "
                "a JSON linter such as `python -m json.tool datapackage.json` shows it",
                check=problem_ids.DESCRIPTOR.id,
                row=error.lineno,
            )
        ]
    if not isinstance(descriptor, dict):
        return None, [
            _problem(
                file,
                "datapackage.json must hold one JSON object ({...})",
                "start from `transparency new` or copy an existing package's datapackage.json",
                check=problem_ids.DESCRIPTOR.id,
            )
        ]
    return descriptor, repeated.problems(file)


def read_table(
    text: str, file: str, *, cell_chars: int | None = None
) -> tuple[pd.DataFrame | None, list[str], list[Problem]]:
    """Parse CSV text with every cell as a string, so that nothing is guessed before validation.

    A header wider than a table may have is refused before pandas reads it, and a table with an
    over-long cell after (``cell_chars``, default the cap); a refused table is read by nothing else.
    """
    if refused := bounds.too_wide(text, file) or bounds.too_many_lines(text, file):
        return None, [], [refused]
    try:
        table = read_csv_text(text)
    except (pd.errors.ParserError, ValueError) as error:
        detail = str(error).strip().splitlines()[-1]
        line = _PARSER_LINE.search(detail)
        return (
            None,
            [],
            [
                _problem(
                    file,
                    f"the CSV cannot be read as a table: {detail}",
                    "every row needs the same number of cells as the header; quote cells that contain commas",
                    check=problem_ids.CSV_STRUCTURE.id,
                    row=int(line.group(1)) if line else None,
                )
            ],
        )
    return checked_table(table, text, file, cell_chars=cell_chars)


def checked_table(
    table: pd.DataFrame, text: str, file: str, *, cell_chars: int | None = None
) -> tuple[pd.DataFrame | None, list[str], list[Problem]]:
    """What read_table says of a table pandas has read from ``text``."""
    part, header, problems = checked_part(TablePart.of(table), text, file, cell_chars=cell_chars)
    return (None if part is None else table), header, problems


def checked_part(
    part: TablePart, text: str, file: str, *, cell_chars: int | None = None
) -> tuple[TablePart | None, list[str], list[Problem]]:
    """checked_table for a file's part of a table read with others (many_tables.py), which is
    cut out of it only if its cells must be measured one by one."""
    cap = limits.MAX_CELL_CHARS if cell_chars is None else cell_chars
    if not bounds.short_lines_one_record_each(text, part.rows, cap) and (
        long := bounds.long_cells(part.table(), file, cap)
    ):
        return None, [], long
    return part, spelled_header(text, part.whole), []


def spelled_header(text: str, table: pd.DataFrame) -> list[str]:
    """The header as the file spells it: pandas renames a repeated `value` to `value.1`, and a
    message about a column the file does not have cannot be acted on."""
    parsed = [str(c) for c in table.columns]
    try:
        first = next((row for row in csv.reader(io.StringIO(text, newline="")) if row), [])
    except csv.Error:
        return parsed
    return first if len(first) == len(parsed) else parsed


def _resources_problem(file: str) -> Problem:
    return _problem(
        file,
        "the package lists no resources",
        'add "resources": [{"name": "observations", "path": "observations.csv", ...}]',
        check=problem_ids.DESCRIPTOR.id,
    )


def _path_problem(file: str, name: str, why: str) -> Problem:
    return _problem(
        file,
        f"resource {shown(name)}: {why}",
        'give the name of a CSV file in the package folder, e.g. "path": "observations.csv"',
        check=problem_ids.RESOURCE_PATH.id,
    )


def _twice_problem(file: str, first: str, name: str, path: str) -> Problem:
    return _problem(
        file,
        f"resources {shown(first)} and {shown(name)} both name {shown(path)}: its rows would be read twice",
        "remove one of the two resources from datapackage.json, or point it at its own file",
        check=problem_ids.RESOURCE_PATH.id,
    )


@dataclass(frozen=True)
class _Unread:
    """A resource file read as text, its table not yet made (load_packages reads them together)."""

    package: Package
    name: str
    file: str
    path: Path
    text: str


def load_package(directory: Path, root: Path) -> tuple[Package | None, list[Problem]]:
    """Read a package: its folder, descriptor and resources are examined before anything is read,
    and any problem with them leaves Frictionless (which reads the files itself) out of it."""
    return load_packages([directory], root)[0]


def load_packages(directories: list[Path], root: Path) -> list[tuple[Package | None, list[Problem]]]:
    """load_package for each folder, in order; their CSV files are read together (many_tables.py)."""
    opened = [_open_package(directory, root) for directory in directories]
    unread = [(problems, resource) for _, problems, resources in opened for resource in resources]
    texts, files = [r.text for _, r in unread], [r.file for _, r in unread]
    tables = read_many(texts, files, read_table, checked_part)
    for (problems, resource), (part, header, table_problems) in zip(unread, tables, strict=True):
        problems.extend(table_problems)
        package = resource.package
        if part is None:
            package.readable = False  # what pandas cannot shape, Frictionless is not asked about
            continue
        package.resources.append(Resource(resource.name, resource.file, resource.path, part, header))
    return [(package, problems) for package, problems, _ in opened]


def _open_package(directory: Path, root: Path) -> tuple[Package | None, list[Problem], list[_Unread]]:
    """The package with its resource files read as text, their tables still to be made."""
    problems, readable = folder_problems(directory, root)
    if not readable:
        return None, problems, []
    descriptor, descriptor_problems, plain = read_descriptor(directory, root)
    problems.extend(descriptor_problems)
    if descriptor is None:
        return None, problems, []
    descriptor_file = display_path(directory / DESCRIPTOR, root)
    package = Package(directory.name, directory, descriptor_file, descriptor)
    package.plain_descriptor_text = plain
    references = outside_references(descriptor, descriptor_file)
    problems.extend(references)
    package.readable = not references
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        problems.append(_resources_problem(descriptor_file))
        resources = []
        package.readable = False
    if len(resources) > limits.MAX_RESOURCES:
        problems.append(
            _problem(
                descriptor_file,
                f"the package lists {len(resources):,} resources, more than the {limits.MAX_RESOURCES} "
                "a package may have",
                "a report package has one resource, observations.csv: put each report in its own package",
                check=problem_ids.DESCRIPTOR.id,
            )
        )
        package.readable = False
        return package, problems, []
    declared = {DESCRIPTOR, NOTES}
    unread: list[_Unread] = []
    named_by: dict[str, str] = {}
    for index, resource in enumerate(resources):
        resource = resource if isinstance(resource, dict) else {}
        name = str(resource.get("name") or f"resource {index + 1}")
        why = unsafe_resource_path(resource.get("path"))
        file_name, why = (None, why) if why else resource_file(resource["path"])
        if file_name is None:
            problems.append(_path_problem(descriptor_file, name, why or ""))
            package.readable = False
            continue
        declared.add(file_name)
        if file_name in named_by:
            problems.append(_twice_problem(descriptor_file, named_by[file_name], name, file_name))
            package.readable = False
            continue
        named_by[file_name] = name
        path = directory / file_name
        file = display_path(path, root)
        text, read_problems = read_text(path, file, check=problem_ids.RESOURCE_FILE.id)
        problems.extend(read_problems)
        if text is None:
            package.readable = False
            continue
        unread.append(_Unread(package, name, file, path, text))
    found, special = entry_problems(directory, declared, root)
    problems.extend(found + notes_problems(directory, root))
    package.readable = package.readable and not special
    return package, problems, unread

"""Read data packages from disk without trusting them.

Packages arrive as pull requests from people outside the project, so nothing in a descriptor is
followed blindly: resource paths that are absolute, URLs or climb out of the package are refused
before any file is opened, and every way a file can be unreadable becomes a Problem, not a traceback.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from generator.core import limits
from generator.core.problems import ERROR, Problem
from generator.inputs import bounds

DESCRIPTOR = "datapackage.json"
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PARSER_LINE = re.compile(r"\bin line (\d+)\b")


@dataclass
class Resource:
    name: str
    file: str  # path for messages, relative to the project root
    path: Path
    table: pd.DataFrame  # every cell as text; "" where empty
    header: list[str]


@dataclass
class Package:
    name: str
    directory: Path
    descriptor_file: str
    descriptor: dict
    resources: list[Resource] = field(default_factory=list)
    readable: bool = True  # False when a file could not be read: Frictionless is then skipped

    @property
    def title(self) -> str:
        return str(self.descriptor.get("title") or self.name)


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _problem(file: str, message: str, fix: str, *, check: str, row: int | None = None) -> Problem:
    return Problem(file, row, None, check, ERROR, message, fix)


def unsafe_resource_path(raw: object) -> str | None:
    """Say why a resource path may not be read, or None when it is a plain path inside the package."""
    if not isinstance(raw, str) or not raw.strip():
        return "the resource has no 'path' (inline data is not accepted)"
    if _URL.match(raw) or raw.startswith("//"):
        return f"'{raw}' is a URL or has a drive letter; resources must be files inside the package"
    if raw.startswith(("/", "\\")):
        return f"'{raw}' is an absolute path; resources must be files inside the package"
    parts = PurePosixPath(raw.replace("\\", "/")).parts
    if ".." in parts:
        return f"'{raw}' leaves the package folder ('..'); resources must be files inside the package"
    return None


def read_text(
    path: Path, file: str, *, check: str, limit: int | None = None
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a byte-order mark is accepted); explain every other outcome.

    ``limit`` is the most bytes the file may have (default: a CSV's cap); a larger file is not read.
    """
    if not path.is_file():
        return None, [
            _problem(
                file,
                "the file does not exist",
                "add the file, or correct the 'path' of the resource that names it",
                check=check,
            )
        ]
    if too_big := bounds.oversized(path, file, limits.MAX_CSV_BYTES if limit is None else limit, check=check):
        return None, [too_big]
    data = path.read_bytes()
    if not data.strip():
        return None, [
            _problem(
                file,
                "the file is empty",
                "put the content back (at least a header row)",
                check=check,
            )
        ]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            _problem(
                file,
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}; "
                "it looks like it was saved as Latin-1 or Windows-1252)",
                "save it again as 'CSV UTF-8' (Excel) or with UTF-8 encoding in your editor",
                check=check,
                row=line,
            )
        ]


def read_descriptor(directory: Path, root: Path) -> tuple[dict | None, list[Problem]]:
    path = directory / DESCRIPTOR
    file = display_path(path, root)
    text, problems = read_text(path, file, check="descriptor", limit=limits.MAX_DESCRIPTOR_BYTES)
    if text is None:
        return None, problems
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
                check="descriptor",
                row=error.lineno,
            )
        ]
    if not isinstance(descriptor, dict):
        return None, [
            _problem(
                file,
                "datapackage.json must hold one JSON object ({...})",
                "start from `transparency new` or copy an existing package's datapackage.json",
                check="descriptor",
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
        table = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
        )
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
                    check="csv-structure",
                    row=int(line.group(1)) if line else None,
                )
            ],
        )
    if long := bounds.long_cells(table, file, limits.MAX_CELL_CHARS if cell_chars is None else cell_chars):
        return None, [], long
    header = [str(c) for c in table.columns]
    return table, header, []


def load_package(directory: Path, root: Path) -> tuple[Package | None, list[Problem]]:
    descriptor, problems = read_descriptor(directory, root)
    if descriptor is None:
        return None, problems
    descriptor_file = display_path(directory / DESCRIPTOR, root)
    package = Package(directory.name, directory, descriptor_file, descriptor)
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        problems.append(
            _problem(
                descriptor_file,
                "the package lists no resources",
                'add "resources": [{"name": "observations", "path": "observations.csv", ...}]',
                check="descriptor",
            )
        )
        package.readable = False
        return package, problems
    if len(resources) > limits.MAX_RESOURCES:
        problems.append(
            _problem(
                descriptor_file,
                f"the package lists {len(resources):,} resources, more than the {limits.MAX_RESOURCES} "
                "a package may have",
                "a report package has one resource, observations.csv: put each report in its own package",
                check="descriptor",
            )
        )
        package.readable = False
        return package, problems
    for index, resource in enumerate(resources):
        resource = resource if isinstance(resource, dict) else {}
        name = str(resource.get("name") or f"resource {index + 1}")
        why = unsafe_resource_path(resource.get("path"))
        if why:
            problems.append(
                _problem(
                    descriptor_file,
                    f"resource '{name}': {why}",
                    "give a relative path to a CSV file in the package folder, e.g. "
                    '"path": "observations.csv"',
                    check="resource-path",
                )
            )
            package.readable = False
            continue
        path = directory / resource["path"]
        file = display_path(path, root)
        text, read_problems = read_text(path, file, check="resource-file")
        problems.extend(read_problems)
        if text is None:
            package.readable = False
            continue
        table, header, table_problems = read_table(text, file)
        problems.extend(table_problems)
        if table is None:
            package.readable = False  # what pandas cannot shape, Frictionless is not asked about
            continue
        package.resources.append(Resource(name, file, path, table, header))
    return package, problems


def find_package_dirs(paths: list[Path]) -> list[Path]:
    """Expand the paths given on the command line into package folders, in a stable order."""
    found: set[Path] = set()
    for path in paths:
        if path.name == DESCRIPTOR and path.is_file():
            found.add(path.parent)
        elif (path / DESCRIPTOR).is_file():
            found.add(path)
        elif path.is_dir():
            found.update(p.parent for p in path.glob(f"*/{DESCRIPTOR}"))
    return sorted(found)

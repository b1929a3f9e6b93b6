"""The public download: every figure in one CSV with a Frictionless descriptor, and each package."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from generator.core.contract import LICENCE, observation_schema, observations_resource
from generator.core.formula_guard import guard_column
from generator.core.vocabulary import POLARITY_LABELS, in_words
from generator.inputs.file_kinds import FILE, path_kind, read_file_bytes
from generator.inputs.package_files import DESCRIPTOR, NOTES
from generator.inputs.packages import Package
from generator.inputs.spreadsheet.template import template_bytes
from generator.model.tidy import DOWNLOAD_COLUMNS, Model
from generator.outputs.incremental import link_or_copy
from generator.outputs.safe_markdown import safe_markdown
from generator.outputs.site import reads
from generator.outputs.site.addresses import DOWNLOAD_DESCRIPTOR, DOWNLOADS, link, package_zip
from generator.outputs.site.page_reuse import for_model
from generator.outputs.writer import LastBuild, ProjectFiles

NAME = "downloads"  # writer_name(write)
# A fixed timestamp inside zip files keeps two builds of the same data byte-identical.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)

_EXTRA_FIELDS = {
    "authority_name": ("string", "Name of the area."),
    "indicator_title": ("string", "Title of the indicator."),
    "unit": ("string", "Unit of the value (count, percent, rate_per_10k_0_17, gbp, ...)."),
    "polarity": ("string", f"{in_words(list(POLARITY_LABELS))}."),
    "theme": ("string", "Theme the indicator belongs to."),
    "period_label": ("string", "The period in words."),
    "period_start": (
        "date",
        "First day of the period (ISO 8601); empty when the report states no period (latest:, recent:).",
    ),
    "period_end": (
        "date",
        "Last day of the period (ISO 8601); empty when the report states no period (latest:, recent:).",
    ),
    "breakdown": ("string", "'dimension: category', empty for the whole area."),
    "source_package": ("string", "Name of the data package (report) the figure comes from."),
    "source_title": ("string", "Title of that report's data package."),
    "publisher": ("string", "Who published the report."),
    "meeting_date": ("date", "Date of the committee meeting; empty if the report names none."),
    "figure_id": (
        "string",
        "Permanent id of the figure; its report page's address followed by #figure_id links to it.",
    ),
}


def download_schema() -> dict:
    contract = {f["name"]: f for f in observation_schema()["fields"]}
    fields = []
    for name in DOWNLOAD_COLUMNS:
        if name in contract:
            field = dict(contract[name])
            field.pop("constraints", None)
        else:
            kind, description = _EXTRA_FIELDS[name]
            field = {"name": name, "type": kind, "description": description}
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def text_columns() -> list[str]:
    """The download's columns of text, the only ones a spreadsheet could mistake for a formula."""
    return [f["name"] for f in download_schema()["fields"] if f["type"] == "string"]


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell that a spreadsheet would run as a formula guarded
    (core/formula_guard.py); numbers and dates are left exactly as they are (-5 stays -5)."""
    guarded = {c: guard_column(table[c].astype(str).tolist()) for c in text_columns() if c in table}
    return table.assign(**{c: pd.Series(v, index=table.index, dtype="str") for c, v in guarded.items()})


def _csv_bytes(rows: pd.DataFrame, *, header: bool = False) -> bytes:
    table = spreadsheet_safe(rows[DOWNLOAD_COLUMNS].fillna(""))
    return table.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")


def _package_rows(model: Model) -> dict[str, np.ndarray]:
    """Each package's rows of the model, in its file's row order, packages by name: the order
    people expect when they compare the download with a report."""
    rows = model.observations["_row"].to_numpy()
    groups = sorted(model.rows_by("source_package").items())
    return {name: found[np.argsort(rows[found], kind="stable")] for name, found in groups}


def _chunk_ends(body: bytes, counts: list[int]) -> list[int] | None:
    """Where each package's rows end in ``body`` (one line a row), or None when a cell holds a
    line break, so that lines are not rows."""
    breaks = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == ord("\n"))
    if len(breaks) != sum(counts):
        return None
    return [int(end) + 1 for end in breaks[np.cumsum(counts) - 1]] if counts else []


Keys = Callable[[str], str]  # a package's name -> the digest of everything its rows are made from


@dataclass(frozen=True)
class LastCsv:
    """The last build's observations.csv and where each package's rows were in it: by name, the
    package's key then and the rows' first and last byte."""

    path: Path
    chunks: dict[str, list]

    @classmethod
    def of(cls, path: Path, kept: dict) -> LastCsv | None:
        """None unless the file is the one the last build wrote (its size, at least)."""
        chunks, size = kept.get("chunks"), kept.get("size")
        try:
            same = isinstance(chunks, dict) and path.stat().st_size == size
        except OSError:
            return None
        return cls(path, chunks) if same else None

    def read(self, handle: BinaryIO, name: str, key: str) -> bytes | None:
        found = self.chunks.get(name)
        if not isinstance(found, list) or len(found) != 3 or found[0] != key:
            return None
        handle.seek(found[1])
        data = handle.read(found[2] - found[1])
        return data if len(data) == found[2] - found[1] else None


# Rows formatted in one call: the whole table in one went through several text copies of the file
# at once (the table as text, guarded, as CSV, as bytes, joined), a gigabyte at England scale x4,
# beside the page writers; a slice at a time holds a few megabytes, and costs a few dozen calls.
_ROWS_AT_A_TIME = 25_000


def _runs(packages: dict[str, np.ndarray]) -> Iterator[list[str]]:
    """The packages' names, in order, in runs of about _ROWS_AT_A_TIME rows."""
    run: list[str] = []
    count = 0
    for name, rows in packages.items():
        run.append(name)
        count += len(rows)
        if count >= _ROWS_AT_A_TIME:
            yield run
            run, count = [], 0
    if run:
        yield run


def _formatted(observations: pd.DataFrame, packages: dict[str, np.ndarray], names: list[str]) -> list[bytes]:
    """Each named package's rows as CSV: in one call, cut where each package's rows end, unless a
    cell holds a line break (then lines are not rows, and each package is formatted on its own)."""
    rows = [packages[name] for name in names]
    body = _csv_bytes(observations.iloc[np.concatenate(rows)])
    ends = _chunk_ends(body, [len(found) for found in rows])
    if ends is None:
        return [_csv_bytes(observations.iloc[found]) for found in rows]
    return [body[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def write_observations_csv(
    model: Model, path: Path, keys: Keys | None = None, last: LastCsv | None = None
) -> dict:
    """The public CSV; `transparency snapshot` writes the same bytes as the published record.

    Formatting every row (each text cell guarded against spreadsheet formulas) took two seconds
    at England scale on every build, for a pull request that changes one package. So with
    ``keys``, where each package's rows lie in the file is kept for the next build under the
    package's key; with ``last`` too, a package whose key is unchanged is copied from the last
    build's file: every cell is text and formatted on its own, so the same rows are the same
    bytes, however many packages are formatted in one call. Returns what to keep."""
    path.parent.mkdir(parents=True, exist_ok=True)
    packages = _package_rows(model)
    observations = model.observations
    header = _csv_bytes(observations.iloc[:0], header=True)
    key_of = {name: keys(name) for name in packages} if keys is not None else {}
    chunks = {}
    with path.open("wb") as out, last.path.open("rb") if last and keys else nullcontext() as before:
        out.write(header)
        for names in _runs(packages):
            found = {name: last.read(before, name, key_of[name]) for name in names} if before else {}
            fresh = [name for name in names if found.get(name) is None]
            if fresh:
                found.update(zip(fresh, _formatted(observations, packages, fresh), strict=True))
            for name in names:
                start = out.tell()
                out.write(found[name])
                chunks[name] = [key_of.get(name), start, out.tell()]
        size = out.tell()
    return {"size": size, "chunks": chunks} if keys is not None else {}


def write_observations(
    model: Model, directory: Path, keys: Keys | None = None, last: LastCsv | None = None
) -> dict:
    """The download's CSV and its descriptor; returns what write_observations_csv keeps."""
    kept = write_observations_csv(model, directory / "observations.csv", keys, last)
    descriptor = {
        "name": "childrens-services-observations",
        "title": "Children's social care figures from council committee reports",
        "description": "Every figure published on the site, one row per observation, "
        "from every report package, with its source and where it stands in the report. "
        "A text cell that would begin with =, +, -, @, a tab or a carriage return begins with a single "
        "quote added in front, so that no spreadsheet runs it as a formula; numbers are never changed.",
        "licenses": [LICENCE],
        "sources": [
            {"title": p.title, "path": link(package_zip(p.name), DOWNLOAD_DESCRIPTOR)}
            for p in sorted(model.packages, key=lambda p: p.name)
        ],
        "resources": [observations_resource(download_schema())],
    }
    text = json.dumps(descriptor, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    (directory / "datapackage.json").write_text(text, encoding="utf-8")
    return kept


def declared_files(package: Package) -> dict[str, bytes]:
    """The files a package publishes, by name: its descriptor, the resources it names and its notes.
    Validation refused anything else in the folder, and anything that is not a regular file; the
    files are read again here as regular files only, never through a link."""
    names = [DESCRIPTOR, *(resource.path.name for resource in package.resources)]
    if path_kind(package.directory / NOTES) == FILE:
        names.append(NOTES)
    return {name: read_file_bytes(package.directory / name) for name in sorted(names)}


def _zip_files(folder: str, files: dict[str, bytes], target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def _files_digest(files: dict[str, bytes]) -> str:
    hasher = hashlib.sha256()
    for name, data in files.items():
        hasher.update(f"{name}\0{len(data)}\0".encode() + data)
    return hasher.hexdigest()


def write_package_copies(
    model: Model, directory: Path, last: dict[str, str], last_folder: Path | None
) -> dict:
    """Each package's declared files as they are in the repository, as files and as one zip; the
    notes beside them (which the site renders as a page) with their markup made safe.

    Compressing every package was most of this at England scale, so a package whose files have
    the digest they had last time (``last``, by name) gets the last build's zip, byte for byte the
    same (fixed timestamps), and links to its last copies of the files (the notes, which this code
    rewrites, are written again): a linked file needs no hashing after (incremental.file_hashes).
    Returns this build's digests."""
    target = directory / "packages"
    target.mkdir(parents=True, exist_ok=True)
    digests = {}
    for package in [*model.packages, model.registry.package]:
        files = declared_files(package)
        digests[package.name] = digest = _files_digest(files)
        last_copy = last_folder / package.name if last_folder is not None else None
        unchanged = last_copy is not None and last.get(package.name) == digest
        copy = target / package.name
        copy.mkdir(exist_ok=True)  # made already in folders kept from the last build
        for name, data in files.items():
            if name == NOTES:
                notes = data.decode("utf-8-sig")
                data = data if safe_markdown(notes) == notes else safe_markdown(notes).encode("utf-8")
            elif unchanged and (last_copy / name).is_file():
                link_or_copy(last_copy / name, copy / name)
                continue
            (copy / name).write_bytes(data)
        zipped = f"{package.name}.zip"
        if unchanged and (last_folder / zipped).is_file():
            link_or_copy(last_folder / zipped, target / zipped)
        else:
            _zip_files(package.name, files, target / zipped)
    return digests


def write_downloads(
    model: Model, directory: Path, last_build: LastBuild | None = None, keys: Keys | None = None
) -> dict:
    """Everything under downloads/; kept for the next build, each package's digest (its zip) and
    where its rows are in observations.csv (``keys``: see write_observations_csv)."""
    kept = last_build.kept(NAME) if last_build is not None else {}
    last_folder = last_build.docs / DOWNLOADS if last_build is not None else None
    last_csv = (
        LastCsv.of(last_folder / "observations.csv", kept.get("observations", {})) if last_folder else None
    )
    observations = write_observations(model, directory, keys, last_csv)
    last_packages = last_folder / "packages" if last_folder is not None else None
    packages = write_package_copies(model, directory, kept.get("packages", {}), last_packages)
    # The spreadsheet route for publishers: the template matching this site's registry.
    (directory / "template.xlsx").write_bytes(template_bytes(model.registry))
    return {"packages": packages, "observations": observations}


def write(model: Model, docs: Path, project: ProjectFiles) -> dict:
    setup, digests = for_model(model, project.content, project.templates, project.config)

    def keys(name: str) -> str:
        """A package's rows are made from its own rows of the model and the setup (the registry,
        the generator's code ...): the digests the page reuse works out (page_reuse.py)."""
        return f"{setup}:{digests.of(reads.key('package', name))}"

    return write_downloads(model, docs / DOWNLOADS, project.last_build, keys)

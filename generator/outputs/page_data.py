"""Stable data addresses: the figures of every report, area and indicator page as CSV and JSON.

Each page's folder gets ``data.csv``, ``data.json`` and ``metadata.json`` beside its HTML, e.g.
``authorities/E10000018/data.csv``. Addresses come from registry codes and package names, never
from titles, so a link or a script written today still works when a title is corrected. Rows are in
the order of the page's figures table and use the public download's columns, so a file and its page
can be compared line by line.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import numpy as np
import pandas as pd

from generator.core.contract import LICENCE
from generator.model.tidy import DOWNLOAD_COLUMNS, Model
from generator.outputs.downloads import download_schema, spreadsheet_safe
from generator.outputs.incremental import link_or_copy
from generator.outputs.site import addresses, reads
from generator.outputs.site.figure_table import table_ranks
from generator.outputs.site.page_reuse import for_model
from generator.outputs.writer import ProjectFiles


@dataclass(frozen=True)
class PageData:
    page: str  # the page the figures are shown on, e.g. "authorities/E10000018.md"
    title: str
    description: str
    rows: list[int]  # its figures, as the model's row labels, in the order of its figures table
    sources: list[str]  # the packages they come from, by name, sorted
    group: str  # the figure index's group they are (reads.key), for a rebuild to tell if they changed


class _Groups:
    """The model's rows by package, area and indicator, in table order, from the table's columns:
    this writer runs in a forked worker, and reading the figure index's records there (a record's
    reference count is written when it is read) copied every page of them, some 400 MB of the
    1.5 GB it held at England scale x4."""

    def __init__(self, model: Model):
        observations = model.observations
        self._labels = observations.index.to_numpy()
        self._ranks = table_ranks(observations)
        self._package, self._package_names = pd.factorize(observations["source_package"])
        self._model = model

    def names(self, column: str) -> list[str]:
        return list(self._model.rows_by(column))

    def of(self, column: str, name: str) -> tuple[list[int], list[str]]:
        """A group's row labels in table order, and the names of the packages they come from."""
        found = self._model.rows_of(column, name)
        ordered = found[np.argsort(self._ranks[found], kind="stable")]
        sources = sorted(str(n) for n in self._package_names[np.unique(self._package[found])])
        return self._labels[ordered].tolist(), sources


def page_data(model: Model) -> list[PageData]:
    """One entry per report, area and indicator page, with the same figures as the groups the
    pages are built from (the figure index's by_package, by_authority and by_indicator)."""
    groups = _Groups(model)
    result = [
        PageData(
            addresses.report_page(package.name),
            package.title,
            "Every figure published from this report.",
            *groups.of("source_package", package.name),
            reads.key("package", package.name),
        )
        for package in sorted(model.packages, key=lambda p: p.name)
    ]
    result.extend(
        PageData(
            addresses.area_page(code),
            str(model.registry.area[code]["name"]),
            "Every published figure for this area, from every report.",
            *groups.of("authority_code", code),
            reads.key("authority", code),
        )
        for code in sorted(groups.names("authority_code"))
    )
    result.extend(
        PageData(
            addresses.indicator_page(indicator_id),
            str(model.registry.indicator[indicator_id]["title"]),
            "Every published figure for this indicator, for every area, from every report.",
            *groups.of("indicator_id", indicator_id),
            reads.key("indicator", indicator_id),
        )
        for indicator_id in sorted(groups.names("indicator_id"))
    )
    return result


_ROWS_AT_A_TIME = 10_000


class Lines:
    """Lines of text as UTF-8 in one scratch file, found by the model's row labels.

    At England scale x4 every figure's CSV line and JSON object are ~670 MB, made once because a
    figure is on three pages. Held in this process's memory, they were the whole build's peak
    (2,120 MB, beside the download worker); in a file they are the kernel's page cache, which it
    can write out and drop under pressure. Each page's lines are read back in runs (one ``pread``
    per run of neighbouring rows: a report's rows are one run), so reading costs little more than
    slicing a buffer did. Before that they lived as half a million str objects each for CSV and
    JSON in a dict (benchmarks/results/scale-4.md)."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the lines are read)
        self._chunks: list[tuple[np.ndarray, np.ndarray]] = []  # (labels, ends) of each add
        self._labels = self._starts = self._ends = np.zeros(0, dtype=np.int64)

    def add(self, labels: list[int], lines: list[str]) -> None:
        encoded = [line.encode("utf-8") for line in lines]
        ends = self._file.tell() + np.cumsum(
            np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        )
        self._file.write(b"".join(encoded))
        self._chunks.append((np.asarray(labels, dtype=np.int64), ends))

    def done(self) -> Lines:
        """Sort what was added by label, for look-ups; returns itself."""
        self._file.flush()
        if self._chunks:
            labels = np.concatenate([c[0] for c in self._chunks])
            ends = np.concatenate([c[1] for c in self._chunks])
            starts = np.concatenate([[0], ends[:-1]])
            order = np.argsort(labels, kind="stable")
            self._labels, self._starts, self._ends = labels[order], starts[order], ends[order]
        self._chunks = []
        return self

    def __len__(self) -> int:
        return len(self._labels)

    def of(self, labels: list[int]) -> list[bytes]:
        """The lines of these rows, in this order (KeyError for a row never added)."""
        wanted = np.asarray(labels, dtype=np.int64)
        where = np.searchsorted(self._labels, wanted)
        if len(wanted) and (where.max() >= len(self._labels) or (self._labels[where] != wanted).any()):
            raise KeyError("a row whose line was not made")
        starts, ends = self._starts[where], self._ends[where]
        order = np.argsort(starts, kind="stable")
        starts, ends, order = starts[order].tolist(), ends[order].tolist(), order.tolist()
        found: list[bytes] = [b""] * len(wanted)
        fd = self._file.fileno()
        run = 0
        for index in range(1, len(starts) + 1):
            if index < len(starts) and starts[index] == ends[index - 1]:
                continue  # the next row's line follows this one's in the file: one read for both
            base = starts[run]
            data = os.pread(fd, ends[index - 1] - base, base)
            for k in range(run, index):
                found[order[k]] = data[starts[k] - base : ends[k] - base]
            run = index
        return found


@dataclass(frozen=True)
class FigureLines:
    """Each figure's CSV line and JSON object, by its row in the model, made once: a figure
    appears on three pages. ``rows``: only these (the figures of the pages a rebuild writes)."""

    csv: Lines
    json: Lines

    @classmethod
    def from_model(cls, model: Model, rows: list[int] | None = None) -> FigureLines:
        table = model.observations[DOWNLOAD_COLUMNS]
        table = table if rows is None else table.loc[rows]
        lines = cls(Lines(), Lines())
        # A slice at a time: each step makes several text copies of what it is given (as text,
        # guarded, as CSV, as JSON), which for all 500,000 figures of England at scale 4 was a
        # worker of 6 GB. The lines are the same whatever the slices, since each is one row's.
        for start in range(0, len(table), _ROWS_AT_A_TIME):
            lines._add(table.iloc[start : start + _ROWS_AT_A_TIME].fillna("").astype(str))
        lines.csv.done()
        lines.json.done()
        return lines

    def _add(self, table) -> None:
        # All rows into one buffer, then cut it where each row ended (writerow returns its length):
        # a quoted cell may hold a line break, so the text cannot simply be split into lines.
        # The CSV's text cells are guarded against formulas, as in the public download; JSON's are not.
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        sheet = spreadsheet_safe(table)
        cells = zip(*(sheet[c].tolist() for c in DOWNLOAD_COLUMNS), strict=True)
        ends = list(accumulate(map(writer.writerow, cells)))
        text = buffer.getvalue()
        csv_lines = [text[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
        # JSON Lines never hold a raw line break, so splitting on one is safe.
        json_lines = table.to_json(orient="records", lines=True, force_ascii=False).rstrip("\n").split("\n")
        assert len(csv_lines) == len(json_lines) == len(table)
        where = table.index.tolist()
        self.csv.add(where, csv_lines)
        self.json.add(where, json_lines)


_CSV_HEADER = (",".join(DOWNLOAD_COLUMNS) + "\n").encode("utf-8")


def _csv(lines: FigureLines, rows: list[int]) -> bytes:
    return _CSV_HEADER + b"".join(lines.csv.of(rows))


def _json(lines: FigureLines, rows: list[int]) -> bytes:
    """One figure per line: small diffs when a figure changes, and still one JSON document."""
    if not rows:
        return b"[]\n"
    return b"[\n" + b",\n".join(lines.json.of(rows)) + b"\n]\n"


def _json_text(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)


class MetadataText:
    """Each page's metadata.json, as json.dumps(..., indent=2) writes the whole document, with each
    report's entry and the columns written once. An indicator page lists every report behind its
    figures, and Python's indenting encoder (the C one does not indent) wrote the same 1,530
    entries again for each of fifty indicator pages: most of this writer's time at England scale."""

    def __init__(self, model: Model, columns: list[dict]):
        self._model = model
        self._columns = _indented(_json_text(columns), 2)
        self._sources: dict[str, tuple[str, str]] = {}  # package -> (entry as text, meeting date)

    def _source(self, name: str) -> tuple[str, str]:
        if name not in self._sources:
            meta = self._model.package(name).metadata
            entry = {
                "package": name,
                "title": meta.title,
                "publisher": meta.publisher,
                "committee": meta.committee,
                "meeting_date": meta.meeting_date,
                "report_page": addresses.page_url(addresses.report_page(name)),
                "documents": [s.path for s in meta.sources if s.path.startswith(("https://", "http://"))],
            }
            self._sources[name] = (_indented(_json_text(entry), 4), meta.meeting_date)
        return self._sources[name]

    def of(self, data: PageData) -> str:
        sources = [self._source(name) for name in data.sources]
        head = {
            "title": data.title,
            "description": data.description,
            "page": addresses.page_url(data.page),
            "files": {"csv": addresses.data_csv(data.page), "json": addresses.data_json(data.page)},
            "rows": len(data.rows),
            "licence": LICENCE,
            # The newest report behind these figures: the data changes only when a report is added
            # or a package is corrected (corrections are listed with their dates on the revisions page).
            "last_changed": max((date for _, date in sources if date), default=""),
        }
        listed = "[\n    " + ",\n    ".join(text for text, _ in sources) + "\n  ]" if sources else "[]"
        # The head without its closing "\n}", then the two lists as the encoder would indent them.
        return _json_text(head)[:-2] + f',\n  "sources": {listed},\n  "columns": {self._columns}\n}}\n'


def _indented(text: str, spaces: int) -> str:
    """JSON written at the top level, as it is written ``spaces`` further in: every line after the
    first moves right (the first follows its key or the list's own indent)."""
    return text.replace("\n", "\n" + " " * spaces)


NAME = "page_data"  # writer_name(write)
_FILES = (addresses.data_csv, addresses.data_json, addresses.metadata_json)


def _source_parts(data: PageData) -> set[str]:
    return {data.group, *(reads.key("meta", name) for name in data.sources)}


def _copied(last: Path, docs: Path, page: str) -> bool:
    """The page's three files from the last build, if it has them all."""
    sources = [last / name(page) for name in _FILES]
    if not all(source.is_file() for source in sources):
        return False
    for source, name in zip(sources, _FILES, strict=True):
        link_or_copy(source, docs / name(page))
    return True


def write(model: Model, docs: Path, project: ProjectFiles) -> dict:
    """Each page's three files; a rebuild copies those whose figures and sources are unchanged
    (kept: each page's digest of them, page_reuse.Digests)."""
    columns = [
        {"name": f["name"], "type": f["type"], "description": f.get("description", "")}
        for f in download_schema()["fields"]
    ]
    setup, digests = for_model(model, project.content, project.templates, project.config)
    last = project.last_build
    kept = last.kept(NAME) if last is not None else {}
    before = kept.get("files", {}) if kept.get("setup") == setup else {}
    made: dict[str, str | None] = {}
    wanted = []
    for data in page_data(model):
        (docs / addresses.data_folder(data.page)).mkdir(parents=True, exist_ok=True)
        made[data.page] = digest = digests.combined(_source_parts(data))
        if digest is None or before.get(data.page) != digest or not _copied(last.docs, docs, data.page):
            wanted.append(data)
    rows = sorted({row for data in wanted for row in data.rows})
    lines = FigureLines.from_model(model, rows if len(wanted) < len(made) else None)
    metadata = MetadataText(model, columns)
    for data in wanted:
        (docs / addresses.data_csv(data.page)).write_bytes(_csv(lines, data.rows))
        (docs / addresses.data_json(data.page)).write_bytes(_json(lines, data.rows))
        (docs / addresses.metadata_json(data.page)).write_text(metadata.of(data), encoding="utf-8")
    return {"setup": setup, "files": {page: d for page, d in made.items() if d is not None}}

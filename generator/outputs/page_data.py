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
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from generator.core.contract import LICENCE
from generator.model.figure_index import Figure
from generator.model.tidy import DOWNLOAD_COLUMNS, Model
from generator.outputs.downloads import download_schema, spreadsheet_safe
from generator.outputs.site.figure_table import table_order

DATA_FILES = ("data.csv", "data.json", "metadata.json")


@dataclass(frozen=True)
class PageData:
    folder: str  # the page's address without the trailing slash, e.g. "authorities/E10000018"
    title: str
    description: str
    figures: list[Figure]


def page_data(model: Model) -> list[PageData]:
    """One entry per report, area and indicator page, from the same groups the pages are built from."""
    index = model.index
    result = [
        PageData(
            f"reports/{package.name}",
            package.title,
            "Every figure published from this report.",
            index.by_package.get(package.name, []),
        )
        for package in sorted(model.packages, key=lambda p: p.name)
    ]
    result.extend(
        PageData(
            f"authorities/{code}",
            str(model.registry.area[code]["name"]),
            "Every published figure for this area, from every report.",
            figures,
        )
        for code, figures in sorted(index.by_authority.items())
    )
    result.extend(
        PageData(
            f"indicators/{indicator_id}",
            str(model.registry.indicator[indicator_id]["title"]),
            "Every published figure for this indicator, for every area, from every report.",
            figures,
        )
        for indicator_id, figures in sorted(index.by_indicator.items())
    )
    return result


@dataclass(frozen=True)
class FigureLines:
    """Each figure's CSV line and JSON object, written once: a figure appears on three pages."""

    csv: list[str]
    json: list[str]

    @classmethod
    def from_model(cls, model: Model) -> FigureLines:
        table = model.observations[DOWNLOAD_COLUMNS].fillna("").astype(str)
        # All rows into one buffer, then cut it where each row ended (writerow returns its length):
        # a quoted cell may hold a line break, so the text cannot simply be split into lines.
        # The CSV's text cells are guarded against formulas, as in the public download; JSON's are not.
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        sheet = spreadsheet_safe(table)
        rows = zip(*(sheet[c].tolist() for c in DOWNLOAD_COLUMNS), strict=True)
        ends = list(accumulate(map(writer.writerow, rows)))
        text = buffer.getvalue()
        csv_lines = [text[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]
        # JSON Lines never hold a raw line break, so splitting on one is safe.
        json_lines = table.to_json(orient="records", lines=True, force_ascii=False).rstrip("\n").split("\n")
        assert len(csv_lines) == len(json_lines) == len(table)
        return cls(csv_lines, json_lines if len(table) else [])


def _csv(lines: FigureLines, figures: list[Figure]) -> str:
    header = ",".join(DOWNLOAD_COLUMNS) + "\n"
    return header + "".join(lines.csv[f.Index] for f in figures)


def _json(lines: FigureLines, figures: list[Figure]) -> str:
    """One figure per line: small diffs when a figure changes, and still one JSON document."""
    if not figures:
        return "[]\n"
    return "[\n" + ",\n".join(lines.json[f.Index] for f in figures) + "\n]\n"


def _metadata(model: Model, data: PageData, columns: list[dict]) -> dict:
    names = sorted({f.source_package for f in data.figures})
    sources = []
    for name in names:
        package = model.package(name)
        d = package.descriptor
        sources.append(
            {
                "package": name,
                "title": package.title,
                "publisher": str(d.get("publisher") or ""),
                "committee": str(d.get("committee") or ""),
                "meeting_date": str(d.get("meeting_date") or ""),
                "report_page": f"reports/{name}/",
                "documents": [
                    str(s["path"])
                    for s in d.get("sources", [])
                    if str(s.get("path") or "").startswith(("https://", "http://"))
                ],
            }
        )
    dates = [s["meeting_date"] for s in sources if s["meeting_date"]]
    return {
        "title": data.title,
        "description": data.description,
        "page": f"{data.folder}/",
        "files": {"csv": f"{data.folder}/data.csv", "json": f"{data.folder}/data.json"},
        "rows": len(data.figures),
        "licence": LICENCE,
        # The newest report behind these figures: the data changes only when a report is added or
        # a package is corrected (corrections are listed with their dates on the revisions page).
        "last_changed": max(dates, default=""),
        "sources": sources,
        "columns": columns,
    }


def write_page_data(model: Model, docs: Path) -> None:
    columns = [
        {"name": f["name"], "type": f["type"], "description": f.get("description", "")}
        for f in download_schema()["fields"]
    ]
    lines = FigureLines.from_model(model)
    for data in page_data(model):
        folder = docs / data.folder
        folder.mkdir(parents=True, exist_ok=True)
        figures = sorted(data.figures, key=table_order)
        (folder / "data.csv").write_text(_csv(lines, figures), encoding="utf-8")
        (folder / "data.json").write_text(_json(lines, figures), encoding="utf-8")
        metadata = _metadata(model, data, columns)
        text = json.dumps(metadata, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        (folder / "metadata.json").write_text(text, encoding="utf-8")

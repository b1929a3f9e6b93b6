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
from generator.outputs.site import addresses
from generator.outputs.site.figure_table import table_order
from generator.outputs.writer import ProjectFiles


@dataclass(frozen=True)
class PageData:
    page: str  # the page the figures are shown on, e.g. "authorities/E10000018.md"
    title: str
    description: str
    figures: list[Figure]


def page_data(model: Model) -> list[PageData]:
    """One entry per report, area and indicator page, from the same groups the pages are built from."""
    index = model.index
    result = [
        PageData(
            addresses.report_page(package.name),
            package.title,
            "Every figure published from this report.",
            index.by_package.get(package.name, []),
        )
        for package in sorted(model.packages, key=lambda p: p.name)
    ]
    result.extend(
        PageData(
            addresses.area_page(code),
            str(model.registry.area[code]["name"]),
            "Every published figure for this area, from every report.",
            figures,
        )
        for code, figures in sorted(index.by_authority.items())
    )
    result.extend(
        PageData(
            addresses.indicator_page(indicator_id),
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
        meta = model.package(name).metadata
        sources.append(
            {
                "package": name,
                "title": meta.title,
                "publisher": meta.publisher,
                "committee": meta.committee,
                "meeting_date": meta.meeting_date,
                "report_page": addresses.page_url(addresses.report_page(name)),
                "documents": [s.path for s in meta.sources if s.path.startswith(("https://", "http://"))],
            }
        )
    dates = [s["meeting_date"] for s in sources if s["meeting_date"]]
    return {
        "title": data.title,
        "description": data.description,
        "page": addresses.page_url(data.page),
        "files": {"csv": addresses.data_csv(data.page), "json": addresses.data_json(data.page)},
        "rows": len(data.figures),
        "licence": LICENCE,
        # The newest report behind these figures: the data changes only when a report is added or
        # a package is corrected (corrections are listed with their dates on the revisions page).
        "last_changed": max(dates, default=""),
        "sources": sources,
        "columns": columns,
    }


def write(model: Model, docs: Path, project: ProjectFiles) -> None:
    columns = [
        {"name": f["name"], "type": f["type"], "description": f.get("description", "")}
        for f in download_schema()["fields"]
    ]
    lines = FigureLines.from_model(model)
    for data in page_data(model):
        (docs / addresses.data_folder(data.page)).mkdir(parents=True, exist_ok=True)
        figures = sorted(data.figures, key=table_order)
        (docs / addresses.data_csv(data.page)).write_text(_csv(lines, figures), encoding="utf-8")
        (docs / addresses.data_json(data.page)).write_text(_json(lines, figures), encoding="utf-8")
        metadata = _metadata(model, data, columns)
        text = json.dumps(metadata, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        (docs / addresses.metadata_json(data.page)).write_text(text, encoding="utf-8")

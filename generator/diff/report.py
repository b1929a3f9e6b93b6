"""Show a `Comparison` to people (a pull-request comment in Markdown) and to tools (complete JSON).

The Markdown is posted by CI as a comment, so everything taken from data files is escaped where the
template shows it (``| md``, as on the site: a pipe must not split a table cell, a ``<script>`` must
stay text) and the whole comment is kept under GitHub's 65,536-character limit by listing fewer rows
per table until it fits. The JSON is never shortened and is sorted, so two runs on the same input
are identical.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.core.contract import KEY
from generator.core.counting import counted
from generator.diff.model_diff import Comparison, Discrepancy, EntryDiff, FieldChange, ModelDiff
from generator.outputs.site.escaping import markdown_environment
from generator.outputs.site.formatting import format_value

MARKER = "<!-- transparency-diff -->"
COMMENT_LIMIT = 65_536
# Room under GitHub's limit for what the workflow adds around the report.
BUDGET = 60_000
ROW_LIMITS = (200, 100, 50, 20, 10, 5)
CELL_LIMIT = 120
SHOWN_PROBLEMS = 5
TEMPLATES = Path(__file__).parent / "templates"
FIGURE_COLUMNS = ["report", "area", "indicator", "period", "breakdown"]
VALUE_DISPLAY_FIELDS = {"value", "marker", "flag"}


@dataclass(frozen=True)
class Section:
    """One table of the report: its heading, column names and every row (plain text, shortened)."""

    title: str
    columns: list[str]
    rows: list[list[str]]


def cell(value: object) -> str:
    """Data text for one table cell, shortened so no single cell floods a comment; "–" if empty."""
    text = " ".join(str(value).split())
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - 1].rstrip() + "…"
    return text or "–"


def _shown_value(record: dict[str, str]) -> str:
    return format_value(record["value"], record["unit"], record["marker"], record["flag"])


def _breakdown(record: dict[str, str]) -> str:
    if not record["breakdown_dimension"]:
        return ""
    return f"{record['breakdown_dimension']}: {record['breakdown_category']}"


def _figure(record: dict[str, str]) -> list[str]:
    return [
        record.get("source_title", ""),
        f"{record['authority_name']} ({record['authority_code']})",
        record["indicator_title"] or record["indicator_id"],
        record["period_label"] or record["period"],
        _breakdown(record),
    ]


def _change_text(before: dict[str, str], after: dict[str, str], changes: tuple[FieldChange, ...]) -> str:
    """The value as readers see it (old → new), then any other field that changed."""
    parts = []
    if any(c.field in VALUE_DISPLAY_FIELDS for c in changes):
        parts.append(f"{_shown_value(before)} → {_shown_value(after)}")
    others = tuple(c for c in changes if c.field not in VALUE_DISPLAY_FIELDS)
    if others:
        parts.append(_field_changes(others))
    return "; ".join(parts)


def _field_changes(changes: tuple[FieldChange, ...]) -> str:
    return "; ".join(f"{c.field}: {c.old or '(empty)'} → {c.new or '(empty)'}" for c in changes)


def _entry_rows(entries: EntryDiff, counts: dict[tuple[str, str], str] | None = None) -> list[list[str]]:
    """Rows of name, id, change; ``counts`` adds e.g. " (12 figures)" to a report added or removed."""
    counts = counts or {}
    rows = [[e.title, e.id, f"added{counts.get(('added', e.id), '')}"] for e in entries.added]
    rows += [[e.title, e.id, f"removed{counts.get(('removed', e.id), '')}"] for e in entries.removed]
    rows += [[e.title, e.id, _field_changes(e.changes)] for e in entries.changed]
    return rows


def _figure_counts(diff: ModelDiff) -> dict[tuple[str, str], str]:
    counts: dict[tuple[str, str], int] = {}
    for change, records in (("added", diff.observations_added), ("removed", diff.observations_removed)):
        for record in records:
            counts[(change, record["source_package"])] = counts.get((change, record["source_package"]), 0) + 1
    return {key: f" ({counted(n, 'figure')})" for key, n in counts.items()}


def _versions(discrepancy: Discrepancy) -> str:
    return "; ".join(
        f"{v['value']} in {v['source_title']}" + (f" ({v['provenance']})" if v["provenance"] else "")
        for v in discrepancy.versions
    )


def _discrepancy_rows(discrepancies: list[Discrepancy]) -> list[list[str]]:
    return [
        [
            f"{d.record['authority_name']} ({d.record['authority_code']})",
            d.record["indicator_title"],
            d.record["period_label"],
            _breakdown(d.record),
            _versions(d),
        ]
        for d in discrepancies
    ]


def sections(diff: ModelDiff) -> list[Section]:
    """Every non-empty table of the report, in the order a reviewer reads them."""
    figure_counts = _figure_counts(diff)
    candidates = [
        Section("Reports", ["report", "package", "change"], _entry_rows(diff.packages, figure_counts)),
        Section(
            "Figures changed",
            [*FIGURE_COLUMNS, "change", "provenance"],
            [
                [*_figure(c.after), _change_text(c.before, c.after, c.changes), c.after["provenance"]]
                for c in diff.observations_changed
            ],
        ),
        Section(
            "Figures added",
            [*FIGURE_COLUMNS, "value", "provenance"],
            [[*_figure(r), _shown_value(r), r["provenance"]] for r in diff.observations_added],
        ),
        Section(
            "Figures removed",
            [*FIGURE_COLUMNS, "value", "provenance"],
            [[*_figure(r), _shown_value(r), r["provenance"]] for r in diff.observations_removed],
        ),
        Section(
            "New disagreements between reports",
            ["area", "indicator", "period", "breakdown", "versions"],
            _discrepancy_rows(diff.discrepancies_new),
        ),
        Section(
            "Disagreements resolved",
            ["area", "indicator", "period", "breakdown", "versions before"],
            _discrepancy_rows(diff.discrepancies_resolved),
        ),
        Section(
            "Registry",
            ["kind", "name", "id", "change"],
            [["indicator", *row] for row in _entry_rows(diff.indicators)]
            + [["area", *row] for row in _entry_rows(diff.authorities)],
        ),
    ]
    for section in candidates:
        section.rows[:] = [[cell(value) for value in row] for row in section.rows]
    return [s for s in candidates if s.rows]


def summary_line(diff: ModelDiff) -> str:
    if diff.is_empty:
        return "No change to the published data: reports, figures and registry are as in the base."
    parts = [
        counted(len(diff.packages.added), "report") + " added",
        counted(len(diff.packages.removed), "report") + " removed",
        counted(len(diff.packages.changed), "report") + " with changed details",
        counted(len(diff.observations_added), "figure") + " added",
        counted(len(diff.observations_changed), "figure") + " changed",
        counted(len(diff.observations_removed), "figure") + " removed",
        counted(len(diff.discrepancies_new), "new disagreement") + " between reports",
        counted(len(diff.discrepancies_resolved), "disagreement") + " resolved",
        counted(len(diff.indicators) + len(diff.authorities), "registry change"),
    ]
    return ", ".join(p for p in parts if not p.startswith("0 ")) + "."


@cache
def _template() -> jinja2.Template:
    environment = markdown_environment(
        jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True
    )
    return environment.get_template("diff_report.md.j2")


def _warnings(comparison: Comparison) -> list[str]:
    shown = [cell(note) for note in comparison.notes]
    shown += [f"{cell(p.location)}: {cell(p.message)}" for p in comparison.base_problems[:SHOWN_PROBLEMS]]
    hidden = len(comparison.base_problems) - SHOWN_PROBLEMS
    if hidden > 0:
        shown.append(f"and {counted(hidden, 'more error')} in the base")
    return shown


def render_markdown(comparison: Comparison) -> str:
    """The pull-request comment: marker, summary, warnings, then one table per kind of change."""
    context = {
        "marker": Markup(MARKER),  # our own HTML comment, by which the workflow finds its comment
        "summary": summary_line(comparison.diff),
        "base": cell(comparison.base.description),
        "commit": comparison.base.commit[:12],
        "warnings": _warnings(comparison),
        "sections": sections(comparison.diff),
    }
    for limit in ROW_LIMITS:
        text = _template().render(**context, limit=limit)
        if len(text) <= BUDGET:
            return text
    cut = text.rfind("\n", 0, BUDGET - 200)
    return text[:cut] + "\n\n…the rest does not fit in a comment; run `transparency diff` for all of it.\n"


def _entries_json(entries: EntryDiff) -> dict:
    return {
        "added": [asdict(e) for e in entries.added],
        "removed": [asdict(e) for e in entries.removed],
        "changed": [asdict(e) for e in entries.changed],
    }


def comparison_document(comparison: Comparison) -> dict:
    """Everything in the comparison, nothing shortened: for tools and for tests."""
    diff = comparison.diff
    return {
        "base": {
            "ref": comparison.base.ref,
            "description": comparison.base.description,
            "commit": comparison.base.commit,
            "errors": [asdict(p) for p in comparison.base_problems],
        },
        "notes": comparison.notes,
        "no_change": diff.is_empty,
        "summary": {
            "packages_added": len(diff.packages.added),
            "packages_removed": len(diff.packages.removed),
            "packages_changed": len(diff.packages.changed),
            "observations_added": len(diff.observations_added),
            "observations_removed": len(diff.observations_removed),
            "observations_changed": len(diff.observations_changed),
            "discrepancies_new": len(diff.discrepancies_new),
            "discrepancies_resolved": len(diff.discrepancies_resolved),
            "registry_changes": len(diff.indicators) + len(diff.authorities),
        },
        "key": ["source_package", *KEY],
        "packages": _entries_json(diff.packages),
        "observations": {
            "added": diff.observations_added,
            "removed": diff.observations_removed,
            "changed": [asdict(c) for c in diff.observations_changed],
        },
        "discrepancies": {
            "new": [asdict(d) for d in diff.discrepancies_new],
            "resolved": [asdict(d) for d in diff.discrepancies_resolved],
        },
        "registry": {
            "indicators": _entries_json(diff.indicators),
            "authorities": _entries_json(diff.authorities),
        },
    }


def render_json(comparison: Comparison) -> str:
    return json.dumps(comparison_document(comparison), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


DIFF_RENDERERS = {"markdown": render_markdown, "json": render_json}

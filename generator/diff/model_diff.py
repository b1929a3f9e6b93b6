"""What a change to the data packages alters on the public site, as data: the model before and after.

A maintainer reviewing a pull request needs to see the figures readers will see change, not a CSV
diff: a value revised in place, a figure gone, a new report, a new disagreement between reports, an
indicator whose polarity flipped (which turns "better" into "worse" on every page). Both sides are
built exactly as the site build builds them (validate, then `build_model`), so the comparison is of
what gets published. Rendering lives in `diff_report.py`.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from generator.core.contract import KEY, observation_fields
from generator.core.errors import TransparencyError
from generator.core.periods import PeriodError, resolve_period
from generator.core.problems import Problem
from generator.diff.base_tree import BaseTree, export_base
from generator.model.revisions import revision_log
from generator.model.tidy import Model, build_model
from generator.validation.validate import Validation, validate

# Fields of an observation that may change while its key stays the same.
VALUE_FIELDS = [f for f in observation_fields() if f not in KEY]
# An observation as the diff reports it: where it comes from, what it is, and every published field.
RECORD_FIELDS = [
    "source_package",
    "source_title",
    *KEY,
    "authority_name",
    "indicator_title",
    "unit",
    "period_label",
    *VALUE_FIELDS,
]
PACKAGE_FIELDS = ("title", "publisher", "committee", "meeting_date")
# Registry fields whose change alters what pages say about every figure of the indicator or area.
INDICATOR_FIELDS = ("title", "definition", "unit", "polarity", "theme")
AUTHORITY_FIELDS = ("name", "type")


class DiffFailed(TransparencyError):
    """A known reason there is nothing to compare; ``validation`` holds the head's problems, if any."""

    headline = "Diff not made: {}."


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """A package, indicator or area that is new or gone: its id, its name and its fields."""

    id: str
    title: str
    fields: dict[str, str]


@dataclass(frozen=True)
class EntryChange:
    id: str
    title: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ObservationChange:
    """One figure (same package and key) published differently: both versions in full."""

    before: dict[str, str]
    after: dict[str, str]
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Discrepancy:
    """One key published with different values by different reports, with every version."""

    record: dict[str, str]  # the key fields and their labels
    versions: tuple[dict[str, str], ...]  # source_package, source_title, value, provenance


@dataclass(frozen=True)
class EntryDiff:
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.added) + len(self.removed) + len(self.changed)


@dataclass(frozen=True)
class ModelDiff:
    packages: EntryDiff
    observations_added: list[dict[str, str]]
    observations_removed: list[dict[str, str]]
    observations_changed: list[ObservationChange]
    discrepancies_new: list[Discrepancy]
    discrepancies_resolved: list[Discrepancy]
    indicators: EntryDiff
    authorities: EntryDiff

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                len(self.packages),
                self.observations_added,
                self.observations_removed,
                self.observations_changed,
                self.discrepancies_new,
                self.discrepancies_resolved,
                len(self.indicators),
                len(self.authorities),
            )
        )


@dataclass(frozen=True)
class Snapshot:
    """The parts of a model a reader can see, keyed so two snapshots can be compared."""

    packages: dict[str, dict[str, str]]
    observations: dict[tuple[str, ...], dict[str, str]]  # (source_package, *KEY) -> record
    discrepancies: dict[tuple[str, ...], Discrepancy]  # KEY -> versions
    indicators: dict[str, dict[str, str]]
    authorities: dict[str, dict[str, str]]


EMPTY = Snapshot({}, {}, {}, {}, {})


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _records(frame: pd.DataFrame, columns: Iterable[str]) -> list[dict[str, str]]:
    columns = list(columns)
    return [{c: _text(r[c]) for c in columns} for r in frame[columns].to_dict("records")]


def _discrepancies(model: Model) -> dict[tuple[str, ...], Discrepancy]:
    found = {}
    label_fields = [*KEY, "authority_name", "indicator_title", "unit", "period_label"]
    version_fields = ["source_package", "source_title", "value", "provenance"]
    for key, group in model.discrepancies().groupby(KEY, sort=True):
        [record] = _records(group.head(1), label_fields)
        versions = sorted(_records(group, version_fields), key=lambda v: (v["source_package"], v["value"]))
        found[tuple(key)] = Discrepancy(record, tuple(versions))
    return found


def _published_keys(model: Model) -> dict[tuple[str, ...], tuple[str, ...]]:
    """For a figure whose correction moved it (period, indicator or breakdown put right), the key it
    was first published under: the diff then shows the move as a change, not a removal and an addition."""
    moved = {}
    for revision in sorted(
        revision_log(model.observations, model.packages), key=lambda r: r.entry.revised_on
    ):
        entry = revision.entry
        if entry.published_key != entry.key:
            moved.setdefault(entry.figure, (entry.package, *entry.published_key))
    return moved


def snapshot(model: Model) -> Snapshot:
    moved = _published_keys(model)
    records = _records(model.observations, RECORD_FIELDS)
    current = {(r["source_package"], *(r[k] for k in KEY)) for r in records}
    observations = {}
    for r in records:
        figure = (r["source_package"], *(r[k] for k in KEY))
        published = moved.get(figure, figure)
        observations[published if published == figure or published not in current else figure] = r
    packages = {p.name: {f: getattr(p.metadata, f) for f in PACKAGE_FIELDS} for p in model.packages}
    registry = model.registry
    indicators = {r["id"]: r for r in _records(registry.indicators, ["id", *INDICATOR_FIELDS])}
    authorities = {r["code"]: r for r in _records(registry.authorities, ["code", *AUTHORITY_FIELDS])}
    return Snapshot(packages, observations, _discrepancies(model), indicators, authorities)


def _changes(before: dict[str, str], after: dict[str, str], fields: Iterable[str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(f, before.get(f, ""), after.get(f, "")) for f in fields if before.get(f) != after.get(f)
    )


def _entries(
    before: dict[str, dict[str, str]], after: dict[str, dict[str, str]], title: str, fields: Iterable[str]
) -> EntryDiff:
    fields = list(fields)

    def entry(key: str, record: dict[str, str]) -> Entry:
        return Entry(key, record.get(title, ""), {f: record.get(f, "") for f in fields})

    changed = []
    for key in sorted(before.keys() & after.keys()):
        changes = _changes(before[key], after[key], fields)
        if changes:
            changed.append(EntryChange(key, after[key].get(title, ""), changes))
    return EntryDiff(
        added=[entry(k, after[k]) for k in sorted(after.keys() - before.keys())],
        removed=[entry(k, before[k]) for k in sorted(before.keys() - after.keys())],
        changed=changed,
    )


def diff_snapshots(base: Snapshot, head: Snapshot) -> ModelDiff:
    """Everything that differs between two snapshots, each list in a stable (sorted) order."""
    before, after = base.observations, head.observations
    changed = []
    for key in sorted(before.keys() & after.keys()):
        # the key's own fields differ only for a figure a revision note moved
        changes = _changes(before[key], after[key], [*KEY, *VALUE_FIELDS])
        if changes:
            changed.append(ObservationChange(before[key], after[key], changes))
    return ModelDiff(
        packages=_entries(base.packages, head.packages, "title", PACKAGE_FIELDS),
        observations_added=[after[k] for k in sorted(after.keys() - before.keys())],
        observations_removed=[before[k] for k in sorted(before.keys() - after.keys())],
        observations_changed=changed,
        discrepancies_new=[
            head.discrepancies[k] for k in sorted(head.discrepancies.keys() - base.discrepancies.keys())
        ],
        discrepancies_resolved=[
            base.discrepancies[k] for k in sorted(base.discrepancies.keys() - head.discrepancies.keys())
        ],
        indicators=_entries(base.indicators, head.indicators, "title", INDICATOR_FIELDS),
        authorities=_entries(base.authorities, head.authorities, "name", AUTHORITY_FIELDS),
    )


def _resolves(period: str) -> bool:
    try:
        resolve_period(period)
    except PeriodError:
        return False
    return True


def usable_model(validation: Validation) -> Model | None:
    """The model of a base that has errors: every row that could be published, the rest left out.

    Rows named by an error are dropped, and so are rows `build_model` cannot place (unknown area or
    indicator, a period outside the grammar), because checks report only their first 200 rows.
    Without a registry nothing can be placed, so there is no model.
    """
    if validation.registry is None:
        return None
    if validation.ok:
        return build_model(validation)
    obs = validation.observations
    bad_rows = {(p.file, p.row) for p in validation.errors if p.row is not None}
    flagged = pd.Series(
        [(f, r) in bad_rows for f, r in zip(obs["_file"], obs["_row"], strict=True)],
        index=obs.index,
        dtype=bool,
    )
    registry = validation.registry
    placeable = (
        obs["authority_code"].isin(registry.authorities.index)
        & obs["indicator_id"].isin(registry.indicators.index)
        & obs["period"].map(_resolves).astype(bool)
    )
    kept = obs[~flagged & placeable].reset_index(drop=True)
    return build_model(dataclasses.replace(validation, observations=kept, problems=[]))


@dataclass(frozen=True)
class Comparison:
    """A diff and what a reader needs to trust it: which base, and what could not be compared."""

    base: BaseTree
    base_problems: list[Problem]  # the base's validation errors (its rows with errors are left out)
    notes: list[str]  # sentences about the comparison a reader must see
    diff: ModelDiff


def _validate_project(root: Path) -> Validation:
    folder = root / "datapackages"
    return validate([folder], root=root, registry_parent=folder)


def compare_with_base(root: Path, ref: str | None) -> Comparison:
    """Compare the working tree's model with the model at git ``ref`` (default: where HEAD left main)."""
    with tempfile.TemporaryDirectory(prefix="transparency-diff-") as scratch:
        tree = export_base(root, ref, Path(scratch))
        head_validation = _validate_project(root)
        if not head_validation.ok:
            raise DiffFailed(
                f"the working tree's data packages have {head_validation.error_count} errors; "
                "fix them first (transparency validate)",
                head_validation,
            )
        head = snapshot(build_model(head_validation))
        notes: list[str] = []
        base_problems: list[Problem] = []
        if not tree.has_datapackages:
            notes.append(f"{tree.description} has no datapackages/ folder, so everything here is new.")
            base = EMPTY
        else:
            base_validation = _validate_project(tree.root)
            base_problems = base_validation.errors
            model = usable_model(base_validation)
            if model is None:
                raise DiffFailed(
                    f"the registry at {tree.description} cannot be read, so there is nothing to compare "
                    "with: " + "; ".join(f"{p.location}: {p.message}" for p in base_problems[:3])
                )
            base = snapshot(model)
            if base_problems:
                notes.append(
                    f"{tree.description} has {len(base_problems)} validation errors; the base rows they name "
                    "were left out, so some figures may show as added that were there before."
                )
        if tree.skipped:
            notes.append(
                f"{len(tree.skipped)} entries of the base were not read because they are not plain files "
                f"(e.g. symbolic links): {', '.join(tree.skipped[:5])}"
            )
    return Comparison(tree, base_problems, notes, diff_snapshots(base, head))

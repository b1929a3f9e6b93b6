"""One tidy table of every published figure, joined to the registry, from which every page is drawn."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from generator.core.contract import KEY, observation_fields
from generator.core.memory import kept_for_the_build
from generator.core.periods import resolve_period
from generator.core.vocabulary import COMPARATOR_TYPES, QUALIFIERS
from generator.inputs.packages import Package
from generator.inputs.registry import Registry
from generator.model.figure_index import FigureIndex
from generator.model.official_check import official_comparisons
from generator.model.revisions import revision_anchors, revision_log
from generator.validation.validate import Validation

# "period_as_of" is the period's end, or the date a latest:/recent: figure was current.
TIME_ORDER = ["period_as_of", "period_end", "period_start", "meeting_date", "source_package", "_row"]

# The public download contract (DESIGN.md); tests and users rely on these names and this order.
DOWNLOAD_COLUMNS = [
    "authority_code",
    "authority_name",
    "indicator_id",
    "indicator_title",
    "unit",
    "polarity",
    "theme",
    "period",
    "period_label",
    "period_start",
    "period_end",
    "breakdown_dimension",
    "breakdown_category",
    "breakdown",
    "value",
    "marker",
    "flag",
    "numerator",
    "denominator",
    "target",
    "direction",
    "rag",
    "quartile",
    "note",
    "provenance",
    "source_package",
    "source_title",
    "publisher",
    "meeting_date",
    "figure_id",
]


def figure_id(
    package: str, authority: str, indicator: str, period: str, dimension: str, category: str
) -> str:
    """A figure's permanent id: from what the figure is, never from its row number or title, so a
    permalink or citation made today still finds it after rows are reordered or titles change.
    Only validated codes go in, and only hex digits come out: safe in any URL, id or file."""
    key = "\x1f".join((package, authority, indicator, period, dimension, category))
    return "f-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


_NO_ROWS = np.zeros(0, dtype=np.int64)


@dataclass
class Model:
    observations: pd.DataFrame
    registry: Registry
    packages: list[Package]

    @cached_property
    def index(self) -> FigureIndex:
        """Figures grouped for pages; built on first use, after the model's columns are complete."""
        if self.__dict__.get("_index_let_go"):
            raise RuntimeError("the figure index was let go after the pages: read the table's columns")
        index = FigureIndex.from_frame(self.observations)
        kept_for_the_build()
        return index

    def let_go_of_index(self) -> None:
        """Once the pages are written, nothing needs the figure index again: a record per figure
        (at England scale x4, half a million, some 500 MB), which the writers forked after the pages
        would otherwise inherit beside their own work. What they read comes from the table."""
        self.__dict__.pop("index", None)
        self.__dict__["_index_let_go"] = True

    @cached_property
    def _rows_by(self) -> dict[str | tuple[str, ...], dict]:
        return {}

    def rows_by(self, columns: str | tuple[str, ...]) -> dict:
        """Each value of a column (or each combination of several) with its rows, as ascending
        positions in the table. Remembered: the page digests, the page-data files and the download
        group the same columns, and writers forked after the digests inherit these arrays."""
        if columns not in self._rows_by:
            by = list(columns) if isinstance(columns, tuple) else columns
            self._rows_by[columns] = self.observations.groupby(by, sort=False, dropna=False).indices
        return self._rows_by[columns]

    def rows_of(self, columns: str | tuple[str, ...], value: object) -> np.ndarray:
        """One group's rows (rows_by), none for a value the table does not have."""
        return self.rows_by(columns).get(value, _NO_ROWS)

    def figure_in(self, package: str, key: tuple[str, ...]) -> dict | None:
        """The figure of ``package`` with this key (area, indicator, period, breakdown), as its row
        of the table, or None. From the table's columns: the feed asks after the pages are written,
        when the figure index they were made from has been let go (build.py)."""
        rows = self.rows_of("source_package", package)
        keys = self.observations[KEY].iloc[rows]
        for position, found in enumerate(zip(*(keys[column].tolist() for column in KEY), strict=True)):
            if found == tuple(key):
                return self.observations.iloc[rows[position]].to_dict()
        return None

    @cached_property
    def _packages_by_name(self) -> dict[str, Package]:
        return {p.name: p for p in self.packages}

    def package(self, name: str) -> Package:
        """Pages ask for a report's package once per figure group: a scan per call was quadratic."""
        return self._packages_by_name[name]

    def has_package(self, name: str) -> bool:
        """Whether a package of that name is published here (a report page links its sources' packages)."""
        return name in self._packages_by_name

    @cached_property
    def official_comparisons(self) -> pd.DataFrame:
        """Each report figure beside the official figure for the same area, measure and period."""
        official = {p.name for p in self.packages if p.metadata.official}
        return official_comparisons(self.observations, self.registry.official_equivalents, official)

    @cached_property
    def _official_by_package(self) -> dict[str, pd.DataFrame]:
        return dict(tuple(self.official_comparisons.groupby("source_package", sort=False)))

    def official_comparisons_of(self, package: str) -> pd.DataFrame:
        """One report's rows of official_comparisons, in their order (none: an empty frame)."""
        found = self._official_by_package.get(package)
        return found if found is not None else self.official_comparisons.iloc[0:0]

    def discrepancies(self) -> pd.DataFrame:
        """Figures published with different values by different reports, all versions kept."""
        obs = self.observations[self.observations["value"] != ""]
        groups = obs.groupby(KEY, sort=False)
        clash = (groups["value_number"].transform("nunique") > 1) & (
            groups["source_package"].transform("nunique") > 1
        )
        return obs[clash].sort_values([*KEY, "source_package"])


def _package_metadata(packages: list[Package]) -> pd.DataFrame:
    rows = [
        {
            "source_package": p.name,
            "source_title": p.metadata.title,
            "publisher": p.metadata.publisher,
            "meeting_date": p.metadata.meeting_date,
        }
        for p in packages
    ]
    columns = ["source_package", "source_title", "publisher", "meeting_date"]
    return pd.DataFrame(rows, columns=columns).set_index("source_package")


def build_model(validation: Validation) -> Model:
    """Join observations to the registry; only called once validation found no errors."""
    registry = validation.registry
    assert registry is not None
    obs = validation.observations.rename(columns={"_package": "source_package"})
    authorities, indicators = registry.authorities, registry.indicators
    periods = {text: resolve_period(text) for text in obs["period"].unique()}
    meta = _package_metadata(validation.packages)
    obs = obs.assign(
        authority_name=obs["authority_code"].map(authorities["name"]),
        authority_type=obs["authority_code"].map(authorities["type"]),
        indicator_title=obs["indicator_id"].map(indicators["title"]),
        unit=obs["indicator_id"].map(indicators["unit"]),
        polarity=obs["indicator_id"].map(indicators["polarity"]),
        theme=obs["indicator_id"].map(indicators["theme"]),
        period_label=obs["period"].map({k: p.label for k, p in periods.items()}),
        period_start=obs["period"].map({k: _iso(p.start) for k, p in periods.items()}),
        period_end=obs["period"].map({k: _iso(p.end) for k, p in periods.items()}),
        period_as_of=obs["period"].map({k: _iso(p.as_of) for k, p in periods.items()}),
        period_class=obs["period"].map({k: p.length_class for k, p in periods.items()}),
        on_timeline=obs["period"].map({k: p.on_timeline for k, p in periods.items()}).astype(bool),
        breakdown=(obs["breakdown_dimension"] + ": " + obs["breakdown_category"]).where(
            obs["breakdown_dimension"] != "", ""
        ),
        source_title=obs["source_package"].map(meta["source_title"]),
        publisher=obs["source_package"].map(meta["publisher"]),
        meeting_date=obs["source_package"].map(meta["meeting_date"]),
    )
    obs["is_comparator"] = obs["authority_type"].isin(COMPARATOR_TYPES)
    # What a chart, a trend or a better/worse judgement may use: a figure of a known calendar
    # period whose value the report gives as exact ("almost 5,500" and "latest available" are shown,
    # with their wording, but never compared).
    obs["comparable"] = obs["on_timeline"] & ~obs["flag"].isin(QUALIFIERS)
    obs["figure_id"] = list(map(figure_id, *_key_columns(obs)))
    # Time order, once: every "latest value" and every chart line reads observations in this order,
    # so none of them sorts again (sorting hundreds of small frames dominated page generation).
    obs = obs.sort_values(TIME_ORDER, kind="stable").reset_index(drop=True)
    assert set(observation_fields()) <= set(obs.columns)
    model = Model(obs, registry, validation.packages)
    log = revision_log(obs, validation.packages)
    # Before the official check pairs figures by id: its page links to the id the report page shows.
    _keep_published_ids(obs, log)
    obs["other_reports"] = _other_reports(model)
    _add_official_check(model)
    # Where a figure's latest correction is on the revisions page ("" if never corrected).
    obs["revision_anchor"] = revision_anchors(obs, log)
    return model


def _keep_published_ids(obs: pd.DataFrame, log: list) -> None:
    """A figure whose correction moved it (a period, indicator or breakdown put right) keeps the id
    it was published with, so links and citations made to it before the correction still find it."""
    moved = {
        r.entry.figure: figure_id(r.entry.package, *r.entry.published_key)
        for r in sorted(log, key=lambda r: (r.entry.revised_on, r.entry.number), reverse=True)
        if r.entry.published_key != r.entry.key
    }
    if not moved:
        return
    figures = zip(*_key_columns(obs), strict=True)
    ids = [moved.get(figure, current) for figure, current in zip(figures, obs["figure_id"], strict=True)]
    obs["figure_id"] = ids


def _key_columns(obs: pd.DataFrame) -> list[list[str]]:
    """The package and the five key columns as lists: iterating a pandas string column reads it
    value by value through its array (a second a build at England scale), a list is read at once."""
    return [obs[column].tolist() for column in ("source_package", *KEY)]


def _iso(day) -> str:
    """A period's first or last day, or "" when the report states no period (latest:, recent:)."""
    return day.isoformat() if day is not None else ""


# The official counterpart of a report figure, beside it in every figures table (model/official_check.py).
OFFICIAL_CHECK_COLUMNS = {
    "official_value": "official_value",
    "official_marker": "official_marker",
    "official_title": "official_title",
    "difference": "official_difference",
    "verdict": "official_verdict",
}


def _add_official_check(model: Model) -> None:
    obs = model.observations
    comparisons = model.official_comparisons.set_index("figure_id")
    for source, column in OFFICIAL_CHECK_COLUMNS.items():
        obs[column] = obs["figure_id"].map(comparisons[source]).fillna("") if not comparisons.empty else ""


def _other_reports(model: Model) -> pd.Series:
    """For a figure another report publishes differently: what that report says, for the page."""
    other = pd.Series("", index=model.observations.index)
    said: dict[int, str] = {}
    for _, group in model.discrepancies().groupby(KEY, sort=False):
        versions = list(
            zip(group.index, group["value"].tolist(), group["source_title"].tolist(), strict=True)
        )
        for index, *_ in versions:
            said[index] = "; ".join(f"{v} in {t}" for i, v, t in versions if i != index)
    if said:  # set at once: a pandas assignment per figure was most of this
        other.loc[list(said)] = list(said.values())
    return other

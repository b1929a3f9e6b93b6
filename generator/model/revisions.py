"""The corrections readers see: each package's notes chained into one log, newest first.

A note gives only the value before its correction (inputs/revision_notes.py); the value after is the next
note's, or the figure as the package gives it now. The revisions page, the feed and the "revised"
mark beside a figure are all drawn from this log.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from generator.core.contract import KEY
from generator.inputs.packages import Package
from generator.inputs.revision_notes import RevisionEntry, State, chains, current_states


@dataclass(frozen=True)
class Revision:
    """One correction as readers see it: the figure, what it was and what it became."""

    entry: RevisionEntry
    old: State
    new: State

    @property
    def anchor(self) -> str:
        """A fragment id from the package and figure, so links survive reordering the notes."""
        text = "\x1f".join([*self.entry.figure, self.entry.revised_on])
        return "revision-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def entries_of(packages: Iterable[Package]) -> list[RevisionEntry]:
    """Every well-formed note; the model is built only from valid packages, so that is all of them."""
    return [entry for package in packages for entry in package.metadata.revisions]


def chain_revisions(chain: list[RevisionEntry], current: State) -> list[Revision]:
    """Each note's new value is the next note's previous value; the last one's is the figure now."""
    after = [e.previous for e in chain[1:]] + [current]
    return [Revision(e, e.previous, new) for e, new in zip(chain, after, strict=True)]


def revision_log(observations: pd.DataFrame, packages: Iterable[Package]) -> list[Revision]:
    """Every correction on the site, newest first, from a model's observations (``source_package``)."""
    entries = entries_of(packages)
    now = current_states(observations, "source_package", entries)
    log = [
        revision
        for figure, chain in chains(entries).items()
        if figure in now
        for revision in chain_revisions(chain, now[figure])
    ]
    return sorted(log, key=lambda r: (r.entry.revised_on, r.entry.package, r.entry.number), reverse=True)


def revision_anchors(observations: pd.DataFrame, log: list[Revision]) -> pd.Series:
    """For each observation, the fragment of its latest correction on the revisions page, or ''."""
    latest: dict[tuple[str, ...], str] = {}
    for revision in sorted(log, key=lambda r: (r.entry.revised_on, r.entry.number)):
        latest[revision.entry.figure] = revision.anchor
    result = pd.Series("", index=observations.index, dtype=object)
    if not latest:
        return result
    columns = ["source_package", *KEY]
    anchors = pd.DataFrame([(*f, a) for f, a in latest.items()], columns=[*columns, "_anchor"])
    near = observations[
        observations["source_package"].isin(anchors["source_package"])
        & observations["indicator_id"].isin(anchors["indicator_id"])
    ]
    found = near[columns].assign(_at=near.index).merge(anchors, on=columns)
    result.loc[found["_at"].to_numpy()] = found["_anchor"].to_numpy()
    return result

"""A published figure never changes silently: every correction carries a note readers can see.

The package's figures are compared with the published ones (published/observations.csv) by one
merge on the figure's key (under two seconds for half a million rows, 1,000 of them changed); only
the figures that have notes, a handful, are then followed one by one through their chain of notes.
"""

from __future__ import annotations

import pandas as pd

from generator.core.contract import BREAKDOWN, KEY
from generator.core.paths import PUBLISHED
from generator.core.problem_ids import REVISION_NOTES
from generator.core.problems import ERROR, Problem
from generator.inputs.revision_notes import (
    RevisionEntry,
    State,
    chains,
    current_states,
    describe_figure,
    describe_state,
    figure_states,
    read_entries,
    same_states,
    state_key,
    suggested_entry,
)

from .base import Check, CheckContext, row_problems

FIGURE = ["_package", *KEY]


def _entry_problem(entry: RevisionEntry, message: str, fix: str) -> Problem:
    return Problem(
        entry.file,
        None,
        None,
        CHECK.id,
        ERROR,
        f"revisions entry {entry.number} ({describe_figure(entry.key)}): {message}",
        fix,
    )


def _unknown_figure(entry: RevisionEntry, obs: pd.DataFrame) -> Problem:
    area, indicator = entry.key[0], entry.key[1]
    near = obs[
        (obs["_package"] == entry.package)
        & (obs["authority_code"] == area)
        & (obs["indicator_id"] == indicator)
    ]
    if near.empty:
        hint = f"the package has no {indicator} figure for {area}"
    else:
        where = near[["period", *BREAKDOWN]].itertuples(index=False)
        shown = sorted({period + (f" ({d}: {c})" if d else "") for period, d, c in where})
        hint = (
            f"its {indicator} figures for {area} are for: "
            + ", ".join(shown[:8])
            + (" ..." if len(shown) > 8 else "")
        )
    return _entry_problem(
        entry,
        "names no figure in this package's observations.csv",
        f"copy authority_code, indicator_id, period and the breakdown exactly from the corrected row; {hint}",
    )


def _chain_problems(chain: list[RevisionEntry], current: State, published: State | None) -> list[Problem]:
    """Notes of one figure must follow each other: published value → ... → the value now."""
    problems = []
    states = [e.previous for e in chain] + [current]
    for index, entry in enumerate(chain):
        if state_key(states[index]) == state_key(states[index + 1]) and not entry.moves_or_requalifies:
            after = (
                "in observations.csv now"
                if index + 1 == len(chain)
                else f"in entry {chain[index + 1].number}"
            )
            problems.append(
                _entry_problem(
                    entry,
                    f"says the figure was {describe_state(entry.previous)} before this correction, and it is "
                    f"{describe_state(states[index + 1])} after it ({after}), so nothing changed",
                    "remove the entry if the figure was not corrected; otherwise give the value it had "
                    "before the correction",
                )
            )
    if published is not None and all(state_key(published) != state_key(s) for s in states):
        path = " → ".join(describe_state(s) for s in states)
        last = chain[-1]
        problems.append(
            _entry_problem(
                last,
                f"the figure was published as {describe_state(published)} ({PUBLISHED.as_posix()}), but its "
                f"revision notes go {path}, which never passes through the published figure",
                f"if entry {last.number} is the correction of the published figure, set its previous value "
                f"to {describe_state(published)}; if the figure has changed again since, add a note for that "
                f"change: {suggested_entry(last.key, published)}",
            )
        )
    return problems


def _unnoted_changes(changed: pd.DataFrame, descriptor_files: dict[str, str]):
    """Rows whose published figure changed and whose package has no note for it."""

    def message(r: dict) -> str:
        old, new = (r["value_published"], r["marker_published"]), (r["value"], r["marker"])
        return (
            f"{describe_figure(r[k] for k in KEY)} was published as {describe_state(old)} and is now "
            f"{describe_state(new)}, with no revision note: a published figure may be corrected, but "
            "never silently"
        )

    def fix(r: dict) -> str:
        old = (r["value_published"], r["marker_published"])
        return (
            f'if the published figure was wrong, add this entry to the "revisions" list of '
            f"{descriptor_files[r['_package']]} (with the date and the reason): "
            f"{suggested_entry([r[k] for k in KEY], old)}; if the change is a mistake, put back "
            f"{describe_state(old)}"
        )

    no_marker = pd.Series("", index=changed.index)
    value_changed = ~same_states(changed["value"], no_marker, changed["value_published"], no_marker)
    for rows, column in ((changed[value_changed], "value"), (changed[~value_changed], "marker")):
        yield from row_problems(rows, check=CHECK.id, column=column, message=message, fix=fix)


def _gone_without_note(published: pd.DataFrame, obs: pd.DataFrame, published_as: dict, files: dict[str, str]):
    """A published figure no longer in its package must be accounted for: a note that moved it."""
    keys = obs[FIGURE].drop_duplicates()
    gone = published.merge(keys, on=FIGURE, how="left", indicator=True)
    gone = gone[gone["_merge"] == "left_only"]
    accounted = set(published_as.values())
    for record in gone.to_dict("records"):
        figure = tuple(record[c] for c in FIGURE)
        if figure in accounted:
            continue
        yield Problem(
            files[record["_package"]],
            None,
            None,
            CHECK.id,
            ERROR,
            f"{describe_figure(figure[1:])} was published ({PUBLISHED.as_posix()}) and is no longer in the "
            "package's observations.csv, with no revision note saying what became of it",
            "if its period, indicator or breakdown was corrected, add a revision note to the corrected row "
            "giving the old one as previous_period, previous_indicator_id or previous_breakdown_dimension "
            "and previous_breakdown_category; if the row was deleted by mistake, put it back",
        )


def run(ctx: CheckContext):
    entries: list[RevisionEntry] = []
    for package in ctx.packages:
        found, problems = read_entries(package.name, package.descriptor_file, package.descriptor)
        entries.extend(found)
        yield from problems
    obs = ctx.observations
    now = current_states(obs, "_package", entries)
    for entry in entries:
        if entry.figure not in now:
            yield _unknown_figure(entry, obs)
    by_figure = chains([e for e in entries if e.figure in now])
    # A moved figure's first note names the key it was published under: that is where to look.
    published_as = {
        figure: (chain[0].package, *chain[0].published_key) for figure, chain in by_figure.items()
    }
    published_states: dict[tuple[str, ...], State] = {}
    if ctx.published is not None:
        published = ctx.published.rename(columns={"source_package": "_package"})
        published = published[published["_package"].isin(obs["_package"].unique())]
        found = figure_states(published, "_package", list(published_as.values()))
        published_states = {f: found[old] for f, old in published_as.items() if old in found}
        yield from _gone_without_note(
            published, obs, published_as, {p.name: p.descriptor_file for p in ctx.packages}
        )
        # The record is written from valid packages, so its keys are unique: a row of the package
        # meets at most one published row (a repeated row of the package is duplicate-key's error).
        current = obs[[*FIGURE, "value", "marker", "_file", "_row"]]
        both = current.merge(published, on=FIGURE, suffixes=("", "_published"))
        changed = both[
            ~same_states(both["value"], both["marker"], both["value_published"], both["marker_published"])
        ]
        # A value that is not a number ("85.1%") is the schema's type error, with its own fix; it is
        # a typing slip, not a correction, so it must not also ask for a revision note.
        number = pd.to_numeric(changed["value"].where(changed["value"] != ""), errors="coerce")
        changed = changed[(changed["value"] == "") | number.notna()]
        if by_figure:
            has_note = changed[FIGURE].merge(
                pd.DataFrame(list(by_figure), columns=FIGURE), how="left", indicator=True
            )
            changed = changed[(has_note["_merge"] == "left_only").to_numpy()]
        files = {p.name: p.descriptor_file for p in ctx.packages}
        yield from _unnoted_changes(changed, files)
    for figure, chain in by_figure.items():
        yield from _chain_problems(chain, now[figure], published_states.get(figure))


CHECK = Check(REVISION_NOTES.id, "Corrections are noted", REVISION_NOTES.description, run)

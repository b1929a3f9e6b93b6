"""The public download is written a run of packages at a time (downloads._ROWS_AT_A_TIME), so that
England's half a million rows are never one string: the file must not depend on where runs end."""

from __future__ import annotations

from itertools import pairwise

import pytest

from generator.model.tidy import Model
from generator.outputs import downloads
from generator.outputs.downloads import LastCsv, write_observations_csv


def _key(name: str) -> str:
    return f"key-of-{name}"


def _with_a_line_break(model: Model) -> tuple[Model, str]:
    """The model with one provenance cell holding a line break, and the package it is in."""
    observations = model.observations.copy()
    row = observations.index[len(observations) // 2]
    observations.loc[row, "provenance"] = "Table 3,\nsecond line"
    return Model(observations, model.registry, model.packages), observations.loc[row, "source_package"]


@pytest.mark.parametrize("break_a_line", [False, True], ids=["plain cells", "a cell with a line break"])
def test_the_download_is_the_same_bytes_however_many_rows_each_run_formats(
    real_model, tmp_path, monkeypatch, break_a_line
):
    model, _ = _with_a_line_break(real_model) if break_a_line else (real_model, None)
    monkeypatch.setattr(downloads, "_ROWS_AT_A_TIME", 10**9)  # every package in one run
    whole = tmp_path / "whole.csv"
    kept_whole = write_observations_csv(model, whole, _key)
    monkeypatch.setattr(downloads, "_ROWS_AT_A_TIME", 997)  # runs of a few packages each
    runs = tmp_path / "runs.csv"
    kept_runs = write_observations_csv(model, runs, _key)
    assert runs.read_bytes() == whole.read_bytes()
    assert kept_runs == kept_whole
    assert write_observations_csv(model, tmp_path / "snapshot.csv") == {}  # nothing kept without keys
    assert (tmp_path / "snapshot.csv").read_bytes() == whole.read_bytes()


def test_each_packages_rows_are_where_the_download_says_they_are(real_model, tmp_path, monkeypatch):
    """What a rebuild copies from the last file must be exactly that package's rows."""
    model, broken = _with_a_line_break(real_model)
    monkeypatch.setattr(downloads, "_ROWS_AT_A_TIME", 997)
    path = tmp_path / "observations.csv"
    kept = write_observations_csv(model, path, _key)
    data = path.read_bytes()
    chunks = kept["chunks"]
    assert kept["size"] == len(data)
    spans = sorted((start, end) for _, start, end in chunks.values())
    assert spans[0][0] == data.index(b"\n") + 1 and spans[-1][1] == len(data)  # the header, then rows
    assert all(a[1] == b[0] for a, b in pairwise(spans))  # end to end, no gap
    packages = downloads._package_rows(model)
    for name in {broken, *sorted(chunks)[:: max(1, len(chunks) // 25)]}:
        key, start, end = chunks[name]
        assert key == _key(name)
        alone = downloads._csv_bytes(model.observations.iloc[packages[name]])
        assert data[start:end] == alone, name
    # A rebuild that reuses every package writes the same file, formatting only the header.
    formatted = []
    real = downloads._csv_bytes

    def counted(rows, **kwargs):
        formatted.append(len(rows))
        return real(rows, **kwargs)

    monkeypatch.setattr(downloads, "_csv_bytes", counted)
    last = LastCsv.of(path, kept)
    assert last is not None
    again = tmp_path / "again.csv"
    assert write_observations_csv(model, again, _key, last) == kept
    assert formatted == [0]
    assert again.read_bytes() == data

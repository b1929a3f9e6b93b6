"""Read many reports' CSV files in one pass of pandas' parser, with the tables one file at a time gives.

pandas spends about a millisecond setting up each read_csv call, however small the file, so at
England scale reading 1,530 reports one by one was most of loading them. Files that start with the
contract's header line exactly (the header every report is checked against) are read together:
their bodies are joined, each followed by a marker line, and parsed once under that header; the
marker rows cut the result back into one table per file.

That is the same parse as one file at a time: the parser reads a body from the start of a line,
outside any quotes, exactly as it does after a file's own header, and every row it makes is made
from that body alone, so long as each body also ends outside quotes at the end of a line. A body
that does not (an unclosed quote) swallows the marker after it, and then there are fewer marker
rows than files; no file can add one, since a file holding the marker's character is read on its
own. Then, or if pandas refuses the joined text at all (a row wider than the header, which pandas
would read differently alone), every file is read on its own instead, as before, so that each
problem is told about its own file. A file with a carriage return, an empty body or any other
header is always read on its own.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

import numpy as np
import pandas as pd

from generator.core.contract import observation_fields
from generator.core.problems import Problem
from generator.inputs import bounds

Read = tuple[pd.DataFrame | None, list[str], list[Problem]]  # (table, header as spelled, problems)


@dataclass(frozen=True)
class TablePart:
    """Rows ``start`` to ``end`` of ``whole``, a file's table as read_csv_text gives it, cut out
    only when asked for (``table``): cutting 1,530 reports' tables out of the one read of them
    all, each a slice of every column, took a third of a second at England scale, and what reads
    the rows is mostly ``stack``, which needs no cut."""

    whole: pd.DataFrame
    start: int
    end: int

    @classmethod
    def of(cls, table: pd.DataFrame) -> TablePart:
        """A table read on its own, whole."""
        return cls(table, 0, len(table))

    @property
    def rows(self) -> int:
        return self.end - self.start

    @property
    def columns(self) -> pd.Index:
        return self.whole.columns

    def table(self) -> pd.DataFrame:
        if self.start == 0 and self.end == len(self.whole):
            return self.whole
        return _rows(self.whole, self.start, self.end)


def stack(parts: Sequence[TablePart], columns: list[str]) -> pd.DataFrame:
    """The parts' rows, in order, as one table of ``columns`` numbered from 0: the same table as
    pd.concat of each part's table (columns in that order), ignoring their indexes. Parts read
    in one pass are taken out of it together, in one take of its rows."""
    pieces = []
    for _, run in groupby(parts, key=lambda part: id(part.whole)):
        run = list(run)
        whole = run[0].whole
        if len(run) == 1:
            piece = run[0].table()
        else:
            piece = whole.take(np.concatenate([np.arange(p.start, p.end) for p in run]))
        pieces.append(piece if list(piece.columns) == columns else piece[columns])
    if not pieces:
        return pd.DataFrame({c: [] for c in columns})
    return pd.concat(pieces, ignore_index=True)


_MARK = "\x1e"  # the record separator: no report's text holds it, or that report is read alone
_MARKER = f"{_MARK}end of file{_MARK}"


def read_csv_text(text: str) -> pd.DataFrame:
    """Every cell as text, "" where empty; nothing guessed before validation. Raises pandas' errors."""
    return pd.read_csv(
        io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, skip_blank_lines=True
    )


def _together(header: str, texts: list[str]) -> list[TablePart] | None:
    """Each text's table, read in one pass; None when that is not the same as one by one."""
    marker = _MARKER + "," * header.count(",") + "\n"
    bodies = (text[len(header) + 1 :] for text in texts)
    joined = "".join(body + ("" if body.endswith("\n") else "\n") + marker for body in bodies)
    try:
        table = read_csv_text(header + "\n" + joined)
    except (pd.errors.ParserError, ValueError):
        return None
    # A first row one cell wider than the header makes pandas read the first cells as the index,
    # and then no marker is in the first column: that too is fewer markers than files.
    ends = np.flatnonzero(table.iloc[:, 0].to_numpy() == _MARKER)
    if len(ends) != len(texts):
        return None
    starts = [0, *(ends[:-1] + 1).tolist()]
    return [TablePart(table, start, end) for start, end in zip(starts, ends.tolist(), strict=True)]


def _rows(table: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Rows start..end of ``table`` as a table of its own, numbered from 0 as a file read alone is.
    The index is set rather than reset: reset_index copies every column block again, a third of a
    second for 1,530 reports, where under copy-on-write the slice is already a table of its own."""
    part = table.iloc[start:end]
    part.index = pd.RangeIndex(end - start)
    return part


def _may_be_read_together(text: str, header: str, file: str) -> bool:
    return (
        text.startswith(header + "\n")
        and text[len(header) + 1 :].strip() != ""
        and "\r" not in text
        and _MARK not in text
        and bounds.too_many_lines(text, file) is None
    )


def read_many(
    texts: Sequence[str],
    files: Sequence[str],
    read_one: Callable[[str, str], Read],
    checked: Callable[[TablePart, str, str], Read],
) -> list[tuple[TablePart | None, list[str], list[Problem]]]:
    """What ``read_one(text, file)`` gives for each text, in order, its table as a TablePart.
    ``checked(part, text, file)`` is what read_one does once pandas has read a table (its bounds
    and its header as spelled), giving back the part, or None."""
    header = ",".join(observation_fields())
    pairs = list(zip(texts, files, strict=True))
    together = [i for i, (text, file) in enumerate(pairs) if _may_be_read_together(text, header, file)]
    tables = _together(header, [texts[i] for i in together]) if len(together) > 1 else None
    found = {}
    if tables is not None:
        found = {i: checked(table, *pairs[i]) for i, table in zip(together, tables, strict=True)}
    return [found[i] if i in found else _whole(read_one(*pair)) for i, pair in enumerate(pairs)]


def _whole(read: Read) -> tuple[TablePart | None, list[str], list[Problem]]:
    table, header, problems = read
    return (None if table is None else TablePart.of(table)), header, problems

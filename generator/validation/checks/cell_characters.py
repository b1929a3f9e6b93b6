"""No cell holds a NUL or a lone surrogate, and no code holds an invisible or reordering character.

A NUL byte is valid UTF-8 but no text: it truncates strings in C libraries, and it would reach the
pages and the public CSV. In a code or id (an area code, an indicator id, a period, a breakdown) an
invisible character, a bidirectional override or a control makes two different codes look the same,
or one code look like another, on a page and in a pull request's diff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from generator.core.problems import ERROR, Problem, more_of_the_same
from generator.core.terminal import UNPRINTABLE, printable
from generator.validation.joined import ascii_octets

from .base import MAX_PROBLEMS_PER_CHECK, Check, CheckContext

NOT_TEXT = re.compile("[\x00\ud800-\udfff]")
# Columns of codes and ids, in report packages and in the registry.
CODE_COLUMNS = {
    "authority_code", "indicator_id", "period", "breakdown_dimension", "breakdown_category", "marker",
    "flag", "rag", "code", "id", "region_code", "comparator_of", "neighbour_code", "unit", "polarity",
    "theme", "type",
}  # fmt: skip


def _offending(values: list[str], pattern: re.Pattern[str]) -> list[int]:
    """Indexes of the cells ``pattern`` finds something in: one search over the whole column first
    (joined by spaces, which neither pattern matches)."""
    if not pattern.search(" ".join(values)):
        return []
    return [i for i, value in enumerate(values) if pattern.search(value)]


def _column_problems(file: str, column: str, values: list[str]) -> Iterator[Problem]:
    is_code = column in CODE_COLUMNS
    pattern = UNPRINTABLE if is_code else NOT_TEXT
    rows = _offending(values, pattern)
    for index in rows[:MAX_PROBLEMS_PER_CHECK]:
        found = pattern.search(values[index]).group()
        what = "a NUL character" if found == "\x00" else f"the character {printable(found)}"
        kind = "a code" if is_code else "text"
        yield Problem(
            file,
            index + 2,
            column,
            CHECK.id,
            ERROR,
            f"the cell holds {what}, which has no place in {kind}: {printable(values[index][:80])!s}",
            "retype the cell: copying from a PDF or a web page can bring invisible characters with it",
        )
    if len(rows) > MAX_PROBLEMS_PER_CHECK:
        hidden = len(rows) - MAX_PROBLEMS_PER_CHECK
        yield more_of_the_same(file, column, CHECK.id, ERROR, hidden, "cells", MAX_PROBLEMS_PER_CHECK)


def _clean_column(text: str, cells: int, code: bool) -> bool:
    """Whether no cell of a column holds what its pattern finds, from the cells joined by NUL (the
    NULs that are not separators are the cells' own). Plain ASCII is read as bytes: in it the
    patterns find only NUL, and in a code also the controls below space and DEL."""
    if cells == 0:
        return True
    if text.isascii():
        octets = ascii_octets(text)
        found = ((octets < 0x20) | (octets == 0x7F)) if code else (octets == 0)
        return int(np.count_nonzero(found)) == cells - 1
    if text.count("\x00") != cells - 1:
        return False
    if code:
        spaced = text.replace("\x00", " ")
        # Every character UNPRINTABLE finds is one str.isprintable refuses.
        return spaced.isprintable() or not UNPRINTABLE.search(spaced)
    try:
        text.encode("utf-8")  # which refuses exactly the lone surrogates, all NOT_TEXT has left
    except UnicodeEncodeError:
        return False
    return True


def _clean_together(ctx: CheckContext) -> set[int]:
    """The resources (by id) whose cells are all clean, found with one pass per column over the
    stacked cells of every report (validate.stacked_rows): with none to report, the usual case, the
    check costs a few passes instead of one per column of each of 1,500 files."""
    if ctx.stacked is None or not ctx.stacked_resources:
        return set()
    for column in ctx.stacked.columns:
        text = ctx.stacked_texts.get(column)
        if text is None:
            text = "\x00".join(ctx.stacked[column].tolist())
        if not _clean_column(text, len(ctx.stacked), column in CODE_COLUMNS):
            return set()  # something to report: each file is looked at on its own, as below
    columns = set(ctx.stacked.columns)
    # Tables read together are parts of one table (inputs/many_tables.py): its header is compared once.
    same: dict[int, bool] = {}
    for resource in ctx.stacked_resources:
        header = resource.part.columns
        if id(header) not in same:
            same[id(header)] = set(header.tolist()) == columns
    return {id(r) for r in ctx.stacked_resources if same[id(r.part.columns)]}


def run(ctx: CheckContext):
    clean = _clean_together(ctx)
    for package in [ctx.registry.package, *ctx.packages]:
        for resource in package.resources:
            if id(resource) in clean:
                continue
            for column in resource.table.columns:
                values = resource.table[column].tolist()
                yield from _column_problems(resource.file, str(column), values)


CHECK = Check(
    "cell-characters",
    "Cells hold text, codes hold only visible characters",
    "No cell holds a NUL or a lone surrogate; codes and ids hold no control, invisible or "
    "bidirectional characters.",
    run,
)

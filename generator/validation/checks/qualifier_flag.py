"""A figure the report qualifies ("almost 5,500", "over 400") carries the qualifier as its flag.

Without the flag the site would show 5,500 as exact and judge it against other figures. The
transcriber usually copies the report's words into the note or the provenance, so a qualifier word
there directly before the row's own number is the sign that the flag was left out.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from generator.core.visible import shown
from generator.core.vocabulary import QUALIFIER_WORDS, QUALIFIERS

from .base import Check, CheckContext, row_problems

_WORDS = "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True))
# The word, then the number as a report prints it: "almost 5,500", "over £3,000", "approx. 50";
# not before a stretch of time, where the word is the preposition ("held over 3 dates", "over 12 months").
_TIME = r"(?:working\s+)?(?:dates?|days?|weeks?|months?|quarters?|years?)\b"
_QUALIFIED = re.compile(
    rf"(?<![\w-])(?P<word>{_WORDS})\s+£?(?P<number>\d[\d,]*(?:\.\d+)?)(?!\d|,\d|\s*{_TIME})",
    re.IGNORECASE,
)
# The same, without named groups, for pandas to pick the few rows worth a closer look.
_ANY_QUALIFIED = re.compile(rf"(?<![\w-])(?:{_WORDS})\s+£?\d", re.IGNORECASE)
# The same for ASCII text already lower-cased: twice as fast as ignoring case as it goes.
_ANY_QUALIFIED_LOWER = re.compile(rf"(?<![\w-])(?:{_WORDS.lower()})\s+£?\d")
TEXT_COLUMNS = ("note", "provenance")


def _qualifier_of(text: str, value: float) -> tuple[str, str] | None:
    """(the words found, the flag they call for) if ``text`` qualifies the number ``value``."""
    for match in _QUALIFIED.finditer(text):
        try:
            number = float(match["number"].replace(",", ""))
        except ValueError:
            continue
        if number == value:
            return match.group(0), QUALIFIER_WORDS[match["word"].lower()]
    return None


def _searched(texts: list[str], pattern: re.Pattern[str], lower: bool) -> np.ndarray:
    """Indexes of the texts ``pattern`` finds something in (some more than once), by one search
    over them all joined by NUL, which no match can span: it is neither a word character nor a space."""
    if not texts:
        return np.zeros(0, dtype=np.int64)
    joined = "\x00".join(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.concatenate([[0], np.cumsum(lengths[:-1] + 1)])
    hits = [match.start() for match in pattern.finditer(joined.lower() if lower else joined)]
    return np.searchsorted(starts, hits, side="right") - 1


def _may_qualify(texts: list[str]) -> np.ndarray:
    """Which texts _ANY_QUALIFIED finds something in. ASCII texts are lower-cased and searched
    without ignoring case, twice as fast, which for them is the same search."""
    found = np.zeros(len(texts), dtype=bool)
    try:
        ascii_text = np.fromiter(map(str.isascii, texts), dtype=bool, count=len(texts))
    except TypeError:  # a missing cell among them: one search per cell, as pandas would
        return np.array([isinstance(t, str) and bool(_ANY_QUALIFIED.search(t)) for t in texts], dtype=bool)
    for chosen, pattern, lower in (
        (ascii_text, _ANY_QUALIFIED_LOWER, True),
        (~ascii_text, _ANY_QUALIFIED, False),
    ):
        index = np.flatnonzero(chosen)
        found[index[_searched([texts[i] for i in index], pattern, lower)]] = True
    return found


def _rows_that_may_qualify(texts: np.ndarray) -> np.ndarray:
    """The rows (in order) whose text _may_qualify finds something in, asked once per distinct text:
    notes and provenance repeat (a dozen distinct notes in 125,000 rows at England scale), and in
    most builds no text is found, so no row is looked at again."""
    distinct = list(set(texts.tolist()))
    hits = {text for text, hit in zip(distinct, _may_qualify(distinct), strict=True) if hit}
    if not hits:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.fromiter(map(hits.__contains__, texts), dtype=bool, count=len(texts)))


def run(ctx: CheckContext):
    obs = ctx.observations
    for column in TEXT_COLUMNS:
        rows = _rows_that_may_qualify(obs[column].to_numpy())
        if len(rows) == 0:
            continue
        # A value read as a number is never empty (core/numbers.py); a qualified one is not exact.
        number = ~np.isnan(obs["value_number"].to_numpy()[rows])
        exact = ~pd.Series(obs["flag"].to_numpy()[rows]).isin(QUALIFIERS).to_numpy()
        texts = obs.iloc[rows[number & exact]]
        found = {
            index: hit
            for index, text, value in zip(texts.index, texts[column], texts["value_number"], strict=True)
            if (hit := _qualifier_of(text, float(value)))
        }
        if not found:
            continue
        rows = texts.loc[list(found)].assign(
            _words=[words for words, _ in found.values()], _flag=[flag for _, flag in found.values()]
        )
        yield from row_problems(
            rows,
            check=CHECK.id,
            column=column,
            message=lambda r, column=column: (
                f"the {column} quotes the report as {shown(r['_words'])}, but the row's flag is "
                f"{shown(r['flag']) if r['flag'] else 'empty'}, so the site would show {r['value']} "
                "as an exact figure and compare it with others"
            ),
            fix=lambda r: (
                f"set flag to {r['_flag']} (the report's qualifier; the value stays the number "
                "printed), or leave the figure out if the report gives no number to publish"
            ),
        )


CHECK = Check(
    "qualifier-flag",
    "Qualified figures are flagged",
    "The note or provenance quotes the report qualifying the row's number ('almost 5,500', 'over 400', "
    "'approx. 50'), but the flag does not say so (about, almost, over, under or at_least); the site "
    "would show the figure as exact.",
    run,
)

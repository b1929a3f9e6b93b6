"""The quick sniffer gives csv.Sniffer's dialect, so rows are read as Frictionless reads them.

shared_schema.py reads each file's rows with the dialect Frictionless's own CSV parser would sniff;
sniffing.py finds it without csv.Sniffer's slow patterns. Any difference would read a file's cells
otherwise than a whole validation does, so each of the four searches is held to re.findall, and the
dialect to csv.Sniffer's, over text made of what the patterns look at, and over every CSV here.
"""

from __future__ import annotations

import csv

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.validation.frictionless import sniffing
from support import ROOT

# Delimiters, quotes, spaces, line ends, word characters (ASCII, accented, digit, underscore) and
# characters that are neither.
_TEXT = st.text(
    st.sampled_from([",", ";", "\t", "|", " ", "'", '"', "\n", "\r", "a", "é", "1", "_", "-", "£"])
)
_DELIMITERS = ",\t;|"
_DIALECT = ("delimiter", "quotechar", "doublequote", "skipinitialspace", "lineterminator", "quoting")


def _sniffed(sniffer: csv.Sniffer, sample: str):
    try:
        dialect = sniffer.sniff(sample, _DELIMITERS)
    except csv.Error as error:
        return str(error)
    return [getattr(dialect, name) for name in _DIALECT]


@settings(max_examples=400)
@given(_TEXT)
@example("a,'b',c\n'd',e\n")
@example("'a'\n'b'")
@example("x 'a' y, 'b',\n")
@example("\n'a'\n'b',\n")
def test_each_search_finds_what_the_pattern_finds(text):
    for kind, pattern in enumerate(sniffing._COMPILED):
        assert sniffing.findall(kind, text) == pattern.findall(text), kind


@settings(max_examples=300)
@given(_TEXT)
def test_the_dialect_is_csv_sniffers(text):
    assert _sniffed(sniffing.Sniffer(), text) == _sniffed(csv.Sniffer(), text)


@pytest.mark.parametrize("path", sorted(ROOT.glob("datapackages/*/*.csv")), ids=lambda p: p.parent.name)
def test_every_csv_here_gets_csv_sniffers_dialect(path):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)[:100]  # as Frictionless samples
    sample = "".join(lines)
    assert _sniffed(sniffing.Sniffer(), sample) == _sniffed(csv.Sniffer(), sample)

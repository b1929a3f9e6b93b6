"""Properties of validation over generated packages: whatever a pull request holds, the validator
answers with problems that name a file, never a traceback; and a valid package's figures come
back unchanged through the model and the public download.

Validation runs in this process (generator.validation.validate) on packages written to a scratch
folder; the real command runs on a few batches of them. Each test is bounded by max_examples.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.core.contract import observation_fields
from generator.core.formula_guard import unguard_column
from generator.core.problems import RENDERERS
from generator.inputs.registry import load_registry
from generator.model.tidy import build_model
from generator.outputs.downloads import write_downloads
from generator.validation.validate import validate
from support import ROOT, descriptor, run_cli

pytestmark = pytest.mark.slow  # over a hundred generated packages, each validated and some built

REGISTRY_PARENT = ROOT / "datapackages"
REGISTRY, _ = load_registry(REGISTRY_PARENT, ROOT)
FIELDS = observation_fields()
BOUNDED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}

# Text a council's spreadsheet may hold: any printable character of any script, and the ones that
# break naive CSV and HTML handling.
awkward_text = st.text(
    st.characters(blacklist_categories=["Cs"]) | st.sampled_from(list(",\"\n\r\t;<>&'\\\ufeff\u200b\x00")),
    max_size=30,
)
odd_numbers = st.one_of(
    st.sampled_from(["0", "-0", "1e3", "1E-7", "NaN", "inf", "-Infinity", "1,234", " 12 ", "٣", "0x1F"]),
    st.sampled_from(["12.", ".5", "+3", "1_000", "9" * 40, "1e400", "½", "١٢٣", "12%", "£5"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
plausible_cells = {
    "authority_code": st.sampled_from(list(REGISTRY.authorities.index)) | awkward_text,
    "indicator_id": st.sampled_from(list(REGISTRY.indicators.index)) | awkward_text,
    "period": st.sampled_from(["2020-05-17", "2020-10", "FY2018/19-Q1", "AY2017/18", "Q1 2018/19"])
    | awkward_text,
    "value": odd_numbers | awkward_text,
    "marker": st.sampled_from(["", "c", "x", "z", "low", "u", "X", "n/a"]),
    "quartile": odd_numbers,
}


def _cell(name: str) -> st.SearchStrategy[str]:
    return plausible_cells.get(
        name, odd_numbers if name in ("numerator", "denominator", "target") else awkward_text
    )


@st.composite
def csv_bytes(draw) -> bytes:
    """observations.csv as a pull request may bring it: any columns, any cells, any encoding."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    header = draw(
        st.lists(st.sampled_from(FIELDS) | awkward_text, max_size=len(FIELDS) + 3)
        | st.permutations(FIELDS)
        | st.just(FIELDS)
    )
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1, 3]))
        names = [*header, *[""] * 3][: max(width, 0)]
        rows.append([draw(_cell(name)) for name in names])
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONE]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    try:
        text = _csv_text([header, *rows], quoting, ending)
    except csv.Error:  # unquoted, a lone empty cell cannot be written
        text = _csv_text([header, *rows], csv.QUOTE_ALL, ending)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    return text.encode(encoding, errors="replace")


def _csv_text(rows: list[list[str]], quoting: int, ending: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=quoting, escapechar="\\", lineterminator=ending).writerows(rows)
    return buffer.getvalue()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | awkward_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(awkward_text, children, max_size=3),
    max_leaves=8,
)


@st.composite
def descriptor_bytes(draw) -> bytes:
    """datapackage.json with any field missing, replaced by any JSON value, or unicode throughout."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    document = descriptor("p")
    for key in draw(st.lists(st.sampled_from(sorted(document)), unique=True, max_size=4)):
        action = draw(st.sampled_from(["drop", "replace", "text"]))
        if action == "drop":
            del document[key]
        else:
            document[key] = draw(json_values if action == "replace" else awkward_text)
    document.update(draw(st.dictionaries(awkward_text, json_values, max_size=2)))
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode("utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A project holding only the registry; each example writes its packages into it afresh, and
    Frictionless's verdict on the unchanged registry is remembered between examples."""
    root = tmp_path_factory.mktemp("properties")
    shutil.copytree(REGISTRY_PARENT / "registry", root / "datapackages" / "registry")
    return root


def _write(package: Path, descriptor_data: bytes, observations: bytes | None) -> None:
    shutil.rmtree(package, ignore_errors=True)
    package.mkdir(parents=True)
    (package / "datapackage.json").write_bytes(descriptor_data)
    if observations is not None:
        (package / "observations.csv").write_bytes(observations)


def _validate(root: Path, package: Path):
    return validate(
        [package], root=root, registry_parent=root / "datapackages", cache=root / "build" / "cache.json"
    )


@settings(max_examples=100, **BOUNDED)
@given(
    descriptor_data=st.just(json.dumps(descriptor("p")).encode()) | descriptor_bytes(),
    observations=csv_bytes() | st.none(),
)
# Found by the command's test: a list among the authorities' codes was a crash, not a problem.
@example(descriptor_data=json.dumps(descriptor("p", authorities=[None, []])).encode(), observations=b"")
def test_any_package_gets_problems_that_name_a_file_never_an_exception(
    workspace, descriptor_data, observations
):
    _write(workspace / "p", descriptor_data, observations)
    result = _validate(workspace, workspace / "p")
    assert all(problem.file.startswith("p/") for problem in result.problems), result.problems
    for render in RENDERERS.values():  # what the command prints, in each of its formats
        assert isinstance(render(result.problems, result.summary), str)


# One run of the real command per example, on several packages at once: a few seconds each.
@pytest.mark.slow
@settings(max_examples=3, **BOUNDED)
@given(
    packages=st.lists(st.tuples(descriptor_bytes(), csv_bytes()), min_size=1, max_size=6),
    output=st.sampled_from(sorted(RENDERERS)),
)
def test_the_validate_command_exits_0_or_1_and_never_shows_a_traceback(packages, output):
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for number, (descriptor_data, observations) in enumerate(packages):
            _write(root / "packages" / f"p{number}", descriptor_data, observations)
        result = run_cli(
            "validate", "packages", "--format", output, "--registry", str(REGISTRY_PARENT), cwd=root
        )
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert "Unexpected error" not in result.stderr, result.stderr


# A figure for each kind of indicator: whole counts, percentages, rates and money.
def _value_for(unit: str) -> st.SearchStrategy[str]:
    if unit == "count":
        return st.integers(0, 10**7).map(str)
    if unit == "percent":
        return st.decimals(0, 100, places=2).map(lambda d: format(d.normalize(), "f") if d else "0")
    return st.decimals(0, 10**6, places=3).map(lambda d: format(d.normalize(), "f") if d else "0")


unicode_words = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=20).filter(
    lambda text: text.strip() == text
)
period_texts = st.one_of(
    st.dates(min_value=pd.Timestamp("2010-01-01").date(), max_value=pd.Timestamp("2024-12-31").date()).map(
        str
    ),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2010, 2024), st.integers(1, 12)),
    st.builds(lambda y, q: f"FY{y}/{(y + 1) % 100:02d}-Q{q}", st.integers(2010, 2024), st.integers(1, 4)),
    st.builds(lambda y: f"AY{y}/{(y + 1) % 100:02d}", st.integers(2010, 2024)),
)


@st.composite
def valid_rows(draw) -> list[dict[str, str]]:
    indicators = REGISTRY.indicators
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from([c for c in REGISTRY.authorities.index if c.startswith("E")]),
                st.sampled_from(list(indicators.index)),
                period_texts,
            ),
            min_size=1,
            max_size=12,
            unique=True,
        )
    )
    rows = []
    for authority, indicator, period in keys:
        row = {"authority_code": authority, "indicator_id": indicator, "period": period}
        if draw(st.integers(0, 5)) == 0:
            row["marker"] = draw(st.sampled_from(["c", "x", "z", "low"]))
        else:
            row["value"] = draw(_value_for(indicators.loc[indicator, "unit"]))
        row["note"] = draw(st.just("") | unicode_words)
        row["provenance"] = draw(unicode_words)
        rows.append(row)
    return rows


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({**dict.fromkeys(FIELDS, ""), **row} for row in rows)
    return buffer.getvalue().encode("utf-8")


def _figures(rows) -> set[tuple]:
    """What a reader takes from a row: where, what, when, how much (as a number), and the words."""
    return {
        (
            row["authority_code"],
            row["indicator_id"],
            row["period"],
            Decimal(row["value"]) if row.get("value") else None,
            row.get("marker", ""),
            row.get("note", ""),
            row["provenance"],
        )
        for row in rows
    }


@settings(max_examples=30, **BOUNDED)
@given(rows=valid_rows(), title=unicode_words, publisher=unicode_words)
def test_a_valid_package_keeps_its_figures_through_the_model_and_the_public_download(
    workspace, rows, title, publisher
):
    meta = descriptor("p", title=title, publisher=publisher)
    _write(workspace / "p", json.dumps(meta, ensure_ascii=False).encode("utf-8"), _csv(rows))
    validation = _validate(workspace, workspace / "p")
    assert validation.errors == []
    downloads = workspace / "downloads"
    shutil.rmtree(downloads, ignore_errors=True)
    write_downloads(build_model(validation), downloads)
    download = pd.read_csv(downloads / "observations.csv", dtype=str, keep_default_na=False)
    # Text a spreadsheet would run as a formula is written with a leading quote (content/data.md);
    # a reader who takes that quote off gets the package's text back.
    download = download.apply(lambda column: unguard_column(list(column)))
    published = download.to_dict("records")
    assert _figures(published) == _figures(rows)
    assert set(download["source_title"]) == {title} and set(download["publisher"]) == {publisher}

    # The download's rows, as a package again, are just as valid.
    again = [{field: row[field] for field in FIELDS} for row in published]
    _write(workspace / "again", json.dumps(descriptor("again")).encode("utf-8"), _csv(again))
    revalidated = _validate(workspace, workspace / "again")
    assert revalidated.errors == []
    assert _figures(revalidated.observations.to_dict("records")) == _figures(rows)
    shutil.rmtree(workspace / "again")

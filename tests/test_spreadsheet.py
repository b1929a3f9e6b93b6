"""The spreadsheet route: the XLSX template, and `transparency import` of a filled one."""

import datetime as dt
import functools
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.core.contract import observation_fields, observation_schema
from generator.inputs.registry import load_registry
from generator.inputs.spreadsheet.cells import number_text
from generator.inputs.spreadsheet.importer import import_workbook
from generator.inputs.spreadsheet.template import template_bytes
from generator.outputs.downloads import write_downloads
from generator.validation.validate import validate
from support import ROOT, csv_text, run_cli

SLUG = "leicestershire-2020-06-02-help-and-protection"
REPORT = {
    "slug": SLUG,
    "authority": "E10000018",
    "title": "Children in Need of Help and Protection",
    "committee": "Children and Families Overview and Scrutiny Committee",
    "meeting_date": dt.datetime(2020, 6, 2),  # a real date cell, as Excel stores one
    "publisher": "Leicestershire County Council",
}
NEW_ARGS = [
    "new", SLUG, "--authority", "E10000018", "--title", "Children in Need of Help and Protection",
    "--committee", "Children and Families Overview and Scrutiny Committee", "--meeting-date", "2020-06-02",
    "--publisher", "Leicestershire County Council",
]  # fmt: skip
# Figures from Leicestershire's report of 2 June 2020, as an officer might type them: a number kept
# as text with stray spaces, a number Excel holds as 529.0, a period typed as a real date, and an
# empty row between figures. Each pairs the cells (sheet order) with the CSV row a person would write.
POD_NOTE = "No date given; pods in place when the report was written."
FIGURES = [
    (
        {"authority_code": "E10000018", "indicator_id": "contacts", "period": "2019-05/2020-04",
         "value": " 22184 ", "provenance": "para 11"},
        {"authority_code": "E10000018", "indicator_id": "contacts", "period": "2019-05/2020-04",
         "value": "22184", "provenance": "para 11"},
    ),
    (
        {"authority_code": "E10000018", "indicator_id": "contacts_to_referral_pct",
         "period": "2019-05/2020-04", "value": 24.6, "provenance": "para 11"},
        {"authority_code": "E10000018", "indicator_id": "contacts_to_referral_pct",
         "period": "2019-05/2020-04", "value": "24.6", "provenance": "para 11"},
    ),
    None,
    (
        {"authority_code": "E10000018", "indicator_id": "cp_plans", "period": dt.datetime(2020, 5, 17),
         "value": 529.0, "provenance": "para 16"},
        {"authority_code": "E10000018", "indicator_id": "cp_plans", "period": "2020-05-17",
         "value": "529", "provenance": "para 16"},
    ),
    (
        {"authority_code": "E10000018", "indicator_id": "cp_plans", "period": "2019-05", "value": 443,
         "note": "Report says 'at the same point in May 2019' without the day.", "provenance": "para 16"},
        {"authority_code": "E10000018", "indicator_id": "cp_plans", "period": "2019-05", "value": "443",
         "note": "Report says 'at the same point in May 2019' without the day.", "provenance": "para 16"},
    ),
    (
        {"authority_code": "E10000018", "indicator_id": "social_work_pods", "period": "2019-05/2020-04",
         "breakdown_dimension": "locality", "breakdown_category": "Coalville", "value": 3,
         "note": POD_NOTE, "provenance": "para 17"},
        {"authority_code": "E10000018", "indicator_id": "social_work_pods", "period": "2019-05/2020-04",
         "breakdown_dimension": "locality", "breakdown_category": "Coalville", "value": "3",
         "note": POD_NOTE, "provenance": "para 17"},
    ),
]  # fmt: skip


def project_with_registry(folder: Path) -> Path:
    """A project folder whose only package is the real registry (a copy: a linked one is refused)."""
    (folder / "datapackages").mkdir(parents=True)
    shutil.copytree(ROOT / "datapackages/registry", folder / "datapackages/registry")
    return folder


@functools.cache
def registry():
    """The real registry, read once (tests only read it)."""
    loaded, problems = load_registry(ROOT / "datapackages", ROOT)
    assert loaded is not None, problems
    return loaded


def fill(workbook, report=None, figures=FIGURES):
    sheet = workbook["Report"]
    for row in range(2, sheet.max_row + 1):
        key = sheet.cell(row, 1).value
        if key in (report or REPORT):
            sheet.cell(row, 2).value = (report or REPORT)[key]
    figures_sheet = workbook["Figures"]
    header = [c.value for c in figures_sheet[1]]
    for offset, pair in enumerate(figures, start=2):
        for name, value in (pair[0] if pair else {}).items():
            cell = figures_sheet.cell(offset, header.index(name) + 1)
            cell.value = value
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    return workbook


@functools.cache
def _filled_template() -> bytes:
    """The template filled with FIGURES, made once: making a template takes a quarter of a second."""
    saved = io.BytesIO()
    fill(openpyxl.load_workbook(io.BytesIO(template_bytes(registry())))).save(saved)
    return saved.getvalue()


def filled_workbook(path: Path, edit=None) -> Path:
    """The template filled with FIGURES, then changed by ``edit`` (a function of the workbook)."""
    workbook = openpyxl.load_workbook(io.BytesIO(_filled_template()))
    if edit:
        edit(workbook)
    workbook.save(path)
    return path


def list_values(workbook, sheet_name: str, column: str) -> list[str]:
    """The values a column's drop-down offers, read through the range its validation points to."""
    sheet = workbook[sheet_name]
    [validation] = [v for v in sheet.data_validations.dataValidation if column in str(v.sqref)]
    assert validation.type == "list" and validation.showErrorMessage
    [(source_sheet, cells)] = workbook.defined_names[validation.formula1.lstrip("=")].destinations
    return [c.value for row in workbook[source_sheet][cells.replace("$", "")] for c in row]


# The template


def test_template_has_the_sheets_columns_and_registry_lists(tmp_path):
    project = project_with_registry(tmp_path)
    result = run_cli("template", cwd=project)
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(project / "observations-template.xlsx")
    assert workbook.sheetnames == ["Instructions", "Report", "Figures", "Areas", "Indicators", "Lists"]
    assert workbook["Lists"].sheet_state == "hidden"
    figures = workbook["Figures"]
    assert [c.value for c in figures[1]] == observation_fields()
    report = [(r[0].value, r[1].value) for r in workbook["Report"].iter_rows(min_row=2)]
    assert report == [(key, None) for key in REPORT] + [("source_url", None)]
    reg = registry()
    assert list_values(workbook, "Figures", "A2:") == list(reg.authorities["code"])
    assert list_values(workbook, "Figures", "B2:") == list(reg.indicators["id"])
    assert list_values(workbook, "Figures", "G2:") == ["c", "x", "z", "low", "u"]
    councils = list_values(workbook, "Report", "B3")
    assert "E10000018" in councils and "E92000001" not in councils
    period = observation_fields().index("period") + 1
    assert figures.cell(1, period).comment.text.startswith("Period (required): When the figure applies")
    assert figures.column_dimensions["C"].number_format == "@"  # Excel keeps 2020-10 as typed


def test_two_template_builds_are_byte_identical(tmp_path):
    project = project_with_registry(tmp_path)
    assert run_cli("template", "--out", "a.xlsx", cwd=project).returncode == 0
    built_here = template_bytes(registry())
    assert (project / "a.xlsx").read_bytes() == built_here == template_bytes(registry())
    with zipfile.ZipFile(io.BytesIO(built_here)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2020, 1, 1, 0, 0, 0)}


def test_template_says_the_import_command_to_copy_for_the_path_written(tmp_path):
    project = project_with_registry(tmp_path)
    (project / "forms").mkdir()
    result = run_cli("template", "--out", "forms/report.xlsx", cwd=project)
    assert result.returncode == 0, result.stderr
    # Runnable as printed: the path as given, and no <placeholder> that a shell reads as a redirection.
    assert result.stdout.rstrip().endswith("then run: transparency import forms/report.xlsx")


def test_template_refuses_to_overwrite_unless_forced(tmp_path):
    project = project_with_registry(tmp_path)
    (project / "observations-template.xlsx").write_text("mine")
    refused = run_cli("template", cwd=project)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert (project / "observations-template.xlsx").read_text() == "mine"
    assert run_cli("template", "--force", cwd=project).returncode == 0
    assert (project / "observations-template.xlsx").read_bytes() == template_bytes(registry())


def test_site_downloads_include_the_template(tmp_path, real_model):
    write_downloads(real_model, tmp_path)
    assert (tmp_path / "template.xlsx").read_bytes() == template_bytes(real_model.registry)


# Import of a filled template


def test_filled_template_imports_to_the_package_a_person_would_write(tmp_path):
    by_import = project_with_registry(tmp_path / "import")
    workbook = filled_workbook(by_import / "report.xlsx")
    result = run_cli("import", str(workbook), "--to", f"datapackages/{SLUG}", cwd=by_import)
    assert result.returncode == 0, result.stderr
    assert "5 figures" in result.stdout and "Valid." in result.stdout

    by_hand = project_with_registry(tmp_path / "hand")
    assert run_cli(*NEW_ARGS, cwd=by_hand).returncode == 0
    rows = [pair[1] for pair in FIGURES if pair]
    (by_hand / f"datapackages/{SLUG}/observations.csv").write_text(csv_text(rows), encoding="utf-8")

    for name in ("datapackage.json", "observations.csv"):
        imported = (by_import / f"datapackages/{SLUG}/{name}").read_bytes()
        assert imported == (by_hand / f"datapackages/{SLUG}/{name}").read_bytes(), name
    validated = run_cli("validate", f"datapackages/{SLUG}", cwd=by_import)
    assert validated.returncode == 0 and validated.stdout.rstrip().endswith("Valid."), validated.stdout
    assert sorted(p.name for p in (by_import / "datapackages").iterdir()) == [SLUG, "registry"]


def test_import_without_to_uses_the_package_name_from_the_report_sheet(tmp_path):
    project = project_with_registry(tmp_path)
    result = run_cli("import", str(filled_workbook(project / "report.xlsx")), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / f"datapackages/{SLUG}/observations.csv").is_file()


def test_import_refuses_to_overwrite_an_existing_package(tmp_path):
    project = project_with_registry(tmp_path)
    (project / f"datapackages/{SLUG}").mkdir()
    result = run_cli("import", str(filled_workbook(project / "report.xlsx")), cwd=project)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert list((project / f"datapackages/{SLUG}").iterdir()) == []


@pytest.mark.parametrize(
    ("value", "text"),
    [(529.0, "529"), (0.1 + 0.2, "0.3"), (95.8, "95.8"), (1234567.0, "1234567"), (-0.0, "0"),
     (1e20, "100000000000000000000"), (0.000015, "0.000015"), (7, "7")],
)  # fmt: skip
def test_numbers_are_written_as_excel_shows_them_without_float_noise(value, text):
    assert number_text(value) == text


def _set(sheet: str, cell: str, value, number_format: str | None = None):
    def edit(workbook):
        workbook[sheet][cell].value = value
        if number_format:
            workbook[sheet][cell].number_format = number_format

    return edit


def _rename_sheet(old: str, new: str):
    def edit(workbook):
        workbook[old].title = new

    return edit


def _delete_column(letter: str):
    def edit(workbook):
        workbook["Figures"].delete_cols(openpyxl.utils.column_index_from_string(letter))

    return edit


def _clear_figures(keep_header: bool):
    def edit(workbook):
        sheet = workbook["Figures"]
        sheet.delete_rows(2 if keep_header else 1, sheet.max_row)

    return edit


def _extra_sheet(workbook):
    workbook.create_sheet("Sheet1")["A1"] = "E10000018"


def _merge(workbook):
    workbook["Figures"].merge_cells("P5:P6")


# Each malformed workbook: how it is broken, where the problem is reported (file:sheet:row:column),
# and words the message or fix must contain. Rows follow FIGURES: row 4 is empty, cp_plans 529 is row 5.
MALFORMED = {
    "report sheet renamed": (_rename_sheet("Report", "report details"), "report.xlsx:Report:", "no sheet"),
    "figures sheet renamed": (
        _rename_sheet("Figures", "Figure"),
        "report.xlsx:Figures:",
        "rename the sheet 'Figure' back",
    ),
    "extra sheet with content": (_extra_sheet, "report.xlsx:Sheet1:", "not part of the template"),
    "missing column": (_delete_column("G"), "report.xlsx:Figures:1:marker", "no column headed 'marker'"),
    "renamed column": (_set("Figures", "F1", "Value"), "report.xlsx:Figures:1:F", "back to 'value'"),
    "extra column": (_set("Figures", "Q1", "comments"), "report.xlsx:Figures:1:Q", "not a column"),
    "value beyond the header": (
        _set("Figures", "R5", "check this"),
        "report.xlsx:Figures:5:R",
        "has no heading",
    ),
    "merged cells": (_merge, "report.xlsx:Figures:5:P", "cells P5:P6 are merged"),
    "formula": (_set("Figures", "F5", "=500+29"), "report.xlsx:Figures:5:value", "formula (=500+29)"),
    "meeting date in words": (
        _set("Report", "B6", "2 June 2020"),
        "report.xlsx:Report:6:meeting_date",
        "type 2020-06-02",
    ),
    "meeting date with slashes": (
        _set("Report", "B6", "02/06/2020"),
        "report.xlsx:Report:6:meeting_date",
        "if you mean 2 June 2020, type 2020-06-02",
    ),
    "thousands separator": (
        _set("Figures", "F2", "22,184"),
        "report.xlsx:Figures:2:value",
        "type 22184 without commas",
    ),
    "percent sign": (_set("Figures", "F3", "24.6%"), "report.xlsx:Figures:3:value", "type 24.6"),
    "percentage cell": (
        _set("Figures", "F3", 0.246, "0.0%"),
        "report.xlsx:Figures:3:value",
        "type 24.6",
    ),
    "period turned into a date": (
        _set("Figures", "C6", dt.datetime(2019, 5, 1), "mmm-yy"),
        "report.xlsx:Figures:6:period",
        "format the cell as Text",
    ),
    "breakdown turned into a date": (
        _set("Figures", "E7", dt.datetime(2020, 7, 16), "d-mmm"),
        "report.xlsx:Figures:7:breakdown_category",
        "16 July 2020",
    ),
    "figures sheet without figures": (
        _clear_figures(keep_header=True),
        "report.xlsx:Figures:",
        "no figures below its heading row",
    ),
    "figures sheet wiped": (_clear_figures(keep_header=False), "report.xlsx:Figures:", "is empty"),
    "required report field empty": (_set("Report", "B4", None), "report.xlsx:Report:4:title", "is empty"),
    "unknown council": (_set("Report", "B3", "E99999999"), "report.xlsx:Report:3:authority", "not an area"),
    # Content errors come from the normal validator, reported at the workbook cell (row 5, not CSV row 4).
    "unknown indicator": (
        _set("Figures", "B5", "cp_plan"),
        "report.xlsx:Figures:5:indicator_id",
        "cell B5:",
    ),
    "period the site does not understand": (
        _set("Figures", "C6", "May 2019"),
        "report.xlsx:Figures:6:period",
        "FY2018/19-Q1",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_workbook_is_refused_with_its_sheet_row_and_column(tmp_path, case):
    edit, location, words = MALFORMED[case]
    project = project_with_registry(tmp_path)
    filled_workbook(project / "report.xlsx", edit)
    result = run_cli("import", "report.xlsx", "--to", f"datapackages/{SLUG}", cwd=project)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert location in result.stderr and words in result.stderr, result.stderr
    assert "how to fix:" in result.stderr and "Nothing was written" in result.stderr
    assert sorted(p.name for p in (project / "datapackages").iterdir()) == ["registry"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"authority_code,indicator_id\nE10000018,cp_plans\n", "not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97-2003"),
        ("truncated", "not an Excel workbook"),
        ("other zip", "not a readable Excel workbook"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, content, words):
    project = project_with_registry(tmp_path)
    target = project / "report.xlsx"
    if content == "truncated":
        target.write_bytes(template_bytes(registry())[:5000])
    elif content == "other zip":
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("notes.txt", "not a workbook")
    else:
        target.write_bytes(content)
    result = run_cli("import", "report.xlsx", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("report.xlsx: error [xlsx-file]") and words in result.stderr, (
        result.stderr
    )
    assert sorted(p.name for p in (project / "datapackages").iterdir()) == ["registry"]


def test_to_must_name_the_package_on_the_report_sheet(tmp_path):
    project = project_with_registry(tmp_path)
    filled_workbook(project / "report.xlsx")
    result = run_cli("import", "report.xlsx", "--to", "datapackages/other-name", cwd=project)
    assert result.returncode == 1
    assert "report.xlsx:Report:2:slug" in result.stderr and "other-name" in result.stderr
    assert not (project / "datapackages/other-name").exists()


def test_schema_enums_are_the_template_lists():
    """The marker, flag and RAG drop-downs come from the contract, so they change with it."""
    workbook = openpyxl.load_workbook(io.BytesIO(template_bytes(registry())))
    fields = {f["name"]: f for f in observation_schema()["fields"]}
    for name in ("marker", "flag", "rag"):
        letter = openpyxl.utils.get_column_letter(observation_fields().index(name) + 1)
        assert list_values(workbook, "Figures", f"{letter}2:") == fields[name]["constraints"]["enum"]


def test_columns_may_be_in_any_order(tmp_path):
    """Columns are read by heading, so moving one (as people do to see note beside value) is harmless."""
    in_order = project_with_registry(tmp_path / "a")
    moved = project_with_registry(tmp_path / "b")

    def move_note_first(workbook):
        workbook["Figures"].insert_cols(1)
        for row in workbook["Figures"].iter_rows(min_row=1, min_col=16, max_col=16):
            workbook["Figures"].cell(row[0].row, 1).value = row[0].value
            row[0].value = None
        workbook["Figures"].delete_cols(16)

    for project, edit in ((in_order, None), (moved, move_note_first)):
        workbook = filled_workbook(project / "report.xlsx", edit)
        result = import_workbook(
            workbook, None, root=project, datapackages=project / "datapackages", validate=validate
        )
        assert result.ok, result.problems
    assert openpyxl.load_workbook(moved / "report.xlsx")["Figures"]["A1"].value == "note"
    for name in ("datapackage.json", "observations.csv"):
        path = f"datapackages/{SLUG}/{name}"
        assert (moved / path).read_bytes() == (in_order / path).read_bytes()


def test_import_outside_a_project_says_where_to_run_it(tmp_path):
    filled_workbook(tmp_path / "report.xlsx")
    result = run_cli("import", "report.xlsx", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "run the command in the project folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]

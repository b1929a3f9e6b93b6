"""No input makes the work unbounded: every cap refuses with a clear problem before the costly reading.

The caps are lowered with monkeypatch so that each test builds kilobytes, not the gigabytes a real
attack would send; benchmarks/million_rows.py measures a million-row package for real. Each lowered
cap stays above what the real registry (read by every validation) needs.
"""

import io
import json
import zipfile

import pytest

from generator.core import limits
from generator.core.problems import ERROR, render_text
from generator.inputs.registry import load_registry
from generator.inputs.spreadsheet import workbook as opening
from generator.inputs.spreadsheet.importer import import_workbook
from generator.inputs.spreadsheet.template import template_bytes
from generator.validation.frictionless import problems as frictionless_checks
from generator.validation.validate import validate
from support import GOOD_ROW, ROOT, csv_text, descriptor, write_package


@pytest.fixture
def asked(monkeypatch):
    """The names of the packages Frictionless was asked about."""
    names = []
    ask = frictionless_checks.frictionless_problems

    def counting(package, root):
        names.append(package.name)
        return ask(package, root)

    monkeypatch.setattr(frictionless_checks, "frictionless_problems", counting)
    return names


def check(tmp_path, package):
    return validate([package], root=tmp_path, registry_parent=ROOT / "datapackages")


def errors(result):
    return [p for p in result.problems if p.severity == ERROR]


def test_a_ragged_row_pandas_refuses_is_not_handed_to_frictionless(tmp_path, asked):
    body = csv_text([GOOD_ROW]) + "E10000018,cp_plans,2020-05-18,,,530" + ",x" * 20_000 + "\n"
    package = write_package(tmp_path / "p", csv_body=body)
    [problem] = errors(check(tmp_path, package))
    assert (problem.check, problem.file, problem.row) == ("csv-structure", "p/observations.csv", 3)
    assert "p" not in asked


def test_a_cell_longer_than_the_cap_is_refused_where_it_is(tmp_path, asked, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 400)
    rows = [GOOD_ROW, {**GOOD_ROW, "period": "2020-05-18", "note": "n" * 401}]
    package = write_package(tmp_path / "p", rows)
    [problem] = errors(check(tmp_path, package))
    assert (problem.check, problem.row, problem.column) == ("cell-length", 3, "note")
    assert "401 characters" in problem.message and "400" in problem.message
    assert "p" not in asked


def test_a_long_cell_over_several_short_lines_is_refused_too(tmp_path, asked, monkeypatch):
    # Every line is short, but one quoted note holds line breaks and is longer than the cap.
    monkeypatch.setattr(limits, "MAX_CELL_CHARS", 400)
    rows = [GOOD_ROW, {**GOOD_ROW, "period": "2020-05-18", "note": "\n".join(["n" * 100] * 5)}]
    package = write_package(tmp_path / "p", rows)
    [problem] = errors(check(tmp_path, package))
    assert (problem.check, problem.row, problem.column) == ("cell-length", 3, "note")
    assert "p" not in asked


def test_a_header_wider_than_the_cap_is_one_problem_not_one_per_column(tmp_path, asked, monkeypatch):
    monkeypatch.setattr(limits, "MAX_COLUMNS", 20)
    header = csv_text([]).rstrip("\n") + "".join(f",extra{i}" for i in range(30)) + "\n"
    package = write_package(tmp_path / "p", csv_body=header + "," * 45 + "\n")
    [problem] = errors(check(tmp_path, package))
    assert (problem.check, problem.row) == ("table-size", 1)
    assert "46 columns" in problem.message
    assert "p" not in asked


def test_more_rows_than_the_cap_are_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CSV_ROWS", 4_000)  # above the registry's largest table
    rows = [{**GOOD_ROW, "breakdown_dimension": "team", "breakdown_category": f"t{n}"} for n in range(4_001)]
    [problem] = errors(check(tmp_path, write_package(tmp_path / "p", rows)))
    assert problem.check == "table-size" and "4,001 rows" in problem.message


def test_a_csv_file_over_the_size_cap_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CSV_BYTES", 200_000)  # above the registry's largest file
    rows = [{**GOOD_ROW, "period": str(year), "note": "n" * 300} for year in range(1400, 2100)]
    [problem] = errors(check(tmp_path, write_package(tmp_path / "p", rows)))
    assert problem.check == "resource-file" and "bytes" in problem.message


def test_too_many_resources_are_refused_before_any_is_read(tmp_path, asked, monkeypatch):
    monkeypatch.setattr(limits, "MAX_RESOURCES", 7)  # the registry has seven
    resources = [{**descriptor()["resources"][0], "name": f"r{i}"} for i in range(8)]
    package = write_package(tmp_path / "p", resources=resources)
    [problem] = errors(check(tmp_path, package))
    assert problem.check == "descriptor" and "8 resources" in problem.message
    assert "p" not in asked


def test_a_descriptor_over_the_size_cap_is_not_parsed(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DESCRIPTOR_BYTES", 20_000)
    [problem] = errors(check(tmp_path, write_package(tmp_path / "p", description="d" * 20_000)))
    assert (problem.check, problem.file) == ("descriptor", "p/datapackage.json")


def test_a_descriptor_nested_thousands_deep_is_a_problem_not_a_crash(tmp_path):
    package = write_package(tmp_path / "p")
    deep = json.dumps(descriptor("p"))[:-1] + ', "x": ' + "[" * 5_000 + "]" * 5_000 + "}"
    (package / "datapackage.json").write_text(deep, encoding="utf-8")
    [problem] = errors(check(tmp_path, package))
    assert problem.check == "descriptor" and "5001 deep" in problem.message


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    package = write_package(tmp_path / "p", description="[" * 100)
    assert errors(check(tmp_path, package)) == []


def test_at_most_the_cap_of_problems_is_listed_and_all_are_counted(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_LISTED_PROBLEMS", 5)
    rows = [{**GOOD_ROW, "period": f"2020-05-{day:02d}", "value": "NaN"} for day in range(10, 30)]
    result = check(tmp_path, write_package(tmp_path / "p", rows))
    assert len(result.problems) == 5
    assert result.error_count == 20 and not result.ok
    text = render_text(result.problems, result.summary)
    assert "20 errors" in text and "only the first 5 are listed" in text
    assert text.endswith("Not valid: fix the errors above and run again.")


def test_rows_beyond_a_checks_list_are_counted_in_the_totals_not_as_one_line(tmp_path):
    """A check lists its first 200 rows and one line for the rest; the totals count every row, so
    a million broken rows are not reported as about a thousand errors."""
    broken = [{**GOOD_ROW, "period": f"2020-05-{day % 20 + 10:02d}", "value": "NaN"} for day in range(260)]
    rows = [{**row, "breakdown_dimension": "n", "breakdown_category": str(i)} for i, row in enumerate(broken)]
    result = check(tmp_path, write_package(tmp_path / "p", rows))
    plain = [p for p in result.problems if p.check == "plain-number"]
    rest = [p for p in plain if p.row is None]
    assert len(plain) == 201 and [p.stands_for for p in rest] == [60]
    assert "60 more rows have the same problem" in rest[0].message
    assert {p.check for p in errors(result)} == {"plain-number"}
    assert result.error_count == 260
    assert "260 errors" in render_text(result.problems, result.summary)


def _template_with_a_bomb(path, registry) -> None:
    """The real template plus one part that unzips to 20 MiB from a few kilobytes."""
    source = zipfile.ZipFile(io.BytesIO(template_bytes(registry)))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024


def test_a_workbook_that_unzips_past_the_cap_is_refused_before_openpyxl_reads_it(tmp_path, monkeypatch):
    registry, _ = load_registry(ROOT / "datapackages", ROOT)
    workbook = tmp_path / "bomb.xlsx"
    _template_with_a_bomb(workbook, registry)

    def never(*args, **kwargs):
        raise AssertionError("openpyxl was asked to read a workbook over the cap")

    monkeypatch.setattr(opening, "load_workbook", never)
    (tmp_path / "datapackages").mkdir()
    result = import_workbook(
        workbook, None, root=tmp_path, datapackages=ROOT / "datapackages", validate=validate
    )
    [problem] = result.problems
    assert problem.check == "xlsx-size" and "xl/media/padding.bin" in problem.message
    assert not result.ok


def test_a_workbook_with_too_many_parts_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_WORKBOOK_PARTS", 5)
    registry, _ = load_registry(ROOT / "datapackages", ROOT)
    workbook = tmp_path / "template.xlsx"
    workbook.write_bytes(template_bytes(registry))
    result = import_workbook(
        workbook, None, root=tmp_path, datapackages=ROOT / "datapackages", validate=validate
    )
    assert [p.check for p in result.problems] == ["xlsx-size"]


def test_the_publishers_guide_states_the_limits_the_validator_applies():
    from generator.core import web_address

    guide = (ROOT / "content/publish-your-data.md").read_text(encoding="utf-8")
    table = guide[guide.index("### How big a package may be") :].split("\n\n")[2]
    rows = {line.split(" | ")[0].strip("| `"): line for line in table.splitlines()[2:]}
    expected = {
        "datapackage.json": limits.MAX_DESCRIPTOR_BYTES,
        "Objects and lists nested inside each other in `datapackage.json": limits.MAX_DESCRIPTOR_DEPTH,
        "Resources in one package": limits.MAX_RESOURCES,
        "One CSV file": limits.MAX_CSV_BYTES,
        "Rows in one CSV file, after the header": limits.MAX_CSV_ROWS,
        "Columns in one CSV file": limits.MAX_COLUMNS,
        "Characters in one cell": limits.MAX_CELL_CHARS,
        "Characters in a title, an area's name or an indicator's title": limits.MAX_TITLE_CHARS,
        "Characters in a package's folder name": limits.MAX_NAME_CHARS,
        "Characters in a source's web address": web_address.MAX_URL_CHARS,
        "A spreadsheet (.xlsx), once unzipped": limits.MAX_WORKBOOK_BYTES,
        "Files inside a spreadsheet": limits.MAX_WORKBOOK_PARTS,
        "Problems listed in one run of `transparency validate": limits.MAX_LISTED_PROBLEMS,
    }
    for label, value in expected.items():
        assert f"| {value:,}" in rows[label], label
    assert f"{limits.EARLIEST_DATE} to {limits.LATEST_DATE}" in rows["Meeting dates"]

"""A report's metadata is read once from datapackage.json, and a malformed descriptor never stops it."""

import json

from generator.core.contract import KEY
from generator.inputs.packages import load_package
from generator.inputs.report_metadata import Source, read_report_metadata
from support import GOOD_ROW, descriptor, write_package

NOTE = {
    **{k: GOOD_ROW.get(k, "") for k in KEY},
    "previous_value": "529",
    "revised_on": "2021-01-10",
    "reason": "Typing error in table 2.",
}


def test_a_package_carries_what_its_descriptor_says(tmp_path):
    package, problems = load_package(write_package(tmp_path / "leics", revisions=[NOTE]), tmp_path)
    assert problems == []
    meta = package.metadata
    assert meta.title == "Leicestershire: fixture report"
    assert (meta.publisher, meta.meeting_date, meta.authorities) == (
        "Leicestershire County Council",
        "2020-06-02",
        ("E10000018",),
    )
    assert meta.committee == "Children and Families Overview and Scrutiny Committee"
    assert meta.sources == (Source("Fixture report", "", ""),)
    assert [(c.title, c.role) for c in meta.contributors] == [("Tests", "wrangler")]
    assert [lic.name for lic in meta.licences] == ["OGL-UK-3.0"]
    [note] = meta.revisions
    assert (note.package, note.file, note.previous, note.revised_on) == (
        "leics",
        "leics/datapackage.json",
        ("529", ""),
        "2021-01-10",
    )


def test_a_report_without_a_meeting_keeps_its_explanation():
    d = descriptor(meeting_date=None, meeting_date_note="An annual report, not taken to a meeting.")
    meta = read_report_metadata("annual", "annual/datapackage.json", d)
    assert meta.meeting_date == ""
    assert meta.meeting_date_note == "An annual report, not taken to a meeting."


def test_fields_of_the_wrong_shape_read_as_empty_for_validation_to_report():
    d = {
        "authorities": "E10000018",
        "sources": ["Fixture report", {"title": "Report", "path": "https://example.org/r.pdf"}],
        "contributors": {"title": "Tests"},
        "licenses": None,
        "revisions": [{"reason": 3}, "not a note"],
        "resources": [],
    }
    meta = read_report_metadata("broken", "broken/datapackage.json", d)
    assert meta.title == "broken"  # no title: the package's name stands in
    assert (meta.publisher, meta.committee, meta.meeting_date) == ("", "", "")
    assert meta.authorities == ()
    assert meta.sources == (Source("Report", "https://example.org/r.pdf", ""),)
    assert meta.contributors == meta.licences == meta.revisions == ()


def test_a_descriptor_that_is_valid_json_but_no_report_still_loads(tmp_path):
    folder = write_package(tmp_path / "odd")
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    d.update(title=["a", "list"], authorities=[1, "E10000018"], revisions={"not": "a list"})
    (folder / "datapackage.json").write_text(json.dumps(d), encoding="utf-8")
    package, _ = load_package(folder, tmp_path)
    assert package.metadata.authorities == ("E10000018",)
    assert package.metadata.revisions == ()

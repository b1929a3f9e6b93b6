"""Stable per-page data files and figure permalinks, checked against the pages that show them."""

import json
import re

import pandas as pd
import pytest

from generator.core.contract import KEY
from generator.model.tidy import DOWNLOAD_COLUMNS, build_model
from generator.validation.validate import validate

LINK_ID = re.compile(r'<a id="(f-[0-9a-f]{16})"')
REPORT_LINK = re.compile(r'href="\.\./\.\./reports/([a-z0-9-]+)/#(f-[0-9a-f]{16})"')


@pytest.fixture(scope="module")
def site(real_build):
    return real_build / "site"


def _read(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _data_folders(site):
    return sorted(p.parent for p in site.glob("*/*/data.csv"))


@pytest.mark.slow  # reads the built site
def test_every_report_area_and_indicator_page_has_its_three_data_files(site):
    pages = {p.parent.relative_to(site).as_posix() for p in site.glob("*/*/index.html")}
    data = {p.relative_to(site).as_posix() for p in _data_folders(site)}
    expected = {p for p in pages if p.split("/")[0] in ("reports", "authorities", "indicators")}
    assert data == expected
    for folder in _data_folders(site):
        assert {p.name for p in folder.iterdir()} >= {"data.csv", "data.json", "metadata.json", "index.html"}


@pytest.mark.slow  # reads the built site
def test_data_files_parse_and_csv_json_and_metadata_agree(site):
    for folder in _data_folders(site):
        table = _read(folder / "data.csv")
        assert list(table.columns) == DOWNLOAD_COLUMNS
        rows = json.loads((folder / "data.json").read_text(encoding="utf-8"))
        assert rows == table.to_dict("records")
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        assert meta["rows"] == len(table)
        assert meta["licence"]["name"] == "OGL-UK-3.0"
        assert [c["name"] for c in meta["columns"]] == DOWNLOAD_COLUMNS
        assert all(c["description"] for c in meta["columns"])
        assert {s["package"] for s in meta["sources"]} == set(table["source_package"])
        assert meta["files"]["csv"] == folder.relative_to(site).as_posix() + "/data.csv"


def test_metadata_is_written_as_json_indents_it_and_dated_by_its_newest_report(site):
    """page_data.MetadataText writes each report's entry once and puts the document together
    itself: what it writes must be what json.dumps(indent=2) writes for the same document."""
    for folder in _data_folders(site):
        text = (folder / "metadata.json").read_text(encoding="utf-8")
        meta = json.loads(text)
        assert text == json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
        dates = [s["meeting_date"] for s in meta["sources"] if s["meeting_date"]]
        assert meta["last_changed"] == max(dates, default="")
        assert [s["package"] for s in meta["sources"]] == sorted(s["package"] for s in meta["sources"])


@pytest.mark.slow  # reads the built site
def test_a_report_pages_data_is_exactly_its_figures_table_in_order(site):
    for folder in sorted((site / "reports").glob("*/")):
        if not (folder / "data.csv").exists():
            continue
        ids = LINK_ID.findall((folder / "index.html").read_text(encoding="utf-8"))
        assert ids == list(_read(folder / "data.csv")["figure_id"]), folder.name


@pytest.mark.slow  # reads the built site
def test_an_indicator_pages_data_is_exactly_its_figures_table_in_order(site):
    for folder in sorted((site / "indicators").glob("*/")):
        if not (folder / "data.csv").exists():
            continue
        html = (folder / "index.html").read_text(encoding="utf-8")
        table = html.split('id="every-published-figure"', 1)[1]
        linked = [figure for _, figure in REPORT_LINK.findall(table)]
        assert linked == list(_read(folder / "data.csv")["figure_id"]), folder.name


@pytest.mark.slow  # reads the built site
def test_an_areas_data_holds_every_figure_for_that_area_with_the_download_values(site):
    everything = _read(site / "downloads/observations.csv")
    for folder in sorted((site / "authorities").glob("*/")):
        if not (folder / "data.csv").exists():
            continue
        mine = everything[everything["authority_code"] == folder.name]
        data = _read(folder / "data.csv")
        assert sorted(map(tuple, data.values.tolist())) == sorted(map(tuple, mine.values.tolist()))


@pytest.mark.slow  # reads the built site
def test_figure_ids_are_unique_and_every_link_to_a_figure_lands_on_a_row(site):
    ids_by_report = {}
    for folder in sorted((site / "reports").glob("*/")):
        if (folder / "index.html").exists():
            ids_by_report[folder.name] = LINK_ID.findall((folder / "index.html").read_text(encoding="utf-8"))
    every = [i for ids in ids_by_report.values() for i in ids]
    assert len(every) == len(set(every)) > 400
    for page in [*site.glob("indicators/*/index.html"), site / "discrepancies/index.html"]:
        html = page.read_text(encoding="utf-8").replace('href="../reports/', 'href="../../reports/')
        for report, figure in REPORT_LINK.findall(html):
            assert figure in ids_by_report[report], (page, report, figure)


def test_figure_ids_do_not_depend_on_row_order_or_titles(project):
    def ids(root):
        validation = validate([root / "datapackages"], root=root, registry_parent=root / "datapackages")
        model = build_model(validation)
        obs = model.observations
        keys = obs[["source_package", *KEY]].itertuples(index=False, name=None)
        return dict(zip(keys, obs["figure_id"], strict=True))

    before = ids(project)
    package = project / "datapackages/leicestershire-2020-06-02-help-and-protection"
    lines = (package / "observations.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (package / "observations.csv").write_text(lines[0] + "".join(reversed(lines[1:])), encoding="utf-8")
    descriptor = package / "datapackage.json"
    descriptor.write_text(descriptor.read_text().replace('"title": "', '"title": "Retitled ', 1))
    assert ids(project) == before


def test_a_measure_with_very_many_figures_links_to_its_data_instead_of_listing_it(monkeypatch, real_model):
    from generator.outputs.site.pages import indicator as indicator_pages

    monkeypatch.setattr(indicator_pages, "MAX_LISTED_FIGURES", 5)
    monkeypatch.setattr(indicator_pages, "MAX_CHART_COUNCILS", 1)
    page = indicator_pages.indicator_page(real_model, "cp_plans").context["indicator"]
    assert page["figures"] == [] and page["figure_count"] > 5
    assert page["councils_not_charted"] >= 2
    charted = {name for name in page["chart"].table_header[1:]} if page["chart"] else set()
    assert "Leicestershire" not in charted  # only comparators are drawn


def test_figure_lines_are_the_same_however_many_rows_are_made_at_a_time(monkeypatch, real_model):
    """The lines are made a slice of rows at a time, to bound a worker's memory at England scale;
    slices must not change a byte, nor leave a row out (a slice of 7 cuts the real model's
    figures into ragged pieces, the last one short)."""
    from generator.outputs import page_data

    every = real_model.observations.index.tolist()
    whole = page_data.FigureLines.from_model(real_model)
    monkeypatch.setattr(page_data, "_ROWS_AT_A_TIME", 7)
    sliced = page_data.FigureLines.from_model(real_model)
    assert len(whole.csv) == len(whole.json) == len(every)
    for kind in ("csv", "json"):
        assert getattr(sliced, kind).of(every) == getattr(whole, kind).of(every)
    some = every[::5]
    made = page_data.FigureLines.from_model(real_model, some)
    backwards = some[::-1]
    assert made.csv.of(backwards) == whole.csv.of(backwards)  # in the order asked for
    with pytest.raises(KeyError):
        made.json.of([every[1]])  # a row not made for this rebuild is never another row's line


def test_figure_lines_keep_every_character_and_line_break_of_a_row():
    """The lines live as UTF-8 in one buffer: a '£', an en dash, a line break in a quoted cell and
    a formula guard come out as the CSV writer made them."""
    from generator.outputs.page_data import Lines

    lines = Lines()
    lines.add([30, 10], ['"a\nb",£5\n', "–,='x\n"])
    lines.add([20], ["plain\n"])
    lines.done()
    assert lines.of([10, 20, 30]) == ["–,='x\n".encode(), b"plain\n", '"a\nb",£5\n'.encode()]
    assert len(lines) == 3


def test_each_pages_data_has_the_figures_of_its_page_in_its_tables_order(real_model):
    """page_data finds each page's rows from the table's columns, not from the figure index's
    records (which a forked writer would copy by reading): the same figures, in the order the
    page's figures table sorts them, from the same packages."""
    from generator.outputs.page_data import page_data
    from generator.outputs.site.figure_table import table_order

    index = real_model.index
    groups = {
        **{f"reports/{name}": figures for name, figures in index.by_package.items()},
        **{f"authorities/{code}": figures for code, figures in index.by_authority.items()},
        **{f"indicators/{name}": figures for name, figures in index.by_indicator.items()},
    }
    found = page_data(real_model)
    assert len(found) == len(real_model.packages) + len(index.by_authority) + len(index.by_indicator)
    for data in found:
        figures = sorted(groups.get(data.page.removesuffix(".md"), []), key=table_order)
        assert data.rows == [f.Index for f in figures], data.page
        assert data.sources == sorted({f.source_package for f in figures}), data.page


def test_the_tables_order_ranks_break_ties_by_the_models_order(real_model):
    """Rows equal in every sorting column keep the model's order, as a stable sort keeps them."""
    from generator.outputs.site.figure_table import table_order, table_ranks

    observations = real_model.observations.iloc[::-1]  # the same rows, labels out of order
    observations = pd.concat([observations, observations.iloc[:50]])  # and exact repeats
    ranks = table_ranks(observations)
    records = list(observations.itertuples())
    expected = sorted(range(len(records)), key=lambda i: table_order(records[i]))
    assert sorted(range(len(records)), key=ranks.__getitem__) == expected

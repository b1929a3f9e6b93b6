"""`transparency build` on the real packages: the public download contract and atomic builds.

Every test here reads or makes a whole site, so all are slow; those that only read one share the
session's build of the real project.
"""

import json
import os
import sys
import zipfile

import frictionless
import pandas as pd
import pytest

from generator.build import build_site
from generator.core.vocabulary import BLANKING_MARKERS
from generator.inputs.spreadsheet.template import template_bytes
from generator.project import Project
from support import GOOD_ROW, html_table, run_cli, run_process, site_files, write_package

pytestmark = pytest.mark.slow

CONTRACT_COLUMNS = [
    "authority_code", "authority_name", "indicator_id", "indicator_title", "unit", "period_label",
    "period_start", "period_end", "breakdown", "value", "marker", "source_package", "provenance",
]  # fmt: skip


@pytest.fixture
def built(real_site):
    """The session's build of the real project and its model (shared: read, never change)."""
    return real_site


def test_download_has_the_contract_columns_and_one_row_per_observation(built):
    project, model = built
    table = pd.read_csv(project / "site/downloads/observations.csv", dtype=str, keep_default_na=False)
    assert set(CONTRACT_COLUMNS) <= set(table.columns)
    assert len(table) == len(model.observations)
    assert table["source_package"].nunique() == len(model.packages)
    # Only a figure the report gives no calendar period (latest:, recent:) has no dates of its own.
    undated = table["period"].str.startswith(("latest:", "recent:"))
    assert undated.any()
    assert (table.loc[undated, ["period_start", "period_end"]] == "").all().all()
    dated = table[~undated]
    for column in ("period_start", "period_end"):
        parsed = pd.to_datetime(dated[column], format="%Y-%m-%d", errors="coerce")
        assert parsed.notna().all(), column
    assert (dated["period_start"] <= dated["period_end"]).all()


def test_markers_are_never_written_as_zero(built):
    project, _ = built
    table = pd.read_csv(project / "site/downloads/observations.csv", dtype=str, keep_default_na=False)
    marked = table[table["marker"].isin(BLANKING_MARKERS)]
    assert len(marked) > 0
    assert (marked["value"] == "").all()


def test_download_descriptor_passes_frictionless(built):
    project, _ = built
    report = frictionless.validate(str(project / "site/downloads/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_each_package_is_downloadable_as_it_is_in_the_repository(built):
    project, model = built
    for package in model.packages:
        archive = project / f"site/downloads/packages/{package.name}.zip"
        with zipfile.ZipFile(archive) as z:
            original = (package.directory / "observations.csv").read_bytes()
            assert z.read(f"{package.name}/observations.csv") == original
        copy = project / f"site/downloads/packages/{package.name}/datapackage.json"
        assert copy.read_bytes() == (package.directory / "datapackage.json").read_bytes()
    # Beside the packages, the spreadsheet template publishers fill in (test_spreadsheet.py checks it).
    assert (project / "site/downloads/template.xlsx").read_bytes() == template_bytes(model.registry)


def test_a_page_per_report_lists_its_figures_with_provenance(built):
    project, _ = built
    page = (project / "build/docs/reports/leicestershire-2020-06-02-help-and-protection.md").read_text()
    table = html_table(page, "Measure", "Period", "Value", "Where in the report")
    rows = [row for row in table.rows if row[0] == "# Children on child protection plans"]
    # the "Period"/"Value" labels of a stacked row come from the stylesheet, not the cells
    assert ["# Children on child protection plans", "17 May 2020", "529", "para 16"] in rows, rows
    html = project / "site/reports/leicestershire-2020-06-02-help-and-protection/index.html"
    assert "Children on child protection plans" in html.read_text()


def test_both_versions_of_a_disputed_figure_are_shown_with_sources(built):
    project, _ = built
    page = (project / "site/discrepancies/index.html").read_text()
    assert "548" in page and "555" in page


def test_hostile_text_is_escaped_not_executed(hostile_build):
    # hostile_build's package "hostile" has one row noted with HOSTILE_MARKDOWN (conftest.py).
    html = (hostile_build / "site/reports/hostile/index.html").read_text()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html and 'src="x"' not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_build_says_what_it_built_and_a_failed_build_leaves_that_site_untouched(one_report):
    project = one_report
    built = run_cli("build", cwd=project)
    assert built.returncode == 0, built.stderr
    assert built.stdout.endswith("/site: 1 report, 45 figures.\n")  # counted as a reader would say it
    assert "rendering pages" not in built.stderr  # progress is for terminals, not CI logs
    descriptor = json.loads((project / "site/downloads/datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"] == "OGL-UK-3.0"
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    write_package(project / "datapackages/broken", [{**GOOD_ROW, "period": "Q1 2018/19"}])
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "period-grammar" in result.stderr
    assert "previous site/ is unchanged" in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".build-*"))


def test_two_builds_are_byte_identical(project, real_build):
    """A build in another folder, by another process with another hash seed, is the session's
    build byte for byte: neither set and dict order nor where the project sits reaches a page."""
    assert sys.flags.hash_randomization and os.environ.get("PYTHONHASHSEED") != "1"
    assert run_process("build", "--full", cwd=project, env={"PYTHONHASHSEED": "1"}).returncode == 0
    first, second = site_files(real_build), site_files(project)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_edit_links_open_the_source_file_of_each_page(one_report, monkeypatch):
    project = one_report
    monkeypatch.setenv("REPO_URL", "https://github.com/example/transparency/")
    build_site(Project(project))
    site = project / "site"
    edit = "https://github.com/example/transparency/edit/main/"

    def edit_link(page: str) -> str | None:
        html = (site / page / "index.html").read_text()
        start = html.find('rel="edit')  # rel="edit noopener noreferrer"
        if start == -1:
            return None
        tag = html[html.rfind("<a ", 0, start) : start]
        return tag.split('href="')[1].split('"')[0]

    report = "leicestershire-2020-06-02-help-and-protection"
    assert edit_link(f"reports/{report}") == f"{edit}datapackages/{report}/observations.csv"
    assert edit_link("indicators/cp_plans") == f"{edit}datapackages/registry/indicators.csv"
    assert edit_link("about") == f"{edit}content/about.md"
    assert edit_link("discrepancies") is None  # made only from other pages' figures
    assert 'rel="edit noopener noreferrer"' in (site / "about/index.html").read_text()  # another site


def test_without_a_repository_address_there_are_no_edit_links(built):
    project, _ = built
    assert 'rel="edit' not in (project / "site/about/index.html").read_text()


def test_search_indexes_titles_definitions_and_summaries_not_the_big_tables(built):
    project, _ = built
    index = json.loads((project / "site/search/search_index.json").read_text())
    locations = [entry["location"] for entry in index["docs"]]
    report = "reports/leicestershire-2020-06-02-help-and-protection/"
    assert report in locations and f"{report}#summary" in locations
    assert f"{report}#every-figure-in-this-report" not in locations
    assert "indicators/cp_plans/#every-published-figure" not in locations
    assert not any(location.startswith("reports/#") or location == "reports/" for location in locations)
    # No chart's summary is indexed: on report and area pages the same sentences would bury the
    # pages people look for under thousands of near-repeats, and an indicator's chart has a
    # sentence for each line drawn, every council's neighbour average among them, which at England
    # scale x4 is more than Zensical's search index takes for one field (its build stopped there).
    # The indicator is found by its title and definition, the page's first section.
    assert "indicators/cp_plans/" in locations
    assert [loc for loc in locations if loc.endswith("-over-time")] == []
    assert "authorities/E10000018/" in locations and "authorities/E10000018/#reports" not in locations
    text = " ".join(entry["text"] for entry in index["docs"] if entry["location"].startswith("authorities/"))
    assert "<table" not in text

    # Maintainers' notes kept beside the site's files (assets/js/README.md) are not public pages.
    assert not any(location.startswith("assets/") for location in locations)
    assert not list((project / "site/assets").rglob("*.html"))


def test_the_navigation_leads_to_councils_and_each_council_page_to_its_reports_and_averages(built):
    """Reports and neighbour averages are not in the navigation (at England scale they were most
    of every page's weight); each is one step from its council's page, and leads back to it."""
    project, model = built
    nav = json.loads((project / "build/mkdocs.yml").read_text())["nav"]
    assert {"Reports": "reports/index.md"} in nav
    authorities = json.dumps(next(item["Authorities"] for item in nav if "Authorities" in item))
    assert '"Leicestershire": "authorities/E10000018.md"' in authorities
    assert "SN-" not in authorities and "SNCALC-" not in authorities
    site = project / "site"
    council = (site / "authorities/E10000018/index.html").read_text()
    mine = [
        p.name for p in model.packages if "E10000018" in p.metadata.authorities and not p.metadata.publication
    ]
    assert len(mine) >= 5 and all(f'href="../../reports/{name}/"' in council for name in mine)
    report = (site / f"reports/{mine[0]}/index.html").read_text()
    assert 'More from <a href="../../authorities/E10000018/">Leicestershire</a>' in report
    assert '<a href="../">All reports</a>' in report
    averages = [c for c in model.index.by_authority if c.endswith("E10000018") and c.startswith("SN")]
    assert averages
    for code in averages:
        assert f'href="../{code}/"' in council
        assert 'href="../E10000018/"' in (site / f"authorities/{code}/index.html").read_text()
        assert f'href="{code}/"' in (site / "authorities/index.html").read_text()


def test_the_engine_runs_after_the_model_is_let_go_and_the_command_line_still_counts(one_report, monkeypatch):
    """The engine's memory does not stack on the generator's: at England scale x4 the model and
    what was read to make it are 1.5 GB. Neither the build's validation nor its model is alive
    once the engine starts. While the generator runs, what it keeps is out of the collector's
    sight (core/memory.py); by the time the engine starts, nothing is: so its cycles can be freed."""
    import dataclasses
    import gc
    import weakref

    import generator.build
    from generator.outputs.engines import engine_named

    made, alive_at_engine, frozen_after_validation, frozen_at_engine = [], [], [], []
    real_validate, real_model, mkdocs = (
        generator.build.validate,
        generator.build.build_model,
        engine_named("mkdocs"),
    )

    def validate(*args, **kwargs):
        made.append(weakref.ref(result := real_validate(*args, **kwargs)))
        frozen_after_validation.append(gc.get_freeze_count())
        return result

    def build_model(validation):
        made.append(weakref.ref(result := real_model(validation)))
        return result

    def render_site(*args, **kwargs):
        frozen_at_engine.append(gc.get_freeze_count())
        gc.collect()
        alive_at_engine.extend(type(ref()).__name__ for ref in made if ref() is not None)
        return mkdocs.render_site(*args, **kwargs)

    monkeypatch.setattr(generator.build, "validate", validate)
    monkeypatch.setattr(generator.build, "build_model", build_model)
    monkeypatch.setattr(
        generator.build, "engine_named", lambda name: dataclasses.replace(mkdocs, render_site=render_site)
    )
    done = run_cli("build", cwd=one_report)
    assert done.returncode == 0, done.stderr
    assert len(made) == 2 and alive_at_engine == []
    assert frozen_after_validation[0] > 10_000 and frozen_at_engine == [0]
    assert done.stdout.splitlines()[-1].endswith("/site: 1 report, 45 figures.")

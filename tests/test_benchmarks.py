"""The benchmark's synthetic England: deterministic, valid and buildable. No timings are asserted."""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.areas import ENGLAND_AUTHORITIES, build_areas
from benchmarks.baseline import close_figure_rows, strip_charts
from benchmarks.synthesise import REAL_REGISTRY, council_count, main, synthesise
from generator.validation.validate import validate


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("england")
    synthesise(out, seed=1, councils=2)
    return out


def test_the_same_seed_writes_identical_files_and_another_seed_does_not(synthetic, tmp_path):
    synthesise(tmp_path / "again", seed=1, councils=2)
    synthesise(tmp_path / "other", seed=2, councils=2)
    first = _tree(synthetic)
    assert _tree(tmp_path / "again") == first
    other = _tree(tmp_path / "other")
    observations = [name for name in first if name.endswith("observations.csv")]
    assert len(observations) == 20  # ten yearly reports for each council
    assert any(other.get(name) != first[name] for name in observations)


def test_scale_one_is_englands_153_councils_with_codes_in_the_right_series():
    assert council_count(1) == ENGLAND_AUTHORITIES == 153
    assert council_count(0.1) == 15 and council_count(4) == 612
    areas = build_areas(REAL_REGISTRY, 612, np.random.default_rng(1))
    codes = [c.code for c in areas.councils]
    assert len(set(codes)) == 612
    series = {"county": "E10", "unitary": "E06", "metropolitan": "E08", "london_borough": "E09"}
    for council in areas.councils:
        assert re.fullmatch(r"E\d{8}", council.code)
        assert council.code.startswith(series[council.type])
        assert council.real or council.name.startswith("Synthetic council ")
    assert len({c.region for c in areas.councils[:153]}) == 9
    assert areas.neighbours.shape == (612, 10)
    assert not (areas.neighbours == np.arange(612)[:, None]).any()  # no council neighbours itself


def test_the_synthetic_project_validates_with_only_the_deliberate_warnings(synthetic):
    result = validate(
        [synthetic / "datapackages"], root=synthetic, registry_parent=synthetic / "datapackages"
    )
    assert result.errors == []
    assert {p.check for p in result.problems} == {"cross-package-discrepancy"}
    sizes = result.observations.groupby("_package").size()
    assert len(sizes) == 20 and sizes.between(40, 120).all()
    obs = result.observations
    assert set(obs["marker"]) >= {"", "u"} and (obs["numerator"] != "").any()
    assert {"FY2019/20", "FY2019/20-Q1", "2020-03-31"} <= set(obs["period"])
    assert {"E10000018", "E92000001", "SN-E10000018"} <= set(obs["authority_code"])


def test_synthesise_refuses_to_write_over_a_folder_it_did_not_make(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["--authorities", "1", "--out", str(tmp_path)]) == 1
    assert "is not a synthetic project" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_the_baseline_drops_chart_drawings_but_keeps_their_text_and_tables():
    page = (
        "# Page\n\n"
        '<div class="chart" id="chart-1" data-chart="chart-1-data" role="img" aria-label="x"></div>\n'
        '<script type="application/json" id="chart-1-data">{"data":[]}</script>\n\n'
        "Referrals rose from 1 to 2.\n\n| Period | Leicestershire |\n|---|---|\n| 2020 | 2 |\n"
    )
    plain, charts = strip_charts(page)
    assert charts == 1
    assert "<script" not in plain and 'class="chart"' not in plain
    assert "Referrals rose from 1 to 2." in plain and "| 2020 | 2 |" in plain


def test_the_baseline_closes_the_figures_tables_cells_and_rows_and_nothing_else():
    """A plain MkDocs page closes its tags; the figures table leaves them out (report.md.j2)."""
    row = (
        '<tr><td><a id="f-1" href="#f-1" aria-labelledby="f-1-name">#</a> Referrals<td>2020<td>12 %'
        "<td>Table 1 <details><summary>Note</summary>Provisional &lt;td&gt;</details>\n"
    )
    page = (
        "# Report\n\n<table>\n<tbody>\n"
        + row
        + row.replace("f-1", "f-2")
        + "</tbody>\n</table>\n\n<tr><td>x\n"
    )
    closed = close_figure_rows(page)
    assert closed.count("<tr><td><a id=") == 2
    assert (
        '<tr><td><a id="f-1" href="#f-1" aria-labelledby="f-1-name">#</a> Referrals</td><td>2020</td>'
        "<td>12 %</td><td>Table 1 <details><summary>Note</summary>Provisional &lt;td&gt;</details>"
        "</td></tr>\n"
    ) in closed
    assert closed.endswith("</table>\n\n<tr><td>x\n")  # not a figures row: left as it is


GRANDCHILD_HOLDS_300_MB = """
import subprocess, sys
hold = "import time; block = bytearray(300 << 20); block[::4096] = b'x' * len(block[::4096]); time.sleep(2)"
subprocess.run([sys.executable, "-c", hold], check=True)
"""


def test_the_whole_builds_memory_counts_every_process_it_starts():
    """A build's workers are its children and grandchildren: the tree's memory is theirs added up."""
    import subprocess
    import sys

    from benchmarks.tree_memory import TreeSampler, available

    if not available():
        pytest.skip("no /proc/PID/smaps_rollup on this system")
    process = subprocess.Popen([sys.executable, "-c", GRANDCHILD_HOLDS_300_MB])
    with TreeSampler(process.pid, interval=0.05) as memory:
        assert process.wait(timeout=60) == 0
    assert 300 <= memory.peak_mb < 600  # the grandchild's block, plus two interpreters
    # Each sample keeps its time, so a stage's own peak can be read back; none after the end.
    first, last = memory.samples[0][0], memory.samples[-1][0]
    assert memory.peak_mb_between(first, None) == memory.peak_mb
    assert memory.peak_mb_between(first, first) is None
    assert memory.peak_mb_between(last + 1, None) is None


@pytest.mark.slow  # runs the benchmark
def test_the_benchmark_measures_a_full_build_the_baseline_and_an_incremental_rebuild(tmp_path):
    from benchmarks.run import main as run_benchmark

    results = tmp_path / "results"
    project = tmp_path / "project"
    assert run_benchmark(["--authorities", "1", "--keep", str(project), "--results", str(results)]) == 0
    report = json.loads((results / "authorities-1.json").read_text(encoding="utf-8"))
    assert list(report["engines"]) == ["mkdocs", "zensical"]  # both engines, side by side
    for engine, measured in report["engines"].items():
        stages = [s["stage"] for s in measured["pipeline"]["stages"]]
        assert stages == ["validate", "docs", "engine", "publish"]
        assert measured["pipeline"]["validation"]["packages"] == 10
        checks = measured["pipeline"]["domain_checks"]
        assert checks["rows"] == report["input"]["observations"]
        assert set(checks["per_check_seconds"]) >= {"duplicate-key", "cross-package-discrepancy"}
        assert measured["baseline"]["charts_removed"] > 0
        # The plain build's own peak memory: an engine process holds far more than an empty Python
        assert measured["baseline"]["peak_rss_mb"] > 50, engine
        # and the whole tree's, ours and the plain build's, sampled from outside
        assert measured["pipeline"]["tree_peak_pss_mb"] > 50, engine
        assert measured["baseline"]["tree_peak_pss_mb"] > 50, engine
        # and each stage's own share of it, which says which stage needed the memory
        by_stage = [s["tree_peak_pss_mb"] for s in measured["pipeline"]["stages"] if s["tree_peak_pss_mb"]]
        assert by_stage and max(by_stage) <= measured["pipeline"]["tree_peak_pss_mb"], engine
        # The same pages: the baseline is built from our docs (404 page included by both themes),
        # and no maintainers' note beside our assets is a page (the one page more it once was).
        assert measured["site"]["html_pages"] == measured["baseline"]["site"]["html_pages"], engine
        assert measured["site"]["search_index_bytes"] > 0, engine
    rebuild = report["engines"]["mkdocs"]["rebuild"]
    assert "rebuild_seconds" in rebuild, rebuild
    # Incremental: the changed report's page, its area's and indicator's pages and the home page,
    # not the whole site.
    assert 0 < rebuild["html_pages_rewritten"] < report["engines"]["mkdocs"]["site"]["html_pages"] / 2
    # The generator made again only the pages the changed figure is on, with either engine.
    for engine, measured in report["engines"].items():
        for key in ("rebuild", "later_rebuild"):  # the later one in the folders the first kept
            made = measured[key]
            assert 0 < made["generated_pages_made_again"] < made["generated_pages"] / 2, (engine, key, made)
    # Zensical has no dirty builds: its rebuild writes every page again (from its cache).
    zensical = report["engines"]["zensical"]
    assert zensical["rebuild"]["html_pages_rewritten"] == zensical["site"]["html_pages"]
    # The synthetic project builds into a site whose report pages are the synthesised reports.
    reports = sorted((project / "site" / "reports").glob("*-performance/index.html"))
    assert len(reports) == 10 and all("Synthetic performance report" in r.read_text() for r in reports)
    markdown = (results / "authorities-1.md").read_text(encoding="utf-8")
    measures = (
        "total / baseline",
        "peak memory of the plain build",
        "rows/s",
        "median page weight",
        "search index",
        "rebuild / full build",
        "later rebuild / full build",
    )
    assert "generated pages the rebuild made again" in markdown
    assert all(measure in markdown for measure in measures)


def test_the_page_breakdown_finds_each_part_whole_and_its_parts_add_up_to_the_page():
    from benchmarks.page_weight import REST, page_parts

    toc = '<nav class="md-nav md-nav--secondary" aria-label="Table of contents"><ul></ul></nav>'
    navigation = (
        '<nav class="md-nav md-nav--primary"><ul><li><nav class="md-nav" data-md-level="1">'
        f"<ul><li>Reports</li></ul></nav>{toc}</li></ul></nav>"
    )
    chart = '<script type="application/json" id="chart-1-data">{"data": []}</script>'
    table = "<table><tr><td>1</td></tr></table>"
    article = f'<article class="md-content__inner md-typeset"><h1>A</h1>{chart}{table}</article>'
    header = '<header class="md-header"><nav class="md-header__inner">x</nav></header>'
    config = '<script id="__config" type="application/json">{}</script>'
    page = f"<!doctype html><html><body>{header}{navigation}{toc}   {article}{config}</body></html>"
    parts = page_parts(page.encode())
    assert parts["site navigation"] == len(navigation)  # its nested <nav>s do not end it early
    assert parts["site navigation: page's table of contents again (small screens)"] == len(toc)
    assert parts["table of contents"] == len(toc)  # the sidebar's only, not the copy in the navigation
    assert parts["header"] == len(header) and parts["article"] == len(article)
    assert parts["article: chart data (inline JSON)"] == len(chart)
    assert parts["article: tables"] == len(table)
    assert parts["theme configuration (inline JSON)"] == len(config)
    whole = ("header", "site navigation", "table of contents", "article", "theme configuration (inline JSON)")
    assert sum(parts[p] for p in whole) + parts["footer"] + parts[REST] == parts["page"] == len(page)
    assert parts["whitespace runs (beyond one character)"] == 2


def test_every_council_at_england_scale_names_its_packages_validly():
    from benchmarks.reports import Report
    from generator.inputs.scaffold import slug_error

    areas = build_areas(REAL_REGISTRY, ENGLAND_AUTHORITIES, np.random.default_rng(1))
    assert any("," in c.name for c in areas.councils)  # Bournemouth, Christchurch and Poole
    slugs = [Report.slug.fget(SimpleNamespace(council=c, meeting="2020-06-02")) for c in areas.councils]
    assert [s for s in slugs if slug_error(s)] == []


def test_the_checks_benchmark_times_every_check_and_writes_what_each_found(synthetic, tmp_path, capsys):
    from benchmarks.checks_speed import main as checks_speed
    from generator.validation.checks import CHECKS

    problems, numbers = tmp_path / "problems.jsonl", tmp_path / "numbers.json"
    args = ["--project", str(synthetic), "--repeat", "1", "--problems", str(problems), "--json", str(numbers)]
    assert checks_speed(args) == 0
    measured = json.loads(numbers.read_text(encoding="utf-8"))
    assert list(measured["per_check_seconds"]) == [check.id for check in CHECKS]
    assert measured["rows"] == len(validate([synthetic / "datapackages"], root=synthetic).observations)
    found = [json.loads(line) for line in problems.read_text(encoding="utf-8").splitlines()]
    assert found and {p["check"] for p in found} == {"cross-package-discrepancy"}
    assert "rows/s" in capsys.readouterr().out


def test_an_engine_that_cannot_build_is_a_result_beside_the_others(tmp_path, monkeypatch):
    """Zensical stopped at England scale x4; the run keeps MkDocs's measurements and says why."""
    import argparse

    from benchmarks import run

    def measure_engine(project, args, engine, notes):
        if engine == "zensical":
            raise run.BuildError("the stage measurement failed: search index limit")
        return {"pipeline": {"stages": []}}

    monkeypatch.setattr(run, "measure_engine", measure_engine)
    args = argparse.Namespace(
        authorities=1, scale=1.0, seed=1, real=False, engine=None, profile=None, timeout=0
    )
    report = run.measure(tmp_path / "project", args, "authorities-1", tmp_path)
    assert list(report["engines"]) == ["mkdocs"]
    assert report["failed"] == {"zensical": "the stage measurement failed: search index limit"}
    assert any(note.startswith("Zensical did not build this project: ") for note in report["notes"])
    monkeypatch.setattr(run, "measure_engine", lambda *a: (_ for _ in ()).throw(run.BuildError("no")))
    with pytest.raises(run.BuildError, match="no engine built the project: no; no"):
        run.measure(tmp_path / "again", args, "authorities-1", tmp_path)


def test_each_engine_that_built_is_profiled_when_asked(tmp_path, monkeypatch):
    import argparse

    from benchmarks import run

    asked = []
    monkeypatch.setattr(run, "measure_engine", lambda *a: {"pipeline": {"stages": []}})
    monkeypatch.setattr(run, "_stage_process", lambda project, timeout, extra: asked.append(extra))
    args = argparse.Namespace(
        authorities=1, scale=1.0, seed=1, real=False, engine=None, profile=["docs"], timeout=0
    )
    report = run.measure(tmp_path / "project", args, "authorities-1", tmp_path)
    assert [extra[1] for extra in asked] == ["mkdocs", "zensical"]
    assert [p.rsplit("/", 1)[-1] for p in report["profiles"]] == [
        "authorities-1-profile-docs.txt",
        "authorities-1-zensical-profile-docs.txt",
    ]

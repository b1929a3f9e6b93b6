"""The national registry and DfE's releases as packages (`transparency import-official`).

The official files are read here with the plain csv module, independently of the reader in
generator/inputs/official/, so that a mistake in the reader shows as a difference.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator.build import build_site
from generator.inputs.official.importer import import_official
from generator.inputs.registry import load_registry
from generator.inputs.scaffold import authority_error
from generator.project import Project
from support import ROOT, built_once, copy_project, html_table, run_cli

OFFICIAL = ROOT / "sources" / "official"
REGISTRY = ROOT / "datapackages" / "registry"
PACKAGES = (
    "dfe-children-in-need",
    "dfe-child-protection-plans",
    "dfe-children-looked-after",
    "dfe-care-leavers",
    "dfe-social-work-workforce",
)
CALCULATED = "calculated-comparators"
AREA_FILES = sorted(p.name for p in OFFICIAL.glob("*.csv") if not p.name.startswith(("sn_", "New_", "ons_")))
LATEST = 2025


def raw_rows(name: str) -> list[dict[str, str]]:
    with (OFFICIAL / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_code(row: dict[str, str]) -> str:
    level = row["geographic_level"]
    if level == "National":
        return row["country_code"]
    if level == "Regional":
        return row["region_code"]
    return "-".join(part.strip() for part in row["new_la_code"].split("/"))


@pytest.fixture(scope="module")
def areas() -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in table(REGISTRY / "authorities.csv")}


@pytest.fixture(scope="module")
def registry():
    found, problems = load_registry(ROOT / "datapackages", ROOT)
    assert found is not None, problems
    return found


def package_rows(name: str) -> list[dict[str, str]]:
    return table(ROOT / "datapackages" / name / "observations.csv")


def test_every_gss_code_in_the_official_files_is_in_the_registry(areas):
    codes = {raw_code(row) for name in AREA_FILES for row in raw_rows(name)}
    assert len(codes) > 170
    assert codes - set(areas) == set()
    # Regions, London's two halves, and the combined rows are areas of their own.
    assert {"E92000001", "E12000007", "E13000001", "E13000002"} <= codes
    assert areas["E06000061-E06000062"]["type"] == "combined"
    assert areas["E09000021-E09000027"]["type"] == "combined"
    assert areas["E13000001"]["region_code"] == "E12000007"


def test_every_dfe_code_and_name_is_read_from_the_files(areas):
    for row in raw_rows("b1_children_in_need_2013_to_2025.csv"):
        if row["geographic_level"] == "Local authority" and row["time_period"] == str(LATEST):
            area = areas[row["new_la_code"]]
            assert area["dfe_code"] == row["old_la_code"]
            assert area["last_year"] == str(LATEST)


def test_boundary_changes_are_recorded_with_their_years(registry):
    changes = {(r.predecessor_code, r.successor_code): r for r in registry.changes.itertuples()}
    assert set(registry.successors("E10000021")) == {"E06000061", "E06000062"}  # Northamptonshire
    assert set(registry.successors("E10000006")) == {"E06000063", "E06000064"}  # Cumbria
    assert set(registry.predecessors("E06000058")) == {"E06000028", "E06000029", "E10000009"}  # BCP
    for old, new in [("E10000023", "E06000065"), ("E10000027", "E06000066"), ("E10000002", "E06000060")]:
        assert changes[(old, new)].change == "recoded"
    assert int(changes[("E10000021", "E06000061")].year) == 2022
    area = registry.area
    assert int(area["E10000021"]["last_year"]) == 2021 and int(area["E06000061"]["first_year"]) == 2022


@pytest.mark.parametrize("model", ["dfe-2021", "dfe-2025"])
def test_each_neighbour_model_gives_ten_ranked_neighbours_per_council_all_in_the_registry(
    registry, areas, model
):
    rows = registry.model_neighbours[registry.model_neighbours["model"] == model]
    assert len(rows) > 1400
    for council, group in rows.groupby("authority_code"):
        assert [int(r) for r in group["rank"]] == list(range(1, 11)), council
        assert council in areas and set(group["neighbour_code"]) <= set(areas)
        assert council not in set(group["neighbour_code"])
        assert all(group["band"].str.len() > 0)
    about = registry.neighbour_models.set_index("model").loc[model]
    assert about["source_file"].startswith("sources/official/") and len(about["source_sha256"]) == 64


def test_the_2025_model_covers_every_current_council_and_reads_dfe_codes_as_they_were(registry):
    rows = registry.model_neighbours
    latest = set(rows.loc[rows["model"] == "dfe-2025", "authority_code"])
    assert {"E06000063", "E06000064", "E06000065", "E06000066"} <= latest  # councils of 2023
    earlier = set(rows.loc[rows["model"] == "dfe-2021", "authority_code"])
    assert "E10000023" in earlier and "E06000065" not in earlier  # North Yorkshire, 815, in 2021
    # Kent (886)'s nearest in the 2025 model, as the file gives it, read independently.
    lines = list(csv.reader((OFFICIAL / "sn_model_2025_wide.csv").read_text("utf-8-sig").splitlines()))
    kent = next(line for line in lines if line[0] == "886")
    nearest = [
        code
        for code, a in registry.area.items()
        if a["dfe_code"] == kent[4] and str(a["last_year"]) == str(LATEST) and not registry.successors(code)
    ]
    ranked = rows[(rows["model"] == "dfe-2025") & (rows["authority_code"] == "E10000016")]
    assert list(ranked["neighbour_code"])[:1] == nearest
    assert ranked["band"].iloc[0] == kent[5].strip().capitalize()


def test_the_cambridgeshire_reports_own_neighbours_are_kept_as_the_reports(registry):
    stated = registry.neighbours[registry.neighbours["authority_code"] == "E10000003"]
    assert len(stated) == 10 and stated["source"].str.contains("Cambridgeshire").all()


def test_a_suppressed_cell_stays_a_marker_with_no_value():
    raw = raw_rows("d5_cpps_at31march_by_duration_2013_to_2025.csv")
    line, row = next((n, r) for n, r in enumerate(raw, start=2) if r["2_years_or_more_percent"] == "c")
    figures = {r["provenance"]: r for r in package_rows("dfe-child-protection-plans")}
    figure = figures[
        f"d5_cpps_at31march_by_duration_2013_to_2025.csv, row {line}, column 2_years_or_more_percent"
    ]
    assert (figure["value"], figure["marker"]) == ("", "c")
    assert figure["authority_code"] == raw_code(row)
    # DfE's u (a figure withheld as unreliable) has no value either: marker x, the note says u.
    workforce = package_rows("dfe-social-work-workforce")
    withheld = [r for r in workforce if r["note"].startswith("DfE's symbol u")]
    assert withheld and all(r["value"] == "" and r["marker"] == "x" for r in withheld)
    every = [r for name in [*PACKAGES, CALCULATED] for r in package_rows(name)]
    assert all((r["value"] == "") == (r["marker"] in ("c", "x", "z", "low")) for r in every)


def test_a_combined_figure_is_attributed_to_neither_council():
    raw = raw_rows("csww_indicators_2017_to_2025.csv")
    combined = [r for r in raw if r["old_la_code"] == "940 / 941"]
    assert combined
    figures = package_rows("dfe-social-work-workforce")
    joined = [f for f in figures if f["authority_code"] == "E06000061-E06000062"]
    assert len(joined) == 5 * len(combined)  # five measures a row
    assert all("together" in f["note"] for f in joined)
    assert not [f for f in figures if f["authority_code"] in ("E06000061", "E06000062")]
    averaged = {r["authority_code"] for r in package_rows(CALCULATED)}
    assert "SNCALC-E06000061-E06000062" not in averaged and "SNCALC-E06000061" in averaged
    turnover = {f["period"]: f["value"] for f in joined if f["indicator_id"] == "dfe_sw_turnover_pct"}
    assert (
        turnover["2024-10/2025-09"]
        == next(r for r in combined if r["time_period"] == "2025")["turnover_rate_fte"]
    )


def test_rerunning_the_import_reproduces_every_package_and_the_registry_byte_for_byte(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(REGISTRY, tmp_path / "datapackages" / "registry")
    summary = import_official(tmp_path)
    assert sorted(summary.packages) == sorted([*PACKAGES, CALCULATED]) and summary.figures > 40_000
    for name in [*PACKAGES, CALCULATED]:
        for file in ("datapackage.json", "observations.csv"):
            written = (tmp_path / "datapackages" / name / file).read_bytes()
            assert written == (ROOT / "datapackages" / name / file).read_bytes(), f"{name}/{file}"
    for file in ("authorities.csv", "area_changes.csv", "neighbour_models.csv", "model_neighbours.csv"):
        assert (tmp_path / "datapackages" / "registry" / file).read_bytes() == (REGISTRY / file).read_bytes()
    assert import_official(tmp_path).changed == []


def test_a_changed_official_file_is_refused(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(REGISTRY, tmp_path / "datapackages" / "registry")
    with (tmp_path / "sources" / "official" / "csww_indicators_2017_to_2025.csv").open("a") as f:
        f.write("\n")
    result = run_cli("import-official", cwd=tmp_path)
    assert result.returncode == 1
    assert "differs from its checksum" in result.stderr
    assert not (tmp_path / "datapackages" / "dfe-children-in-need").exists()


def test_every_official_package_names_its_source_files_with_checksums_and_the_licence():
    import hashlib
    import json

    for name in PACKAGES:
        d = json.loads((ROOT / "datapackages" / name / "datapackage.json").read_text("utf-8"))
        assert d["publisher"] == "Department for Education" and d["licenses"][0]["name"] == "OGL-UK-3.0"
        for source in d["sources"]:
            assert hashlib.sha256((ROOT / source["file"]).read_bytes()).hexdigest() == source["sha256"]


def test_new_works_for_every_current_council_and_names_the_successor_of_a_replaced_one(registry):
    current = [
        code
        for code, a in registry.area.items()
        if a["type"] in ("county", "unitary", "metropolitan", "london_borough")
        and str(a.get("last_year")) == str(LATEST)
        and not registry.successors(code)
    ]
    assert len(current) == 153
    assert [code for code in current if authority_error(code, registry)] == []
    message = authority_error("E10000006", registry)
    assert "Cumbria" in message and "Cumberland (E06000063)" in message
    assert "Westmorland and Furness (E06000064)" in message
    assert "not a council" in authority_error("E06000061-E06000062", registry)


def test_new_command_for_a_current_and_a_replaced_council(tmp_path):
    copy_project(ROOT, tmp_path)
    args = ["--title", "T", "--committee", "C", "--meeting-date", "2024-06-01", "--publisher", "P"]
    made = run_cli("new", "kent-2024-06-01-report", "--authority", "E10000016", *args, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    refused = run_cli("new", "cumbria-2024-06-01-report", "--authority", "E10000006", *args, cwd=tmp_path)
    assert refused.returncode == 1 and "Cumberland (E06000063)" in refused.stderr
    assert not (tmp_path / "datapackages" / "cumbria-2024-06-01-report").exists()


def _national_project(root: Path) -> Path:
    copy_project(ROOT, root, national=True)
    build_site(Project(root))
    return root


@pytest.fixture(scope="module")
def national_build(tmp_path_factory) -> Path:
    """The whole national project (reports and the official packages) built once."""
    return built_once(tmp_path_factory, "national", _national_project)


@pytest.mark.slow
def test_sampled_official_cells_are_in_the_public_download(national_build):
    with (national_build / "site" / "downloads" / "observations.csv").open(encoding="utf-8") as handle:
        download = {
            (r["authority_code"], r["indicator_id"], r["period"], r["breakdown_category"]): r
            for r in csv.DictReader(handle)
            if r["source_package"].startswith("dfe-") or r["source_package"] == CALCULATED
        }
    samples = [
        (
            "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
            "referral_count",
            "dfe_referrals",
            lambda y: f"FY{y - 1}/{y % 100:02d}",
            "",
        ),
        (
            "d3_cpps_subsequent_plan_2013_to_2025.csv",
            "CPP_subsequent_percent",
            "dfe_cp_plans_second_time_pct",
            lambda y: f"FY{y - 1}/{y % 100:02d}",
            "",
        ),
        (
            "csww_indicators_2017_to_2025.csv",
            "caseload_fte",
            "dfe_sw_average_caseload",
            lambda y: f"{y}-09-30",
            "",
        ),
        (
            "cla_number_and_rate_per_10k_children.csv",
            "rate_per_10000",
            "dfe_children_looked_after_rate_per_10k",
            lambda y: f"{y}-03-31",
            "Children looked after on 31 March each year",
        ),
    ]
    checked = 0
    for name, column, indicator, period, population in samples:
        rows = [r for r in raw_rows(name) if not population or r["population_type"] == population]
        for row in rows[:: max(1, len(rows) // 40)]:
            figure = download[(raw_code(row), indicator, period(int(row["time_period"])), "")]
            cell = row[column]
            if cell.replace(".", "", 1).isdigit():
                assert float(figure["value"]) == float(cell) and figure["marker"] == ""
            else:
                assert figure["value"] == "" and figure["marker"] != ""
            assert figure["authority_name"] and figure["period_start"] and figure["period_end"]
            checked += 1
    assert checked > 150
    kent = download[("E10000016", "dfe_referrals", "FY2017/18", "")]
    assert kent["period_start"] == "2017-04-01" and kent["period_end"] == "2018-03-31"


@pytest.mark.slow
def test_every_current_council_has_an_area_page_and_releases_are_summarised(national_build):
    site = national_build / "site"
    registry, _ = load_registry(national_build / "datapackages", national_build)
    for code, area in registry.area.items():
        if str(area.get("last_year")) == str(LATEST) and area["type"] != "combined":
            assert (site / "authorities" / code / "index.html").is_file(), code
    release = site / "reports" / "dfe-children-in-need" / "index.html"
    assert release.stat().st_size < 200_000
    assert "What this release holds" in release.read_text("utf-8")
    largest = max(p.stat().st_size for p in site.rglob("*.html"))
    assert largest < 1_000_000


def _raw_neighbours(model_file: str, dfe: str, first: int) -> list[str]:
    lines = list(csv.reader((OFFICIAL / model_file).read_text("utf-8-sig").splitlines()))
    row = next(line for line in lines if line and line[0] == dfe)
    return [row[first + 2 * i].strip() for i in range(10)]


@pytest.mark.parametrize(
    ("year", "period", "model_file", "first", "model"),
    [
        (2018, "FY2017/18", "New_Statistical_Neighbour_Groupings_April_2021.csv", 5, "dfe-2021"),
        (2025, "FY2024/25", "sn_model_2025_wide.csv", 4, "dfe-2025"),
    ],
)
def test_a_neighbour_average_is_the_mean_of_the_raw_neighbours_figures(
    year, period, model_file, first, model
):
    """Kent's re-referral rate: its ten neighbours (DfE codes in the model file) looked up by DfE
    code in the raw children in need file for the year, and averaged by hand."""
    neighbours = _raw_neighbours(model_file, "886", first)
    raw = {
        r["old_la_code"]: r["rereferral_percent"]
        for r in raw_rows("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
        if r["time_period"] == str(year) and r["geographic_level"] == "Local authority"
    }
    values = [float(raw[d]) for d in neighbours if raw.get(d, "").replace(".", "", 1).isdigit()]
    average = next(
        r
        for r in package_rows(CALCULATED)
        if (r["authority_code"], r["indicator_id"], r["period"])
        == ("SNCALC-E10000016", "dfe_re_referrals_12m_pct", period)
    )
    assert float(average["value"]) == round(sum(values) / len(values), 1)
    assert f"(model {model})" in average["provenance"] and "calculated by this site" in average["note"]
    assert ("covers" in average["note"]) == (len(values) < 10)


def test_an_average_over_suppressed_neighbours_says_how_many_it_covers():
    covered = [r for r in package_rows(CALCULATED) if "covers" in r["note"]]
    assert covered
    sample = covered[0]
    count = int(sample["note"].split("covers ")[1].split(" of")[0])
    assert 1 <= count < 10


def test_quartiles_follow_polarity_and_say_they_were_calculated_here():
    rows = [
        r
        for r in package_rows("dfe-children-in-need")
        if r["indicator_id"] == "dfe_re_referrals_12m_pct" and r["period"] == "FY2024/25" and r["quartile"]
    ]
    assert len(rows) > 140 and all("quartile calculated by this site" in r["note"] for r in rows)
    lowest = min(rows, key=lambda r: float(r["value"]))  # lower is better
    highest = max(rows, key=lambda r: float(r["value"]))
    assert (lowest["quartile"], highest["quartile"]) == ("1", "4")
    counts = [r for r in package_rows("dfe-children-in-need") if r["indicator_id"] == "dfe_referrals"]
    assert not any(r["quartile"] for r in counts)  # no polarity, no quartile


@pytest.mark.slow
def test_area_pages_say_when_a_council_was_created_or_replaced_and_link_the_other(national_build):
    docs = national_build / "build" / "docs" / "authorities"
    old = (docs / "E10000021.md").read_text("utf-8")  # Northamptonshire
    assert "Replaced: from the year to 31 March 2022" in old
    assert "[North Northamptonshire](E06000061.md) and [West Northamptonshire](E06000062.md)" in old
    new = (docs / "E06000063.md").read_text("utf-8")  # Cumberland
    assert "Created: its figures in DfE's statistics begin with the year to 31 March 2024" in new
    assert "[Cumbria](E10000006.md)" in new
    kent = (docs / "E10000016.md").read_text("utf-8")
    assert "statistical neighbours (average calculated by this site)" in kent


@pytest.mark.slow
def test_indicator_pages_rank_councils_by_polarity_with_calculated_quartiles(national_build):
    page = (national_build / "build" / "docs" / "indicators" / "dfe_re_referrals_12m_pct.md").read_text(
        "utf-8"
    )
    table = html_table(page, "Area", "Latest value", "Period", "Quartile (calculated)", "Source")
    values = [float(r[1].rstrip("%")) for r in table.rows if r[3] in "1234" and r[3]]
    assert len(values) > 140 and values == sorted(values)  # lower is better: best first
    chart = page.split('<script type="application/json"')[1].split("</script>")[0]
    assert '"name":"England"' in chart and "calculated by this site" not in chart

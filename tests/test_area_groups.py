"""An area is listed under the same heading in the navigation and on the authorities page."""

import pytest

from generator.model.tidy import build_model
from generator.outputs.site.area_groups import region_group
from generator.outputs.site.page_map import navigation
from generator.outputs.site.pages.authority import authority_pages
from generator.validation.validate import validate
from support import ROOT, report_package_folders

AREAS = {
    "E92000001": {"name": "England", "type": "country", "region_code": ""},
    "E12000004": {"name": "East Midlands", "type": "region", "region_code": ""},
    "E10000018": {"name": "Leicestershire", "type": "county", "region_code": "E12000004"},
    "SN-E10000018": {
        "name": "Neighbours",
        "type": "statistical_neighbour_average",
        "region_code": "E12000004",
    },
    "E06000999": {"name": "Nowhere", "type": "unitary", "region_code": ""},
}


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("E10000018", "East Midlands"),
        ("E92000001", "Comparators"),
        ("E12000004", "Comparators"),
        ("SN-E10000018", "Comparators"),  # it has a region, but it is a comparator
        ("E06000999", "Other"),  # a council the registry gives no region is not a comparator
        ("", "Other"),
    ],
)
def test_each_area_has_one_heading(code, group):
    assert region_group(AREAS, code) == group


def test_navigation_and_authorities_page_agree_on_a_council_without_a_region():
    # The report packages only: the official statistics' 48,000 figures add nothing to grouping.
    root = ROOT / "datapackages"
    model = build_model(validate(report_package_folders(root), root=ROOT, registry_parent=root))
    model.registry.area["E10000018"]["region_code"] = ""
    authorities = next(item["Authorities"] for item in navigation(model) if "Authorities" in item)
    nav_groups = {next(iter(g)): g[next(iter(g))] for g in authorities[1:]}
    page = "authorities/E10000018.md"
    assert [g for g, areas in nav_groups.items() if {"Leicestershire": page} in areas] == ["Other"]
    index = list(authority_pages(model))[-1].context["groups"]
    assert [g["label"] for g in index if any(a["code"] == "E10000018" for a in g["areas"])] == ["Other"]
    assert [g["label"] for g in index][-2:] == ["Comparators", "Other"]

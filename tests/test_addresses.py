"""Page addresses are made from codes and names in one place, and links between pages are relative."""

import pytest

from generator.outputs.site import addresses


def test_pages_and_their_data_files_are_addressed_by_code():
    page = addresses.area_page("E10000018")
    assert page == "authorities/E10000018.md"
    assert addresses.data_csv(page) == "authorities/E10000018/data.csv"
    assert addresses.metadata_json(addresses.report_page("leics-2020")) == "reports/leics-2020/metadata.json"
    assert addresses.package_zip("leics-2020") == "downloads/packages/leics-2020.zip"


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("reports/leics.md", "authorities/E10000018.md", "../reports/leics.md"),
        ("reports/leics.md", "reports/index.md", "leics.md"),
        ("reports/leics.md", "index.md", "reports/leics.md"),
        ("authorities/E10000018/data.csv", "authorities/E10000018.md", "E10000018/data.csv"),
        ("downloads/packages/leics.zip", "downloads/datapackage.json", "packages/leics.zip"),
        ("revisions.md", "reports/leics.md", "../revisions.md"),
    ],
)
def test_a_link_is_relative_to_the_page_it_is_written_on(target, page, link):
    assert addresses.link(target, page) == link


def test_page_urls_follow_mkdocs():
    assert addresses.page_url("reports/leics.md") == "reports/leics/"
    assert addresses.page_url("reports/leics.md", directory_urls=False) == "reports/leics.html"
    assert addresses.page_url("reports/index.md") == "reports/"
    assert addresses.page_url("index.md") == ""

"""Incremental builds: reusing unchanged pages must give exactly the site a full build gives.

Each test starts from a copy of the session's build of the real project (inputs, build/ and site/),
as a rebuild starts from the previous build.
"""

import shutil

import pytest

from generator.build import BuildFailed, build_site
from generator.project import Project
from support import copy_project, site_files

REPORT = "leicestershire-2020-06-02-help-and-protection"

pytestmark = pytest.mark.slow


@pytest.fixture
def project(real_build, tmp_path):
    """Here, a copy of the real project as its last build left it, safe to change and build again."""
    return shutil.copytree(real_build, tmp_path / "built", symlinks=True)


def _change_one_value(project):
    observations = project / "datapackages" / REPORT / "observations.csv"
    text = observations.read_text(encoding="utf-8")
    assert ",529," in text
    observations.write_text(text.replace(",529,", ",531,", 1), encoding="utf-8")


def _full_build_of(project, tmp_path):
    """The same inputs built from scratch in another folder."""
    fresh = tmp_path / "fresh"
    copy_project(project, fresh)
    build_site(Project(fresh), full=True)
    return site_files(fresh)


def _mtime(project, page):
    return (project / "site" / page / "index.html").stat().st_mtime_ns


def test_changing_one_value_rebuilds_its_pages_and_matches_a_full_build(project, tmp_path):
    untouched, report = _mtime(project, "about"), _mtime(project, f"reports/{REPORT}")
    _change_one_value(project)
    stages = []
    build_site(Project(project), stages.append)
    assert any("changed pages" in s for s in stages), stages  # it really was incremental
    assert _mtime(project, "about") == untouched  # reused, not re-rendered
    assert _mtime(project, f"reports/{REPORT}") != report
    incremental = site_files(project)
    assert "531" in incremental[f"reports/{REPORT}/index.html"].decode()
    full = _full_build_of(project, tmp_path)
    assert incremental.keys() == full.keys()
    assert [name for name in full if full[name] != incremental[name]] == []


def test_a_change_to_the_navigation_rebuilds_everything_and_matches(project, tmp_path):
    # Councils are listed in the navigation (reports are not: page_map.py), so renaming one changes
    # every page's navigation.
    areas = project / "datapackages" / "registry" / "authorities.csv"
    areas.write_text(areas.read_text().replace(",857,Rutland,", ",857,Rutland (renamed),", 1))
    stages = []
    build_site(Project(project), stages.append)
    assert any("all" in s and "pages" in s for s in stages), stages
    assert site_files(project) == _full_build_of(project, tmp_path)


def test_an_unchanged_rebuild_changes_nothing(project):
    before = site_files(project)
    build_site(Project(project))
    assert site_files(project) == before


def test_a_rebuild_that_fails_before_publishing_leaves_the_published_site_untouched(project, monkeypatch):
    # The rebuild starts from hard links to the published site; nothing MkDocs writes may reach it.
    published = site_files(project)
    _change_one_value(project)

    def fail(new, target):
        raise OSError("disk full")

    monkeypatch.setattr("generator.build._swap", fail)
    stages = []
    with pytest.raises(BuildFailed, match="disk full"):  # a message, not a traceback
        build_site(Project(project), stages.append)
    assert any("changed pages" in s for s in stages), stages  # MkDocs ran, over the linked site
    assert site_files(project) == published

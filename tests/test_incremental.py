"""Incremental builds: reusing unchanged pages must give exactly the site a full build gives.

Each test starts from a copy of the session's build of the real project (inputs, build/ and site/),
as a rebuild starts from the previous build.
"""

import shutil

import pytest

from generator.build import BuildFailed, build_site
from generator.model.tidy import build_model
from generator.outputs import WRITERS, downloads
from generator.outputs.writer import WriterFiles
from generator.project import Project
from generator.validation.validate import validate
from support import GOOD_ROW, copy_project, site_files, write_package

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
    assert any("with its cache from the last build" in s for s in stages), stages  # compiled templates
    assert _mtime(project, "about") == untouched  # reused, not re-rendered
    assert _mtime(project, f"reports/{REPORT}") != report
    incremental = site_files(project)
    assert "531" in incremental[f"reports/{REPORT}/index.html"].decode()
    full = _full_build_of(project, tmp_path)
    assert incremental.keys() == full.keys()
    assert [name for name in full if full[name] != incremental[name]] == []


def _generated_pages(stages):
    """(unchanged, generated) from the build's message: "...; 40 of 47 generated pages were unchanged"."""
    [message] = [s for s in stages if s.startswith("building")]
    if "generated pages were unchanged" not in message:
        return 0, None
    unchanged, generated = message.split("; ")[1].split(" generated")[0].split(" of ")
    return int(unchanged), int(generated)


def test_a_changed_figure_makes_only_the_pages_that_show_it_again(project):
    _change_one_value(project)
    stages = []
    build_site(Project(project), stages.append)
    unchanged, generated = _generated_pages(stages)
    # The report, Leicestershire's page and the measure's page at least; never all of them.
    assert 0 < unchanged <= generated - 3, stages


def _retitle_the_report(project):
    descriptor = project / "datapackages" / REPORT / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace('"title": "Leicestershire: ', '"title": "Leicester-shire: ', 1))


def _rewrite_its_summary(project):
    summary = project / "content" / "reports" / f"{REPORT}.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\nOne more sentence of ours.\n")


def _add_a_report(project):
    row = {**GOOD_ROW, "period": "2020-05-24", "value": "533"}
    write_package(project / "datapackages" / "leicestershire-new", [row], meeting_date="2020-07-01")


def _drop_a_figure(project):
    observations = project / "datapackages" / "southend-2018-safeguarding-annual-report" / "observations.csv"
    lines = observations.read_text(encoding="utf-8").splitlines(keepends=True)
    observations.write_text("".join(lines[:-1]), encoding="utf-8")


def _docs_from_clean(project, tmp_path):
    """Every file the generator writes for the project's inputs, written afresh with nothing reused."""
    inputs = Project(project)
    validation = validate(
        [inputs.datapackages], root=project, registry_parent=inputs.datapackages, published=inputs.published
    )
    docs = tmp_path / "docs-from-clean"
    files = WriterFiles(inputs.content, inputs.templates, inputs.config)
    for write in WRITERS:
        write(build_model(validation), docs, files)
    return _tree(docs)


def _tree(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("change", [_retitle_the_report, _rewrite_its_summary, _add_a_report, _drop_a_figure])
def test_pages_reused_after_other_changes_match_a_full_build(project, tmp_path, change):
    """Each change reaches pages through a different part of the model (a package's metadata, a
    hand-written summary, the set of packages, one area's figures): whatever the generator takes
    from the last build must be what it makes with nothing to reuse. (What the engine then does
    with the pages is compared with a full build above.)"""
    change(project)
    build_site(Project(project))
    incremental = _tree(project / "build" / "docs")
    fresh = _docs_from_clean(project, tmp_path)
    assert incremental.keys() == fresh.keys()
    assert [name for name in fresh if fresh[name] != incremental[name]] == []


def test_a_change_to_the_navigation_rebuilds_everything_and_matches(project, tmp_path):
    # Councils are listed in the navigation (reports are not: page_map.py), so renaming one changes
    # every page's navigation.
    areas = project / "datapackages" / "registry" / "authorities.csv"
    areas.write_text(areas.read_text().replace(",857,Rutland,", ",857,Rutland (renamed),", 1))
    stages = []
    build_site(Project(project), stages.append)
    assert any("all" in s and "pages" in s for s in stages), stages
    assert site_files(project) == _full_build_of(project, tmp_path)


def _folders(tree):
    return sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_dir())


def test_rebuilds_in_the_last_trees_folders_hold_no_folder_of_a_page_since_gone(project, tmp_path):
    """Each build writes into the folders of the tree before it (core/kept_folders.py): after a
    report is added, then removed, the next rebuild starts from folders that still have the
    report's, and both trees must come out as a build from nothing makes them."""
    _add_a_report(project)
    build_site(Project(project))
    new_report = "reports/leicestershire-new"
    assert (project / "site" / new_report).is_dir()
    shutil.rmtree(project / "datapackages" / "leicestershire-new")
    build_site(Project(project))
    _change_one_value(project)
    stages = []
    build_site(Project(project), stages.append)
    assert any("changed pages" in s for s in stages), stages  # a dirty build, in the kept folders
    fresh = tmp_path / "fresh"
    copy_project(project, fresh)
    build_site(Project(fresh), full=True)
    for tree in ("site", "build/docs"):
        assert new_report not in _folders(project / tree)
        assert _folders(project / tree) == _folders(fresh / tree), tree
        assert site_files(project, tree) == site_files(fresh, tree), tree


def test_an_unchanged_rebuild_changes_nothing(project):
    before = site_files(project)
    build_site(Project(project))
    assert site_files(project) == before


def test_a_rebuild_that_fails_before_publishing_leaves_the_published_site_untouched(project, monkeypatch):
    # The rebuild starts from hard links to the published site; nothing MkDocs writes may reach it.
    published = site_files(project)
    _change_one_value(project)

    def fail(new, target, folders=None):
        raise OSError("disk full")

    monkeypatch.setattr("generator.build._swap", fail)
    stages = []
    with pytest.raises(BuildFailed, match="disk full"):  # a message, not a traceback
        build_site(Project(project), stages.append)
    assert any("changed pages" in s for s in stages), stages  # MkDocs ran, over the linked site
    assert site_files(project) == published


def _rows_formatted(monkeypatch) -> list[int]:
    """How many rows each call formats as CSV for the download, as the build goes."""
    counts: list[int] = []
    real = downloads._csv_bytes

    def counted(rows, **kwargs):
        counts.append(len(rows))
        return real(rows, **kwargs)

    monkeypatch.setattr(downloads, "_csv_bytes", counted)
    return counts


def test_a_rebuild_formats_only_the_changed_reports_rows_for_the_download(project, tmp_path, monkeypatch):
    _change_one_value(project)
    counts = _rows_formatted(monkeypatch)
    build_site(Project(project))
    changed = sum(1 for line in (project / "datapackages" / REPORT / "observations.csv").open()) - 1
    assert sorted(counts) == [0, changed]  # the header, then the one report's rows
    fresh = _docs_from_clean(project, tmp_path)
    download = "downloads/observations.csv"
    assert (project / "build" / "docs" / download).read_bytes() == fresh[download]


def test_a_download_not_as_the_last_build_left_it_is_made_again_whole(project, tmp_path, monkeypatch):
    last = project / "build" / "docs" / "downloads" / "observations.csv"
    last.write_bytes(last.read_bytes() + b"E06000016,tampered\n")
    _change_one_value(project)
    counts = _rows_formatted(monkeypatch)
    build_site(Project(project))
    formatted = list(counts)
    fresh = _docs_from_clean(project, tmp_path)["downloads/observations.csv"]
    assert formatted[0] == 0 and sum(formatted) == fresh.count(b"\n") - 1  # the header, then every row
    assert (project / "build" / "docs" / "downloads" / "observations.csv").read_bytes() == fresh

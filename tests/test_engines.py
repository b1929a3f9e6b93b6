"""The site engines: one registry, a configuration each can read, and a Zensical build of the site.

The browser tests and the link check run on both engines' sites (tests/conftest.py, site_engine);
these hold what is engine-specific: the configuration, the search index, rebuilds, failures.
"""

from __future__ import annotations

import gzip
import json
import shutil
import signal
import subprocess

import pytest
from click.testing import CliRunner

from benchmarks.rebuild import change_one_figure
from generator.build import build_site
from generator.cli import ENGINE_NAMES, cli
from generator.core.errors import BuildFailed
from generator.outputs.engines import DEFAULT_ENGINE, ENGINES, zensical
from generator.outputs.engines.site_config import SHARED_CONFIG, write_yaml
from generator.outputs.incremental import setup_fingerprint
from generator.project import Project
from support import ROOT, copy_project, site_files


def test_the_command_line_offers_every_engine_and_mkdocs_first():
    assert tuple(ENGINES) == ENGINE_NAMES
    assert ENGINE_NAMES[0] == DEFAULT_ENGINE == "mkdocs"


def test_a_build_by_another_engine_or_version_is_never_reused(tmp_path):
    config = write_yaml({"nav": []}, tmp_path / "mkdocs.yml")
    overrides = ROOT / "site_templates" / "overrides"
    root = ROOT / "mkdocs.yml"
    prints = {
        (name, *engine.packages): setup_fingerprint(config, root, overrides, "0", (name, *engine.packages))
        for name, engine in ENGINES.items()
    }
    assert len(set(prints.values())) == len(ENGINES)
    assert (
        setup_fingerprint(config, root, overrides, "0", ("mkdocs", "mkdocs"))
        != prints[("mkdocs", "mkdocs", "mkdocs-material")]
    )


def test_zensical_reads_its_configuration_with_the_site_inside_its_folder(tmp_path, monkeypatch):
    from zensical.config import parse_config

    # As in a build's scratch folder: one folder below a project root holding mkdocs.yml.
    project = tmp_path / "project"
    scratch = project / ".build-x"
    (scratch / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "site_templates").symlink_to(ROOT / "site_templates")
    shared = write_yaml(
        {
            "INHERIT": "../mkdocs.yml",
            "docs_dir": "docs",
            "site_dir": "../site",
            "theme": {"name": "material", "custom_dir": "../site_templates/overrides"},
            "nav": [],
        },
        scratch / SHARED_CONFIG,
    )
    monkeypatch.delenv("REPO_URL", raising=False)
    config = parse_config(str(zensical.write_config(shared)))
    assert config["site_dir"] == "site" and config["docs_dir"] == "docs"
    assert config["theme"]["variant"] == "classic"  # Material's look
    assert config["theme"]["features"][:2] == ["navigation.indexes", "navigation.prune"]
    assert "generator.outputs.site.outside_links" in config["markdown_extensions"]
    assert config["mdx_configs"]["pymdownx.highlight"]["use_pygments"] is False


def test_zensicals_complaints_become_one_line_without_colours_or_traceback():
    output = (
        "Build started\n\x1b[33mWarning:\x1b[0m page does not exist\n    ╭─[ about.md:48:10 ]\n"
        "1 issue found\nTraceback (most recent call last):\n  File x\nRuntimeError: Aborted\n"
    )
    assert zensical._issues(output) == (
        "Warning: page does not exist; about.md:48:10; 1 issue found; RuntimeError: Aborted"
    )
    crashed = (
        "Build started\nNo issues found\nTraceback (most recent call last):\n  File x\n    build()\n"
        "OSError: Too many open files\n"
    )
    assert zensical._issues(crashed) == "No issues found; OSError: Too many open files"


def test_a_zensical_that_stops_without_a_reason_is_named_by_its_exit_status_or_signal(tmp_path, monkeypatch):
    """Zensical at England scale once ended "No issues found" and built nothing: the status is the clue."""
    folder = tmp_path / "build"
    (folder / "docs").mkdir(parents=True)
    outcomes = iter([(-signal.SIGKILL, ""), (3, "Build started\nNo issues found\n"), (0, "")])

    def run(*args, **kwargs):
        code, out = next(outcomes)
        return subprocess.CompletedProcess(args, code, stdout=out, stderr="")

    monkeypatch.setattr(zensical.subprocess, "run", run)
    said = []
    for _ in range(3):
        with pytest.raises(BuildFailed) as failed:
            zensical.render_site(
                folder / zensical.CONFIG,
                folder / "docs",
                folder / "site",
                epoch="0",
                previous_site=tmp_path,
                rebuilt=None,
            )
        said.append(str(failed.value))
    assert said == [
        "Zensical could not build the pages: it stopped without saying why (it was stopped by SIGKILL)",
        "Zensical could not build the pages: No issues found (exit status 3)",
        "Zensical could not build the pages: it stopped without saying why"
        " (exit status 0, but it wrote no index.html)",
    ]


@pytest.mark.slow  # reads the browser tests' Zensical build; one small build by Zensical
def test_build_with_zensical_publishes_the_same_pages_and_a_broken_link_builds_nothing(
    zensical_build, hostile_build, one_report, monkeypatch
):
    site = zensical_build / "site"
    assert (site / "search.json").is_file() and not (site / "search").exists()
    # Zensical honours the same exclusions: no chart's summary, no data table is indexed
    items = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    locations = [item["location"] for item in items]
    assert any(loc.startswith("indicators/") for loc in locations)
    assert [loc for loc in locations if loc.endswith(("-over-time", "#standings"))] == []
    generated = [
        item["text"] for item in items if item["location"].startswith(("authorities/", "indicators/"))
    ]
    assert generated and "<table" not in " ".join(generated)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()
    ours = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    mkdocs_site = hostile_build / "site"
    theirs = sorted(p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("index.html"))
    assert ours == theirs  # every page MkDocs makes, at the same address
    # from the same generated Markdown, navigation and assets: the engine changes only the theme
    assert site_files(zensical_build, "build/docs") == site_files(hostile_build, "build/docs")
    shared = json.loads((zensical_build / "build" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert shared["site_dir"] == "../site"  # the shared configuration, as MkDocs builds it
    assert (
        not list(zensical_build.glob(".build-*"))
        and not (zensical_build / "build" / zensical.CONFIG).exists()
    )
    # The command line, on a small project: built, then a link to nowhere in the home page's
    # introduction, which Zensical's strict mode refuses, leaving the published site as it was.
    monkeypatch.chdir(one_report)
    built = CliRunner().invoke(cli, ["build", "--engine", "zensical"])
    assert built.exit_code == 0, built.output
    intro = one_report / "content" / "index.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    before = (one_report / "site" / "index.html").read_bytes()
    failed = CliRunner().invoke(cli, ["build", "--engine", "zensical"])
    assert failed.exit_code == 1
    assert "Zensical could not build the pages" in failed.output and "no-such-page" in failed.output
    assert "Traceback" not in failed.output
    assert (one_report / "site" / "index.html").read_bytes() == before


@pytest.mark.slow
def test_a_zensical_rebuild_reuses_its_cache_and_writes_what_a_build_from_clean_writes(one_report, tmp_path):
    build_site(Project(one_report), engine="zensical")
    assert (one_report / "build" / "zensical-cache").is_dir()  # kept beside build/docs
    change_one_figure(one_report)
    stages = []
    build_site(Project(one_report), stages.append, engine="zensical")
    assert any("with its cache from the last build" in s for s in stages), stages
    fresh = tmp_path / "fresh"
    copy_project(one_report, fresh)
    build_site(Project(fresh), full=True, engine="zensical")
    assert site_files(one_report) == site_files(fresh)


PROBE = """
import json
seen = {}

def on_files(files, config):
    seen["files"] = files
    return files

def on_post_build(config):
    pages = [f.page for f in seen["files"].documentation_pages()]
    held = {p.file.src_uri: [p.markdown, p.content, p.title] for p in pages}
    with open(config["site_dir"] + "/../held.json", "w") as out:
        json.dump(held, out)
"""


def _tiny_mkdocs_site(folder):
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(
        "# Children's services\n\nSee [the next page](next.md).\n", encoding="utf-8"
    )
    (docs / "next.md").write_text(
        "A page with no heading, titled by its file name.\n\n## Part\n\nCosts £5 — “quoted”.\n",
        encoding="utf-8",
    )
    (folder / "probe.py").write_text(PROBE)
    config = {"site_name": "t", "theme": {"name": "material"}, "hooks": ["probe.py"], "plugins": ["search"]}
    return write_yaml(config, folder / "mkdocs.yml")


def test_mkdocs_holds_no_pages_text_to_the_end_and_builds_the_same_site(tmp_path, monkeypatch):
    """Why MkDocs at England scale x4 needs far less than 2.7 GB: no page's text is held to the end."""
    from generator.outputs.engines import mkdocs as engine

    sites = {}
    for kept in (False, True):
        folder = tmp_path / ("kept" if kept else "let-go")
        config = _tiny_mkdocs_site(folder)
        if kept:
            monkeypatch.setattr(engine, "_HoldPagesSmall", engine.BasePlugin)
        engine.run_mkdocs(config, folder / "docs", folder / "site", epoch="0")
        sites[kept] = folder
    held = json.loads((sites[False] / "held.json").read_text())
    assert held == {"index.md": ["", "", "Children's services"], "next.md": ["", "", "Next"]}
    kept = json.loads((sites[True] / "held.json").read_text())
    assert all(markdown and content for markdown, content, _ in kept.values())  # what MkDocs alone holds
    assert site_files(sites[False], "site") == site_files(sites[True], "site")


def test_mkdocs_keeps_the_themes_compiled_templates_and_compiles_an_edited_one_again(tmp_path):
    """The compiled templates beside the configuration are the last build's; a template edited
    since is compiled from its new text, never served stale."""
    from generator.outputs.engines import mkdocs as engine

    folder = tmp_path / "site-project"
    config = _tiny_mkdocs_site(folder)
    overrides = folder / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}{% block footer %}first{% endblock %}')
    config = write_yaml(
        {"site_name": "t", "theme": {"name": "material", "custom_dir": "overrides"}}, folder / "mkdocs.yml"
    )
    engine.run_mkdocs(config, folder / "docs", folder / "site", epoch="0")
    compiled = folder / engine.COMPILED_TEMPLATES
    first = {path.name: path.stat().st_mtime_ns for path in compiled.iterdir()}
    assert len(first) >= 10  # base.html and the partials it includes, among them
    assert "first" in (folder / "site" / "index.html").read_text(encoding="utf-8")

    (overrides / "main.html").write_text('{% extends "base.html" %}{% block footer %}second{% endblock %}')
    engine.run_mkdocs(config, folder / "docs", folder / "site", epoch="0")
    page = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert "second" in page and "first" not in page
    again = {path.name: path.stat().st_mtime_ns for path in compiled.iterdir()}
    rewritten = [name for name in first if again[name] != first[name]]
    assert len(rewritten) == 1  # main.html's, compiled again; the others were read back
    assert engine.ENGINE.cache == engine.COMPILED_TEMPLATES  # build.py keeps it in build/ between builds


@pytest.mark.slow
def test_mkdocs_in_parts_on_every_core_builds_what_one_mkdocs_build_builds(real_build, tmp_path, monkeypatch):
    """A full build's pages shared out between MkDocs processes (engines/mkdocs.py, _OnePart):
    every file the same, the search index joined in page order, the sitemap and 404 page once."""
    from generator.outputs.engines import mkdocs as engine

    built = tmp_path / "project"
    shutil.copytree(real_build, built, symlinks=True)
    config, docs = built / "build" / "mkdocs.yml", built / "build" / "docs"
    engine.run_mkdocs(config, docs, built / "one", epoch="0")
    engine.render_in_parts(config, docs, built / "parts", epoch="0", parts=3)
    one, parts = site_files(built, "one"), site_files(built, "parts")
    assert len(one) > 500 and one.keys() == parts.keys()
    assert [name for name in one if one[name] != parts[name]] == []
    assert not list((built / "build").glob("search-part-*"))  # the parts' indexes are cleared away
    index = json.loads(one["search/search_index.json"])
    assert len({entry["location"].split("#")[0] for entry in index["docs"]}) > 100  # pages from every part

    # A part's worker that dies (or none to be had) leaves one MkDocs build to make it all, from clean.
    def died(jobs, workers):
        jobs[0]()  # one part got as far as writing its pages
        raise engine.NoWorkers

    monkeypatch.setattr(engine, "in_forks", died)
    engine.render_in_parts(config, docs, built / "fallback", epoch="0", parts=2)
    assert site_files(built, "fallback") == one


@pytest.mark.parametrize(
    ("pages", "cores", "parts"), [(250, 2, 2), (250, 16, 4), (250, 1, None), (199, 2, None)]
)
def test_a_full_mkdocs_build_of_a_large_site_is_shared_between_the_cores(
    tmp_path, monkeypatch, pages, cores, parts
):
    """Parts on every core (four at most) for a site of 200 pages or more; one MkDocs build otherwise."""
    from generator.outputs.engines import mkdocs as engine

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(pages):
        (docs / f"page-{n}.md").write_text("# Page\n", encoding="utf-8")
    calls = []
    monkeypatch.setattr(engine, "cores", lambda: cores)
    monkeypatch.setattr(engine, "render_in_parts", lambda *a, parts, **k: calls.append(parts))
    monkeypatch.setattr(engine, "run_mkdocs", lambda *a, **k: calls.append(None))
    engine.render_site(
        tmp_path / "mkdocs.yml", docs, tmp_path / "site", epoch="0", previous_site=tmp_path, rebuilt=None
    )
    assert calls == [parts]

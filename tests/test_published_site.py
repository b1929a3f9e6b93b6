"""What readers of the built site see of new reports and of corrections: the revisions page, the
"revised" marker on a report's figures, and the Atom feed that lets people follow both."""

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from generator.model.tidy import build_model
from generator.outputs.feed import build_feed, site_settings
from generator.outputs.site.pages.revisions import revisions_page
from generator.outputs.site.render import render_page
from generator.outputs.snapshot import take_snapshot
from generator.project import Project
from generator.validation.validate import validate
from support import (
    GOOD_ROW,
    ROOT,
    built_once,
    built_with_model,
    copy_project,
    html_table,
    run_cli,
    write_package,
)

LEICS = "leicestershire-2020-06-02-help-and-protection"
CAMBS = "cambridgeshire-2020-12-01-service-director-report"
HOSTILE_TITLE = 'Hostile <script>alert(1)</script> & "Co"'
SITE_URL = "http://127.0.0.1:8000/"


def _revise(package: Path, old_line: str, new_line: str, note: dict) -> None:
    csv = package / "observations.csv"
    text = csv.read_text(encoding="utf-8")
    assert old_line in text
    csv.write_text(text.replace(old_line, new_line), encoding="utf-8")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor.setdefault("revisions", []).append(note)
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


@pytest.fixture(scope="module")
def history_inputs(tmp_path_factory) -> Path:
    """The real project after a release (its published record), then two corrections and a report."""
    return _history(tmp_path_factory.mktemp("history"))


def _history(root: Path) -> Path:
    """The release is taken afresh from the packages as they are, without their own notes, so that
    the two corrections below are the only ones (the real packages' notes correct an earlier release)."""
    copy_project(ROOT, root)  # the reports; the official statistics are tested in test_official.py
    for descriptor in (root / "datapackages").glob("*/datapackage.json"):
        d = json.loads(descriptor.read_text(encoding="utf-8"))
        if d.pop("revisions", None) is not None:
            descriptor.write_text(json.dumps(d, indent=2), encoding="utf-8")
    (root / "published").mkdir()
    released = take_snapshot(root / "datapackages", root / "published/observations.csv", root=root)
    assert released.errors == []
    _revise(
        root / "datapackages" / LEICS,
        "E10000018,cp_plans,2020-05-17,,,529,",
        "E10000018,cp_plans,2020-05-17,,,530,",
        {
            "authority_code": "E10000018",
            "indicator_id": "cp_plans",
            "period": "2020-05-17",
            "previous_value": "529",
            "revised_on": "2021-01-10",
            "reason": "The council corrected a typing error in paragraph 16.",
        },
    )
    _revise(
        root / "datapackages" / CAMBS,
        "E10000003,assessments_within_45_days_pct,2020-10,,,86,",
        "E10000003,assessments_within_45_days_pct,2020-10,,,87,",
        {
            "authority_code": "E10000003",
            "indicator_id": "assessments_within_45_days_pct",
            "period": "2020-10",
            "previous_value": 86,
            "revised_on": "2021-03-05",
            "reason": "Late recording <b>added</b> assessments & reviews [note](javascript:alert(1)).",
        },
    )
    write_package(
        root / "datapackages/hostile-2021-02-01",
        [{**GOOD_ROW, "indicator_id": "cin_referrals", "period": "FY2020/21"}],
        title=HOSTILE_TITLE,
        meeting_date="2021-02-01",
    )
    return root


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """That project built, and its model; read, never change."""

    def build(root: Path) -> tuple[Path, object]:
        return root, built_with_model(Project(_history(root)))

    return built_once(tmp_path_factory, "history", build)


def test_without_the_notes_the_build_fails_naming_the_figure(history_inputs, tmp_path):
    root = history_inputs
    for name in ("datapackages", "content", "site_templates", "published"):
        shutil.copytree(root / name, tmp_path / name)
    shutil.copy(root / "mkdocs.yml", tmp_path / "mkdocs.yml")
    descriptor = tmp_path / "datapackages" / LEICS / "datapackage.json"
    d = json.loads(descriptor.read_text(encoding="utf-8"))
    del d["revisions"]
    descriptor.write_text(json.dumps(d), encoding="utf-8")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        f"datapackages/{LEICS}/observations.csv:12:value: error [revision-notes] cp_plans for "
        "E10000018 in 2020-05-17 was published as 529 and is now 530"
    ) in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.slow  # reads the built site
def test_the_revisions_page_lists_every_correction_newest_first(history):
    root, _ = history
    page = (root / "build/docs/revisions.md").read_text(encoding="utf-8")
    # the labels each cell shows when rows are stacked on a phone are not what this test reads
    table = html_table(page, "Date", "Figure", "Period", "Change", "Reason", "Report")
    rows = table.rows
    assert len(rows) == 2
    assert rows[0][0] == "5 March 2021" and rows[1][0] == "10 January 2021"
    assert f"reports/{CAMBS}.md" in table.links[0]
    assert "indicators/assessments_within_45_days_pct.md" in table.links[0]
    assert rows[0][2:4] == ["October 2020", "86% → 87%"]
    reason = "Late recording <b>added</b> assessments & reviews [note](javascript:alert(1))."
    assert rows[0][4] == reason and "&lt;b&gt;added&lt;/b&gt; assessments &amp; reviews" in page
    assert rows[1][3:5] == ["529 → 530", "The council corrected a typing error in paragraph 16."]
    html = (root / "site/revisions/index.html").read_text(encoding="utf-8")
    assert "<b>added</b>" not in html and 'href="javascript:' not in html
    assert html_table(html, *table.headers).rows[0][4] == reason  # shown as the text it is
    assert "Revisions" in (root / "site/data/index.html").read_text(encoding="utf-8")


@pytest.mark.slow  # reads the built site
def test_a_revised_figure_is_marked_in_words_and_links_to_its_correction(history):
    root, _ = history
    html = (root / f"site/reports/{LEICS}/index.html").read_text(encoding="utf-8")
    marker = re.search(
        r"<td>530 "
        r'\(<a href="\.\./\.\./revisions/#(revision-[0-9a-f]+)">revised</a>\)<td>',
        html,
    )
    assert marker, "the corrected figure's row has no 'revised' link"
    revisions = (root / "site/revisions/index.html").read_text(encoding="utf-8")
    assert f'id="{marker.group(1)}"' in revisions
    assert html.count(">revised</a>") == 1  # only the corrected figure is marked


def test_a_site_without_corrections_says_so(tmp_path):
    package = write_package(tmp_path / "leics")
    model = build_model(validate([package], root=tmp_path, registry_parent=ROOT / "datapackages"))
    text = render_page(revisions_page(model), ROOT / "site_templates")
    assert "No published figure has been corrected so far." in text


def _feed(root: Path):
    parsed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _site_file(root: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
    return root / "site" / path / "index.html"


@pytest.mark.slow  # reads the built site
def test_the_feed_has_one_entry_per_report_newest_first(history):
    root, model = history
    feed = _feed(root)
    assert feed.version == "atom10"
    reports = [e for e in feed.entries if "/reports/" in e.link]
    assert sorted(e.link for e in reports) == sorted(f"{SITE_URL}reports/{p.name}/" for p in model.packages)
    for entry in reports:
        assert _site_file(root, entry.link).is_file(), entry.link
    dated = sorted((p for p in model.packages if p.descriptor.get("meeting_date")), key=lambda p: p.name)
    dated.sort(key=lambda p: p.descriptor["meeting_date"], reverse=True)  # stable: same day A to Z
    undated = [p for p in model.packages if not p.descriptor.get("meeting_date")]
    assert [e.link for e in reports] == [f"{SITE_URL}reports/{p.name}/" for p in [*dated, *undated]]


@pytest.mark.slow  # reads the built site
def test_corrections_are_in_the_feed_merged_by_date(history):
    root, _ = history
    entries = _feed(root).entries
    kinds = [("revision" if "/revisions/" in e.link else "report", e.updated[:10]) for e in entries[:4]]
    assert kinds == [
        ("revision", "2021-03-05"),
        ("report", "2021-02-01"),
        ("revision", "2021-01-10"),
        ("report", "2020-12-01"),
    ]
    revisions = (root / "site/revisions/index.html").read_text(encoding="utf-8")
    for entry in (entries[0], entries[2]):
        assert f'id="{urlsplit(entry.link).fragment}"' in revisions
        assert _site_file(root, entry.link).is_file()
    assert entries[0].summary.startswith("86% → 87%.")


@pytest.mark.slow  # reads the built site
def test_text_from_packages_is_escaped_in_the_feed(history):
    root, _ = history
    raw = (root / "site/feed.xml").read_bytes()
    assert b"<script>" not in raw and b"<b>" not in raw
    assert b'Hostile &lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co"' in raw
    [entry] = [e for e in _feed(root).entries if e.link.endswith("/reports/hostile-2021-02-01/")]
    assert entry.title == HOSTILE_TITLE


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_head, self.feeds = False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head and attrs.get("type") == "application/atom+xml":
            self.feeds.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


@pytest.mark.slow  # reads the built site
def test_every_page_announces_the_feed_in_its_head(history):
    root, _ = history
    site = root / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        assert len(head.feeds) == 1, page
        link = head.feeds[0]
        assert link["rel"] == "alternate" and link["title"]
        if page.name != "404.html":  # served from any depth, so it uses a site-absolute path
            assert (page.parent / link["href"]).resolve() == (site / "feed.xml").resolve(), page


@pytest.mark.slow  # reads the built site
def test_feed_links_follow_the_site_url(history, monkeypatch):
    _, model = history
    monkeypatch.setenv("SITE_URL", "https://example.org/childrens-services")
    feed = feedparser.parse(build_feed(model, site_settings(ROOT / "mkdocs.yml")))
    assert not feed.bozo
    assert feed.feed.id == "https://example.org/childrens-services/"
    assert all(e.link.startswith("https://example.org/childrens-services/") for e in feed.entries)


FEED_AGAIN = """
import sys
from pathlib import Path
from generator.model.tidy import build_model
from generator.outputs.feed import build_feed, site_settings
from generator.model.tidy import build_model
from generator.validation.validate import validate
root = Path.cwd()
model = build_model(validate([root / "datapackages"], root=root, registry_parent=root / "datapackages"))
sys.stdout.buffer.write(build_feed(model, site_settings(root / "mkdocs.yml")))
"""


@pytest.mark.slow  # reads the built site
def test_two_builds_give_the_same_feed_bytes(history):
    root, _ = history
    again = subprocess.run(  # another process, so another hash seed: no set or dict order leaks in
        [sys.executable, "-c", FEED_AGAIN], cwd=root, capture_output=True, timeout=600, check=True
    )
    assert again.stdout == (root / "site/feed.xml").read_bytes()


@pytest.mark.slow  # reads the built site
def test_snapshot_records_the_release_and_the_old_notes_stay_valid(history, tmp_path):
    root = shutil.copytree(history[0], tmp_path / "released", symlinks=True)  # the build is shared
    result = run_cli("snapshot", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Commit it with the release" in result.stdout
    record = (root / "published/observations.csv").read_bytes()
    assert record == (root / "site/downloads/observations.csv").read_bytes()
    assert run_cli("validate", cwd=root).returncode == 0


def test_snapshot_refuses_to_record_an_unnoted_change(tmp_path):
    (tmp_path / "datapackages").mkdir()
    shutil.copytree(ROOT / "datapackages/registry", tmp_path / "datapackages/registry")
    write_package(tmp_path / "datapackages/leics")
    assert run_cli("snapshot", cwd=tmp_path).returncode == 0
    before = (tmp_path / "published/observations.csv").read_bytes()
    write_package(tmp_path / "datapackages/leics", [{**GOOD_ROW, "value": "530"}])
    result = run_cli("snapshot", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "was published as 529 and is now 530" in result.stderr
    assert "published/observations.csv is unchanged" in result.stderr
    assert (tmp_path / "published/observations.csv").read_bytes() == before

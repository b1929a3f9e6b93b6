"""Test helpers: the project root, small packages written on the fly to break one rule, figure
records for unit tests of pages, builds shared by the test workers, and the command run as a user
runs it."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import fcntl
import io
import json
import math
import os
import pickle
import shutil
import subprocess
import sys
from collections import namedtuple
from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

import pytest
from click.testing import CliRunner

from generator.build import build_site, validated_model
from generator.cli import main
from generator.core.contract import LICENCE, observation_fields, observations_resource
from generator.core.periods import resolve_period
from generator.core.vocabulary import COMPARATOR_TYPES, QUALIFIERS
from generator.model.tidy import Model
from generator.outputs.engines import DEFAULT_ENGINE
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
GOOD_ROW = {
    "authority_code": "E10000018",
    "indicator_id": "cp_plans",
    "period": "2020-05-17",
    "value": "529",
    "provenance": "para 16",
}

# The columns of a model figure record (model.tidy) that pages read, with Leicestershire's figure.
_FIGURE = {
    "authority_code": "E10000018",
    "authority_name": "Leicestershire",
    "authority_type": "county",
    "indicator_id": "cp_plans",
    "indicator_title": "Children on child protection plans",
    "unit": "count",
    "polarity": "no_polarity",
    "theme": "child_protection",
    "period": "2020-05-17",
    "breakdown_dimension": "",
    "breakdown_category": "",
    "value": "529",
    "marker": "",
    "flag": "",
}
Figure = namedtuple(
    "Figure",
    [
        *_FIGURE,
        "value_number",
        "period_label",
        "period_end",
        "period_class",
        "is_comparator",
        "comparable",
    ],
)


def figure(**fields: str) -> Figure:
    """A figure record as the model gives pages one, with the period's label, end and length and
    the parsed value worked out as the model does; Leicestershire's child protection plans unless
    ``fields`` say otherwise."""
    record = {**_FIGURE, **fields}
    period = resolve_period(record["period"])
    return Figure(
        **record,
        value_number=float(record["value"]) if record["value"] else math.nan,
        period_label=period.label,
        period_end=period.end.isoformat() if period.end else "",
        period_class=period.length_class,
        is_comparator=record["authority_type"] in COMPARATOR_TYPES,
        comparable=period.on_timeline and record["flag"] not in QUALIFIERS,
    )


def descriptor(name: str = "fixture", **overrides) -> dict:
    d = {
        "name": name,
        "title": "Leicestershire: fixture report",
        "publisher": "Leicestershire County Council",
        "authorities": ["E10000018"],
        "committee": "Children and Families Overview and Scrutiny Committee",
        "meeting_date": "2020-06-02",
        "licenses": [LICENCE],
        "sources": [{"title": "Fixture report"}],
        "contributors": [{"title": "Tests", "role": "wrangler"}],
        "resources": [observations_resource()],
    }
    d.update(overrides)
    return d


def csv_text(rows: list[dict], fields: list[str] | None = None) -> str:
    fields = fields or observation_fields()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({**dict.fromkeys(fields, ""), **row})
    return buffer.getvalue()


def write_package(
    folder: Path, rows: list[dict] | None = None, *, csv_body: str | bytes | None = None, **meta
) -> Path:
    """A package in ``folder`` holding ``rows`` (or raw CSV text/bytes) and a valid descriptor."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_text(
        json.dumps(descriptor(folder.name, **meta), indent=2), encoding="utf-8"
    )
    body = csv_body if csv_body is not None else csv_text(rows if rows is not None else [GOOD_ROW])
    target = folder / "observations.csv"
    if isinstance(body, bytes):
        target.write_bytes(body)
    else:
        target.write_text(body, encoding="utf-8")
    return folder


# The report a project of one report keeps (conftest.py, one_report): 45 of Leicestershire's
# figures, with notes and a NOTES.md.
ONE_REPORT = "leicestershire-2020-06-02-help-and-protection"

# The official statistics packages and the comparators calculated from them (`transparency
# import-official`): 48,000 figures, which the quick tests leave out (tests/test_official.py builds
# the national site, marked slow).
NATIONAL_PACKAGES = ("dfe-*", "calculated-comparators")
without_national = shutil.ignore_patterns(*NATIONAL_PACKAGES)


def report_package_folders(datapackages: Path) -> list[Path]:
    """The package folders of ``datapackages`` but the official statistics ones."""
    return sorted(
        p for p in datapackages.iterdir() if p.is_dir() and not any(p.match(n) for n in NATIONAL_PACKAGES)
    )


def copy_project(
    source: Path, target: Path, *, national: bool = False, reports: Sequence[str] | None = None
) -> Path:
    """The inputs of a build (packages, pages, templates, configuration), safe to break and build;
    without the official statistics packages unless ``national``, and with only the report
    packages named in ``reports`` if it is given."""
    for name in ("datapackages", "content", "site_templates"):
        ignore = None if national or name != "datapackages" else without_national
        shutil.copytree(source / name, target / name, ignore=ignore)
    if reports is not None:
        for package in report_package_folders(target / "datapackages"):
            if package.name != "registry" and package.name not in reports:
                shutil.rmtree(package)
    if national:
        shutil.copytree(source / "sources", target / "sources")
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


# For a browser test of the site's own scripts and styles on the article (sorting, filtering, drawing
# charts as they come near, a chart's CSV, a figure's citation): the article is generated once and
# given to both engines byte for byte (tests/test_engines.py), so such a test runs on the default
# engine's site alone. Tests of layout, accessibility, search, links and the content security
# policy, where the engine's theme matters, run on every engine's site.
ON_THE_DEFAULT_ENGINE = pytest.mark.parametrize("site_engine", [DEFAULT_ENGINE], indirect=True)


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``'s result, made once in a test run however many workers need it.

    In one process, ``make`` runs in a new temporary folder. With pytest-xdist workers, the first
    to ask runs it in the run's shared temporary folder (the parent of each worker's own) holding
    a lock, and keeps the result there pickled; the others wait for the lock and read that copy.
    What ``make`` builds is shared, so the tests given it must only read it; a model it returns
    goes without what it caches (model_alone).
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    result = shared / f"{name}.pickle"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released as the file closes
        if not result.exists():
            folder = shared / name
            shutil.rmtree(folder, ignore_errors=True)  # what a worker whose make failed left
            folder.mkdir()
            result.write_bytes(pickle.dumps(make(folder)))
        return pickle.loads(result.read_bytes())


def built_with_model(project: Project) -> Model:
    """Build ``project``'s site, then model it as the build did (the build lets its own model go
    before the engine runs): validated again as build_site validates, Frictionless's verdicts reused."""
    build_site(project)
    return model_alone(validated_model(project))


def model_alone(model: Model) -> Model:
    """``model`` without the indexes it has cached (rebuilt on use), which cannot be pickled."""
    return dataclasses.replace(model)


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `transparency ARGS` in ``cwd`` as a user would, and capture its exit status and output.

    It runs in this process, through the real entry point (generator.cli.main, with these arguments
    on sys.argv), so the exit status and every message are what a user sees, without the 1.5-3 s
    of imports a new process costs. ``env`` is set for the run only. Use run_process where a
    separate process is the point (another hash seed, the installed command).
    """
    argv = ["transparency", *args]
    with (
        CliRunner().isolation(env=env) as (stdout, stderr, _),
        contextlib.chdir(cwd),
        _argv(argv),
    ):
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = _exit_status(stop.code)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    return subprocess.CompletedProcess(argv, code, _text(stdout), _text(stderr))


def run_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m generator ARGS` in a process of its own, and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


@contextlib.contextmanager
def _argv(argv: list[str]) -> Iterator[None]:
    saved = sys.argv
    sys.argv = argv
    try:
        yield
    finally:
        sys.argv = saved


def _exit_status(code: object) -> int:
    """The status the interpreter would exit with for ``sys.exit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _text(stream: io.BytesIO) -> str:
    return stream.getvalue().decode("utf-8").replace("\r\n", "\n")


def site_files(project: Path, folder: str = "site") -> dict[str, bytes]:
    """Every file under the project's ``folder`` (its published site unless told), by its path there."""
    site = project / folder
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@dataclasses.dataclass
class Table:
    """An HTML table of a page: its header cells, and each body row's cells as a reader reads them
    (text without tags, whitespace collapsed, without the label a stacked row shows on a phone,
    ``.cell-label``) and the addresses its links go to."""

    headers: list[str]
    rows: list[list[str]]
    links: list[list[str]]


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._cell: list[str] | None = None
        self._label = 0  # depth inside a .cell-label span
        self._head = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append(Table([], [], []))
        elif not self.tables:
            return
        elif tag == "thead":
            self._head = True
        elif tag == "tr" and not self._head:
            self._end_cell()
            self.tables[-1].rows.append([])
            self.tables[-1].links.append([])
        elif tag in ("td", "th"):
            self._end_cell()
            self._cell = []
        elif tag == "span" and (self._label or "cell-label" in (attributes.get("class") or "").split()):
            self._label += 1
        elif tag == "a" and self.tables[-1].links and not self._head:
            self.tables[-1].links[-1].append(attributes.get("href") or "")

    def _end_cell(self) -> None:
        """A cell ends at its end tag, or, as HTML lets it (report.md.j2), where the next cell or
        row begins or its row, its table's body or its table ends."""
        if self._cell is not None:
            text = " ".join("".join(self._cell).split())
            table = self.tables[-1]
            (table.headers if self._head else table.rows[-1]).append(text)
            self._cell = None

    def handle_endtag(self, tag):
        if tag in ("td", "th", "tr", "thead", "tbody", "table"):
            self._end_cell()
        if tag == "thead":
            self._head = False
        elif tag == "span" and self._label:
            self._label -= 1

    def handle_data(self, data):
        if self._cell is not None and not self._label:
            self._cell.append(data)


def html_tables(page: str) -> list[Table]:
    """The HTML tables of ``page`` (a page's Markdown from build/docs, or its HTML), in order."""
    parser = _Tables()
    parser.feed(page)
    parser.close()
    return parser.tables


def html_table(page: str, *headers: str) -> Table:
    """The one table of ``page`` whose header cells are ``headers``."""
    [table] = [t for t in html_tables(page) if t.headers == list(headers)]
    return table

"""Write a complete synthetic project at England scale that `transparency build` builds.

    python -m benchmarks.synthesise --scale 1 --seed 1 --out /tmp/england

Scale 1 is England: 153 upper-tier councils, one committee performance report each a year for ten
years (1,530 packages of 40-120 figures). Scale 0.1 is 15 councils, scale 4 is 612. The same seed
and scale always give byte-identical files. The figures are invented and must never be published:
every report title says "Synthetic", and councils without a real registry entry are named
"Synthetic council 042".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np

from generator.core.contract import LICENCE, observation_fields, observations_resource
from generator.core.vocabulary import STATISTICAL_NEIGHBOUR_AVERAGE, neighbour_average_code
from generator.inputs.official.areas import AUTHORITY_FIELDS

from .areas import ENGLAND_AUTHORITIES, Areas, build_areas
from .indicators import SPECS, read_registry_indicators
from .reports import Report, ReportWriter
from .truth import FIRST_YEAR, YEARS, Figures, make_figures, quartiles

SUMMARY = "Write a complete synthetic project at England scale that `transparency build` builds."
ROOT = Path(__file__).resolve().parent.parent
REAL_REGISTRY = ROOT / "datapackages" / "registry"
REPORT_YEARS = 10
MARK_FILE = "SYNTHETIC.md"
COMMITTEES = [
    "Children and Young People's Scrutiny Committee",
    "Children and Families Overview and Scrutiny Committee",
    "Corporate Parenting Board",
    "Children's Services Scrutiny Panel",
]


class SynthesisError(Exception):
    """Why no project was written; main() prints it without a traceback."""


def council_count(scale: float) -> int:
    return max(1, round(ENGLAND_AUTHORITIES * scale))


def _csv(rows: list[dict], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_registry(out: Path, areas: Areas, indicators: dict[str, dict]) -> None:
    registry = out / "datapackages" / "registry"
    registry.mkdir(parents=True)
    shutil.copy(REAL_REGISTRY / "datapackage.json", registry / "datapackage.json")
    area_fields = list(AUTHORITY_FIELDS)  # the registry's columns, as import-official writes them
    rows = [areas.england, *(areas.regions[c] for c in sorted(areas.regions))]
    rows += [
        {"code": c.code, "dfe_code": c.dfe_code, "name": c.name, "type": c.type, "region_code": c.region}
        for c in areas.councils
    ]
    rows += [
        {
            "code": neighbour_average_code(c.code),
            "name": f"{c.name}'s statistical neighbours (average)",
            "type": STATISTICAL_NEIGHBOUR_AVERAGE,
            "region_code": c.region,
            "comparator_of": c.code,
        }
        for c in areas.councils
    ]
    _write(
        registry / "authorities.csv",
        _csv([{k: r.get(k, "") for k in area_fields} for r in rows], area_fields),
    )
    neighbour_fields = ["authority_code", "neighbour_code", "rank", "model", "model_as_at", "source"]
    neighbours = [
        {
            "authority_code": council.code,
            "neighbour_code": areas.councils[other].code,
            "rank": rank,
            "model": "synthetic (nearest by child population and deprivation)",
            "model_as_at": "2021-01-01",
            "source": "benchmarks/synthesise.py: synthetic data for benchmarking, never published",
        }
        for council, row in zip(areas.councils, areas.neighbours, strict=True)
        for rank, other in enumerate(row, start=1)
    ]
    _write(registry / "statistical_neighbours.csv", _csv(neighbours, neighbour_fields))
    # The national tables (`transparency import-official`) with no rows: the synthetic councils
    # have no boundary changes, no DfE neighbour models and no official figures to meet.
    for name in (
        "area_changes.csv",
        "neighbour_models.csv",
        "model_neighbours.csv",
        "official_equivalents.csv",
    ):
        with (REAL_REGISTRY / name).open(encoding="utf-8", newline="") as handle:
            _write(registry / name, _csv([], next(csv.reader(handle))))
    with (REAL_REGISTRY / "indicators.csv").open(encoding="utf-8", newline="") as handle:
        indicator_fields = next(csv.reader(handle))
    _write(registry / "indicators.csv", _csv(list(indicators.values()), indicator_fields))


def _meeting(rng: random.Random, year: int) -> str:
    """Performance reports for a financial year go to committee in the summer after it."""
    day = dt.date(FIRST_YEAR + year + 1, 6, 1) + dt.timedelta(days=rng.randrange(120))
    return day.isoformat()


def _descriptor(report: Report, committee: str) -> dict:
    council, meeting = report.council, dt.date.fromisoformat(report.meeting)
    title = f"Synthetic performance report {report.financial_year[2:]}"
    publisher = f"{council.name} (synthetic benchmark data)"
    return {
        "name": report.slug,
        "title": f"{council.name}: {title} ({committee}, {meeting.day} {meeting:%B %Y})",
        "description": f"Synthetic children's social care figures for {report.financial_year[2:]}, made by "
        "benchmarks/synthesise.py to measure the build at England scale. Not real data.",
        "publisher": publisher,
        "authorities": [council.code],
        "committee": committee,
        "meeting_date": report.meeting,
        "report_period": report.financial_year,
        "licenses": [LICENCE],
        "sources": [
            {"title": title, "publisher": publisher, "committee": committee, "meeting_date": report.meeting}
        ],
        "contributors": [{"title": "benchmarks/synthesise.py", "role": "wrangler"}],
        "resources": [observations_resource()],
    }


def _summary(report: Report, indicators: dict[str, dict]) -> str:
    """Our own summary, as content/reports/<name>.md holds for every real report."""
    own = [r for r in report.rows if r["authority_code"] == report.council.code and r.get("value")]
    lines = [
        f"- {indicators[r['indicator_id']]['title']}: {r['value']} ({r['period']})."
        for r in own[:: max(len(own) // 5, 1)][:5]
    ]
    return (
        "## Summary\n\n"
        f"This is a synthetic performance report for {report.council.name} covering "
        f"{report.financial_year[2:]}, made up by the benchmark generator. Its figures are invented "
        "to have the shape of a real committee report and must never be published.\n\n"
        "What the figures show:\n\n" + "\n".join(lines) + "\n"
    )


def _disagree(reports: list[Report], rng: random.Random) -> int:
    """Change a few figures that another report also prints, as a revision or a typo would: the
    validator warns about each, and the site lists both versions."""
    seen: dict[tuple, int] = {}
    overlaps = []
    for number, report in enumerate(reports):
        for row in report.rows:
            if not row.get("value") or row["authority_code"] != report.council.code:
                continue
            key = (row["authority_code"], row["indicator_id"], row["period"], row.get("breakdown_category"))
            if key in seen and seen[key] != number:
                overlaps.append(row)
            seen.setdefault(key, number)
    wanted = min(len(overlaps), max(1, round(len(reports) / 100)))
    for row in rng.sample(overlaps, wanted):
        value = row["value"]
        decimals = len(value.partition(".")[2])
        bumped = float(value) + rng.choice([1, 2, 3]) * 10.0**-decimals
        if row["indicator_id"].endswith("_pct") and bumped > 100:
            bumped = float(value) - 10.0**-decimals
        row["value"] = f"{bumped:.{decimals}f}"
        row.pop("numerator", None)
        row.pop("denominator", None)
        row["flag"] = "r"
        row["note"] = "The report revises the figure it printed last year."
    return wanted


def synthesise(out: Path, *, seed: int, councils: int) -> dict:
    """Write the project; returns counts for the caller to report."""
    indicators = read_registry_indicators(REAL_REGISTRY)
    streams = np.random.SeedSequence(seed).spawn(len(SPECS) + 1)
    areas = build_areas(REAL_REGISTRY, councils, np.random.default_rng(streams[0]))
    figures: dict[str, Figures] = {
        spec.id: make_figures(spec, indicators[spec.id]["unit"], areas, np.random.default_rng(stream))
        for spec, stream in zip(SPECS, streams[1:], strict=True)
    }
    quartile_cache: dict[str, np.ndarray] = {}

    def quartile_of(indicator: str) -> np.ndarray:
        if indicator not in quartile_cache:
            values = figures[indicator].council[:, :, 0]
            quartile_cache[indicator] = quartiles(values, indicators[indicator]["polarity"])
        return quartile_cache[indicator]

    writer = ReportWriter(areas, figures, indicators, quartile_of)
    reports = []
    for index, council in enumerate(areas.councils):
        for year in range(YEARS - REPORT_YEARS, YEARS):
            rng = random.Random(f"{seed}/{council.code}/{year}")
            report = Report(council, index, year, _meeting(rng, year))
            report.rows = writer.rows(report, rng)
            reports.append(report)
    discrepancies = _disagree(reports, random.Random(f"{seed}/discrepancies"))

    write_registry(out, areas, indicators)
    fields = observation_fields()
    for report in reports:
        folder = out / "datapackages" / report.slug
        committee = COMMITTEES[report.index % len(COMMITTEES)]
        _write(folder / "datapackage.json", json.dumps(_descriptor(report, committee), indent=2) + "\n")
        _write(folder / "observations.csv", _csv(report.rows, fields))
        _write(out / "content" / "reports" / f"{report.slug}.md", _summary(report, indicators))
    _copy_site_sources(out, reports[0].slug)
    _write(out / MARK_FILE, _mark(seed, councils))
    return {
        "councils": len(areas.councils),
        "packages": len(reports),
        "observations": sum(len(r.rows) for r in reports),
        "discrepancies": discrepancies,
    }


# Links from hand-written pages to a real package: its download or its report page.
_PACKAGE_LINK = re.compile(r"(?:downloads/packages/([a-z0-9-]+)\.zip|reports/([a-z0-9-]+)\.md)")


def _copy_site_sources(out: Path, example: str) -> None:
    """The real hand-written pages, templates and configuration. A page that links to a real
    package's download or report page as an example links to a synthetic one instead, since MkDocs
    (strict) fails on a link to a file that is not there."""
    packages = {p.name for p in (out / "datapackages").iterdir()}
    for source in sorted((ROOT / "content").rglob("*")):
        relative = source.relative_to(ROOT / "content")
        if relative.parts[0] == "reports" or not source.is_file():
            continue
        target = out / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".md":
            shutil.copy(source, target)
            continue
        text = source.read_text(encoding="utf-8")
        linked = {name for pair in _PACKAGE_LINK.findall(text) for name in pair if name}
        for name in linked - packages - {"index"}:
            text = text.replace(name, example)
        target.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "site_templates", out / "site_templates")
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")


def _mark(seed: int, councils: int) -> str:
    return (
        "# Synthetic project: do not publish\n\n"
        f"Written by `python -m benchmarks.synthesise` (seed {seed}, {councils} councils) to measure the\n"
        "build. Every figure is invented. Councils named 'Synthetic council NNN' do not exist; real\n"
        "council names carry invented figures. Delete this folder when done.\n"
    )


def prepare(out: Path) -> None:
    """Refuse to write over anything but an earlier synthetic project."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARK_FILE).is_file():
            raise SynthesisError(
                f"{out} exists and is not a synthetic project (no {MARK_FILE}); "
                "give an empty or new folder with --out"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.synthesise", description=SUMMARY)
    parser.add_argument("--scale", type=float, default=1.0, help="1 is England's 153 councils (default 1)")
    parser.add_argument("--authorities", type=int, help="number of councils; overrides --scale")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the project into")
    args = parser.parse_args(argv)
    councils = args.authorities if args.authorities is not None else council_count(args.scale)
    if councils < 1 or args.scale <= 0:
        parser.error("--scale and --authorities must be positive")
    started = time.perf_counter()
    try:
        prepare(args.out)
        counts = synthesise(args.out, seed=args.seed, councils=councils)
    except SynthesisError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    print(
        f"Wrote {args.out}: {counts['councils']} councils, {counts['packages']} packages, "
        f"{counts['observations']} figures, {counts['discrepancies']} deliberate discrepancies "
        f"in {time.perf_counter() - started:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

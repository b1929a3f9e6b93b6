"""Measure the build at a given scale with each site engine against a plain build by that engine;
write benchmarks/results/scale-<s>.md/.json.

    python -m benchmarks.run --scale 1 [--seed 1] [--engine mkdocs --engine zensical] [--keep DIR]
                             [--timeout 900] [--profile docs]

1. Synthesise a project (benchmarks/synthesise.py) into a temporary folder (or --keep DIR).
Then for each engine (both unless --engine says which), one after the other on the same project:
2. In a fresh process (benchmarks/stages.py), run one full `transparency build --engine E`
   (build_site) and time each of its stages, with peak memory, Frictionless's share and each
   domain check.
3. Measure page weights, the plotly bundle and the search index of the built site, and where a
   page's bytes go (benchmarks/page_weight.py: navigation, header, article, inline JSON).
4. Build the same Markdown plainly with that engine (benchmarks/baseline.py) for the baseline.
5. Change one figure and time `transparency build --engine E` again: the rebuild; then once more,
   a later rebuild, which writes into the folders the rebuild before kept.

--timeout bounds the stage process and each build; a stage that runs out of time is reported as
such and the measurements that need its output are skipped. --profile STAGE runs that stage once
more, in its own fresh process under cProfile, and writes the profile beside the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from subprocess import PIPE

from generator.cli import ENGINE_NAMES
from generator.outputs.engines import engine_named

from .baseline import run_baseline
from .machine import describe_machine, load_average
from .page_weight import site_breakdown
from .rebuild import BuildError, measure_rebuild
from .report import render_markdown
from .site_metrics import site_metrics
from .stages import STAGES
from .synthesise import ROOT, SynthesisError, council_count, prepare, synthesise
from .tree_memory import TreeSampler

RESULTS = ROOT / "benchmarks" / "results"
BASELINE_WORK = ".bench"  # one folder below the project, where the plain build is made


def _stage_process(project: Path, timeout: float | None, extra: list[str]) -> dict:
    """Run benchmarks/stages.py on ``project`` in a fresh interpreter; returns what it measured."""
    with tempfile.TemporaryDirectory() as scratch:
        json_out = Path(scratch) / "stages.json"
        command = [sys.executable, "-m", "benchmarks.stages", str(project), "--json", str(json_out)]
        if timeout:
            command += ["--timeout", str(timeout)]
        process = subprocess.Popen([*command, *extra], cwd=ROOT, stdout=PIPE, stderr=PIPE, text=True)
        with TreeSampler(process.pid) as memory:
            out, err = process.communicate()
        if process.returncode != 0 or not json_out.is_file():
            tail = (err or out).strip().splitlines()[-5:]
            raise BuildError("the stage measurement failed: " + " / ".join(tail))
        measured = json.loads(json_out.read_text(encoding="utf-8"))
        measured["tree_peak_pss_mb"] = memory.peak_mb
        stages = measured["stages"]
        for stage, following in zip(stages, [*stages[1:], None], strict=True):
            if "started_at" in stage:  # each stage's own peak says which one needed the memory
                end = following.get("started_at") if following else None
                stage["tree_peak_pss_mb"] = memory.peak_mb_between(stage["started_at"], end)
        return measured


# Not published/: the rebuild measurement changes one published figure, which (rightly) fails
# validation without a revision note.
REAL_SOURCES = ("datapackages", "content", "site_templates", "mkdocs.yml")


def copy_real_project(out: Path) -> dict:
    """The repository's own packages and pages, to measure the site people see today."""
    for name in REAL_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name)
        elif source.is_file():
            shutil.copy(source, out / name)
    packages = [p for p in (out / "datapackages").iterdir() if p.is_dir() and p.name != "registry"]
    rows = sum(len((p / "observations.csv").read_text(encoding="utf-8").splitlines()) - 1 for p in packages)
    return {
        "real": True,
        "councils": None,
        "packages": len(packages),
        "observations": rows,
        "discrepancies": None,
    }


def label(scale: float, authorities: int | None, real: bool = False) -> str:
    if real:
        return "real"
    return f"authorities-{authorities}" if authorities is not None else f"scale-{scale:g}"


def measure_engine(project: Path, args, engine: str, notes: list[str]) -> dict:
    """One engine's full build, site, plain baseline and rebuild, on the project as it stands."""
    timeout = args.timeout or None
    search_index = engine_named(engine).search_index
    staged = _stage_process(project, timeout, ["--engine", engine])
    measured: dict = {"pipeline": staged}
    if staged.get("timed_out_in") is not None:
        notes.append(
            f"{engine}: the stage '{staged['timed_out_in']}' did not finish within the {args.timeout:.0f} s "
            "limit; the baseline, site measurements and rebuild need its output and were not run."
        )
        return measured
    total = sum(s["seconds"] for s in staged["stages"])
    measured["pipeline"]["total_seconds"] = round(total, 2)
    measured["site"] = site_metrics(project / "site", search_index)
    measured["site"]["breakdown"] = site_breakdown(project / "site")
    baseline = run_baseline(project, project / BASELINE_WORK, timeout, engine)
    measured["baseline"] = baseline
    baseline["ratio_total_to_baseline"] = round(total / baseline["seconds"], 2)
    built = next(s["seconds"] for s in staged["stages"] if s["stage"] == "engine")
    baseline["ratio_engine_stage_to_baseline"] = round(built / baseline["seconds"], 2)
    baseline["site"] = site_metrics(Path(baseline.pop("site")), search_index)
    shutil.rmtree(project / BASELINE_WORK)  # the rebuild needs the disk more than this copy
    if args.no_rebuild:
        measured["rebuild"] = {"skipped": "--no-rebuild"}
    else:
        # The first rebuild after a build from clean, then another: from the second on, a build
        # writes into the folders of the trees the one before put aside (generator/core/kept_folders.py),
        # as every rebuild of a project but its first does.
        for key in ("rebuild", "later_rebuild"):
            try:
                measured[key] = measure_rebuild(
                    project,
                    total,
                    lambda extra: _stage_process(project, timeout, ["--engine", engine, *extra]),
                )
            except BuildError as error:
                measured[key] = {"error": str(error)}
    return measured


def measure(project: Path, args, name: str, results: Path) -> dict:
    started = time.perf_counter()
    load_before = load_average()
    councils = args.authorities if args.authorities is not None else council_count(args.scale)
    synth_started = time.perf_counter()
    if args.real:
        counts = copy_real_project(project)
    else:
        counts = synthesise(project, seed=args.seed, councils=councils)
    report: dict = {
        "name": name,
        "scale": args.scale if args.authorities is None else None,
        "seed": args.seed,
        "run_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": describe_machine(ROOT),
        "input": {**counts, "synthesis_seconds": round(time.perf_counter() - synth_started, 2)},
        "notes": [],
    }
    timeout = args.timeout or None
    report["engines"] = {}
    for engine in args.engine or ENGINE_NAMES:
        try:
            report["engines"][engine] = measure_engine(project, args, engine, report["notes"])
        except BuildError as error:  # a result too: the other engines' measurements still stand
            report.setdefault("failed", {})[engine] = str(error)
            report["notes"].append(f"{engine_named(engine).label} did not build this project: {error}")
            continue
        for stage in args.profile or []:
            suffix = "" if engine == ENGINE_NAMES[0] else f"-{engine}"
            out = results / f"{name}{suffix}-profile-{stage}.txt"
            _stage_process(
                project,
                timeout,
                ["--engine", engine, "--profile", stage, "--profile-out", str(out), "--stop-after", stage],
            )
            shown = (
                out.resolve().relative_to(ROOT).as_posix() if out.resolve().is_relative_to(ROOT) else str(out)
            )
            report.setdefault("profiles", []).append(shown)
    if not report["engines"]:
        raise BuildError("no engine built the project: " + "; ".join(report["failed"].values()))
    report["load_average"] = {"start": load_before, "end": load_average()}
    if load_before and load_before[0] >= 0.5:
        report["notes"].append(
            f"The machine was not idle when the run started (1-minute load average {load_before[0]}), "
            "so times are noisy; compare runs made on the same quiet machine."
        )
    report["wall_seconds"] = round(time.perf_counter() - started, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is England's 153 councils (default 1)")
    parser.add_argument("--authorities", type=int, help="number of councils; overrides --scale")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real", action="store_true", help="measure the repository's own packages instead")
    parser.add_argument("--keep", type=Path, help="synthesise into this folder and keep it")
    parser.add_argument("--timeout", type=float, default=0, help="seconds allowed per build; 0 for none")
    parser.add_argument(
        "--engine", action="append", choices=ENGINE_NAMES, help="measure this engine (default: every one)"
    )
    parser.add_argument("--profile", action="append", choices=STAGES, help="also profile this stage")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuild after one change")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for the results files")
    args = parser.parse_args(argv)
    if args.scale <= 0 or (args.authorities is not None and args.authorities < 1):
        parser.error("--scale and --authorities must be positive")
    name = label(args.scale, args.authorities, args.real)
    args.results.mkdir(parents=True, exist_ok=True)
    try:
        if args.keep and args.real:
            raise SynthesisError(
                "--keep is for synthetic projects; --real copies the repository into a temp folder"
            )
        if args.keep:
            prepare(args.keep)
            report = measure(args.keep.resolve(), args, name, args.results)
        else:
            with tempfile.TemporaryDirectory(prefix="benchmark-") as scratch:
                report = measure(Path(scratch), args, name, args.results)
    except (SynthesisError, BuildError) as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    (args.results / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    markdown = render_markdown(report)
    (args.results / f"{name}.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())

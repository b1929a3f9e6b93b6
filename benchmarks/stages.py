"""Time each stage of the real build in this (fresh) process, through the generator's public functions.

    python -m benchmarks.stages PROJECT --json OUT [--timeout S] [--profile STAGE --profile-out FILE]

Run by benchmarks/run.py, never imported by it: a fresh interpreter per measurement keeps one
run's caches and memory from flattering the next. Stages run as `transparency build` runs them
(generator/build.py build_site), writing into PROJECT/.bench/ (one folder below the project root,
where the generated mkdocs.yml expects to be). Memory is the process's peak resident set size
(getrusage ru_maxrss, a high-water mark) read after each stage: cheap and exact, where tracemalloc
would slow pandas-heavy stages several times and miss memory that C extensions allocate.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import inspect
import io
import json
import pstats
import resource
import shutil
import signal
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

STAGES = ("validate", "model", "docs", "config", "mkdocs")
WORK = ".bench"

# The generator functions the benchmark drives, with the parameters it passes. If the lead's rewrite
# changes one, the benchmark says which instead of measuring something else.
EXPECTED = {
    "generator.validate.validate": ["paths", "root", "registry_parent"],
    "generator.model.build_model": ["validation"],
    "generator.build.write_docs": ["model", "project", "docs"],
    "generator.build.write_config": ["model", "folder"],
    "generator.build.run_mkdocs": ["config", "docs", "site", "epoch"],
}


class BenchmarkError(Exception):
    """The benchmark cannot measure this generator as it stands; the message says why."""


class StageTimeout(BaseException):
    """Raised by the alarm inside a stage; a BaseException so no library's `except Exception` eats it."""


def _resolve(dotted: str):
    module_name, _, name = dotted.rpartition(".")
    module = __import__(module_name, fromlist=[name])
    function = getattr(module, name, None)
    if function is None:
        raise BenchmarkError(f"{dotted} no longer exists; update benchmarks/stages.py to the new build API")
    return function


def check_api() -> dict[str, Callable]:
    functions = {}
    for dotted, wanted in EXPECTED.items():
        function = _resolve(dotted)
        parameters = inspect.signature(function).parameters
        required = [n for n, p in parameters.items() if p.default is inspect.Parameter.empty]
        if [n for n in required if n not in wanted] or [n for n in wanted if n not in parameters]:
            raise BenchmarkError(
                f"{dotted}{inspect.signature(function)} no longer takes ({', '.join(wanted)}); "
                "update benchmarks/stages.py to the new signature"
            )
        functions[dotted.rpartition(".")[2]] = function
    return functions


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def epoch_of(packages) -> str:
    """SOURCE_DATE_EPOCH from the latest meeting, as the build stamps it (it only dates the sitemap)."""
    dates = [str(p.descriptor.get("meeting_date") or "") for p in packages]
    latest = max([d for d in dates if d] or ["2020-01-01"])
    return str(int(dt.datetime.fromisoformat(latest).replace(tzinfo=dt.UTC).timestamp()))


class Recorder:
    def __init__(self, project: Path, deadline: float | None, profile: str | None, profile_out: Path | None):
        self.project = project
        self.deadline = deadline
        self.profile = profile
        self.profile_out = profile_out
        self.stages: list[dict] = []
        self.timed_out: str | None = None

    @contextmanager
    def stage(self, name: str):
        profiler = cProfile.Profile() if name == self.profile else None
        if self.deadline is not None:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                self.timed_out = name
                self.stages.append({"stage": name, "timed_out_after_s": 0.0})
                raise StageTimeout
            signal.setitimer(signal.ITIMER_REAL, remaining)
        record = {"stage": name, "profiled": profiler is not None}
        started = time.perf_counter()
        try:
            if profiler:
                profiler.enable()
            yield record
        except StageTimeout:
            record["timed_out_after_s"] = round(time.perf_counter() - started, 2)
            if "progress" in record:
                record["html_written_when_stopped"] = record["progress"]()
            self.timed_out = name
            raise
        finally:
            if profiler:
                profiler.disable()
                self._write_profile(profiler, name, time.perf_counter() - started)
            signal.setitimer(signal.ITIMER_REAL, 0)
            if "timed_out_after_s" not in record:
                record["seconds"] = round(time.perf_counter() - started, 3)
            record["peak_rss_mb"] = round(peak_rss_mb(), 1)
            record.pop("progress", None)
            self.stages.append(record)

    def _write_profile(self, profiler: cProfile.Profile, name: str, seconds: float) -> None:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        out.write(f"cProfile of stage '{name}': {seconds:.1f} s under the profiler\n\n")
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
        text = (
            out.getvalue().replace(str(Path.cwd()) + "/", "").replace(str(self.project) + "/", "<project>/")
        )
        assert self.profile_out is not None
        self.profile_out.write_text(text, encoding="utf-8")


# Where generator.validate hands packages to Frictionless, newest first; the library itself last.
FRICTIONLESS_CALL_SITES = ("frictionless_batch", "frictionless_problems")


def _frictionless_call_site():
    import frictionless

    import generator.validate

    for name in FRICTIONLESS_CALL_SITES:
        if callable(getattr(generator.validate, name, None)):
            return generator.validate, name
    return frictionless, "validate"


def _alarm(_signum, _frame):
    raise StageTimeout


def run_stages(project_root: Path, recorder: Recorder, stop_after: str | None, result: dict) -> None:
    """Fill ``result`` as stages finish, so that a stage stopped by the timeout keeps what came before."""
    api = check_api()
    from generator.build import Project
    from generator.checks import CHECKS, CheckContext

    project = Project(project_root)
    work = project_root / WORK
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()

    # Frictionless's share of validation, timed where validate() calls it. validate() may hand the
    # packages to worker processes, so the wall time around its call is what is timed, not the calls
    # to frictionless.validate (which then happen in other processes).
    call_site = _frictionless_call_site()
    seconds = [0.0, 0]
    real = getattr(*call_site)

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            seconds[0] += time.perf_counter() - started
            seconds[1] += 1

    setattr(*call_site, timed)
    try:
        with recorder.stage("validate"):
            validation = api["validate"](
                [project.datapackages], root=project.root, registry_parent=project.datapackages
            )
    finally:
        setattr(*call_site, real)
    errors = [p for p in validation.problems if p.is_error]
    if errors:
        sample = "; ".join(f"{p.file}:{p.row} {p.message}" for p in errors[:3])
        raise BenchmarkError(f"the synthetic project has {len(errors)} validation errors, e.g. {sample}")
    rows = len(validation.observations)
    result["validation"] = {
        "packages": len(validation.packages),
        "observations": rows,
        "warnings": len(validation.problems),
        "frictionless_seconds": round(seconds[0], 3) if seconds[1] else None,
        "frictionless_timed_at": f"{call_site[0].__name__}.{call_site[1]}",
        "frictionless_calls": seconds[1],
    }
    # The domain checks alone, over the observations validation already read (cheap, so timed
    # before the long stages that a timeout may cut short).
    try:
        context = CheckContext(validation.observations, validation.packages, validation.registry)
    except (AttributeError, TypeError) as error:
        raise BenchmarkError(
            f"CheckContext or the Validation result changed ({error}); update benchmarks/stages.py"
        ) from None
    per_check = {}
    started = time.perf_counter()
    for check in CHECKS:
        check_started = time.perf_counter()
        list(check.run(context))
        per_check[check.id] = round(time.perf_counter() - check_started, 3)
    checks_seconds = time.perf_counter() - started
    result["domain_checks"] = {
        "seconds": round(checks_seconds, 3),
        "rows": rows,
        "rows_per_second": round(rows / checks_seconds) if checks_seconds else None,
        "per_check_seconds": per_check,
    }
    if stop_after == "validate":
        return
    with recorder.stage("model"):
        model = api["build_model"](validation)
    if stop_after == "model":
        return
    docs, site = work / "docs", work / "site"
    with recorder.stage("docs"):
        api["write_docs"](model, project, docs)
    if stop_after == "docs":
        return
    with recorder.stage("config"):
        config = api["write_config"](model, work)
    with recorder.stage("mkdocs") as record:
        # If time runs out, how far MkDocs got says how long it would have taken.
        record["pages"] = sum(1 for _ in docs.rglob("*.md"))
        record["progress"] = lambda: sum(1 for _ in site.rglob("*.html"))
        api["run_mkdocs"](config, docs, site, epoch=epoch_of(model.packages))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--timeout", type=float, default=0, help="seconds for all stages; 0 for no limit")
    parser.add_argument("--profile", choices=STAGES, help="run this stage under cProfile")
    parser.add_argument("--profile-out", type=Path)
    parser.add_argument("--stop-after", choices=STAGES)
    args = parser.parse_args(argv)
    if args.profile and not args.profile_out:
        parser.error("--profile needs --profile-out")
    signal.signal(signal.SIGALRM, _alarm)
    deadline = time.monotonic() + args.timeout if args.timeout else None
    recorder = Recorder(args.project.resolve(), deadline, args.profile, args.profile_out)
    started = time.perf_counter()
    result: dict = {"stages": recorder.stages}
    try:
        run_stages(args.project.resolve(), recorder, args.stop_after, result)
    except StageTimeout:
        pass  # the stopped stage is recorded as such
    except BenchmarkError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    result["timed_out_in"] = recorder.timed_out
    result["timeout_s"] = args.timeout or None
    result["wall_seconds"] = round(time.perf_counter() - started, 2)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time each stage of one real, full `transparency build` in this (fresh) process.

    python -m benchmarks.stages PROJECT --json OUT [--engine mkdocs|zensical] [--timeout S]
                                [--profile STAGE --profile-out FILE] [--incremental]

Run by benchmarks/run.py, never imported by it: a fresh interpreter per measurement keeps one
run's caches and memory from flattering the next. The build is generator.build.build_site itself,
from clean (``full=True``: no reused pages, no remembered Frictionless verdicts), so the project is
left exactly as `transparency build` leaves it, and the rebuild measured next is a real incremental
build. With --incremental it rebuilds on the previous build instead, as `transparency build` does
after a change. Stages are told apart by the progress messages build_site gives the command line. Memory is
the process's peak resident set size (getrusage ru_maxrss, a high-water mark) read when each stage
ends: cheap and exact, where tracemalloc would slow pandas-heavy stages several times and miss
memory that C extensions allocate. Zensical runs as a process of its own (outputs/engines/zensical.py), so
the largest child process's peak (RUSAGE_CHILDREN, which also sees Frictionless's workers) is
recorded beside it.

Inside the build, two things are timed where validate() calls them: the hand-over to Frictionless
(generator.validation.validate.frictionless_batch, which runs in a child beside the domain checks and
may use worker processes, so its wall time is what is timed, added up in memory the child shares)
and each domain check in generator.validation.checks.CHECKS.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import pstats
import resource
import shutil
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from generator.cli import ENGINE_NAMES

STAGES = ("validate", "docs", "engine", "publish")
# build_site's progress messages, by how each stage's message starts.
STAGE_OF_MESSAGE = {
    "validating": "validate",
    "rendering": "docs",
    "building": "engine",
    "publishing": "publish",
}
STAGE_LABELS = {
    "validate": "validate (Frictionless + domain checks) and model (join to the registry)",
    "docs": "docs (page context, Markdown, page data files, downloads, feed, navigation, hashes)",
    "engine": "site engine build (MkDocs or Zensical)",
    "publish": "publish (swap build/docs and site/ into place, save the build state)",
}


class BenchmarkError(Exception):
    """The benchmark cannot measure this generator as it stands; the message says why."""


class StageTimeout(BaseException):
    """Raised by the alarm inside a stage; a BaseException so no library's `except Exception` eats it."""


class StopBuild(BaseException):
    """Raised at the end of the stage asked for with --stop-after (build_site then cleans up)."""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def resident_mb() -> float | None:
    """What this process holds now (VmRSS), where ru_maxrss is only the most it ever held: at the
    start of the engine's stage it says how much of the generator's memory the engine stacks on."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def children_peak_rss_mb() -> float:
    """The peak of the largest child process that has ended (Frictionless workers, Zensical)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


class Recorder:
    """Hears build_site's progress messages and turns them into timed stages."""

    def __init__(self, project: Path, profile: str | None, profile_out: Path | None, stop_after: str | None):
        self.project = project
        self.profile = profile
        self.profile_out = profile_out
        self.stop_after = stop_after
        self.stages: list[dict] = []
        self.current: dict | None = None
        self.started = 0.0
        self.profiler: cProfile.Profile | None = None

    def __call__(self, message: str) -> None:
        name = STAGE_OF_MESSAGE.get(message.split(" ", 1)[0])
        if name is None:
            raise BenchmarkError(f"build_site reported a stage this benchmark does not know: {message!r}")
        finished = self.end()
        if finished is not None and finished == self.stop_after:
            raise StopBuild
        self.current = {"stage": name, "message": message, "started_at": time.time()}
        if (resident := resident_mb()) is not None:
            self.current["resident_mb_at_start"] = round(resident, 1)
        if name == self.profile:
            self.profiler = cProfile.Profile()
            self.profiler.enable()
        self.started = time.perf_counter()

    def end(self, timed_out: bool = False) -> str | None:
        """Close the stage under way; returns its name."""
        record, self.current = self.current, None
        if record is None:
            return None
        seconds = round(time.perf_counter() - self.started, 3)
        if self.profiler is not None:
            self.profiler.disable()
            self._write_profile(self.profiler, record["stage"], seconds)
            self.profiler = None
            record["profiled"] = True
        if timed_out:
            record["timed_out_after_s"] = seconds
            if record["stage"] == "engine":
                # How far MkDocs got says how long it would have taken.
                record["html_written_when_stopped"] = sum(
                    1 for _ in self.project.glob(".build-*/site/**/*.html")
                )
        else:
            record["seconds"] = seconds
        record["peak_rss_mb"] = round(peak_rss_mb(), 1)
        record["children_peak_rss_mb"] = round(children_peak_rss_mb(), 1)
        self.stages.append(record)
        return record["stage"]

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


@contextmanager
def timed_attribute(owner, name: str, totals: list):
    """Replace ``owner.name`` with a timed wrapper for the duration; totals = [seconds, calls]."""
    real = getattr(owner, name, None)
    if not callable(real):
        raise BenchmarkError(f"{owner.__name__}.{name} no longer exists; update benchmarks/stages.py")

    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            totals[0] += time.perf_counter() - started
            totals[1] += 1

    setattr(owner, name, timed)
    try:
        yield
    finally:
        setattr(owner, name, real)


class TimedCheck:
    """A domain check that times itself and counts the rows it was given, for the throughput."""

    def __init__(self, check, seconds: dict[str, float], rows: list[int]):
        self.check, self.seconds, self.rows = check, seconds, rows
        self.id = check.id

    def run(self, context):
        started = time.perf_counter()
        found = list(self.check.run(context))
        self.seconds[self.id] = self.seconds.get(self.id, 0.0) + time.perf_counter() - started
        self.rows[0] = len(context.observations)
        return found


@contextmanager
def timed_checks(checks: list, seconds: dict[str, float], rows: list[int]):
    real = list(checks)
    checks[:] = [TimedCheck(check, seconds, rows) for check in real]
    try:
        yield
    finally:
        checks[:] = real


def _alarm(_signum, _frame):
    raise StageTimeout


def run_build(
    project_root: Path,
    recorder: Recorder,
    result: dict,
    *,
    incremental: bool = False,
    engine: str = ENGINE_NAMES[0],
) -> None:
    """Fill ``result`` as the build goes, so that a stage stopped by the timeout keeps what came before.

    ``incremental``: build as `transparency build` does after a previous build, reusing what is
    still valid, instead of from clean.
    """
    import generator.validation.validate
    from generator.build import BuildFailed, build_site
    from generator.core.background import in_this_process
    from generator.project import Project
    from generator.validation.checks import CHECKS

    if not incremental:
        for name in ("build", "site"):
            shutil.rmtree(project_root / name, ignore_errors=True)
    if recorder.profile == "validate":
        # Frictionless runs in a child and its worker processes, where a profiler in this one
        # cannot see it: when profiling, ask it about every package here instead (slower, which a
        # profile may be).
        import generator.validation.frictionless.batch

        generator.validation.frictionless.batch._MIN_PACKAGES_PER_WORKER = sys.maxsize
        generator.validation.validate.in_background = in_this_process
    # Shared with the child that asks Frictionless (core/background.py), which adds its time here.
    frictionless = multiprocessing.RawArray("d", 2)
    check_seconds: dict[str, float] = {}
    rows = [0]
    try:
        with (
            timed_attribute(generator.validation.validate, "frictionless_batch", frictionless),
            timed_checks(CHECKS, check_seconds, rows),
        ):
            built = build_site(Project(project_root), recorder, full=not incremental, engine=engine)
    except BuildFailed as failure:
        raise BenchmarkError(f"the project does not build: {failure}") from None
    finally:
        result["validation"] = {
            "observations": rows[0],
            "frictionless_seconds": round(frictionless[0], 3) if frictionless[1] else None,
            "frictionless_timed_at": "generator.validation.validate.frictionless_batch",
        }
        if check_seconds:
            total = sum(check_seconds.values())
            result["domain_checks"] = {
                "seconds": round(total, 3),
                "rows": rows[0],
                "rows_per_second": round(rows[0] / total) if total else None,
                "per_check_seconds": {k: round(v, 3) for k, v in check_seconds.items()},
            }
    recorder.end()
    result["validation"]["packages"] = built.reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("project", type=Path)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument(
        "--timeout", type=float, default=0, help="seconds for the whole build; 0 for no limit"
    )
    parser.add_argument("--profile", choices=STAGES, help="run this stage under cProfile")
    parser.add_argument("--profile-out", type=Path)
    parser.add_argument("--stop-after", choices=STAGES)
    parser.add_argument("--incremental", action="store_true", help="rebuild on the previous build")
    parser.add_argument("--engine", choices=ENGINE_NAMES, default=ENGINE_NAMES[0])
    args = parser.parse_args(argv)
    if args.profile and not args.profile_out:
        parser.error("--profile needs --profile-out")
    signal.signal(signal.SIGALRM, _alarm)
    if args.timeout:
        signal.setitimer(signal.ITIMER_REAL, args.timeout)
    project = args.project.resolve()
    recorder = Recorder(project, args.profile, args.profile_out, args.stop_after)
    started = time.perf_counter()
    result: dict = {"engine": args.engine, "stages": recorder.stages, "timed_out_in": None}
    try:
        run_build(project, recorder, result, incremental=args.incremental, engine=args.engine)
    except StageTimeout:
        result["timed_out_in"] = recorder.end(timed_out=True)
    except StopBuild:
        pass
    except BenchmarkError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    result["timeout_s"] = args.timeout or None
    result["wall_seconds"] = round(time.perf_counter() - started, 2)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

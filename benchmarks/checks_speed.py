"""Time each domain check, and the making of the context they all read, at a given scale.

    python -m benchmarks.checks_speed --scale 1 [--seed 1] [--repeat 3] [--project DIR]
                                      [--problems OUT.jsonl] [--profile OUT.txt]

The checks are the part of validation that grows with the rows (Frictionless is asked once per
package and remembers its verdicts; the checks read every row of every package on every build), so
their speed is measured here on its own, in rows per second, without a whole build around it.

1. Synthesise the project (benchmarks/synthesise.py) into a temporary folder, or use --project
   (any project: the real one is `--project .`; its published figures are read as validate does).
2. Run generator.validation.validate.validate once, as `transparency validate` does, timing the
   whole of it, Frictionless's share, the context's preparation and every check where validate calls
   them (benchmarks/stages.py's timers).
3. Make the context again (validate.check_context) and run every check on it in validate's order,
   --repeat times, each pass on a new context; keep the best pass, and the best of each check: the
   other measurements of a shared machine are slower, not truer.

--problems writes every problem each check yields, in order and uncapped, one JSON object a line:
diff two of these to show that a faster check says exactly what the slower one said. --profile
writes a cProfile of one more run of every check.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import pstats
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import generator.validation.validate as validation
from generator.inputs.published import read_published
from generator.validation.checks import CHECKS

from .stages import TimedCheck, timed_attribute, timed_checks
from .synthesise import SynthesisError, council_count, prepare, synthesise

PUBLISHED = Path("published") / "observations.csv"


def best_of(repeat: int, make) -> tuple[float, object]:
    """The shortest of ``repeat`` calls of ``make``, and what the last one made."""
    best, made = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        made = make()
        best = min(best, time.perf_counter() - started)
    return best, made


def measure(project: Path, repeat: int) -> tuple[dict, object]:
    """Every number this benchmark reports, and the context the checks were timed on."""
    published = project / PUBLISHED
    # Frictionless is asked in a child (core/background.py), which adds its time to shared memory.
    frictionless, preparation, in_validate = multiprocessing.RawArray("d", 2), [0.0, 0], {}
    started = time.perf_counter()
    with (
        timed_attribute(validation, "frictionless_batch", frictionless),
        timed_attribute(validation, "check_context", preparation),
        timed_checks(CHECKS, in_validate, [0]),
    ):
        result = validation.validate([project / "datapackages"], root=project, published=published)
    validate_seconds = time.perf_counter() - started
    if result.registry is None:
        raise SystemExit(f"{project} has no registry: the checks cannot run")
    figures, _ = read_published(published, project)
    preparing, context = best_of(
        repeat, lambda: validation.check_context(result.packages, result.registry, figures)
    )
    # Each pass on a context of its own, the checks in validate's order: what the checks share
    # (CheckContext's cached properties) is then paid once a pass, by the first check to ask.
    seconds: dict[str, float] = {check.id: float("inf") for check in CHECKS}
    passes: list[float] = []
    for _ in range(repeat):
        context = validation.check_context(result.packages, result.registry, figures)
        spent = 0.0
        for check in CHECKS:
            started = time.perf_counter()
            TimedCheck(check, {}, [0]).run(context)
            took = time.perf_counter() - started
            seconds[check.id] = min(seconds[check.id], took)
            spent += took
        passes.append(spent)
    rows = len(context.observations)
    total = min(passes)
    return {
        "rows": rows,
        "packages": len(result.packages),
        "per_check_seconds": seconds,
        "checks_seconds": total,
        "rows_per_second": rows / total if total else None,
        "context_seconds": preparing,
        "in_validate": {
            "validate_seconds": validate_seconds,
            "frictionless_seconds": frictionless[0],
            "context_seconds": preparation[0],
            "checks_seconds": sum(in_validate.values()),
        },
    }, context


def write_problems(context, out: Path) -> int:
    """Every problem of every check, in the order each yields them, uncapped by validate."""
    lines = [
        json.dumps(asdict(problem), ensure_ascii=False, sort_keys=True)
        for check in CHECKS
        for problem in check.run(context)
    ]
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def write_profile(context, out: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for check in CHECKS:
        list(check.run(context))
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    out.write_text(text.getvalue(), encoding="utf-8")


def report(numbers: dict) -> str:
    rows, seconds = numbers["rows"], numbers["per_check_seconds"]
    lines = [
        f"{numbers['rows']:,} rows in {numbers['packages']:,} packages; "
        "best of each check, and the best pass of all:"
    ]
    for check_id, spent in sorted(seconds.items(), key=lambda item: -item[1]):
        lines.append(f"  {check_id:<28} {spent:8.4f} s")
    total = numbers["checks_seconds"]
    lines.append(f"  {'all checks':<28} {total:8.4f} s  ({numbers['rows_per_second']:,.0f} rows/s)")
    lines.append(f"  {'context preparation':<28} {numbers['context_seconds']:8.4f} s  ({rows:,} rows)")
    once = numbers["in_validate"]
    lines.append(
        f"validate() once: {once['validate_seconds']:.2f} s, of which Frictionless "
        f"{once['frictionless_seconds']:.2f} s, context {once['context_seconds']:.3f} s, "
        f"checks {once['checks_seconds']:.3f} s"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.checks_speed", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--scale", type=float, default=1.0, help="1 is England's 153 councils (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check; the best counts")
    parser.add_argument("--project", type=Path, help="measure this project instead of a synthetic one")
    parser.add_argument("--problems", type=Path, help="write every problem found here (JSON lines)")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the checks here")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    args = parser.parse_args(argv)
    if args.scale <= 0 or args.repeat < 1:
        parser.error("--scale and --repeat must be positive")
    with tempfile.TemporaryDirectory(prefix="checks-speed-") as scratch:
        project = args.project.resolve() if args.project else Path(scratch)
        if args.project is None:
            try:
                prepare(project)
                synthesise(project, seed=args.seed, councils=council_count(args.scale))
            except SynthesisError as error:
                print(f"Error: {error}", file=sys.stderr)
                return 1
        numbers, context = measure(project, args.repeat)
        print(report(numbers))
        if args.problems:
            print(f"{write_problems(context, args.problems)} problems written to {args.problems}")
        if args.profile:
            write_profile(context, args.profile)
    if args.json:
        args.json.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

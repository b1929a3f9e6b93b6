"""Time `transparency build` as a user runs it after changing one figure of a built project."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path


class BuildError(RuntimeError):
    pass


def timed_build(project: Path, timeout: float | None) -> float:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise BuildError(f"`transparency build` did not finish within {timeout:.0f} s") from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise BuildError(f"`transparency build` failed: {' / '.join(tail)}")
    return time.perf_counter() - started


def change_one_figure(project: Path) -> str:
    """Add one to a council's own count in the middle package, as a corrected typo would.

    Returns "package: indicator period old -> new". The file is rewritten with the writer that made
    it, so only that one cell changes.
    """
    packages = sorted(p for p in (project / "datapackages").iterdir() if p.name != "registry" and p.is_dir())
    package = packages[len(packages) // 2]
    council = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))["authorities"][0]
    with (project / "datapackages" / "registry" / "indicators.csv").open(encoding="utf-8", newline="") as f:
        units = {r["id"]: r["unit"] for r in csv.DictReader(f)}
    path = package / "observations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    for row in rows[1:]:
        if (
            row[col["authority_code"]] == council
            and units.get(row[col["indicator_id"]]) == "count"
            and row[col["value"]]
            and not row[col["marker"]]
        ):
            old = row[col["value"]]
            row[col["value"]] = str(int(old) + 1)
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            path.write_text(buffer.getvalue(), encoding="utf-8")
            figure = f"{row[col['indicator_id']]} {row[col['period']]}"
            return f"{package.name}: {figure} {old} -> {row[col['value']]}"
    raise BuildError(f"{path} has no council count to change")


def measure_rebuild(project: Path, full_seconds: float, timeout: float | None) -> dict:
    """Change one figure of the project a full build just left, then time `transparency build`.

    The HTML pages written after the rebuild started are counted: an incremental build rewrites
    only the pages of the changed figure (and the home page, search index and sitemap), where a
    full build would rewrite them all.
    """
    if not (project / "build" / "state.json").is_file():
        raise BuildError("the project has no previous build to rebuild from")
    changed = change_one_figure(project)
    started = time.time()
    rebuild = timed_build(project, timeout)
    rewritten = sum(1 for page in (project / "site").rglob("*.html") if page.stat().st_mtime >= started)
    return {
        "full_build_seconds": round(full_seconds, 2),
        "changed": changed,
        "rebuild_seconds": round(rebuild, 2),
        "rebuild_fraction": round(rebuild / full_seconds, 3),
        "html_pages_rewritten": rewritten,
    }

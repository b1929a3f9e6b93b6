"""Time the rebuild `transparency build` makes after one figure of a built project changes."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable
from pathlib import Path


class BuildError(RuntimeError):
    pass


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


def measure_rebuild(project: Path, full_seconds: float, run_stages: Callable[[list[str]], dict]) -> dict:
    """Change one figure of the project a full build just left, then rebuild it and time that.

    The rebuild is `transparency build` (build_site without ``full``) run by the stage process, so
    its stages are timed like the full build's. The HTML pages written after the rebuild started
    are counted: an incremental build rewrites only the pages the changed figure is on, where a
    full build rewrites them all.
    """
    if not (project / "build" / "state.json").is_file():
        raise BuildError("the project has no previous build to rebuild from")
    changed = change_one_figure(project)
    started = time.time()
    staged = run_stages(["--incremental"])
    if staged.get("timed_out_in") is not None:
        raise BuildError(f"the rebuild did not finish in time (stage '{staged['timed_out_in']}')")
    rewritten = sum(1 for page in (project / "site").rglob("*.html") if page.stat().st_mtime >= started)
    seconds = sum(stage["seconds"] for stage in staged["stages"])
    return {
        "full_build_seconds": round(full_seconds, 2),
        "changed": changed,
        "stages": staged["stages"],
        "rebuild_seconds": round(seconds, 2),
        "rebuild_fraction": round(seconds / full_seconds, 3),
        "html_pages_rewritten": rewritten,
        **generated_pages_made(staged["stages"]),
    }


_UNCHANGED = re.compile(r"; ([\d,]+) of ([\d,]+) generated pages were unchanged")


def generated_pages_made(stages: list[dict]) -> dict:
    """How many of its pages the generator made again, from the message the build gives when its
    engine starts ("...; 1,881 of 1,903 generated pages were unchanged"); with no such clause,
    it reused none."""
    for stage in stages:
        if stage["stage"] == "engine":
            found = _UNCHANGED.search(stage["message"])
            if found is None:
                return {"generated_pages_made_again": None, "generated_pages": None}
            unchanged, generated = (int(n.replace(",", "")) for n in found.groups())
            return {"generated_pages_made_again": generated - unchanged, "generated_pages": generated}
    return {}

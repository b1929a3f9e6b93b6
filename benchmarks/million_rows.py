"""Time and peak memory of `transparency validate` on one package of a million broken rows.

    python -m benchmarks.million_rows [--rows 1000000] [--keep DIR]

The package is what an attacker might send: every row breaks several rules (a NaN value, a period
outside the grammar, a flag that is not in the vocabulary), so the row checks have something to say
about every row. (A NUL byte is no longer a row problem: the file is refused as binary before any
row is read, which is the point of stopping at the first layer that refuses a file.) The
validator must stay within 2 GB, count every problem and list at most limits.MAX_LISTED_PROBLEMS.
It runs under /usr/bin/time -v (Debian's `time` package), whose elapsed time and maximum resident
set size are printed with the validator's summary line. No number is asserted: people read them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.core.contract import LICENCE, observation_fields, observations_resource

ROOT = Path(__file__).resolve().parent.parent
_TIME = Path("/usr/bin/time")


def write_package(folder: Path, rows: int) -> Path:
    """A valid descriptor and ``rows`` observation rows that each break three rules."""
    folder.mkdir(parents=True)
    descriptor = {
        "name": folder.name,
        "title": "Synthetic: a million broken rows",
        "publisher": "Nobody",
        "authorities": ["E10000018"],
        "committee": "None",
        "meeting_date": "2020-06-02",
        "licenses": [LICENCE],
        "sources": [{"title": "Synthetic"}],
        "resources": [observations_resource()],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    fields = observation_fields()
    with (folder / "observations.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for number in range(rows):
            row = dict.fromkeys(fields, "")
            row.update(
                authority_code="E10000018",
                indicator_id="cp_plans",
                period=f"Q{number % 4 + 1} {2000 + number % 20}",
                value="NaN",
                flag="sometimes",
                note=f"row {number}",
                provenance=f"row {number}",
            )
            writer.writerow(row)
    return folder


def measure(project: Path, package: Path) -> dict[str, str]:
    command = [sys.executable, "-m", "generator", "validate", str(package.relative_to(project))]
    command += ["--registry", "datapackages"]
    result = subprocess.run([str(_TIME), "-v", *command], cwd=project, capture_output=True, text=True)
    report = result.stdout.splitlines()
    listed = sum(1 for line in report if line.startswith("    how to fix:"))
    times = dict(re.findall(r"^\s*(.+?): (.+)$", result.stderr, flags=re.M))
    return {
        "exit status": str(result.returncode),
        "summary": next((line for line in report if " packages, " in line), "(none)"),
        "problems listed": str(listed),
        "elapsed (wall clock)": times.get("Elapsed (wall clock) time (h:mm:ss or m:ss)", "?"),
        "peak memory (MB)": f"{int(times.get('Maximum resident set size (kbytes)', '0')) / 1024:.0f}",
        "file size (MB)": f"{(package / 'observations.csv').stat().st_size / 1e6:.0f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="Folder to build the project in (kept).")
    args = parser.parse_args()
    if not _TIME.is_file():
        sys.exit("/usr/bin/time is missing: apt-get install time")
    project = args.keep or Path(tempfile.mkdtemp(prefix="million-rows-"))
    try:
        shutil.copytree(ROOT / "datapackages" / "registry", project / "datapackages" / "registry")
        package = write_package(project / "datapackages" / "million-rows", args.rows)
        for name, value in measure(project, package).items():
            print(f"{name}: {value}")
    finally:
        if args.keep is None:
            shutil.rmtree(project, ignore_errors=True)


if __name__ == "__main__":
    main()

"""The baseline: the same generated Markdown built by each engine plainly, to show what our build adds.

"Plain" means: each chart's drawing element and JSON data removed (site_templates/pages/_chart.md.j2
emits them as one <div class="chart"> line and one <script type="application/json"> line), while its
text summary and data table stay, being ordinary Markdown; each report's figures table with every
cell and row closed, as a page written for MkDocs alone would have it (site_templates/pages/
report.md.j2 leaves out the optional </td> and </tr>, a weight readers download on the median page;
Material's search plugin reads such rows slowly, which `transparency build` spares it, see
generator/outputs/engines/mkdocs.py, and the plain build would not); the same navigation, theme and
Markdown extensions; no theme overrides, no extra CSS or JavaScript, no site assets; the engine's own
`build` command run as its own process (`mkdocs build`, or `zensical build` with the settings
Zensical needs to build Material's look, generator/outputs/engines/zensical.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from generator.outputs.engines import zensical

from .tree_memory import TreeSampler

# class="chart" or "chart chart--h240" (its reserved height), never "chart-table" or "chart-downloads"
CHART_ELEMENT = re.compile(r'^<div class="chart(?: [^"]*)?" [^\n]*></div>\n', re.MULTILINE)
CHART_DATA = re.compile(r'^<script type="application/json"[^\n]*</script>\n', re.MULTILINE)
# A figures-table row, one line from its <tr> to its last cell's text (report.md.j2).
FIGURE_ROW = re.compile(r'^<tr><td><a id="[^\n]*$', re.MULTILINE)
# What plain MkDocs does not have: our theme overrides, CSS, JavaScript and edit-link settings.
OURS = ("extra_css", "extra_javascript", "extra")


def strip_charts(markdown: str) -> tuple[str, int]:
    stripped, charts = CHART_ELEMENT.subn("", markdown)
    return CHART_DATA.sub("", stripped), charts


def _closed(row: re.Match) -> str:
    # Cell text is escaped, so every "<td>" in a row starts a cell.
    cells = row.group(0).removeprefix("<tr><td>").split("<td>")
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def close_figure_rows(markdown: str) -> str:
    """The figures tables' rows with their end tags written out."""
    return FIGURE_ROW.sub(_closed, markdown)


def plain_docs(docs: Path, target: Path) -> int:
    """Copy the generated docs without chart blocks or our assets, figures tables' rows closed;
    returns the charts removed."""
    shutil.copytree(docs, target, ignore=shutil.ignore_patterns("assets"))
    charts = 0
    for page in target.rglob("*.md"):
        original = page.read_text(encoding="utf-8")
        text, removed = strip_charts(original)
        text = close_figure_rows(text)
        if text != original:
            page.write_text(text, encoding="utf-8")
        charts += removed
    return charts


def plain_config(
    root_config: Path, generated_config: Path, docs: Path, site: Path, target: Path, engine: str = "mkdocs"
) -> Path:
    with root_config.open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    for key in OURS:
        config.pop(key, None)
    theme = dict(config.get("theme") or {})
    theme.pop("custom_dir", None)
    extensions = list(config.get("markdown_extensions") or [])
    if engine == "zensical":
        theme.update(zensical.SETTINGS["theme"])
        extensions += zensical.SETTINGS["markdown_extensions"]
    config.update(
        theme=theme,
        markdown_extensions=extensions,
        # Relative to the configuration's folder: Zensical stops ("invariant: Id(Format(Path(RootDir)))")
        # on absolute ones.
        docs_dir=os.path.relpath(docs, target.parent),
        site_dir=os.path.relpath(site, target.parent),
        strict=False,
        nav=json.loads(generated_config.read_text(encoding="utf-8"))["nav"],
    )
    target.write_text(json.dumps(config, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return target


def _command(engine: str, config: Path) -> list[str]:
    if engine == "zensical":
        return [sys.executable, "-m", "zensical", "build", "--config-file", str(config)]
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config)]


def _run_measured(
    command: list[str], cwd: Path, timeout: float | None
) -> tuple[subprocess.CompletedProcess, int, float | None]:
    """Run ``command`` and give its peak resident set size in KiB, of that process alone (wait4 reads
    its own rusage, where RUSAGE_CHILDREN would be the largest of every child this process has had,
    the builds measured before it among them), and the peak of its whole tree's memory in MB
    (tree_memory.py). Output goes to files, so nothing but wait4 reaps it."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
        expired = threading.Event()

        def stop() -> None:
            expired.set()
            process.kill()

        watchdog = threading.Timer(timeout, stop) if timeout else None
        if watchdog:
            watchdog.start()
        try:
            with TreeSampler(process.pid) as memory:
                _, status, usage = os.wait4(process.pid, 0)
        finally:
            if watchdog:
                watchdog.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if expired.is_set():
            raise subprocess.TimeoutExpired(command, timeout)
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(command, process.returncode, out.read(), err.read())
        return done, usage.ru_maxrss, memory.peak_mb


def run_baseline(project: Path, work: Path, timeout: float | None, engine: str = "mkdocs") -> dict:
    """Build the plain site from the project's last build (build/docs, build/mkdocs.yml) in ``work``
    with ``engine``; returns its time and where the plain site is. Zensical wants the site inside
    the folder of its configuration, so everything is in ``work``."""
    docs, site = work / "baseline-docs", work / "baseline-site"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    built = project / "build"
    charts = plain_docs(built / "docs", docs)
    config = plain_config(
        project / "mkdocs.yml", built / "mkdocs.yml", docs, site, work / "baseline.yml", engine
    )
    started = time.perf_counter()
    done, peak_kib, tree_peak_mb = _run_measured(_command(engine, config), work, timeout)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"the plain {engine} build failed: {' / '.join(tail)}")
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(peak_kib / 1024),
        "tree_peak_pss_mb": tree_peak_mb,
        "charts_removed": charts,
        "site": str(site),
    }

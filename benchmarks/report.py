"""The results as a Markdown page (the JSON beside it holds the same numbers and more)."""

from __future__ import annotations

from .page_weight import breakdown_table
from .stages import STAGE_LABELS


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1024:,.0f} KB"


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.2f} s" if x < 10 else f"{x:,.1f} s"


def _rate(rows: int, seconds: float | None) -> str:
    return "–" if not seconds else f"{rows / seconds:,.0f} rows/s"


BREAKDOWN_INTRO = (
    "Measured on each engine's build by `benchmarks/page_weight.py`: each part is the whole element "
    '(the theme\'s `<header class="md-header">`, the site navigation `<nav class="md-nav '
    'md-nav--primary">`, the sidebar\'s table of contents `<nav class="md-nav md-nav--secondary">`, '
    'our `<article>`, the theme\'s inline configuration `<script id="__config">`, the footer); the '
    "rest is what none holds. Lines after a colon are inside the part before it. Each figure is the "
    "median over the pages of that kind, so a column's parts need not add up to its page; the last "
    "table is one page, the site's median by size. Whitespace runs: bytes beyond the first "
    "whitespace character of each run, what minifying the HTML would remove."
)
ENGINE_LABELS = {"mkdocs": "MkDocs + Material", "zensical": "Zensical"}


def _engines(report: dict) -> list[tuple[str, dict]]:
    return list(report["engines"].items())


def _header(report: dict, first: str) -> list[str]:
    names = [ENGINE_LABELS.get(name, name) for name, _ in _engines(report)]
    return [f"| {first} | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]


def _stage_cell(stage: dict | None) -> str:
    if stage is None:
        return "–"
    if "timed_out_after_s" in stage:
        cell = f"did not finish (stopped after {stage['timed_out_after_s']:,.0f} s)"
        if "html_written_when_stopped" in stage:
            cell += f"; {stage['html_written_when_stopped']:,} HTML files written"
        return cell
    memory = f"{stage.get('peak_rss_mb', 0):,.0f} MB"
    return f"{_s(stage['seconds'])}, {memory}"


def _stages(report: dict) -> list[str]:
    lines = _header(report, "stage (time, peak memory of the build process so far)")
    names = [stage for measured in report["engines"].values() for stage in _names(measured)]
    for stage_name in dict.fromkeys(names):
        cells = []
        for _, measured in _engines(report):
            found = [s for s in measured["pipeline"]["stages"] if s["stage"] == stage_name]
            cells.append(_stage_cell(found[0] if found else None))
        lines.append(f"| {STAGE_LABELS.get(stage_name, stage_name)} | " + " | ".join(cells) + " |")
    totals = [_s(m["pipeline"].get("total_seconds")) for _, m in _engines(report)]
    lines.append("| **total** | " + " | ".join(f"**{t}**" for t in totals) + " |")
    children = [
        f"{max((s.get('children_peak_rss_mb', 0) for s in m['pipeline']['stages']), default=0):,.0f} MB"
        for _, m in _engines(report)
    ]
    lines.append(
        "| largest child process (Frictionless workers; Zensical's own process) | "
        + " | ".join(children)
        + " |"
    )
    lines.append(
        _row(
            report,
            "**the whole build's memory: all its processes together** (peak of their summed PSS)",
            lambda m: _mb(m["pipeline"].get("tree_peak_pss_mb")),
        )
    )
    if any("tree_peak_pss_mb" in s for _, m in _engines(report) for s in m["pipeline"]["stages"]):
        lines.append(
            _row(report, "the whole build's memory in each stage (peak of summed PSS)", _tree_by_stage)
        )
    return lines


def _tree_by_stage(measured: dict) -> str:
    return "; ".join(
        f"{stage['stage']} {_mb(stage.get('tree_peak_pss_mb'))}" for stage in measured["pipeline"]["stages"]
    )


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f} MB"


def _names(measured: dict) -> list[str]:
    return [stage["stage"] for stage in measured["pipeline"]["stages"]]


def _row(report: dict, label: str, cell) -> str:
    return f"| {label} | " + " | ".join(cell(measured) for _, measured in _engines(report)) + " |"


def _first_engine(report: dict) -> dict:
    return next(iter(report["engines"].values()))


def _validation_rows(report: dict) -> list[str]:
    """Validation does not depend on the engine: the first engine's run is shown."""
    lines = []
    measured = _first_engine(report)
    validation = measured["pipeline"].get("validation")
    if validation:
        rows = validation["observations"]
        fl = validation["frictionless_seconds"]
        where = validation.get("frictionless_timed_at", "frictionless.validate")
        lines.append(
            f"| Frictionless, in a child beside the domain checks (`{where}`) "
            f"| {_s(fl)} ({_rate(rows, fl)}) |"
        )
    checks = measured["pipeline"].get("domain_checks")
    if checks:
        lines.append(
            f"| domain checks alone (`generator.validation.checks.CHECKS`) | {_s(checks['seconds'])} "
            f"({checks['rows_per_second']:,} rows/s) |"
        )
        slowest = max(checks["per_check_seconds"].items(), key=lambda kv: kv[1])
        lines.append(f"| slowest domain check | {slowest[0]}: {_s(slowest[1])} |")
    return ["| measure (first engine's build) | value |", "|---|---:|", *lines] if lines else []


def _baseline(measured: dict, key: str, show) -> str:
    baseline = measured.get("baseline")
    return show(baseline[key]) if baseline and key in baseline else "–"


def _made_again(rebuild: dict) -> str:
    made, generated = rebuild.get("generated_pages_made_again"), rebuild.get("generated_pages")
    return "all" if made is None else f"{made:,} of {generated:,}"


def _rebuild(measured: dict, show, key: str = "rebuild") -> str:
    rebuild = measured.get(key) or {}
    if "rebuild_seconds" in rebuild:
        return show(rebuild)
    why = rebuild.get("error") or rebuild.get("skipped") or "not run"
    return f"not measured: {why}"


def _comparisons(report: dict) -> list[str]:
    def rebuild_time(rebuild: dict) -> str:
        parts = ", ".join(f"{stage['stage']} {_s(stage['seconds'])}" for stage in rebuild["stages"])
        return f"{_s(rebuild['rebuild_seconds'])} ({parts})"

    return [
        *_header(report, "measure"),
        _row(
            report,
            "plain build of the same Markdown by the engine (baseline)",
            lambda m: _baseline(m, "seconds", _s),
        ),
        _row(
            report,
            "peak memory of the plain build (the engine's process alone)",
            lambda m: _baseline(m, "peak_rss_mb", lambda x: f"{x:,.0f} MB"),
        ),
        _row(
            report,
            "the plain build's memory, all its processes together (peak of their summed PSS)",
            lambda m: _baseline(m, "tree_peak_pss_mb", _mb),
        ),
        _row(
            report,
            "total / baseline",
            lambda m: _baseline(m, "ratio_total_to_baseline", lambda x: f"{x:.2f}×"),
        ),
        _row(
            report,
            "engine stage / baseline",
            lambda m: _baseline(m, "ratio_engine_stage_to_baseline", lambda x: f"{x:.2f}×"),
        ),
        _row(
            report,
            "charts removed for the baseline",
            lambda m: _baseline(m, "charts_removed", lambda x: f"{x:,}"),
        ),
        _row(
            report,
            "rebuild after changing one figure (`transparency build`)",
            lambda m: _rebuild(m, rebuild_time),
        ),
        _row(
            report,
            "HTML pages the rebuild rewrote",
            lambda m: _rebuild(m, lambda r: f"{r['html_pages_rewritten']:,}"),
        ),
        _row(
            report,
            "generated pages the rebuild made again (the others came from the last build)",
            lambda m: _rebuild(m, _made_again),
        ),
        _row(report, "rebuild / full build", lambda m: _rebuild(m, lambda r: f"{r['rebuild_fraction']:.2f}")),
        _row(
            report,
            "a later rebuild, after one more changed figure (into the folders the last build kept)",
            lambda m: _rebuild(m, rebuild_time, "later_rebuild"),
        ),
        _row(
            report,
            "later rebuild / full build",
            lambda m: _rebuild(m, lambda r: f"{r['rebuild_fraction']:.2f}", "later_rebuild"),
        ),
    ]


def _site(report: dict) -> list[str]:
    measured = [(name, m) for name, m in _engines(report) if m.get("site")]
    if not measured:
        return []
    columns = []
    for name, m in measured:
        columns += [(f"{ENGINE_LABELS.get(name, name)}: ours", m["site"]), ("plain", m["baseline"]["site"])]

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(site) for _, site in columns) + " |"

    return [
        "| site | " + " | ".join(label for label, _ in columns) + " |",
        "|---|" + "---:|" * len(columns),
        row("HTML pages", lambda x: f"{x['html_pages']:,}"),
        row("median page weight (HTML incl. inline JSON)", lambda x: _kb(x["page_bytes_median"])),
        row(
            "largest page",
            lambda x: f"{_kb(x['page_bytes_largest'])} ({_kb(x['largest_page_gzipped_bytes'])} gzipped)",
        ),
        row("plotly bundle (shared, cached)", lambda x: _kb(x["plotly_bundle_bytes"])),
        row(
            "search index",
            lambda x: (
                f"{_kb(x['search_index_bytes'])}, {_kb(x['search_index_gzipped_bytes'])} gzipped "
                f"(`{x['search_index_path']}`)"
            ),
        ),
        row("whole site", lambda x: f"{x['site_bytes'] / 1024**2:,.0f} MB in {x['site_files']:,} files"),
    ]


def render_markdown(report: dict) -> str:
    data = report["input"]
    machine = report["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in machine["packages"].items())
    scale = f"scale {report['scale']:g}" if report.get("scale") is not None else report["name"]
    if data.get("real"):
        described = (
            f"The repository's own packages: {data['packages']:,} report packages, "
            f"{data['observations']:,} figures."
        )
        scale = "the real packages"
    else:
        described = (
            f"Synthetic input (seed {report['seed']}): {data['councils']:,} councils, {data['packages']:,} "
            f"report packages, {data['observations']:,} figures, {data['discrepancies']} deliberate "
            f"cross-report discrepancies; synthesised in {_s(data['synthesis_seconds'])}."
        )
    lines = [
        f"# Build benchmark: {scale}",
        "",
        f"{described} Run {report['run_at']}, {_s(report['wall_seconds'])} in all.",
        "",
        "## Stages of the build, engine by engine",
        "",
        "For each engine, one after the other on the same project and machine: one full "
        "`transparency build --engine E` from clean (`build_site(full=True)`: no reused pages, no "
        "remembered Frictionless verdicts) in a fresh process (`benchmarks/stages.py`), its stages "
        "told apart by the progress messages it gives the command line. Memory is the build "
        "process's peak resident set size (`ru_maxrss`) read after each stage, so it only rises: a "
        "stage that raises it is the one that needed it. Zensical runs in a process of its own, "
        "whose peak is the largest child process's. What the machine must have is the whole "
        "build's memory: every process of the build's tree sampled from outside once a second "
        "and their proportional set sizes added up (`benchmarks/tree_memory.py`; "
        "PSS splits a page that forked workers share with their parent between them, where "
        "each one's resident set counts it whole).",
        "",
        *_stages(report),
        "",
        "## Against a plain build by the same engine, rebuilds",
        "",
        *_comparisons(report),
        "",
        *_validation_rows(report),
        "",
    ]
    site = _site(report)
    if site:
        lines += ["## What readers download", "", *site, ""]
    breakdowns = [
        (ENGINE_LABELS.get(name, name), m["site"]["breakdown"])
        for name, m in _engines(report)
        if m.get("site", {}).get("breakdown")
    ]
    if breakdowns:
        lines += ["## Where a page's bytes go", "", BREAKDOWN_INTRO, "", *breakdown_table(breakdowns)]
    if report.get("profiles"):
        lines += ["## Profiles", "", *[f"- `{p}`" for p in report["profiles"]], ""]
    lines += [
        "## Machine",
        "",
        f"- CPU: {machine['cpu_model']} × {machine['cpu_count']}; memory {machine['memory_gib']} GiB; "
        f"{machine['os']}",
        f"- Python {machine['python']}; {packages}",
        f"- git commit {machine['git_commit'] or 'unknown'}",
        f"- load average (1, 5, 15 min) at start {report['load_average']['start']}, "
        f"at end {report['load_average']['end']}",
        "",
    ]
    if report["notes"]:
        lines += ["## Notes", "", *[f"- {note}" for note in report["notes"]], ""]
    return "\n".join(lines)

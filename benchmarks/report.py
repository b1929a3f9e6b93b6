"""The results as a Markdown page (the JSON beside it holds the same numbers and more)."""

from __future__ import annotations

from .stages import STAGE_LABELS


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1024:,.0f} KB"


def _s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.2f} s" if x < 10 else f"{x:,.1f} s"


def _rate(rows: int, seconds: float | None) -> str:
    return "–" if not seconds else f"{rows / seconds:,.0f} rows/s"


def _stages(report: dict) -> list[str]:
    pipeline = report["pipeline"]
    lines = [
        "| stage | time | peak memory so far (RSS high-water) |",
        "|---|---:|---:|",
    ]
    for stage in pipeline["stages"]:
        name = STAGE_LABELS.get(stage["stage"], stage["stage"])
        if "timed_out_after_s" in stage:
            time = f"did not finish (stopped after {stage['timed_out_after_s']:,.0f} s)"
            if "html_written_when_stopped" in stage:
                time += f"; {stage['html_written_when_stopped']:,} HTML files written ({stage['message']})"
        else:
            time = _s(stage["seconds"])
        lines.append(f"| {name} | {time} | {stage.get('peak_rss_mb', 0):,.0f} MB |")
    if "total_seconds" in pipeline:
        lines.append(f"| **total** | **{_s(pipeline['total_seconds'])}** | |")
    return lines


def _comparisons(report: dict) -> list[str]:
    lines = ["| measure | value |", "|---|---:|"]
    validation = report["pipeline"].get("validation")
    if validation:
        rows = validation["observations"]
        fl = validation["frictionless_seconds"]
        where = validation.get("frictionless_timed_at", "frictionless.validate")
        lines.append(f"| Frictionless part of validation (`{where}`) | {_s(fl)} ({_rate(rows, fl)}) |")
    checks = report["pipeline"].get("domain_checks")
    if checks:
        lines.append(
            f"| domain checks alone (`generator.validation.checks.CHECKS`) | {_s(checks['seconds'])} "
            f"({checks['rows_per_second']:,} rows/s) |"
        )
        slowest = max(checks["per_check_seconds"].items(), key=lambda kv: kv[1])
        lines.append(f"| slowest domain check | {slowest[0]}: {_s(slowest[1])} |")
    baseline = report.get("baseline")
    if baseline:
        lines.append(f"| plain `mkdocs build` of the same Markdown (baseline) | {_s(baseline['seconds'])} |")
        lines.append(f"| total / baseline | {baseline['ratio_total_to_baseline']:.2f}× |")
        lines.append(f"| MkDocs stage / baseline | {baseline['ratio_mkdocs_stage_to_baseline']:.2f}× |")
        lines.append(f"| charts removed for the baseline | {baseline['charts_removed']:,} |")
    rebuild = report.get("rebuild") or {}
    if "rebuild_seconds" in rebuild:
        parts = ", ".join(f"{stage['stage']} {_s(stage['seconds'])}" for stage in rebuild["stages"])
        seconds = _s(rebuild["rebuild_seconds"])
        lines.append(f"| rebuild after changing one figure (`transparency build`) | {seconds} ({parts}) |")
        lines.append(f"| HTML pages the rebuild rewrote | {rebuild['html_pages_rewritten']:,} |")
        lines.append(f"| rebuild / full build | {rebuild['rebuild_fraction']:.2f} |")
    elif rebuild:
        why = rebuild.get("error") or rebuild.get("skipped")
        lines.append(f"| rebuild after changing one figure | not measured: {why} |")
    return lines


def _site(report: dict) -> list[str]:
    site = report.get("site")
    if not site:
        return []
    plain = report["baseline"]["site"]
    return [
        "| site | ours | plain MkDocs baseline |",
        "|---|---:|---:|",
        f"| HTML pages | {site['html_pages']:,} | {plain['html_pages']:,} |",
        f"| median page weight (HTML incl. inline JSON) | {_kb(site['page_bytes_median'])} | "
        f"{_kb(plain['page_bytes_median'])} |",
        f"| largest page | {_kb(site['page_bytes_largest'])} (`{site['largest_page']}`, "
        f"{_kb(site['largest_page_gzipped_bytes'])} gzipped) | {_kb(plain['page_bytes_largest'])} |",
        f"| plotly bundle (shared, cached) | {_kb(site['plotly_bundle_bytes'])}, "
        f"{_kb(site['plotly_bundle_gzipped_bytes'])} gzipped | – |",
        f"| search index (`search/search_index.json`) | {_kb(site['search_index_bytes'])}, "
        f"{_kb(site['search_index_gzipped_bytes'])} gzipped | {_kb(plain['search_index_bytes'])} |",
        f"| whole site | {site['site_bytes'] / 1024**2:,.0f} MB in {site['site_files']:,} files | "
        f"{plain['site_bytes'] / 1024**2:,.0f} MB |",
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
        "## Stages of the build",
        "",
        "One full `transparency build` from clean (`build_site(full=True)`: no reused pages, no "
        "remembered Frictionless verdicts) in a fresh process (`benchmarks/stages.py`), its stages "
        "told apart by the progress messages it gives the command line. Memory is the process's peak "
        "resident set size (`ru_maxrss`) read after each stage, so it only rises: a stage that "
        "raises it is the one that needed it.",
        "",
        *_stages(report),
        "",
        "## Against plain MkDocs, validation throughput, rebuilds",
        "",
        *_comparisons(report),
        "",
    ]
    site = _site(report)
    if site:
        lines += ["## What readers download", "", *site, ""]
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

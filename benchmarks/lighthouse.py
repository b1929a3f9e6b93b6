"""Lighthouse on a built site, served gzipped on localhost as any static host serves it.

    npm install --prefix benchmarks/node lighthouse   # once; benchmarks/node is not committed
    .venv/bin/python -m benchmarks.lighthouse [SITE]  # default site/ (run `make site` first)

Runs npm's lighthouse with Debian's Chromium (mobile, simulated throttling: Lighthouse's defaults)
on the home page, a report page, the area page with the most charts, the largest indicator page
and the data page, and writes the scores and key metrics to benchmarks/results/lighthouse.md and
lighthouse.json. A benchmark, not a test: nothing here asserts a time (DESIGN.md, quality bars).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
LIGHTHOUSE = ROOT / "benchmarks" / "node" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "Speed index",
}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzipped when the browser accepts it, as GitHub Pages and most hosts do."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not path.name.endswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def _count(path: Path, needle: str) -> int:
    return path.read_text(encoding="utf-8", errors="replace").count(needle)


def pages_to_measure(site: Path) -> dict[str, str]:
    """Home, a report, the area page with the most charts, the largest indicator page, data."""
    areas = [p for p in (site / "authorities").glob("*/index.html")]
    indicators = [p for p in (site / "indicators").glob("*/index.html")]
    reports = sorted((site / "reports").glob("*/index.html"), key=lambda p: -_count(p, "figure-link"))
    most_charts = max(areas, key=lambda p: (_count(p, 'data-chart="'), p.stat().st_size))
    largest = max(indicators, key=lambda p: p.stat().st_size)
    return {
        "home": "",
        "report (most figures)": reports[0].parent.relative_to(site).as_posix() + "/",
        "area (most charts)": most_charts.parent.relative_to(site).as_posix() + "/",
        "indicator (largest)": largest.parent.relative_to(site).as_posix() + "/",
        "data": "data/",
    }


def run_lighthouse(url: str) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance,accessibility",
        "--form-factor=mobile",
        "--throttling-method=simulate",
        f"--chrome-path={CHROMIUM}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    report = json.loads(done.stdout)
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "accessibility": round(report["categories"]["accessibility"]["score"] * 100),
        **{name: audits[key]["displayValue"] for key, name in METRICS.items()},
        "transfer_kib": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "failed_accessibility_audits": sorted(
            key
            for key, audit in audits.items()
            if key in {r["id"] for r in report["categories"]["accessibility"]["auditRefs"]}
            and audit.get("score") == 0
        ),
    }


def main(site: Path) -> None:
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        for label, path in pages_to_measure(site).items():
            results[label] = {"path": path, **run_lighthouse(base + path)}
            print(label, results[label], flush=True)
    finally:
        server.shutdown()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Lighthouse, mobile, simulated throttling, served gzipped on localhost",
        "",
        "`python -m benchmarks.lighthouse` (npm's lighthouse, Debian's Chromium). Targets: performance",
        "at least 95, accessibility 100 (DESIGN.md). Scores move a point or two between runs on a busy",
        "machine.",
        "",
        "| page | path | performance | accessibility | " + " | ".join(METRICS.values()) + " | transfer |",
        "|---|---|---|---|" + "---|" * len(METRICS) + "---|",
    ]
    for label, r in results.items():
        metrics = " | ".join(str(r[name]) for name in METRICS.values())
        lines.append(
            f"| {label} | `/{r['path']}` | {r['performance']} | {r['accessibility']} | {metrics} "
            f"| {r['transfer_kib']} KiB |"
        )
    failed = {
        label: r["failed_accessibility_audits"]
        for label, r in results.items()
        if r["failed_accessibility_audits"]
    }
    lines += ["", "Failed accessibility audits: " + (json.dumps(failed) if failed else "none.")]
    (RESULTS / "lighthouse.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")

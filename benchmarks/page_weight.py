"""Where a page's bytes go: the theme's header, its site navigation, the table of contents, our
article (its tables and chart data), the theme's inline configuration and footer, the rest.

    python -m benchmarks.page_weight SITE [SITE ...]

Both engines render Material's page layout, so one set of landmarks serves both: each part is
the whole element that opens with its marker (nested elements of the same tag included), found
by matching the tag's openings and closings. The part sizes of a page add up to its size ("the
rest" is what no part holds: <head>, script tags, wrappers). Pages are grouped by kind (their
first folder: a report, an area, an indicator; anything else is "other"), and for each kind the
median of each part is given, over the pages of that kind, so the medians need not add up.
"""

from __future__ import annotations

import re
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

# (part, tag, how its opening tag begins); "within" parts are counted inside another part.
PARTS = (
    ("header", "header", '<header class="md-header'),
    ("site navigation", "nav", '<nav class="md-nav md-nav--primary"'),
    ("table of contents", "nav", '<nav class="md-nav md-nav--secondary"'),
    ("article", "article", '<article class="md-content__inner'),
    ("theme configuration (inline JSON)", "script", '<script id="__config"'),
    ("footer", "footer", '<footer class="md-footer"'),
)
WITHIN_ARTICLE = (
    ("chart data (inline JSON)", "script", '<script type="application/json"'),
    ("tables", "table", "<table"),
    ("a report's figures table", "div", '<div class="stack figures'),
    ("charts' data tables", "div", '<div class="chart-table'),
)
WITHIN_NAVIGATION = (
    ("page's table of contents again (small screens)", "nav", '<nav class="md-nav md-nav--secondary"'),
)
REST = "the rest (head, script tags, wrappers)"
KINDS = {"reports": "report", "authorities": "area", "indicators": "indicator"}
WHITESPACE_RUN = re.compile(rb"\s{2,}")


def _elements(page: bytes, tag: str, opening: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each outermost element whose opening tag begins with ``opening``."""
    marker = opening.encode()
    tags = re.compile(rb"<(/?)" + tag.encode() + rb"\b[^>]*>")
    start = page.find(marker)
    while start != -1:
        depth = 0
        end = len(page)
        for found in tags.finditer(page, start):
            depth += -1 if found.group(1) else 1
            if depth == 0:
                end = found.end()
                break
        yield start, end
        start = page.find(marker, end)


def _size(page: bytes, spans: list[tuple[int, int]]) -> int:
    return sum(end - start for start, end in spans)


def _whitespace(page: bytes, spans: list[tuple[int, int]]) -> int:
    """Bytes of whitespace beyond the first of each run: what a minifier would take out."""
    return sum(
        len(run.group()) - 1 for start, end in spans for run in WHITESPACE_RUN.finditer(page, start, end)
    )


def page_parts(page: bytes) -> dict[str, int]:
    """Each part's bytes on one page, and what is inside the article and the navigation."""
    parts: dict[str, int] = {"page": len(page)}
    counted = 0
    found = {}
    for name, tag, opening in PARTS:
        spans = list(_elements(page, tag, opening))
        if name == "table of contents":  # the sidebar's, not the copy inside the site navigation
            navigation = found["site navigation"]
            spans = [s for s in spans if not any(a <= s[0] < b for a, b in navigation)]
        found[name] = spans
        parts[name] = _size(page, spans)
        counted += parts[name]
    parts[REST] = len(page) - counted
    for inside, nested in (("article", WITHIN_ARTICLE), ("site navigation", WITHIN_NAVIGATION)):
        for name, tag, opening in nested:
            parts[f"{inside}: {name}"] = sum(
                _size(page, list(_elements(page[a:b], tag, opening))) for a, b in found[inside]
            )
    parts["whitespace runs (beyond one character)"] = _whitespace(page, [(0, len(page))])
    parts["site navigation: whitespace runs"] = _whitespace(page, found["site navigation"])
    return parts


def page_kind(relative: str) -> str:
    folder, _, rest = relative.partition("/")
    return KINDS.get(folder, "other") if rest != "index.html" else "other"


def _median(values: list[int]) -> int:
    return round(statistics.median(values))


def site_breakdown(site: Path) -> dict:
    """For each page kind: how many pages, and the median bytes of each part over them; and the
    parts of the site's median page (by size, the lower middle one)."""
    measured: dict[str, dict[str, int]] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html" or not path.read_bytes().lstrip().startswith(b"<!doctype html>"):
            continue  # 404 and the redirects carry no navigation
        measured[relative] = page_parts(path.read_bytes())
    by_size = sorted(measured, key=lambda name: (measured[name]["page"], name))
    median_page = by_size[(len(by_size) - 1) // 2] if by_size else None
    kinds: dict[str, list[dict[str, int]]] = {}
    for relative, parts in measured.items():
        kinds.setdefault(page_kind(relative), []).append(parts)
    return {
        "median_page": median_page,
        "median_page_parts": measured.get(median_page, {}),
        "kinds": {
            kind: {"pages": len(pages), **{part: _median([p[part] for p in pages]) for part in pages[0]}}
            for kind, pages in sorted(kinds.items())
        },
    }


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def breakdown_table(breakdowns: list[tuple[str, dict]]) -> list[str]:
    """One column per site (an engine's build), one row per part of its report pages and of its
    median page."""
    rows = [
        ("whole page" if part == "page" else part, part) for part in breakdowns[0][1]["median_page_parts"]
    ]
    lines = []
    for title, pick in (
        ("median over report pages", lambda b: b["kinds"].get("report", {})),
        ("median over area pages", lambda b: b["kinds"].get("area", {})),
        ("median over indicator pages", lambda b: b["kinds"].get("indicator", {})),
        ("the site's median page", lambda b: b["median_page_parts"]),
    ):
        lines += [
            f"| {title} | " + " | ".join(label for label, _ in breakdowns) + " |",
            "|---|" + "---:|" * len(breakdowns),
        ]
        if title != "the site's median page":
            lines.append(
                "| pages | " + " | ".join(f"{pick(b).get('pages', 0):,}" for _, b in breakdowns) + " |"
            )
        else:
            lines.append(
                "| which page | " + " | ".join(f"`{b['median_page']}`" for _, b in breakdowns) + " |"
            )
        for label, part in rows:
            lines.append(
                f"| {label} | " + " | ".join(_kb(pick(b).get(part, 0)) for _, b in breakdowns) + " |"
            )
        lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    sites = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    if not sites:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    print("\n".join(breakdown_table([(str(s), site_breakdown(s)) for s in sites])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a reader downloads: page weights, the shared plotly bundle and the search index."""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

PLOTLY = Path("assets") / "js" / "plotly-basic.min.js"
SEARCH_INDEX = Path("search") / "search_index.json"  # MkDocs's; Zensical's is search.json


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def site_metrics(site: Path, search_index: Path = SEARCH_INDEX) -> dict:
    """Every HTML page's size in bytes, inline chart JSON included; the plotly bundle is shared and
    cached, so it is counted once on its own, not in any page. ``search_index``: where the engine
    that built ``site`` puts it."""
    pages = sorted(site.rglob("*.html"))
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}
    largest = max(sizes, key=lambda name: (sizes[name], name)) if sizes else None
    files = [p for p in site.rglob("*") if p.is_file()]
    result = {
        "html_pages": len(sizes),
        "page_bytes_median": round(statistics.median(sizes.values())) if sizes else None,
        "page_bytes_largest": sizes[largest] if largest else None,
        "largest_page": largest,
        "largest_page_gzipped_bytes": _gzipped(site / largest) if largest else None,
        "site_bytes": sum(p.stat().st_size for p in files),
        "site_files": len(files),
    }
    result["search_index_path"] = search_index.as_posix()
    for name, relative in (("plotly_bundle", PLOTLY), ("search_index", search_index)):
        path = site / relative
        result[f"{name}_bytes"] = path.stat().st_size if path.is_file() else None
        result[f"{name}_gzipped_bytes"] = _gzipped(path) if path.is_file() else None
    return result

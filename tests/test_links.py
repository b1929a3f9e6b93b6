"""Every internal link and every asset in the built site resolves to a file."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def _target(page: Path, site: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith(("#", "mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


@pytest.mark.slow
def test_every_internal_link_and_asset_resolves(engine_build):
    site = (engine_build / "site").resolve()
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        for reference in parser.found:
            target = _target(page, site, reference)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {reference}")
    assert broken == []

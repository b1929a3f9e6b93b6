"""The MkDocs engine (MkDocs + Material for MkDocs, the default): the MkDocs run, and what a dirty
run leaves out.

What is MkDocs's own lives here: its logging, its strict mode, its dirty builds, and the search
index (search/search_index.json) that Material's search plugin writes only for the pages a dirty
build re-renders, merged back here, and the theme's templates compiled by the last build
(``COMPILED_TEMPLATES``). It runs in this process, on the shared configuration.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import zlib
from functools import partial
from itertools import accumulate
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority

from generator.core.errors import BuildFailed
from generator.core.workers import NoWorkers, cores, in_forks
from generator.outputs.engines import Engine, html_whitespace
from generator.outputs.incremental import SEARCH_INDEX, page_url

# Beside the configuration: the theme's templates as Jinja compiled them in the last build
# (build.py keeps the folder in build/ between builds of the same setup, as Engine.cache).
COMPILED_TEMPLATES = "compiled-templates"


def write_config(shared: Path) -> Path:
    """MkDocs reads the shared configuration as it is."""
    return shared


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale, and strict mode counts that
    warning as a failure. Our dirty builds reuse pages only when navigation and setup are unchanged
    (see incremental.py), so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


class _HoldPagesSmall(BasePlugin):
    """MkDocs 1.x reads and renders every page before it writes any, and keeps each page's Markdown
    and HTML to the end: at England scale x4 that is most of the 2.7 GB a plain MkDocs build needs,
    where the issue's ceiling is 2 GB. Nothing reads a page's Markdown once it is HTML, and nothing
    reads its HTML between rendering and writing it but that page's own turn, so the Markdown is
    let go, the HTML waits compressed (zlib's fastest level: HTML shrinks about 8 times) and comes
    back just before the page's turn, then is let go once written. The same site, byte for byte, in
    a fifth of the memory at scale 1 (README, "Site engines"). Compressing first, restoring first,
    and letting go last: every other plugin sees each page as MkDocs alone would show it."""

    def __init__(self) -> None:
        self._waiting: dict[str, bytes] = {}

    @event_priority(-100)
    def on_page_content(self, html, *, page, config, files):
        page.markdown = ""  # not None: Page.title reads None as "not read yet"
        self._waiting[page.file.src_uri] = zlib.compress(html.encode("utf-8", "surrogatepass"), 1)
        return ""

    @event_priority(100)
    def on_page_context(self, context, *, page, config, nav):
        page.content = zlib.decompress(self._waiting.pop(page.file.src_uri)).decode("utf-8", "surrogatepass")
        return context

    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        page.content = ""
        return output


# A report's figures table (site_templates/pages/report.md.j2), which leaves out its optional end tags.
_FIGURES_TABLE = '<div class="stack figures'
_FIGURES_END = "</table>\n<div hidden>"
_BLOCK_END = "</div>\n</div>"  # the hidden names' and the table's own


def without_figures_tables(html: str) -> str:
    """The page as Material's search plugin is given it: without a report's figures table.

    The table writes its rows without the end tags HTML lets it leave out (</td>, </tr>), and the
    plugin's parser ignores an end tag that does not close the element it opened last: from the
    first row on, every element stayed open, and each piece of text was checked against all of
    them. MkDocs took twice as long over the national site. The table is in a section the search
    leaves out (its heading is data-search-exclude), so the index is the same without it, byte
    for byte (tests/test_mkdocs_search.py builds both); its permalink names (the hidden words
    after it) go with it."""
    start = html.find(_FIGURES_TABLE)
    while start >= 0:
        names = html.find(_FIGURES_END, start)
        if names < 0:
            return html
        end = html.find(_BLOCK_END, names)
        if end < 0:
            return html
        html = html[:start] + html[end + len(_BLOCK_END) :]
        start = html.find(_FIGURES_TABLE, start)
    return html


class _SearchSkipsFiguresTables(BasePlugin):
    """Material's search plugin (event priority 0) reads each page without its figures tables
    (``without_figures_tables``); the page is given back whole for the theme to render."""

    def __init__(self) -> None:
        self.whole: dict[str, str] = {}

    @event_priority(50)
    def on_page_context(self, context, *, page, config, nav):
        lean = without_figures_tables(page.content)
        if lean != page.content:
            self.whole[page.file.src_uri] = page.content
            page.content = lean
        return context


class _WholePageBack(BasePlugin):
    def __init__(self, search: _SearchSkipsFiguresTables) -> None:
        self._search = search

    @event_priority(-50)
    def on_page_context(self, context, *, page, config, nav):
        if (whole := self._search.whole.pop(page.file.src_uri, None)) is not None:
            page.content = whole
        return context


class _CollapseWhitespace(BasePlugin):
    """Each page, and the theme's own HTML pages (404.html), as written less its templates'
    indentation (html_whitespace.py); last but for letting go of the page's HTML."""

    @event_priority(-90)
    def on_post_page(self, output, *, page, config):
        return html_whitespace.collapse(output)

    @event_priority(-90)
    def on_post_template(self, output_content, *, template_name, config):
        return html_whitespace.collapse(output_content) if template_name.endswith(".html") else output_content


class _CompiledTemplatesKept(BasePlugin):
    """Jinja compiles each of the theme's templates (Material's and our overrides, some 40) anew in
    every MkDocs process: 0.3 s of a rebuild that re-renders three pages at England scale. Its
    bytecode cache keeps each one compiled beside the configuration, found again by the template's
    name and a checksum of its source, so an edited template is compiled again; Jinja marks the
    files with its own version and Python's, so another version of either compiles anew."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def on_env(self, env, *, config, files):
        self._folder.mkdir(exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self._folder))
        return env


class _OnePart(BasePlugin):
    """One of ``parts`` MkDocs processes building one site together (``render_in_parts``).

    MkDocs renders its pages one after another on one core. Each part reads the same files and
    navigation, as a dirty build does, and renders only its own run of pages, in MkDocs's page
    order, cut where the Markdown's bytes divide evenly, and its share of the static files; the
    first part also writes the theme's own pages (404.html, the sitemap) and any extra templates.
    A page another part renders is, to MkDocs, one unchanged since the last build: a dirty build
    leaves it be, as it leaves pages a rebuild did not change (``File.is_modified``). Each part's
    search index, the entries of its own pages, is written aside, for ``render_in_parts`` to join
    in part order."""

    def __init__(self, part: int, parts: int, aside: Path) -> None:
        self._part, self._parts, self._aside = part, parts, aside

    @event_priority(-100)  # once every plugin's files are in
    def on_files(self, files, *, config):
        pages = files.documentation_pages()
        sizes = list(accumulate(map(_source_bytes, pages)))
        total = sizes[-1] if sizes else 0
        # Part k renders the pages whose Markdown ends in the k-th share of all the bytes.
        for page, end in zip(pages, sizes, strict=True):
            mine = min(end * self._parts // (total + 1), self._parts - 1) == self._part
            page.is_modified = _always if mine else _never
        others = (file for file in files if not file.is_documentation_page())
        for index, file in enumerate(others):
            file.is_modified = _always if index % self._parts == self._part else _never
        if self._part:  # the theme's own pages and the site's extra templates: the first part's
            config.theme.static_templates = set()
            config["extra_templates"] = []
        return files

    @event_priority(100)  # before the search plugin writes its index to the site folder
    def on_post_build(self, *, config):
        config["site_dir"] = str(self._aside)


class _ChangedOnly(BasePlugin):
    """A dirty build told which docs files changed (incremental.prepare), for MkDocs to build those
    and no other: left to itself it stats each source and its output to compare their times, two
    stats for each of 12,000 files at England scale. The theme's files are unchanged, or the setup
    would have differed and the build been a full one."""

    def __init__(self, changed: set[str]) -> None:
        self._changed = changed

    @event_priority(-100)  # once every plugin's files are in
    def on_files(self, files, *, config):
        for file in files:
            file.is_modified = _always if file.src_uri in self._changed else _never
        return files


def _source_bytes(file) -> int:
    """How much Markdown the page is: a plugin's page may have no source file, only its text."""
    return os.stat(file.abs_src_path).st_size if file.abs_src_path else len(file.content_bytes)


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def run_mkdocs(
    config: Path,
    docs: Path,
    site: Path,
    *,
    epoch: str,
    changed: set[str] | None = None,
    part: tuple[int, int, Path] | None = None,
) -> None:
    """One strict MkDocs build; ``epoch`` stamps the sitemap's dates, so equal input gives equal
    output. ``changed``: a dirty build of those docs files only (_ChangedOnly). ``part`` (k,
    parts, aside): build the k-th part of the site only (_OnePart)."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    build_log = logging.getLogger("mkdocs.commands.build")
    quiet = _QuietDirtyWarning()
    build_log.addFilter(quiet)
    try:
        cfg = load_config(str(config), docs_dir=str(docs), site_dir=str(site), strict=True)
        cfg.plugins["transparency/hold-pages-small"] = _HoldPagesSmall()
        cfg.plugins["transparency/collapse-whitespace"] = _CollapseWhitespace()
        search = cfg.plugins["transparency/search-skips-figures-tables"] = _SearchSkipsFiguresTables()
        cfg.plugins["transparency/whole-page-back"] = _WholePageBack(search)
        cfg.plugins["transparency/compiled-templates"] = _CompiledTemplatesKept(
            config.parent / COMPILED_TEMPLATES
        )
        if part is not None:
            cfg.plugins["transparency/one-part"] = _OnePart(*part)
        if changed is not None:
            cfg.plugins["transparency/changed-only"] = _ChangedOnly(changed)
        mkdocs_build(cfg, dirty=changed is not None or part is not None)
    except (MkDocsException, SystemExit) as error:
        raise BuildFailed(f"MkDocs could not build the pages: {error}") from None
    finally:
        build_log.removeFilter(quiet)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def merge_search_index(old_site: Path, site: Path, rebuilt: set[str]) -> None:
    """Put back the search entries of the pages a dirty build did not re-render (``rebuilt`` is
    the docs files it built), in the same page order, so the index is byte for byte the one a
    full build writes."""
    old = json.loads((old_site / SEARCH_INDEX).read_text(encoding="utf-8"))
    new_path = site / SEARCH_INDEX
    new = json.loads(new_path.read_text(encoding="utf-8"))
    rebuilt_urls = {page_url(name) for name in rebuilt if name.endswith(".md")}
    fresh: dict[str, list[dict]] = {}
    for entry in new["docs"]:
        fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    docs: list[dict] = []
    for entry in old["docs"]:
        url = entry["location"].split("#", 1)[0]
        if url not in rebuilt_urls:
            docs.append(entry)
        elif url in fresh:
            docs.extend(fresh.pop(url))
    # A rebuilt page the old index did not hold (it had no entries before) goes where MkDocs put it.
    for entries in fresh.values():
        docs.extend(entries)
    new["docs"] = docs
    new_path.write_text(_search_json(new), encoding="utf-8")


def _search_json(document: dict) -> str:
    """Serialised as Material's search plugin does (SearchIndex.generate_search_index)."""
    return json.dumps(document, separators=(",", ":"), default=str)


# Below this many pages the parts' own start (each reads the files, the navigation and the theme)
# costs more than sharing the pages saves.
_PAGES_WORTH_PARTS = 200
# Each part holds every file's record and its own pages' HTML: at England scale x4, two parts were
# 954 MB together. Four at most keeps the engine under the docs stage's own peak (1.8 GB) however
# many cores the machine has.
_MOST_PARTS = 4


def render_in_parts(config: Path, docs: Path, site: Path, *, epoch: str, parts: int) -> None:
    """The whole site built by ``parts`` MkDocs processes at once, each its share of the pages
    (_OnePart), their search indexes joined: the same site, byte for byte, as one MkDocs build
    (tests/test_engines.py). Where worker processes cannot be had, or one dies, one MkDocs build
    makes the whole site (from a clean folder, so nothing a part wrote is left)."""
    asides = [config.parent / f"search-part-{k}" for k in range(parts)]
    jobs = [
        partial(run_mkdocs, config, docs, site, epoch=epoch, part=(k, parts, asides[k])) for k in range(parts)
    ]
    try:
        try:
            in_forks(jobs, parts)
        except NoWorkers:
            run_mkdocs(config, docs, site, epoch=epoch)
            return
        indexes = [json.loads((aside / SEARCH_INDEX).read_text(encoding="utf-8")) for aside in asides]
        joined = {**indexes[0], "docs": [entry for index in indexes for entry in index["docs"]]}
        (site / SEARCH_INDEX).parent.mkdir(parents=True, exist_ok=True)
        (site / SEARCH_INDEX).write_text(_search_json(joined), encoding="utf-8")
    finally:
        for aside in asides:
            shutil.rmtree(aside, ignore_errors=True)


def render_site(
    config: Path, docs: Path, site: Path, *, epoch: str, previous_site: Path, rebuilt: set[str] | None
) -> None:
    """Build ``site`` from ``docs``: in full when ``rebuilt`` is None (on every core, in parts,
    when the site is large enough to gain), otherwise only those docs files, over the links to
    ``previous_site`` that incremental.prepare made."""
    if rebuilt is None:
        pages = sum(1 for _ in docs.rglob("*.md"))
        parts = min(cores(), _MOST_PARTS)
        if parts > 1 and pages >= _PAGES_WORTH_PARTS:
            render_in_parts(config, docs, site, epoch=epoch, parts=parts)
        else:
            run_mkdocs(config, docs, site, epoch=epoch)
        return
    run_mkdocs(config, docs, site, epoch=epoch, changed=rebuilt)
    merge_search_index(previous_site, site, rebuilt)


ENGINE = Engine(
    name="mkdocs",
    label="MkDocs",
    packages=("mkdocs", "mkdocs-material"),
    search_index=SEARCH_INDEX,
    dirty_builds=True,
    write_config=write_config,
    render_site=render_site,
    cache=COMPILED_TEMPLATES,
)

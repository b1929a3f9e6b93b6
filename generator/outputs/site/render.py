"""Render pages to Markdown with Jinja2; how each value is escaped is in the templates (escaping.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path

import jinja2

from generator.core.workers import NoWorkers, cores, in_forks
from generator.outputs.site import addresses, reads
from generator.outputs.site.escaping import markdown_environment
from generator.outputs.site.page import LaterPage, ManyPages, Page, made
from generator.outputs.site.page_reuse import PageReads, PageReuse

# Templates make every address with these, as Python does: {{ link(report_page(r.name)) }}.
ADDRESSES = {
    "report_page": addresses.report_page,
    "area_page": addresses.area_page,
    "indicator_page": addresses.indicator_page,
    "data_csv": addresses.data_csv,
    "data_json": addresses.data_json,
    "metadata_json": addresses.metadata_json,
    "package_zip": addresses.package_zip,
    "REPORTS_INDEX": addresses.REPORTS_INDEX,
    "AREAS_INDEX": addresses.AREAS_INDEX,
    "INDICATORS_INDEX": addresses.INDICATORS_INDEX,
    "REVISIONS": addresses.REVISIONS,
    "OFFICIAL_CHECK": addresses.OFFICIAL_CHECK,
    "FEED": addresses.FEED,
    "DATA_ADDRESSES": addresses.DATA_ADDRESSES,
    "GLOSSARY": addresses.GLOSSARY,
    "OBSERVATIONS_DOWNLOAD": addresses.OBSERVATIONS_DOWNLOAD,
    "DOWNLOAD_DESCRIPTOR": addresses.DOWNLOAD_DESCRIPTOR,
}


@cache
def environment(templates: Path) -> jinja2.Environment:
    return markdown_environment(jinja2.FileSystemLoader(templates / "pages"), trim_blocks=False)


def render_page(page: Page | LaterPage, templates: Path) -> str:
    """``link`` makes an address relative to the page being rendered, as a Markdown link must be."""
    page = made(page)
    template = environment(templates.resolve()).get_template(page.template)
    return template.render(**ADDRESSES, **page.context, link=partial(addresses.link, page=page.path))


def write_page(page: Page, docs: Path, templates: Path) -> None:
    target = docs / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # a page reused from the last build is a link to its file
    target.write_text(render_page(page, templates), encoding="utf-8")


PageGroup = Callable[[], Iterable[Page | LaterPage]]
Written = dict[str, PageReads | None]  # each page written, and what it read if it may be reused


Share = tuple[int, int]  # (this share, number of shares); None is the whole group


def _write_group(
    group: PageGroup, docs: Path, templates: Path, reuse: PageReuse | None, share: Share | None = None
) -> Written:
    """Write a group's pages (or its ``share`` of them); a LaterPage whose reads are unchanged is
    copied from the last build.

    What the group reads between pages (its setup, and pages made eagerly) counts as read by every
    page after it: a page's reads are everything read until it was written. A share skips the
    other shares' pages without making them, so what it records is what the whole group would."""
    written: Written = {}
    before: set[str] = set()
    pages = iter(group())
    later = 0
    while True:
        with reads.recording() as step:
            page = next(pages, None)
        before |= step
        if page is None:
            return written
        if share is not None:
            mine = share[0] == (later % share[1] if isinstance(page, LaterPage) else 0)
            later += isinstance(page, LaterPage)
            if not mine:
                continue
        if not isinstance(page, LaterPage):
            write_page(page, docs, templates)
            written[page.path] = None
            continue
        if reuse is not None and (kept := reuse.take(page.path, before, docs)) is not None:
            written[page.path] = kept
            continue
        with reads.recording() as own:
            made_page = page.make()
        write_page(made_page, docs, templates)
        written[page.path] = reuse.made(before | own) if reuse is not None else None


# A share of a group is one job; several per worker even out a rebuild's changed pages, which
# come in runs (a council's page and its neighbours'), and the workers take jobs as they finish.
_SHARES_PER_WORKER = 3


def _compile_every_template(templates: Path) -> None:
    env = environment(templates.resolve())
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)


def write_pages(
    groups: list[PageGroup],
    docs: Path,
    templates: Path,
    *,
    workers: int | None = None,
    reuse: PageReuse | None = None,
) -> Written:
    """Write every page of every group into ``docs``: the groups on every core (pages are
    independent of each other once the model is built), and the same bytes as one by one.

    Each group makes its pages as they are asked for (one page's context in memory at a time), in
    a worker forked from this process (core/workers.py); without one, they are written here.
    Should two groups write the same path, everything is written again here in order, so that the
    last page of a path wins as one by one. ``workers`` fixes the number of processes (default:
    one per core). With ``reuse``, unchanged pages come from the last build (page_reuse.py)."""
    reads.forget_derived()
    if reuse is not None:
        reuse.digests.prepare()
    workers = cores() if workers is None else workers
    if workers > 1:  # compiled once here, not once in every worker
        _compile_every_template(templates)
    # Groups of a few pages are written here before any worker is forked: the pages that list
    # every report or revision read figures no other page reads, and read after the fork each
    # memory page of them would be copied (core/workers.py), 120 MB at England scale x4. A
    # rebuild, which takes nearly every other page from the last build, makes them first among
    # the workers' jobs instead, beside the shares of the large groups: here, one after the other
    # before the fork, they were a third of a rebuild's pages' time with the other cores idle.
    few = [group for group in groups if not isinstance(group, ManyPages)]
    many = [group for group in groups if isinstance(group, ManyPages)]
    here, beside = ([], few) if reuse is not None and reuse.from_last_build else (few, [])
    written: Written = {}
    for group in here:
        written.update(_write_group(group, docs, templates, reuse))
    shares = workers * _SHARES_PER_WORKER
    jobs = [
        *(partial(_write_group, group, docs, templates, reuse) for group in beside),
        *(
            partial(_write_group, group, docs, templates, reuse, (n, shares))
            for group in many
            for n in range(shares)
        ),
    ]
    try:
        results = in_forks(jobs, workers)
    except NoWorkers:
        results = [_write_group(group, docs, templates, reuse) for group in [*beside, *many]]
    paths = [*written, *(path for group in results for path in group)]
    if len(paths) == len(set(paths)):
        for group in results:
            written.update(group)
        return written
    written = {}
    for group in groups:
        written.update(_write_group(group, docs, templates, reuse))
    return written

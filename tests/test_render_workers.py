"""Pages written on every core are the pages written one by one, byte for byte."""

import os
import time
from functools import partial
from pathlib import Path

import jinja2
import pytest

from generator.core import workers
from generator.outputs.site import render
from generator.outputs.site.page import LaterPage, ManyPages, Page


def _templates(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "plain.md.j2").write_text("# {{ title }}\n\n{{ body }}\n", encoding="utf-8")
    return templates


def _pages(count: int, start: int = 0) -> list[Page]:
    return [
        Page(f"part-{n % 7}/page-{n}.md", "plain.md.j2", {"title": f"Page {n}", "body": "x < y" * n})
        for n in range(start, start + count)
    ]


def _groups(*parts: list[Page]) -> list:
    return [lambda part=part: iter(part) for part in parts]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_workers_write_the_same_bytes_as_one_process(tmp_path):
    templates = _templates(tmp_path)
    groups = _groups(_pages(30), _pages(1, 30), _pages(50, 31), [])
    render.write_pages(groups, tmp_path / "one", templates, workers=1)
    render.write_pages(groups, tmp_path / "two", templates, workers=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert len(_tree(tmp_path / "two")) == 81


def test_the_last_page_of_a_path_wins_as_one_by_one(tmp_path):
    templates = _templates(tmp_path)
    first, second = _pages(20), _pages(20, 20)
    second.append(Page(first[3].path, "plain.md.j2", {"title": "Again", "body": "from the second group"}))
    render.write_pages(_groups(first, second), tmp_path / "two", templates, workers=2)
    assert (tmp_path / "two" / first[3].path).read_text(encoding="utf-8").startswith("# Again")
    render.write_pages(_groups(second, first), tmp_path / "back", templates, workers=2)
    assert (tmp_path / "back" / first[3].path).read_text(encoding="utf-8").startswith("# Page 3")


def test_a_page_that_fails_in_a_worker_fails_the_build(tmp_path):
    templates = _templates(tmp_path)
    broken = [*_pages(5), Page("broken.md", "plain.md.j2", {"title": "no body"})]
    with pytest.raises(jinja2.UndefinedError):
        render.write_pages(_groups(_pages(5, 10), broken), tmp_path / "two", templates, workers=2)


def test_without_processes_the_pages_are_written_here(tmp_path, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError("no /dev/shm")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_processes)
    templates = _templates(tmp_path)
    groups = _groups(_pages(10), _pages(10, 10))
    render.write_pages(groups, tmp_path / "one", templates, workers=1)
    render.write_pages(groups, tmp_path / "two", templates, workers=2)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")


def _later(pages: list[Page]) -> list:
    """The pages as a report, area or indicator group yields them: made only when written."""
    return [
        LaterPage(p.path, lambda p=p: Page(p.path, p.template, {**p.context, "maker": os.getpid()}))
        for p in pages
    ]


def _made_beside_another_process(pages: list[Page], folder: Path) -> list:
    """Later pages whose making waits (up to a minute) until two processes have made one: so the
    test sees both cores at work, however quickly one of them could have taken every page."""
    folder.mkdir()

    def make(p: Page) -> Page:
        (folder / str(os.getpid())).touch()
        deadline = time.monotonic() + 60
        while len(list(folder.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        return Page(p.path, p.template, {**p.context, "maker": os.getpid()})

    return [LaterPage(p.path, partial(make, p)) for p in pages]


def test_a_group_of_many_pages_is_shared_between_the_cores(tmp_path):
    templates = _templates(tmp_path)
    (templates / "pages" / "maker.md.j2").write_text("{{ title }} by {{ maker }}\n", encoding="utf-8")
    pages = [Page(p.path, "maker.md.j2", p.context) for p in _pages(12)]
    index = Page("index.md", "plain.md.j2", {"title": "Index", "body": "every page"})
    later = _made_beside_another_process(pages, tmp_path / "makers")
    group = ManyPages(lambda: iter([*later, index]))
    written = render.write_pages([group], tmp_path / "two", templates, workers=2)
    tree = _tree(tmp_path / "two")
    assert sorted(written) == sorted([*(p.path for p in pages), "index.md"])
    makers = {int(tree[p.path].decode().split(" by ")[1]) for p in pages}
    # Two cores: this process makes pages too, beside one forked worker, rather than waiting.
    assert len(makers) == 2 and os.getpid() in makers
    assert tree["index.md"] == b"# Index\n\nevery page\n"


def test_a_shared_group_writes_what_one_process_writes(tmp_path):
    templates = _templates(tmp_path)
    groups = [ManyPages(lambda: iter([*_later(_pages(9)), *_pages(2, 40)])), *_groups(_pages(3, 50))]
    one = render.write_pages(groups, tmp_path / "one", templates, workers=1)
    two = render.write_pages(groups, tmp_path / "two", templates, workers=2)
    assert sorted(one) == sorted(two)
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")
    assert len(_tree(tmp_path / "two")) == 14

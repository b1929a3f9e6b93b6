"""Titles fit in a menu: a report's title, an area's name and an indicator's title are not endless.

Titles become menu entries and page titles; MkDocs reads the menu from YAML, which cannot carry a
key of over about 1,024 characters, so a longer title would pass validation and then stop the build.
"""

from __future__ import annotations

from generator.core import limits
from generator.core.problems import ERROR, Problem

from .base import Check, CheckContext


def _problem(file: str, row: int | None, column: str, what: str, text: str) -> Problem:
    return Problem(
        file,
        row,
        column,
        CHECK.id,
        ERROR,
        f"{what} is {len(text):,} characters long, more than the {limits.MAX_TITLE_CHARS:,} a title may have",
        "shorten it to the title as printed on the report; put longer explanations in the description",
    )


def run(ctx: CheckContext):
    for package in ctx.packages:
        title = package.descriptor.get("title")
        if isinstance(title, str) and len(title) > limits.MAX_TITLE_CHARS:
            yield _problem(package.descriptor_file, None, "title", "the title", title)
    for resource in ctx.registry.package.resources:
        for column in ("name", "title"):
            if column not in resource.table:
                continue
            for index, text in enumerate(resource.table[column].tolist()):
                if len(text) > limits.MAX_TITLE_CHARS:
                    yield _problem(resource.file, index + 2, column, f"the {column}", text)


CHECK = Check(
    "title-length",
    "Titles fit in a menu",
    "Package titles, area names and indicator titles are at most 1,000 characters.",
    run,
)

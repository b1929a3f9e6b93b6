"""A source's web address must be a plain http(s) URL (core/web_address.py), so that it can only
ever be a link; the templates' `| link` filter escapes it again where it is written, closing the door twice.
"""

from generator.core.problems import ERROR, Problem
from generator.core.web_address import url_problem

from .base import Check, CheckContext

_FIX = (
    'give the report\'s own web address as "path", starting https:// (or http://), with spaces and '
    'brackets percent-encoded (%20, %28, %29) as a browser\'s address bar shows them; or leave "path" out'
)


def run(ctx: CheckContext):
    for package in ctx.packages:
        sources = package.descriptor.get("sources")
        if not isinstance(sources, list):
            continue  # package-metadata says what is wrong with the list itself
        for number, source in enumerate(sources, start=1):
            if not isinstance(source, dict) or source.get("path") in (None, ""):
                continue
            if why := url_problem(source["path"]):
                shown = repr(source["path"])[:120]
                yield Problem(
                    package.descriptor_file,
                    None,
                    f"sources[{number}].path",
                    CHECK.id,
                    ERROR,
                    f"the path of source {number}, {shown}, {why}",
                    _FIX,
                )


CHECK = Check(
    "source-url",
    "Source addresses are plain web addresses",
    "A source's path, when given, is an http:// or https:// URL with no spaces, brackets, quotes or "
    "control characters.",
    run,
)

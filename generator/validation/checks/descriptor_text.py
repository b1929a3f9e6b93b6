"""Every string in datapackage.json is text the site can write: no NUL, no lone surrogate.

JSON can spell a lone surrogate (``"\\ud800"``) or a NUL (``"\\u0000"``); Python reads both, but
neither can be written to a UTF-8 page or configuration file, so a title holding one would pass
validation and then stop the build. Names and area codes must in addition hold no invisible,
control or bidirectional character, which would make one code look like another.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from generator.core.contract import observation_schema
from generator.core.problems import ERROR, Problem, more_of_the_same
from generator.core.terminal import UNPRINTABLE, printable

from .base import MAX_PROBLEMS_PER_CHECK, Check, CheckContext
from .cell_characters import NOT_TEXT


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every key and string value; where is a path such as sources[1].title."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            yield where, str(key)
            yield from _strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _strings(item, f"{path}[{index}]")


def _is_code(where: str) -> bool:
    return (
        where == "name"
        or where.startswith("authorities[")
        or (where.startswith("resources[") and where.endswith((".name", ".path")))
    )


def _problems(package) -> Iterator[Problem]:
    found = 0
    for where, text in _strings(package.descriptor, ""):
        pattern = UNPRINTABLE if _is_code(where) else NOT_TEXT
        match = pattern.search(text)
        if match is None:
            continue
        found += 1
        if found > MAX_PROBLEMS_PER_CHECK:
            continue
        what = "a NUL character" if match.group() == "\x00" else f"the character {printable(match.group())}"
        yield Problem(
            package.descriptor_file,
            None,
            where,
            CHECK.id,
            ERROR,
            f"'{where}' holds {what}, which a page cannot show: {printable(text[:80])}",
            "retype the text: copying from a PDF or a web page can bring invisible characters with it; "
            "in JSON, write no \\u0000 and no \\ud800-\\udfff escape",
        )
    if found > MAX_PROBLEMS_PER_CHECK:
        hidden = found - MAX_PROBLEMS_PER_CHECK
        yield more_of_the_same(
            package.descriptor_file, None, CHECK.id, ERROR, hidden, "strings", MAX_PROBLEMS_PER_CHECK
        )


def _surely_clean(descriptor: dict | list) -> bool:
    """True when no string in ``descriptor`` can hold a character either pattern looks for: one
    search over the descriptor as JSON. JSON writes every control character as an escape, so any
    escape but \\\\ and \\" (a backslash or a quote, as in a schema's patterns) sends it to the walk
    string by string; replacing those two, left to right, reads the escapes as JSON does."""
    try:
        text = json.dumps(descriptor, ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    if "\\" in text and "\\" in text.replace("\\\\", "").replace('\\"', ""):
        return False
    # Every character the pattern finds is one str.isprintable refuses: most text needs no search.
    return text.isprintable() or not UNPRINTABLE.search(text)


def _without_contract(descriptor, contract_resources: frozenset[int]):
    """The descriptor without the resources' schemas that are the contract (declared_schema.py), most
    of a descriptor's text: the contract's own text is clean, which run() makes sure of."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return descriptor
    kept = [
        {k: v for k, v in r.items() if k != "schema"} if id(r) in contract_resources else r for r in resources
    ]
    return {**descriptor, "resources": kept}


def run(ctx: CheckContext):
    # What the text read showed to be plain needs no second look (inputs/packages.py, json_text.py).
    packages = [p for p in [ctx.registry.package, *ctx.packages] if not p.plain_descriptor_text]
    if not packages:
        return
    descriptors = [p.descriptor for p in packages]
    if _surely_clean(observation_schema()):
        descriptors = [_without_contract(d, ctx.contract_resources) for d in descriptors]
    # All at once first (a list's JSON is its items' JSON, comma-separated); one by one if not clean.
    if _surely_clean(descriptors):
        return
    for package, descriptor in zip(packages, descriptors, strict=True):
        if not _surely_clean(descriptor):
            yield from _problems(package)


CHECK = Check(
    "descriptor-text",
    "Descriptors hold only text",
    "No string in datapackage.json holds a NUL or a lone surrogate; names and area codes hold no "
    "control, invisible or bidirectional character.",
    run,
)

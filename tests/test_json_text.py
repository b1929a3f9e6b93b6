"""A descriptor's text is enough to know that none of its strings hides a character no page can show.

checks/descriptor_text.py leaves out of its walk every package whose datapackage.json text
core/json_text.py calls plain, so that call must never be wrong the other way: whatever a document
holds and however it is written (escaped or as it is), "plain" means no key or string of it holds
a character terminal.UNPRINTABLE finds. And the usual descriptor must be plain, or the shortcut is
never taken.
"""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from generator.core.json_text import strings_are_plain
from generator.core.terminal import UNPRINTABLE
from support import ROOT


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


_TEXT = st.text(st.characters(codec=None), max_size=12) | st.sampled_from(
    ["\x00", "\ud800", "\u202e", "\x7f", "\x85", "\u200b", "\ufeff", "\n", "a\\nb", 'q"', "£–"]
)
_DOCUMENTS = st.recursive(
    _TEXT | st.integers() | st.booleans() | st.none(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
)


@given(_DOCUMENTS, st.booleans(), st.sampled_from([None, 1]))
@example({"authorities": ["E10000018\u202e"]}, False, 1)
@example({"committee": "Children\x7fs"}, False, None)
@example({"pattern": "E\\d{8}\\n"}, True, 1)
def test_plain_text_means_no_string_a_page_cannot_show(document, ascii_only, indent):
    text = json.dumps(document, ensure_ascii=ascii_only, indent=indent)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return  # a lone surrogate as it is: no file read as UTF-8 holds one
    if strings_are_plain(text):
        assert not [s for s in _strings(json.loads(text)) if UNPRINTABLE.search(s)]


def test_the_repositorys_descriptors_are_plain_so_the_check_need_not_walk_them():
    files = sorted((ROOT / "datapackages").glob("*/datapackage.json"))
    texts = [file.read_text(encoding="utf-8-sig") for file in files]
    assert len(texts) > 10
    assert all(strings_are_plain(text) for text in texts)

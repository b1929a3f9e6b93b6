"""A template may turn autoescape off for a block (a table's rows, where escaping each filtered
value a second time was a quarter of rendering an area page), but only if every value the block
shows goes through a filter that escapes it for where it lands: no value can reach the page raw."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes
from markupsafe import escape

from generator.outputs.site.escaping import FILTERS
from support import ROOT

TEMPLATES = sorted((ROOT / "site_templates").rglob("*.j2"))
ESCAPING = {*FILTERS, "e", "escape"}  # escaping.py's filters, and Jinja's own HTML escape


def _safe(expression: nodes.Expr) -> bool:
    """An expression whose value is escaped: an escaping filter last, a constant that escaping
    leaves as it is, or a choice between such expressions."""
    if isinstance(expression, nodes.Filter):
        return expression.name in ESCAPING
    if isinstance(expression, nodes.Const):
        return str(escape(expression.value)) == str(expression.value)
    if isinstance(expression, nodes.CondExpr):
        return _safe(expression.expr1) and (expression.expr2 is None or _safe(expression.expr2))
    return False


def _autoescape_off(node: nodes.Node, off: bool) -> bool:
    """Whether autoescape is off inside ``node``: an {% autoescape %} block sets it (an expression
    that is not a constant counts as off), anything else keeps what its parent had."""
    if isinstance(node, nodes.ScopedEvalContextModifier):
        for option in node.options:
            if option.key == "autoescape":
                off = not (isinstance(option.value, nodes.Const) and option.value.value)
    return off


def unescaped(template: nodes.Template) -> list[tuple[int, str]]:
    """(line, expression) for each value shown in an autoescape-off block without an escaping filter."""
    found = []

    def walk(node: nodes.Node, off: bool) -> None:
        off = _autoescape_off(node, off)
        if off and isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData) and not _safe(child):
                    found.append((child.lineno, type(child).__name__))
        for child in node.iter_child_nodes():
            walk(child, off)

    walk(template, False)
    return found


def _parse(source: str) -> nodes.Template:
    return jinja2.Environment(autoescape=True).parse(source)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_value_in_an_autoescape_off_block_is_filtered(path: Path):
    assert unescaped(_parse(path.read_text(encoding="utf-8"))) == []


def test_the_hot_tables_are_written_with_autoescape_off():
    """The check above has blocks to look at: the row loops of the long tables."""
    pages = ROOT / "site_templates" / "pages"
    for name in ("_chart.md.j2", "report.md.j2", "authority.md.j2", "indicator.md.j2"):
        assert "{% autoescape false %}" in (pages / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize(
    "source",
    [
        "{% autoescape false %}{{ value }}{% endautoescape %}",
        "{% autoescape false %}{{ link(x) }}{% endautoescape %}",
        "{% autoescape false %}{{ value | upper }}{% endautoescape %}",
        "{% autoescape false %}{{ value | html | upper }}{% endautoescape %}",
        "{% autoescape false %}{{ '<b>' }}{% endautoescape %}",
        "{% autoescape false %}{{ value | html if x else other }}{% endautoescape %}",
        "{% autoescape false %}{% for r in rows %}<td>{{ r.cell }}</td>{% endfor %}{% endautoescape %}",
        "{% autoescape false %}{% if x %}{% autoescape true %}{% endautoescape %}{{ y }}{% endif %}"
        "{% endautoescape %}",
    ],
)
def test_a_value_shown_raw_is_found(source: str):
    assert unescaped(_parse(source)) != []


@pytest.mark.parametrize(
    "source",
    [
        "{{ value }}",
        "{% autoescape false %}{{ value | html }} {{ link(x) | e }} {{ 'Where' }}{% endautoescape %}",
        "{% autoescape false %}{{ 'a' if x else value | attr }}{% endautoescape %}",
        "{% autoescape false %}{% autoescape true %}{{ value }}{% endautoescape %}{% endautoescape %}",
    ],
)
def test_a_value_escaped_for_its_place_is_not_found(source: str):
    assert unescaped(_parse(source)) == []

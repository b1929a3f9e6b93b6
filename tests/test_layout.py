"""The package draws the pipeline: each folder imports only from itself and the folders before it.

core, inputs, validation, model, outputs, diff: a reader never knows about validation, a check never
about pages, an output never about the diff. The top-level modules (cli, build, project,
__main__) put the layers together and may import any of them; no layer imports a top-level module.
Imports are read with ast, at module level and inside functions alike, so a late import cannot hide
a dependency.
"""

import ast
import inspect
from pathlib import Path

import pytest

from generator.outputs import WRITERS
from support import ROOT

PACKAGE = ROOT / "generator"
LAYERS = ("core", "inputs", "validation", "model", "outputs", "diff")
MAX_LINES = 400
MAX_TOP_LEVEL_MODULES = 8


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every generator module ``path`` imports, wherever in the file the import is."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            # `from generator.outputs import feed` imports the module generator.outputs.feed.
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {m for m in found if m == "generator" or m.startswith("generator.")}


def layer_of(module: str) -> str:
    """The layer a module belongs to, or the top-level module's own name."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(path: Path) -> list[str]:
    own = layer_of(module_name(path))
    if own not in LAYERS:
        return []  # a top-level module may import anything
    allowed = set(LAYERS[: LAYERS.index(own) + 1])
    found = []
    for module in sorted(imported_modules(path)):
        layer = layer_of(module)
        if layer in allowed:
            continue
        if layer in LAYERS or (PACKAGE / f"{layer}.py").is_file() or layer == "":
            found.append(f"{module_name(path)} ({own}) imports {module}")
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_each_layer_imports_only_from_itself_and_the_layers_before_it():
    assert [problem for path in modules() for problem in violations(path)] == []


def test_the_check_sees_a_violation(tmp_path, monkeypatch):
    """The check above must be able to fail: a reader that imports validation is caught, late or not."""
    fake = tmp_path / "generator" / "inputs" / "reader.py"
    fake.parent.mkdir(parents=True)
    fake.write_text(
        "from generator.core.problems import Problem\n"
        "def read():\n"
        "    from generator.validation.validate import validate\n"
        "    from ..build import build_site\n"
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path / "generator")
    (tmp_path / "generator" / "build.py").write_text("")
    assert violations(fake) == [
        "generator.inputs.reader (inputs) imports generator.build",
        "generator.inputs.reader (inputs) imports generator.build.build_site",
        "generator.inputs.reader (inputs) imports generator.validation.validate",
        "generator.inputs.reader (inputs) imports generator.validation.validate.validate",
    ]


def test_every_module_is_in_a_layer_or_one_of_a_few_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert folders == sorted(LAYERS)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: it holds two jobs"


def test_every_output_writer_has_the_one_signature():
    for write in WRITERS:
        assert list(inspect.signature(write).parameters) == ["model", "docs", "project"], write.__module__

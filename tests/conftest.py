"""Shared fixtures: a copy of the real project that a test may break and build."""

import shutil
from pathlib import Path

import pytest

from support import ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's inputs, safe to break and build."""
    for name in ("datapackages", "content", "site_templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path

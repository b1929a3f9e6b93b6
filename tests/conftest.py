"""Shared fixtures: a copy of the real project that a test may break and build."""

from pathlib import Path

import pytest

from support import ROOT, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's inputs, safe to break and build."""
    copy_project(ROOT, tmp_path)
    return tmp_path

"""Shared fixtures: a copy of the real project that a test may break and build."""

from pathlib import Path

import pytest

from support import ROOT, copy_project


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> Path:
    """The real project built once, for tests that only read the result (never change it)."""
    from generator.build import build_site
    from generator.project import Project

    root = copy_project(ROOT, tmp_path_factory.mktemp("real-build"))
    build_site(Project(root))
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's inputs, safe to break and build."""
    copy_project(ROOT, tmp_path)
    return tmp_path

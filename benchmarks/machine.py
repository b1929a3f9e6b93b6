"""The machine and software a benchmark ran on, so that numbers are compared like with like."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGES = ["mkdocs", "mkdocs-material", "zensical", "pandas", "numpy", "frictionless", "jinja2", "markdown"]


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def describe_machine(root: Path) -> dict:
    memory_kib = _first("/proc/meminfo", "MemTotal").split()[0]
    commit = _git(root, "rev-parse", "HEAD")
    # Earlier results are not the code being measured.
    changed = _git(root, "status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks/results")
    dirty = bool(changed)
    return {
        "cpu_model": _first("/proc/cpuinfo", "model name"),
        "cpu_count": os.cpu_count(),
        "memory_gib": round(int(memory_kib) / 1024**2, 1) if memory_kib.isdigit() else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in PACKAGES},
        "git_commit": commit + (" (with uncommitted changes)" if commit and dirty else ""),
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]

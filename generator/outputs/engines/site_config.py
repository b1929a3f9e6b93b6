"""The configuration both engines read: the root mkdocs.yml plus the generated navigation.

build/mkdocs.yml is plain MkDocs configuration (JSON is valid YAML) and sits one folder below the
project root, like the build's scratch folder it is first written into, so the same relative paths
work from both. Zensical reads mkdocs.yml too (INHERIT, !ENV, theme.custom_dir); its own file only
adds what differs for it (engines/zensical.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.model.tidy import Model
from generator.outputs.site.page_map import navigation

SHARED_CONFIG = "mkdocs.yml"


def write_yaml(config: dict, path: Path) -> Path:
    path.write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_shared_config(model: Model, folder: Path) -> Path:
    """``folder``/mkdocs.yml, which the build publishes as build/mkdocs.yml, so that
    `mkdocs build -f build/mkdocs.yml` builds the same site from build/docs."""
    config = {
        "INHERIT": "../mkdocs.yml",
        "docs_dir": "docs",
        "site_dir": "../site",
        # Paths resolve from this file, which always sits one folder below the project root.
        "theme": {"name": "material", "custom_dir": "../site_templates/overrides"},
        "nav": navigation(model),
    }
    return write_yaml(config, folder / SHARED_CONFIG)

"""`transparency snapshot`: record a release's figures as the published ones.

Maintainers run it after each release, so the next change to a figure is compared with what readers
saw. The record is byte for byte the public download of the same packages, and it is written only
from valid packages: a change without its revision note cannot be laundered into the record.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.model.tidy import build_model
from generator.outputs.downloads import write_observations_csv
from generator.validation.validate import Validation, validate


def take_snapshot(datapackages: Path, target: Path, *, root: Path) -> Validation:
    """Validate against the current record, then replace it in one rename (never half a file)."""
    validation = validate([datapackages], root=root, registry_parent=datapackages, published=target)
    if validation.ok:
        partial = target.with_name(f".{target.name}.partial")
        write_observations_csv(build_model(validation), partial)
        os.replace(partial, target)
    return validation

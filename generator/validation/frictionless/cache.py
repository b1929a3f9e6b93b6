"""Remember Frictionless's problems for each package, keyed by every input they can depend on.

Frictionless costs about 35 ms of CPU per package however small it is (it re-validates and copies
its own metadata several times per file), so at England scale it is most of a build. A pull request
usually changes one package, so the next build only needs to ask Frictionless about that one.

A stale answer is impossible by construction: an entry is used only when the package's key, a
sha256 of every byte the answer can depend on (each file in the package folder and each file its
descriptor names), and the setup key (the version of every installed library, Python, the working
directory, the source of the modules that turn Frictionless errors into problems) both match. Any
other change is simply a miss. A package whose descriptor points Frictionless at anything outside
its folder (a remote or custom profile, a schema or dialect by URL) is never cached, since those
bytes are not ours to hash. A cache file that cannot be read is ignored and rewritten, and it is
replaced atomically, so an interrupted write leaves the previous cache or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import astuple, dataclass, field
from importlib.metadata import version
from pathlib import Path

from generator.core import contract, problems
from generator.core.contract import SCHEMA_FILE
from generator.core.problems import Problem
from generator.inputs import packages
from generator.inputs.package_files import resolved_path
from generator.inputs.packages import Package, unsafe_resource_path

CACHE_FILE = "validation-cache.json"
_FORMAT = 1
_PACKAGE_PROFILES = {"data-package", "tabular-data-package"}
_RESOURCE_PROFILES = {"data-resource", "tabular-data-resource"}
# The modules that turn Frictionless's errors into problems, by file: importing them imports
# Frictionless (0.3 s), which a build whose packages are all cached never needs.
_TRANSLATING = [
    Path(__file__).with_name(name) for name in ("problems.py", "shared_schema.py", "translation.py")
]


def _installed() -> list[str]:
    """Every installed distribution as its metadata folder names it (frictionless-5.21.0.dist-info):
    an upgrade of Frictionless or of anything it leans on (jsonschema, dateutil ...) is a new setup.
    Listing the folders costs a millisecond, where reading the metadata would cost a hundred."""
    names: set[str] = set()
    for entry in sys.path:
        try:
            names.update(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(names)


def _known(profile: object, names: set[str]) -> bool:
    return profile is None or (isinstance(profile, str) and profile in names)


def setup_key(root: Path) -> str:
    """Everything outside a package that shapes what Frictionless and our translation say about it."""
    hasher = hashlib.sha256()
    for part in (
        str(_FORMAT),
        version("frictionless"),
        *_installed(),
        sys.version,
        os.getcwd(),  # Frictionless resolves local profiles against it
        root.resolve().as_posix(),  # problems name files relative to it
    ):
        hasher.update(part.encode("utf-8") + b"\0")
    for source in (*_TRANSLATING, *(Path(module.__file__) for module in (packages, problems, contract))):
        hasher.update(source.read_bytes() + b"\0")
    hasher.update(SCHEMA_FILE.read_bytes())
    return hasher.hexdigest()


def _inside(reference: object) -> bool:
    """A plain relative path inside the package, which Frictionless reads from the package folder."""
    return (
        isinstance(reference, str)
        and unsafe_resource_path(reference) is None
        and not any(sign in reference for sign in ("$", "%", "~"))
    )


def _local_references(descriptor: dict) -> list[str] | None:
    """The files a descriptor makes Frictionless read, or None if it reaches outside the package."""
    if "$schema" in descriptor or not _known(descriptor.get("profile"), _PACKAGE_PROFILES):
        return None
    references: list[str] = []
    for resource in descriptor.get("resources") or []:
        if not isinstance(resource, dict):
            continue
        if "$schema" in resource or not _known(resource.get("profile"), _RESOURCE_PROFILES):
            return None
        paths = resource.get("path")
        for path in paths if isinstance(paths, list) else [paths]:
            if path is not None and not _inside(path):
                return None
            if path is not None:
                references.append(path)
        for part in ("schema", "dialect"):
            value = resource.get(part)
            if isinstance(value, dict) and "$schema" in value:
                return None
            if isinstance(value, str):
                if not _inside(value):
                    return None
                references.append(value)
    return references


def package_key(package: Package) -> str | None:
    """A sha256 of every file Frictionless can read for this package; None when it cannot be cached."""
    references = _local_references(package.descriptor)
    if references is None:
        return None
    directory = package.directory
    files = {path for path in directory.rglob("*") if path.is_file()}
    files.update(directory / reference for reference in references)  # also through symlinked folders
    hasher = hashlib.sha256()
    for path in sorted(files):
        # The resolved path too: a problem names the file a symbolic link leads to.
        names = f"{path.relative_to(directory).as_posix()}\0{resolved_path(path).as_posix()}\0"
        hasher.update(names.encode("utf-8"))
        try:
            data = path.read_bytes()
        except OSError:
            hasher.update(b"unreadable\0")
            continue
        hasher.update(f"{len(data)}\0".encode() + data)
    return hasher.hexdigest()


def _stored_problem(fields: object) -> Problem:
    """A problem read back from the cache, refusing anything a Problem could not have held."""
    if not isinstance(fields, list):
        raise ValueError("not a stored problem")
    if len(fields) == 8:  # stored before a problem could stand for several
        fields = [*fields, 1]
    file, row, column, check, severity, message, fix, sheet, stands_for = fields
    if not isinstance(stands_for, int) or isinstance(stands_for, bool) or stands_for < 1:
        raise ValueError("not a stored problem")
    texts, optional_texts = (file, check, severity, message, fix), (column, sheet)
    if not all(isinstance(t, str) for t in texts) or not all(
        t is None or isinstance(t, str) for t in optional_texts
    ):
        raise ValueError("not a stored problem")
    if row is not None and (not isinstance(row, int) or isinstance(row, bool)):
        raise ValueError("not a stored problem")
    return Problem(*fields)


@dataclass
class ValidationCache:
    """The problems Frictionless reported for each package (by descriptor path) and its key then."""

    path: Path
    root: Path
    setup: str
    entries: dict[str, tuple[str, list[Problem]]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, path: Path, root: Path) -> ValidationCache:
        setup = setup_key(root)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document["format"] != _FORMAT or document["setup"] != setup:
                return cls(path, root, setup, changed=True)
            entries = {
                str(file): (str(entry["key"]), [_stored_problem(p) for p in entry["problems"]])
                for file, entry in document["packages"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path, root, setup, changed=True)  # no usable cache: every package is validated
        return cls(path, root, setup, entries)

    def get(self, file: str, key: str | None) -> list[Problem] | None:
        stored = self.entries.get(file)
        if key is None or stored is None or stored[0] != key:
            return None
        return list(stored[1])

    def put(self, file: str, key: str | None, found: list[Problem]) -> None:
        if key is None:
            self.changed = self.entries.pop(file, None) is not None or self.changed
            return
        self.entries[file] = (key, list(found))
        self.changed = True

    def save(self) -> None:
        """Write the cache atomically, forgetting packages that no longer exist; never fail validation."""
        for file in [f for f in self.entries if not (self.root / f).is_file()]:
            del self.entries[file]
            self.changed = True
        if not self.changed:
            return
        packages = {
            file: {"key": key, "problems": [list(astuple(p)) for p in found]}
            for file, (key, found) in sorted(self.entries.items())
        }
        text = json.dumps({"format": _FORMAT, "setup": self.setup, "packages": packages}, indent=0) + "\n"
        try:
            _write_atomically(self.path, text)
        except OSError:
            return  # a read-only build folder costs speed next time, never correctness
        self.changed = False


def _write_atomically(path: Path, text: str) -> None:
    """Readers see the old file or the new one, never half of one (the name is unique to this process)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)

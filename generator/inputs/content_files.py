"""The hand-written pages are inputs from pull requests too, so they are looked at like package files.

`transparency import` asks officers for content/reports/<slug>.md, and all of content/ is copied
onto the site: a symbolic link there would publish whatever file it leads to, a FIFO would hang
the build, and a summary that is not UTF-8 would stop it with a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.core.visible import shown
from generator.inputs.encoding import undecodable_text
from generator.inputs.file_kinds import FILE, FOLDER, path_kind, read_file_bytes
from generator.inputs.package_files import named_path


def content_problems(content: Path, root: Path) -> list[str]:
    """What in ``content`` cannot be published, one sentence each; empty when all is well."""
    problems = []
    for folder, folders, files in os.walk(content):  # links to folders are listed, never entered
        for name in sorted(folders + files):
            path = Path(folder) / name
            kind = path_kind(path)
            if kind not in (FILE, FOLDER, None):
                problems.append(
                    f"{shown(named_path(path, root))} is {kind}, not a file (replace it with the file itself)"
                )
    reports = content / "reports"
    for path in sorted(reports.glob("*.md")) if path_kind(reports) == FOLDER else []:
        if path_kind(path) != FILE:
            continue
        data = read_file_bytes(path)
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            message, _line = undecodable_text(data, error.start)
            problems.append(f"{named_path(path, root)}: {message} (save it again with UTF-8 encoding)")
    return problems

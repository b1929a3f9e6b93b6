"""Build the site atomically: validate, model, outputs, engine, then swap the result in.

Every output writer (outputs.WRITERS) writes into build/docs, then the engine (outputs/engines/)
turns it into the site. Everything is written into a temporary folder beside the target; only a
complete build replaces ``site/`` (and ``build/docs/``, the plain Markdown any MkDocs-compatible
engine can build). A failure at any step leaves the previous site exactly as it was, and so does a kill at any
instant (publish.py: the swap, and the next build's clean-up of what a killed one left).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from generator.core.errors import BuildFailed
from generator.core.workers import run_jobs
from generator.model.tidy import Model, build_model
from generator.outputs import WRITERS
from generator.outputs.engines import DEFAULT_ENGINE, Engine, engine_named
from generator.outputs.engines.site_config import write_shared_config
from generator.outputs.incremental import (
    BuildState,
    file_hashes,
    prepare,
    setup_fingerprint,
)
from generator.outputs.writer import LastBuild, WriterFiles, writer_name
from generator.project import Project
from generator.publish import recover, scratch_folder, swap_in
from generator.validation.validate import validate


def _source_date_epoch(model: Model) -> str:
    """Builds stamp dates (sitemap) from the data, not the clock, so equal input gives equal output."""
    dates = [p.metadata.meeting_date for p in model.packages]
    latest = max([d for d in dates if d] or ["2020-01-01"])
    moment = datetime.fromisoformat(latest).replace(tzinfo=UTC)
    return str(int(moment.timestamp()))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; a kill at any instant leaves one whole tree (publish.py)."""
    swap_in(new, target)


def _silent(_stage: str) -> None:
    pass


def _write_failure(error: OSError, root: Path) -> str:
    """An OSError while writing (a full disk, a read-only folder) as one sentence naming the path."""
    where = error.filename or root
    with contextlib.suppress(ValueError, OSError, TypeError):
        where = Path(where).resolve().relative_to(root.resolve()).as_posix()
    return f"could not write {where}: {error.strerror or error}"


def build_site(
    project: Project,
    progress: Callable[[str], None] = _silent,
    published: Path | None = None,
    *,
    full: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> Model:
    """Build the site with the site engine named ``engine`` (outputs/engines/); ``progress`` hears
    each stage (the CLI shows them on a terminal).

    ``published`` is the record of published figures (default: published/observations.csv).
    Pages whose Markdown is unchanged since the last build, and Frictionless's verdicts on unchanged
    packages, are reused unless ``full`` is set (see outputs/incremental.py and
    validation/frictionless/cache.py); either way the result is the same, byte for byte.
    """
    recover(project.root, [project.docs, project.site], progress)
    progress("validating data packages")
    if full:
        project.validation_cache.unlink(missing_ok=True)
    validation = validate(
        [project.datapackages],
        root=project.root,
        registry_parent=project.datapackages,
        published=published or project.published,
        cache=project.validation_cache,
    )
    if not validation.ok:
        raise BuildFailed(
            f"the data packages have {validation.error_count} errors; nothing was built",
            validation,
        )
    model = build_model(validation)
    try:
        _write_site(project, model, progress, full=full, engine=engine_named(engine))
    except OSError as error:  # the disk, not the data: the swap leaves the previous site in place
        raise BuildFailed(_write_failure(error, project.root)) from None
    return model


def _kept_cache(project: Project, engine: Engine) -> Path:
    return project.docs.parent / f"{engine.name}-cache"


def _bring_cache(project: Project, engine: Engine, config: Path, *, reusable: bool) -> str:
    """Put the engine's cache from the last build beside its configuration, if the setup it was
    made with is this build's; otherwise drop it. Says what was done, for the build's message."""
    kept = _kept_cache(project, engine)
    if engine.cache is None or not kept.is_dir():
        return ""
    if not reusable:
        shutil.rmtree(kept, ignore_errors=True)
        return ""
    os.rename(kept, config.parent / engine.cache)
    return ", with its cache from the last build"


def _keep_cache(project: Project, engine: Engine, config: Path) -> None:
    """Once the site is out, the engine's cache waits in build/ for the next build. A build killed
    before this point leaves it in the scratch folder, which the next build removes: a cache is
    only ever kept beside the site it made."""
    made = config.parent / engine.cache if engine.cache else None
    if made is not None and made.is_dir():
        shutil.rmtree(_kept_cache(project, engine), ignore_errors=True)
        os.rename(made, _kept_cache(project, engine))


def _engine_message(engine: Engine, state: BuildState, rebuilt: set[str] | None, pages: dict) -> str:
    """What the engine is about to build, and how many generated pages came from the last build."""
    total = sum(name.endswith(".md") for name in state.files)
    built = f"all {total} pages" if rebuilt is None else f"{len(rebuilt)} changed pages"
    reused = pages.get("reused", 0)
    reused = f"; {reused} of {pages['generated']} generated pages were unchanged" if reused else ""
    return f"building {built} with {engine.label}{reused}"


def _write_site(
    project: Project, model: Model, progress: Callable[[str], None], *, full: bool, engine: Engine
) -> None:
    with scratch_folder(project.root, [project.docs, project.site], progress) as scratch:
        docs, site = Path(scratch) / "docs", Path(scratch) / "site"
        progress(f"rendering pages for {len(model.observations)} figures")
        # The site's Markdown first (the other outputs write beside the hand-written content, never
        # over it), then the others side by side on every core: none reads what another writes.
        state_path = project.build_state
        last = BuildState() if full else BuildState.load(state_path)
        files = WriterFiles(
            project.content,
            project.templates,
            project.config,
            LastBuild(project.docs, last.outputs) if last.outputs else None,
        )
        first, *others = WRITERS
        kept = [
            first(model, docs, files),
            *run_jobs([partial(write, model, docs, files) for write in others]),
        ]
        outputs = {writer_name(w): k for w, k in zip(WRITERS, kept, strict=True) if k is not None}
        shared = write_shared_config(model, Path(scratch))
        config = engine.write_config(shared)
        epoch = _source_date_epoch(model)
        state = BuildState(
            setup_fingerprint(
                shared,
                project.config,
                project.templates / "overrides",
                epoch,
                (engine.name, *engine.packages),
            ),
            file_hashes(docs, last, project.docs),
            outputs,
        )
        previous = last if engine.dirty_builds else BuildState()
        rebuilt = prepare(previous, state, docs, project.site, site)
        cached = _bring_cache(project, engine, config, reusable=not full and last.setup == state.setup)
        progress(_engine_message(engine, state, rebuilt, outputs.get("markdown", {})) + cached)
        engine.render_site(config, docs, site, epoch=epoch, previous_site=project.site, rebuilt=rebuilt)
        progress("publishing build/docs and site/")
        state_path.unlink(missing_ok=True)  # until both trees are swapped in, no build is reusable
        _swap(docs, project.docs)
        os.replace(shared, project.docs.parent / shared.name)
        _swap(site, project.site)
        _keep_cache(project, engine, config)
        with contextlib.suppress(OSError):  # the site is out; without the state the next build is full
            state.save(state_path)

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
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from generator.core import kept_folders
from generator.core.background import in_background
from generator.core.errors import BuildFailed
from generator.core.memory import collector_spared, hand_back_memory, kept_for_the_build
from generator.core.workers import run_jobs
from generator.model.tidy import Model, build_model
from generator.outputs import WRITERS
from generator.outputs.engines import DEFAULT_ENGINE, Engine, engine_named
from generator.outputs.engines.site_config import write_shared_config
from generator.outputs.incremental import (
    BuildState,
    PreviousSite,
    file_hashes,
    prepare,
    setup_fingerprint,
)
from generator.outputs.site.page_reuse import forget_model
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


def _swap(new: Path, target: Path, folders: Path | None = None) -> None:
    """Put ``new`` where ``target`` is; a kill at any instant leaves one whole tree (publish.py).
    The previous tree's folders are kept as ``folders`` for the next build, if given."""
    swap_in(new, target, folders)


def _site_folders(project: Project, engine: Engine) -> Path | None:
    """Where the site's folders are kept between builds: only a dirty build writes into the last
    site's folders (incremental.prepare); an engine that writes its site from nothing keeps none."""
    return project.kept_folders(project.site) if engine.dirty_builds else None


def _silent(_stage: str) -> None:
    pass


def _write_failure(error: OSError, root: Path) -> str:
    """An OSError while writing (a full disk, a read-only folder) as one sentence naming the path."""
    where = error.filename or root
    with contextlib.suppress(ValueError, OSError, TypeError):
        where = Path(where).resolve().relative_to(root.resolve()).as_posix()
    return f"could not write {where}: {error.strerror or error}"


@dataclass(frozen=True)
class Built:
    """What a build published, for the command line's last line; the model itself is let go before
    the engine runs (see build_site)."""

    reports: int
    figures: int


@dataclass(frozen=True)
class _Generated:
    """What the engine and the publishing step need once the generator's stages are done: paths, the
    state to save and small facts, never the model."""

    docs: Path
    site: Path
    shared: Path
    config: Path
    epoch: str
    state: BuildState
    rebuilt: set[str] | None
    message: str
    built: Built


def build_site(
    project: Project,
    progress: Callable[[str], None] = _silent,
    published: Path | None = None,
    *,
    full: bool = False,
    engine: str = DEFAULT_ENGINE,
) -> Built:
    """Build the site with the site engine named ``engine`` (outputs/engines/); ``progress`` hears
    each stage (the CLI shows them on a terminal).

    ``published`` is the record of published figures (default: published/observations.csv).
    Pages whose Markdown is unchanged since the last build, and Frictionless's verdicts on unchanged
    packages, are reused unless ``full`` is set (see outputs/incremental.py and
    validation/frictionless/cache.py); either way the result is the same, byte for byte.

    The validation and the model are let go, and their memory handed back, before the engine
    starts: at England scale x4 they are 1.5 GB that the engine would otherwise stack its own on.
    """
    recover(project.root, [project.docs, project.site], progress)
    chosen = engine_named(engine)
    try:
        with scratch_folder(project.root, [project.docs, project.site], progress) as scratch:
            with collector_spared():
                generated = _generate(project, Path(scratch), progress, published, full=full, engine=chosen)
            hand_back_memory()
            _render_and_publish(project, generated, progress, engine=chosen)
    except OSError as error:  # the disk, not the data: the swap leaves the previous site in place
        raise BuildFailed(_write_failure(error, project.root)) from None
    return generated.built


def validated_model(
    project: Project,
    progress: Callable[[str], None] = _silent,
    published: Path | None = None,
    *,
    full: bool = False,
) -> Model:
    """The project's packages validated and modelled as a build does; BuildFailed on any error."""
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
    return build_model(validation)


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
    built = (
        f"all {total} pages"
        if rebuilt is None
        else f"{sum(name.endswith('.md') for name in rebuilt)} changed pages"
    )
    reused = pages.get("reused", 0)
    reused = f"; {reused} of {pages['generated']} generated pages were unchanged" if reused else ""
    return f"building {built} with {engine.label}{reused}"


def _generate(
    project: Project,
    scratch: Path,
    progress: Callable[[str], None],
    published: Path | None,
    *,
    full: bool,
    engine: Engine,
) -> _Generated:
    """Validate, model and write build/docs into ``scratch``; what is returned holds no model.

    The trees are made ready while the data are validated (core/background.py): build/docs's
    kept folders emptied, and, when a dirty build may follow, the previous site linked."""
    last = BuildState() if full else BuildState.load(project.build_state)
    previous = last if engine.dirty_builds else BuildState()
    docs, site = scratch / "docs", scratch / "site"
    with contextlib.ExitStack() as stack:
        kept_folders.take_folders(project.kept_folders(project.docs), docs)
        emptied = stack.enter_context(in_background(partial(kept_folders.empty, docs)))
        links = PreviousSite(
            previous, project.site, scratch / "previous-site", _site_folders(project, engine)
        )
        stack.callback(links.abandon)
        model = validated_model(project, progress, published, full=full)
        kept_for_the_build()
        progress(f"rendering pages for {len(model.observations)} figures")
        emptied.wait()
        # The site's Markdown first (the other outputs write beside the hand-written content,
        # never over it), then the others side by side on every core: none reads what another
        # writes.
        files = WriterFiles(
            project.content,
            project.templates,
            project.config,
            LastBuild(project.docs, last.outputs) if last.outputs else None,
        )
        first, *others = WRITERS
        try:
            kept = [first(model, docs, files)]
            model.let_go_of_index()
            hand_back_memory()
            kept += run_jobs([partial(write, model, docs, files) for write in others])
        finally:
            forget_model()
        kept_folders.prune(docs)  # the folders of pages that are gone
        outputs = {writer_name(w): k for w, k in zip(WRITERS, kept, strict=True) if k is not None}
        shared = write_shared_config(model, scratch)
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
        rebuilt = prepare(previous, state, links, site)
    cached = _bring_cache(project, engine, config, reusable=not full and last.setup == state.setup)
    message = _engine_message(engine, state, rebuilt, outputs.get("markdown", {})) + cached
    built = Built(reports=len(model.packages), figures=len(model.observations))
    return _Generated(docs, site, shared, config, epoch, state, rebuilt, message, built)


def _render_and_publish(
    project: Project, generated: _Generated, progress: Callable[[str], None], *, engine: Engine
) -> None:
    progress(generated.message)
    engine.render_site(
        generated.config,
        generated.docs,
        generated.site,
        epoch=generated.epoch,
        previous_site=project.site,
        rebuilt=generated.rebuilt,
    )
    progress("publishing build/docs and site/")
    if generated.rebuilt is not None:  # in a dirty build's site, the folders of pages gone since
        kept_folders.prune(generated.site)
    state_path = project.build_state
    state_path.unlink(missing_ok=True)  # until both trees are swapped in, no build is reusable
    _swap(generated.docs, project.docs, project.kept_folders(project.docs))
    os.replace(generated.shared, project.docs.parent / generated.shared.name)
    site_folders = _site_folders(project, engine)
    if site_folders is None:  # nor hold on to an earlier engine's, with the old site's files
        kept_folders.drop(project.kept_folders(project.site))
    _swap(generated.site, project.site, site_folders)
    _keep_cache(project, engine, generated.config)
    with contextlib.suppress(OSError):  # the site is out; without the state the next build is full
        generated.state.save(state_path)

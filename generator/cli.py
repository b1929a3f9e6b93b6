"""The `transparency` command line: parse arguments, call the library, print, set the exit status.

Exit status: 0 success, 1 the input has errors (or a build failed for a known reason), 2 wrong usage.
Anything else is a bug: it is reported in one line, with the traceback only under --debug.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .build import BuildFailed, Project, build_site
from .problems import RENDERERS, render_text
from .published import PUBLISHED
from .scaffold import ScaffoldError, scaffold_package
from .snapshot import take_snapshot
from .validate import validate


def _project() -> Project:
    return Project(Path.cwd())


def _progress(stage: str) -> None:
    """Stages of a long build on a terminal; nothing in CI logs or pipes."""
    if sys.stderr.isatty() and not os.environ.get("CI"):
        click.echo(f"… {stage}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks of unexpected errors.")
def cli(debug: bool) -> None:
    """Validate council children's services data packages and build the public site."""
    # --debug is read by main(), which sees exceptions that escape click.


_published_option = click.option(
    "--published",
    type=click.Path(path_type=Path, dir_okay=False),
    default=PUBLISHED,
    show_default=True,
    help="The figures as last published; a figure that differs from it needs a revision note. "
    "If the file does not exist, nothing has been published yet.",
)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--format",
    "output",
    type=click.Choice(sorted(RENDERERS)),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for annotations.",
)
@click.option(
    "--registry",
    "registry_parent",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("datapackages"),
    show_default=True,
    help="Folder holding the registry package.",
)
@_published_option
def validate_command(paths: tuple[Path, ...], output: str, registry_parent: Path, published: Path) -> None:
    """Check data packages (default: every package under datapackages/)."""
    targets = list(paths) or [Path("datapackages")]
    result = validate(targets, root=Path.cwd(), registry_parent=registry_parent, published=published)
    click.echo(RENDERERS[output](result.problems, result.summary))
    sys.exit(0 if result.ok else 1)


def _explain(failure: BuildFailed) -> None:
    if failure.validation is not None:
        click.echo(render_text(failure.validation.problems, failure.validation.summary), err=True)
    click.echo(f"Build failed: {failure}. The previous site/ is unchanged.", err=True)


@cli.command("build")
@_published_option
def build_command(published: Path) -> None:
    """Validate every package, then build the site into site/ (only if there are no errors)."""
    project = _project()
    try:
        model = build_site(project, _progress, published=project.root / published)
    except BuildFailed as failure:
        _explain(failure)
        sys.exit(1)
    click.echo(f"Built {project.site}: {len(model.packages)} reports, {len(model.observations)} figures.")


@cli.command("snapshot")
@click.option(
    "--published",
    type=click.Path(path_type=Path, dir_okay=False),
    default=PUBLISHED,
    show_default=True,
    help="Where to record the published figures.",
)
def snapshot_command(published: Path) -> None:
    """Record the current packages' figures as published (run after each release, then commit it)."""
    project = _project()
    target = project.root / published
    result = take_snapshot(project.datapackages, target, root=project.root)
    if not result.ok:
        click.echo(render_text(result.problems, result.summary), err=True)
        click.echo(f"Snapshot not written: fix the errors above. {published} is unchanged.", err=True)
        sys.exit(1)
    click.echo(
        f"Wrote {published}: {result.summary.observations} figures from {result.summary.packages} "
        "reports, as published. Commit it with the release."
    )


@cli.command("serve")
@click.option("--port", default=8000, show_default=True)
def serve_command(port: int) -> None:
    """Build, then serve the site with live reload while you edit packages or content."""
    project = _project()
    try:
        build_site(project, _progress)
    except BuildFailed as failure:
        _explain(failure)
        sys.exit(1)

    def rebuild() -> None:
        try:
            build_site(project)
        except BuildFailed as failure:
            _explain(failure)

    _serve_with_rebuild(project, port, rebuild)


def _serve_with_rebuild(project: Project, port: int, rebuild) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(project.site))
    for folder in (project.datapackages, project.content, project.root / "site_templates"):
        server.watch(str(folder))
    click.echo(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops)")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@cli.command("new")
@click.argument("slug")
@click.option("--authority", required=True, help="ONS GSS code of the council, e.g. E10000018.")
@click.option("--title", required=True, help="Report title as printed.")
@click.option("--committee", required=True, help="Committee the report went to.")
@click.option("--meeting-date", required=True, help="Meeting date, YYYY-MM-DD.")
@click.option(
    "--publisher", required=True, help="Who published the report, e.g. 'Leicestershire County Council'."
)
@click.option("--source-url", default=None, help="The report's own web address, if known.")
def new_command(
    slug: str,
    authority: str,
    title: str,
    committee: str,
    meeting_date: str,
    publisher: str | None,
    source_url: str | None,
) -> None:
    """Write a new data package skeleton in datapackages/SLUG/."""
    project = _project()
    try:
        path = scaffold_package(
            project.datapackages,
            slug,
            authority=authority,
            title=title,
            committee=committee,
            meeting_date=meeting_date,
            publisher=publisher,
            source_url=source_url,
        )
    except ScaffoldError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    click.echo(
        f"Wrote {path}. Replace the example row in observations.csv with the report's "
        f"figures, then run: transparency validate {path}"
    )


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as error:  # a bug: say so in one line unless asked for details
        if debug:
            raise
        click.echo(
            f"Unexpected error (a bug in transparency, please report it): {error!r}. "
            "Run again with --debug for details.",
            err=True,
        )
        sys.exit(3)

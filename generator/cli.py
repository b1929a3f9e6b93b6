"""The `transparency` command line: parse arguments, call the library, print, set the exit status.

Exit status: 0 success, 1 the input has errors (or a build failed for a known reason), 2 wrong usage.
Anything else is a bug: it is reported in one line, with the traceback only under --debug.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.build import BuildFailed, Project, build_site
from generator.core.problems import ERROR, RENDERERS, problem_lines, render_text
from generator.diff.base_tree import GitError
from generator.diff.model_diff import DiffFailed, compare_with_base
from generator.diff.report import DIFF_RENDERERS
from generator.inputs.packages import display_path
from generator.inputs.published import PUBLISHED
from generator.inputs.registry import load_registry
from generator.inputs.scaffold import ScaffoldError, scaffold_package
from generator.inputs.spreadsheet.importer import ImportRefused, import_workbook
from generator.inputs.spreadsheet.template import DEFAULT_NAME, write_template
from generator.outputs.snapshot import take_snapshot
from generator.validation.validate import validate


def _project() -> Project:
    return Project(Path.cwd())


def _validation_cache() -> Path | None:
    """In a project, the cache that spares re-validating unchanged packages; elsewhere none, so that
    checking a package from another folder leaves no build/ folder behind."""
    project = _project()
    return project.validation_cache if project.datapackages.is_dir() else None


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


def _list_checks(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """--list-checks: print the catalogue of problem ids and stop, before any path is checked."""
    if value:
        from generator.validation.problem_catalogue import catalogue_lines

        click.echo("\n".join(catalogue_lines()))
        ctx.exit(0)


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option(
    "--list-checks",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_list_checks,
    help="List every problem id validation can report, with what it means, and exit.",
)
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
    result = validate(
        targets,
        root=Path.cwd(),
        registry_parent=registry_parent,
        published=published,
        cache=_validation_cache(),
    )
    click.echo(RENDERERS[output](result.problems, result.summary))
    sys.exit(0 if result.ok else 1)


def _explain(failure: BuildFailed) -> None:
    if failure.validation is not None:
        click.echo(render_text(failure.validation.problems, failure.validation.summary), err=True)
    click.echo(f"Build failed: {failure}. The previous site/ is unchanged.", err=True)


@cli.command("build")
@click.option(
    "--full",
    is_flag=True,
    help="Validate and render everything again instead of reusing unchanged packages and pages.",
)
@_published_option
def build_command(full: bool, published: Path) -> None:
    """Validate every package, then build the site into site/ (only if there are no errors).

    Pages whose Markdown did not change since the last build are reused; the result is the same.
    """
    project = _project()
    try:
        model = build_site(project, _progress, published=project.root / published, full=full)
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


@cli.command("diff")
@click.option(
    "--base",
    "base_ref",
    default=None,
    metavar="REF",
    help="Git branch, tag or commit to compare with [default: where HEAD left main, or origin/main].",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(sorted(DIFF_RENDERERS)),
    default="markdown",
    show_default=True,
    help="markdown for a pull-request comment, json for tools.",
)
def diff_command(base_ref: str | None, output: str) -> None:
    """Show what the working tree changes on the public site compared with a git revision."""
    try:
        comparison = compare_with_base(_project().root, base_ref)
    except GitError as error:
        click.echo(f"Error: {error}.", err=True)
        sys.exit(2)
    except DiffFailed as failure:
        if failure.validation is not None:
            click.echo(render_text(failure.validation.problems, failure.validation.summary), err=True)
        click.echo(f"Diff not made: {failure}.", err=True)
        sys.exit(1)
    for note in comparison.notes:
        click.echo(f"Warning: {note}", err=True)
    click.echo(DIFF_RENDERERS[output](comparison), nl=False)


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
    path = display_path(path, project.root)
    click.echo(
        f"Wrote {path}. Replace the example row in observations.csv with the report's "
        f"figures, then run: transparency validate {path}"
    )


@cli.command("template")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(DEFAULT_NAME),
    show_default=True,
    help="Where to write the workbook.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def template_command(out: Path, force: bool) -> None:
    """Write the Excel template for a report's figures, with drop-downs from the registry."""
    project = _project()
    if out.exists() and not force:
        click.echo(f"Error: {out} already exists; add --force to replace it (nothing was changed)", err=True)
        sys.exit(1)
    if not out.parent.is_dir():
        click.echo(f"Error: the folder {out.parent} does not exist (nothing was written)", err=True)
        sys.exit(1)
    registry, problems = load_registry(project.datapackages, project.root)
    if registry is None:
        click.echo("\n".join(problem_lines(problems)), err=True)
        click.echo(
            "Error: the registry cannot be read, so the template would have no lists; run the command "
            "in the project folder, the one holding datapackages/registry",
            err=True,
        )
        sys.exit(1)
    write_template(out, registry)
    click.echo(
        f"Wrote {out}. Fill in its Report and Figures sheets, save it, then run: transparency import {out}"
    )


@cli.command("import")
@click.argument("workbook", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--to",
    "target",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for the new package (default: datapackages/ and the package name on the Report sheet).",
)
def import_command(workbook: Path, target: Path | None) -> None:
    """Turn a filled template (.xlsx) into a data package, check it, and write it only if it is valid."""
    project = _project()
    try:
        result = import_workbook(workbook, target, root=project.root, datapackages=project.datapackages)
    except ImportRefused as refusal:
        click.echo(f"Error: {refusal}", err=True)
        sys.exit(1)
    if not result.ok:
        errors = sum(p.severity == ERROR for p in result.problems)
        click.echo("\n".join(problem_lines(result.problems)), err=True)
        click.echo(
            f"{workbook}: {errors} error{'' if errors == 1 else 's'}. Nothing was written: fix the "
            "workbook and run the import again.",
            err=True,
        )
        sys.exit(1)
    target = display_path(result.target, project.root)
    click.echo(f"Imported {workbook} into {target}: {result.summary.observations} figures.")
    click.echo(render_text(result.problems, result.summary))
    click.echo(
        f"Next: describe the report in the 'description' of {target}/datapackage.json "
        f"and write a summary in content/reports/{result.target.name}.md."
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

"""The `transparency` command line: parse arguments, call the library, print, set the exit status.

Known failures are TransparencyError subclasses, caught once, in the command group's main(); any other
exception is a bug, reported in one line, with the traceback only under --debug. The library is
imported inside each command, so that `transparency --help` answers before pandas, Frictionless and
MkDocs have loaded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.command_group import Commands, RunOptions, explain
from generator.core.counting import counted
from generator.core.errors import BUG, INVALID, USAGE, BuildFailed
from generator.core.paths import PUBLISHED
from generator.core.problems import RENDERERS, render_text

if TYPE_CHECKING:
    from generator.project import Project

# Offered before the diff's renderers are imported; tests/test_cli.py holds them to diff.report's.
DIFF_FORMATS = ("json", "markdown")
# The same for the site engines (outputs/engines/ENGINES); the first is the default.
ENGINE_NAMES = ("mkdocs", "zensical")
TEMPLATE_NAME = "observations-template.xlsx"
EXIT_STATUSES = (
    f"Exit status: 0 success; {INVALID} the input has errors or the command refused (the message says "
    f"why); {USAGE} wrong usage; {BUG} a bug in transparency (run again with --debug for its traceback)."
)


def _project() -> Project:
    from generator.project import Project

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


@click.group(
    cls=Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_STATUSES,
)
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error (a bug).")
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """Validate council children's services data packages and build the public site."""
    context.ensure_object(RunOptions).debug = debug


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
    default=None,
    metavar="PATH",
    help="Folder holding the registry package, registry/ [default: the nearest one in or above the "
    "folders validated, else datapackages/].",
)
@_published_option
def validate_command(
    paths: tuple[Path, ...], output: str, registry_parent: Path | None, published: Path
) -> None:
    """Check data packages (default: every package under datapackages/)."""
    from generator.validation.validate import validate

    targets = list(paths) or [Path("datapackages")]
    result = validate(
        targets,
        root=Path.cwd(),
        registry_parent=registry_parent,
        published=published,
        cache=_validation_cache(),
    )
    click.echo(RENDERERS[output](result.problems, result.summary))
    sys.exit(0 if result.ok else INVALID)


_engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    default=ENGINE_NAMES[0],
    show_default=True,
    help="The site engine that turns the Markdown into the site: MkDocs + Material for MkDocs, or "
    "Zensical (README, Site engines).",
)


@cli.command("build")
@click.option(
    "--full",
    is_flag=True,
    help="Validate and render everything again instead of reusing unchanged packages and pages.",
)
@_published_option
@_engine_option
def build_command(full: bool, published: Path, engine: str) -> None:
    """Validate every package, then build the site into site/ (only if there are no errors).

    Pages whose Markdown did not change since the last build are reused; the result is the same.
    """
    from generator.build import build_site

    project = _project()
    built = build_site(project, _progress, published=project.root / published, full=full, engine=engine)
    reports, figures = counted(built.reports, "report"), counted(built.figures, "figure")
    click.echo(f"Built {project.site}: {reports}, {figures}.")


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
    from generator.outputs.snapshot import take_snapshot

    project = _project()
    target = project.root / published
    result = take_snapshot(project.datapackages, target, root=project.root)
    if not result.ok:
        click.echo(render_text(result.problems, result.summary), err=True)
        click.echo(f"Snapshot not written: fix the errors above. {published} is unchanged.", err=True)
        sys.exit(INVALID)
    click.echo(
        f"Wrote {published}: {result.summary.observations} figures from {result.summary.packages} "
        "reports, as published. Commit it with the release."
    )


@cli.command("serve")
@click.option("--port", default=8000, show_default=True)
@_engine_option
def serve_command(port: int, engine: str) -> None:
    """Build, then serve the site with live reload while you edit packages or content."""
    from generator.build import build_site

    project = _project()
    build_site(project, _progress, engine=engine)

    def rebuild() -> None:
        try:
            build_site(project, engine=engine)
        except BuildFailed as failure:  # the server keeps serving the previous site
            explain(failure)

    _serve_with_rebuild(project, port, rebuild)


def _serve_with_rebuild(project: Project, port: int, rebuild) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(project.site))
    for folder in (project.datapackages, project.content, project.templates):
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
    type=click.Choice(DIFF_FORMATS),
    default="markdown",
    show_default=True,
    help="markdown for a pull-request comment, json for tools.",
)
def diff_command(base_ref: str | None, output: str) -> None:
    """Show what the working tree changes on the public site compared with a git revision."""
    from generator.diff.model_diff import compare_with_base
    from generator.diff.report import DIFF_RENDERERS

    comparison = compare_with_base(_project().root, base_ref)
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
    from generator.inputs.packages import display_path
    from generator.inputs.scaffold import scaffold_package

    project = _project()
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
    path = display_path(path, project.root)
    click.echo(
        f"Wrote {path}. Replace the example row in observations.csv with the report's "
        f"figures, then run: transparency validate {path}"
    )


@cli.command("template")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(TEMPLATE_NAME),
    show_default=True,
    help="Where to write the workbook.",
)
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def template_command(out: Path, force: bool) -> None:
    """Write the Excel template for a report's figures, with drop-downs from the registry."""
    from generator.core.problems import problem_lines
    from generator.inputs.registry import load_registry
    from generator.inputs.spreadsheet.template import write_template

    project = _project()
    if out.exists() and not force:
        click.echo(f"Error: {out} already exists; add --force to replace it (nothing was changed)", err=True)
        sys.exit(INVALID)
    if not out.parent.is_dir():
        click.echo(f"Error: the folder {out.parent} does not exist (nothing was written)", err=True)
        sys.exit(INVALID)
    registry, problems = load_registry(project.datapackages, project.root)
    if registry is None:
        click.echo("\n".join(problem_lines(problems)), err=True)
        click.echo(
            "Error: the registry cannot be read, so the template would have no lists; run the command "
            "in the project folder, the one holding datapackages/registry",
            err=True,
        )
        sys.exit(INVALID)
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
    from generator.core.problems import ERROR, problem_lines
    from generator.inputs.packages import display_path
    from generator.inputs.spreadsheet.importer import import_workbook
    from generator.validation.validate import validate

    project = _project()
    result = import_workbook(
        workbook, target, root=project.root, datapackages=project.datapackages, validate=validate
    )
    if not result.ok:
        errors = sum(p.severity == ERROR for p in result.problems)
        click.echo("\n".join(problem_lines(result.problems)), err=True)
        click.echo(
            f"{workbook}: {errors} error{'' if errors == 1 else 's'}. Nothing was written: fix the "
            "workbook and run the import again.",
            err=True,
        )
        sys.exit(INVALID)
    target = display_path(result.target, project.root)
    click.echo(f"Imported {workbook} into {target}: {result.summary.observations} figures.")
    click.echo(render_text(result.problems, result.summary))
    click.echo(
        f"Next: describe the report in the 'description' of {target}/datapackage.json "
        f"and write a summary in content/reports/{result.target.name}.md."
    )


@cli.command("import-official")
def import_official_command() -> None:
    """Write the national registry and one package per DfE publication from sources/official/.

    The mappings in sources/mappings/ say which columns are which indicators; running it again
    changes no byte. Validate and build afterwards as for any package.
    """
    from generator.inputs.official.importer import import_official

    summary = import_official(_project().root)
    for path in summary.changed:
        click.echo(f"Wrote {path}")
    click.echo(
        f"{summary.areas} areas, {summary.changes} area changes, {summary.models} neighbour models "
        f"({summary.model_neighbours} neighbours), {len(summary.packages)} packages, "
        f"{summary.figures} figures" + ("" if summary.changed else "; nothing changed")
    )


def main() -> None:
    cli.main()

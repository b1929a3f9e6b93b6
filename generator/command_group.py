"""The command group's main(): the one place where known failures and bugs become exit statuses.

Known failures are TransparencyError subclasses: their message, and the validation report when they
carry one, is printed and the command exits with their status. Anything else is a bug, reported in
one line, with its traceback only under --debug (read from click's context, never from sys.argv).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import click

from generator.core.errors import BUG, TransparencyError
from generator.core.problems import render_text


def explain(failure: TransparencyError) -> None:
    if failure.validation is not None:
        click.echo(render_text(failure.validation.problems, failure.validation.summary), err=True)
    click.echo(failure.explanation(), err=True)


@dataclass
class RunOptions:
    """The group's options, kept on click's context object where main() can read them afterwards."""

    debug: bool = False


class Commands(click.Group):
    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's main, plus the one place where known failures and bugs become exit statuses.

        Without ``standalone_mode`` the caller asked for exceptions, so they pass through.
        """
        options = extra.setdefault("obj", RunOptions())
        try:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        except TransparencyError as failure:
            if not standalone_mode:
                raise
            explain(failure)
            sys.exit(failure.exit_code)
        except Exception as error:  # a bug: say so in one line unless asked for details
            if not standalone_mode:
                raise
            debug = isinstance(options, RunOptions) and options.debug
            if debug:
                import traceback

                traceback.print_exc()
            click.echo(
                f"Unexpected error (a bug in transparency, please report it): {error!r}."
                + ("" if debug else " Run again with --debug for details."),
                err=True,
            )
            sys.exit(BUG)

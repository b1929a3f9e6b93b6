"""Known failures: named exceptions that the command line turns into one message and an exit status.

Every reason a command can refuse (the input has errors, the package already exists, git cannot read
the base) is a subclass of TransparencyError, raised where it is found and caught once, in the
command line's main(). Any other exception is a bug, reported as one, never dressed up as bad input.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from generator.core.problems import Problem, Summary

INVALID = 1  # the input has errors, or a command refused for a reason it explains
USAGE = 2  # the command was called wrongly (click's own status for usage errors)
BUG = 3  # an unexpected exception: a bug in transparency


class ProblemReport(Protocol):
    """What a failure may carry to show its problems: validation.validate.Validation is one."""

    problems: list[Problem]
    summary: Summary


class TransparencyError(Exception):
    """A known reason a command did not do what was asked; its message says why and what to do.

    ``validation`` holds the problems behind the failure, when it has them, so the command line can
    list them before the one-line message.
    """

    exit_code: ClassVar[int] = INVALID
    headline: ClassVar[str] = "Error: {}"  # how the command line says it, {} being the message

    def __init__(self, message: str, validation: ProblemReport | None = None):
        super().__init__(message)
        self.validation = validation

    def explanation(self) -> str:
        return self.headline.format(self)


class BuildFailed(TransparencyError):
    """A known reason the site was not built, from the build, an output writer or the engine."""

    headline = "Build failed: {}. The previous site/ is unchanged."

"""Run Frictionless (schema, types, keys) on a package and translate its errors into our problems.

Frictionless is the right tool for the Table Schema itself. A package whose resources share a
schema already read goes through shared_schema.py, which asks Frictionless the same questions
without rebuilding that schema for every file; any other package is validated whole here.
"""

from __future__ import annotations

import copy

import frictionless

from generator.core.problem_ids import FRICTIONLESS, frictionless_id
from generator.core.problems import ERROR, Problem
from generator.inputs.packages import Package, display_path
from generator.validation.frictionless import shared_schema
from generator.validation.frictionless.translation import file_problems


def frictionless_problems(package: Package, root) -> list[Problem]:
    """Validate one package as Frictionless sees it; paths were already checked for safety."""
    found = shared_schema.problems(package, root)
    return found if found is not None else whole_package_problems(package, root)


def whole_package_problems(package: Package, root) -> list[Problem]:
    """Frictionless's own validation of the package, descriptor and every row.

    Frictionless is given the descriptor the validator holds (for a report, with the contract's
    schema in it), not the file, so what it checks against is ours to decide. It gets a copy: it
    rewrites the descriptor it is given, whose contract schema every package shares."""
    try:
        report = frictionless.validate(copy.deepcopy(package.descriptor), basepath=str(package.directory))
    except frictionless.FrictionlessException as exception:
        return [
            Problem(
                package.descriptor_file,
                None,
                None,
                FRICTIONLESS.id,
                ERROR,
                f"Frictionless cannot read the package: {exception.error.message}",
                "compare datapackage.json with an existing package; `transparency new` writes a correct one",
            )
        ]
    problems = []
    for task in report.tasks:
        file = display_path(package.directory / task.place, root) if task.place else (package.descriptor_file)
        problems.extend(file_problems(file, task.errors))
    for error in report.errors:
        problems.append(
            Problem(
                package.descriptor_file,
                None,
                None,
                frictionless_id(error.type),
                ERROR,
                error.message,
                "correct datapackage.json as the message says",
            )
        )
    return problems

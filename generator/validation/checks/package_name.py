"""A package's folder name is a slug, because it becomes file names and web addresses on the site.

The folder name, not the descriptor's "name", is what the pages, downloads and links are named by;
a folder called ``q3 report#2`` would pass every other check and then break the site's links,
which strict MkDocs refuses with nothing but a count of warnings.
"""

from generator.core.problems import ERROR, Problem
from generator.inputs.scaffold import slug_error

from .base import Check, CheckContext


def run(ctx: CheckContext):
    for package in ctx.packages:
        if why := slug_error(package.name):
            yield Problem(
                package.descriptor_file,
                None,
                None,
                CHECK.id,
                ERROR,
                f"the package folder: {why}",
                "rename the folder to lowercase letters, digits and hyphens, such as "
                'leicestershire-2020-06-02-help-and-protection, and give datapackage.json the same "name"',
            )


CHECK = Check(
    "package-name",
    "Folder names are slugs",
    "A package's folder is named with lowercase letters, digits and hyphens, at most 100 characters.",
    run,
)

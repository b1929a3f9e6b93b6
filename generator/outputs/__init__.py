"""Every output the build writes into build/docs, in the order it writes them.

Each is a module with one ``write(model, docs, project)`` (outputs/writer.py). The site's Markdown
comes first: it copies the hand-written content, which the other outputs may write beside but
never over; the others then run side by side (build.py), so none may read what another writes.
"""

from generator.outputs import downloads, feed, page_data
from generator.outputs.site import markdown
from generator.outputs.writer import Write

WRITERS: tuple[Write, ...] = (markdown.write, page_data.write, downloads.write, feed.write)

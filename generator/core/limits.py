"""How much one pull request may ask of the validator and the build: every cap in one place.

Packages come from many hands, so no input may make the work unbounded. Each cap is far above what a
real report needs (content/publish-your-data.md lists them for publishers) and each is read through
this module at the moment it is checked (``limits.MAX_CELL_CHARS``, not an imported copy), so that a
test can lower it with monkeypatch instead of building gigabytes of input.
"""

from __future__ import annotations

import datetime as dt

MAX_DESCRIPTOR_BYTES = 1024 * 1024  # a datapackage.json; real ones are under 10 KB
MAX_DESCRIPTOR_DEPTH = 32  # nested objects and lists; real descriptors are 8 deep
MAX_RESOURCES = 20  # per package; a report package has one, the registry three
MAX_CSV_BYTES = 256 * 1024 * 1024  # one CSV file
MAX_CSV_ROWS = 1_000_000  # lines after the header, counting line breaks inside quoted cells
MAX_COLUMNS = 100  # in a CSV header; the contract has 16
MAX_CELL_CHARS = 5_000  # one CSV cell; the longest real note is a few hundred characters
MAX_TITLE_CHARS = 1_000  # a package title, area name or indicator title (menus and page titles)
MAX_NAME_CHARS = 100  # a package folder name, which becomes a file and folder name on the site
MAX_WORKBOOK_BYTES = 16 * 1024 * 1024  # an .xlsx after decompression, all its parts; the template is 110 KB
MAX_WORKBOOK_PARTS = 1_000  # files inside an .xlsx; the template has about 20
MAX_LISTED_PROBLEMS = 1_000  # problems listed in a report; all of them are counted
EARLIEST_DATE = dt.date(1900, 1, 1)  # meeting dates; the build stamps files with them
LATEST_DATE = dt.date(2100, 12, 31)

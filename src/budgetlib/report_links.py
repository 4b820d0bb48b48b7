"""Where each report lies in the reports folder, and the relative links between reports and sources.

One place for link-making: a nämnd report at ``region-varmland/hsn-2025.html``
links a figure to ``../kallor/003_x.html#L48`` and to ``../avstamning.html``.
Every link is relative (no scheme, no host), computed from the page's own
location, so the folder can be moved, zipped or opened from a file share.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from budgetlib.report.names import organisation_folder, slug
from budgetlib.report.source_view import SourceNameError, source_link

INDEX_PAGE = PurePosixPath("index.html")
RECONCILIATION_PAGE = PurePosixPath("avstamning.html")
COMPARISON_PAGE = PurePosixPath("jamforelse.html")
_ROOT = Path("rapporter")  # any folder: links are computed between pages inside it


def namnd_page(region: str, namnd: str, year: int) -> PurePosixPath:
    """``region-varmland/hsn-2025.html``: a nämnd report's place in the reports folder."""
    return PurePosixPath(organisation_folder(region), f"{slug(namnd)}-{year}.html")


@dataclass(frozen=True)
class Links:
    """Relative links from the report at ``page`` (a path inside the reports folder)."""

    page: PurePosixPath

    def source(self, source_file: str, line: int) -> str:
        """The link to ``line`` of the source text's view; empty if the file name cannot have a view."""
        try:
            return source_link(_ROOT / self.page, source_file, int(line), _ROOT)
        except (SourceNameError, ValueError):
            return ""

    def report(self, target: PurePosixPath) -> str:
        """The link to another report page, e.g. ``../avstamning.html``."""
        here = posixpath.dirname(self.page.as_posix()) or "."
        return quote(posixpath.relpath(target.as_posix(), start=here))


def namnd_links(region: str, namnd: str, year: int) -> Links:
    """Links from the nämnd report of (region, nämnd, year)."""
    return Links(namnd_page(region, namnd, year))

"""Where each report lies in the reports folder, and the relative links between reports and sources.

One place for link-making: a nämnd report at ``region-varmland/hsn-2025.html``
links a figure to ``../kallor/003_x.html#L48`` and to ``../avstamning.html``.
Every link is relative (no scheme, no host), computed from the page's own
location, so the folder can be moved, zipped or opened from a file share.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import quote

from budgetlib.report.names import organisation_folder, slug
from budgetlib.report.source_view import SourceNameError, source_link

INDEX_PAGE = PurePosixPath("index.html")
RECONCILIATION_PAGE = PurePosixPath("avstamning.html")
COMPARISON_PAGE = PurePosixPath("jamforelse.html")
# the id nbconvert gives the nämnd report's heading "## Avstämning", where it lists every check
NAMND_RECONCILIATION_ANCHOR = "#" + quote("Avstämning")
_Value = TypeVar("_Value")
_ROOT = Path("rapporter")  # any folder: links are computed between pages inside it


def namnd_page(region: str, namnd: str, year: int) -> PurePosixPath:
    """``region-varmland/hsn-2025.html``: a nämnd report's place in the reports folder."""
    return PurePosixPath(organisation_folder(region), f"{slug(namnd)}-{year}.html")


def selection_page(
    page: PurePosixPath, region: str | None, namnd: str | None, year: int | None
) -> PurePosixPath:
    """Where a build writes the reconciliation or comparison of its selection: ``page`` itself
    (``avstamning.html``) for all the data, else e.g. ``avstamning-region-varmland-hsn.html``.

    A build of several organisations writes one reconciliation and one comparison
    page per organisation, this page of the organisation's selection; the organisation
    is named as its report folder is, so two organisations never share one.
    """
    chosen = [organisation_folder(region)] if region else []
    chosen += [slug(str(part)) for part in (namnd, year) if part]
    return page.with_stem("-".join([page.stem, *chosen])) if chosen else page


@dataclass(frozen=True)
class Links:
    """Relative links from the report at ``page`` (a path inside the reports folder).

    ``reconciliation`` and ``comparison`` are the pages of the build's selection
    that the report links to (for all the data: ``avstamning.html``, ``jamforelse.html``);
    ``reconciliation_of`` and ``comparison_of`` name the organisation whose own
    page ``reconciliation`` or ``comparison`` is, where the report links to that instead.
    """

    page: PurePosixPath
    reconciliation: PurePosixPath = RECONCILIATION_PAGE
    comparison: PurePosixPath = COMPARISON_PAGE
    reconciliation_of: str = ""
    comparison_of: str = ""

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


def namnd_links(
    region: str,
    namnd: str,
    year: int,
    reconciliation: PurePosixPath = RECONCILIATION_PAGE,
    comparison: PurePosixPath = COMPARISON_PAGE,
) -> Links:
    """Links from the nämnd report of (region, nämnd, year) to the build's other pages; a
    reconciliation or comparison page of the report's own organisation is named as such."""

    def own(page: PurePosixPath, target: PurePosixPath) -> str:
        pages = {selection_page(page, region, n, y) for n in (None, namnd) for y in (None, year)}
        return region if target in pages else ""

    return Links(
        namnd_page(region, namnd, year),
        reconciliation,
        comparison,
        own(RECONCILIATION_PAGE, reconciliation),
        own(COMPARISON_PAGE, comparison),
    )


def selection_links(
    page: PurePosixPath,
    region: str | None,
    namnd: str | None,
    year: int | None,
    reconciliation: str = "",
    comparison: str = "",
) -> Links:
    """Links from the reconciliation or comparison (``page``) of a build's selection to its pages.

    An organisation's page in a build of several links to that build's
    ``reconciliation`` (the overview) and ``comparison`` pages instead; a
    ``comparison`` that is the organisation's own page is named as such.
    """
    own_comparison = selection_page(COMPARISON_PAGE, region, namnd, year)
    return Links(
        selection_page(page, region, namnd, year),
        _given(reconciliation) or selection_page(RECONCILIATION_PAGE, region, namnd, year),
        _given(comparison) or own_comparison,
        comparison_of=region if region and _given(comparison) == own_comparison else "",
    )


def _given(page: str) -> PurePosixPath | None:
    return PurePosixPath(page) if page else None


def _sole(values: Sequence[_Value]) -> _Value | None:
    return values[0] if len(values) == 1 else None


def comparison_links(
    regions: Sequence[str],
    namnder: Sequence[str],
    years: Sequence[int],
    reconciliation: str = "",
    comparison: str = "",
) -> Links:
    """Links from the comparison of a build's selection (one region, nämnd or year at most each;
    several of one kind are no build's selection and link to the pages of all the data).

    An organisation's page in a build of several links to the organisation's
    ``reconciliation`` page and to that build's ``comparison`` (the overview)
    instead; a reconciliation page of the organisation alone is named as such.
    """
    if max(len(regions), len(namnder), len(years)) > 1:
        return Links(COMPARISON_PAGE)
    region, namnd, year = _sole(regions), _sole(namnder), _sole(years)
    links = selection_links(COMPARISON_PAGE, region, namnd, year, reconciliation, comparison)
    if region is None or links.reconciliation != selection_page(RECONCILIATION_PAGE, region, namnd, year):
        return links
    return replace(links, reconciliation_of=region)


def organisation_comparison(region: str, namnder: Sequence[str], years: Sequence[int]) -> PurePosixPath:
    """The comparison page of one organisation in a build of several (of these nämnder and years):
    the page a build of that organisation alone writes."""
    return selection_page(COMPARISON_PAGE, region, _sole(namnder), _sole(years))

"""Which reports to build, where they go, and a fingerprint of everything each one reads.

A report's fingerprint (digests: :mod:`budgetlib.report.fingerprint`) covers
its notebook's cells (their sources, not the outputs stored with them), the
library's code and data files, the versions of the packages that compute
and render it, its parameters (not the data folder's path: a moved checkout
rebuilds nothing) and exactly the data it shows (its documents' rows, source
texts and reconciliation findings), so a changed figure rebuilds only the
reports that use it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path, PurePosixPath

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset, SelectionError
from budgetlib.findings import Finding, Findings
from budgetlib.locations import default_reports_dir, notebooks_dir
from budgetlib.reconciliation import reconcile
from budgetlib.report.fingerprint import digest, library_digest, notebook_digest
from budgetlib.report.names import check_unique, organisation_folder, slug
from budgetlib.report.parameters import check_parameters, declared_parameters
from budgetlib.report.prepared import PREPARED  # given at run time to notebooks that declare it
from budgetlib.report_links import COMPARISON_PAGE, RECONCILIATION_PAGE, namnd_page, selection_page
from budgetlib.row_digests import RowDigests

NOTEBOOKS_DIR = notebooks_dir()
REPORTS_DIR = default_reports_dir()  # at import; the command line asks again when it runs
NAMND_NOTEBOOK = "namnd.ipynb"
RECONCILIATION_NOTEBOOK = "reconciliation.ipynb"
OVERVIEW_NOTEBOOK = "reconciliation_overview.ipynb"  # several organisations: counts, a link to each
COMPARISON_NOTEBOOK = "comparison.ipynb"
ALL = "Alla regioner"
MACHINE_PARAMETERS = ("data_dir", PREPARED)  # where this machine keeps things: not what a report shows

Parameters = dict[str, str | int | list[str] | list[int]]
Scope = tuple[str | None, str | None, int | None]  # the (region, nämnd, year) a report shows; None: all


@dataclass(frozen=True)
class Job:
    """One report: a notebook run with parameters, written as HTML and as an executed notebook."""

    key: str
    title: str
    group: str
    notebook: Path
    parameters: Parameters
    html: Path
    ipynb: Path
    fingerprint: str
    scope: Scope


def held_scopes(dataset: Dataset) -> Callable[[Scope], bool]:
    """Whether the data still holds documents for a report's (region, nämnd, year); None matches any.

    The data's combinations are found when first asked for: a build asks only
    about reports it did not plan, which are usually none.
    """

    @cache
    def held() -> set[Scope]:
        columns = [c.REGION, c.NAMND, c.BUDGET_YEAR]
        return {(r, n, int(y)) for r, n, y in dataset.combinations()[columns].itertuples(index=False)}

    def holds(scope: Scope) -> bool:
        return scope in held() or any(
            all(wanted is None or wanted == value for wanted, value in zip(scope, combination, strict=True))
            for combination in held()
        )

    return holds


class _FindingsByDocument:
    """The findings that involve any of some documents, in check order, each hashed once a plan.

    A finding's hash (pandas' ``hash_pandas_object``, 64 bits over every field,
    as :class:`~budgetlib.row_digests.RowDigests` hashes the data's rows) stands
    for the finding; fields that are neither text nor numbers (ids, kinds of
    check, statuses) count as their ``str``, which shows them exactly.
    """

    def __init__(self, findings: Findings) -> None:
        columns = {f.name: [getattr(finding, f.name) for finding in findings] for f in fields(Finding)}
        self.hashes = pd.util.hash_pandas_object(pd.DataFrame(columns), index=False).to_numpy()
        self.positions: dict[str, list[int]] = {}
        for position, finding in enumerate(findings.items):
            for document in dict.fromkeys(finding.doc_ids):
                self.positions.setdefault(document, []).append(position)

    def digest(self, documents: Iterable[str]) -> str:
        """Every field of every finding involving ``documents``, in order."""
        chosen = sorted({position for document in documents for position in self.positions.get(document, [])})
        return digest(self.hashes[chosen].tobytes())


def _job(
    key: str,
    title: str,
    group: str,
    notebook: Path,
    parameters: Parameters,
    scope: Scope,
    reports: Path,
    *content: str,
) -> Job:
    if PREPARED in declared_parameters(notebook):
        parameters = parameters | {PREPARED: ""}
    check_parameters(notebook, parameters)
    shown = {name: value for name, value in parameters.items() if name not in MACHINE_PARAMETERS}
    fingerprint = digest(
        library_digest(), notebook_digest(notebook), json.dumps(shown, sort_keys=True), *content
    )
    return Job(
        key,
        title,
        group,
        notebook,
        parameters,
        reports / f"{key}.html",
        reports / f"{key}.ipynb",
        fingerprint,
        scope,
    )


def _union(kept: Iterable[dict[str, list[int]]]) -> dict[str, list[int]]:
    """The rows any of several reports keep, in frame order."""
    merged: dict[str, set[int]] = {}
    for rows in kept:
        for name, positions in rows.items():
            merged.setdefault(name, set()).update(positions)
    return {name: sorted(positions) for name, positions in merged.items()}


def plan(
    dataset: Dataset,
    region: str | None = None,
    namnd: str | None = None,
    year: int | None = None,
    reports: Path = REPORTS_DIR,
    notebooks: Path = NOTEBOOKS_DIR,
    findings: Findings | None = None,
) -> list[Job]:
    """A report per selected (region, nämnd, year), then the selection's reconciliation and comparison.

    A selection of several organisations gets a reconciliation overview, a
    comparison across them without the charts per nämnd-year, and for each
    organisation a reconciliation page and a comparison page (the pages a
    build of that organisation alone writes), each its own report, so a
    changed figure rebuilds its organisation's pages and the two overviews,
    not every check and chart.
    ``findings`` are the dataset's, if already reconciled. Raises
    :class:`ReportPathError` if two regions or two nämnder in the data would
    share a file name, whatever the selection.
    """
    each_rows = dataset.each_rows()  # by every (region, nämnd, year) the data holds, in order
    check_unique("Organisationerna", (r for r, _, _ in each_rows), organisation_folder)
    check_unique("Nämnderna", (n for _, n, _ in each_rows))
    everything = region is None and namnd is None and year is None
    combinations = list(each_rows)  # selecting nothing keeps every document
    if not everything:
        selected = dataset.select(region, namnd, year).combinations()  # none if no documents
        combinations = [
            (str(r), str(n), int(y))
            for r, n, y in selected[[c.REGION, c.NAMND, c.BUDGET_YEAR]].itertuples(index=False)
        ]
    if not combinations:
        chosen = ", ".join(str(p) for p in (region, namnd, year) if p is not None)
        raise SelectionError(f"datan har inga dokument för {chosen}; se 'budgetlib list'")
    findings = reconcile(dataset) if findings is None else findings
    data_dir = str(dataset.data_dir.resolve())  # kernels run in a folder of their own
    content = RowDigests(dataset)
    by_document = _FindingsByDocument(findings)
    doc_ids = dataset.documents[c.DOC_ID].tolist()
    table_ids = dataset.tables[c.TABLE_ID].tolist()
    committees = dataset.committees.to_csv(index=False)
    table_sizes = dataset.figures[c.TABLE_ID].value_counts().to_dict()  # tables shown in part are marked
    organisations = sorted({organisation for organisation, _, _ in combinations})
    split = region is None  # an overview, then a page per organisation

    def own_page(organisation: str, page: PurePosixPath = RECONCILIATION_PAGE) -> str:
        return selection_page(page, organisation if split else region, namnd, year).as_posix()

    build_reconciliation = selection_page(RECONCILIATION_PAGE, region, namnd, year).as_posix()
    build_comparison = selection_page(COMPARISON_PAGE, region, namnd, year).as_posix()
    jobs = []
    for organisation, committee, budget_year in combinations:
        kept = each_rows[(organisation, committee, budget_year)]
        parameters: Parameters = {
            "region": organisation,
            "namnd": committee,
            "year": budget_year,
            "data_dir": data_dir,
            "reconciliation_page": own_page(organisation),
            "comparison_page": own_page(organisation, COMPARISON_PAGE),
        }
        key = namnd_page(organisation, committee, budget_year).with_suffix("").as_posix()
        title = f"{committee} {budget_year} – {organisation}"
        tables = sorted(table_ids[p] for p in kept["tables"])
        sizes = json.dumps({str(t): int(table_sizes.get(t, 0)) for t in tables})
        shown = (
            content.digest(kept),
            by_document.digest(doc_ids[p] for p in kept["documents"]),
            committees,
            sizes,
        )
        scope = (organisation, committee, budget_year)
        jobs.append(
            _job(key, title, organisation, notebooks / NAMND_NOTEBOOK, parameters, scope, reports, *shown)
        )
    chosen = "-".join(slug(str(p)) for p in (region, namnd, year) if p is not None)

    def selection_content(organisation: str | None) -> tuple[str, str]:
        kept = _union(each_rows[key] for key in combinations if organisation in (None, key[0]))
        return content.digest(kept), by_document.digest(doc_ids[p] for p in kept["documents"])

    whole = selection_content(None)
    reconciliation: Parameters = {
        "region": region or "",
        "namnd": namnd or "",
        "year": year or 0,
        "reconciliation_page": "",
        "comparison_page": "",
        "checks_in_namnd_reports": False,  # True: counts per document, not every check
    }
    overview: Parameters = {"namnd": namnd or "", "year": year or 0}
    comparison: Parameters = {
        "regions": [region] if region else [],
        "namnder": [namnd] if namnd else [],
        "years": [year] if year else [],
        "reconciliation_page": "",
        "comparison_page": "",
        "organisation_pages": split,
    }
    selection_wide = [
        (RECONCILIATION_PAGE, "Avstämning", OVERVIEW_NOTEBOOK, overview)
        if split
        else (RECONCILIATION_PAGE, "Avstämning", RECONCILIATION_NOTEBOOK, reconciliation),
        (COMPARISON_PAGE, "Jämförelse", COMPARISON_NOTEBOOK, comparison),
    ]
    for page, title, notebook, parameters in selection_wide:
        jobs.append(
            _job(
                selection_page(page, region, namnd, year).with_suffix("").as_posix(),
                title if everything else f"{title} – {chosen}",
                ALL,
                notebooks / notebook,
                parameters | {"data_dir": data_dir},
                (region, namnd, year),
                reports,
                *whole,
            )
        )
    for organisation in organisations if split else []:
        own_content = selection_content(organisation)
        named = ", ".join(str(p) for p in (organisation, namnd, year) if p)
        links = {"reconciliation_page": build_reconciliation, "comparison_page": build_comparison}
        own_pages = [
            (
                RECONCILIATION_PAGE,
                "Avstämning",
                RECONCILIATION_NOTEBOOK,
                reconciliation
                | links
                | {
                    "region": organisation,
                    "comparison_page": own_page(organisation, COMPARISON_PAGE),
                    "checks_in_namnd_reports": True,
                },
            ),
            (
                COMPARISON_PAGE,
                "Jämförelse",
                COMPARISON_NOTEBOOK,
                comparison
                | links
                | {
                    "regions": [organisation],
                    "reconciliation_page": own_page(organisation),
                    "organisation_pages": False,
                },
            ),
        ]
        for page, title, notebook, parameters in own_pages:
            jobs.append(
                _job(
                    own_page(organisation, page).removesuffix(".html"),
                    f"{title} – {named}",
                    organisation,
                    notebooks / notebook,
                    parameters | {"data_dir": data_dir},
                    (organisation, namnd, year),
                    reports,
                    *own_content,
                )
            )
    return jobs

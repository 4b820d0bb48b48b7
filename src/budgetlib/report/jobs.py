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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset, SelectionError
from budgetlib.findings import Finding, Findings
from budgetlib.loading import SOURCES_DIR
from budgetlib.locations import default_reports_dir, notebooks_dir
from budgetlib.reconciliation import reconcile
from budgetlib.report.fingerprint import digest, library_digest, notebook_digest
from budgetlib.report.names import check_unique, organisation_folder, slug
from budgetlib.report.parameters import check_parameters, declared_parameters
from budgetlib.report.prepared import PREPARED  # given at run time to notebooks that declare it
from budgetlib.report_links import COMPARISON_PAGE, RECONCILIATION_PAGE, namnd_page, selection_page

NOTEBOOKS_DIR = notebooks_dir()
REPORTS_DIR = default_reports_dir()  # at import; the command line asks again when it runs
NAMND_NOTEBOOK = "namnd.ipynb"
RECONCILIATION_NOTEBOOK = "reconciliation.ipynb"
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
    """Whether the data still holds documents for a report's (region, nämnd, year); None matches any."""
    columns = [c.REGION, c.NAMND, c.BUDGET_YEAR]
    held = {(r, n, int(y)) for r, n, y in dataset.combinations()[columns].itertuples(index=False)}

    def holds(scope: Scope) -> bool:
        return scope in held or any(
            all(wanted is None or wanted == value for wanted, value in zip(scope, combination, strict=True))
            for combination in held
        )

    return holds


def _dataset_digest(dataset: Dataset) -> str:
    frames = [
        getattr(dataset, f.name)
        for f in fields(dataset)
        if isinstance(getattr(dataset, f.name), pd.DataFrame)
    ]
    sources = dataset.data_dir / SOURCES_DIR
    texts = [(sources / name).read_bytes() for name in sorted(dataset.documents[c.SOURCE_FILE])]
    return digest(*(frame.to_csv(index=False) for frame in frames), *texts)


def _findings_digest(findings: Sequence[Finding]) -> str:
    """Every field of every finding, in order (a frozen dataclass's repr shows them all exactly)."""
    return digest(*(repr(finding) for finding in findings))


class _FindingsByDocument:
    """The findings that involve any of some documents, in check order, without scanning them all."""

    def __init__(self, findings: Findings) -> None:
        self.items = findings.items
        self.positions: dict[str, list[int]] = {}
        for position, finding in enumerate(findings.items):
            for document in dict.fromkeys(finding.doc_ids):
                self.positions.setdefault(document, []).append(position)

    def involving(self, documents: Iterable[str]) -> list[Finding]:
        chosen = {position for document in documents for position in self.positions.get(document, [])}
        return [self.items[position] for position in sorted(chosen)]


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

    ``findings`` are the dataset's, if already reconciled. Raises
    :class:`ReportPathError` if two regions or two nämnder in the data would
    share a file name, whatever the selection.
    """
    held = dataset.combinations()
    check_unique("Organisationerna", held[c.REGION], organisation_folder)
    check_unique("Nämnderna", held[c.NAMND])
    selected = dataset.select(region, namnd, year)
    if selected.documents.empty:
        chosen = ", ".join(str(p) for p in (region, namnd, year) if p is not None)
        raise SelectionError(f"datan har inga dokument för {chosen}; se 'budgetlib list'")
    findings = reconcile(dataset) if findings is None else findings
    data_dir = str(dataset.data_dir.resolve())  # kernels run in a folder of their own
    jobs = []
    each_one = dataset.each_one()
    by_document = _FindingsByDocument(findings)
    committees = dataset.committees.to_csv(index=False)
    table_sizes = dataset.figures[c.TABLE_ID].value_counts().to_dict()  # tables shown in part are marked
    for row in selected.combinations().to_dict("records"):
        one = each_one[(row[c.REGION], row[c.NAMND], int(row[c.BUDGET_YEAR]))]
        own_findings = _findings_digest(by_document.involving(one.documents[c.DOC_ID]))
        parameters: Parameters = {
            "region": row[c.REGION],
            "namnd": row[c.NAMND],
            "year": int(row[c.BUDGET_YEAR]),
            "data_dir": data_dir,
            "reconciliation_page": selection_page(RECONCILIATION_PAGE, region, namnd, year).as_posix(),
            "comparison_page": selection_page(COMPARISON_PAGE, region, namnd, year).as_posix(),
        }
        key = namnd_page(row[c.REGION], row[c.NAMND], int(row[c.BUDGET_YEAR])).with_suffix("").as_posix()
        title = f"{row[c.NAMND]} {row[c.BUDGET_YEAR]} – {row[c.REGION]}"
        sizes = json.dumps({str(t): int(table_sizes.get(t, 0)) for t in sorted(one.tables[c.TABLE_ID])})
        content = (_dataset_digest(one), own_findings, committees, sizes)
        shown = (row[c.REGION], row[c.NAMND], int(row[c.BUDGET_YEAR]))
        jobs.append(
            _job(key, title, row[c.REGION], notebooks / NAMND_NOTEBOOK, parameters, shown, reports, *content)
        )
    everything = region is None and namnd is None and year is None
    scope = "-".join(slug(str(p)) for p in (region, namnd, year) if p is not None)
    selection_content = (
        _dataset_digest(selected),
        _findings_digest(by_document.involving(selected.documents[c.DOC_ID])),
    )
    reconciliation: Parameters = {"region": region or "", "namnd": namnd or "", "year": year or 0}
    comparison: Parameters = {
        "regions": [region] if region else [],
        "namnder": [namnd] if namnd else [],
        "years": [year] if year else [],
    }
    selection_wide = [
        (RECONCILIATION_PAGE, "Avstämning", RECONCILIATION_NOTEBOOK, reconciliation),
        (COMPARISON_PAGE, "Jämförelse", COMPARISON_NOTEBOOK, comparison),
    ]
    for page, title, notebook, parameters in selection_wide:
        jobs.append(
            _job(
                selection_page(page, region, namnd, year).with_suffix("").as_posix(),
                title if everything else f"{title} – {scope}",
                ALL,
                notebooks / notebook,
                parameters | {"data_dir": data_dir},
                (region, namnd, year),
                reports,
                *selection_content,
            )
        )
    return jobs

"""The first screen of a nämnd report: what a committee, an auditor or a journalist must see first.

Organisation, nämnd, year and documents (case number, date, stage); the
frame and its change; the largest itemised changes up and down; the
documents' own conclusions; and every figure that does not add up, with the
lines it stands on.
"""

from __future__ import annotations

from dataclasses import dataclass

from budgetlib import analysis
from budgetlib import columns as c
from budgetlib.analysis import Change, DocumentStatus, Frame, FrameChange, Result
from budgetlib.dataset import Dataset
from budgetlib.findings import Finding, Findings, Status

Places = tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class Conclusion:
    """What a document itself concludes, as printed, and where."""

    doc_id: str
    text: str
    source_file: str
    line: int
    line_end: int


@dataclass(frozen=True)
class Discrepancy:
    """A check that fails: the relation in words, why, and the source lines of the figures involved."""

    status: Status
    relation: str
    message: str
    places: Places


@dataclass(frozen=True)
class NamndSummary(FrameChange):
    organisation: str
    committee: str
    namnd: str
    year: int
    documents: tuple[DocumentStatus, ...]
    frame: Frame | None
    previous: Frame | None
    stated_changes: tuple[Frame, ...]
    increase: Change | None
    decrease: Change | None
    results: tuple[Result, ...]  # where a bridge ends in a result for the year (årets resultat)
    conclusions: tuple[Conclusion, ...]
    discrepancies: tuple[Discrepancy, ...]


def places(finding: Finding) -> Places:
    """``(("003_x.txt", (39, 42, 48)),)`` from a finding's provenance ``003_x.txt:39, 42, 48``."""
    found = []
    for part in finding.provenance.split("; "):
        name, _, lines = part.rpartition(":")
        numbers = tuple(int(n) for n in lines.split(", ") if n.strip().isdigit())
        if name and numbers:
            found.append((name, numbers))
    return tuple(found)


def discrepancies(findings: Findings) -> tuple[Discrepancy, ...]:
    return tuple(Discrepancy(f.status, f.relation, f.message, places(f)) for f in findings.failing)


def conclusions(dataset: Dataset) -> tuple[Conclusion, ...]:
    """The documents' own conclusions, in document order."""
    rows = dataset.conclusions.sort_values([c.DOC_ID, c.LINE], kind="stable")
    return tuple(
        Conclusion(
            str(r[c.DOC_ID]), str(r[c.CONCLUSION]), str(r[c.SOURCE_FILE]), int(r[c.LINE]), int(r[c.LINE_END])
        )
        for r in rows.to_dict("records")
    )


def namnd_summary(
    dataset: Dataset, findings: Findings, organisation: str, committee: str, namnd: str, year: int
) -> NamndSummary:
    """The summary of one (region, nämnd, year): ``dataset`` is that selection, ``findings`` its checks."""
    documents = analysis.document_statuses(dataset)
    increase, decrease = analysis.largest_changes(dataset)
    return NamndSummary(
        organisation=organisation,
        committee=committee,
        namnd=namnd,
        year=year,
        documents=documents,
        frame=analysis.frame_for(dataset, year),
        previous=analysis.frame_for(dataset, year - 1),
        stated_changes=tuple(analysis.stated_frame_changes(dataset, year)),
        increase=increase,
        decrease=decrease,
        results=tuple(analysis.results(dataset, year)),
        conclusions=conclusions(dataset),
        discrepancies=discrepancies(findings),
    )

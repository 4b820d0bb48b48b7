"""Assignments (uppdrag) from fullmäktige: who they are directed to, status, end date and progress."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset

DONE = "Klar"


@dataclass(frozen=True)
class Assignment:
    """One assignment as a document reports it.

    ``status_assumed`` is true where one line gives the status of several
    assignments at once (``status_line``), such as "Arbetet med nämndens
    uppdrag från fullmäktige pågår": the document does not say it of each.
    """

    doc_id: str
    text: str
    status: str
    status_text: str
    status_line: int
    status_assumed: bool
    directed_to: str
    frequency: str
    end_date: pd.Timestamp | None
    overdue: bool
    progress: str
    source_file: str
    line: int
    line_end: int


def assignments(dataset: Dataset, year: int) -> tuple[Assignment, ...]:
    """Every assignment in printed order; ``overdue`` where the end date passed before ``year`` began
    and the assignment is not done."""
    start = pd.Timestamp(year=year, month=1, day=1)
    rows = dataset.assignments.sort_values([c.DOC_ID, c.LINE], kind="stable")
    shared = rows.duplicated([c.DOC_ID, c.STATUS_LINE], keep=False)
    found = []
    for row, assumed in zip(rows.to_dict("records"), shared, strict=True):
        end = None if pd.isna(row[c.END_DATE]) else pd.Timestamp(row[c.END_DATE])
        found.append(
            Assignment(
                doc_id=str(row[c.DOC_ID]),
                text=str(row[c.ASSIGNMENT]),
                status=str(row[c.STATUS]),
                status_text=str(row[c.STATUS_TEXT]),
                status_line=int(row[c.STATUS_LINE]),
                status_assumed=bool(assumed),
                directed_to=str(row[c.DIRECTED_TO]),
                frequency=str(row[c.FREQUENCY]),
                end_date=end,
                overdue=end is not None and end < start and row[c.STATUS] != DONE,
                progress=str(row[c.PROGRESS]),
                source_file=str(row[c.SOURCE_FILE]),
                line=int(row[c.LINE]),
                line_end=int(row[c.LINE_END]),
            )
        )
    return tuple(found)


def shared_status_documents(dataset: Dataset) -> list[str]:
    """Documents that give one status line for several assignments instead of one each."""
    rows = dataset.assignments
    shared = rows[rows.duplicated([c.DOC_ID, c.STATUS_LINE], keep=False)]
    return sorted(str(doc) for doc in set(shared[c.DOC_ID]))

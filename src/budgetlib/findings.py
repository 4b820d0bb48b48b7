"""Results of the reconciliation: one frozen finding per check, rendered separately."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from enum import Enum

import pandas as pd


class Status(Enum):
    """How a stated figure compares with what the other figures give."""

    EXACT = "exact"
    ROUNDING = "rounding"  # within the tolerance implied by the printed precision
    MISMATCH = "mismatch"
    UNIT_SLIP = "unit_slip"  # agrees only after a factor 10^±3 or 10^±6
    RESIDUAL = "residual"  # named parts cover only part of a total
    EXPLAINED = "explained"  # the remainder of a total is a figure the document names
    REVISED = "revised"  # a later document restates the figure, as it declares
    NOT_CHECKABLE = "not_checkable"


DECLARED_STATUSES = (Status.EXPLAINED, Status.REVISED)  # only where the data declares such a relation
STATUS_LABELS = {
    Status.EXACT: "exakt",
    Status.ROUNDING: "avrundning",
    Status.MISMATCH: "avvikelse",
    Status.UNIT_SLIP: "enhetsfel",
    Status.RESIDUAL: "restpost",
    Status.EXPLAINED: "förklarad restpost",
    Status.REVISED: "reviderad",
    Status.NOT_CHECKABLE: "ej kontrollerbar",
}
FAILING = (Status.MISMATCH, Status.UNIT_SLIP)


class Check(Enum):
    """What kind of relation was tested."""

    SUM = "sum"
    BRIDGE = "bridge"
    ROW_ARITHMETIC = "row_arithmetic"
    PERCENT = "percent"
    EQUALS = "equals"
    RESIDUAL = "residual"
    REPEATED = "repeated"  # one quantity printed twice in one document
    REVISION = "revision"  # a figure restated in a later phase
    PER_INHABITANT = "per_inhabitant"
    CROSS_DOCUMENT = "cross_document"
    UNLINKED = "unlinked"  # a figure no relation in the data tests


CHECK_LABELS = {
    Check.SUM: "summa",
    Check.BRIDGE: "brygga",
    Check.ROW_ARITHMETIC: "radberäkning",
    Check.PERCENT: "procent",
    Check.EQUALS: "samma uppgift",
    Check.RESIDUAL: "restpost",
    Check.REPEATED: "upprepad uppgift",
    Check.REVISION: "revidering",
    Check.PER_INHABITANT: "per invånare",
    Check.CROSS_DOCUMENT: "mellan dokument",
    Check.UNLINKED: "fristående uppgift",
}


@dataclass(frozen=True)
class Finding:
    """One check: the relation in words, stated vs computed, and where the figures stand.

    ``expected`` is the figure the document states, ``actual`` what the other
    figures give, ``difference = actual - expected``; all in ``unit``. For a
    revision ``expected`` is the earlier figure and ``actual`` the later one,
    so ``difference`` is the size of the revision.
    ``figure_ids`` starts with the stated figure, then the figures it is tested against.
    """

    doc_ids: tuple[str, ...]
    subject: str
    check: Check
    relation: str
    expected: float
    actual: float
    difference: float
    tolerance: float
    unit: str
    status: Status
    message: str
    figure_ids: tuple[str, ...]
    provenance: str


FINDING_COLUMNS = [
    "doc_ids",
    "subject",
    "check",
    "relation",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "unit",
    "status",
    "message",
    "figure_ids",
    "provenance",
]


@dataclass(frozen=True)
class Findings:
    """All findings, in the order the checks ran (document, then table, then row)."""

    items: tuple[Finding, ...]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_frame(self) -> pd.DataFrame:
        """One row per finding; ids joined as ``"001, 004"`` for CSV and spreadsheets."""
        rows = [
            asdict(f)
            | {
                "check": f.check.value,
                "status": f.status.value,
                "doc_ids": ", ".join(f.doc_ids),
                "figure_ids": ", ".join(f.figure_ids),
            }
            for f in self.items
        ]
        return pd.DataFrame(rows, columns=FINDING_COLUMNS)

    def involving(self, doc_ids: Iterable[str]) -> Findings:
        """Findings that involve at least one of these documents."""
        wanted = set(doc_ids)
        return Findings(tuple(f for f in self.items if wanted.intersection(f.doc_ids)))

    def involving_figures(self, figure_ids: Iterable[str]) -> Findings:
        """Findings that involve at least one of these figures: a nämnd's own checks in a shared document."""
        wanted = set(figure_ids)
        return Findings(tuple(f for f in self.items if wanted.intersection(f.figure_ids)))

    @property
    def failing(self) -> Findings:
        """Mismatches and unit slips: the findings that make ``budgetlib check`` exit 1."""
        return Findings(tuple(f for f in self.items if f.status in FAILING))

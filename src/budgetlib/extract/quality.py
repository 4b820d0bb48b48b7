"""Measured extraction quality: recall and precision against hand-keyed figures.

*Recall*: the share of hand-keyed figures the draft has with the right value
(sign included), unit and line. *Precision*: the share of drafted figures that
are right. Both are counted separately for amount-table cells and figures
stated in running text (recall by how the figure was keyed, precision by how
it was drafted).

Two sources of truth: a hand-keyed data folder (every document in it is
drafted from its own source text), and answer keys (``NAME.key.csv`` beside
``NAME.txt|.pdf|.docx``; columns label, value_text, unit, sign, kind, page,
line). In answer keys, lines count as a person counts them on the page: every
line of a text file; the lines with text on each PDF page; the non-empty
paragraphs and table rows of a DOCX.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.extract.draft import Draft
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.identity import Options
from budgetlib.extract.pipeline import draft_document
from budgetlib.extract.reading import SourceKind, SourceText
from budgetlib.extract.review import (
    Anchor,
    Comparison,
    KeyedFigure,
    compare_figures,
    dataset_figures,
    draft_figures,
)
from budgetlib.loading import SOURCES_DIR

KEY_SUFFIX = ".key.csv"
DOCUMENT_SUFFIXES = (".txt", ".pdf", ".docx")


@dataclass(frozen=True)
class AssignmentCount:
    """Assignments keyed by hand, drafted, and drafted right (text, status, end date and lines)."""

    keyed: int = 0
    drafted: int = 0
    right: int = 0


@dataclass(frozen=True)
class DocumentQuality:
    name: str
    comparison: Comparison
    error: str = ""  # why no draft could be made (then nothing counts as found)
    assignments: AssignmentCount = AssignmentCount()


@dataclass(frozen=True)
class QualityReport:
    documents: tuple[DocumentQuality, ...]

    @property
    def combined(self) -> Comparison:
        return Comparison(tuple(m for d in self.documents for m in d.comparison.matches))

    @property
    def assignments(self) -> AssignmentCount:
        counts = [d.assignments for d in self.documents]
        return AssignmentCount(*(sum(getattr(a, f) for a in counts) for f in ("keyed", "drafted", "right")))

    def recall(self, kind: str) -> float:
        return self.combined.recall(kind)

    def precision(self, kind: str) -> float:
        return self.combined.precision(kind)


def anchor_function(source: SourceText) -> Callable[[int], Anchor]:
    """Line number in the source text → the line as a person counts it (see module docstring)."""
    if source.kind is SourceKind.TEXT:
        return lambda line: (0, line)
    counted: dict[int, Anchor] = {}
    per_page: dict[int, int] = {}
    for line in source.lines:
        if not line.text.strip():
            continue
        page = line.page or 0
        per_page[page] = per_page.get(page, 0) + 1
        counted[line.number] = (page, per_page[page])
    return lambda line: counted.get(line, (-1, line))


def read_answer_key(path: Path) -> list[KeyedFigure]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [
            KeyedFigure(
                row["kind"],
                row["label"],
                row["value_text"],
                int(row["sign"]),
                row["unit"],
                (int(row["page"]) if row["page"] else 0, int(row["line"])),
            )
            for row in csv.DictReader(stream)
        ]


def _document_for(key: Path) -> Path:
    stem = key.name.removesuffix(KEY_SUFFIX)
    for suffix in DOCUMENT_SUFFIXES:
        candidate = key.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no document beside {key}")


def _attempt(path: Path, options: Options, doc_id: str | None) -> Draft | str:
    try:
        return draft_document(path, options, doc_id)
    except ExtractionError as error:
        return str(error)


def measure_answer_keys(folder: Path, options: Options | None = None) -> QualityReport:
    """Draft every document that has an answer key in ``folder`` and compare."""
    documents = []
    for key in sorted(folder.glob(f"*{KEY_SUFFIX}")):
        path = _document_for(key)
        keyed = read_answer_key(key)
        draft = _attempt(path, options or Options(), None)
        if isinstance(draft, str):
            documents.append(DocumentQuality(path.name, compare_figures(keyed, []), draft))
            continue
        drafted = draft_figures(draft, anchor_function(draft.source))
        documents.append(DocumentQuality(path.name, compare_figures(keyed, drafted)))
    return QualityReport(tuple(documents))


def measure_dataset(dataset: Dataset) -> QualityReport:
    """Draft every document of a hand-keyed dataset from its source, with its register row as options."""
    documents = []
    for doc in dataset.documents.to_dict("records"):
        path = dataset.data_dir / SOURCES_DIR / str(doc[c.SOURCE_FILE])
        options = Options(str(doc[c.ORG_CODE]), str(doc[c.NAMND]), int(doc[c.BUDGET_YEAR]))
        keyed = dataset_figures(dataset, str(doc[c.DOC_ID]))
        draft = _attempt(path, options, str(doc[c.DOC_ID]))
        if isinstance(draft, str):
            documents.append(DocumentQuality(path.name, compare_figures(keyed, []), draft))
            continue
        assignments = _assignment_count(dataset, str(doc[c.DOC_ID]), draft)
        documents.append(
            DocumentQuality(path.name, compare_figures(keyed, draft_figures(draft)), "", assignments)
        )
    return QualityReport(tuple(documents))


def _assignment_count(dataset: Dataset, doc_id: str, draft: Draft) -> AssignmentCount:
    rows = dataset.assignments[dataset.assignments[c.DOC_ID] == doc_id]
    keyed = {
        (
            " ".join(str(text).split()),
            str(status),
            "" if pd.isna(date) else date.strftime("%Y-%m-%d"),
            int(first),
            int(last),
        )
        for text, status, date, first, last in zip(
            rows[c.ASSIGNMENT], rows[c.STATUS], rows[c.END_DATE], rows[c.LINE], rows[c.LINE_END], strict=True
        )
    }
    drafted = {(a.text, a.status, a.end_date, a.line, a.line_end) for a in draft.assignments}
    return AssignmentCount(len(rows), len(draft.assignments), len(keyed & drafted))

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
INDICATOR_KEY_SUFFIX = ".indicators.csv"  # beside an answer key: the document's indicators, keyed by hand
INDICATOR_FIELDS = ("unit", "desired_direction", "frequency")
DOCUMENT_SUFFIXES = (".txt", ".pdf", ".docx")


@dataclass(frozen=True)
class AssignmentCount:
    """Assignments keyed by hand, drafted, and drafted right (text, status, end date and lines)."""

    keyed: int = 0
    drafted: int = 0
    right: int = 0


@dataclass(frozen=True)
class KeyedIndicator:
    """What an indicator is judged by: name, outcome and target with their years, and where it stands;
    ``details`` (unit, desired direction, frequency) only count as agreement."""

    text: str
    outcome: tuple[int, str]
    target: tuple[int, str]
    anchor: Anchor
    details: tuple[str, ...]

    @property
    def identity(self) -> tuple[object, ...]:
        return (" ".join(self.text.split()).rstrip(" ."), self.outcome, self.target, self.anchor)


@dataclass(frozen=True)
class IndicatorCount:
    """Indicators keyed by hand, drafted, drafted right, and agreeing in unit, direction and frequency."""

    keyed: int = 0
    drafted: int = 0
    right: int = 0
    agreeing: tuple[int, ...] = (0,) * len(INDICATOR_FIELDS)

    def __add__(self, other: IndicatorCount) -> IndicatorCount:
        return IndicatorCount(
            self.keyed + other.keyed,
            self.drafted + other.drafted,
            self.right + other.right,
            tuple(a + b for a, b in zip(self.agreeing, other.agreeing, strict=True)),
        )


def count_indicators(keyed: list[KeyedIndicator], drafted: list[KeyedIndicator]) -> IndicatorCount:
    by_identity = {k.identity: k for k in keyed}
    right = [(by_identity[d.identity], d) for d in drafted if d.identity in by_identity]
    agreeing = tuple(
        sum(k.details[i] == d.details[i] for k, d in right) for i in range(len(INDICATOR_FIELDS))
    )
    return IndicatorCount(len(keyed), len(drafted), len(right), agreeing)


@dataclass(frozen=True)
class DocumentQuality:
    name: str
    comparison: Comparison
    error: str = ""  # why no draft could be made (then nothing counts as found)
    assignments: AssignmentCount = AssignmentCount()
    indicators: IndicatorCount = IndicatorCount()


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

    @property
    def indicators(self) -> IndicatorCount:
        return sum((d.indicators for d in self.documents), IndicatorCount())

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


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def drafted_indicators(draft: Draft, anchor: Callable[[int], Anchor] | None = None) -> list[KeyedIndicator]:
    place = anchor or (lambda line: (0, line))
    return [
        KeyedIndicator(
            i.text,
            (i.outcome_year, i.outcome_text),
            (i.target_year, i.target_text),
            place(i.line),
            (i.unit, i.direction, i.frequency),
        )
        for i in draft.indicators
    ]


def read_indicator_key(path: Path) -> list[KeyedIndicator]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as stream:
        return [
            KeyedIndicator(
                row["indicator"],
                (int(row["outcome_year"]), row["outcome_text"]),
                (int(row["target_year"]), row["target_text"]),
                (int(row["page"]) if row["page"] else 0, int(row["line"])),
                tuple(row[f] for f in INDICATOR_FIELDS),
            )
            for row in csv.DictReader(stream)
        ]


def _dataset_indicators(dataset: Dataset, doc_id: str) -> list[KeyedIndicator]:
    rows = dataset.indicators[dataset.indicators[c.DOC_ID] == doc_id]
    return [
        KeyedIndicator(
            str(row[c.INDICATOR]),
            (int(row[c.OUTCOME_YEAR]), _text(row[c.OUTCOME_TEXT])),
            (int(row[c.TARGET_YEAR]), _text(row[c.TARGET_TEXT])),
            (0, int(row[c.LINE])),
            tuple(_text(row[f]) for f in (c.UNIT, c.DESIRED_DIRECTION, c.FREQUENCY)),
        )
        for row in rows.to_dict("records")
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
        keyed_indicators = read_indicator_key(
            key.with_name(key.name.removesuffix(KEY_SUFFIX) + INDICATOR_KEY_SUFFIX)
        )
        draft = _attempt(path, options or Options(), None)
        if isinstance(draft, str):
            documents.append(
                DocumentQuality(
                    path.name,
                    compare_figures(keyed, []),
                    draft,
                    indicators=count_indicators(keyed_indicators, []),
                )
            )
            continue
        anchor = anchor_function(draft.source)
        drafted = draft_figures(draft, anchor)
        indicators = count_indicators(keyed_indicators, drafted_indicators(draft, anchor))
        documents.append(DocumentQuality(path.name, compare_figures(keyed, drafted), indicators=indicators))
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
            indicators = count_indicators(_dataset_indicators(dataset, str(doc[c.DOC_ID])), [])
            documents.append(
                DocumentQuality(path.name, compare_figures(keyed, []), draft, indicators=indicators)
            )
            continue
        assignments = _assignment_count(dataset, str(doc[c.DOC_ID]), draft)
        indicators = count_indicators(
            _dataset_indicators(dataset, str(doc[c.DOC_ID])), drafted_indicators(draft)
        )
        documents.append(
            DocumentQuality(
                path.name, compare_figures(keyed, draft_figures(draft)), "", assignments, indicators
            )
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

"""Fidelity: does each row's text really stand on the cited lines of its source?

``check_provenance`` returns one row per mismatch (empty when every figure,
label, unit and name is found where the data says it is). Whitespace is folded
and case ignored for text; numbers must appear as a whole token.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.expressions import parse_terms
from budgetlib.loading import SOURCES_DIR, TABLE_SOURCE
from budgetlib.numbers import MINUS_SIGNS, THOUSANDS_SEPARATORS
from budgetlib.schema import MISSING_ANSWER

PROBLEM_COLUMNS = ["source_file", "record", "field", "lines", "expected", c.CSV_FILE, c.CSV_ROW]
WHOLE_FILE = 10**9  # a last line that means "anywhere in the file"
TITLE_RUNS_ON = 2  # a title printed across lines: its first line and up to two more


@dataclass(frozen=True)
class _Claim:
    """Text that row ``csv_row`` of ``csv_file`` says stands on lines first..last of a source file."""

    source_file: str
    record: str
    field: str
    text: str
    first: int
    last: int
    is_number: bool = False
    csv_file: str = ""
    csv_row: int = 0


@cache
def _source_lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def _fold(text: str) -> str:
    """Lower case without any whitespace: extraction breaks lines, even inside words."""
    return "".join(text.split()).lower()


def _number_pattern(value_text: str) -> re.Pattern[str]:
    sep = f"[{THOUSANDS_SEPARATORS}]"
    body = "".join(
        sep if ch in THOUSANDS_SEPARATORS else f"[{MINUS_SIGNS}]" if ch in MINUS_SIGNS else re.escape(ch)
        for ch in value_text.strip()
    )
    return re.compile(rf"(?<![\d,]){body}(?!\d|,\d)")


def _holds(claim: _Claim, lines: tuple[str, ...]) -> bool:
    span = " ".join(lines[claim.first - 1 : claim.last])
    if claim.is_number:
        return _number_pattern(claim.text).search(span) is not None
    return _fold(claim.text) in _fold(span)


Record = dict[str, Any]


def _records(frame: pd.DataFrame) -> list[Record]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


class _ClaimMaker(Protocol):
    def __call__(self, field: str, text: str, first: int, last: int, is_number: bool = False) -> _Claim: ...


def _claims_of(record: Record, record_id: str) -> _ClaimMaker:
    """Claims of one data row: its source file, id, and the data file and row it was read from."""
    return functools.partial(
        _Claim,
        str(record[c.SOURCE_FILE]),
        record_id,
        csv_file=str(record[c.CSV_FILE]),
        csv_row=int(record[c.CSV_ROW]),
    )


def _figure_claims(dataset: Dataset) -> Iterator[_Claim]:
    ranges = {t[c.TABLE_ID]: (t[c.FIRST_LINE], t[c.LAST_LINE]) for t in _records(dataset.tables)}
    for fig in _records(dataset.figures):
        claim = _claims_of(fig, fig[c.FIGURE_ID])
        yield claim(c.VALUE_TEXT, fig[c.VALUE_TEXT], fig[c.LINE], fig[c.LINE], is_number=True)
        yield claim(c.UNIT_TEXT, fig[c.UNIT_TEXT], fig[c.UNIT_LINE], fig[c.UNIT_LINE] + 1)
        if fig[c.SOURCE] == TABLE_SOURCE:
            yield claim(c.LABEL, fig[c.LABEL], *ranges[fig[c.TABLE_ID]])


def _document_claims(dataset: Dataset) -> Iterator[_Claim]:
    for doc in _records(dataset.documents):
        claim = _claims_of(doc, doc[c.DOC_ID])
        yield claim(c.TITLE, doc[c.TITLE], doc[c.TITLE_LINE], doc[c.TITLE_LINE] + TITLE_RUNS_ON)
        if doc[c.DIARIENUMMER]:
            yield claim(c.DIARIENUMMER, doc[c.DIARIENUMMER], 1, WHOLE_FILE)


def _name_end(line: int, value_line: int) -> int:
    """The last line of an indicator's name: above its values, or the value line itself when the name
    stands on it (a kommun's row table). A name cited below its values has no lines and is reported."""
    return value_line if line == value_line else value_line - 1


def _indicator_claims(dataset: Dataset) -> Iterator[_Claim]:
    for ind in _records(dataset.indicators):
        claim = _claims_of(ind, ind[c.INDICATOR_ID])
        line, value_line = ind[c.LINE], ind[c.VALUE_LINE]
        yield claim(c.GOAL, ind[c.GOAL], ind[c.GOAL_LINE], ind[c.GOAL_LINE])
        if ind[c.SUBGOAL]:  # an optional line, given exactly when its text is (a float: NaN where blank)
            yield claim(c.SUBGOAL, ind[c.SUBGOAL], int(ind[c.SUBGOAL_LINE]), line - 1)
        yield claim(c.INDICATOR, ind[c.INDICATOR], line, _name_end(line, value_line))
        if ind[c.FREQUENCY]:
            frequency_line = int(ind[c.FREQUENCY_LINE])
            # "Tertial: apr," / "" / "aug, dec"
            yield claim(c.FREQUENCY, ind[c.FREQUENCY], frequency_line, frequency_line + 2)
        for field in (c.OUTCOME_TEXT, c.TARGET_TEXT):
            text = ind[field]
            if text:
                number = text != MISSING_ANSWER and "%" not in text
                yield claim(field, text, ind[c.VALUE_LINE], ind[c.VALUE_LINE], number)


def _assignment_claims(dataset: Dataset) -> Iterator[_Claim]:
    for asg in _records(dataset.assignments):
        claim, first, last = _claims_of(asg, asg[c.ASSIGNMENT_ID]), asg[c.LINE], asg[c.LINE_END]
        yield claim(c.ASSIGNMENT, asg[c.ASSIGNMENT], first, last)
        status_line = asg[c.STATUS_LINE]
        yield claim(c.STATUS_TEXT, asg[c.STATUS_TEXT], status_line, status_line + 1)
        for field in (c.DIRECTED_TO, c.FREQUENCY, c.PROGRESS):
            if asg[field]:
                yield claim(field, asg[field], first, last)


def _decision_claims(dataset: Dataset) -> Iterator[_Claim]:
    for frame, id_column in (
        (dataset.motions, c.MOTION_ID),
        (dataset.voters, c.VOTE_ID),
        (dataset.positions, c.DOC_ID),
    ):
        for person in _records(frame):
            last = person[c.LINE_END] if c.LINE_END in person else person[c.LINE]
            who = f"{person[c.MEMBER]} ({person[c.PARTY]})"
            yield _claims_of(person, person[id_column])(c.MEMBER, who, person[c.LINE], last)
    for vote in _records(dataset.votes):
        counts = f"{vote[c.JA]} {vote[c.NEJ]} {vote[c.AVSTAR]}"
        yield _claims_of(vote, vote[c.VOTE_ID])("ja nej avstår", counts, vote[c.LINE], vote[c.LINE])


def _conclusion_claims(dataset: Dataset) -> Iterator[_Claim]:
    for conclusion in _records(dataset.conclusions):
        claim = _claims_of(conclusion, conclusion[c.CONCLUSION_ID])
        yield claim(c.CONCLUSION, conclusion[c.CONCLUSION], conclusion[c.LINE], conclusion[c.LINE_END])


def _remainder_claims(dataset: Dataset) -> Iterator[_Claim]:
    """The words naming a rest stand within the lines of the relation's figures, in the stated one's file."""
    where = {
        str(f): (str(source), int(line))
        for f, source, line in zip(
            dataset.figures[c.FIGURE_ID], dataset.figures[c.SOURCE_FILE], dataset.figures[c.LINE], strict=True
        )
    }
    for relation in _records(dataset.relations):
        refs = [str(relation[c.STATED]), *(t.ref for t in parse_terms(str(relation[c.TERMS])))]
        if not relation.get(c.REMAINDER) or not all(ref in where for ref in refs):
            continue
        source = where[refs[0]][0]
        lines = [line for name, line in (where[ref] for ref in refs) if name == source]
        yield _Claim(
            source,
            str(relation[c.RELATION_ID]),
            c.REMAINDER,
            str(relation[c.REMAINDER]),
            min(lines),
            max(lines) + 1,
            csv_file=str(relation[c.CSV_FILE]),
            csv_row=int(relation[c.CSV_ROW]),
        )


CLAIMS: tuple[Callable[[Dataset], Iterator[_Claim]], ...] = (
    _figure_claims,
    _document_claims,
    _indicator_claims,
    _assignment_claims,
    _decision_claims,
    _conclusion_claims,
    _remainder_claims,
)


def _describe_lines(claim: _Claim) -> str:
    if claim.last == WHOLE_FILE:
        return "hela filen"
    return str(claim.first) if claim.last == claim.first else f"{claim.first}–{claim.last}"


def check_provenance(dataset: Dataset) -> pd.DataFrame:
    """Every claim whose text is not found on its cited lines, with the data file and row that make it."""
    sources = dataset.data_dir / SOURCES_DIR
    failures = [
        {
            "source_file": claim.source_file,
            "record": claim.record,
            "field": claim.field,
            "lines": _describe_lines(claim),
            "expected": claim.text,
            c.CSV_FILE: claim.csv_file,
            c.CSV_ROW: claim.csv_row,
        }
        for claim in chain(*(claims(dataset) for claims in CLAIMS))
        if not _holds(claim, _source_lines(sources / claim.source_file))
    ]
    return pd.DataFrame(failures, columns=PROBLEM_COLUMNS)

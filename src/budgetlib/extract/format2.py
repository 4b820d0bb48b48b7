"""A draft as the files of data format version 2 (``data/README.md``).

This is the only module that knows the data format: moving drafts to another
format version means writing a sibling of this module. The document's
organisation is written as its SCB code from the library's register, each
committee as the committee register's code (or a free name, which the draft
lists as a doubt), a row's committee or organisation where the row is a
nämnd's or a region's own, every derived column of a table, and the source
text pinned in ``SHA256SUMS``.

Besides the data files, the folder gets ``extraction/``: the reviewer's
worksheet (every figure with its page, confidence and reason), the doubts,
the lines that could not be placed, and the PDF page of every source line.
The loader ignores that folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Sequence

from budgetlib import columns as c
from budgetlib import schema as s
from budgetlib.expressions import DERIVED_SEPARATOR
from budgetlib.extract.draft import Confidence, Doubt, DoubtKind, Draft, Indicator, Printed, Table
from budgetlib.formats import CURRENT_FORMAT, FORMAT_FILE
from budgetlib.sources import SOURCES_DIR, SUMS_FILE

EXTRACTION_DIR = "extraction"
REVIEW_FILE = f"{EXTRACTION_DIR}/review.csv"
DOUBTS_FILE = f"{EXTRACTION_DIR}/doubts.csv"
UNPLACED_FILE = f"{EXTRACTION_DIR}/unplaced.csv"
PAGES_FILE = f"{EXTRACTION_DIR}/pages.csv"
ABOUT_FILE = f"{EXTRACTION_DIR}/about.csv"
INDICATOR_SHEET = f"{EXTRACTION_DIR}/indicators.csv"

Files = dict[str, bytes]
Record = dict[str, object]


def _csv(columns: Sequence[str], rows: Iterable[Record]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def source_file_name(draft: Draft) -> str:
    stem = draft.source.name.rsplit(".", 1)[0] if "." in draft.source.name else draft.source.name
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in stem).strip("._") or draft.doc_id
    return f"{safe}.txt"


def _printed_fields(printed: Printed) -> Record:
    """The columns every figure carries as printed: number text, sign, unit, and their lines."""
    return {
        c.VALUE_TEXT: printed.value_text,
        c.SIGN: printed.sign,
        c.UNIT_TEXT: printed.unit_text,
        c.UNIT_LINE: printed.unit_line,
        c.LINE: printed.line,
    }


def _amount_rows(table: Table) -> list[Record]:
    rows: list[Record] = []
    for row in table.rows:
        for cell in row.cells:
            column = table.columns[cell.column]
            rows.append(
                {
                    c.TABLE_ID: table.table_id,
                    c.ROW_ID: row.row_id,
                    c.LABEL: row.label,
                    c.ROLE: row.role,
                    c.PARENT: row.parent,
                    c.NAMND: row.committee.code if row.committee is not None else "",
                    c.ORGANISATION: row.organisation.code if row.organisation is not None else "",
                    c.COLUMN_ID: column.column_id,
                    c.COLUMN: column.label,
                    c.YEAR: row.year if row.year is not None else column.year,
                    c.PHASE: column.phase,
                    c.MEASURE: row.measure or column.measure,
                }
                | _printed_fields(cell.printed)
            )
    return rows


def _table_rows(draft: Draft) -> list[Record]:
    return [
        {
            c.TABLE_ID: table.table_id,
            c.DOC_ID: draft.doc_id,
            c.TITLE: table.title,
            c.RELATION: table.relation,
            c.DERIVED: f"{DERIVED_SEPARATOR} ".join(table.derived),
            c.FIRST_LINE: table.first_line,
            c.LAST_LINE: table.last_line,
        }
        for table in draft.tables
    ]


def _statement_rows(draft: Draft) -> list[Record]:
    return [
        {
            c.STATEMENT_ID: statement.statement_id,
            c.DOC_ID: draft.doc_id,
            c.LABEL: statement.label,
            c.MEASURE: statement.measure,
            c.YEAR: statement.year,
            c.PHASE: statement.phase,
            c.QUALIFIER: statement.qualifier,
        }
        | _printed_fields(statement.printed)
        for statement in draft.statements
    ]


def _document(draft: Draft, source_file: str) -> Record:
    facts = draft.facts
    return {
        c.DOC_ID: draft.doc_id,
        c.DIARIENUMMER: facts.diarienummer,
        c.ORGANISATION: facts.organisation.code,
        c.NAMND: facts.committee.code,
        c.BUDGET_YEAR: facts.year,
        c.KIND: facts.kind,
        c.DATE: facts.date,
        c.TITLE: facts.title,
        c.TITLE_LINE: facts.title_line,
        c.SOURCE_FILE: source_file,
    }


def _organisation_shown(draft: Draft) -> str:
    organisation = draft.facts.organisation
    return f"{organisation.code} {organisation.display_name}"


def _origin(field: str, origin: str) -> Record:
    return {"field": f"källa för {field}", "value": origin}


def _indicator_record(draft: Draft, indicator: Indicator) -> Record:
    return {
        c.INDICATOR_ID: indicator.indicator_id,
        c.DOC_ID: draft.doc_id,
        c.GOAL: indicator.goal,
        c.SUBGOAL: indicator.subgoal,
        c.INDICATOR: indicator.text,
        c.UNIT: indicator.unit,
        c.UNIT_SOURCE: indicator.unit_source,
        c.DESIRED_DIRECTION: indicator.direction,
        c.FREQUENCY: indicator.frequency,
        c.OUTCOME_YEAR: indicator.outcome_year or "",
        c.OUTCOME_TEXT: indicator.outcome_text,
        c.TARGET_YEAR: indicator.target_year or "",
        c.TARGET_TEXT: indicator.target_text,
        c.GOAL_LINE: indicator.goal_line,
        c.SUBGOAL_LINE: indicator.subgoal_line,
        c.LINE: indicator.line,
        c.VALUE_LINE: indicator.value_line,
        c.FREQUENCY_LINE: indicator.frequency_line,
    }


def _indicator_gaps(record: Record) -> list[str]:
    """What keeps an indicator out of ``indicators.csv``: a blank required column, or a name below its
    values (the format reads the name from ``line`` to ``value_line`` − 1, or on the value line itself)."""
    gaps = [col.name for col in s.INDICATORS.columns if col.required and record[col.name] in ("", None)]
    if not gaps and int(str(record[c.LINE])) > int(str(record[c.VALUE_LINE])):
        gaps.append(f"{c.VALUE_LINE} efter {c.LINE}")
    return gaps


def _indicator_files(draft: Draft) -> tuple[Files, list[Doubt]]:
    """``indicators.csv`` with the indicators the format can hold; the reviewer's sheet with all of them."""
    written, sheet, doubts = [], [], []
    for indicator in draft.indicators:
        record = _indicator_record(draft, indicator)
        gaps = _indicator_gaps(record)
        if gaps:
            doubts.append(
                Doubt(
                    DoubtKind.STRUCTURE,
                    indicator.line,
                    f"Indikatorn '{indicator.text}' står bara i {INDICATOR_SHEET}: dokumentet anger inte "
                    f"{', '.join(gaps)}, som {s.INDICATORS.file} kräver. Fyll i och flytta raden dit.",
                    indicator.indicator_id,
                )
            )
        else:
            written.append(record)
        sheet.append(
            record
            | {
                "page": draft.page_of(indicator.line),
                "confidence": indicator.confidence.value,
                "reason": indicator.reason,
                "saknas": ", ".join(gaps),
            }
        )
    files = {
        s.INDICATORS.file: _csv(s.INDICATORS.names, written),
        INDICATOR_SHEET: _csv([*s.INDICATORS.names, "page", "confidence", "reason", "saknas"], sheet),
    }
    return files, doubts


def _review_row(
    draft: Draft, record: str, kind: str, label: str, printed: Printed, confidence: Confidence, reason: str
) -> Record:
    """One figure on the reviewer's worksheet: what it is, as printed, where, and how sure the reading is."""
    return {
        "record": record,
        "kind": kind,
        "label": label,
        "value_text": printed.value_text,
        "unit_text": printed.unit_text,
        "line": printed.line,
        "page": draft.page_of(printed.line),
        "confidence": confidence.value,
        "reason": reason,
    }


def _extraction_files(draft: Draft, source_file: str, format_doubts: Sequence[Doubt]) -> Files:
    review = [
        _review_row(
            draft,
            table.cell_id(row, cell),
            "tabell",
            f"{row.label} · {table.columns[cell.column].label}",
            cell.printed,
            cell.confidence,
            cell.reason,
        )
        for table in draft.tables
        for row in table.rows
        for cell in row.cells
    ]
    review += [
        _review_row(
            draft,
            statement.statement_id,
            "text",
            statement.label,
            statement.printed,
            statement.confidence,
            statement.reason,
        )
        for statement in draft.statements
    ]
    files = {
        REVIEW_FILE: _csv(
            ["record", "kind", "label", "value_text", "unit_text", "line", "page", "confidence", "reason"],
            review,
        ),
        DOUBTS_FILE: _csv(
            ["kind", "record", "line", "page", "message"],
            (
                {
                    "kind": d.kind.value,
                    "record": d.record,
                    "line": d.line,
                    "page": draft.page_of(d.line),
                    "message": d.message,
                }
                for d in (*draft.doubts, *format_doubts)
            ),
        ),
        UNPLACED_FILE: _csv(
            ["line", "page", "text", "reason"],
            (
                {"line": u.line, "page": draft.page_of(u.line), "text": u.text, "reason": u.reason}
                for u in draft.unplaced
            ),
        ),
        ABOUT_FILE: _csv(
            ["field", "value"],
            [
                {"field": "format_version", "value": CURRENT_FORMAT},
                {"field": "original_file", "value": draft.source.name},
                {"field": "original_kind", "value": draft.source.kind.value},
                {"field": "original_sha256", "value": draft.source.original_sha256},
                {"field": "source_file", "value": f"{SOURCES_DIR}/{source_file}"},
                {"field": "organisation", "value": _organisation_shown(draft)},
                *(_origin(field, origin) for field, origin in draft.facts.origins),
            ],
        ),
    }
    if any(line.page is not None for line in draft.source.lines):
        files[PAGES_FILE] = _csv(
            [c.DOC_ID, c.LINE, "page"],
            ({c.DOC_ID: draft.doc_id, c.LINE: line.number, "page": line.page} for line in draft.source.lines),
        )
    return files


def format2_files(draft: Draft) -> Files:
    """Every file of a format 2 data folder for the draft, and the reviewer's ``extraction/`` files."""
    source_file = source_file_name(draft)
    text = draft.source.text.encode("utf-8")
    files: Files = {schema.file: _csv(schema.names, []) for schema in s.ALL_FILES}
    files[FORMAT_FILE] = f"{CURRENT_FORMAT}\n".encode()
    files[s.DOCUMENTS.file] = _csv(s.DOCUMENTS.names, [_document(draft, source_file)])
    files[s.TABLES.file] = _csv(s.TABLES.names, _table_rows(draft))
    files[s.AMOUNTS.file] = _csv(
        s.AMOUNTS.names, [row for table in draft.tables for row in _amount_rows(table)]
    )
    files[s.STATEMENTS.file] = _csv(s.STATEMENTS.names, _statement_rows(draft))
    files[s.ASSIGNMENTS.file] = _csv(s.ASSIGNMENTS.names, _assignment_rows(draft))
    indicator_files, indicator_doubts = _indicator_files(draft)
    files |= indicator_files
    files[s.RELATIONS.file] = _csv(
        s.RELATIONS.names,
        (
            {
                c.RELATION_ID: link.relation_id,
                c.KIND: link.kind,
                c.STATED: link.stated,
                c.TERMS: " ".join(f"{'+' if sign > 0 else '-'}{ref}" for sign, ref in link.terms),
                c.NOTE: link.note,
            }
            for link in draft.links
        ),
    )
    files[f"{SOURCES_DIR}/{source_file}"] = text
    files[f"{SOURCES_DIR}/{SUMS_FILE}"] = f"{hashlib.sha256(text).hexdigest()}  {source_file}\n".encode()
    files |= _extraction_files(draft, source_file, indicator_doubts)
    return files


def _assignment_rows(draft: Draft) -> list[Record]:
    return [
        {
            c.ASSIGNMENT_ID: a.assignment_id,
            c.DOC_ID: draft.doc_id,
            c.ASSIGNMENT: a.text,
            c.STATUS: a.status,
            c.STATUS_TEXT: a.status_text,
            c.DIRECTED_TO: a.directed_to,
            c.FREQUENCY: a.frequency,
            c.END_DATE: a.end_date,
            c.AMOUNT_REF: a.amount_ref,
            c.STATUS_LINE: a.status_line,
            c.LINE: a.line,
            c.LINE_END: a.line_end,
        }
        for a in draft.assignments
    ]

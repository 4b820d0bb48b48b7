"""A draft as the files of data format version 1 (today's ``data/`` layout).

This is the only module that knows format 1: moving drafts to another format
version means writing a sibling of this module. Format 1 cannot hold some of
what extraction finds (a kommun has no län code here, there is one derived
column per table, measures such as *intäkter* do not exist); each such loss
is returned as a doubt, never made silently.

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
from dataclasses import dataclass, field

from budgetlib import columns as c
from budgetlib import schema as s
from budgetlib import vocabulary as v
from budgetlib.extract.draft import Doubt, DoubtKind, Draft, Table
from budgetlib.extract.organisations import REGIONS
from budgetlib.formats import FIRST_FORMAT, V1_REGIONS, stored_schema
from budgetlib.load import SOURCES_DIR

FORMAT_VERSION = "1"
EXTRACTION_DIR = "extraction"
REVIEW_FILE = f"{EXTRACTION_DIR}/review.csv"
DOUBTS_FILE = f"{EXTRACTION_DIR}/doubts.csv"
UNPLACED_FILE = f"{EXTRACTION_DIR}/unplaced.csv"
PAGES_FILE = f"{EXTRACTION_DIR}/pages.csv"
ABOUT_FILE = f"{EXTRACTION_DIR}/about.csv"
CHECKSUMS = "SHA256SUMS"
UNKNOWN = "ej angivet"
# Measures extraction knows that format 1 does not: written as the nearest format-1 measure.
MEASURE_FALLBACK = {"intäkter": "ram", "kostnader": "ram", "nettokostnad": "ram"}

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


@dataclass
class _Measures:
    """Format 1's measure for each of the draft's; what it lacks is written as the nearest, and said once."""

    doubts: list[Doubt]
    reported: set[tuple[str, str]] = field(default_factory=set)

    def __call__(self, measure: str, record: str, line: int | None, where: str) -> str:
        if v.MEASURES.canonical(measure) is not None:
            return measure
        fallback = MEASURE_FALLBACK.get(measure, "ram")
        if (record, measure) not in self.reported:
            self.reported.add((record, measure))
            message = f"Format 1 saknar måttet '{measure}' ({where}); skrivet som '{fallback}'."
            self.doubts.append(Doubt(DoubtKind.FORMAT, line, message, record))
        return fallback


def _amount_rows(table: Table, measures: _Measures) -> list[Record]:
    rows: list[Record] = []
    for row in table.rows:
        for cell in row.cells:
            column = table.columns[cell.column]
            where = f"kolumnen '{column.label}'"
            measure = measures(row.measure or column.measure, table.table_id, table.first_line, where)
            printed = cell.printed
            rows.append(
                {
                    c.TABLE_ID: table.table_id,
                    c.ROW_ID: row.row_id,
                    c.LABEL: row.label,
                    c.ROLE: row.role,
                    c.PARENT: row.parent,
                    c.COLUMN_ID: column.column_id,
                    c.COLUMN: column.label,
                    c.YEAR: row.year if row.year is not None else column.year,
                    c.PHASE: column.phase,
                    c.MEASURE: measure,
                    c.VALUE_TEXT: printed.value_text,
                    c.SIGN: printed.sign,
                    c.UNIT_TEXT: printed.unit_text,
                    c.UNIT_LINE: printed.unit_line,
                    c.LINE: printed.line,
                }
            )
    return rows


def _table_rows(draft: Draft, doubts: list[Doubt]) -> list[Record]:
    rows: list[Record] = []
    for table in draft.tables:
        for extra in table.derived[1:]:
            doubts.append(
                Doubt(
                    DoubtKind.FORMAT,
                    table.first_line,
                    f"Format 1 rymmer en härledd kolumn per tabell; '{extra}' kontrolleras inte.",
                    table.table_id,
                )
            )
        rows.append(
            {
                c.TABLE_ID: table.table_id,
                c.DOC_ID: draft.doc_id,
                c.TITLE: table.title,
                c.RELATION: table.relation,
                c.DERIVED: table.derived[0] if table.derived else "",
                c.FIRST_LINE: table.first_line,
                c.LAST_LINE: table.last_line,
            }
        )
    return rows


def _statement_rows(draft: Draft, measures: _Measures) -> list[Record]:
    rows: list[Record] = []
    for statement in draft.statements:
        printed = statement.printed
        rows.append(
            {
                c.STATEMENT_ID: statement.statement_id,
                c.DOC_ID: draft.doc_id,
                c.LABEL: statement.label,
                c.MEASURE: measures(statement.measure, statement.statement_id, printed.line, "löptext"),
                c.YEAR: statement.year,
                c.PHASE: statement.phase,
                c.QUALIFIER: statement.qualifier,
                c.VALUE_TEXT: printed.value_text,
                c.SIGN: printed.sign,
                c.UNIT_TEXT: printed.unit_text,
                c.UNIT_LINE: printed.unit_line,
                c.LINE: printed.line,
            }
        )
    return rows


def _register(draft: Draft, source_file: str, doubts: list[Doubt]) -> Files:
    facts = draft.facts
    lan, lan_code = REGIONS.get(facts.organisation, (UNKNOWN, UNKNOWN))
    if facts.organisation not in REGIONS:
        doubts.append(
            Doubt(
                DoubtKind.FORMAT,
                None,
                f"Format 1 kräver län och länskod för '{facts.organisation}'; skrivet som '{UNKNOWN}' "
                "i regions.csv. Fyll i dem (format 2 har kommunkoder).",
            )
        )
    document = {
        c.DOC_ID: draft.doc_id,
        c.DIARIENUMMER: facts.diarienummer,
        c.REGION: facts.organisation,
        c.NAMND: facts.committee.code,
        c.BUDGET_YEAR: facts.year,
        c.KIND: facts.kind,
        c.DATE: facts.date,
        c.TITLE: facts.title,
        c.TITLE_LINE: facts.title_line,
        c.SOURCE_FILE: source_file,
    }
    return {
        V1_REGIONS.file: _csv(
            V1_REGIONS.names, [{c.REGION: facts.organisation, c.LAN: lan, c.LAN_CODE: lan_code}]
        ),
        s.COMMITTEES.file: _csv(
            s.COMMITTEES.names, [{c.NAMND: facts.committee.code, c.NAME: facts.committee.name}]
        ),
        s.DOCUMENTS.file: _csv(stored_schema(s.DOCUMENTS, FIRST_FORMAT).names, [document]),
    }


def _origin(field: str, origin: str) -> Record:
    return {"field": f"källa för {field}", "value": origin}


def _extraction_files(draft: Draft, source_file: str, doubts: Sequence[Doubt]) -> Files:
    review: list[Record] = []
    for table in draft.tables:
        for row in table.rows:
            for cell in row.cells:
                review.append(
                    {
                        "record": table.cell_id(row, cell),
                        "kind": "tabell",
                        "label": f"{row.label} · {table.columns[cell.column].label}",
                        "value_text": cell.printed.value_text,
                        "unit_text": cell.printed.unit_text,
                        "line": cell.printed.line,
                        "page": draft.page_of(cell.printed.line),
                        "confidence": cell.confidence.value,
                        "reason": cell.reason,
                    }
                )
    for statement in draft.statements:
        review.append(
            {
                "record": statement.statement_id,
                "kind": "text",
                "label": statement.label,
                "value_text": statement.printed.value_text,
                "unit_text": statement.printed.unit_text,
                "line": statement.printed.line,
                "page": draft.page_of(statement.printed.line),
                "confidence": statement.confidence.value,
                "reason": statement.reason,
            }
        )
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
                for d in doubts
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
                {"field": "format_version", "value": FORMAT_VERSION},
                {"field": "original_file", "value": draft.source.name},
                {"field": "original_kind", "value": draft.source.kind.value},
                {"field": "original_sha256", "value": draft.source.original_sha256},
                {"field": "source_file", "value": f"{SOURCES_DIR}/{source_file}"},
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


def format1_files(draft: Draft) -> tuple[Files, tuple[Doubt, ...]]:
    """Every file of a format 1 data folder for the draft, and what format 1 could not hold."""
    doubts: list[Doubt] = []
    source_file = source_file_name(draft)
    text = draft.source.text.encode("utf-8")
    files: Files = {schema.file: _csv(schema.names, []) for schema in s.ALL_FILES}
    files |= _register(draft, source_file, doubts)
    files[s.TABLES.file] = _csv(s.TABLES.names, _table_rows(draft, doubts))
    measures = _Measures(doubts)
    files[s.AMOUNTS.file] = _csv(
        s.AMOUNTS.names, [row for table in draft.tables for row in _amount_rows(table, measures)]
    )
    files[s.STATEMENTS.file] = _csv(s.STATEMENTS.names, _statement_rows(draft, measures))
    files[s.ASSIGNMENTS.file] = _csv(
        s.ASSIGNMENTS.names,
        (
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
                c.PROGRESS: "",
                c.STATUS_LINE: a.status_line,
                c.LINE: a.line,
                c.LINE_END: a.line_end,
            }
            for a in draft.assignments
        ),
    )
    files[s.RELATIONS.file] = _csv(
        s.RELATIONS.names,
        (
            {
                c.RELATION_ID: link.relation_id,
                c.KIND: "equals",
                c.STATED: link.stated,
                c.TERMS: " ".join(f"{'+' if sign > 0 else '-'}{ref}" for sign, ref in link.terms),
                c.BASE: "",
                c.NOTE: link.note,
            }
            for link in draft.links
        ),
    )
    files[f"{SOURCES_DIR}/{source_file}"] = text
    files[f"{SOURCES_DIR}/{CHECKSUMS}"] = f"{hashlib.sha256(text).hexdigest()}  {source_file}\n".encode()
    all_doubts = (*draft.doubts, *doubts)
    files |= _extraction_files(draft, source_file, all_doubts)
    return files, tuple(doubts)

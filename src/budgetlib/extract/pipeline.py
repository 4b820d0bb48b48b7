"""One document to one draft: read, find tables and stated figures, identify the document."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from budgetlib.extract.amounts import find_tables
from budgetlib.extract.assignments import find_assignments
from budgetlib.extract.draft import Doubt, DoubtKind, Draft
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.identifiers import slug
from budgetlib.extract.identity import Options, document_facts
from budgetlib.extract.indicators import find_indicators
from budgetlib.extract.links import propose_links
from budgetlib.extract.reading import SourceText, read_document
from budgetlib.extract.statements import find_statements
from budgetlib.extract.vocabulary import years_in

MAX_DOC_ID = 20
DOC_ID = re.compile(r"[A-Za-z0-9_-]{1,40}")


def default_doc_id(path: Path) -> str:
    """``003_7568….txt`` → ``003``; ``Budget 2025.pdf`` → ``budget_2025``."""
    leading = re.match(r"^(\d+)(?:_|$)", path.stem)
    if leading:
        return leading.group(1)
    return slug(path.stem)[:MAX_DOC_ID].rstrip("_") or "dok"


def _provisional_year(source: SourceText, options: Options) -> int:
    if options.year is not None:
        return options.year
    years = [y for line in source.lines[:20] for y in years_in(line.text)]
    return max(years) if years else 0


def draft_document(path: Path, options: Options, doc_id: str | None = None) -> Draft:
    """Everything extraction finds in one document; :class:`ExtractionError` if it finds nothing."""
    if doc_id is not None and not DOC_ID.fullmatch(doc_id):
        raise ExtractionError(f"--doc-id {doc_id!r}: använd bara bokstäver a–z, siffror, - och _.")
    source = read_document(path)
    doc_id = doc_id or default_doc_id(path)
    year = _provisional_year(source, options)
    indicators = find_indicators(source, doc_id)
    amounts_text = _without(source, indicators.claimed)
    tables = find_tables(amounts_text, doc_id, year)
    statements = find_statements(source, tables.claimed | indicators.claimed, doc_id, year)
    if not tables.tables and not statements.statements and not indicators.indicators:
        raise ExtractionError(
            f"{path.name}: hittade inga belopp eller procentsatser (tal med enhet, eller tabeller med "
            "belopp) i dokumentet; inget utkast skrivet."
        )
    facts, fact_doubts = document_facts(source, options)
    if facts.year != year:
        tables = find_tables(amounts_text, doc_id, facts.year)
        statements = find_statements(source, tables.claimed | indicators.claimed, doc_id, facts.year)
    reading_doubts = tuple(Doubt(DoubtKind.DOCUMENT, None, note) for note in source.notes)
    links, link_doubts = propose_links(statements.statements, tables.tables, doc_id)
    assignments = find_assignments(source, doc_id, statements.statements)
    return Draft(
        doc_id=doc_id,
        source=source,
        facts=facts,
        tables=tables.tables,
        statements=statements.statements,
        doubts=reading_doubts
        + fact_doubts
        + tables.doubts
        + statements.doubts
        + link_doubts
        + indicators.doubts,
        unplaced=tuple(
            sorted(
                tables.unplaced + statements.unplaced + assignments.unplaced + indicators.unplaced,
                key=lambda u: u.line,
            )
        ),
        links=links,
        assignments=assignments.assignments,
        indicators=indicators.indicators,
    )


def _without(source: SourceText, lines: frozenset[int]) -> SourceText:
    """The source with ``lines`` blanked: an indicator table's figures are no amount table."""
    if not lines:
        return source
    kept = tuple(replace(line, text="") if line.number in lines else line for line in source.lines)
    return replace(source, lines=kept)

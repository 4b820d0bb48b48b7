"""Load the data directory into a validated :class:`Dataset`.

Every file is checked cell by cell, then across files (known documents,
regions, tables, figure references, provenance lines inside their source file).
All problems are collected and raised together as one :class:`DataError`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from budgetlib import columns as c
from budgetlib import schema as s
from budgetlib.collector import cycle_collector_paused
from budgetlib.datafolder import folder_problems
from budgetlib.dataset import Dataset
from budgetlib.distinct import per_distinct
from budgetlib.errors import DataError, Problem
from budgetlib.expressions import ExpressionError, parse_derived_columns, parse_terms
from budgetlib.formats import (
    FIRST_FORMAT,
    V1_REGIONS,
    current_columns,
    format_version,
    stored_column,
    stored_schema,
    upgrade_values,
)
from budgetlib.hierarchy import parent_cycle_problems
from budgetlib.locations import default_data_dir
from budgetlib.numbers import parse_number, parse_unit, printed_step
from budgetlib.organisations import organisation_register
from budgetlib.ownership import Owners, canonical, owners, row_committee_problems
from budgetlib.relation_rules import relation_problems, table_unit_problems
from budgetlib.resolve import committee_names, organisation_codes, organisation_problems, with_organisations
from budgetlib.sources import SOURCES_DIR as SOURCES_DIR
from budgetlib.sources import check_sources
from budgetlib.validate import convert, read_checked

TABLE_SOURCE = "tabell"
TEXT_SOURCE = "text"
SINGLE_COLUMN = "value"

Frames = dict[str, pd.DataFrame]


def load(data_dir: str | Path | None = None) -> Dataset:
    """Read, validate and type every data file; raise :class:`DataError` on bad input.

    A format-1 folder (no ``FORMAT`` file) is read as format 2 in memory; its
    problems name the columns as the folder spells them. While checking, frames
    are indexed by line in their CSV file, so every problem names it.
    """
    with cycle_collector_paused():
        return _load(Path(data_dir) if data_dir is not None else default_data_dir())


def _load(root: Path) -> Dataset:
    problems = folder_problems(root)
    if problems:
        raise DataError(problems)
    version = format_version(root)
    raw, problems = _read_files(root, version)
    if problems:
        raise DataError(_as_stored(root, problems, version))
    if version == FIRST_FORMAT:
        regions, _ = read_checked(root, V1_REGIONS)
        raw = {file: upgrade_values(file, frame, regions) for file, frame in raw.items()}
    frames = {f.file: convert(raw[f.file], f) for f in s.ALL_FILES}
    frames[s.AMOUNTS.file] = _with_figure_ids(frames[s.AMOUNTS.file])
    problems = _cross_file_problems(root, frames)
    if problems:
        raise DataError(_as_stored(root, problems, version))
    return _assemble(root, {name: frame.reset_index(drop=True) for name, frame in frames.items()}, version)


def _read_files(root: Path, version: int) -> tuple[Frames, list[Problem]]:
    """Every data file as checked text; an optional file that is absent reads as no rows."""
    raw: Frames = {}
    problems: list[Problem] = []
    for file_schema in s.ALL_FILES:
        path = root / file_schema.file
        if not path.exists() and not path.is_symlink() and not file_schema.required:
            raw[file_schema.file] = pd.DataFrame({name: pd.Series(dtype=str) for name in file_schema.names})
            continue
        frame, found = read_checked(root, stored_schema(file_schema, version))
        raw[file_schema.file], problems = current_columns(frame, file_schema), problems + found
    return {file: _with_origin(frame, file) for file, frame in raw.items()}, problems


def _with_origin(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Each row with the data file and the CSV row it was read from (``budgetlib verify`` names them)."""
    rows: list[int] = frame.index.tolist()  # checked frames are indexed by CSV line
    return frame.assign(**{c.CSV_FILE: file}).assign(**{c.CSV_ROW: rows})


def _as_stored(root: Path, problems: list[Problem], version: int) -> list[Problem]:
    """Problems with each column named as the folder's format spells it."""

    def file_of(problem: Problem) -> str:
        path = Path(problem.file)
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else problem.file

    return [replace(p, column=stored_column(file_of(p), p.column, version)) for p in problems]


def figure_id(table_id: str, row_id: str, column_id: str) -> str:
    """``table:row`` for single-column tables, else ``table:row:column``."""
    base = f"{table_id}:{row_id}"
    return base if column_id == SINGLE_COLUMN else f"{base}:{column_id}"


def _with_figure_ids(amounts: pd.DataFrame) -> pd.DataFrame:
    ids = [
        figure_id(t, r, col)
        for t, r, col in zip(
            amounts[c.TABLE_ID].tolist(),
            amounts[c.ROW_ID].tolist(),
            amounts[c.COLUMN_ID].tolist(),
            strict=True,
        )
    ]
    return amounts.assign(**{c.FIGURE_ID: ids})


def _path(root: Path, schema: s.FileSchema) -> str:
    return str(root / schema.file)


def _unknown(
    root: Path, frames: Frames, schema: s.FileSchema, column: str, known: set[str], what: str
) -> list[Problem]:
    frame = frames[schema.file]
    unknown = [
        (line, value)
        for line, value in zip(frame.index.tolist(), frame[column].tolist(), strict=True)
        if value and value not in known
    ]
    choices = ", ".join(sorted(known)) if unknown else ""
    return [
        Problem(_path(root, schema), int(line), column, f"okänd {what} {value!r}; kända: {choices}")
        for line, value in unknown
    ]


def _doc_of_rows(frames: Frames, schema: s.FileSchema) -> pd.Series:
    frame = frames[schema.file]
    if c.DOC_ID in frame.columns:
        return frame[c.DOC_ID]
    if schema is s.AMOUNTS:
        return frame[c.TABLE_ID].map(frames[s.TABLES.file].set_index(c.TABLE_ID)[c.DOC_ID])
    return frame[c.VOTE_ID].map(frames[s.VOTES.file].set_index(c.VOTE_ID)[c.DOC_ID])


def _line_problems(root: Path, frames: Frames, line_counts: dict[str, int]) -> list[Problem]:
    problems = []
    for schema in s.ALL_FILES:
        line_columns = [col.name for col in schema.columns if col.kind is s.Kind.LINE]
        if not line_columns:
            continue
        docs = _doc_of_rows(frames, schema)
        limits = per_distinct(docs, lambda doc: line_counts.get(doc, np.nan), "float64")
        frame = frames[schema.file]
        for column in line_columns:
            beyond = frame[column].to_numpy() > limits  # False where the document has no line count
            for i, line, doc in zip(
                frame.index[beyond].tolist(),
                frame[column][beyond].tolist(),
                docs[beyond].tolist(),
                strict=True,
            ):
                last = line_counts[doc]
                if line > last:
                    problems.append(
                        Problem(
                            _path(root, schema),
                            int(i),
                            column,
                            f"rad {int(line)} ligger utanför källfilen för dokument {doc} "
                            f"(som har {last} rader)",
                        )
                    )
    return problems


_CELL_COLUMNS = (c.ROW_ID, c.PARENT, c.COLUMN_ID, c.COLUMN, c.ROLE, c.UNIT)


class _Cells(NamedTuple):
    """One table's amount cells in file order: a list per column, and each cell's line in ``amounts.csv``."""

    lines: list[int]
    row_ids: list[str]
    parents: list[str]
    column_ids: list[str]
    columns: list[str]
    roles: list[str]
    units: list[str]  # the base unit of each cell


_NO_CELLS = _Cells([], [], [], [], [], [], [])


def _cells_by_table(amounts: pd.DataFrame) -> dict[str, _Cells]:
    """Every table's amount cells, grouped in one pass: one stable sort by table, then slices."""
    base_of = {unit: parse_unit(unit).base for unit in amounts[c.UNIT_TEXT].unique().tolist()}
    codes, table_ids = pd.factorize(amounts[c.TABLE_ID])
    order = np.argsort(codes, kind="stable")
    values = [amounts.index.to_numpy()[order].tolist()]
    values += [amounts[name].to_numpy()[order].tolist() for name in _CELL_COLUMNS[:-1]]
    values.append([base_of[unit] for unit in amounts[c.UNIT_TEXT].to_numpy()[order].tolist()])
    ends = np.bincount(codes, minlength=len(table_ids)).cumsum().tolist()
    return {
        table_id: _Cells(*(column[start:end] for column in values))
        for table_id, start, end in zip(table_ids.tolist(), [0, *ends][:-1], ends, strict=True)
    }


def _table_problems(root: Path, frames: Frames) -> list[Problem]:
    """Parents exist, stated totals have parts, bridges are complete, derived columns parse."""
    problems = []
    cells_of = _cells_by_table(frames[s.AMOUNTS.file])
    tables = frames[s.TABLES.file]
    tables_path, amounts_path = _path(root, s.TABLES), _path(root, s.AMOUNTS)
    for i, table_id, relation, derived_text in zip(
        tables.index.tolist(),
        tables[c.TABLE_ID].tolist(),
        tables[c.RELATION].tolist(),
        tables[c.DERIVED].tolist(),
        strict=True,
    ):
        cells = cells_of.get(table_id, _NO_CELLS)
        row_ids = set(cells.row_ids)
        problems += [
            Problem(amounts_path, line, c.PARENT, f"okänd överordnad rad {parent!r} i tabellen")
            for line, parent in zip(cells.lines, cells.parents, strict=True)
            if parent and parent not in row_ids
        ]
        problems += _one_table_problems((tables_path, int(i)), relation, derived_text, cells)
    return problems


def _one_table_problems(
    where: tuple[str, int], relation: str, derived_text: str, cells: _Cells
) -> list[Problem]:
    """A table's own problems (its row in ``tables.csv``): shape, derived columns, units."""
    problems = [Problem(*where, c.RELATION, message) for message in _shape_problems(relation, cells)]
    if derived_text:
        try:
            derived = parse_derived_columns(derived_text)
        except ExpressionError as error:
            return [*problems, Problem(*where, c.DERIVED, str(error))]
        problems += [
            Problem(*where, c.DERIVED, f"kolumnen {column.result!r} räknas ur sig själv")
            for column in derived
            if column.result in column.labels[1:]
        ]
        known = set(cells.columns)
        problems += [
            Problem(*where, c.DERIVED, f"okänd kolumn {label!r} i tabellen")
            for label in (label for column in derived for label in column.labels)
            if label not in known
        ]
    unit_messages = table_unit_problems(str(relation), str(derived_text), cells.columns, cells.units)
    return problems + [Problem(*where, c.RELATION, message) for message in unit_messages]


def _shape_problems(relation: str, cells: _Cells) -> list[str]:
    """A summed table's totals without parts; a bridge without opening or closing."""
    if relation in ("sum", "partial_sum"):
        pairs = set(zip(cells.column_ids, cells.roles, strict=True))
        totals = {column_id for column_id, role in pairs if role == "total"}
        parts = {column_id for column_id, role in pairs if role == "part"}
        return [
            f"summarad kolumn {column_id!r} har en summa men inga delar"
            for column_id in sorted(totals - parts)  # as pandas groupby orders its groups
        ]
    return _bridge_problems(cells) if relation == "bridge" else []


def _bridge_problems(cells: _Cells) -> list[str]:
    """A bridge needs, per column, an opening first and a closing last."""
    roles_of: dict[str, list[str]] = {}
    for column, role in zip(cells.columns, cells.roles, strict=True):
        roles_of.setdefault(column, []).append(role)
    return [
        f"en brygga behöver i kolumnen {column!r} först en rad opening och sist en rad closing"
        for column, roles in roles_of.items()
        if roles[0] != "opening" or roles[-1] != "closing" or roles.count("closing") != 1
    ]


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as dicts, as ``to_dict("records")`` gives them, read column by column."""
    names = [str(name) for name in frame.columns]
    columns = [frame[name].tolist() for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _relation_problems(root: Path, frames: Frames, known: set[str]) -> list[Problem]:
    """Every figure a relation names is ``known``, its terms parse, and it fits its kind and units."""
    amounts, statements = frames[s.AMOUNTS.file], frames[s.STATEMENTS.file]
    problems = []
    path = _path(root, s.RELATIONS)
    relations = frames[s.RELATIONS.file]
    lines, records = relations.index.tolist(), _records(relations)
    for row, relation in zip(lines, records, strict=True):
        if relation[c.STATED] not in known:
            problems.append(Problem(path, row, c.STATED, f"okänt värde-id {relation[c.STATED]!r}"))
        figure_columns = [c.TERMS, c.EXPLAINED_BY] + ([c.BASE] if relation[c.KIND] == "percent" else [])
        for column in figure_columns:
            if not relation[column]:
                if column == c.BASE:
                    problems.append(Problem(path, row, column, "en procentrelation behöver en bas"))
                continue
            try:
                refs = [term.ref for term in parse_terms(relation[column])]
            except ExpressionError as error:
                problems.append(Problem(path, row, column, str(error)))
                continue
            problems += [
                Problem(path, row, column, f"okänt värde-id {ref!r}") for ref in refs if ref not in known
            ]
            if relation[c.STATED] in refs:
                problems.append(
                    Problem(
                        path,
                        row,
                        column,
                        f"den angivna uppgiften {relation[c.STATED]!r} står bland sina egna termer",
                    )
                )
    if problems:
        return problems  # the rules below assume every figure is known and every term parses
    tables = frames[s.TABLES.file].set_index(c.TABLE_ID)[c.DOC_ID]
    base_of = {
        unit: parse_unit(unit).base
        for unit in {*amounts[c.UNIT_TEXT].unique().tolist(), *statements[c.UNIT_TEXT].unique().tolist()}
    }
    unit_of = dict(
        zip(amounts[c.FIGURE_ID].tolist(), amounts[c.UNIT_TEXT].map(base_of).tolist(), strict=True)
    )
    unit_of |= dict(
        zip(statements[c.STATEMENT_ID].tolist(), statements[c.UNIT_TEXT].map(base_of).tolist(), strict=True)
    )
    doc_of = dict(zip(amounts[c.FIGURE_ID].tolist(), amounts[c.TABLE_ID].map(tables).tolist(), strict=True))
    doc_of |= dict(zip(statements[c.STATEMENT_ID].tolist(), statements[c.DOC_ID].tolist(), strict=True))
    return relation_problems(lines, records, unit_of, doc_of, path)


def _figure_ids(frames: Frames) -> set[str]:
    """Every figure's id: the table cells' and the stated figures'."""
    return {
        *frames[s.AMOUNTS.file][c.FIGURE_ID].tolist(),
        *frames[s.STATEMENTS.file][c.STATEMENT_ID].tolist(),
    }


def _cross_file_problems(root: Path, frames: Frames) -> list[Problem]:
    doc_ids = set(frames[s.DOCUMENTS.file][c.DOC_ID])
    problems = organisation_problems(frames[s.DOCUMENTS.file], _path(root, s.DOCUMENTS))
    problems += organisation_problems(frames[s.AMOUNTS.file], _path(root, s.AMOUNTS))
    problems += organisation_problems(frames[s.STATEMENTS.file], _path(root, s.STATEMENTS))
    for schema in (
        s.TABLES,
        s.STATEMENTS,
        s.INDICATORS,
        s.ASSIGNMENTS,
        s.MOTIONS,
        s.VOTES,
        s.POSITIONS_FILE,
        s.CONCLUSIONS,
    ):
        problems += _unknown(root, frames, schema, c.DOC_ID, doc_ids, "dokument-id")
    problems += _unknown(
        root, frames, s.AMOUNTS, c.TABLE_ID, set(frames[s.TABLES.file][c.TABLE_ID]), "tabell"
    )
    problems += _unknown(root, frames, s.VOTERS, c.VOTE_ID, set(frames[s.VOTES.file][c.VOTE_ID]), "votering")
    statement_ids = set(frames[s.STATEMENTS.file][c.STATEMENT_ID])
    problems += _unknown(root, frames, s.ASSIGNMENTS, c.AMOUNT_REF, statement_ids, "värde-id")
    if problems:
        return problems  # later checks assume the references resolve
    line_counts, problems = check_sources(root, frames[s.DOCUMENTS.file], _path(root, s.DOCUMENTS))
    problems += _line_problems(root, frames, line_counts)
    problems += _table_problems(root, frames)
    problems += parent_cycle_problems(frames[s.AMOUNTS.file], _path(root, s.AMOUNTS))
    problems += row_committee_problems(frames[s.AMOUNTS.file], _path(root, s.AMOUNTS))
    known = _figure_ids(frames)
    problems += _relation_problems(root, frames, known)
    problems += _unknown(root, frames, s.CATEGORIES, c.FIGURE_ID, known, "värde-id")
    return problems


def _figures(frames: Frames, owned: Owners, documents: pd.DataFrame) -> pd.DataFrame:
    tables = frames[s.TABLES.file][[c.TABLE_ID, c.DOC_ID]]
    amounts = frames[s.AMOUNTS.file].assign(**{c.NAMND: owned.amounts})
    amounts = amounts.merge(tables, on=c.TABLE_ID, how="left")
    amounts[c.SOURCE] = TABLE_SOURCE
    statements = frames[s.STATEMENTS.file].assign(**{c.NAMND: owned.statements})
    statements = statements.rename(columns={c.STATEMENT_ID: c.FIGURE_ID})
    statements[c.SOURCE] = TEXT_SOURCE
    figures = pd.concat([amounts, statements], ignore_index=True)
    of_document = figures[c.DOC_ID].map(documents.set_index(c.DOC_ID)[c.ORG_CODE])
    figures[c.ORG_CODE] = organisation_codes(figures[c.ORGANISATION], of_document)
    text_columns = [c.TABLE_ID, c.ROW_ID, c.ROLE, c.PARENT, c.COLUMN_ID, c.COLUMN, c.QUALIFIER]
    figures[text_columns] = figures[text_columns].fillna("")
    figures[c.VALUE], figures[c.UNIT], figures[c.STEP] = _in_base(figures)
    order = [
        c.FIGURE_ID, c.DOC_ID, c.NAMND, c.ORG_CODE, c.SOURCE, c.TABLE_ID, c.ROW_ID, c.COLUMN_ID, c.LABEL,
        c.ROLE, c.PARENT, c.COLUMN, c.YEAR, c.PHASE, c.MEASURE, c.QUALIFIER, c.VALUE_TEXT, c.SIGN,
        c.UNIT_TEXT, c.VALUE, c.UNIT, c.STEP, c.LINE, c.UNIT_LINE, c.CSV_FILE, c.CSV_ROW,
    ]  # fmt: skip
    return figures[order]


def _in_base(figures: pd.DataFrame) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Each figure's signed value, base unit and rounding step, as :func:`numbers.to_base` gives them.

    Each distinct printed number and unit is parsed once; the products are taken column-wise.
    """
    texts, units = figures[c.VALUE_TEXT], figures[c.UNIT_TEXT]
    factors = per_distinct(units, lambda text: parse_unit(text).factor, "float64")
    values = per_distinct(texts, parse_number, "float64") * factors * figures[c.SIGN].to_numpy()
    bases = per_distinct(units, lambda text: parse_unit(text).base).tolist()
    return values, bases, per_distinct(texts, printed_step, "float64") * factors


def _indicators(frame: pd.DataFrame) -> pd.DataFrame:
    from budgetlib.numbers import split_quantity

    def number(text: str) -> float:
        if text in ("", s.MISSING_ANSWER):
            return float("nan")
        return parse_number(split_quantity(text)[0])

    return frame.assign(
        **{c.OUTCOME: frame[c.OUTCOME_TEXT].map(number), c.TARGET: frame[c.TARGET_TEXT].map(number)}
    )


def _assemble(root: Path, frames: Frames, version: int) -> Dataset:
    documents = with_organisations(frames[s.DOCUMENTS.file])
    documents = documents.assign(**{c.NAMND: canonical(documents[c.NAMND])})
    tables = frames[s.TABLES.file]
    owned = owners(documents, tables, frames[s.AMOUNTS.file], frames[s.STATEMENTS.file])
    source_of = documents.set_index(c.DOC_ID)[c.SOURCE_FILE]
    votes = frames[s.VOTES.file]
    voters = frames[s.VOTERS.file].merge(votes[[c.VOTE_ID, c.DOC_ID]], on=c.VOTE_ID, how="left")

    def with_source(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(**{c.SOURCE_FILE: frame[c.DOC_ID].map(source_of)})

    return Dataset(
        data_dir=root,
        format_version=version,
        organisations=organisation_register().frame,
        committees=committee_names(frames[s.COMMITTEES.file], owned.every()),
        documents=documents,
        tables=with_source(tables.assign(**{c.NAMND: owned.tables})),
        figures=with_source(_figures(frames, owned, documents)),
        relations=frames[s.RELATIONS.file],
        indicators=with_source(_indicators(frames[s.INDICATORS.file])),
        assignments=with_source(frames[s.ASSIGNMENTS.file]),
        motions=with_source(frames[s.MOTIONS.file]),
        votes=with_source(votes),
        voters=with_source(voters),
        positions=with_source(frames[s.POSITIONS_FILE.file]),
        conclusions=with_source(frames[s.CONCLUSIONS.file]),
        categories=frames[s.CATEGORIES.file],
        population=_resolve_same_source(frames[s.POPULATION.file]),
        kolada=_resolve_same_source(frames[s.KOLADA.file]),
    )


def _resolve_same_source(frame: pd.DataFrame) -> pd.DataFrame:
    """Spell out ``same`` (as the row above) in a reference file's source column."""
    sources = frame[c.REFERENCE_SOURCE].replace(c.SAME_SOURCE, None).ffill()
    return frame.assign(**{c.REFERENCE_SOURCE: sources})

"""Load the data directory into a validated :class:`Dataset`.

Every file is checked cell by cell, then across files (known documents,
regions, tables, figure references, provenance lines inside their source file).
All problems are collected and raised together as one :class:`DataError`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from budgetlib import columns as c
from budgetlib import schema as s
from budgetlib.datafolder import folder_problems
from budgetlib.dataset import Dataset
from budgetlib.errors import DataError, Problem
from budgetlib.expressions import ExpressionError, parse_derived, parse_terms
from budgetlib.hierarchy import parent_cycle_problems
from budgetlib.locations import default_data_dir
from budgetlib.numbers import to_base
from budgetlib.sources import SOURCES_DIR as SOURCES_DIR
from budgetlib.sources import check_sources
from budgetlib.validate import convert, read_checked

TABLE_SOURCE = "tabell"
TEXT_SOURCE = "text"
SINGLE_COLUMN = "value"

Frames = dict[str, pd.DataFrame]


def load(data_dir: str | Path | None = None) -> Dataset:
    """Read, validate and type every data file; raise :class:`DataError` on bad input.

    While checking, frames are indexed by line in their CSV file, so every problem names it.
    """
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    raw: Frames = {}
    problems = folder_problems(root)
    if problems:
        raise DataError(problems)
    for file_schema in s.ALL_FILES:
        frame, found = read_checked(root, file_schema)
        raw[file_schema.file], problems = frame, problems + found
    if problems:
        raise DataError(problems)
    frames = {f.file: convert(raw[f.file], f) for f in s.ALL_FILES}
    frames[s.AMOUNTS.file] = _with_figure_ids(frames[s.AMOUNTS.file])
    problems = _cross_file_problems(root, frames)
    if problems:
        raise DataError(problems)
    return _assemble(root, {name: frame.reset_index(drop=True) for name, frame in frames.items()})


def figure_id(table_id: str, row_id: str, column_id: str) -> str:
    """``table:row`` for single-column tables, else ``table:row:column``."""
    base = f"{table_id}:{row_id}"
    return base if column_id == SINGLE_COLUMN else f"{base}:{column_id}"


def _with_figure_ids(amounts: pd.DataFrame) -> pd.DataFrame:
    ids = [
        figure_id(t, r, col)
        for t, r, col in zip(amounts[c.TABLE_ID], amounts[c.ROW_ID], amounts[c.COLUMN_ID], strict=True)
    ]
    return amounts.assign(**{c.FIGURE_ID: ids})


def _path(root: Path, schema: s.FileSchema) -> str:
    return str(root / schema.file)


def _unknown(
    root: Path, frames: Frames, schema: s.FileSchema, column: str, known: set[str], what: str
) -> list[Problem]:
    frame = frames[schema.file]
    choices = ", ".join(sorted(known))
    return [
        Problem(_path(root, schema), int(line), column, f"okänd {what} {value!r}; kända: {choices}")
        for line, value in zip(frame.index, frame[column], strict=True)
        if value and value not in known
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
        frame = frames[schema.file]
        for column in line_columns:
            for i, line, doc in zip(frame.index, frame[column], docs, strict=True):
                last = line_counts.get(doc)
                if last is not None and line > last:
                    problems.append(
                        Problem(
                            _path(root, schema),
                            int(i),
                            column,
                            f"rad {line} ligger utanför källfilen för dokument {doc} (som har {last} rader)",
                        )
                    )
    return problems


def _table_problems(root: Path, frames: Frames) -> list[Problem]:
    """Parents exist, stated totals have parts, bridges are complete, derived columns parse."""
    problems = []
    amounts = frames[s.AMOUNTS.file]
    tables_path = _path(root, s.TABLES)
    for i, table in frames[s.TABLES.file].iterrows():
        rows = amounts[amounts[c.TABLE_ID] == table[c.TABLE_ID]]
        where = (tables_path, int(str(i)))
        for j, parent in rows[c.PARENT].items():
            if parent and parent not in set(rows[c.ROW_ID]):
                problems.append(
                    Problem(
                        _path(root, s.AMOUNTS),
                        int(j),
                        c.PARENT,
                        f"okänd överordnad rad {parent!r} i tabellen",
                    )
                )
        if table[c.RELATION] in ("sum", "partial_sum"):
            for column_id, cells in rows.groupby(c.COLUMN_ID):
                if (cells[c.ROLE] == "total").any() and not (cells[c.ROLE] == "part").any():
                    problems.append(
                        Problem(
                            *where, c.RELATION, f"summarad kolumn {column_id!r} har en summa men inga delar"
                        )
                    )
        if table[c.RELATION] == "bridge":
            roles = set(rows[c.ROLE])
            if not {"opening", "component", "closing"} <= roles:
                problems.append(
                    Problem(*where, c.RELATION, "en brygga behöver raderna opening, component och closing")
                )
        if table[c.DERIVED]:
            try:
                derived = parse_derived(table[c.DERIVED])
            except ExpressionError as error:
                problems.append(Problem(*where, c.DERIVED, str(error)))
                continue
            if derived.result in (term.ref for term in derived.terms):
                problems.append(
                    Problem(*where, c.DERIVED, f"kolumnen {derived.result!r} räknas ur sig själv")
                )
            known = set(rows[c.COLUMN])
            for label in [derived.result, *(term.ref for term in derived.terms)]:
                if label not in known:
                    problems.append(Problem(*where, c.DERIVED, f"okänd kolumn {label!r} i tabellen"))
    return problems


def _relation_problems(root: Path, frames: Frames) -> list[Problem]:
    known = set(frames[s.AMOUNTS.file][c.FIGURE_ID]) | set(frames[s.STATEMENTS.file][c.STATEMENT_ID])
    problems = []
    path = _path(root, s.RELATIONS)
    for i, relation in frames[s.RELATIONS.file].iterrows():
        row = int(str(i))
        if relation[c.STATED] not in known:
            problems.append(Problem(path, row, c.STATED, f"okänt värde-id {relation[c.STATED]!r}"))
        for column in (c.TERMS, c.BASE):
            if not relation[column]:
                if column == c.BASE and relation[c.KIND] == "percent":
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
    return problems


def _category_problems(root: Path, frames: Frames) -> list[Problem]:
    known = set(frames[s.AMOUNTS.file][c.FIGURE_ID]) | set(frames[s.STATEMENTS.file][c.STATEMENT_ID])
    return _unknown(root, frames, s.CATEGORIES, c.FIGURE_ID, known, "värde-id")


def _cross_file_problems(root: Path, frames: Frames) -> list[Problem]:
    doc_ids = set(frames[s.DOCUMENTS.file][c.DOC_ID])
    problems = _unknown(root, frames, s.DOCUMENTS, c.REGION, set(frames[s.REGIONS.file][c.REGION]), "region")
    problems += _unknown(root, frames, s.DOCUMENTS, c.NAMND, set(frames[s.COMMITTEES.file][c.NAMND]), "nämnd")
    for schema in (s.TABLES, s.STATEMENTS, s.INDICATORS, s.ASSIGNMENTS, s.MOTIONS, s.VOTES, s.POSITIONS_FILE):
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
    problems += _relation_problems(root, frames)
    problems += _category_problems(root, frames)
    return problems


def _figures(frames: Frames) -> pd.DataFrame:
    tables = frames[s.TABLES.file][[c.TABLE_ID, c.DOC_ID]]
    amounts = frames[s.AMOUNTS.file].merge(tables, on=c.TABLE_ID, how="left")
    amounts[c.SOURCE] = TABLE_SOURCE
    statements = frames[s.STATEMENTS.file].rename(columns={c.STATEMENT_ID: c.FIGURE_ID})
    statements[c.SOURCE] = TEXT_SOURCE
    figures = pd.concat([amounts, statements], ignore_index=True)
    text_columns = [c.TABLE_ID, c.ROW_ID, c.ROLE, c.PARENT, c.COLUMN_ID, c.COLUMN, c.QUALIFIER]
    figures[text_columns] = figures[text_columns].fillna("")
    converted = [
        to_base(text, unit) for text, unit in zip(figures[c.VALUE_TEXT], figures[c.UNIT_TEXT], strict=True)
    ]
    figures[c.VALUE] = [value * sign for (value, _, _), sign in zip(converted, figures[c.SIGN], strict=True)]
    figures[c.UNIT] = [unit for _, unit, _ in converted]
    figures[c.STEP] = [step for _, _, step in converted]
    order = [
        c.FIGURE_ID, c.DOC_ID, c.SOURCE, c.TABLE_ID, c.ROW_ID, c.COLUMN_ID, c.LABEL, c.ROLE, c.PARENT,
        c.COLUMN, c.YEAR, c.PHASE, c.MEASURE, c.QUALIFIER, c.VALUE_TEXT, c.SIGN, c.UNIT_TEXT,
        c.VALUE, c.UNIT, c.STEP, c.LINE, c.UNIT_LINE,
    ]  # fmt: skip
    return figures[order]


def _indicators(frame: pd.DataFrame) -> pd.DataFrame:
    from budgetlib.numbers import parse_number, split_quantity

    def number(text: str) -> float:
        if text in ("", s.MISSING_ANSWER):
            return float("nan")
        return parse_number(split_quantity(text)[0])

    return frame.assign(
        **{c.OUTCOME: frame[c.OUTCOME_TEXT].map(number), c.TARGET: frame[c.TARGET_TEXT].map(number)}
    )


def _assemble(root: Path, frames: Frames) -> Dataset:
    documents = frames[s.DOCUMENTS.file]
    source_of = documents.set_index(c.DOC_ID)[c.SOURCE_FILE]
    votes = frames[s.VOTES.file]
    voters = frames[s.VOTERS.file].merge(votes[[c.VOTE_ID, c.DOC_ID]], on=c.VOTE_ID, how="left")

    def with_source(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(**{c.SOURCE_FILE: frame[c.DOC_ID].map(source_of)})

    return Dataset(
        data_dir=root,
        regions=frames[s.REGIONS.file],
        committees=frames[s.COMMITTEES.file],
        documents=documents,
        tables=with_source(frames[s.TABLES.file]),
        figures=with_source(_figures(frames)),
        relations=frames[s.RELATIONS.file],
        indicators=with_source(_indicators(frames[s.INDICATORS.file])),
        assignments=with_source(frames[s.ASSIGNMENTS.file]),
        motions=with_source(frames[s.MOTIONS.file]),
        votes=with_source(votes),
        voters=with_source(voters),
        positions=with_source(frames[s.POSITIONS_FILE.file]),
        categories=frames[s.CATEGORIES.file],
        population=_resolve_same_source(frames[s.POPULATION.file]),
        kolada=_resolve_same_source(frames[s.KOLADA.file]),
    )


def _resolve_same_source(frame: pd.DataFrame) -> pd.DataFrame:
    """Spell out ``same`` (as the row above) in a reference file's source column."""
    sources = frame[c.REFERENCE_SOURCE].replace(c.SAME_SOURCE, None).ffill()
    return frame.assign(**{c.REFERENCE_SOURCE: sources})

"""Cell-level validation of one data file against its schema."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from budgetlib.csvfile import CsvTable, read_csv
from budgetlib.datafolder import outside_problem
from budgetlib.distinct import per_distinct
from budgetlib.errors import DataError, Problem
from budgetlib.numbers import NumberFormatError, all_numbers, parse_number, parse_unit, split_quantity
from budgetlib.schema import FIRST_YEAR, LAST_YEAR, MISSING_ANSWER, Column, FileSchema, Kind

MAX_INT_DIGITS = 15
_INTEGER = re.compile(r"-?[0-9]+")  # ASCII digits only: int() also takes '1_000', '٣' and '３'
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER_KINDS = (Kind.NUMBER, Kind.QUANTITY)


def _check_int(text: str) -> str | None:
    if _INTEGER.fullmatch(text) is None:
        return f"väntade ett heltal med siffrorna 0–9, fick {text!r}"
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        return f"väntade ett heltal med högst {MAX_INT_DIGITS} siffror, fick {text!r}"
    return None


def _check_year(text: str) -> str | None:
    problem = _check_int(text)
    if problem is None and not FIRST_YEAR <= int(text) <= LAST_YEAR:
        problem = f"väntade ett år från {FIRST_YEAR} till {LAST_YEAR}, fick {text!r}"
    return problem


def _check_line(text: str) -> str | None:
    if _check_int(text) or int(text) < 1:
        return f"väntade ett radnummer (heltal från 1, siffrorna 0–9), fick {text!r}"
    return None


def _check_date(text: str) -> str | None:
    expected = f"väntade ett datum ÅÅÅÅ-MM-DD från år {FIRST_YEAR} till {LAST_YEAR}, fick {text!r}"
    if _DATE.fullmatch(text) is None:
        return expected
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        return f"datumet finns inte: {text!r}"
    return None if FIRST_YEAR <= date.year <= LAST_YEAR else expected


def _check_number(text: str) -> str | None:
    try:
        parse_number(text)
    except NumberFormatError as error:
        return str(error)
    return None


def _check_unit(text: str) -> str | None:
    try:
        parse_unit(text)
    except NumberFormatError as error:
        return str(error)
    return None


def _check_sign(text: str) -> str | None:
    return None if text in ("1", "-1") else f"väntade 1 eller -1, fick {text!r}"


def _check_quantity(text: str) -> str | None:
    if text == MISSING_ANSWER:
        return None
    number, unit = split_quantity(text)
    if _check_number(number) is not None:
        return _check_number(text)  # the whole cell: with no number before it, the unit is all there is
    return _check_unit(unit) if unit else None


_CHECKS: dict[Kind, Callable[[str], str | None]] = {
    Kind.INT: _check_int,
    Kind.YEAR: _check_year,
    Kind.LINE: _check_line,
    Kind.DATE: _check_date,
    Kind.NUMBER: _check_number,
    Kind.UNIT: _check_unit,
    Kind.SIGN: _check_sign,
    Kind.QUANTITY: _check_quantity,
}


def _check_cell(column: Column, text: str) -> str | None:
    if text == "":
        return "värde saknas" if column.required else None
    if column.vocabulary is not None:
        allowed = ", ".join(column.vocabulary.values)
        known = column.vocabulary.canonical(text) is not None
        return None if known else f"väntade något av {allowed}; fick {text!r}"
    check = _CHECKS.get(column.kind)
    return check(text) if check else None


def _text_frame(table: CsvTable) -> pd.DataFrame:
    """The records as stripped text, one column per header cell, indexed by the line each starts on."""
    cells = table.cells
    return pd.DataFrame({name: _stripped(cells[name]) for name in cells.columns}, index=cells.index)


def _stripped(texts: pd.Series) -> pd.Series:
    """The texts without surrounding whitespace; a column where no distinct text has any is kept."""
    if all(text == text.strip() for text in texts.unique().tolist()):
        return texts
    return pd.Series([text.strip() for text in texts.tolist()], index=texts.index, dtype=str)


def _column_problems(name: str, column: Column, frame: pd.DataFrame) -> list[Problem]:
    """Every cell of one column that breaks its schema, in file order; each distinct text checked once."""
    values = frame[column.name]
    if column.vocabulary is None and column.kind not in _CHECKS:  # any text but a blank where required
        texts = [""] if column.required and (values == "").any() else []
    else:
        texts = values.unique().tolist()
        if column.kind is Kind.NUMBER and all_numbers([text for text in texts if text]):
            texts = [text for text in texts if not text]  # only a blank can fail
    messages = {text: message for text in texts if (message := _check_cell(column, text)) is not None}
    if not messages:
        return []
    failing = values[values.isin(list(messages))]
    return [
        Problem(name, line, column.name, messages[text])
        for line, text in zip(failing.index.tolist(), failing.tolist(), strict=True)
    ]


def misspelt_columns(header: list[str], schema: FileSchema) -> dict[str, str]:
    """Header names that are not the schema's but close to one it lacks: a typo would blank a column."""
    absent = [name for name in schema.names if name not in header]
    found = {}
    for name in header:
        if name not in schema.names and (close := difflib.get_close_matches(name, absent, n=1, cutoff=0.75)):
            found[name] = f"okänd kolumn {name!r}; menade du {close[0]!r}?"
    return found


def read_checked(root: Path, schema: FileSchema) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a data file as text, indexed by line in the file, and list every cell that breaks its schema."""
    path = root / schema.file
    name = str(path)
    empty = pd.DataFrame(columns=schema.names)
    if not path.exists() and not path.is_symlink():
        return empty, [Problem(name, None, None, "filen saknas")]
    outside = outside_problem(root, path)
    if outside is not None:
        return empty, [outside]
    try:
        table = read_csv(path, frozenset(col.name for col in schema.columns if col.kind in _NUMBER_KINDS))
    except DataError as error:
        return empty, error.problems
    header = table.header
    expected = ", ".join(schema.names)
    misspelt = misspelt_columns(list(header.cells), schema)
    problems = [
        Problem(name, header.line, col.name, f"kolumnen saknas; väntade kolumnerna {expected}")
        for col in schema.columns
        if col.required and col.name not in header.cells
    ]
    problems += [
        Problem(
            name, header.line, column, misspelt.get(column, f"okänd kolumn; väntade kolumnerna {expected}")
        )
        for column in header.cells
        if column not in schema.names
    ]
    if problems:
        return empty, problems
    frame = _text_frame(table)
    frame = frame.reindex(columns=schema.names, fill_value="")  # an optional column may be left out
    problems = [problem for column in schema.columns for problem in _column_problems(name, column, frame)]
    duplicated = frame.duplicated(list(schema.key), keep="first")
    key = "+".join(schema.key)
    problems += [
        Problem(
            name,
            int(line),
            key,
            f"dubblettnyckel {tuple(frame.loc[line, list(schema.key)])}; väntade unika värden",
        )
        for line in frame.index[duplicated]
    ]
    return frame, problems + _located_problems(name, schema, frame)


def convert(frame: pd.DataFrame, schema: FileSchema) -> pd.DataFrame:
    """Typed copy of a validated frame: ints, dates, lines converted; blanks missing; aliases as values."""
    typed = frame.copy()
    for column in schema.columns:
        series = typed[column.name]
        if column.vocabulary is not None:
            spellings = column.vocabulary.spellings
            aliases = {
                text: spellings[text]
                for text in series.unique().tolist()
                if spellings.get(text, text) != text
            }
            if aliases:
                typed[column.name] = series.replace(aliases)
        if column.kind in (Kind.INT, Kind.YEAR, Kind.LINE, Kind.SIGN):
            typed[column.name] = _integers(series) if column.required else _optional_integers(series)
        elif column.kind is Kind.DATE:
            typed[column.name] = pd.to_datetime(series.replace("", None), format="%Y-%m-%d")
    return typed


def _integers(series: pd.Series) -> pd.Series:
    """Whole numbers (validated digits) as int64; each distinct text converted once."""
    return pd.Series(per_distinct(series, int, "int64"), index=series.index)


def _optional_integers(series: pd.Series) -> pd.Series:
    """Whole numbers where given, NaN where blank (an optional line whose text is not printed).

    As floats, the pandas way of an integer column with gaps: ``pd.NA`` would make comparisons ambiguous.
    """
    numbers = [float(text) if text else math.nan for text in series.tolist()]
    return pd.Series(numbers, index=series.index, dtype="float64")


def _located_problems(name: str, schema: FileSchema, frame: pd.DataFrame) -> list[Problem]:
    """An optional line is given exactly when the text it locates is: no text without its line, no line
    pointing at nothing."""
    problems = []
    for line_column in (col for col in schema.columns if col.locates is not None):
        text_column = str(line_column.locates)
        for row, text, line in zip(frame.index, frame[text_column], frame[line_column.name], strict=True):
            if text and not line:
                problems.append(
                    Problem(
                        name,
                        int(row),
                        line_column.name,
                        f"värde saknas: {text_column} är ifyllt ({text!r}) och behöver raden det står på",
                    )
                )
            elif line and not text:
                problems.append(
                    Problem(
                        name,
                        int(row),
                        text_column,
                        f"värde saknas: {line_column.name} anger rad {line}, men {text_column} är tomt; "
                        "fyll i båda eller lämna båda tomma",
                    )
                )
    return problems

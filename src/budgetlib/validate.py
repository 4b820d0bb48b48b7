"""Cell-level validation of one data file against its schema."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from budgetlib.errors import Problem
from budgetlib.numbers import NumberFormatError, parse_number, parse_unit, split_quantity
from budgetlib.schema import MISSING_ANSWER, Column, FileSchema, Kind


def csv_row(index: int) -> int:
    """Line number in the CSV file of a frame row (the header is line 1)."""
    return index + 2


def _check_int(text: str) -> str | None:
    try:
        int(text)
    except ValueError:
        return f"väntade ett heltal, fick {text!r}"
    return None


def _check_line(text: str) -> str | None:
    if not text.isdigit() or int(text) < 1:
        return f"väntade ett radnummer (heltal från 1), fick {text!r}"
    return None


def _check_date(text: str) -> str | None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return f"väntade ett datum ÅÅÅÅ-MM-DD, fick {text!r}"
    return None


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
    return _check_number(number) or (_check_unit(unit) if unit else None)


_CHECKS: dict[Kind, Callable[[str], str | None]] = {
    Kind.INT: _check_int,
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


def misspelt_columns(header: list[str], schema: FileSchema) -> dict[str, str]:
    """Header names that are not the schema's but close to one it lacks: a typo would blank a column."""
    absent = [name for name in schema.names if name not in header]
    found = {}
    for name in header:
        if name not in schema.names and (close := difflib.get_close_matches(name, absent, n=1, cutoff=0.75)):
            found[name] = f"okänd kolumn {name!r}; menade du {close[0]!r}?"
    return found


def read_checked(path: Path, schema: FileSchema) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a data file as text and list every cell that breaks its schema."""
    name = str(path)
    if not path.is_file():
        return pd.DataFrame(columns=schema.names), [Problem(name, None, None, "filen saknas")]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [col.name for col in schema.columns if col.required and col.name not in frame.columns]
    misspelt = misspelt_columns(list(frame.columns), schema)
    if missing or misspelt:
        expected = ", ".join(schema.names)
        return frame, [
            *(Problem(name, 1, col, f"kolumnen saknas; väntade kolumnerna {expected}") for col in missing),
            *(Problem(name, 1, col, message) for col, message in misspelt.items()),
        ]
    frame = frame.reindex(columns=schema.names, fill_value="")  # an optional column may be left out
    frame = frame.apply(lambda col: col.str.strip())
    problems = [
        Problem(name, csv_row(index), column.name, message)
        for column in schema.columns
        for index, text in frame[column.name].items()
        if (message := _check_cell(column, str(text))) is not None
    ]
    duplicated = frame.duplicated(list(schema.key), keep="first")
    key = "+".join(schema.key)
    problems += [
        Problem(
            name,
            csv_row(int(i)),
            key,
            f"dubblettnyckel {tuple(frame.loc[i, list(schema.key)])}; väntade unika värden",
        )
        for i in frame.index[duplicated]
    ]
    return frame, problems


def convert(frame: pd.DataFrame, schema: FileSchema) -> pd.DataFrame:
    """Typed copy of a validated frame: ints, dates, lines converted; blanks missing; aliases as values."""
    typed = frame.copy()
    for column in schema.columns:
        series = typed[column.name]
        if column.vocabulary is not None:
            typed[column.name] = series.replace(dict(column.vocabulary.spellings))
        if column.kind in (Kind.INT, Kind.LINE, Kind.SIGN):
            typed[column.name] = series.astype("int64")
        elif column.kind is Kind.DATE:
            typed[column.name] = pd.to_datetime(series.replace("", None), format="%Y-%m-%d")
    return typed

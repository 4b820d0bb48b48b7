"""Strict CSV reading: every record keeps the line it starts on; every defect is a :class:`Problem`.

Built on the standard ``csv`` module in strict mode. Accepted: UTF-8 with or
without a byte-order mark, LF or CRLF line endings, blank lines, quoted fields
that run over several lines. Refused, each with file, line, column and a hint:
unbalanced quotes, records with too many or too few fields, a file saved with
``;`` or tab separators, text that is not UTF-8, an empty file, fields longer
than :data:`MAX_FIELD_CHARS`, control characters other than tab and line
breaks, files larger than :data:`MAX_FILE_BYTES`.
Nothing is dropped or merged: the lines the records account for must add up to
the lines of the file. A plain file, where none of this can go wrong, is read
whole by pandas instead (:mod:`budgetlib.plain_csv`); the result is the same.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from budgetlib.errors import DataError, Problem
from budgetlib.plain_csv import plain_cells

MAX_FILE_BYTES = 500_000_000  # about 4 million figures in amounts.csv; see data/README.md
MAX_FIELD_CHARS = 2_000
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
QUOTE = '"'
DELIMITER = ","
EXCEL_SEPARATORS = {";": "semikolon (;)", "\t": "tabb"}
RESAVE_HINT = "spara om filen som 'CSV UTF-8 (kommaavgränsad)'"
QUOTE_HINT = 'ett citattecken inne i ett citerat fält skrivs dubbelt: "Budget ""A"""'

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by surrogateescape
_DIGITS = re.compile(r"[+\-\u2212]?[0-9 \u00a0\u202f]*[0-9]")
_MORE_DIGITS = re.compile(r"[0-9]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab and line breaks, DEL, C1


class Record(NamedTuple):
    """One CSV record: its fields and the line of the file where it starts (header = line 1)."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    """A file as read: its header and its records' cells as text, a column per header cell,
    indexed by the line where each record starts."""

    header: Record
    cells: pd.DataFrame

    @property
    def records(self) -> tuple[Record, ...]:
        """Each record after the header, with the line it starts on."""
        columns = [self.cells[name].tolist() for name in self.header.cells]
        rows = zip(*columns, strict=True)
        return tuple(Record(line, cells) for line, cells in zip(self.cells.index.tolist(), rows, strict=True))


def read_csv(path: Path, number_columns: frozenset[str] = frozenset()) -> CsvTable:
    """Read a comma-separated UTF-8 file strictly; raise :class:`DataError` naming every defect.

    ``number_columns`` hold Swedish numbers: a record with one field too many whose
    extra field follows one of them is reported as an unquoted decimal comma there.
    """
    name = str(path)
    text = _decoded(path, name)
    plain = plain_cells(text, MAX_FIELD_CHARS)
    if plain is None or not any(cell.strip() for cell in plain[0]):  # a blank header: the file is empty
        return _read_strictly(text, name, number_columns)
    header = Record(1, plain[0])
    problems = _header_problems(name, header)
    if problems:
        raise DataError(problems)
    return CsvTable(header, plain[1])


def _read_strictly(text: str, name: str, number_columns: frozenset[str]) -> CsvTable:
    """Record by record, every defect named: the reader for any file that is not plain."""
    parsed, accounted = _parse(text, name)
    records = [r for r in parsed if r.cells]
    if not any(cell.strip() for record in records for cell in record.cells):
        raise DataError([Problem(name, 1, None, "filen är tom; väntade en rubrikrad med kolumnnamn")])
    header, *rows = records
    problems = _encoding_problems(name, records, header) if _UNDECODABLE.search(text) else []
    problems += _separator_problems(name, header)
    if problems:
        raise DataError(problems)
    problems = _header_problems(name, header)
    expected = len(header.cells)
    cells_checked = _CONTROL.search(text) is not None or _longest_cell(rows) > MAX_FIELD_CHARS
    problems += [
        p
        for row in rows
        if cells_checked or len(row.cells) != expected
        for p in _record_problems(name, header, row, number_columns)
    ]
    line_count = _line_count(text)
    if accounted != line_count:
        problems.append(
            Problem(
                name, None, None, f"posterna täcker inte filens {line_count} rader; filen lästes inte hel"
            )
        )
    if problems:
        raise DataError(problems)
    return CsvTable(header, _cells(header, rows))


def _cells(header: Record, rows: list[Record]) -> pd.DataFrame:
    """The records' cells as text, a column per header cell, indexed by the line each starts on."""
    columns = zip(*(row.cells for row in rows), strict=True) if rows else [()] * len(header.cells)
    texts = {name: list(cells) for name, cells in zip(header.cells, columns, strict=True)}
    lines = pd.Index([row.line for row in rows], dtype="int64")
    return pd.DataFrame(texts, index=lines, columns=list(header.cells)).astype(str)


def _decoded(path: Path, name: str) -> str:
    """The file's text; bytes that are not UTF-8 become lone surrogates, found per cell later."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError([Problem(name, None, None, "är ingen vanlig fil (en katalog eller specialfil)")])
        if info.st_size > MAX_FILE_BYTES:
            raise DataError([Problem(name, None, None, _too_large(info.st_size))])
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataError([Problem(name, None, None, f"kan inte läsas: {error.strerror}")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise DataError([Problem(name, None, None, _too_large(len(data)))])
    if data.startswith(UTF16_BOMS):
        raise DataError([Problem(name, 1, None, f"filen är sparad som UTF-16; {RESAVE_HINT}")])
    return data.removeprefix(UTF8_BOM).decode("utf-8", errors="surrogateescape")


def _too_large(size: int) -> str:
    return f"filen är {size} byte; högst {MAX_FILE_BYTES} byte tillåts"


def _line_starts(text: str) -> list[int]:
    """Offset in ``text`` where each line of the file starts."""
    starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    return starts[:-1] if starts[-1] == len(text) and len(starts) > 1 else starts


def _line_count(text: str) -> int:
    """``len(_line_starts(text))``, counted without listing the offsets."""
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return 1 + breaks - (1 if breaks and text.endswith(("\n", "\r")) else 0)


def _longest_cell(records: list[Record]) -> int:
    return max(map(len, itertools.chain.from_iterable(record.cells for record in records)), default=0)


def _parse(text: str, name: str) -> tuple[list[Record], int]:
    """Every record the csv module reads, blank ones included, each with its first line.

    Also the lines of the file the records account for: one each, plus the line
    breaks inside the fields of a record the reader took from several lines.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[Record] = []
    accounted = 0
    texts: dict[str, str] = {}  # one object per distinct field text: a million rows repeat most of them
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return records, accounted
        except csv.Error as error:
            header = next((r.cells for r in records if r.cells), ())
            defect = _scan_record(text, _line_starts(text)[start - 1], start)
            raise DataError([_quote_problem(name, header, start, defect, str(error))]) from None
        records.append(Record(start, tuple(map(texts.setdefault, cells, cells))))
        accounted += 1 if reader.line_num == start else 1 + len(_LINE_BREAK.findall("".join(cells)))


@dataclass(frozen=True)
class _QuoteDefect:
    """Where a record breaks the quoting rules: the field, the line it opens on, what is wrong."""

    line: int
    field: int
    kind: str  # "unclosed", "after-quote" or "too-long"
    found_on: int  # the line where the defect shows (a closing quote may be lines later)


def _quote_problem(
    name: str, header: tuple[str, ...], start: int, defect: _QuoteDefect | None, reason: str
) -> Problem:
    """Where in the record starting at line ``start`` the csv module gave up, and why."""
    if defect is None:
        return Problem(name, start, None, f"kan inte läsa posten som CSV ({reason})")
    column = header[defect.field] if defect.field < len(header) else f"fält {defect.field + 1}"
    if defect.kind == "unclosed":
        message = f"citattecknet som öppnar fältet stängs aldrig; resten av filen blev ett fält. {QUOTE_HINT}"
    elif defect.kind == "too-long":
        message = f"fältet är längre än {MAX_FIELD_CHARS} tecken (saknas ett avslutande citattecken?)"
    elif defect.found_on != defect.line:
        message = (
            f"citattecknet som öppnar fältet stängs först på rad {defect.found_on} och följs där inte av "
            f"kommatecken eller radslut; raderna däremellan blev ett fält. {QUOTE_HINT}"
        )
    else:
        message = f"efter det avslutande citattecknet väntade kommatecken eller radslut. {QUOTE_HINT}"
    return Problem(name, defect.line, column, message)


def _scan_record(text: str, offset: int, line: int) -> _QuoteDefect | None:
    """Walk one record from ``offset`` (on ``line``) to the defect the csv module stopped at."""
    limit = csv.field_size_limit()  # called without an argument it only reads the limit
    field, field_start, quoted, just_closed, opened_on = 0, True, False, False, line
    length = 0
    index = offset
    while index < len(text):
        char = text[index]
        index += 1
        length += 1
        if char in "\r\n":
            if char == "\r" and text[index : index + 1] == "\n":
                index += 1
            if not quoted:
                return None
            line += 1
        if quoted:
            if char == QUOTE and text[index : index + 1] == QUOTE:
                index += 1
            elif char == QUOTE:
                quoted, just_closed = False, True
            elif length > limit:
                return _QuoteDefect(opened_on, field, "too-long", line)
            continue
        if just_closed and char != DELIMITER:
            return _QuoteDefect(opened_on, field, "after-quote", line)
        just_closed = False
        if char == DELIMITER:
            field, field_start, length = field + 1, True, 0
        elif char == QUOTE and field_start:
            quoted, opened_on = True, line
        else:
            field_start = False
            if length > limit:
                return _QuoteDefect(line, field, "too-long", line)
    return _QuoteDefect(opened_on, field, "unclosed", line) if quoted else None


def _encoding_problems(name: str, records: list[Record], header: Record) -> list[Problem]:
    """The first place where the bytes were not UTF-8 (a file in another encoding fails everywhere)."""
    for record in records:
        for index, cell in enumerate(record.cells):
            bad = _UNDECODABLE.search(cell)
            if bad is None:
                continue
            before = "".join(record.cells[:index]) + cell[: bad.start()]
            line = record.line + len(_LINE_BREAK.findall(before))
            byte = ord(bad.group()) - 0xDC00
            column = header.cells[index] if record is not header and index < len(header.cells) else None
            message = (
                f"texten är inte UTF-8 (byte 0x{byte:02X}; filen är troligen sparad som Windows-1252 "
                f"eller Latin-1); {RESAVE_HINT}"
            )
            return [Problem(name, line, column, message)]
    return []


def _separator_problems(name: str, header: Record) -> list[Problem]:
    if len(header.cells) != 1:
        return []
    for separator, word in EXCEL_SEPARATORS.items():
        if separator in header.cells[0]:
            return [
                Problem(
                    name,
                    header.line,
                    None,
                    f"filen har {word} som avgränsare (så sparar Excel med svenska inställningar); "
                    f"väntade kommatecken: {RESAVE_HINT}",
                )
            ]
    return []


def _header_problems(name: str, header: Record) -> list[Problem]:
    problems = [
        Problem(name, header.line, None, f"kolumn {index + 1} saknar namn i rubrikraden")
        for index, cell in enumerate(header.cells)
        if not cell.strip()
    ]
    seen: set[str] = set()
    for cell in header.cells:
        if cell in seen:
            problems.append(Problem(name, header.line, cell, "kolumnnamnet förekommer två gånger"))
        seen.add(cell)
    return problems


def _record_problems(
    name: str, header: Record, record: Record, number_columns: frozenset[str]
) -> list[Problem]:
    expected, found = len(header.cells), len(record.cells)
    span = len(_LINE_BREAK.findall("".join(record.cells)))
    spread = (
        f" Posten sträcker sig över rad {record.line}–{record.line + span}: "
        "ett citattecken som inte stängs där det ska slår ihop rader."
        if span
        else ""
    )
    if found > expected:
        return [_too_many(name, header, record, spread, number_columns)]
    if found < expected:
        missing = header.cells[found]
        return [
            Problem(
                name,
                record.line,
                missing,
                f"för få fält: väntade {expected}, fick {found}; kolumnen och de efter den saknas "
                f"(ett kommatecken för lite?).{spread}",
            )
        ]
    return [
        Problem(name, record.line, column, message)
        for column, cell in zip(header.cells, record.cells, strict=True)
        if (message := _cell_problem(cell)) is not None
    ]


def _cell_problem(cell: str) -> str | None:
    if len(cell) > MAX_FIELD_CHARS:
        return f"fältet har {len(cell)} tecken; högst {MAX_FIELD_CHARS} tillåts"
    control = _CONTROL.search(cell)
    if control is not None:
        return (
            f"fältet innehåller styrtecknet {control.group()!r} (U+{ord(control.group()):04X}); ta bort det"
        )
    return None


def _too_many(
    name: str, header: Record, record: Record, spread: str, number_columns: frozenset[str]
) -> Problem:
    expected, found = len(header.cells), len(record.cells)
    cells = record.cells
    split = next(
        (
            i
            for i in range(min(found - 1, expected))
            if header.cells[i] in number_columns
            and _DIGITS.fullmatch(cells[i].strip())
            and _MORE_DIGITS.fullmatch(cells[i + 1].strip())
        ),
        None,
    )
    if split is not None and found == expected + 1:
        written = f"{cells[split]},{cells[split + 1]}"
        return Problem(
            name,
            record.line,
            header.cells[split],
            f"för många fält: väntade {expected}, fick {found}; {written!r} ser ut som ett tal med "
            f'decimalkomma, som måste stå inom citattecken: "{written}"',
        )
    return Problem(
        name,
        record.line,
        header.cells[-1],
        f"för många fält: väntade {expected}, fick {found}; text med kommatecken och tal med "
        f'decimalkomma måste stå inom citattecken, t.ex. "21,5".{spread}',
    )

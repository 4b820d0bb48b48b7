"""The fast path of the strict CSV reader: a plain file read whole by pandas' C reader.

A file is plain when one regular expression over its whole text shows that the
strict reader could find nothing wrong with it and that every record is one
line: each line holds as many fields as the header (at least two), each field
either unquoted (no quote, comma or line break) or quoted with doubled inner
quotes and no line break; no blank lines; no control character, byte that was
not UTF-8 or byte-order mark; no line longer than the longest field allowed.
On such a text pandas and the ``csv`` module read the same cells, and record
*n* starts on line *n* + 1. Any other file returns ``None`` and is read by
the strict reader, which names what is wrong.
"""

from __future__ import annotations

import csv
import functools
import io
import re

import numpy as np
import pandas as pd

_REFUSED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\udc80-\udcff\ufeff"  # control, not UTF-8, BOM
_FIELD = (
    rf'(?:"[^"\r\n{_REFUSED}]*+(?:""[^"\r\n{_REFUSED}]*+)*+"'  # quoted, "" inside, on one line
    rf'|[^",\r\n{_REFUSED}]*+)'  # unquoted
)
_LINE_END = r"(?:\r\n|\n|\r)"
_LINE_BREAK = re.compile(_LINE_END)


@functools.cache
def _plain_text(fields: int) -> re.Pattern[str]:
    """Lines of exactly ``fields`` plain fields; the last line may lack its line break."""
    line = rf"{_FIELD}(?:,{_FIELD}){{{fields - 1}}}"
    return re.compile(rf"{line}(?:{_LINE_END}{line})*+{_LINE_END}?")


def plain_cells(text: str, max_field_chars: int) -> tuple[tuple[str, ...], pd.DataFrame] | None:
    """The header and the records' cells (a column per header cell, indexed by line) of a plain text.

    ``None`` when the text is not plain (see the module's docstring).
    """
    header = _header(text)
    if header is None or len(header) < 2 or _plain_text(len(header)).fullmatch(text) is None:
        return None
    if len(text) > max_field_chars and max(map(len, text.split("\n"))) > max_field_chars:
        return None  # a field might be too long
    frame = pd.read_csv(
        io.BytesIO(text.encode("utf-8")),  # pandas reads bytes faster than text
        encoding="utf-8",
        header=None,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        engine="c",
    )
    if tuple(frame.iloc[0]) != header:
        return None  # not seen; a guard should a pandas version read a header differently
    cells = frame.iloc[1:].set_axis(list(header), axis="columns")
    return header, cells.set_axis(pd.Index(np.arange(2, len(frame) + 1), dtype="int64"), axis="index")


def _header(text: str) -> tuple[str, ...] | None:
    """The fields of the first line as the ``csv`` module reads them; ``None`` if it cannot."""
    end = _LINE_BREAK.search(text)
    first = text[: end.start()] if end else text
    try:
        return tuple(next(csv.reader([first], strict=True)))
    except (csv.Error, StopIteration):
        return None

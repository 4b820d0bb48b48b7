"""Write tables as an ``.xlsx`` workbook: Swedish-readable, deterministic, text never a formula.

Number formats are stored the way the file format wants them (``#,##0.0``:
comma = grouping, point = decimal); Excel and LibreOffice show them with the
reader's own separators, so a Swedish Excel shows ``3 356,1``.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import DCTERMS_NS
from openpyxl.xml.functions import tostring

INTEGER_FORMAT = "0"  # years and line numbers: no grouping (2 025 would be wrong)
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60  # characters; longer text wraps
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
CORE_PROPERTIES = "docProps/core.xml"
# characters XML 1.0 cannot carry (openpyxl refuses them); shown as U+FFFD instead
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a frame with a header row.

    ``decimals`` gives, for numeric columns, the number of decimals to show
    per row; ``integers`` names columns shown without grouping (years, lines).
    Every other non-numeric cell is written as text.
    """

    name: str
    frame: pd.DataFrame
    decimals: Mapping[str, Sequence[int]] = field(default_factory=dict)
    integers: frozenset[str] = frozenset()


def number_format(decimals: int) -> str:
    """``#,##0`` or ``#,##0.0…``: grouped thousands, ``decimals`` digits after the decimal sign."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _text_cell(cell: Cell | MergedCell, text: str) -> None:
    """Store data text as a string, never a formula, even when it starts with ``=``."""
    cell.value = _ILLEGAL.sub("\ufffd", text)
    cell.data_type = "s"
    if text[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True  # stays text if someone edits the cell in Excel


def _fill(sheet: Worksheet, spec: Sheet) -> None:
    frame = spec.frame
    bold = Font(bold=True)
    for col, header in enumerate(frame.columns, start=1):
        cell = sheet.cell(row=1, column=col)
        _text_cell(cell, str(header))
        cell.font = bold
    for r, values in enumerate(frame.itertuples(index=False, name=None)):
        for col, (header, value) in enumerate(zip(frame.columns, values, strict=True), start=1):
            cell = sheet.cell(row=r + 2, column=col)
            if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
                continue
            if isinstance(value, pd.Timestamp | date):
                cell.value = value.date() if isinstance(value, pd.Timestamp | datetime) else value
                cell.number_format = DATE_FORMAT
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
                if header in spec.integers:
                    cell.number_format = INTEGER_FORMAT
                elif header in spec.decimals:
                    cell.number_format = number_format(spec.decimals[header][r])
            else:
                _text_cell(cell, str(value))


def _layout(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Frozen header, autofilter, column widths from the content, A4 landscape print."""
    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, header in enumerate(frame.columns, start=1):
        longest = max([len(str(header)), *(len(str(v)) for v in frame[header])])
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH)
        if longest + 2 > MAX_WIDTH:
            for row in range(2, len(frame) + 2):
                sheet[f"{letter}{row}"].alignment = wrap
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def _repack(data: bytes, core_xml: bytes) -> bytes:
    """The same archive with fixed entry times and our document properties: equal input, equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = core_xml if info.filename == CORE_PROPERTIES else source.read(info)
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_EPOCH), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _core_properties(properties: DocumentProperties, dated: date | None) -> bytes:
    """The properties as XML, dated ``dated``; without any date when the data gives none."""
    moment = datetime(dated.year, dated.month, dated.day) if dated is not None else datetime(1980, 1, 1)
    properties.created = properties.modified = moment
    tree = properties.to_tree()
    if dated is None:
        for stamp in [e for e in tree if e.tag in (f"{{{DCTERMS_NS}}}created", f"{{{DCTERMS_NS}}}modified")]:
            tree.remove(stamp)
    xml = tostring(tree)
    return xml if isinstance(xml, bytes) else xml.encode("utf-8")


def workbook_bytes(sheets: Sequence[Sheet], title: str, dated: date | None) -> bytes:
    """The ``.xlsx`` file's bytes for ``sheets`` in order.

    ``dated`` (the data's own newest date, or ``None``) is the only date in
    the file's properties, so the same data always gives the same bytes.
    """
    book = Workbook()
    book.remove(book.worksheets[0])
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        _fill(sheet, spec)
        _layout(sheet, spec.frame)
    book.properties.title = title
    book.properties.creator = "budgetlib"
    core_xml = _core_properties(book.properties, dated)
    buffer = io.BytesIO()
    book.save(buffer)
    return _repack(buffer.getvalue(), core_xml)

"""``budgetlib export``: a selection's figures and findings for a spreadsheet.

Three tables: *Uppgifter* (every figure with its document, printed text and
source line), *Avstämning* (every finding, as ``budgetlib check`` words it,
numbers as numbers) and *Om* (what the file holds). Written as one ``.xlsx``
or as two CSV files that a Swedish Excel opens by double-click: UTF-8 with a
byte-order mark (so Excel reads å, ä, ö right), semicolon between fields (the
list separator of a Swedish Windows, since the comma is the decimal sign),
decimal comma, no thousands separator (so every number stays a number).
Excel still turns ids such as ``003`` into ``3`` in a CSV; the workbook keeps them.

Text from the data never becomes a formula: in the workbook it is stored as a
string; in CSV a text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or
carriage return gets a leading apostrophe, unless it is a plain number.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pandas as pd

import budgetlib
from budgetlib import columns as c
from budgetlib.atomic import write_atomic
from budgetlib.dataset import Dataset, SelectionError
from budgetlib.display import FINDING_HEADERS, findings_for_people
from budgetlib.errors import BudgetlibError
from budgetlib.findings import FAILING, STATUS_LABELS, Findings
from budgetlib.loading import SOURCES_DIR, TEXT_SOURCE
from budgetlib.reconciliation import reconcile
from budgetlib.report.names import slug
from budgetlib.workbook import Sheet, workbook_bytes

ExportFormat = Literal["xlsx", "csv"]
FIGURES_SHEET, FINDINGS_SHEET, ABOUT_SHEET = "Uppgifter", "Avstämning", "Om"
RUNNING_TEXT = "löptext"  # the "table" of a figure stated in running text

FIGURE_HEADERS = {
    c.DOC_ID: "Dokument",
    c.DIARIENUMMER: "Diarienummer",
    c.DISPLAY_NAME: "Organisation",
    c.NAMND: "Nämnd",  # the figure's own committee: a document may cover several
    c.BUDGET_YEAR: "Budgetår",
    c.TABLE_ID: "Tabell",
    c.LABEL: "Radrubrik",
    c.COLUMN: "Kolumn",
    c.MEASURE: "Mått",
    c.PHASE: "Fas",
    c.YEAR: "År",
    c.VALUE: "Värde",
    c.UNIT: "Enhet",
    c.QUALIFIER: "Ordval",
    c.VALUE_TEXT: "Tryckt värde",
    c.UNIT_TEXT: "Tryckt enhet",
    c.SOURCE_FILE: "Källfil",
    c.LINE: "Rad i källfilen",
    c.FIGURE_ID: "Uppgifts-id",
}
FINDING_NUMBERS = ("expected", "actual", "difference", "tolerance")
FINDING_FIGURES = "Uppgifts-id"
ABOUT_HEADERS = ("Uppgift", "Värde")
MOST_DECIMALS = 3

_SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.(xlsx|csv)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+\u2212]?\d[\d \u00a0\u202f]*(,\d+)?")


class ExportError(BudgetlibError, ValueError):
    """The export cannot be written where it was asked to go."""


def _selection(region: str, namnd: str, year: int) -> str:
    """Plain text for a workbook cell: ``Region Värmland, HSN, 2025`` or ``alla dokument``."""
    parts = [p for p in (region, namnd, str(year) if year else "") if p]
    return ", ".join(parts) if parts else "alla dokument"


def _document_line(document: dict[str, Any]) -> str:
    """Plain text: ``003 · Region Värmland · HSN 2025 — title (diarienummer, kind, date)``."""
    details = [str(document[key]) for key in (c.DIARIENUMMER, c.KIND) if document.get(key)]
    date = document.get(c.DATE)
    if isinstance(date, pd.Timestamp) and not pd.isna(date):
        details.append(date.strftime("%Y-%m-%d"))
    return (
        f"{document[c.DOC_ID]} · {document[c.REGION]} · {document[c.NAMND]} {document[c.BUDGET_YEAR]}"
        f" — {document[c.TITLE]} ({', '.join(details)})"
    )


def _decimals_needed(value: float, most: int) -> int:
    """Fewest decimals (up to ``most``) that show ``value`` without rounding it."""
    return next((d for d in range(most) if abs(round(value, d) - value) < 1e-9), most)


def _figure_decimals(value: float, step: float) -> int:
    """As many decimals as printed (``3,0`` keeps one); kronor in mkr only as many as needed."""
    printed = max(0, round(-math.log10(step))) if step > 0 else 0
    return printed if printed <= MOST_DECIMALS else _decimals_needed(value, printed)


def figures_sheet(dataset: Dataset) -> Sheet:
    """Every figure of ``dataset`` in document and line order, with Swedish headers."""
    documents = dataset.documents[[c.DOC_ID, c.DIARIENUMMER, c.DISPLAY_NAME, c.BUDGET_YEAR]]
    titles = dataset.tables.set_index(c.TABLE_ID)[c.TITLE]
    figures = dataset.figures.merge(documents, on=c.DOC_ID, how="left")
    figures[c.TABLE_ID] = [
        RUNNING_TEXT if source == TEXT_SOURCE else titles.get(table, table)
        for source, table in zip(figures[c.SOURCE], figures[c.TABLE_ID], strict=True)
    ]
    figures = figures.sort_values([c.DOC_ID, c.LINE, c.FIGURE_ID], ignore_index=True)
    decimals = [_figure_decimals(v, s) for v, s in zip(figures[c.VALUE], figures[c.STEP], strict=True)]
    frame = figures[list(FIGURE_HEADERS)].rename(columns=FIGURE_HEADERS)
    return Sheet(
        FIGURES_SHEET,
        frame,
        decimals={FIGURE_HEADERS[c.VALUE]: decimals},
        integers=frozenset(FIGURE_HEADERS[k] for k in (c.BUDGET_YEAR, c.YEAR, c.LINE)),
    )


def findings_sheet(findings: Findings) -> Sheet:
    """The findings as ``display.findings_for_people`` words them, but numbers as numbers."""
    frame = findings_for_people(findings)
    raw = findings.to_frame()
    decimals: dict[str, list[int]] = {}
    for key in FINDING_NUMBERS:
        values = [round(v, 9) for v in raw[key]]  # without float noise such as 0.0999999999999
        frame[FINDING_HEADERS[key]] = values
        decimals[FINDING_HEADERS[key]] = [
            0 if math.isnan(v) else _decimals_needed(v, MOST_DECIMALS) for v in values
        ]
    frame[FINDING_FIGURES] = raw["figure_ids"]
    return Sheet(FINDINGS_SHEET, frame, decimals=decimals)


def data_version(data_dir: Path) -> str:
    """SHA-256 over every file of the data directory (names and contents), in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        name = path.relative_to(data_dir).as_posix().encode()
        content = path.read_bytes()
        digest.update(len(name).to_bytes(8, "big") + name + len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()


def newest_date(dataset: Dataset) -> date | None:
    """The latest date any selected document states, or ``None``."""
    dates = dataset.documents[c.DATE].dropna()
    return None if dates.empty else pd.Timestamp(dates.max()).date()


def about_sheet(
    dataset: Dataset, findings: Findings, region: str | None, namnd: str | None, year: int | None
) -> Sheet:
    """What the file holds, for whom it was selected, from which documents and data version."""
    dated = newest_date(dataset)
    failing = len(findings.failing)
    failing_words = [STATUS_LABELS[s] for s in FAILING]
    rows = [
        (
            "Innehåll",
            f"Bladet {FIGURES_SHEET}: varje belopp och procentsats i de valda dokumenten med tryckt "
            f"värde, enhet och källrad. Bladet {FINDINGS_SHEET}: varje kontroll av summor, bryggor "
            "och uppgifter som rör dokumenten, med angivet och beräknat värde, skillnad, tolerans "
            "och status.",
        ),
        ("Urval", _selection(region or "", namnd or "", year or 0)),
        ("Budgetår", ", ".join(str(y) for y in sorted(set(dataset.documents[c.BUDGET_YEAR])))),
        ("Senaste datum i dokumenten", dated.isoformat() if dated else "dokumenten anger inget datum"),
        ("Uppgifter", len(dataset.figures)),
        ("Kontroller", f"{len(findings)}, varav {failing} {' eller '.join(failing_words)}"),
        (
            "Värde",
            "I mkr (miljoner kronor) eller procent, omräknat från tryckt värde och enhet, med tecken "
            "enligt texten (”reducerats med 21,3” ger −21,3); med lika många decimaler som dokumentet "
            "trycker.",
        ),
        ("Källfil och rad", f"Textfilerna i datans {SOURCES_DIR}/; raderna räknas från 1."),
        ("Skapad med", f"budgetlib {budgetlib.__version__}"),
        ("Dataversion (SHA-256)", data_version(dataset.data_dir)),
    ]
    documents = [
        {str(k): v for k, v in d.items()} for d in dataset.documents.sort_values(c.DOC_ID).to_dict("records")
    ]
    rows += [
        (f"Dokument {d[c.DOC_ID]}", f"{_document_line(d)}; källfil {d[c.SOURCE_FILE]}") for d in documents
    ]
    return Sheet(ABOUT_SHEET, pd.DataFrame(rows, columns=list(ABOUT_HEADERS)))


def _csv_cell(value: object, decimals: int | None, integer: bool) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if integer:
            return str(int(value))
        return f"{value:.{decimals or 0}f}".replace(".", ",")
    text = str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(sheet: Sheet) -> str:
    """The sheet as CSV for a Swedish Excel: semicolons, decimal comma, CRLF, formulas defused."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(str(h), None, False) for h in sheet.frame.columns])
    for r, values in enumerate(sheet.frame.itertuples(index=False, name=None)):
        writer.writerow(
            [
                _csv_cell(v, sheet.decimals[h][r] if h in sheet.decimals else None, h in sheet.integers)
                for h, v in zip(sheet.frame.columns, values, strict=True)
            ]
        )
    return out.getvalue()


def export_stem(region: str | None, namnd: str | None, year: int | None) -> str:
    """``region-varmland-hsn-2025`` or ``alla-dokument``: a file name stem from the selection."""
    parts = [slug(str(p)) for p in (region, namnd, year) if p is not None]
    stem = re.sub(r"[^a-z0-9-]+", "-", "-".join(parts)).strip("-")
    return stem or "alla-dokument"


def _target(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing any name that would land anywhere else."""
    if not _SAFE_NAME.fullmatch(name):
        raise ExportError(f"ogiltigt filnamn för export: {name!r}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"kan inte skapa exportmappen {out_dir}: {error.strerror}") from None
    if not out_dir.is_dir():
        raise ExportError(f"{out_dir} är ingen mapp")
    target = out_dir / name
    if target.resolve().parent != out_dir.resolve():
        raise ExportError(f"vägrar skriva {target}: den pekar utanför {out_dir}")
    return target


def export(
    dataset: Dataset,
    out_dir: Path,
    region: str | None = None,
    namnd: str | None = None,
    year: int | None = None,
    output_format: ExportFormat = "xlsx",
) -> list[Path]:
    """Write the selection's figures and findings into ``out_dir``; return the files written.

    ``xlsx``: one workbook ``<urval>.xlsx`` with the sheets Uppgifter, Avstämning and Om.
    ``csv``: ``<urval>-uppgifter.csv`` and ``<urval>-avstamning.csv``. Each file is
    written atomically. Raises :class:`SelectionError` for a selection without
    documents and :class:`ExportError` for a folder that cannot be written.
    """
    selected = dataset.select(region, namnd, year)
    if selected.documents.empty:
        chosen = ", ".join(str(p) for p in (region, namnd, year) if p is not None)
        raise SelectionError(f"datan har inga dokument för {chosen}; se 'budgetlib list'")
    findings = reconcile(dataset).involving(selected.documents[c.DOC_ID])
    stem = export_stem(region, namnd, year)
    sheets: Sequence[Sheet] = (figures_sheet(selected), findings_sheet(findings))
    if output_format == "csv":
        written = []
        for sheet, suffix in zip(sheets, ("uppgifter", "avstamning"), strict=True):
            target = _target(out_dir, f"{stem}-{suffix}.csv")
            write_atomic(target, csv_text(sheet).encode("utf-8-sig"))
            written.append(target)
        return written
    target = _target(out_dir, f"{stem}.xlsx")
    about = about_sheet(selected, findings, region, namnd, year)
    title = f"Budgetuppgifter: {_selection(region or '', namnd or '', year or 0)}"
    write_atomic(target, workbook_bytes([*sheets, about], title, newest_date(selected)))
    return [target]

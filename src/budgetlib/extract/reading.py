"""Read a document into numbered lines: the text every draft row cites.

Plain text is kept exactly as decoded. PDF (text layer, via pdfplumber) and
DOCX (paragraphs and Word tables, via python-docx) are turned into lines with
the page kept for PDF; table cells are separated by a tab so columns stay
apart. Line numbers count from 1 as ``str.splitlines`` counts them, which is
how the loader and the provenance check count them too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import Enum
from io import BytesIO
from pathlib import Path

from budgetlib.extract.failure import ExtractionError

MAX_BYTES = 50 * 1024 * 1024
CELL_SEPARATOR = "\t"
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and password-protected Office files
RTF_MAGIC = b"{\\rtf"
_LINE_BREAKS = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


class SourceKind(Enum):
    TEXT = "text"
    PDF = "pdf"
    DOCX = "docx"


@dataclass(frozen=True)
class SourceLine:
    """One line of the source text; ``page`` is the PDF page it stands on."""

    number: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class SourceText:
    """A document read into lines, with what the reader noticed on the way."""

    name: str
    kind: SourceKind
    lines: tuple[SourceLine, ...]
    original_sha256: str
    notes: tuple[str, ...] = ()
    verbatim: str | None = None  # plain text input: the decoded text, kept exactly

    @property
    def text(self) -> str:
        """The source text as written to the draft's ``sources/``."""
        if self.verbatim is not None:
            return self.verbatim
        return "".join(f"{line.text}\n" for line in self.lines)

    def line(self, number: int) -> SourceLine:
        return self.lines[number - 1]


def clean_line(text: str) -> str:
    """One printed line as a single source line: no line breaks or control characters inside."""
    text = _LINE_BREAKS.sub(" ", text)
    kept = "".join(ch for ch in text if ch == CELL_SEPARATOR or unicodedata.category(ch) not in ("Cc", "Cf"))
    return kept.rstrip(" ")  # a trailing tab is an empty last cell


def numbered(texts: list[tuple[str, int | None]]) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(i, clean_line(t), page) for i, (t, page) in enumerate(texts, start=1))


def _decode_text(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    if b"\x00" in data:
        raise ExtractionError(
            f"{name}: filtypen stöds inte (binärfil). Läs in PDF med textlager, DOCX eller ren text."
        )
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ExtractionError(
            f"{name}: texten är varken UTF-8 eller Windows-1252 (fel på rad {line}); spara om den som UTF-8."
        ) from None
    return text, (f"Texten var inte UTF-8 (första avvikelsen på rad {line}); den lästes som Windows-1252.",)


def _read_text(data: bytes, name: str, digest: str) -> SourceText:
    text, notes = _decode_text(data, name)
    lines = tuple(SourceLine(i, t) for i, t in enumerate(text.splitlines(), start=1))
    return SourceText(name, SourceKind.TEXT, lines, digest, notes, verbatim=text)


def _zip_is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def read_document(path: Path) -> SourceText:
    """Read text, PDF or DOCX; :class:`ExtractionError` (in Swedish) when it cannot be read."""
    name = path.name
    if not path.is_file():
        raise ExtractionError(f"{path}: filen finns inte (eller är ingen vanlig fil).")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ExtractionError(f"{name}: filen är för stor ({size // (1024 * 1024)} MB; högst 50 MB).")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExtractionError(f"{name}: filen kan inte läsas ({error.strerror}).") from None
    if not data.strip():
        raise ExtractionError(f"{name}: filen är tom.")
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(PDF_MAGIC):
        from budgetlib.extract.pdf_reading import read_pdf

        return read_pdf(data, name, digest)
    if data.startswith(ZIP_MAGIC):
        if not _zip_is_docx(data):
            raise ExtractionError(
                f"{name}: filtypen stöds inte (ett zip-arkiv men inget Word-dokument, t.ex. Excel). "
                "Läs in PDF, DOCX eller ren text."
            )
        from budgetlib.extract.docx_reading import read_docx

        return read_docx(data, name, digest)
    if data.startswith(OLE_MAGIC):
        raise ExtractionError(
            f"{name}: filtypen stöds inte (äldre Word/Excel-format eller ett lösenordsskyddat "
            "Office-dokument). Spara som DOCX eller PDF utan lösenord."
        )
    if data.startswith(RTF_MAGIC):
        raise ExtractionError(f"{name}: filtypen RTF stöds inte; spara som DOCX, PDF eller ren text.")
    return _read_text(data, name, digest)

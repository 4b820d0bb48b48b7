"""PDF text layer into lines, page kept, table columns kept apart by a tab.

Words are grouped into printed lines by their vertical position. Within a
line, a gap much wider than a space (a column gap) becomes a tab; a thousands
separator or an ordinary word space stays a space. A clearly larger vertical
gap than the page's usual line pitch becomes a blank line, as a paragraph
break does in plain text.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from io import BytesIO
from typing import Any

from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.reading import CELL_SEPARATOR, SourceKind, SourceText, numbered

COLUMN_GAP_EMS = 0.8  # a gap wider than this many font heights separates columns
PARAGRAPH_GAP = 1.4  # a line pitch this many times the usual one starts a new paragraph
SAME_LINE_EMS = 0.4  # words whose tops differ by less than this share a line

Word = dict[str, Any]


def _height(word: Word) -> float:
    return float(word["bottom"]) - float(word["top"])


def _printed_lines(words: Sequence[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):
        if lines and abs(float(word["top"]) - float(lines[-1][0]["top"])) <= SAME_LINE_EMS * _height(word):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: float(w["x0"])) for line in lines]


def _join(line: list[Word]) -> str:
    parts = [str(line[0]["text"])]
    for before, word in itertools.pairwise(line):
        gap = float(word["x0"]) - float(before["x1"])
        parts.append(CELL_SEPARATOR if gap > COLUMN_GAP_EMS * _height(word) else " ")
        parts.append(str(word["text"]))
    return "".join(parts)


def _page_lines(words: Sequence[Word]) -> list[str]:
    printed = _printed_lines(words)
    tops = [float(line[0]["top"]) for line in printed]
    pitches = [b - a for a, b in itertools.pairwise(tops)]
    usual = statistics.median(pitches) if pitches else 0.0
    texts: list[str] = []
    for index, line in enumerate(printed):
        if index and usual and pitches[index - 1] > PARAGRAPH_GAP * usual:
            texts.append("")
        texts.append(_join(line))
    return texts


def read_pdf(data: bytes, name: str, digest: str) -> SourceText:
    """Lines of a PDF's text layer; clear errors for encrypted, image-only or corrupt files."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    encrypted = b"/Encrypt" in data
    texts: list[tuple[str, int | None]] = []
    empty_pages: list[int] = []
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
                if not words:
                    empty_pages.append(number)
                texts.extend((text, number) for text in _page_lines(words))
    except PdfminerException as error:
        if encrypted:
            raise ExtractionError(
                f"{name}: PDF:en är krypterad (lösenordsskyddad) och kan inte läsas. "
                "Spara en kopia utan lösenord och försök igen."
            ) from None
        reason = str(error) or type(error).__name__
        raise ExtractionError(f"{name}: PDF:en är skadad och kan inte läsas ({reason}).") from None
    except Exception as error:  # pdfminer raises many kinds on broken files; each means the same here
        raise ExtractionError(
            f"{name}: PDF:en är skadad och kan inte läsas ({type(error).__name__}: {error})."
        ) from None
    if not any(text.strip() for text, _ in texts):
        raise ExtractionError(
            f"{name}: PDF:en saknar textlager (en inskannad bild?). Kör textigenkänning (OCR) först, "
            "eller läs in dokumentet som DOCX eller text."
        )
    notes = tuple(f"Sidan {n} har ingen text (bild eller tom sida); den är inte läst." for n in empty_pages)
    return SourceText(name, SourceKind.PDF, numbered(texts), digest, notes)

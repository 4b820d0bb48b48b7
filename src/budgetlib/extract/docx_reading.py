"""DOCX body into lines: one line per paragraph (and per soft line break), one per table row.

Word tables keep their cells apart with a tab; a merged cell counts once. A
blank line goes before and after each table, so a table stands as its own
block, as it does on the page.
"""

from __future__ import annotations

from io import BytesIO

from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.reading import CELL_SEPARATOR, SourceKind, SourceText, numbered


def _row_text(cells: list[str]) -> str:
    return CELL_SEPARATOR.join(" ".join(cell.split()) for cell in cells)


def read_docx(data: bytes, name: str, digest: str) -> SourceText:
    """Paragraphs and table rows of a Word document, in body order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(BytesIO(data))
        texts: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                texts.extend(block.text.split("\n"))
            elif isinstance(block, Table):
                texts.append("")
                for row in block.rows:
                    seen: list[object] = []
                    cells: list[str] = []
                    for cell in row.cells:
                        if any(cell._tc is other for other in seen):
                            continue  # a merged cell is returned once per grid column it spans
                        seen.append(cell._tc)
                        cells.append(cell.text)
                    texts.append(_row_text(cells))
                texts.append("")
    except Exception as error:  # python-docx and lxml raise many kinds on broken files
        raise ExtractionError(
            f"{name}: Word-dokumentet är skadat och kan inte läsas ({type(error).__name__}: {error})."
        ) from None
    return SourceText(name, SourceKind.DOCX, numbered([(t, None) for t in texts]), digest)

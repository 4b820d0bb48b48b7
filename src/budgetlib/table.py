"""A table of text and source links, drawn as escaped HTML in notebooks and as plain text elsewhere."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

import pandas as pd

from budgetlib.markup import NO_MATH, Link

Cell = str | Link | tuple[Link, ...]

NUMERIC_CLASS = "num"  # a column of figures: right-aligned, never broken inside (see report.print_style)
LONG_CLASS = "long"  # a text cell with a long unbroken token (a file name): may break anywhere
WIDE_CLASS = "wide"  # a table of many columns: a smaller font on paper
WIDE_COLUMNS = 9
TURNED_CLASS = "turn"  # a column heading set on its side: many narrow columns of figures fit the page
WHOLE_CLASS = "whole"  # a table short enough to keep on one page with its caption and header
WHOLE_ROWS = 25
LONG_TOKEN = 18  # characters without a space
_SPACE = "[ \u00a0\u202f]"
_FIGURE = re.compile(  # a figure as budgetlib writes it: 9 065 mkr, +7,6 %, −324, 41 % (2023)
    rf"[±+\-\u2212]?(0|[1-9]\d{{0,2}}(?:{_SPACE}\d{{3}})*|[1-9]\d*)(,\d+)?"
    rf"(?:{_SPACE}?(?:mkr|tkr|kr|mdkr|%|st))?"
    rf"(?:{_SPACE}\([^()]*\))?"
)
_BLANK = {"", "–", "-", "\u2212"}


def _cell_text(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(part) for part in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _cell_html(value: object) -> str:
    if isinstance(value, Link):
        return value.html()
    if isinstance(value, tuple):
        return ", ".join(part.html() if isinstance(part, Link) else html.escape(str(part)) for part in value)
    return html.escape(_cell_text(value))


def numeric_columns(frame: pd.DataFrame) -> set[int]:
    """Positions of the columns where at least half the filled cells are figures
    (a ``Svar saknas`` among figures leaves a column numeric)."""
    numeric = set()
    for j in range(frame.shape[1]):
        filled = [t for t in (_cell_text(v).strip() for v in frame.iloc[:, j]) if t not in _BLANK]
        if filled and 2 * sum(bool(_FIGURE.fullmatch(t)) for t in filled) >= len(filled):
            numeric.add(j)
    return numeric


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


@dataclass(frozen=True)
class Table:
    """A frame shown in full and without its index: HTML in notebooks, plain text elsewhere.

    A cell holds text, a :class:`~budgetlib.markup.Link` (a figure linked to its
    source line) or a tuple of links. Every cell and header is HTML-escaped
    text (data never becomes markup), in a table MathJax leaves alone.
    ``strong`` rows (a Summa row) are set in bold; ``caption`` names the table.
    Columns of figures carry the class :data:`NUMERIC_CLASS`, text cells with a long
    unbroken token :data:`LONG_CLASS`, the headings of the ``turned`` columns
    :data:`TURNED_CLASS`, tables of many columns :data:`WIDE_CLASS` and short
    ones :data:`WHOLE_CLASS`, for the print stylesheet; the text is as given.
    """

    frame: pd.DataFrame
    strong: tuple[bool, ...] = ()
    caption: str = ""
    turned: tuple[str, ...] = ()  # columns whose heading stands on its side (a matrix of shares)

    def _repr_html_(self) -> str:
        numeric = numeric_columns(self.frame)
        headers = []
        for j, name in enumerate(self.frame.columns):
            kinds = [NUMERIC_CLASS] * (j in numeric) + [TURNED_CLASS] * (name in self.turned)
            headers.append(f"<th{_class(' '.join(kinds))}>{html.escape(str(name))}</th>")
        header = "".join(headers)
        rows = []
        for index, row in enumerate(self.frame.itertuples(index=False)):
            bold = index < len(self.strong) and self.strong[index]
            cells = []
            for j, value in enumerate(row):
                long = any(len(token) >= LONG_TOKEN for token in _cell_text(value).split())
                kind = NUMERIC_CLASS if j in numeric else (LONG_CLASS if long else "")
                cell = _cell_html(value)
                shown = f"<strong>{cell}</strong>" if bold and cell else cell
                cells.append(f"<td{_class(kind)}>{shown}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        classes = f" {WIDE_CLASS}" if self.frame.shape[1] >= WIDE_COLUMNS else ""
        classes += f" {WHOLE_CLASS}" if len(self.frame) <= WHOLE_ROWS else ""
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (
            f'<table class="dataframe {NO_MATH}{classes}">{caption}\n'
            f"<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )

    def __repr__(self) -> str:
        shown = self.frame.map(_cell_text) if len(self.frame) else self.frame
        text = shown.to_string(index=False)
        return f"{self.caption}\n{text}" if self.caption else text

"""A table of text and source links, drawn as escaped HTML in notebooks and as plain text elsewhere."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from budgetlib.markup import NO_MATH, Link

Cell = str | Link | tuple[Link, ...]


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


@dataclass(frozen=True)
class Table:
    """A frame shown in full and without its index: HTML in notebooks, plain text elsewhere.

    A cell holds text, a :class:`~budgetlib.markup.Link` (a figure linked to its
    source line) or a tuple of links. Every cell and header is HTML-escaped
    text (data never becomes markup), in a table MathJax leaves alone.
    ``strong`` rows (a Summa row) are set in bold; ``caption`` names the table.
    """

    frame: pd.DataFrame
    strong: tuple[bool, ...] = ()
    caption: str = ""

    def _repr_html_(self) -> str:
        header = "".join(f"<th>{html.escape(str(name))}</th>" for name in self.frame.columns)
        rows = []
        for index, row in enumerate(self.frame.itertuples(index=False)):
            bold = index < len(self.strong) and self.strong[index]
            cells = (_cell_html(value) for value in row)
            rows.append(
                "<tr>"
                + "".join(
                    f"<td><strong>{cell}</strong></td>" if bold and cell else f"<td>{cell}</td>"
                    for cell in cells
                )
                + "</tr>"
            )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (
            f'<table class="dataframe {NO_MATH}">{caption}\n'
            f'<thead><tr style="text-align: right;">{header}</tr>'
            "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
        )

    def __repr__(self) -> str:
        shown = self.frame.map(_cell_text) if len(self.frame) else self.frame
        text = shown.to_string(index=False)
        return f"{self.caption}\n{text}" if self.caption else text

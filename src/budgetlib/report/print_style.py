"""Print and narrow-screen style for the reports nbconvert writes.

:func:`add_print_css` makes a report fit A4 paper and an 800 px window:
tables wrap their text instead of running off the page (so the Status and
Kommentar columns stay visible), numbers never break inside and stand
right-aligned while text stands left-aligned, and no heading is left alone
at the foot of a page. Numeric columns are recognised from the cells' text
(numbers as budgetlib formats them: ``9 065 mkr``, ``+7,6 %``, ``−324``) and
marked with the class ``num``; nothing else in the page changes.
"""

from __future__ import annotations

import html
import re

STYLE_ID = "budgetlib-print"
NUMERIC_CLASS = "num"

PRINT_CSS = """
@page { size: A4; margin: 20mm 15mm; }
/* Tables as wide as their content and never wider than the page: text wraps, numbers do not.
   Selectors start with .jp-Notebook to outrank JupyterLab's own right-aligning rules. */
.jp-Notebook .jp-RenderedHTMLCommon table { table-layout: auto; max-width: 100%; margin-left: 0; }
.jp-Notebook .jp-RenderedHTMLCommon td, .jp-Notebook .jp-RenderedHTMLCommon th {
  text-align: left; vertical-align: top; overflow-wrap: break-word; padding: 0.3em 0.4em;
}
.jp-Notebook .jp-RenderedHTMLCommon td.num, .jp-Notebook .jp-RenderedHTMLCommon th.num {
  text-align: right; white-space: nowrap; overflow-wrap: normal; font-variant-numeric: tabular-nums;
}
.jp-Notebook .jp-RenderedHTMLCommon td.long { overflow-wrap: anywhere; min-width: 6em; }
.jp-Notebook .jp-RenderedHTMLCommon thead th { vertical-align: bottom; }
.jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-OutputArea-child { overflow: visible; max-width: 100%; }
.jp-RenderedImage img, .jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
/* no heading alone at the foot of a page, no table row or chart split in two */
h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.jp-MarkdownCell:has(:is(h1, h2, h3, h4, h5, h6)) { break-after: avoid; page-break-after: avoid; }
tr, img, li { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
p, li { orphans: 3; widows: 3; }
@media print {
  html, body { background: #fff; }
  :root {  /* a narrower face than the screen's, so wide tables fit the page */
    --jp-content-font-family: "Liberation Sans", Arial, Helvetica, sans-serif;
    --jp-ui-font-family: "Liberation Sans", Arial, Helvetica, sans-serif;
  }
  body, .jp-RenderedHTMLCommon { font-size: 10pt; }
  .jp-Notebook .jp-RenderedHTMLCommon td, .jp-Notebook .jp-RenderedHTMLCommon th {
    font-size: 8pt; padding: 0.25em 0.3em;
  }
  .jp-Notebook .jp-RenderedHTMLCommon table.wide :is(td, th) { font-size: 7.5pt; }
  .anchor-link { display: none; }
  .jp-Notebook, .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea { padding-left: 0; padding-right: 0; }
  .jp-RenderedHTMLCommon tbody tr { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
}
@media screen and (max-width: 900px) {
  .jp-Notebook { padding-left: 8px; padding-right: 8px; }
  .jp-Notebook .jp-RenderedHTMLCommon td, .jp-Notebook .jp-RenderedHTMLCommon th {
    font-size: 0.85em; padding: 0.25em 0.3em;
  }
}
"""

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.DOTALL | re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr\s*>", re.DOTALL | re.IGNORECASE)
_CELL = re.compile(r"<(td|th)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_CLASS = re.compile(r'\bclass\s*=\s*"([^"]*)"', re.IGNORECASE)
_SPACE = "[ \u00a0\u202f]"
_NUMBER = re.compile(
    rf"[+\-\u2212]?(0|[1-9]\d{{0,2}}(?:{_SPACE}\d{{3}})*|[1-9]\d*)(,\d+)?"
    rf"(?:{_SPACE}?(?:mkr|tkr|kr|mdkr|%|st))?"
    rf"(?:{_SPACE}\([^()]*\))?"
)
_BLANK = {"", "–", "-", "\u2212"}
LONG_CLASS = "long"
WIDE_CLASS = "wide"
WIDE_COLUMNS = 9  # tables with this many columns get a smaller font on paper
LONG_TOKEN = 18  # characters without a space: file names, ids; these may break anywhere
# a space between digit groups (8 428), outside any tag; kept whole with a no-break space
_DIGIT_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)


def _text(cell_markup: str) -> str:
    return html.unescape(_TAG.sub("", cell_markup)).strip()


def _numeric_columns(body_rows: list[list[str]]) -> set[int]:
    """Columns where at least half the filled cells are numbers (``Svar saknas`` among figures)."""
    width = max((len(r) for r in body_rows), default=0)
    numeric = set()
    for j in range(width):
        filled = [t for t in (_text(r[j]) for r in body_rows if j < len(r)) if t not in _BLANK]
        if filled and 2 * sum(bool(_NUMBER.fullmatch(t)) for t in filled) >= len(filled):
            numeric.add(j)
    return numeric


def _with_class(attributes: str, name: str) -> str:
    found = _CLASS.search(attributes)
    if found is None:
        return f'{attributes} class="{name}"'
    if name in found.group(1).split():
        return attributes
    return attributes[: found.start()] + f'class="{found.group(1)} {name}"' + attributes[found.end() :]


def _mark_row(row: str, numeric: set[int]) -> str:
    parts, end = [], 0
    for j, cell in enumerate(_CELL.finditer(row)):
        tag, attributes, content = cell.groups()
        if j in numeric:
            attributes = _with_class(attributes, NUMERIC_CLASS)
        elif any(len(token) >= LONG_TOKEN for token in _text(content).split()):
            attributes = _with_class(attributes, LONG_CLASS)
        parts += [row[end : cell.start()], f"<{tag}{attributes}>{content}</{tag}>"]
        end = cell.end()
    return "".join([*parts, row[end:]])


def _mark_table(table: str) -> str:
    if re.search(r"\b(colspan|rowspan)\s*=", table, re.IGNORECASE):
        return table  # merged cells: column positions are ambiguous; leave the table as it is
    body_start = table.lower().find("<tbody")
    body_rows = [
        [m.group(0) for m in _CELL.finditer(row.group(0))] for row in _ROW.finditer(table, max(body_start, 0))
    ]
    numeric = _numeric_columns(body_rows)
    marked = _ROW.sub(lambda row: _mark_row(row.group(0), numeric), table)
    if max((len(r) for r in body_rows), default=0) < WIDE_COLUMNS:
        return marked
    opening = re.match(r"<table\b([^>]*)>", marked, re.IGNORECASE)
    if opening is None:
        return marked
    return f"<table{_with_class(opening.group(1), WIDE_CLASS)}>" + marked[opening.end() :]


def mark_table_columns(page: str) -> str:
    """Mark tables for the stylesheet: ``num`` on every cell (and header) of a column holding
    mostly numbers, ``long`` on text cells with a long unbroken token (a file name), ``wide``
    on tables of many columns."""
    return _TABLE.sub(lambda table: _mark_table(table.group(0)), page)


def keep_numbers_whole(page: str) -> str:
    """Join digit groups (``8 428``) with a no-break space in the page's text, never in tags,
    scripts or styles, so no line break falls inside a number."""
    parts, end = [], 0
    for markup in _MARKUP.finditer(page):
        parts += [_DIGIT_GROUP_SPACE.sub("\u00a0", page[end : markup.start()]), markup.group(0)]
        end = markup.end()
    return "".join([*parts, _DIGIT_GROUP_SPACE.sub("\u00a0", page[end:])])


def add_print_css(page: str) -> str:
    """The page with :data:`PRINT_CSS` as the last stylesheet of its head, table cells marked
    and numbers kept whole. Idempotent: applied twice, the page is the same as applied once."""
    page = re.sub(rf'<style id="{STYLE_ID}">.*?</style>\s*', "", page, flags=re.DOTALL)
    style = f'<style id="{STYLE_ID}">{PRINT_CSS}</style>\n'
    marked = keep_numbers_whole(mark_table_columns(page))
    head_end = re.search(r"</head\s*>", marked, re.IGNORECASE)
    if head_end is None:
        return style + marked
    return marked[: head_end.start()] + style + marked[head_end.start() :]

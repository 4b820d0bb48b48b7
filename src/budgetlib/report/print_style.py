"""Print and narrow-screen style for the reports nbconvert writes: CSS only, no text touched.

:data:`PRINT_CSS` makes a report fit A4 paper and an 800 px window: tables
wrap their text instead of running off the page (so the Status and Kommentar
columns stay visible), figures stand right-aligned and never break inside
while text stands left-aligned, and no heading is left alone at the foot of a
page. It relies on the classes :class:`~budgetlib.table.Table` gives its cells
(:data:`~budgetlib.table.NUMERIC_CLASS` and the others) and on numbers written with no-break spaces by
the library itself; the page's text is never rewritten.
"""

from __future__ import annotations

STYLE_ID = "budgetlib-print"

PRINT_CSS = """
@page { size: A4; margin: 20mm 15mm; }
/* Tables as wide as their content and never wider than the page: text wraps, numbers do not.
   Selectors start with .jp-Notebook to outrank JupyterLab's own right-aligning rules. */
.jp-Notebook .jp-RenderedHTMLCommon table { table-layout: auto; max-width: 100%; margin-left: 0; }
.jp-Notebook .jp-RenderedHTMLCommon td, .jp-Notebook .jp-RenderedHTMLCommon th {
  text-align: left; vertical-align: top; overflow-wrap: break-word; padding: 0.3em 0.4em;
}
.jp-Notebook .jp-RenderedHTMLCommon td.num, .jp-Notebook .jp-RenderedHTMLCommon th.num {
  text-align: right; font-variant-numeric: tabular-nums;
}
.jp-Notebook .jp-RenderedHTMLCommon td.num { white-space: nowrap; overflow-wrap: normal; }
.jp-Notebook .jp-RenderedHTMLCommon td.long { overflow-wrap: anywhere; min-width: 6em; }
.jp-Notebook .jp-RenderedHTMLCommon thead th.turn {
  writing-mode: vertical-lr; transform: rotate(180deg); white-space: nowrap; text-align: left;
  vertical-align: top;
}  /* a heading on its side, read upwards from its figures' right edge (vertical-align runs across the
      turned line, so top is right): a matrix of many narrow columns fits the page */
.jp-Notebook .jp-RenderedHTMLCommon thead th {
  vertical-align: bottom; white-space: normal; overflow-wrap: break-word; hyphens: auto;
}  /* a long heading wraps (Budgettillskott lönekostnader), the figures under it do not */
.jp-OutputArea-output, .jp-RenderedHTMLCommon, .jp-OutputArea-child { overflow: visible; max-width: 100%; }
.jp-RenderedImage img, .jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
/* no heading alone at the foot of a page, no table row or chart split in two */
h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.jp-MarkdownCell:has(:is(h1, h2, h3, h4, h5, h6)) { break-after: avoid; page-break-after: avoid; }
/* a heading written by a report's code, and the output or line under it, go with what follows */
.jp-OutputArea-child:has(:is(h1, h2, h3, h4, h5, h6)),
.jp-OutputArea-child:has(:is(h1, h2, h3, h4, h5, h6)) + .jp-OutputArea-child:has(> .jp-RenderedMarkdown),
:is(h1, h2, h3, h4, h5, h6) + p {
  break-after: avoid; page-break-after: avoid;
}
tr, img, li { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
table.whole { break-inside: avoid; page-break-inside: avoid; }  /* caption and header never alone */
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
  /* JupyterLab keeps each output on one page, which pushes a long table to the next page and
     leaves the rest of this one empty; rows, charts and headings are kept whole above */
  .jp-OutputArea-child { break-inside: auto; }
  /* outputs as plain blocks, not table boxes, so "keep with next" works between them */
  .jp-OutputArea-child, .jp-OutputArea-child > .jp-OutputArea-output { display: block; }
  caption { break-after: avoid; page-break-after: avoid; }
  .jp-Notebook, .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea { padding-left: 0; padding-right: 0; }
  /* nothing after the last output, or a report that fills its last page gets an empty one */
  .jp-Notebook { padding-bottom: 0; }
  .jp-Cell:last-child, .jp-Cell:last-child :is(.jp-Cell-outputWrapper, .jp-OutputArea-child:last-child) {
    margin-bottom: 0; padding-bottom: 0;
  }
  .jp-Cell:last-child .jp-OutputArea-child:last-child > * > :last-child { margin-bottom: 0; }
  .jp-RenderedHTMLCommon tbody tr { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
}
@media screen and (max-width: 900px) {
  .jp-Notebook { padding-left: 8px; padding-right: 8px; }
  .jp-Notebook .jp-RenderedHTMLCommon td, .jp-Notebook .jp-RenderedHTMLCommon th {
    font-size: 0.85em; padding: 0.25em 0.3em;
  }
  .jp-Notebook .jp-RenderedHTMLCommon table:has(th.turn) :is(td, th) { font-size: 0.78em; }  /* a matrix */
}
"""


def style_element() -> str:
    """:data:`PRINT_CSS` as a ``<style>`` element for the end of a page's head."""
    return f'<style id="{STYLE_ID}">{PRINT_CSS}</style>'

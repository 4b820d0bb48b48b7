"""Line-numbered HTML views of the source texts, so every figure in a report can link to its line.

Each ``data/sources/NAME.txt`` becomes ``reports/kallor/NAME.html``: a
standalone page (no script, no font or style from elsewhere; a
Content-Security-Policy forbids both) with one anchor per line (``#L12``).
The linked line is highlighted with CSS ``:target``. Lines are counted as the
loader counts them (``str.splitlines``), so the line numbers in the data are
the line numbers here. Every line is HTML-escaped: source text is never markup.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from urllib.parse import quote

from budgetlib.atomic import write_atomic
from budgetlib.errors import BudgetlibError
from budgetlib.loading import SOURCES_DIR

VIEWS_DIR = "kallor"
_SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.txt")

STYLE = """
:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; }
header { padding: 1rem 1.5rem 0.5rem; border-bottom: 1px solid #ccc; }
h1 { font-size: 1.25rem; margin: 0 0 0.25rem; }
header p { margin: 0.25rem 0; color: #444; font-size: 0.9rem; }
.source { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85rem;
  line-height: 1.45; padding: 0.5rem 0; }
.line { display: grid; grid-template-columns: 5.5ch minmax(0, 1fr); column-gap: 1ch; min-height: 1.45em;
  scroll-margin-top: 30vh; }
.number { text-align: right; color: #777; text-decoration: none; user-select: none; padding-right: 0.5ch;
  border-right: 1px solid #ddd; }
.number:hover, .number:focus { color: #0b57d0; text-decoration: underline; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
.line:target { background: #fff3b0; box-shadow: inset 4px 0 0 #d4a000; }
.line:target .number { color: #1a1a1a; font-weight: bold; }
@media print {
  header { border: 0; }
  .line { break-inside: avoid; }
  .line:target { background: none; box-shadow: none; }
}
"""


class SourceNameError(BudgetlibError, ValueError):
    """A source file name that could lead outside the sources or views folder."""


def view_name(source_file: str) -> str:
    """``003_x.txt`` → ``003_x.html``; any name with a path, or not ``.txt``, is refused."""
    if not _SOURCE_NAME.fullmatch(source_file) or ".." in source_file:
        raise SourceNameError(f"ogiltigt källfilnamn {source_file!r}: väntade t.ex. '003_abc.txt'")
    return source_file.removesuffix(".txt") + ".html"


def render_source_view(source_file: str, text: str, title: str | None = None) -> str:
    """The page for one source text: a heading, then each line with its number and anchor ``L<n>``."""
    view_name(source_file)
    lines = text.splitlines()
    heading = html.escape(title if title else source_file)
    rows = "\n".join(
        f'<div class="line" id="L{n}"><a class="number" href="#L{n}">{n}</a>'
        f'<span class="text">{html.escape(line)}</span></div>'
        for n, line in enumerate(lines, start=1)
    )
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Källtext: {heading}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>Källtext: {heading}</h1>
<p>Fil {html.escape(source_file)}, {len(lines)} rader, som den extraherats ur dokumentet (tabellernas
kolumner kan ha slagits ihop till rader). Radnumren är de som rapporterna hänvisar till.</p>
</header>
<main class="source">
{rows}
</main>
</body>
</html>
"""


def write_source_views(
    data_dir: Path, reports_dir: Path, titles: Mapping[str, str] | None = None
) -> dict[str, Path]:
    """Write a view of every ``data_dir/sources/*.txt`` into ``reports_dir/kallor/``.

    ``titles`` maps a source file name to the heading to show (e.g. the
    document's heading); the file name is shown otherwise. Each page is written
    atomically, and only when its content changed. Returns source file → page.
    """
    views = reports_dir / VIEWS_DIR
    written: dict[str, Path] = {}
    for source in sorted((data_dir / SOURCES_DIR).glob("*.txt")):
        page = render_source_view(
            source.name, source.read_text(encoding="utf-8"), (titles or {}).get(source.name)
        )
        target = views / view_name(source.name)
        if not target.is_file() or target.read_text(encoding="utf-8") != page:
            write_atomic(target, page)
        written[source.name] = target
    return written


def source_link(from_html: Path, source_file: str, line: int, reports_dir: Path) -> str:
    """The relative link from the page ``from_html`` to ``line`` of ``source_file``'s view.

    ``reports/region-varmland/hsn-2025.html`` → ``../kallor/003_x.html#L12``.
    Both pages must lie inside ``reports_dir``; the link has no scheme and no host.
    """
    if isinstance(line, bool) or not isinstance(line, int) or line < 1:
        raise ValueError(f"radnummer måste vara ett heltal från 1, fick {line!r}")
    return f"{_view_target(from_html, source_file, reports_dir)}#L{line}"


@cache
def _view_target(from_html: Path, source_file: str, reports_dir: Path) -> str:
    """The quoted relative path from the page to the source's view; once per page and source."""
    root = os.path.abspath(reports_dir)
    page = os.path.abspath(from_html)
    if os.path.commonpath([root, page]) != root:
        raise ValueError(f"{from_html} ligger inte i rapportmappen {reports_dir}")
    here = posixpath.dirname(Path(os.path.relpath(page, root)).as_posix()) or "."
    target = posixpath.relpath(f"{VIEWS_DIR}/{view_name(source_file)}", start=here)
    return quote(target)

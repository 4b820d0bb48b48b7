"""``reports/index.html``: every report with its status, from the build manifest.

Links are the manifest's relative paths, percent-encoded: whatever the
manifest holds, a link can only be a path below the index, never a scheme
such as ``javascript:``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
body { color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.ok { color: #009E73; } .failed { color: #D55E00; font-weight: bold; }
code { font-size: .85rem; white-space: pre-wrap; }
"""


def _row(entry: dict[str, Any], reports: Path) -> str:
    html_exists = (reports / entry["html"]).is_file()
    title = escape(entry["title"])
    link = f'<a href="{escape(quote(entry["html"]))}">{title}</a>' if html_exists else title
    notebook = (
        f'<a href="{escape(quote(entry["ipynb"]))}">notebook</a>'
        if (reports / entry["ipynb"]).is_file()
        else ""
    )
    pdf = Path(entry["html"]).with_suffix(".pdf").as_posix()
    printed = f'<a href="{escape(quote(pdf))}">PDF</a>' if (reports / pdf).is_file() else ""
    if entry["status"] == "failed":
        kept = " Föregående version visas." if html_exists else ""
        status = f'<span class="failed">misslyckades</span><br><code>{escape(entry["error"])}</code>{kept}'
    else:
        status = '<span class="ok">klar</span>'
    return f"<tr><td>{link}</td><td>{status}</td><td>{printed}</td><td>{notebook}</td></tr>"


def render_index(entries: dict[str, dict[str, Any]], reports: Path) -> str:
    """The index page, grouped by region; the same entries always give the same bytes."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(entries):
        groups.setdefault(entries[key]["group"], []).append(entries[key])
    failed = sum(entry["status"] == "failed" for entry in entries.values())
    summary = f"{len(entries)} rapporter" + (
        f", <span class='failed'>{failed} misslyckades</span>" if failed else ""
    )
    sections = "".join(
        f"<h2>{escape(group)}</h2><table><tr><th>Rapport</th><th>Status</th>"
        "<th>Utskrift</th><th>Körd notebook</th></tr>"
        + "".join(_row(entry, reports) for entry in sorted(items, key=lambda e: e["title"]))
        + "</table>"
        for group, items in sorted(groups.items())
    )
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>Budgetrapporter</title><style>{STYLE}</style></head><body>"
        f"<h1>Budgetrapporter</h1><p>{summary}.</p>{sections}</body></html>\n"
    )
